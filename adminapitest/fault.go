package adminapitest

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
)

// FaultKind says what a [Fault] does to the requests it matches.
type FaultKind int

// Fault kinds. Unless stated otherwise, a positive [Fault.Delay] is waited
// before the fault acts; the wait ends early when the request's context ends
// (the client gave up, or the server is closing), and then nothing is
// handled and nothing is answered.
const (
	// FaultLatency delays the request by Delay (which must be positive),
	// then handles it normally.
	FaultLatency FaultKind = iota + 1

	// FaultStatus answers with Status, ContentType, Header and Body without
	// handling the request, as a load balancer or proxy in front of the
	// server does: an HTML 502 page, an empty 503, a 429 with Retry-After.
	// Nothing runs.
	FaultStatus

	// FaultRateLimited answers like the server's rate limiter inside
	// GraphQL: HTTP 200, application/json, data null and one error with the
	// message "request rate limited" and extensions {errorName:
	// TooManyRequest, reason: RateLimited, info: {bucket_name: Bucket}}.
	// Nothing runs.
	FaultRateLimited

	// FaultDropBefore closes the connection without answering, before the
	// request is handled: a mutation does not run. The client sees a network
	// error.
	FaultDropBefore

	// FaultDropAfter handles the request in full (a mutation is applied and
	// committed), then closes the connection without answering. The client
	// sees a network error although the mutation ran: the case that makes
	// resending a mutation unsafe.
	FaultDropAfter

	// FaultTruncate handles the request, then sends the answer's status and
	// headers, with a Content-Length for the whole body, and only the first
	// Cut bytes of the body (half of it when Cut is 0, never all of it)
	// before closing the connection.
	FaultTruncate

	// FaultSlowBody handles the request, then sends the answer's body
	// ChunkSize bytes at a time (64 when 0), waiting Delay before each chunk
	// after the first. The wait stops, and the connection is closed, when
	// the request's context ends.
	FaultSlowBody
)

var faultKindNames = map[FaultKind]string{
	FaultLatency:     "latency",
	FaultStatus:      "status",
	FaultRateLimited: "rate-limited",
	FaultDropBefore:  "drop-before",
	FaultDropAfter:   "drop-after",
	FaultTruncate:    "truncate",
	FaultSlowBody:    "slow-body",
}

// String returns a short name of the kind, such as "drop-after".
func (k FaultKind) String() string {
	if s, ok := faultKindNames[k]; ok {
		return s
	}
	return "FaultKind(" + strconv.Itoa(int(k)) + ")"
}

// Match selects requests by the type of their GraphQL operation.
type Match int

const (
	// MatchAll matches every request, GraphQL or not.
	MatchAll Match = iota
	// MatchQueries matches GraphQL requests whose operation is a query.
	MatchQueries
	// MatchMutations matches GraphQL requests whose operation is a
	// mutation.
	MatchMutations
)

// Fault describes a failure the server injects into the requests it
// matches, for testing how a client copes with proxies, networks and rate
// limits. Add one with [Server.InjectFault].
//
// A request matches when it satisfies every selector that is set: Match,
// OperationName and Path. Faults act after authentication, so a request
// with a bad token is refused as usual. A GraphQL request's operation is
// the one named by its operationName, or its only operation; a body that
// cannot be read or parsed has no operation, and matches only faults
// without Match and OperationName.
type Fault struct {
	// Kind says what the fault does; it must be set.
	Kind FaultKind

	// Match selects by operation type; the zero value matches all.
	Match Match

	// OperationName, if not empty, selects GraphQL requests whose
	// operation has that name.
	OperationName string

	// Path, if not empty, selects requests with that exact URL path, such
	// as "/_api/admin/graphql" or "/_api/admin/users/import".
	Path string

	// Times is how many matching requests the fault acts on before it
	// goes away; 0 means every matching request until it is removed.
	Times int

	// Delay is waited before the fault acts; for FaultSlowBody it is the
	// pause between chunks.
	Delay time.Duration

	// Status, ContentType, Header and Body are the answer of FaultStatus.
	// Status must be between 200 and 599. ContentType, if not empty, sets
	// the Content-Type header; without it, and without one in Header, the
	// answer has no Content-Type. Body may be empty.
	Status      int
	ContentType string
	Header      http.Header
	Body        string

	// Bucket is the bucket_name in the info of FaultRateLimited;
	// "AdminAPI" when empty.
	Bucket string

	// Cut is how many bytes of the body FaultTruncate sends.
	Cut int

	// ChunkSize is the size of FaultSlowBody's chunks.
	ChunkSize int
}

// defaultBucket is the bucket FaultRateLimited names when none is given.
const defaultBucket = "AdminAPI"

// check reports a fault that cannot act.
func (f *Fault) check() error {
	switch {
	case f.Kind == 0:
		return errors.New("no Kind")
	case f.Kind < FaultLatency || f.Kind > FaultSlowBody:
		return fmt.Errorf("unknown Kind %d", int(f.Kind))
	case f.Match < MatchAll || f.Match > MatchMutations:
		return fmt.Errorf("unknown Match %d", int(f.Match))
	case f.Times < 0:
		return fmt.Errorf("negative Times %d", f.Times)
	case f.Delay < 0:
		return fmt.Errorf("negative Delay %v", f.Delay)
	case f.Cut < 0:
		return fmt.Errorf("negative Cut %d", f.Cut)
	case f.ChunkSize < 0:
		return fmt.Errorf("negative ChunkSize %d", f.ChunkSize)
	case f.Kind == FaultLatency && f.Delay == 0:
		return errors.New("FaultLatency needs a positive Delay")
	case f.Kind == FaultStatus && (f.Status < 200 || f.Status > 599):
		return fmt.Errorf("FaultStatus needs a Status between 200 and 599, got %d", f.Status)
	}
	return nil
}

// InjectFault makes the server fail the requests f matches, from the next
// one on, and returns a function that removes the fault (removing it twice
// is harmless). It fails if f is incomplete or has a negative field.
//
// When several faults match a request, the one injected first acts; at most
// one fault acts on a request. [Server.Requests] records the kind of the
// fault that acted on each request. Faults outlive [Server.Reset]; remove
// them all with [Server.ClearFaults].
//
// InjectFault and the function it returns are safe for concurrent use,
// also while requests are being served; a fault with Times n acts on
// exactly n requests, however many arrive at once.
func (s *Server) InjectFault(f Fault) (remove func(), err error) {
	if err := f.check(); err != nil {
		return nil, fmt.Errorf("adminapitest: InjectFault: %w", err)
	}
	f.Header = f.Header.Clone()
	a := &activeFault{f: f, left: f.Times}
	s.faults.mu.Lock()
	s.faults.active = append(s.faults.active, a)
	s.faults.mu.Unlock()
	return func() { s.faults.remove(a) }, nil
}

// ClearFaults removes every injected fault. It is safe for concurrent use.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	s.faults.active = nil
	s.faults.mu.Unlock()
}

// faultSet holds the injected faults of a server, in the order added.
type faultSet struct {
	mu     sync.Mutex
	active []*activeFault
}

type activeFault struct {
	f    Fault
	left int // requests left to act on, when f.Times > 0
}

func (fs *faultSet) empty() bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return len(fs.active) == 0
}

func (fs *faultSet) remove(a *activeFault) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.active = slices.DeleteFunc(fs.active, func(x *activeFault) bool { return x == a })
}

// target is what faults match a request on.
type target struct {
	path   string
	opType ast.Operation // "" when the request has no readable operation
	opName string
}

func (f *Fault) matches(t target) bool {
	switch {
	case f.Match == MatchQueries && t.opType != ast.Query,
		f.Match == MatchMutations && t.opType != ast.Mutation,
		f.OperationName != "" && (t.opType == "" || f.OperationName != t.opName),
		f.Path != "" && f.Path != t.path:
		return false
	}
	return true
}

// take returns the first fault that matches t, counting the request against
// its Times, or nil.
func (fs *faultSet) take(t target) *Fault {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i, a := range fs.active {
		if !a.f.matches(t) {
			continue
		}
		if a.f.Times > 0 {
			a.left--
			if a.left == 0 {
				fs.active = slices.Delete(fs.active, i, i+1)
			}
		}
		f := a.f
		return &f
	}
	return nil
}
