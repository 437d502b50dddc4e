package adminapi_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

// fastRetry keeps the emulator tests quick: waits of at most 5ms.
var fastRetry = adminapi.WithRetry(adminapi.RetryPolicy{InitialBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond})

// faultsSeen returns the fault kind of each request the server recorded.
func faultsSeen(srv *adminapitest.Server) []adminapitest.FaultKind {
	var kinds []adminapitest.FaultKind
	for _, r := range srv.Requests() {
		kinds = append(kinds, r.Fault)
	}
	return kinds
}

func mustInject(t *testing.T, srv *adminapitest.Server, f adminapitest.Fault) {
	t.Helper()
	remove, err := srv.InjectFault(f)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(remove)
}

// TestRetryAgainstEmulatorFaults runs the retry policy against the faults
// of proxies, networks and the rate limiter, as the emulator injects them.
func TestRetryAgainstEmulatorFaults(t *testing.T) {
	t.Parallel()
	const none = adminapitest.FaultKind(0)
	tests := []struct {
		name  string
		fault adminapitest.Fault
		want  []adminapitest.FaultKind // per request
	}{
		{"proxy 503 twice", adminapitest.Fault{Kind: adminapitest.FaultStatus, Status: 503, Times: 2},
			[]adminapitest.FaultKind{adminapitest.FaultStatus, adminapitest.FaultStatus, none}},
		{"HTML 502", adminapitest.Fault{Kind: adminapitest.FaultStatus, Status: 502, ContentType: "text/html", Body: "<h1>Bad Gateway</h1>", Times: 1},
			[]adminapitest.FaultKind{adminapitest.FaultStatus, none}},
		{"429 with Retry-After", adminapitest.Fault{Kind: adminapitest.FaultStatus, Status: 429, Header: http.Header{"Retry-After": {"0"}}, Times: 1},
			[]adminapitest.FaultKind{adminapitest.FaultStatus, none}},
		{"rate limited", adminapitest.Fault{Kind: adminapitest.FaultRateLimited, Times: 1},
			[]adminapitest.FaultKind{adminapitest.FaultRateLimited, none}},
		{"dropped before", adminapitest.Fault{Kind: adminapitest.FaultDropBefore, Times: 1},
			[]adminapitest.FaultKind{adminapitest.FaultDropBefore, none}},
		{"dropped after", adminapitest.Fault{Kind: adminapitest.FaultDropAfter, Times: 1},
			[]adminapitest.FaultKind{adminapitest.FaultDropAfter, none}},
		{"truncated", adminapitest.Fault{Kind: adminapitest.FaultTruncate, Times: 1},
			[]adminapitest.FaultKind{adminapitest.FaultTruncate, none}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := adminapitest.NewServer(t)
			seeded, err := srv.SeedUser(adminapitest.SeedUser{Email: "ada@example.com"})
			if err != nil {
				t.Fatal(err)
			}
			c, err := srv.NewClient(fastRetry)
			if err != nil {
				t.Fatal(err)
			}
			mustInject(t, srv, tt.fault)
			u, err := c.GetUser(t.Context(), seeded.ID)
			if err != nil || u.RawID != seeded.ID {
				t.Fatalf("GetUser = %v, %v", u, err)
			}
			if diff := cmp.Diff(tt.want, faultsSeen(srv)); diff != "" {
				t.Errorf("requests mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMutationsNotReplayed checks against the emulator that a mutation
// whose answer was lost is not sent again, since it may have run (and with
// FaultDropAfter it did), unless the caller says it is idempotent.
func TestMutationsNotReplayed(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	c, err := srv.NewClient(fastRetry)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	mustInject(t, srv, adminapitest.Fault{Kind: adminapitest.FaultDropAfter, Match: adminapitest.MatchMutations, Times: 1})
	_, err = c.CreateUser(ctx, adminapi.NewUser{LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "once@example.com"}})
	var apiErr *adminapi.Error
	if err == nil || errors.As(err, &apiErr) {
		t.Fatalf("CreateUser with a lost answer: error = %v; want the network error", err)
	}
	if diff := cmp.Diff([]adminapitest.FaultKind{adminapitest.FaultDropAfter}, faultsSeen(srv)); diff != "" {
		t.Errorf("requests mismatch (-want +got):\n%s", diff)
	}
	if n := len(srv.Users()); n != 1 {
		t.Fatalf("users = %d; want the 1 the lost request created", n)
	}
	if _, err := c.GetUserByLoginID(ctx, adminapi.LoginIDEmail, "once@example.com"); err != nil {
		t.Fatal(err)
	}

	// The same loss for a mutation the caller marks idempotent.
	srv.Reset()
	seeded, err := srv.SeedUser(adminapitest.SeedUser{Email: "twice@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	mustInject(t, srv, adminapitest.Fault{Kind: adminapitest.FaultDropAfter, Match: adminapitest.MatchMutations, Times: 1})
	// UpdateUser replaces whole objects, so running it twice is harmless.
	updated, err := c.UpdateUser(adminapi.ContextWithIdempotent(ctx), seeded.ID,
		adminapi.UserUpdate{CustomAttributes: adminapi.JSONObject{"plan": "pro"}})
	if err != nil || updated.CustomAttributes["plan"] != "pro" {
		t.Fatalf("idempotent UpdateUser = %v, %v", updated, err)
	}
	if got := faultsSeen(srv); len(got) != 2 || got[0] != adminapitest.FaultDropAfter || got[1] != 0 {
		t.Errorf("fault kinds = %v; want drop-after, then none", got)
	}
}

// TestRetryRespectsDeadline checks that a slow server and a short deadline
// give the deadline's error promptly, without further attempts.
func TestRetryRespectsDeadline(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	c, err := srv.NewClient(fastRetry)
	if err != nil {
		t.Fatal(err)
	}
	mustInject(t, srv, adminapitest.Fault{Kind: adminapitest.FaultLatency, Delay: time.Minute})
	ctx, cancel := context.WithTimeout(t.Context(), 500*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = c.GetUser(ctx, "00000000-0000-4000-8000-000000000000")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v; want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("took %v", d)
	}
}
