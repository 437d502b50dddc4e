package adminapi_test

// End-to-end tests of the client against the emulator's injected faults:
// every fault either ends in success after retries or in a clear typed
// error, and no mutation is ever applied twice.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

// faultRetry keeps the retry waits of these tests in milliseconds.
var faultRetry = adminapi.RetryPolicy{
	MaxAttempts:    4,
	InitialBackoff: time.Millisecond,
	MaxBackoff:     4 * time.Millisecond,
	MaxRetryAfter:  30 * time.Millisecond,
}

const faultSeedEmail = "seed@example.com"

// faultEnv is a server with one seeded user and a client with faultRetry.
type faultEnv struct {
	srv        *adminapitest.Server
	c          *adminapi.Client
	seedID     string // raw UUID
	seedNodeID string
}

// newFaultEnv starts a server and a client for it. Tests share one server
// across their rows, calling reset before each: starting a server
// generates an RSA key, which is slow.
func newFaultEnv(t *testing.T) faultEnv {
	t.Helper()
	srv := adminapitest.NewServer(t)
	c, err := srv.NewClient(adminapi.WithRetry(faultRetry))
	if err != nil {
		t.Fatal(err)
	}
	return faultEnv{srv: srv, c: c}
}

// reset removes every fault, user and recorded request, and seeds one
// user.
func (e faultEnv) reset(t *testing.T) faultEnv {
	t.Helper()
	e.srv.ClearFaults()
	e.srv.Reset()
	u, err := e.srv.SeedUser(adminapitest.SeedUser{Email: faultSeedEmail})
	if err != nil {
		t.Fatal(err)
	}
	e.seedID, e.seedNodeID = u.ID, u.NodeID
	return e
}

func (e faultEnv) inject(t *testing.T, f adminapitest.Fault) {
	t.Helper()
	remove, err := e.srv.InjectFault(f)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(remove)
}

// attempts counts the requests the server received for an operation.
func (e faultEnv) attempts(op string) int {
	n := 0
	for _, r := range e.srv.Requests() {
		if r.OperationName == op {
			n++
		}
	}
	return n
}

// The calls of the fault matrix.
type faultCall struct {
	op  string
	run func(ctx context.Context, e faultEnv) error
}

var (
	callQuery = faultCall{"GetUserByLoginID", func(ctx context.Context, e faultEnv) error {
		u, err := e.c.GetUserByLoginID(ctx, adminapi.LoginIDEmail, faultSeedEmail)
		if err == nil && u.ID != e.seedNodeID {
			return fmt.Errorf("got user %s, want %s", u.ID, e.seedNodeID)
		}
		return err
	}}
	callCreate = faultCall{"CreateUser", func(ctx context.Context, e faultEnv) error {
		_, err := e.c.CreateUser(ctx, adminapi.NewUser{LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "new@example.com"}})
		return err
	}}
	// callRename replaces the seeded user's standard attributes with fixed
	// values: it may safely run twice, and is marked so.
	callRename = faultCall{"UpdateUser", func(ctx context.Context, e faultEnv) error {
		email, name := faultSeedEmail, faultRenamed
		_, err := e.c.UpdateUser(adminapi.ContextWithIdempotent(ctx), e.seedID, adminapi.UserUpdate{
			StandardAttributes: &adminapi.StandardAttributes{Email: &email, Name: &name},
		})
		return err
	}}
	// callDisable disables the seeded user, marked idempotent. It is, as
	// long as the first request's answer arrives: the server refuses to
	// disable a disabled user.
	callDisable = faultCall{"SetDisabledStatus", func(ctx context.Context, e faultEnv) error {
		_, err := e.c.DisableUser(adminapi.ContextWithIdempotent(ctx), e.seedID, "fault test")
		return err
	}}
)

const faultRenamed = "Renamed By Retry"

// faultSeedState describes the seeded user for the matrix: "disabled",
// "renamed" or "" (unchanged).
func faultSeedState(u *adminapitest.UserState) string {
	switch {
	case u == nil:
		return "missing"
	case u.Disabled:
		return "disabled"
	case u.StandardAttributes["name"] == faultRenamed:
		return "renamed"
	}
	return ""
}

// Checks of a call's error.
func errNone(err error) bool          { return err == nil }
func errIsServer(err error) bool      { return errors.Is(err, adminapi.ErrServer) }
func errIsRateLimited(err error) bool { return errors.Is(err, adminapi.ErrRateLimited) }
func errIsForbidden(err error) bool   { return errors.Is(err, adminapi.ErrForbidden) }

// errIsInvalidTransition: the server refuses to disable a disabled user.
func errIsInvalidTransition(err error) bool {
	var ae *adminapi.Error
	return errors.Is(err, adminapi.ErrInvalidInput) && errors.As(err, &ae) && ae.Reason == "InvalidAccountStatusTransition"
}

// errIsNetwork: a transport error, kept in the chain as the *url.Error of
// net/http, not mistaken for an API error.
func errIsNetwork(err error) bool {
	var ue *url.Error
	var ae *adminapi.Error
	return errors.As(err, &ue) && !errors.As(err, &ae)
}

// errIsTruncated: an answer cut short is a server error wrapping the
// unexpected EOF.
func errIsTruncated(err error) bool {
	return errors.Is(err, adminapi.ErrServer) && errors.Is(err, io.ErrUnexpectedEOF)
}

var (
	fault502HTML = adminapitest.Fault{Kind: adminapitest.FaultStatus, Status: http.StatusBadGateway,
		ContentType: "text/html", Body: "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>"}
	fault503Empty = adminapitest.Fault{Kind: adminapitest.FaultStatus, Status: http.StatusServiceUnavailable}
	fault504      = adminapitest.Fault{Kind: adminapitest.FaultStatus, Status: http.StatusGatewayTimeout, ContentType: "text/plain", Body: "upstream request timeout"}
	fault429      = adminapitest.Fault{Kind: adminapitest.FaultStatus, Status: http.StatusTooManyRequests,
		ContentType: "text/plain", Header: http.Header{"Retry-After": {"1"}}, Body: "too many requests"}
	fault500 = adminapitest.Fault{Kind: adminapitest.FaultStatus, Status: http.StatusInternalServerError,
		ContentType: "application/json", Body: `{"error":{"name":"InternalError","reason":"UnexpectedError","message":"unexpected error occurred","code":500}}`}
	fault403         = adminapitest.Fault{Kind: adminapitest.FaultStatus, Status: http.StatusForbidden, ContentType: "text/plain; charset=utf-8", Body: "Forbidden\n"}
	faultRateLimited = adminapitest.Fault{Kind: adminapitest.FaultRateLimited, Bucket: "AdminAPI"}
	faultDropBefore  = adminapitest.Fault{Kind: adminapitest.FaultDropBefore}
	faultDropAfter   = adminapitest.Fault{Kind: adminapitest.FaultDropAfter}
	faultTruncated   = adminapitest.Fault{Kind: adminapitest.FaultTruncate}
	faultSlowBody    = adminapitest.Fault{Kind: adminapitest.FaultSlowBody, ChunkSize: 16, Delay: time.Millisecond}
	faultLatency     = adminapitest.Fault{Kind: adminapitest.FaultLatency, Delay: 20 * time.Millisecond}
)

// faultTimes returns f acting on the next n matching requests.
func faultTimes(f adminapitest.Fault, n int) adminapitest.Fault {
	f.Times = n
	return f
}

// TestClientFaults is the fault matrix: each row injects a fault for one
// operation, makes one call, and checks its outcome, how many requests the
// server received for it, and the stored users.
//
// It is not parallel with the other tests of the package, so that goleak
// can prove that neither the client nor the server leaves goroutines behind
// (dropped connections, interrupted waits). Its rows share one server and
// run in turn, each in milliseconds.
func TestClientFaults(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) }) // runs last, after the server closes
	env := newFaultEnv(t)

	tests := []struct {
		name  string
		fault adminapitest.Fault
		call  faultCall
		ok    func(error) bool
		// attempts is how many requests reached the server.
		attempts int
		// users is how many users exist afterwards (the seeded one
		// included).
		users int
		// seed is the state of the seeded user afterwards (see faultSeedState).
		seed string
		// minElapsed is the least the call must take.
		minElapsed time.Duration
	}{
		// Queries are retried after each transient fault and succeed.
		{name: "query/html 502 once", fault: faultTimes(fault502HTML, 1), call: callQuery, ok: errNone, attempts: 2, users: 1},
		{name: "query/empty 503 once", fault: faultTimes(fault503Empty, 1), call: callQuery, ok: errNone, attempts: 2, users: 1},
		{name: "query/504 twice", fault: faultTimes(fault504, 2), call: callQuery, ok: errNone, attempts: 3, users: 1},
		{name: "query/429 with Retry-After once", fault: faultTimes(fault429, 1), call: callQuery, ok: errNone, attempts: 2, users: 1,
			minElapsed: faultRetry.MaxRetryAfter}, // Retry-After 1s, capped
		{name: "query/rate limited once", fault: faultTimes(faultRateLimited, 1), call: callQuery, ok: errNone, attempts: 2, users: 1},
		{name: "query/drop before once", fault: faultTimes(faultDropBefore, 1), call: callQuery, ok: errNone, attempts: 2, users: 1},
		{name: "query/drop after once", fault: faultTimes(faultDropAfter, 1), call: callQuery, ok: errNone, attempts: 2, users: 1},
		{name: "query/truncated once", fault: faultTimes(faultTruncated, 1), call: callQuery, ok: errNone, attempts: 2, users: 1},
		{name: "query/slow body", fault: faultSlowBody, call: callQuery, ok: errNone, attempts: 1, users: 1},
		{name: "query/latency", fault: faultLatency, call: callQuery, ok: errNone, attempts: 1, users: 1, minElapsed: faultLatency.Delay},

		// Faults that do not go away exhaust the attempts and end in a
		// typed error; a 500 is not retried.
		{name: "query/503 always", fault: fault503Empty, call: callQuery, ok: errIsServer, attempts: 4, users: 1},
		{name: "query/429 always", fault: fault429, call: callQuery, ok: errIsRateLimited, attempts: 4, users: 1},
		{name: "query/rate limited always", fault: faultRateLimited, call: callQuery, ok: errIsRateLimited, attempts: 4, users: 1},
		{name: "query/drop before always", fault: faultDropBefore, call: callQuery, ok: errIsNetwork, attempts: 4, users: 1},
		{name: "query/truncated always", fault: faultTruncated, call: callQuery, ok: errIsTruncated, attempts: 4, users: 1},
		{name: "query/500", fault: fault500, call: callQuery, ok: errIsServer, attempts: 1, users: 1},

		// A mutation that may have reached the server is never resent:
		// creating a user never happens twice.
		{name: "create/drop after", fault: faultTimes(faultDropAfter, 1), call: callCreate, ok: errIsNetwork, attempts: 1, users: 2},
		{name: "create/drop before", fault: faultTimes(faultDropBefore, 1), call: callCreate, ok: errIsNetwork, attempts: 1, users: 1},
		{name: "create/truncated", fault: faultTimes(faultTruncated, 1), call: callCreate, ok: errIsTruncated, attempts: 1, users: 2},
		{name: "create/503", fault: faultTimes(fault503Empty, 1), call: callCreate, ok: errIsServer, attempts: 1, users: 1},
		{name: "create/429", fault: faultTimes(fault429, 1), call: callCreate, ok: errIsRateLimited, attempts: 1, users: 1},
		{name: "create/rate limited", fault: faultTimes(faultRateLimited, 1), call: callCreate, ok: errIsRateLimited, attempts: 1, users: 1},
		{name: "create/slow body", fault: faultSlowBody, call: callCreate, ok: errNone, attempts: 1, users: 2},
		// The server refuses a token before running anything, so a 403 is
		// resent once with a new token, mutation or not.
		{name: "create/403 once", fault: faultTimes(fault403, 1), call: callCreate, ok: errNone, attempts: 2, users: 2},
		{name: "create/403 always", fault: fault403, call: callCreate, ok: errIsForbidden, attempts: 2, users: 1},

		// A mutation marked idempotent is retried like a query.
		{name: "idempotent/503 once", fault: faultTimes(fault503Empty, 1), call: callDisable, ok: errNone, attempts: 2, users: 1, seed: "disabled"},
		{name: "idempotent/rate limited once", fault: faultTimes(faultRateLimited, 1), call: callDisable, ok: errNone, attempts: 2, users: 1, seed: "disabled"},
		{name: "idempotent/drop before once", fault: faultTimes(faultDropBefore, 1), call: callDisable, ok: errNone, attempts: 2, users: 1, seed: "disabled"},
		{name: "idempotent/drop after once", fault: faultTimes(faultDropAfter, 1), call: callRename, ok: errNone, attempts: 2, users: 1, seed: "renamed"},
		{name: "idempotent/503 always", fault: fault503Empty, call: callDisable, ok: errIsServer, attempts: 4, users: 1},
		// Marking a state transition idempotent is wrong: after a drop
		// that followed the commit, the resent request finds the user
		// disabled already and fails, although the call did its job.
		{name: "idempotent/disable after drop after", fault: faultTimes(faultDropAfter, 1), call: callDisable, ok: errIsInvalidTransition, attempts: 2, users: 1, seed: "disabled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := env.reset(t)
			f := tt.fault
			f.OperationName = tt.call.op
			e.inject(t, f)

			start := time.Now()
			err := tt.call.run(t.Context(), e)
			elapsed := time.Since(start)
			if !tt.ok(err) {
				t.Errorf("error = %v (%T), not the expected outcome", err, err)
			}
			if got := e.attempts(tt.call.op); got != tt.attempts {
				t.Errorf("server received %d %s requests, want %d", got, tt.call.op, tt.attempts)
			}
			if got := len(e.srv.Users()); got != tt.users {
				t.Errorf("%d users stored, want %d", got, tt.users)
			}
			if u, _ := e.srv.User(e.seedID); faultSeedState(u) != tt.seed {
				t.Errorf("seeded user is %q, want %q", faultSeedState(u), tt.seed)
			}
			if elapsed < tt.minElapsed {
				t.Errorf("call took %v, want at least %v", elapsed, tt.minElapsed)
			}
			// The fault met every request of the call, or as many as it
			// was limited to.
			faulted := 0
			for _, r := range e.srv.Requests() {
				if r.Fault == f.Kind {
					faulted++
				}
			}
			wantFaulted := tt.attempts
			if f.Times > 0 {
				wantFaulted = f.Times
			}
			if faulted != wantFaulted {
				t.Errorf("%d requests met the fault, want %d", faulted, wantFaulted)
			}
		})
	}
}

// TestClientFaultDeadlines checks that a call ends with the context's
// deadline, quickly, when the server is slow, and that the server's waits
// end with it.
func TestClientFaultDeadlines(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) })
	env := newFaultEnv(t)

	for _, tt := range []struct {
		name  string
		fault adminapitest.Fault
		call  faultCall
	}{
		{"latency/query", adminapitest.Fault{Kind: adminapitest.FaultLatency, Delay: time.Minute}, callQuery},
		{"latency/create", adminapitest.Fault{Kind: adminapitest.FaultLatency, Delay: time.Minute}, callCreate},
		{"slow body/query", adminapitest.Fault{Kind: adminapitest.FaultSlowBody, ChunkSize: 8, Delay: time.Minute}, callQuery},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := env.reset(t)
			e.inject(t, tt.fault)
			ctx, cancel := context.WithTimeout(t.Context(), 500*time.Millisecond)
			defer cancel()
			start := time.Now()
			err := tt.call.run(ctx, e)
			if elapsed := time.Since(start); elapsed > 5*time.Second {
				t.Errorf("call took %v after a 500ms deadline", elapsed)
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("error = %v, want the context's deadline", err)
			}
			// The server notices that the client left, ends its wait and
			// records the request; nothing else is sent.
			deadline := time.Now().Add(5 * time.Second)
			for e.attempts(tt.call.op) == 0 {
				if time.Now().After(deadline) {
					t.Fatal("the server never finished the request")
				}
				time.Sleep(5 * time.Millisecond)
			}
			if got := e.attempts(tt.call.op); got != 1 {
				t.Errorf("server received %d requests, want 1", got)
			}
			if got := len(e.srv.Users()); got != 1 {
				t.Errorf("%d users stored, want 1: a mutation given up while delayed does not run", got)
			}
		})
	}
}

// TestClientFaultsConcurrent has many goroutines share one client while a
// few of their requests fail: every call errNone, and the server receives
// exactly one extra request per fault.
func TestClientFaultsConcurrent(t *testing.T) {
	t.Parallel()
	e := newFaultEnv(t).reset(t)
	const calls, faults = 16, 6
	e.inject(t, faultTimes(fault503Empty, faults/2))
	e.inject(t, faultTimes(faultDropBefore, faults/2))
	var wg sync.WaitGroup
	errs := make(chan error, calls)
	for range calls {
		wg.Go(func() { errs <- callQuery.run(t.Context(), e) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if got := e.attempts(callQuery.op); got != calls+faults {
		t.Errorf("server received %d requests, want %d", got, calls+faults)
	}
}
