package adminapitest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// Defaults and bounds of the fault behaviours.
const (
	defaultChunkSize = 64
	// faultWriteTimeout bounds the writes on a hijacked connection, so that
	// a client that stops reading cannot hold a handler forever.
	faultWriteTimeout = 5 * time.Second
)

// injectFaults wraps the server's routes: when a fault matches a request, it
// acts instead of, around or after them. Without faults it only passes the
// request on.
func (s *Server) injectFaults(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.faults.empty() {
			next.ServeHTTP(w, r)
			return
		}
		t, params := peekTarget(r)
		f := s.faults.take(t)
		if f == nil {
			next.ServeHTTP(w, r)
			return
		}
		if rec := recordFrom(r.Context()); rec != nil {
			rec.Fault = f.Kind
			if params != nil {
				// The transport records these too when it runs; some
				// faults stop the request before it does.
				rec.OperationName = params.OperationName
				rec.Query = redactQuery(params.Query)
				rec.Variables = redactVariables(params.Variables)
			}
		}
		f.serve(w, r, next)
	})
}

// peekTarget reads what faults match on. It reads the body of a GraphQL
// POST (up to the transport's limit) and puts it back for the handler.
func peekTarget(r *http.Request) (target, *graphql.RawParams) {
	t := target{path: r.URL.Path}
	if r.Method != http.MethodPost {
		return t, nil
	}
	ct := mediaType(r.Header.Get("Content-Type"))
	if ct != "application/json" && ct != "application/graphql" {
		return t, nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	r.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(body), r.Body), r.Body}
	if err != nil || len(body) > maxBodyBytes {
		return t, nil
	}
	params := &graphql.RawParams{Query: string(body)}
	if ct == "application/json" {
		if params, err = decodeParams(body); err != nil {
			return t, nil
		}
	}
	doc, gqlErr := parser.ParseQuery(&ast.Source{Input: params.Query})
	if gqlErr != nil {
		return t, params
	}
	var op *ast.OperationDefinition
	switch {
	case params.OperationName != "":
		op = doc.Operations.ForName(params.OperationName)
	case len(doc.Operations) == 1:
		op = doc.Operations[0]
	}
	if op != nil {
		t.opType, t.opName = op.Operation, op.Name
	}
	return t, params
}

// serve makes the fault act on a request it matched.
func (f *Fault) serve(w http.ResponseWriter, r *http.Request, next http.Handler) {
	if f.Kind != FaultSlowBody && !sleep(r.Context(), f.Delay) {
		return // the client is gone: answer nothing
	}
	switch f.Kind {
	case FaultLatency:
		next.ServeHTTP(w, r)
	case FaultStatus:
		f.writeStatus(w)
	case FaultRateLimited:
		writeResponse(w, &graphql.Response{Errors: gqlerror.List{f.rateLimitError()}})
	case FaultDropBefore:
		drop(w, r)
	case FaultDropAfter:
		var b bufferedResponse
		next.ServeHTTP(&b, r)
		drop(w, r)
	case FaultTruncate:
		var b bufferedResponse
		next.ServeHTTP(&b, r)
		if rec := recordFrom(r.Context()); rec != nil {
			rec.Status = b.statusCode()
		}
		b.writeTruncated(w, r, f.Cut)
	case FaultSlowBody:
		var b bufferedResponse
		next.ServeHTTP(&b, r)
		b.trickle(w, r, f.ChunkSize, f.Delay)
	}
}

// sleep waits for d and reports whether ctx is still live.
func sleep(ctx context.Context, d time.Duration) bool {
	if d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
		}
	}
	return ctx.Err() == nil
}

func (f *Fault) writeStatus(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range f.Header {
		h[k] = slices.Clone(v)
	}
	if f.ContentType != "" {
		h.Set("Content-Type", f.ContentType)
	} else if h.Get("Content-Type") == "" {
		h["Content-Type"] = nil // no sniffing: send none
	}
	h.Set("Content-Length", strconv.Itoa(len(f.Body)))
	w.WriteHeader(f.Status)
	_, _ = io.WriteString(w, f.Body)
}

func (f *Fault) rateLimitError() *gqlerror.Error {
	bucket := f.Bucket
	if bucket == "" {
		bucket = defaultBucket
	}
	return &gqlerror.Error{
		Message: "request rate limited",
		Extensions: map[string]any{
			"errorName": "TooManyRequest",
			"reason":    "RateLimited",
			"info":      map[string]any{"bucket_name": bucket},
		},
	}
}

// drop closes the request's connection without an answer. The emulator
// serves HTTP/1.1, whose connections can always be hijacked; should that
// fail, aborting the handler also closes the connection unanswered.
func drop(w http.ResponseWriter, r *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	// Record first: the client may look at the server's records as soon
	// as it sees the connection close.
	finishRecord(r.Context())
	_ = conn.Close()
}

// bufferedResponse keeps an answer in memory so that a fault can deliver it
// badly.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header {
	if b.header == nil {
		b.header = http.Header{}
	}
	return b.header
}

func (b *bufferedResponse) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

func (b *bufferedResponse) statusCode() int {
	if b.status == 0 {
		return http.StatusOK
	}
	return b.status
}

// writeTruncated writes the status line, the headers (announcing the whole
// body) and the first cut bytes of the body straight to the connection, then
// closes it.
func (b *bufferedResponse) writeTruncated(w http.ResponseWriter, r *http.Request, cut int) {
	body := b.body.Bytes()
	if cut == 0 || cut >= len(body) {
		cut = len(body) / 2
	}
	conn, brw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	defer conn.Close()
	_ = conn.SetWriteDeadline(time.Now().Add(faultWriteTimeout))
	h := b.Header().Clone()
	// An empty body cannot be cut; announce one byte that never comes.
	h.Set("Content-Length", strconv.Itoa(max(len(body), 1)))
	h.Set("Connection", "close")
	h.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	bw := brw.Writer
	if bw == nil {
		bw = bufio.NewWriter(conn)
	}
	status := b.statusCode()
	_, _ = fmt.Fprintf(bw, "HTTP/1.1 %03d %s\r\n", status, http.StatusText(status))
	_ = h.Write(bw)
	_, _ = bw.WriteString("\r\n")
	_, _ = bw.Write(body[:cut])
	_ = bw.Flush()
	finishRecord(r.Context()) // before the close tells the client
}

// trickle sends the answer in chunks of size bytes with pauses between
// them, until done or until the request's context ends.
func (b *bufferedResponse) trickle(w http.ResponseWriter, r *http.Request, size int, pause time.Duration) {
	if size == 0 {
		size = defaultChunkSize
	}
	body := b.body.Bytes()
	h := w.Header()
	for k, v := range b.Header() {
		h[k] = v
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(b.statusCode())
	rc := http.NewResponseController(w)
	for i := 0; i < len(body); i += size {
		if i > 0 && !sleep(r.Context(), pause) {
			return // the short body makes the server close the connection
		}
		end := min(i+size, len(body))
		if end == len(body) {
			finishRecord(r.Context()) // before the client has it all
		}
		if _, err := w.Write(body[i:end]); err != nil {
			return
		}
		_ = rc.Flush()
	}
}
