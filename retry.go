package adminapi

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// RetryPolicy says when and how often a [Client] repeats a failed request.
// The zero value means the defaults listed with each field.
//
// Queries are retried after network errors, after HTTP 429, 502, 503 and
// 504 (answers of the proxies in front of the server), and after a GraphQL
// error named TooManyRequest, which the server sends inside an HTTP 200.
// Mutations are retried only when the request cannot have reached the
// server (the connection could not be made), unless the call's context is
// marked with [ContextWithIdempotent]. Whether a request is a query or a
// mutation is read from its GraphQL document.
//
// Waits grow exponentially with full jitter: before retry n the client
// sleeps a random time between 0 and min(MaxBackoff, InitialBackoff·2ⁿ⁻¹).
// A Retry-After header, which the Admin API itself never sends but a proxy
// may, replaces that wait, up to MaxRetryAfter. No wait runs past the
// context's deadline: when the next wait would, the last error is returned
// at once; a wait ends early with the context's error when the context is
// done.
//
// Independently of the policy, a request refused with HTTP 403 is sent once
// more with a newly signed token; see [ErrForbidden].
type RetryPolicy struct {
	// MaxAttempts is the most requests one call makes, the first included.
	// 0 means 4; 1 disables retries (see also [WithoutRetry]).
	MaxAttempts int

	// InitialBackoff bounds the first wait. 0 means 200ms.
	InitialBackoff time.Duration

	// MaxBackoff bounds every computed wait. 0 means 5s.
	MaxBackoff time.Duration

	// MaxRetryAfter bounds a wait asked for by a Retry-After header. 0
	// means 10s.
	MaxRetryAfter time.Duration
}

// Defaults of [RetryPolicy].
const (
	defaultMaxAttempts    = 4
	defaultInitialBackoff = 200 * time.Millisecond
	defaultMaxBackoff     = 5 * time.Second
	defaultMaxRetryAfter  = 10 * time.Second
	maxMaxAttempts        = 100
)

// withDefaults fills in the zero fields.
func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts == 0 {
		p.MaxAttempts = defaultMaxAttempts
	}
	if p.InitialBackoff == 0 {
		p.InitialBackoff = defaultInitialBackoff
	}
	if p.MaxBackoff == 0 {
		p.MaxBackoff = max(defaultMaxBackoff, p.InitialBackoff)
	}
	if p.MaxRetryAfter == 0 {
		p.MaxRetryAfter = defaultMaxRetryAfter
	}
	return p
}

// check reports a policy that cannot be used, after withDefaults.
func (p RetryPolicy) check() error {
	switch {
	case p.MaxAttempts < 1 || p.MaxAttempts > maxMaxAttempts:
		return configErrorf(settingRetry, "MaxAttempts %d is out of range; use 1 to %d (1 disables retries)", p.MaxAttempts, maxMaxAttempts)
	case p.InitialBackoff < 0 || p.MaxBackoff < 0 || p.MaxRetryAfter < 0:
		return configErrorf(settingRetry, "negative duration")
	case p.InitialBackoff > p.MaxBackoff:
		return configErrorf(settingRetry, "InitialBackoff %v exceeds MaxBackoff %v", p.InitialBackoff, p.MaxBackoff)
	}
	return nil
}

// newBackOff returns the schedule of waits: full jitter, that is a uniform
// draw from [0, min(MaxBackoff, InitialBackoff·2ⁿ)]. backoff's randomized
// interval spans current·(1±RandomizationFactor), so a factor of 1 around
// half the bound gives [0, bound].
func (p RetryPolicy) newBackOff() *backoff.ExponentialBackOff {
	b := &backoff.ExponentialBackOff{
		InitialInterval:     p.InitialBackoff / 2,
		RandomizationFactor: 1,
		Multiplier:          2,
		MaxInterval:         p.MaxBackoff / 2,
	}
	b.Reset()
	return b
}

// idempotentKey marks a context whose mutations may be retried.
type idempotentKey struct{}

// ContextWithIdempotent returns a copy of ctx that lets the client retry the
// mutations of calls made with it under its [RetryPolicy], as it retries
// queries. Use it only for mutations whose second run leaves the same state
// and succeeds, such as [Client.UpdateUser], which replaces whole objects;
// never for creating a user. Beware of mutations that look idempotent but
// fail when repeated: the server refuses to disable a user who is already
// disabled. Queries are always retried; this changes nothing for them.
func ContextWithIdempotent(ctx context.Context) context.Context {
	return context.WithValue(ctx, idempotentKey{}, true)
}

func isIdempotent(ctx context.Context) bool {
	v, _ := ctx.Value(idempotentKey{}).(bool)
	return v
}

// opKind is the type of an operation as far as retrying is concerned.
type opKind uint8

const (
	opUnknown  opKind = iota // unparsable, or no such operation: never resent
	opQuery                  // safe to resend
	opMutation               // resent only when it cannot have arrived
)

// opKinds caches the kind of each operation document, keyed by the query
// text and operation name. It is copied on write so that the read path is
// one atomic load and a map lookup; it stops growing at maxOpKinds entries
// (callers of Do may send any number of distinct documents), after which
// documents are parsed each time they need classifying, which happens only
// after a retryable failure.
var opKinds struct {
	mu sync.Mutex
	m  atomic.Pointer[map[opKindKey]opKind]
}

type opKindKey struct{ query, name string }

const maxOpKinds = 512

// operationKind parses query with gqlparser and returns the type of the
// operation named name (or of the only operation when name is empty).
func operationKind(query, name string) opKind {
	key := opKindKey{query, name}
	if m := opKinds.m.Load(); m != nil {
		if k, ok := (*m)[key]; ok {
			return k
		}
	}
	k := parseOpKind(query, name)
	opKinds.mu.Lock()
	defer opKinds.mu.Unlock()
	old := opKinds.m.Load()
	if old != nil && len(*old) >= maxOpKinds {
		return k
	}
	m := make(map[opKindKey]opKind, 1+lenOf(old))
	if old != nil {
		for kk, v := range *old {
			m[kk] = v
		}
	}
	m[key] = k
	opKinds.m.Store(&m)
	return k
}

func lenOf(m *map[opKindKey]opKind) int {
	if m == nil {
		return 0
	}
	return len(*m)
}

func parseOpKind(query, name string) opKind {
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		return opUnknown
	}
	var op *ast.OperationDefinition
	switch {
	case name != "":
		op = doc.Operations.ForName(name)
	case len(doc.Operations) == 1:
		op = doc.Operations[0]
	}
	if op == nil {
		return opUnknown
	}
	switch op.Operation {
	case ast.Query:
		return opQuery
	case ast.Mutation:
		return opMutation
	}
	return opUnknown
}

// outcome classifies a failed attempt for the retry loop.
type outcome uint8

const (
	final     outcome = iota // do not retry
	retryable                // retry a query or an idempotent call
	notSent                  // the request never left: retry whatever it is
	forbidden                // HTTP 403: re-sign and resend once
)

// classifyTransport sorts an error of http.Client.Do.
func classifyTransport(err error) outcome {
	var (
		certErr *tls.CertificateVerificationError
		opErr   *net.OpError
	)
	switch {
	case errors.As(err, &certErr):
		return final // a wrong certificate stays wrong
	case errors.As(err, &opErr) && opErr.Op == "dial":
		// No connection, so not a byte of the request was sent.
		return notSent
	}
	return retryable
}

// classifyStatus sorts an answer by its status and decoded error.
func classifyStatus(status int, err error) outcome {
	switch status {
	case http.StatusForbidden:
		return forbidden
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return retryable
	case http.StatusOK:
		if hasErrorName(err, nameTooManyRequest) {
			return retryable
		}
	}
	return final
}

// hasErrorName reports whether err is, or is a list holding, an *Error
// with the server error name.
func hasErrorName(err error, name string) bool {
	switch e := err.(type) {
	case *Error:
		return e.Name == name
	case ErrorList:
		for _, x := range e {
			if x.Name == name {
				return true
			}
		}
	}
	return false
}

// parseRetryAfter reads a Retry-After header: delay seconds or an HTTP
// date. It returns 0 when the header is absent or unusable.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseUint(v, 10, 32); err == nil {
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// sleepCtx waits for d or until ctx is done, returning ctx's error then.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
