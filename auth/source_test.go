package auth_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authgear-admin/adminapi/auth"
	"github.com/golang-jwt/jwt/v5"
	"github.com/google/go-cmp/cmp"
)

// countingSigner returns "<prefix>-<n>" for its n-th signature and records
// the claims of the last one. With delay set, each signature takes that
// long, so concurrent callers pile up behind the one signing.
type countingSigner struct {
	prefix string
	delay  time.Duration
	err    atomic.Pointer[error]
	n      atomic.Int64
	last   atomic.Pointer[auth.Claims]
}

func (c *countingSigner) Sign(claims jwt.Claims) (string, error) {
	if err := c.err.Load(); err != nil {
		return "", *err
	}
	time.Sleep(c.delay)
	n := c.n.Add(1)
	c.last.Store(claims.(*auth.Claims))
	return fmt.Sprintf("%s-%d", c.prefix, n), nil
}

func (c *countingSigner) fail(err error) { c.err.Store(&err) }

// fakeClock is a clock tests move by hand; safe for concurrent use.
type fakeClock struct {
	start   time.Time
	elapsed atomic.Int64
}

func newFakeClock() *fakeClock {
	return &fakeClock{start: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time          { return c.start.Add(time.Duration(c.elapsed.Load())) }
func (c *fakeClock) Advance(d time.Duration) { c.elapsed.Add(int64(d)) }

func newTestSource(t testing.TB, s auth.Signer, opts ...auth.SourceOption) *auth.JWTSource {
	t.Helper()
	src, err := auth.NewJWTSource(s, "myapp", opts...)
	if err != nil {
		t.Fatalf("NewJWTSource: %v", err)
	}
	return src
}

func mustToken(t testing.TB, ctx context.Context, src auth.TokenSource) string {
	t.Helper()
	tok, err := src.Token(ctx)
	if err != nil {
		t.Fatalf("Token: %v", err)
	}
	return tok
}

func TestJWTSourceSignsInConstructor(t *testing.T) {
	t.Parallel()
	signer := &countingSigner{prefix: "t"}
	clock := newFakeClock()
	src := newTestSource(t, signer, auth.WithClock(clock.Now))
	if got := signer.n.Load(); got != 1 {
		t.Errorf("signatures after NewJWTSource = %d, want 1", got)
	}
	if got := src.ProjectID(); got != "myapp" {
		t.Errorf("ProjectID() = %q, want %q", got, "myapp")
	}
	want := &auth.Claims{RegisteredClaims: jwt.RegisteredClaims{
		Audience:  jwt.ClaimStrings{"myapp"},
		IssuedAt:  jwt.NewNumericDate(clock.start.Add(-30 * time.Second)),
		ExpiresAt: jwt.NewNumericDate(clock.start.Add(5 * time.Minute)),
	}}
	if diff := cmp.Diff(want, signer.last.Load()); diff != "" {
		t.Errorf("claims (-want +got):\n%s", diff)
	}
}

func TestJWTSourceCachesUntilMargin(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		opts         []auth.SourceOption
		refreshAfter time.Duration // exp - margin
	}{
		{"defaults", nil, 4 * time.Minute},
		{"custom lifetime and margin", []auth.SourceOption{auth.WithLifetime(10 * time.Minute), auth.WithRefreshMargin(2 * time.Minute)}, 8 * time.Minute},
		{"short lifetime shrinks the default margin", []auth.SourceOption{auth.WithLifetime(30 * time.Second)}, 24 * time.Second},
		{"zero margin", []auth.SourceOption{auth.WithRefreshMargin(0)}, 5 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			signer := &countingSigner{prefix: "t"}
			clock := newFakeClock()
			src := newTestSource(t, signer, append(tt.opts, auth.WithClock(clock.Now))...)
			ctx := t.Context()

			clock.Advance(tt.refreshAfter - time.Nanosecond)
			for range 3 {
				if got := mustToken(t, ctx, src); got != "t-1" {
					t.Fatalf("Token just before the margin = %q, want the cached t-1", got)
				}
			}
			clock.Advance(time.Nanosecond)
			if got := mustToken(t, ctx, src); got != "t-2" {
				t.Fatalf("Token at exp - margin = %q, want a fresh t-2", got)
			}
			if got := mustToken(t, ctx, src); got != "t-2" {
				t.Fatalf("Token after refresh = %q, want the cached t-2", got)
			}
			want := jwt.NewNumericDate(clock.Now().Add(-30 * time.Second))
			if diff := cmp.Diff(want, signer.last.Load().IssuedAt); diff != "" {
				t.Errorf("iat of refreshed token (-want +got):\n%s", diff)
			}
		})
	}
}

func TestJWTSourceConcurrentRefreshSignsOnce(t *testing.T) {
	t.Parallel()
	const callers = 500
	signer := &countingSigner{prefix: "t", delay: 5 * time.Millisecond}
	clock := newFakeClock()
	src := newTestSource(t, signer, auth.WithClock(clock.Now))

	for round := 2; round <= 3; round++ {
		clock.Advance(4 * time.Minute) // Past exp - margin of the current token.
		var (
			start  = make(chan struct{})
			wg     sync.WaitGroup
			tokens = make([]string, callers)
			errs   = make([]error, callers)
		)
		for i := range callers {
			wg.Go(func() {
				<-start
				tokens[i], errs[i] = src.Token(t.Context())
			})
		}
		close(start)
		wg.Wait()

		if got, want := signer.n.Load(), int64(round); got != want {
			t.Errorf("round %d: %d signatures in total, want %d", round, got, want)
		}
		want := fmt.Sprintf("t-%d", round)
		for i := range callers {
			if errs[i] != nil || tokens[i] != want {
				t.Fatalf("round %d: caller %d got %q, %v; want %q", round, i, tokens[i], errs[i], want)
			}
		}
	}
}

func TestJWTSourceInvalidate(t *testing.T) {
	t.Parallel()
	signer := &countingSigner{prefix: "t"}
	src := newTestSource(t, signer, auth.WithClock(newFakeClock().Now))
	ctx := t.Context()
	if got := mustToken(t, ctx, src); got != "t-1" {
		t.Fatalf("Token = %q, want t-1", got)
	}
	src.Invalidate()
	if got := mustToken(t, ctx, src); got != "t-2" {
		t.Fatalf("Token after Invalidate = %q, want t-2", got)
	}
	if got := mustToken(t, ctx, src); got != "t-2" {
		t.Fatalf("second Token after Invalidate = %q, want the cached t-2", got)
	}
}

func TestJWTSourceSetSigner(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	oldSigner := &countingSigner{prefix: "old"}
	src := newTestSource(t, oldSigner, auth.WithClock(newFakeClock().Now))

	broken := &countingSigner{prefix: "broken"}
	brokenErr := errors.New("key revoked")
	broken.fail(brokenErr)
	if err := src.SetSigner(broken); !errors.Is(err, brokenErr) {
		t.Fatalf("SetSigner(broken) = %v, want an error wrapping %v", err, brokenErr)
	}
	if got := mustToken(t, ctx, src); got != "old-1" {
		t.Fatalf("Token after failed SetSigner = %q, want the old cached token", got)
	}
	src.Invalidate()
	if got := mustToken(t, ctx, src); got != "old-2" {
		t.Fatalf("Token after failed SetSigner and Invalidate = %q, want old-2 from the old signer", got)
	}

	if err := src.SetSigner(nil); err == nil {
		t.Error("SetSigner(nil) succeeded, want error")
	}

	newSigner := &countingSigner{prefix: "new"}
	if err := src.SetSigner(newSigner); err != nil {
		t.Fatalf("SetSigner: %v", err)
	}
	if got := mustToken(t, ctx, src); got != "new-1" {
		t.Fatalf("Token after SetSigner = %q, want new-1, signed by SetSigner", got)
	}
	src.Invalidate()
	if got := mustToken(t, ctx, src); got != "new-2" {
		t.Fatalf("Token after Invalidate = %q, want new-2", got)
	}
	if got := oldSigner.n.Load(); got != 2 {
		t.Errorf("old signer used %d times, want 2", got)
	}
}

func TestJWTSourceAuditContext(t *testing.T) {
	t.Parallel()
	signer := &countingSigner{prefix: "t"}
	fixed := map[string]any{"service": "billing", "ticket": "none"}
	src := newTestSource(t, signer, auth.WithClock(newFakeClock().Now), auth.WithAuditContext(fixed))
	fixed["service"] = "mutated" // WithAuditContext keeps a copy.

	if diff := cmp.Diff(map[string]any{"service": "billing", "ticket": "none"}, signer.last.Load().AuditContext); diff != "" {
		t.Errorf("fixed audit context (-want +got):\n%s", diff)
	}

	ctx := auth.ContextWithAuditContext(t.Context(), map[string]any{"operator": "alice", "ticket": "T-42"})
	for i, want := range []string{"t-2", "t-3"} {
		if got := mustToken(t, ctx, src); got != want {
			t.Fatalf("call %d with audit context: Token = %q, want a dedicated %q", i, got, want)
		}
		wantAC := map[string]any{"service": "billing", "operator": "alice", "ticket": "T-42"}
		if diff := cmp.Diff(wantAC, signer.last.Load().AuditContext); diff != "" {
			t.Errorf("merged audit context (-want +got):\n%s", diff)
		}
	}
	if got := mustToken(t, t.Context(), src); got != "t-1" {
		t.Errorf("Token without audit context = %q, want the cached t-1", got)
	}
	if got := mustToken(t, auth.ContextWithAuditContext(ctx, nil), src); got != "t-1" {
		t.Errorf("Token with a cleared audit context = %q, want the cached t-1", got)
	}
}

func TestJWTSourceAuditContextInRealToken(t *testing.T) {
	t.Parallel()
	signer, err := auth.NewSigner("key-1", testKey())
	if err != nil {
		t.Fatal(err)
	}
	src := newTestSource(t, signer)
	ctx := auth.ContextWithAuditContext(t.Context(), map[string]any{"operator": "alice"})
	_, claims := verify(t, mustToken(t, ctx, src), &testKey().PublicKey)
	if diff := cmp.Diff(map[string]any{"operator": "alice"}, claims.AuditContext); diff != "" {
		t.Errorf("audit_context (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(`["myapp"]`, string(payload(t, mustToken(t, t.Context(), src))["aud"])); diff != "" {
		t.Errorf("aud (-want +got):\n%s", diff)
	}
}

func TestJWTSourceContextDone(t *testing.T) {
	t.Parallel()
	signer := &countingSigner{prefix: "t"}
	clock := newFakeClock()
	src := newTestSource(t, signer, auth.WithClock(clock.Now))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()

	// A cached token costs nothing, so it is returned even then.
	if got, err := src.Token(ctx); err != nil || got != "t-1" {
		t.Errorf("Token(cancelled) with a fresh cache = %q, %v; want t-1, nil", got, err)
	}
	clock.Advance(time.Hour)
	if got, err := src.Token(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Token(cancelled) needing a refresh = %q, %v; want context.Canceled", got, err)
	}
	if got, err := src.Token(auth.ContextWithAuditContext(ctx, map[string]any{"a": 1})); !errors.Is(err, context.Canceled) {
		t.Errorf("Token(cancelled, audit context) = %q, %v; want context.Canceled", got, err)
	}
	if got := signer.n.Load(); got != 1 {
		t.Errorf("%d signatures, want only the constructor's", got)
	}
}

func TestJWTSourceRefreshError(t *testing.T) {
	t.Parallel()
	signer := &countingSigner{prefix: "t"}
	clock := newFakeClock()
	src := newTestSource(t, signer, auth.WithClock(clock.Now))
	hsm := errors.New("hsm offline")
	signer.fail(hsm)
	clock.Advance(4 * time.Minute)
	if _, err := src.Token(t.Context()); !errors.Is(err, hsm) {
		t.Fatalf("Token = %v, want error wrapping %v", err, hsm)
	}
	signer.err.Store(nil)
	if got := mustToken(t, t.Context(), src); got != "t-2" {
		t.Errorf("Token after the signer recovered = %q, want t-2", got)
	}
}

func TestNewJWTSourceErrors(t *testing.T) {
	t.Parallel()
	ok := &countingSigner{prefix: "t"}
	broken := &countingSigner{}
	broken.fail(errors.New("no key"))
	tests := []struct {
		name      string
		signer    auth.Signer
		projectID string
		opts      []auth.SourceOption
		wantText  string
	}{
		{"nil signer", nil, "myapp", nil, "auth: signer is nil"},
		{"typed nil signer", (*auth.RS256Signer)(nil), "myapp", nil, "auth: sign token for project \"myapp\": auth: Sign called on a nil"},
		{"empty project", ok, "", nil, "auth: project id is empty"},
		{"project with whitespace", ok, "myapp\n", nil, "surrounding whitespace"},
		{"signer fails", broken, "myapp", nil, "no key"},
		{"zero lifetime", ok, "myapp", []auth.SourceOption{auth.WithLifetime(0)}, "auth: WithLifetime(0s): lifetime must be between 1s and 1h0m0s"},
		{"negative lifetime", ok, "myapp", []auth.SourceOption{auth.WithLifetime(-time.Minute)}, "auth: WithLifetime(-1m0s)"},
		{"lifetime too long", ok, "myapp", []auth.SourceOption{auth.WithLifetime(2 * time.Hour)}, "auth: WithLifetime(2h0m0s)"},
		{"negative margin", ok, "myapp", []auth.SourceOption{auth.WithRefreshMargin(-time.Second)}, "auth: WithRefreshMargin(-1s): margin must not be negative"},
		{"margin equals lifetime", ok, "myapp", []auth.SourceOption{auth.WithRefreshMargin(5 * time.Minute)}, "auth: refresh margin 5m0s must be less than the token lifetime 5m0s"},
		{"margin above lifetime", ok, "myapp", []auth.SourceOption{auth.WithLifetime(time.Minute), auth.WithRefreshMargin(2 * time.Minute)}, "must be less than the token lifetime"},
		{"nil clock", ok, "myapp", []auth.SourceOption{auth.WithClock(nil)}, "auth: WithClock(nil)"},
		{"audit context not JSON", ok, "myapp", []auth.SourceOption{auth.WithAuditContext(map[string]any{"c": make(chan int)})}, "auth: WithAuditContext: audit context does not encode as JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src, err := auth.NewJWTSource(tt.signer, tt.projectID, tt.opts...)
			if err == nil {
				t.Fatalf("NewJWTSource = %v, want error", src)
			}
			if src != nil {
				t.Errorf("NewJWTSource returned a source along with error %v", err)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q does not contain %q", err, tt.wantText)
			}
		})
	}
}

// TestJWTSourceRealClock checks a token from the default clock against
// golang-jwt's own time validation.
func TestJWTSourceRealClock(t *testing.T) {
	t.Parallel()
	signer, err := auth.NewSigner("key-1", testKey())
	if err != nil {
		t.Fatal(err)
	}
	src := newTestSource(t, signer)
	_, claims := verify(t, mustToken(t, t.Context(), src), &testKey().PublicKey)
	iat, exp := claims.IssuedAt.Time, claims.ExpiresAt.Time
	if d := exp.Sub(iat); d != 5*time.Minute+30*time.Second {
		t.Errorf("exp - iat = %v, want 5m30s", d)
	}
	if d := time.Until(exp); d < 4*time.Minute || d > 5*time.Minute {
		t.Errorf("token expires in %v, want about 5m", d)
	}
}

// TestJWTSourceCachedTokenDoesNotAllocate is not parallel: AllocsPerRun
// counts allocations process-wide and refuses to run in a parallel test.
func TestJWTSourceCachedTokenDoesNotAllocate(t *testing.T) {
	signer, err := auth.NewSigner("key-1", testKey())
	if err != nil {
		t.Fatal(err)
	}
	src := newTestSource(t, signer)
	type key struct{}
	for _, ctx := range []context.Context{context.Background(), context.WithValue(t.Context(), key{}, "v")} {
		allocs := testing.AllocsPerRun(1000, func() {
			if _, err := src.Token(ctx); err != nil {
				t.Fatal(err)
			}
		})
		if allocs != 0 {
			t.Errorf("cached Token allocates %v times per call, want 0", allocs)
		}
	}
}

func BenchmarkJWTSourceCached(b *testing.B) {
	signer, err := auth.NewSigner("key-1", testKey())
	if err != nil {
		b.Fatal(err)
	}
	src := newTestSource(b, signer)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := src.Token(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJWTSourceCachedParallel(b *testing.B) {
	signer, err := auth.NewSigner("key-1", testKey())
	if err != nil {
		b.Fatal(err)
	}
	src := newTestSource(b, signer)
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := src.Token(ctx); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
