package adminapitest

import (
	"context"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"
)

// RecordedRequest is one request the server received, for tests that check
// what their code sent. Passwords are redacted and tokens are never kept.
type RecordedRequest struct {
	Method string
	Path   string
	// OperationName, Query and Variables are those of a GraphQL request; they
	// are empty for other requests and for bodies the server could not read.
	// In Variables, the value of every key named password or newPassword (at
	// any depth) is "REDACTED"; in Query, so are such string arguments.
	OperationName string
	Query         string
	Variables     map[string]any
	// Status is the HTTP status of the answer; 0 when none was sent (an
	// injected fault dropped the connection, or the client gave up during
	// an injected delay).
	Status int
	// Fault is the kind of the injected fault that acted on the request
	// (see [Server.InjectFault]); 0 if none did.
	Fault FaultKind
	// TokenClaims are the claims of the request's token; nil unless the
	// token was accepted.
	TokenClaims *TokenClaims
	// Time is when the request arrived, by the server's clock.
	Time time.Time
}

// redacted replaces passwords in recorded requests.
const redacted = "REDACTED"

func isSecretKey(k string) bool {
	return strings.EqualFold(k, "password") || strings.EqualFold(k, "newPassword")
}

func redactVariables(v map[string]any) map[string]any {
	if v == nil {
		return nil
	}
	out := make(map[string]any, len(v))
	for k, val := range v {
		if isSecretKey(k) && val != nil {
			out[k] = redacted
			continue
		}
		out[k] = redactValue(val)
	}
	return out
}

func redactValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		return redactVariables(v)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = redactValue(e)
		}
		return out
	default:
		return v
	}
}

// secretLiteral matches a password or newPassword argument given as a
// string or block string literal in a GraphQL document. A regular
// expression, unlike a parser, also works on documents with syntax errors.
var secretLiteral = regexp.MustCompile(`(?i)(\b(?:new)?password\s*:\s*)("""(?:[^"\\]|\\.|"[^"]|""[^"])*"""|"(?:[^"\\\n]|\\.)*")`)

func redactQuery(q string) string {
	return secretLiteral.ReplaceAllString(q, `${1}"`+redacted+`"`)
}

// recorder keeps the requests of a server, safe for concurrent use.
type recorder struct {
	mu   sync.Mutex
	reqs []*RecordedRequest
}

type recordKey struct{}

func recordFrom(ctx context.Context) *RecordedRequest {
	r, _ := ctx.Value(recordKey{}).(*RecordedRequest)
	return r
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets [http.ResponseController] reach the connection, which
// injected faults flush and hijack.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// record wraps the server's handler: it records every request once it is
// answered and logs it.
func (s *Server) record(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &RecordedRequest{Method: r.Method, Path: r.URL.Path, Time: s.cfg.clock()}
		sw := &statusWriter{ResponseWriter: w}
		finish := sync.OnceFunc(func() {
			switch {
			case sw.status != 0:
				rec.Status = sw.status
			case rec.Fault == 0:
				rec.Status = http.StatusOK // the handler wrote nothing
			}
			// Otherwise a fault answered on the bare connection and set the
			// status it sent, if any.
			level := slog.LevelInfo
			if rec.Status >= http.StatusInternalServerError {
				level = slog.LevelError
			}
			s.cfg.logger.LogAttrs(r.Context(), level, "adminapitest: request",
				slog.String("method", rec.Method), slog.String("path", rec.Path),
				slog.String("operation", rec.OperationName), slog.Int("status", rec.Status))
			s.recorder.mu.Lock()
			s.recorder.reqs = append(s.recorder.reqs, rec)
			s.recorder.mu.Unlock()
		})
		ctx := context.WithValue(r.Context(), recordKey{}, rec)
		ctx = context.WithValue(ctx, finishKey{}, finish)
		next.ServeHTTP(sw, r.WithContext(ctx))
		finish()
	})
}

type finishKey struct{}

// finishRecord records the request now, before the client can see the end
// of its answer, for injected faults that end the answer themselves (by
// closing the connection) before the handler returns. The record must not
// change afterwards.
func finishRecord(ctx context.Context) {
	if f, ok := ctx.Value(finishKey{}).(func()); ok {
		f()
	}
}

// Requests returns copies of the requests received so far, oldest first.
// It is safe to call while requests are being served.
func (s *Server) Requests() []RecordedRequest {
	s.recorder.mu.Lock()
	defer s.recorder.mu.Unlock()
	out := make([]RecordedRequest, len(s.recorder.reqs))
	for i, r := range s.recorder.reqs {
		c := *r
		if r.Variables != nil {
			c.Variables = copyMap(r.Variables)
		}
		if r.TokenClaims != nil {
			tc := *r.TokenClaims
			tc.Audience = append([]string(nil), tc.Audience...)
			if tc.AuditContext != nil {
				tc.AuditContext = copyMap(tc.AuditContext)
			}
			c.TokenClaims = &tc
		}
		out[i] = c
	}
	return out
}
