package adminapi

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const (
	countQuery    = "query Count { users { totalCount } }"
	deleteMutaton = `mutation Del { deleteUser(input: {userID: "VXNlcjox"}) { deletedUserID } }`
)

// Answers used by the retry tests.
var (
	okCount     = exchange{200, ctJSONUTF8, `{"data":{"users":{"totalCount":2}}}`}
	okDelete    = exchange{200, ctJSONUTF8, `{"data":{"deleteUser":{"deletedUserID":"VXNlcjox"}}}`}
	rateLimited = exchange{200, ctJSONUTF8, `{"data":null,"errors":[{"message":"request rate limited","path":["users"],` +
		`"extensions":{"errorName":"TooManyRequest","reason":"RateLimited","info":{"bucket":"admin-api"}}}]}`}
	proxy429 = exchange{429, "text/html", "<html><body>Too Many Requests</body></html>"}
	proxy502 = exchange{502, "text/html", "<html><body>Bad Gateway</body></html>"}
	proxy503 = exchange{503, "", ""}
	proxy504 = exchange{504, ctText, "upstream timed out\n"}
)

// sequence answers with xs in turn, repeating the last one, and counts the
// requests.
type sequence struct {
	xs         []exchange
	retryAfter func() string // Retry-After header of the first answer
	n          atomic.Int32
}

func (s *sequence) handler(w http.ResponseWriter, _ *http.Request) {
	i := int(s.n.Add(1)) - 1
	if i == 0 && s.retryAfter != nil {
		w.Header().Set("Retry-After", s.retryAfter())
	}
	s.xs[min(i, len(s.xs)-1)].serve(w)
}

// sleeps records the waits of a client instead of sleeping.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) get() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// retryClient returns a client of a fake server answering with seq, whose
// waits are recorded instead of slept.
func retryClient(t *testing.T, seq *sequence, opts ...Option) (*Client, *fakeServer, *sleeps) {
	t.Helper()
	c, fs := newFakeServer(t, seq.handler, opts...)
	sl := &sleeps{}
	c.sleep = sl.sleep
	return c, fs, sl
}

func TestRetryQueries(t *testing.T) {
	t.Parallel()
	for name, x := range map[string]exchange{
		"TooManyRequest in 200": rateLimited,
		"429":                   proxy429,
		"502":                   proxy502,
		"503 empty":             proxy503,
		"504":                   proxy504,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			seq := &sequence{xs: []exchange{x, x, okCount}}
			c, fs, sl := retryClient(t, seq)
			var out struct {
				Users struct{ TotalCount int } `json:"users"`
			}
			if err := c.Do(t.Context(), countQuery, nil, &out); err != nil {
				t.Fatalf("Do: %v", err)
			}
			if out.Users.TotalCount != 2 {
				t.Errorf("totalCount = %d, want 2", out.Users.TotalCount)
			}
			reqs := fs.Requests()
			if len(reqs) != 3 {
				t.Fatalf("server saw %d requests, want 3", len(reqs))
			}
			for i, r := range reqs[1:] {
				if diff := cmp.Diff(string(reqs[0].RawBody), string(r.RawBody)); diff != "" {
					t.Errorf("body of attempt %d differs (-want +got):\n%s", i+2, diff)
				}
			}
			// Full jitter: wait n is in [0, min(5s, 200ms·2ⁿ⁻¹)].
			waits := sl.get()
			if len(waits) != 2 {
				t.Fatalf("waits = %v, want 2", waits)
			}
			for i, d := range waits {
				if bound := defaultInitialBackoff << i; d < 0 || d > bound {
					t.Errorf("wait %d = %v, want within [0, %v]", i+1, d, bound)
				}
			}
		})
	}
}

func TestRetryGivesUp(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		x         exchange
		opts      []Option
		wantCalls int32
		wantIs    error
	}{
		{"max attempts", proxy503, []Option{WithRetry(RetryPolicy{MaxAttempts: 3})}, 3, ErrServer},
		{"default attempts", proxy502, nil, defaultMaxAttempts, ErrServer},
		{"rate limited", rateLimited, []Option{WithRetry(RetryPolicy{MaxAttempts: 2})}, 2, ErrRateLimited},
		{"without retry", proxy503, []Option{WithoutRetry()}, 1, ErrServer},
		{"500 is final", recorded["2i_syntax_error"], nil, 1, ErrServer},
		{"400 is final", recorded["2k_six_mutations"], nil, 1, ErrInvalidInput},
		{"GraphQL error is final", recorded["x3_delete_garbage_id"], nil, 1, ErrInvalidInput},
		{"masked error is final", recorded["x4_unknown_operation_name"], nil, 1, ErrServer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			seq := &sequence{xs: []exchange{tt.x}}
			c, _, _ := retryClient(t, seq, tt.opts...)
			err := c.Do(t.Context(), countQuery, nil, nil)
			var apiErr *Error
			if !errors.Is(err, tt.wantIs) || !errors.As(err, &apiErr) {
				t.Errorf("error = %v; want an *Error matching %v", err, tt.wantIs)
			}
			if got := seq.n.Load(); got != tt.wantCalls {
				t.Errorf("server saw %d requests, want %d", got, tt.wantCalls)
			}
		})
	}
}

func TestRetryMutations(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		x          exchange
		idempotent bool
		wantCalls  int32
	}{
		{"503 not retried", proxy503, false, 1},
		{"TooManyRequest not retried", rateLimited, false, 1},
		{"504 not retried", proxy504, false, 1},
		{"idempotent 503 retried", proxy503, true, 2},
		{"idempotent TooManyRequest retried", rateLimited, true, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			seq := &sequence{xs: []exchange{tt.x, okDelete}}
			c, _, _ := retryClient(t, seq)
			ctx := t.Context()
			if tt.idempotent {
				ctx = ContextWithIdempotent(ctx)
			}
			err := c.Do(ctx, deleteMutaton, nil, nil)
			if got := seq.n.Load(); got != tt.wantCalls {
				t.Errorf("server saw %d requests, want %d", got, tt.wantCalls)
			}
			if (err == nil) != (tt.wantCalls == 2) {
				t.Errorf("error = %v", err)
			}
		})
	}
}

// TestRetryDocumentKinds checks that the kind of operation is read from
// the document, whatever its layout, and that generated operations are
// classified too.
func TestRetryDocumentKinds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		query, name string
		want        opKind
	}{
		{"{ users { totalCount } }", "", opQuery},
		{"query { a }", "", opQuery},
		{"# mutation A { x }\nquery Q { a }", "Q", opQuery},
		{"mutation M { a }", "M", opMutation},
		{"  \n mutation { a }", "", opMutation},
		{"query A { a } mutation B { b }", "B", opMutation},
		{"query A { a } mutation B { b }", "A", opQuery},
		{"query A { a } mutation B { b }", "", opUnknown}, // ambiguous
		{"query A { a }", "Other", opUnknown},
		{"subscription S { a }", "S", opUnknown},
		{"query {", "", opUnknown},
		{"", "", opUnknown},
		{GetUserNode_Operation, "GetUserNode", opQuery},
		{CreateUser_Operation, "CreateUser", opMutation},
	}
	for _, tt := range tests {
		for range 2 { // the second lookup is served from the cache
			if got := operationKind(tt.query, tt.name); got != tt.want {
				t.Errorf("operationKind(%q, %q) = %v, want %v", tt.query, tt.name, got, tt.want)
			}
		}
	}
}

func TestRetryAfter(t *testing.T) {
	t.Parallel()
	// Dates are made when the answer is sent; the tests may wait for a
	// while before they run.
	date := func(d time.Duration) func() string {
		return func() string { return time.Now().Add(d).UTC().Format(http.TimeFormat) }
	}
	fixed := func(s string) func() string { return func() string { return s } }
	tests := []struct {
		name       string
		retryAfter func() string
		policy     RetryPolicy
		min, max   time.Duration
	}{
		{"seconds", fixed("3"), RetryPolicy{}, 3 * time.Second, 3 * time.Second},
		{"zero", fixed("0"), RetryPolicy{InitialBackoff: time.Millisecond}, 0, time.Millisecond},
		{"capped", fixed("120"), RetryPolicy{MaxRetryAfter: 2 * time.Second}, 2 * time.Second, 2 * time.Second},
		{"default cap", fixed("86400"), RetryPolicy{}, defaultMaxRetryAfter, defaultMaxRetryAfter},
		{"HTTP date", date(4 * time.Second), RetryPolicy{}, 2 * time.Second, 4 * time.Second},
		{"date in the past", date(-time.Hour), RetryPolicy{InitialBackoff: time.Millisecond}, 0, time.Millisecond},
		{"garbage", fixed("soon"), RetryPolicy{InitialBackoff: time.Millisecond}, 0, time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			seq := &sequence{
				xs:         []exchange{proxy503, okCount},
				retryAfter: tt.retryAfter,
			}
			c, _, sl := retryClient(t, seq, WithRetry(tt.policy))
			if err := c.Do(t.Context(), countQuery, nil, nil); err != nil {
				t.Fatal(err)
			}
			waits := sl.get()
			if len(waits) != 1 || waits[0] < tt.min || waits[0] > tt.max {
				t.Errorf("waits = %v, want one in [%v, %v]", waits, tt.min, tt.max)
			}
		})
	}
}

// TestRetryDeadline checks that no wait outlasts the context: when the next
// wait would, the last error comes back at once.
func TestRetryDeadline(t *testing.T) {
	t.Parallel()
	seq := &sequence{
		xs:         []exchange{proxy503},
		retryAfter: func() string { return "5" },
	}
	c, _, sl := retryClient(t, seq)
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancel()
	err := c.Do(ctx, countQuery, nil, nil)
	if !errors.Is(err, ErrServer) || errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v; want the 503, not the deadline", err)
	}
	if waits := sl.get(); len(waits) != 0 {
		t.Errorf("waited %v past the deadline", waits)
	}
}

// TestRetrySleepEndsWithContext uses the real sleep: a cancellation ends
// the wait at once, and the error has both causes.
func TestRetrySleepEndsWithContext(t *testing.T) {
	t.Parallel()
	seq := &sequence{xs: []exchange{proxy503}}
	c, _ := newFakeServer(t, seq.handler, WithRetry(RetryPolicy{InitialBackoff: time.Hour, MaxBackoff: time.Hour}))
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	err := c.Do(ctx, countQuery, nil, nil)
	if !errors.Is(err, context.Canceled) || !errors.Is(err, ErrServer) {
		t.Errorf("error = %v; want context.Canceled and the 503", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
	if got := seq.n.Load(); got != 1 {
		t.Errorf("server saw %d requests, want 1", got)
	}
}

// TestRetryForbidden checks the one resend with a new token after a 403,
// for mutations too and with retries off.
func TestRetryForbidden(t *testing.T) {
	t.Parallel()
	forbidden := recorded["2a_no_auth"]
	tests := []struct {
		name      string
		xs        []exchange
		opts      []Option
		wantCalls int
		wantErr   bool
	}{
		{"refused twice", []exchange{forbidden}, nil, 2, true},
		{"accepted after re-signing", []exchange{forbidden, okDelete}, nil, 2, false},
		{"without retry", []exchange{forbidden, okDelete}, []Option{WithoutRetry()}, 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var mu sync.Mutex
			now := time.Now()
			clock := func() time.Time {
				mu.Lock()
				defer mu.Unlock()
				now = now.Add(time.Second) // each signature gets a new iat
				return now
			}
			seq := &sequence{xs: tt.xs}
			c, fs, sl := retryClient(t, seq, append(tt.opts, WithClock(clock))...)
			err := c.Do(t.Context(), deleteMutaton, nil, nil)
			if tt.wantErr {
				var apiErr *Error
				if !errors.Is(err, ErrForbidden) || !errors.As(err, &apiErr) || !strings.Contains(apiErr.Hint, "key id") {
					t.Errorf("error = %v; want ErrForbidden with a hint", err)
				}
			} else if err != nil {
				t.Errorf("Do: %v", err)
			}
			reqs := fs.Requests()
			if len(reqs) != tt.wantCalls {
				t.Fatalf("server saw %d requests, want %d", len(reqs), tt.wantCalls)
			}
			if a, b := reqs[0].Header.Get("Authorization"), reqs[1].Header.Get("Authorization"); a == b {
				t.Error("the refused token was sent again")
			}
			if waits := sl.get(); len(waits) != 0 {
				t.Errorf("waited %v before resending", waits)
			}
		})
	}
}

// failingDialer fails the first n dials the way a refused connection does.
type failingDialer struct {
	n     atomic.Int32
	fails int32
}

func (f *failingDialer) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	if f.n.Add(1) <= f.fails {
		return nil, &net.OpError{Op: "dial", Net: network, Err: errors.New("connection refused")}
	}
	var d net.Dialer
	return d.DialContext(ctx, network, addr)
}

// TestRetryNotSent checks that a request that never left (no connection)
// is retried even for a mutation, while a connection cut after sending
// is retried for a query only.
func TestRetryNotSent(t *testing.T) {
	t.Parallel()
	t.Run("dial error, mutation", func(t *testing.T) {
		t.Parallel()
		fd := &failingDialer{fails: 2}
		tr := &http.Transport{DialContext: fd.dial}
		t.Cleanup(tr.CloseIdleConnections)
		seq := &sequence{xs: []exchange{okDelete}}
		c, _, sl := retryClient(t, seq, WithHTTPClient(&http.Client{Transport: tr}))
		if err := c.Do(t.Context(), deleteMutaton, nil, nil); err != nil {
			t.Fatalf("Do: %v", err)
		}
		if got, waits := fd.n.Load(), sl.get(); got != 3 || len(waits) != 2 {
			t.Errorf("dials = %d, waits = %v; want 3 dials, 2 waits", got, waits)
		}
	})
	for _, tt := range []struct {
		name      string
		query     string
		wantCalls int32
	}{
		{"cut after sending, query", countQuery, 2},
		{"cut after sending, mutation", deleteMutaton, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			c, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) == 1 {
					conn, _, err := http.NewResponseController(w).Hijack()
					if err == nil {
						conn.Close()
					}
					return
				}
				if strings.HasPrefix(tt.query, "mutation") {
					okDelete.serve(w)
				} else {
					okCount.serve(w)
				}
			})
			c.sleep = (&sleeps{}).sleep
			err := c.Do(t.Context(), tt.query, nil, nil)
			if got := n.Load(); got != tt.wantCalls {
				t.Errorf("server saw %d requests, want %d (error %v)", got, tt.wantCalls, err)
			}
			if (err == nil) != (tt.wantCalls == 2) {
				t.Errorf("error = %v", err)
			}
		})
	}
}

// TestRetryTruncatedAnswer checks that an answer cut short is a typed
// error, retried for a query.
func TestRetryTruncatedAnswer(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	c, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Content-Type", ctJSON)
			w.Header().Set("Content-Length", "1000")
			_, _ = w.Write([]byte(`{"data":{"us`))
			return // the server closes the connection short of 1000 bytes
		}
		okCount.serve(w)
	}, WithoutRetry())
	err := c.Do(t.Context(), countQuery, nil, nil)
	var apiErr *Error
	if !errors.As(err, &apiErr) || !errors.Is(err, ErrServer) || apiErr.Hint != hintMalformed {
		t.Errorf("error = %v; want an *Error matching ErrServer", err)
	}

	var n2 atomic.Int32
	c2, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request) {
		if n2.Add(1) == 1 {
			w.Header().Set("Content-Length", "1000")
			_, _ = w.Write([]byte(`{"data":{"us`))
			return
		}
		okCount.serve(w)
	})
	c2.sleep = (&sleeps{}).sleep
	if err := c2.Do(t.Context(), countQuery, nil, nil); err != nil {
		t.Errorf("Do after a truncated answer: %v", err)
	}
}

// TestRetryResetsData checks that a retried call's result holds only the
// last answer.
func TestRetryResetsData(t *testing.T) {
	t.Parallel()
	partial := exchange{200, ctJSONUTF8, `{"data":{"a":1,"b":null},"errors":[{"message":"slow down","path":["b"],` +
		`"extensions":{"errorName":"TooManyRequest","reason":"RateLimited"}}]}`}
	seq := &sequence{xs: []exchange{partial, {200, ctJSONUTF8, `{"data":{"b":2}}`}}}
	c, _, _ := retryClient(t, seq)
	var out struct {
		A int `json:"a"`
		B int `json:"b"`
	}
	if err := c.Do(t.Context(), "{ a b }", nil, &out); err != nil {
		t.Fatal(err)
	}
	if out.A != 0 || out.B != 2 {
		t.Errorf("data = %+v, want {A:0 B:2}", out)
	}
}

func TestWithRetryErrors(t *testing.T) {
	t.Parallel()
	for name, p := range map[string]RetryPolicy{
		"negative attempts":        {MaxAttempts: -1},
		"too many attempts":        {MaxAttempts: maxMaxAttempts + 1},
		"negative backoff":         {InitialBackoff: -time.Second},
		"initial above max":        {InitialBackoff: 2 * time.Second, MaxBackoff: time.Second},
		"negative retry-after cap": {MaxRetryAfter: -1},
	} {
		_, err := New("https://myapp.authgear.cloud", WithKeyID("k"), WithPrivateKey(testKey()), WithRetry(p))
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Setting != settingRetry {
			t.Errorf("%s: error = %v; want a *ConfigError for the retry policy", name, err)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"":                                 0,
		"7":                                7 * time.Second,
		" 7 ":                              7 * time.Second,
		"-1":                               0,
		"1.5":                              0,
		"99999999999999999999":             0,
		"Thu, 03 Dec 2026 12:00:30 GMT":    30 * time.Second,
		"Thu, 03 Dec 2026 11:00:00 GMT":    0,
		"Thursday, 03-Dec-26 12:01:00 GMT": time.Minute,
	} {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestOptionsShared checks that one Option value may configure clients in
// several goroutines at once (run with -race).
func TestOptionsShared(t *testing.T) {
	t.Parallel()
	opts := []Option{
		WithProjectID(" p "), WithKeyID(" k "), WithPrivateKey(testKey()),
		WithRetry(RetryPolicy{MaxAttempts: 2}), WithoutRetry(), WithDebugBodies(true),
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			c, err := New("https://myapp.authgear.cloud", opts...)
			if err != nil {
				t.Error(err)
				return
			}
			if c.ProjectID() != "p" || c.retry.MaxAttempts != 1 {
				t.Errorf("project id %q, attempts %d", c.ProjectID(), c.retry.MaxAttempts)
			}
		})
	}
	wg.Wait()
}

// TestRetryNotOnBadCertificate checks that a certificate the client does
// not trust ends the call at once.
func TestRetryNotOnBadCertificate(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		okCount.serve(w)
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake
	srv.StartTLS()
	t.Cleanup(srv.Close)
	c, err := New(srv.URL, WithProjectID(testProjectID), WithKeyID(testKeyID), WithPrivateKey(testKey()))
	if err != nil {
		t.Fatal(err)
	}
	sl := &sleeps{}
	c.sleep = sl.sleep
	err = c.Do(t.Context(), countQuery, nil, nil)
	var certErr *tls.CertificateVerificationError
	if !errors.As(err, &certErr) {
		t.Errorf("error = %v; want a certificate verification error", err)
	}
	if waits := sl.get(); len(waits) != 0 || n.Load() != 0 {
		t.Errorf("retried %d times after a certificate error; handler reached %d times", len(waits), n.Load())
	}
}
