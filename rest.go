package adminapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/cenkalti/backoff/v5"

	"github.com/authgear-admin/adminapi/auth"
)

// This file is the request path of the REST endpoints beside GraphQL (user
// import and export, image upload): the same token, HTTP client, size limit
// and error type as GraphQL requests, with the REST envelopes
// {"result": ...} and {"error": {...}}.

// Paths of the REST endpoints under a project's origin.
const (
	importPath       = "/_api/admin/users/import"
	exportPath       = "/_api/admin/users/export"
	imagesUploadPath = "/_api/admin/images/upload"
)

// Hints for REST answers.
const (
	hintNotREST  = "the answer is not a REST response of the Admin API: check that the endpoint is the project's origin, e.g. https://myapp.authgear.cloud"
	hintNoRoute  = "the server has no such endpoint: check that the endpoint is the project's origin and that the server version offers user import, export and image upload"
	hintPresign  = "the presigned URL was refused: it may have expired; ask for a new one"
	hintNoResult = "the answer has no result; a proxy may have interfered"
)

// restRequest is one call of a REST endpoint.
type restRequest struct {
	op     string // names the call in errors and logs, e.g. "ImportUsers"
	method string
	path   string // under the project's origin, without a query
	body   []byte // JSON; nil for none
}

// origin returns the project's origin, such as
// "https://myapp.authgear.cloud".
func (c *Client) origin() string { return strings.TrimSuffix(c.endpoint, GraphQLPath) }

// rest sends an authenticated request to a REST endpoint and decodes the
// "result" member of a successful answer into out (a pointer, or nil to
// discard it). A bare 403 is retried once with a newly signed token: the
// server refuses before doing anything, so this is safe for any request.
// Errors are as for [Client.Do].
func (c *Client) rest(ctx context.Context, r restRequest, out any) error {
	if ctx == nil {
		return fmt.Errorf("adminapi: %s: nil context", r.op)
	}
	c.maybeReloadKey(ctx)
	for resigned := false; ; resigned = true {
		status, err := c.restOnce(ctx, r, out)
		if err == nil || status != http.StatusForbidden || resigned {
			return err
		}
		var e *Error
		if !errors.As(err, &e) || e.Name != "" {
			return err
		}
		// The key, the project or the clocks may have changed: never resend
		// a refused token.
		c.source.Invalidate()
	}
}

// restOnce sends r once and returns the HTTP status (0 if none came).
func (c *Client) restOnce(ctx context.Context, r restRequest, out any) (int, error) {
	token, err := c.source.Token(ctx)
	if err != nil {
		return 0, fmt.Errorf("adminapi: %s: %w", r.op, err)
	}
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, c.origin()+r.path, body)
	if err != nil {
		return 0, fmt.Errorf("adminapi: %s: %w", r.op, err)
	}
	if r.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Authorization", "Bearer "+token)
	res, data, err := c.send(ctx, c.hc, r.op, req)
	if err != nil {
		return 0, err
	}
	return res.StatusCode, decodeREST(r.op, res, data, out)
}

// send sends req with hc, reads the answer (at most c.maxBody bytes) and
// logs the exchange. The URL's query never appears in errors or logs: it
// may hold a presigned URL's signature.
func (c *Client) send(ctx context.Context, hc *http.Client, op string, req *http.Request) (*http.Response, []byte, error) {
	start := time.Now()
	res, err := hc.Do(req)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, nil, fmt.Errorf("adminapi: %s: %w", op, ctxErr)
		}
		return nil, nil, fmt.Errorf("adminapi: %s: %w", op, withoutQuery(err))
	}
	data, err := readLimited(res.Body, c.maxBody)
	res.Body.Close()
	c.logREST(ctx, op, req, res.StatusCode, len(data), time.Since(start))
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, nil, fmt.Errorf("adminapi: %s: %w", op, ctxErr)
		}
		if errors.Is(err, errBodyTooLarge) {
			return nil, nil, &Error{
				StatusCode: res.StatusCode,
				Operation:  op,
				Message:    fmt.Sprintf("response body exceeds %d bytes", c.maxBody),
				Hint:       hintTooLarge,
				err:        fmt.Errorf("%w: %w", ErrServer, err),
			}
		}
		return nil, nil, &Error{
			StatusCode: res.StatusCode,
			Operation:  op,
			Message:    fmt.Sprintf("reading response (%s): %v", statusLine(res.StatusCode), withoutQuery(err)),
			Hint:       hintMalformed,
			err:        fmt.Errorf("%w: %w", ErrServer, err),
		}
	}
	return res, data, nil
}

// readLimited reads r up to limit bytes; more is errBodyTooLarge.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(r, limit+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > limit {
		return nil, errBodyTooLarge
	}
	return buf.Bytes(), nil
}

// logREST logs one REST exchange at level Debug: method, URL without its
// query, status, size and duration. Never headers or bodies.
func (c *Client) logREST(ctx context.Context, op string, req *http.Request, status, size int, d time.Duration) {
	if !c.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "adminapi request",
		slog.String("method", req.Method),
		slog.String("operation", op),
		slog.String("url", redactURL(req.URL)),
		slog.Int("status", status),
		slog.Int("bytes", size),
		slog.Duration("duration", d),
	)
}

// redactURL returns u without user information, query or fragment.
func redactURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	c := url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawPath: u.RawPath}
	return c.String()
}

// withoutQuery removes the query from the URL that http.Client puts in its
// errors, which for a presigned URL holds a signature.
func withoutQuery(err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	u, perr := url.Parse(ue.URL)
	if perr != nil {
		return &url.Error{Op: ue.Op, URL: "<unparsable URL>", Err: ue.Err}
	}
	return &url.Error{Op: ue.Op, URL: redactURL(u), Err: ue.Err}
}

// decodeREST turns a REST answer into out and an error. body has been read
// in full.
func decodeREST(op string, res *http.Response, body []byte, out any) error {
	status := res.StatusCode
	ct := res.Header.Get("Content-Type")
	isJSON := len(body) > 0 && (isJSONContentType(ct) || ct == "" && looksLikeJSONObject(body))
	if status < 200 || status > 299 {
		if isJSON {
			var env struct {
				Error *wireRESTError `json:"error"`
			}
			if json.Unmarshal(body, &env) == nil && env.Error != nil {
				return restError(op, status, env.Error)
			}
		}
		e := nonJSONError(op, res, body)
		if status == http.StatusNotFound && e.Hint == "" {
			e.Hint = hintNoRoute
		}
		return e
	}
	if !isJSON {
		e := nonJSONError(op, res, body)
		e.Hint = hintNotREST
		return e
	}
	var env struct {
		Result json.RawMessage `json:"result"`
		Error  *wireRESTError  `json:"error"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return malformedREST(op, res, body, err)
	}
	if env.Error != nil {
		return restError(op, status, env.Error)
	}
	if len(env.Result) == 0 || isJSONNull(env.Result) {
		return &Error{StatusCode: status, Operation: op, Message: "answer without a result", Hint: hintNoResult, err: ErrServer}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(env.Result, out); err != nil {
		return malformedREST(op, res, body, err)
	}
	return nil
}

// restError converts the server's REST error envelope.
func restError(op string, status int, w *wireRESTError) *Error {
	e := &Error{
		StatusCode: status,
		Operation:  op,
		Name:       w.Name,
		Reason:     w.Reason,
		Message:    w.Message,
		Info:       w.Info,
		TrackingID: w.TrackingID,
	}
	if e.Message == "" {
		e.Message = statusLine(status)
	}
	e.Hint = hintFor(e)
	return e
}

func malformedREST(op string, res *http.Response, body []byte, err error) *Error {
	return &Error{
		StatusCode: res.StatusCode,
		Operation:  op,
		Message:    fmt.Sprintf("malformed JSON response (%s, %s, %d bytes): %v", statusLine(res.StatusCode), mediaType(res.Header.Get("Content-Type")), len(body), err),
		Hint:       hintMalformed,
		err:        fmt.Errorf("%w: %w", ErrServer, err),
	}
}

// presignedClient returns the HTTP client for presigned URLs (export
// downloads, image uploads): a copy of the client's HTTP client. Requests to
// such URLs carry no token (they have their own signature and may point at
// another host, such as a storage bucket); should the caller's HTTP client
// add one with an [auth.Transport], that layer is dropped. It follows
// redirects, since nothing secret travels in its headers, and has no overall
// timeout when stream is true, so that a large download is bounded by its
// context only.
func (c *Client) presignedClient(stream bool) *http.Client {
	hc := *c.hc
	if t, ok := hc.Transport.(*auth.Transport); ok {
		hc.Transport = t.Base
	}
	hc.CheckRedirect = nil
	if stream {
		hc.Timeout = 0
	}
	return &hc
}

// checkPresignedURL checks a URL the server handed out for a direct
// download or upload.
func checkPresignedURL(op, raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, &Error{Operation: op, Message: "the server gave an unusable presigned URL", Hint: hintMalformed, err: ErrServer}
	}
	return u, nil
}

// A JobOption configures a call that runs a bulk job on the server and
// waits for it: [Client.ImportUsers], [Client.ImportUsersNDJSON],
// [Client.WaitExport], [Client.ExportUsers] and [Client.ExportUsersIter].
// An option that does not apply to a call is ignored by it. An option with
// an unusable argument makes the call fail with an error matching
// [ErrInvalidInput] before anything is sent.
type JobOption func(*jobConfig) error

type jobConfig struct {
	pollFirst, pollMax time.Duration
	progress           func(ImportProgress)
	batchBytes         int
}

// Defaults of the job options.
const (
	defaultPollFirst = 250 * time.Millisecond
	defaultPollMax   = 5 * time.Second
	// maxImportBody is the server's limit on an import request body
	// (500 KB, in decimal).
	maxImportBody = 500 * 1000
	// maxPollFailures is how many polls in a row may fail with a transient
	// error (a server fault, rate limiting, a network error) before the
	// wait gives up.
	maxPollFailures = 5
)

func newJobConfig(opts []JobOption) (*jobConfig, error) {
	cfg := &jobConfig{pollFirst: defaultPollFirst, pollMax: defaultPollMax, batchBytes: maxImportBody}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(cfg); err != nil {
			return nil, err
		}
	}
	return cfg, nil
}

// WithJobPollInterval sets how often a job's status is asked for: first
// after first, then at intervals growing by half each time up to max, each
// randomized by ±20%. The defaults are 250ms and 5s.
func WithJobPollInterval(first, max time.Duration) JobOption {
	return func(c *jobConfig) error {
		if first <= 0 || max < first {
			return fmt.Errorf("adminapi: WithJobPollInterval(%v, %v): want 0 < first <= max: %w", first, max, ErrInvalidInput)
		}
		c.pollFirst, c.pollMax = first, max
		return nil
	}
}

// WithImportProgress makes [Client.ImportUsers] and
// [Client.ImportUsersNDJSON] call f after each import job has completed,
// from the calling goroutine, with the jobs and records done so far. A nil
// f is ignored.
func WithImportProgress(f func(ImportProgress)) JobOption {
	return func(c *jobConfig) error {
		c.progress = f
		return nil
	}
}

// WithImportBatchBytes bounds the size of each import request body, between
// 1 KB and 500 KB (the server's limit, and the default). Records are packed
// into as few requests as fit; smaller requests make the progress callback
// of [WithImportProgress] finer.
func WithImportBatchBytes(n int) JobOption {
	return func(c *jobConfig) error {
		if n < 1000 || n > maxImportBody {
			return fmt.Errorf("adminapi: WithImportBatchBytes(%d): want 1000 to %d: %w", n, maxImportBody, ErrInvalidInput)
		}
		c.batchBytes = n
		return nil
	}
}

// poll calls check until it reports done, waiting between calls with
// exponential backoff. It gives up when ctx is done, when check fails with
// an error that is not transient, or after maxPollFailures transient
// failures in a row.
func (cfg *jobConfig) poll(ctx context.Context, op string, check func() (done bool, err error)) error {
	b := &backoff.ExponentialBackOff{
		InitialInterval:     cfg.pollFirst,
		RandomizationFactor: 0.2,
		Multiplier:          1.5,
		MaxInterval:         cfg.pollMax,
	}
	b.Reset()
	failures := 0
	for {
		timer := time.NewTimer(b.NextBackOff())
		select {
		case <-ctx.Done():
			timer.Stop()
			return fmt.Errorf("adminapi: %s: %w", op, ctx.Err())
		case <-timer.C:
		}
		done, err := check()
		switch {
		case err == nil && done:
			return nil
		case err == nil:
			failures = 0
		case ctx.Err() == nil && isTransient(err) && failures < maxPollFailures:
			failures++
		default:
			return err
		}
	}
}

// isTransient reports an error that a later request may not meet.
func isTransient(err error) bool {
	var e *Error
	if errors.As(err, &e) {
		k := e.kind()
		if k == nil && e.err != nil && errors.Is(e.err, ErrServer) {
			return true
		}
		return k == ErrServer || k == ErrRateLimited
	}
	return true // a network error
}
