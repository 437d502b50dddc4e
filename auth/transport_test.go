package auth_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authgear-admin/adminapi/auth"
	"github.com/golang-jwt/jwt/v5"
	"github.com/google/go-cmp/cmp"
)

// staticSource returns a fixed token or error, and records the context it
// was asked with.
type staticSource struct {
	token string
	err   error
	ctx   atomic.Pointer[context.Context]
}

func (s *staticSource) Token(ctx context.Context) (string, error) {
	s.ctx.Store(&ctx)
	return s.token, s.err
}

// recordingTransport records the request it was given and answers 204.
type recordingTransport struct{ req *http.Request }

func (r *recordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r.req = req
	return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Request: req}, nil
}

// trackingBody is a request body that remembers being closed.
type trackingBody struct {
	io.Reader
	closed atomic.Bool
}

func (b *trackingBody) Close() error { b.closed.Store(true); return nil }

// newEchoServer starts a loopback server that answers with the
// Authorization header it received.
func newEchoServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, r.Header.Get("Authorization"))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestTransportSetsHeaderOnClone(t *testing.T) {
	t.Parallel()
	srv := newEchoServer(t)
	hc := &http.Client{Transport: &auth.Transport{Source: &staticSource{token: "tok.en.sig"}}}

	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/_api/admin/graphql", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Basic dXNlcjpwYXNz")
	req.Header.Set("X-Trace", "abc")
	before := req.Header.Clone()

	resp, err := hc.Do(req)
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff("Bearer tok.en.sig", string(got)); diff != "" {
		t.Errorf("Authorization seen by the server (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(before, req.Header); diff != "" {
		t.Errorf("caller's request headers changed (-want +got):\n%s", diff)
	}
}

func TestTransportDelegates(t *testing.T) {
	t.Parallel()
	type ctxKey struct{}
	src := &staticSource{token: "tok"}
	base := &recordingTransport{}
	tr := &auth.Transport{Source: src, Base: base}
	body := &trackingBody{Reader: strings.NewReader("payload")}
	ctx := context.WithValue(t.Context(), ctxKey{}, "mine")
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://127.0.0.1/_api/admin/graphql", body)
	if err != nil {
		t.Fatal(err)
	}

	resp, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatalf("RoundTrip: %v", err)
	}
	resp.Body.Close()

	if base.req == nil || base.req == req {
		t.Fatalf("Base got %p, want a clone of the caller's request %p", base.req, req)
	}
	if diff := cmp.Diff([]string{"Bearer tok"}, base.req.Header.Values("Authorization")); diff != "" {
		t.Errorf("Authorization header (-want +got):\n%s", diff)
	}
	if got := req.Header.Get("Authorization"); got != "" {
		t.Errorf("caller's request got Authorization %q", got)
	}
	if got := (*src.ctx.Load()).Value(ctxKey{}); got != "mine" {
		t.Errorf("Token was called without the request's context (value %v)", got)
	}
	if body.closed.Load() {
		t.Error("Transport closed the body although Base owns it now")
	}
}

func TestTransportClosesBodyOnError(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	tests := []struct {
		name    string
		tr      *auth.Transport
		wantErr func(error) bool
	}{
		{"token error", &auth.Transport{Source: &staticSource{err: boom}, Base: &recordingTransport{}}, func(err error) bool { return errors.Is(err, boom) }},
		{"nil source", &auth.Transport{Base: &recordingTransport{}}, func(err error) bool { return strings.Contains(err.Error(), "auth: Transport.Source is nil") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			body := &trackingBody{Reader: strings.NewReader("payload")}
			req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, "http://127.0.0.1/", body)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := tt.tr.RoundTrip(req)
			if err == nil || resp != nil || !tt.wantErr(err) {
				t.Fatalf("RoundTrip = %v, %v; want nil and the expected error", resp, err)
			}
			if !body.closed.Load() {
				t.Error("request body was not closed")
			}
			if got := tt.tr.Base.(*recordingTransport).req; got != nil {
				t.Error("Base was called despite the error")
			}
		})
	}
}

func TestTransportContextCancelled(t *testing.T) {
	t.Parallel()
	signer := &countingSigner{prefix: "t"}
	clock := newFakeClock()
	src := newTestSource(t, signer, auth.WithClock(clock.Now))
	clock.Advance(time.Hour)
	srv := newEchoServer(t)
	hc := &http.Client{Transport: &auth.Transport{Source: src}}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hc.Do(req); !errors.Is(err, context.Canceled) {
		t.Errorf("Do = %v, want context.Canceled", err)
	}
}

// TestTransportNilBaseWithJWTSource goes end to end over loopback with the
// default base transport: the server verifies the token as Authgear would.
func TestTransportNilBaseWithJWTSource(t *testing.T) {
	t.Parallel()
	signer, err := auth.NewSigner("key-1", testKey())
	if err != nil {
		t.Fatal(err)
	}
	src := newTestSource(t, signer)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		_, err := jwt.Parse(raw, func(*jwt.Token) (any, error) { return &testKey().PublicKey, nil },
			jwt.WithValidMethods([]string{"RS256"}), jwt.WithAudience("myapp"), jwt.WithIssuedAt(), jwt.WithExpirationRequired())
		if !ok || err != nil {
			http.Error(w, "Forbidden", http.StatusForbidden)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(srv.Close)

	hc := &http.Client{Transport: &auth.Transport{Source: src}}
	for range 2 {
		resp, err := hc.Get(srv.URL)
		if err != nil {
			t.Fatalf("Get: %v", err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("status = %d, want 200", resp.StatusCode)
		}
	}
}

func TestTransportRequestWithoutHeader(t *testing.T) {
	t.Parallel()
	base := &recordingTransport{}
	tr := &auth.Transport{Source: &staticSource{token: "tok"}, Base: base}
	req := (&http.Request{Method: http.MethodGet, URL: mustURL(t, "http://127.0.0.1/")}).WithContext(t.Context())
	resp, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatalf("RoundTrip: %v", err)
	}
	resp.Body.Close()
	if got := base.req.Header.Get("Authorization"); got != "Bearer tok" {
		t.Errorf("Authorization = %q, want %q", got, "Bearer tok")
	}
	if req.Header != nil {
		t.Errorf("caller's nil Header became %v", req.Header)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
