package adminapitest

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

const (
	faultQuery    = `query Count { users { totalCount } }`
	faultMutation = `mutation Create { createUser(input: {definition: {loginID: {key: "email", value: "f@example.com"}}}) { user { id } } }`
)

// rawAnswer is what a raw client got: an answer, or an error at some
// point of reading it.
type rawAnswer struct {
	status  int
	header  http.Header
	body    string
	err     error // of sending, or of reading the body
	elapsed time.Duration
}

// send posts a GraphQL document with a valid token over a connection of
// its own, so that a dropped connection affects only this request. Like
// the client, it names the operation when the document does.
func send(t *testing.T, ctx context.Context, s *Server, query string) rawAnswer {
	t.Helper()
	req := map[string]any{"query": query}
	if doc, err := parser.ParseQuery(&ast.Source{Input: query}); err == nil && len(doc.Operations) == 1 && doc.Operations[0].Name != "" {
		req["operationName"] = doc.Operations[0].Name
	}
	body, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL()+graphQLPath, strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	hreq.Header.Set("Content-Type", "application/json")
	hreq.Header.Set("Authorization", "Bearer "+token(t, s, nil))
	tr := &http.Transport{DisableKeepAlives: true}
	defer tr.CloseIdleConnections()
	start := time.Now()
	resp, err := (&http.Client{Transport: tr}).Do(hreq)
	if err != nil {
		return rawAnswer{err: err, elapsed: time.Since(start)}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return rawAnswer{status: resp.StatusCode, header: resp.Header, body: string(b), err: err, elapsed: time.Since(start)}
}

// inject injects a fault that must be valid and removes it when the test
// ends.
func inject(t *testing.T, s *Server, f Fault) (remove func()) {
	t.Helper()
	remove, err := s.InjectFault(f)
	if err != nil {
		t.Fatalf("InjectFault(%+v): %v", f, err)
	}
	t.Cleanup(remove)
	return remove
}

// recordedFaults lists the operation, status and fault of each recorded
// request.
type recordedFault struct {
	Op     string
	Status int
	Fault  FaultKind
}

func recordedFaults(s *Server) []recordedFault {
	var out []recordedFault
	for _, r := range s.Requests() {
		out = append(out, recordedFault{r.OperationName, r.Status, r.Fault})
	}
	return out
}

func TestInjectFaultRefusesBadFaults(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	for name, f := range map[string]Fault{
		"no kind":               {},
		"unknown kind":          {Kind: FaultSlowBody + 1},
		"unknown match":         {Kind: FaultDropBefore, Match: MatchMutations + 1},
		"negative times":        {Kind: FaultDropBefore, Times: -1},
		"negative delay":        {Kind: FaultDropBefore, Delay: -time.Second},
		"negative cut":          {Kind: FaultTruncate, Cut: -1},
		"negative chunk size":   {Kind: FaultSlowBody, ChunkSize: -1},
		"latency without delay": {Kind: FaultLatency},
		"status without status": {Kind: FaultStatus},
		"status 1xx":            {Kind: FaultStatus, Status: 101},
		"status 600":            {Kind: FaultStatus, Status: 600},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			remove, err := s.InjectFault(f)
			if err == nil || remove != nil {
				t.Fatalf("InjectFault(%+v) = %v, want an error and no remove function", f, err)
			}
			if !strings.HasPrefix(err.Error(), "adminapitest: InjectFault: ") {
				t.Errorf("error %q lacks the prefix", err)
			}
		})
	}
}

func TestFaultKinds(t *testing.T) {
	t.Parallel()
	const rateLimited = `{"data":null,"errors":[{"message":"request rate limited","locations":[],"extensions":{"errorName":"TooManyRequest","info":{"bucket_name":"B"},"reason":"RateLimited"}}]}`
	tests := []struct {
		name  string
		fault Fault
		query string
		// want is the answer, when one arrives in full.
		wantStatus int
		wantCT     string
		wantBody   string
		wantHeader map[string]string
		// wantErr: sending fails (drop) or reading the body fails
		// (truncate).
		wantErr bool
		// wantBodyLen is the length of a truncated body.
		wantBodyLen int
		// wantUsers is how many users exist afterwards.
		wantUsers int
		// wantRecorded is the recorded status.
		wantRecorded int
		minElapsed   time.Duration
	}{
		{
			name:  "latency",
			fault: Fault{Kind: FaultLatency, Delay: 30 * time.Millisecond}, query: faultMutation,
			wantStatus: 200, wantCT: "application/json; charset=utf-8", wantUsers: 1, wantRecorded: 200,
			minElapsed: 30 * time.Millisecond,
		},
		{
			name: "html 502",
			fault: Fault{Kind: FaultStatus, Status: 502, ContentType: "text/html",
				Body: "<html><body><h1>502 Bad Gateway</h1></body></html>"},
			query:      faultMutation,
			wantStatus: 502, wantCT: "text/html", wantBody: "<html><body><h1>502 Bad Gateway</h1></body></html>", wantRecorded: 502,
		},
		{
			name:  "empty 503",
			fault: Fault{Kind: FaultStatus, Status: 503}, query: faultQuery,
			wantStatus: 503, wantCT: "", wantBody: "", wantRecorded: 503,
		},
		{
			name: "429 with Retry-After",
			fault: Fault{Kind: FaultStatus, Status: 429, ContentType: "text/plain",
				Header: http.Header{"Retry-After": {"1"}}, Body: "slow down"},
			query:      faultQuery,
			wantStatus: 429, wantCT: "text/plain", wantBody: "slow down", wantHeader: map[string]string{"Retry-After": "1"},
			wantRecorded: 429,
		},
		{
			name:  "rate limited",
			fault: Fault{Kind: FaultRateLimited, Bucket: "B"}, query: faultMutation,
			wantStatus: 200, wantCT: "application/json; charset=utf-8", wantBody: rateLimited, wantRecorded: 200,
		},
		{
			name:  "drop before",
			fault: Fault{Kind: FaultDropBefore}, query: faultMutation,
			wantErr: true, wantUsers: 0, wantRecorded: 0,
		},
		{
			name:  "drop after",
			fault: Fault{Kind: FaultDropAfter}, query: faultMutation,
			wantErr: true, wantUsers: 1, wantRecorded: 0,
		},
		{
			name:  "truncate",
			fault: Fault{Kind: FaultTruncate, Cut: 10}, query: faultMutation,
			wantStatus: 200, wantCT: "application/json; charset=utf-8", wantErr: true, wantBodyLen: 10,
			wantUsers: 1, wantRecorded: 200,
		},
		{
			name:  "slow body",
			fault: Fault{Kind: FaultSlowBody, ChunkSize: 20, Delay: 5 * time.Millisecond}, query: faultMutation,
			wantStatus: 200, wantCT: "application/json; charset=utf-8", wantUsers: 1, wantRecorded: 200,
			minElapsed: 10 * time.Millisecond, // the body is longer than 40 bytes
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newTestServer(t)
			tt.fault.Times = 1
			inject(t, s, tt.fault)
			got := send(t, t.Context(), s, tt.query)
			if tt.wantErr != (got.err != nil) {
				t.Fatalf("error = %v, want error %t", got.err, tt.wantErr)
			}
			if got.status != tt.wantStatus {
				t.Errorf("status = %d, want %d", got.status, tt.wantStatus)
			}
			if got.status != 0 {
				if ct := got.header.Get("Content-Type"); ct != tt.wantCT {
					t.Errorf("Content-Type = %q, want %q", ct, tt.wantCT)
				}
			}
			if tt.wantBody != "" || tt.fault.Kind == FaultStatus {
				if diff := cmp.Diff(tt.wantBody, got.body); diff != "" {
					t.Errorf("body mismatch (-want +got):\n%s", diff)
				}
			}
			for k, v := range tt.wantHeader {
				if h := got.header.Get(k); h != v {
					t.Errorf("%s = %q, want %q", k, h, v)
				}
			}
			if tt.wantBodyLen != 0 {
				if len(got.body) != tt.wantBodyLen || !errors.Is(got.err, io.ErrUnexpectedEOF) {
					t.Errorf("body %q (%d bytes), error %v; want %d bytes and an unexpected EOF", got.body, len(got.body), got.err, tt.wantBodyLen)
				}
			}
			if got.status == 200 && got.err == nil && tt.fault.Kind != FaultRateLimited {
				if !strings.HasPrefix(got.body, `{"data":{`) {
					t.Errorf("body = %s, want a successful answer", got.body)
				}
			}
			if got.elapsed < tt.minElapsed {
				t.Errorf("took %v, want at least %v", got.elapsed, tt.minElapsed)
			}
			if n := len(s.Users()); n != tt.wantUsers {
				t.Errorf("%d users, want %d", n, tt.wantUsers)
			}
			// The next request is served normally.
			if after := send(t, t.Context(), s, faultQuery); after.err != nil || after.status != 200 {
				t.Errorf("request after the fault: status %d, error %v", after.status, after.err)
			}
			wantOp := "Count"
			if tt.query == faultMutation {
				wantOp = "Create"
			}
			want := []recordedFault{{wantOp, tt.wantRecorded, tt.fault.Kind}, {"Count", 200, 0}}
			if diff := cmp.Diff(want, recordedFaults(s)); diff != "" {
				t.Errorf("recorded requests (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFaultMatching(t *testing.T) {
	t.Parallel()
	const other = `query Other { users { totalCount } }`
	tests := []struct {
		name  string
		fault Fault
		// sent are the documents sent, in order; faulted says which of
		// them the fault acted on.
		sent    []string
		faulted []bool
	}{
		{"all", Fault{}, []string{faultQuery, faultMutation}, []bool{true, true}},
		{"queries", Fault{Match: MatchQueries}, []string{faultMutation, faultQuery}, []bool{false, true}},
		{"mutations", Fault{Match: MatchMutations}, []string{faultQuery, faultMutation}, []bool{false, true}},
		{"operation name", Fault{OperationName: "Other"}, []string{faultQuery, other}, []bool{false, true}},
		{"name and type", Fault{OperationName: "Count", Match: MatchMutations}, []string{faultQuery}, []bool{false}},
		{"path", Fault{Path: graphQLPath}, []string{faultQuery}, []bool{true}},
		{"other path", Fault{Path: graphQLAliasPath}, []string{faultQuery}, []bool{false}},
		{"syntax error", Fault{Match: MatchQueries}, []string{`{ users {`}, []bool{false}},
		{"times", Fault{Times: 2}, []string{faultQuery, faultQuery, faultQuery}, []bool{true, true, false}},
		{"until removed", Fault{}, []string{faultQuery, faultQuery, faultQuery}, []bool{true, true, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newTestServer(t)
			tt.fault.Kind = FaultStatus
			tt.fault.Status = http.StatusTeapot
			inject(t, s, tt.fault)
			for i, q := range tt.sent {
				got := send(t, t.Context(), s, q)
				if faulted := got.status == http.StatusTeapot; faulted != tt.faulted[i] {
					t.Errorf("request %d (%s): status %d, faulted %t, want %t", i, q, got.status, faulted, tt.faulted[i])
				}
			}
		})
	}
}

func TestFaultRemoveAndOrder(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	status := func() int {
		t.Helper()
		return send(t, t.Context(), s, faultQuery).status
	}
	removeFirst := inject(t, s, Fault{Kind: FaultStatus, Status: 502})
	inject(t, s, Fault{Kind: FaultStatus, Status: 503})
	if got := status(); got != 502 {
		t.Errorf("status = %d, want 502 from the fault injected first", got)
	}
	removeFirst()
	removeFirst() // harmless
	if got := status(); got != 503 {
		t.Errorf("status after removing the first fault = %d, want 503", got)
	}
	s.Reset()
	if got := status(); got != 503 {
		t.Errorf("status after Reset = %d, want 503: faults outlive Reset", got)
	}
	s.ClearFaults()
	if got := status(); got != 200 {
		t.Errorf("status after ClearFaults = %d, want 200", got)
	}
}

// TestFaultTimesUnderConcurrency checks that a fault with Times n acts on
// exactly n of many simultaneous requests.
func TestFaultTimesUnderConcurrency(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	const n, times = 24, 5
	inject(t, s, Fault{Kind: FaultStatus, Status: 503, Times: times})
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		faulted int
	)
	for range n {
		wg.Go(func() {
			if send(t, t.Context(), s, faultQuery).status == 503 {
				mu.Lock()
				faulted++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if faulted != times {
		t.Errorf("%d requests faulted, want %d", faulted, times)
	}
	recorded := 0
	for _, r := range s.Requests() {
		if r.Fault == FaultStatus {
			recorded++
		}
	}
	if recorded != times {
		t.Errorf("%d requests recorded as faulted, want %d", recorded, times)
	}
}

// TestFaultDelayEndsWithClient checks that an injected delay ends when the
// client gives up: the handler returns at once, answering nothing.
func TestFaultDelayEndsWithClient(t *testing.T) {
	t.Parallel()
	for _, kind := range []FaultKind{FaultLatency, FaultDropAfter, FaultSlowBody} {
		t.Run(kind.String(), func(t *testing.T) {
			t.Parallel()
			s := newTestServer(t)
			f := Fault{Kind: kind, Delay: time.Minute}
			if kind == FaultSlowBody {
				f.ChunkSize = 1
			}
			inject(t, s, f)
			ctx, cancel := context.WithTimeout(t.Context(), 500*time.Millisecond)
			defer cancel()
			got := send(t, ctx, s, faultQuery)
			if !errors.Is(got.err, context.DeadlineExceeded) {
				t.Fatalf("error = %v, want the deadline", got.err)
			}
			if got.elapsed > 10*time.Second {
				t.Errorf("took %v", got.elapsed)
			}
			// The handler notices the closed connection and returns.
			deadline := time.Now().Add(10 * time.Second)
			for len(s.Requests()) == 0 {
				if time.Now().After(deadline) {
					t.Fatal("the delayed request never ended")
				}
				time.Sleep(5 * time.Millisecond)
			}
			r := s.Requests()[0]
			if r.Fault != kind {
				t.Errorf("recorded fault %v, want %v", r.Fault, kind)
			}
			wantStatus := 0
			if kind == FaultSlowBody {
				wantStatus = 200 // the headers went out before the body stalled
			}
			if r.Status != wantStatus {
				t.Errorf("recorded status %d, want %d", r.Status, wantStatus)
			}
		})
	}
}

func TestFaultRecordsDroppedOperation(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	inject(t, s, Fault{Kind: FaultDropBefore, Times: 1})
	const secret = "s3cret-passw0rd"
	send(t, t.Context(), s, `mutation Create { createUser(input: {definition: {loginID: {key: "email", value: "x@example.com"}}, password: "`+secret+`"}) { user { id } } }`)
	reqs := s.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests recorded, want 1", len(reqs))
	}
	r := reqs[0]
	if r.OperationName != "Create" || r.Fault != FaultDropBefore || r.TokenClaims == nil {
		t.Errorf("recorded %+v, want operation Create, fault drop-before and the token's claims", r)
	}
	if strings.Contains(r.Query, secret) {
		t.Errorf("recorded query holds the password: %s", r.Query)
	}
}

func TestFaultsActAfterAuthentication(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	inject(t, s, Fault{Kind: FaultDropBefore})
	got := do(t, s, http.MethodPost, graphQLPath, map[string]string{"Content-Type": "application/json"}, `{"query":"`+usersTotalCount+`"}`)
	if got.status != http.StatusForbidden {
		t.Errorf("status = %d, want 403 before any fault", got.status)
	}
}

func TestFaultKindString(t *testing.T) {
	t.Parallel()
	got := []string{FaultLatency.String(), FaultDropAfter.String(), FaultKind(0).String(), FaultKind(99).String()}
	want := []string{"latency", "drop-after", "FaultKind(0)", "FaultKind(99)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("String (-want +got):\n%s", diff)
	}
}
