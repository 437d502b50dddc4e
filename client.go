package adminapi

import (
	"context"
	"crypto"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync/atomic"
	"time"

	"github.com/Khan/genqlient/graphql"
	"github.com/cenkalti/backoff/v5"

	"github.com/authgear-admin/adminapi/auth"
)

// GraphQLPath is the path of the Admin API GraphQL endpoint under a project's
// origin.
const GraphQLPath = "/_api/admin/graphql"

const (
	defaultUserAgent = "authgear-adminapi-go"
	defaultTimeout   = 60 * time.Second

	// maxResponseBytes bounds how much of a response body is read. Pages are
	// at most 100 users, far below it.
	maxResponseBytes = 16 << 20
)

// Client calls the Admin API of one Authgear project. It signs a short-lived
// JWT with the project's Admin API key and reuses it until shortly before it
// expires.
//
// A Client is safe for concurrent use by multiple goroutines. It implements
// genqlient's [graphql.Client], so the generated operation functions in this
// package (and any others generated against the same schema) can use it
// directly.
type Client struct {
	endpoint  string
	projectID string
	hc        *http.Client
	source    *auth.JWTSource
	userAgent string
	logger    *slog.Logger
	maxBody   int64

	template *http.Request // copied by every request; see newHTTPRequest
	uaHeader []string
	auth     atomic.Pointer[authHeader]

	retry       RetryPolicy
	sleep       func(context.Context, time.Duration) error // sleepCtx; tests replace it
	debugBodies bool
	keys        keyState
}

var _ graphql.Client = (*Client)(nil)

// New returns a client for the project whose public origin is endpoint, such
// as "https://myapp.authgear.cloud" (a trailing slash, or the full GraphQL
// URL ending in /_api/admin/graphql, is accepted too). The key id and the
// private key must be given with options; the project id too unless the
// endpoint is a *.authgear.cloud origin.
//
// Plain http is accepted only for loopback hosts unless [WithInsecureHTTP]
// is given. New signs a first token, so a key that cannot sign fails here.
// Every configuration problem is a [*ConfigError].
func New(endpoint string, opts ...Option) (*Client, error) {
	var cfg config
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&cfg); err != nil {
			return nil, err
		}
	}
	u, err := parseEndpoint(endpoint, cfg.insecureHTTP)
	if err != nil {
		return nil, err
	}
	projectID := cfg.projectID
	if projectID == "" {
		if projectID = projectIDFromHost(u.Hostname()); projectID == "" {
			return nil, configErrorf(settingProjectID,
				"not set and cannot be derived from host %q: pass WithProjectID or set %s to the project id shown in the Authgear portal",
				u.Hostname(), EnvProjectID)
		}
	}
	signer, key, err := cfg.signer()
	if err != nil {
		return nil, err
	}
	if cfg.keyReload > 0 && key.path == "" {
		return nil, configErrorf(settingKeyReload, "needs the key to come from a file: pass WithPrivateKeyFile")
	}
	var srcOpts []auth.SourceOption
	if cfg.lifetime != 0 {
		srcOpts = append(srcOpts, auth.WithLifetime(cfg.lifetime))
	}
	if cfg.clock != nil {
		srcOpts = append(srcOpts, auth.WithClock(cfg.clock))
	}
	if cfg.auditContext != nil {
		srcOpts = append(srcOpts, auth.WithAuditContext(cfg.auditContext))
	}
	source, err := auth.NewJWTSource(signer, projectID, srcOpts...)
	if err != nil {
		return nil, &ConfigError{Setting: settingPrivateKey, Err: err}
	}

	hc := &http.Client{Timeout: defaultTimeout}
	if cfg.httpClient != nil {
		copied := *cfg.httpClient
		hc = &copied
	}
	// The client sets the Authorization header on the requests it builds
	// (see newHTTPRequest), so hc.Transport is used as given. Never follow
	// redirects: the token would travel with the redirected request,
	// wherever it points.
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	c := &Client{
		endpoint:  u.String(),
		projectID: projectID,
		hc:        hc,
		source:    source,
		userAgent: defaultUserAgent,
		logger:    cfg.logger,
		maxBody:   maxResponseBytes,
		template:  newRequestTemplate(u),
		retry:     cfg.retry.withDefaults(),
		sleep:     sleepCtx,

		debugBodies: cfg.debugBodies,
	}
	if cfg.userAgent != "" {
		c.userAgent = cfg.userAgent
	}
	c.uaHeader = []string{c.userAgent}[:1:1]
	if c.logger == nil {
		c.logger = slog.New(slog.DiscardHandler)
	}
	c.keys.init(key, cfg.keyReload, cfg.clock)
	return c, nil
}

// signer resolves the key options into a signer, and says which key it
// holds.
func (cfg *config) signer() (*auth.RS256Signer, loadedKey, error) {
	var (
		key     crypto.Signer
		jwkKID  string
		loaded  loadedKey
		setting = settingPrivateKey
	)
	switch {
	case cfg.key.signer != nil:
		key = cfg.key.signer
	case cfg.key.pem != nil:
		k, err := auth.ParseKey(cfg.key.pem)
		if err != nil {
			return nil, loaded, &ConfigError{Setting: setting, Err: err}
		}
		key, jwkKID = k.Private, k.ID
	case cfg.key.path != "":
		setting = settingKeyFile
		k, sum, err := loadKeyFile(cfg.key.path)
		if err != nil {
			return nil, loaded, &ConfigError{Setting: setting, Err: err}
		}
		key, jwkKID = k.Private, k.ID
		loaded.path, loaded.sum = cfg.key.path, sum
	default:
		return nil, loaded, &ConfigError{Setting: settingPrivateKey, Err: errNoKey}
	}
	keyID := cfg.keyID
	if keyID == "" {
		keyID = jwkKID
	}
	if keyID == "" {
		return nil, loaded, configErrorf(settingKeyID,
			"not set: pass WithKeyID or set %s to the key id shown in the Authgear portal next to the key", EnvAdminKeyID)
	}
	s, err := auth.NewSigner(keyID, key)
	if err != nil {
		return nil, loaded, &ConfigError{Setting: setting, Err: err}
	}
	loaded.keyID = keyID
	return s, loaded, nil
}

// parseEndpoint checks a project origin and returns the GraphQL URL under it.
func parseEndpoint(endpoint string, insecureHTTP bool) (*url.URL, error) {
	const example = "e.g. https://myapp.authgear.cloud"
	raw := strings.TrimSpace(endpoint)
	if raw == "" {
		return nil, configErrorf(settingEndpoint, "empty; pass the project's origin (%s) or set %s", example, EnvEndpoint)
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Parse errors quote the input; an endpoint is not secret.
		return nil, &ConfigError{Setting: settingEndpoint, Err: err}
	}
	scheme := strings.ToLower(u.Scheme)
	switch {
	case scheme != "http" && scheme != "https":
		return nil, configErrorf(settingEndpoint, "%q is not an http or https URL; pass the project's origin, %s", raw, example)
	case u.Host == "" || u.Hostname() == "":
		return nil, configErrorf(settingEndpoint, "%q has no host; pass the project's origin, %s", raw, example)
	case u.User != nil:
		return nil, configErrorf(settingEndpoint, "must not contain user information; authentication uses the Admin API key")
	case u.RawQuery != "" || u.ForceQuery:
		return nil, configErrorf(settingEndpoint, "%q has a query; pass the project's origin only, %s", raw, example)
	case u.Fragment != "" || u.RawFragment != "" || strings.Contains(raw, "#"):
		return nil, configErrorf(settingEndpoint, "%q has a fragment; pass the project's origin only, %s", raw, example)
	}
	switch strings.TrimSuffix(u.EscapedPath(), "/") {
	case "", GraphQLPath:
	default:
		return nil, configErrorf(settingEndpoint, "%q has path %q; pass the project's origin without a path, %s", raw, u.Path, example)
	}
	if scheme == "http" && !insecureHTTP && !isLoopbackHost(u.Hostname()) {
		return nil, configErrorf(settingEndpoint,
			"%q uses plain http to a host that is not loopback; use https, or WithInsecureHTTP on a trusted network", raw)
	}
	return &url.URL{Scheme: scheme, Host: strings.ToLower(u.Host), Path: GraphQLPath}, nil
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// projectIDFromHost returns "myapp" for "myapp.authgear.cloud" and "" for
// other hosts.
func projectIDFromHost(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	label, rest, ok := strings.Cut(host, ".")
	if !ok || rest != "authgear.cloud" || label == "" {
		return ""
	}
	return label
}

// Endpoint returns the URL of the GraphQL endpoint, e.g.
// "https://myapp.authgear.cloud/_api/admin/graphql".
func (c *Client) Endpoint() string { return c.endpoint }

// ProjectID returns the project id the tokens are issued for.
func (c *Client) ProjectID() string { return c.projectID }

// MakeRequest implements [graphql.Client]: it sends req and decodes the
// answer into resp.Data. When the response carries GraphQL errors, any
// partial data is kept in resp.Data and the errors are returned as an
// [*Error] or an [ErrorList]. Other failures are described by an [*Error]
// too, except transport failures, which are wrapped as they come; when ctx is
// done its error is returned.
//
// Failed requests are retried as the client's [RetryPolicy] allows: queries
// after transient failures, mutations only when they cannot have reached
// the server or ctx comes from [ContextWithIdempotent]. The error returned
// is that of the last attempt.
func (c *Client) MakeRequest(ctx context.Context, req *graphql.Request, resp *graphql.Response) error {
	return c.do(ctx, req, resp)
}

// Do runs a raw GraphQL operation, for fields this package has no method
// for, and decodes the "data" member of the answer into out (a pointer, or
// nil to discard it). Errors are as for [Client.MakeRequest].
func (c *Client) Do(ctx context.Context, query string, variables map[string]any, out any) error {
	req := &graphql.Request{Query: query, OpName: operationName(query)}
	if variables != nil {
		req.Variables = variables
	}
	return c.do(ctx, req, &graphql.Response{Data: out})
}

// do is the one path every request takes: encode once, then send, read and
// decode, retrying as the policy allows (see RetryPolicy).
func (c *Client) do(ctx context.Context, req *graphql.Request, resp *graphql.Response) error {
	op := req.OpName
	if ctx == nil {
		return fmt.Errorf("adminapi: %s: nil context", opLabel(op))
	}
	c.maybeReloadKey(ctx)
	body, err := encodeRequest(req)
	if err != nil {
		// Only the variables can fail to encode; the error names the Go
		// type, not the value.
		return fmt.Errorf("adminapi: %s: encoding request: %w", opLabel(op), err)
	}
	defer body.release()

	var (
		bo       *backoff.ExponentialBackOff
		resigned bool
	)
	for attempt := 1; ; attempt++ {
		a := c.attempt(ctx, op, body, resp)
		switch {
		case a.err == nil:
			return nil
		case a.outcome == forbidden:
			// The key, the project or the clocks may have changed: never
			// resend a refused token. The server refuses before executing
			// anything, so one resend with a new token is safe even for a
			// mutation; it does not count as an attempt.
			c.source.Invalidate()
			if resigned {
				return a.err
			}
			resigned = true
			attempt--
			continue
		case a.outcome == final || attempt >= c.retry.MaxAttempts:
			return a.err
		case a.outcome == retryable && !isIdempotent(ctx) && operationKind(req.Query, op) != opQuery:
			return a.err // a mutation that may have reached the server
		}
		if bo == nil {
			bo = c.retry.newBackOff()
		}
		wait := min(bo.NextBackOff(), c.retry.MaxBackoff)
		if a.retryAfter > 0 {
			wait = min(a.retryAfter, c.retry.MaxRetryAfter)
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) <= wait {
			return a.err // sleeping would outlast the caller's deadline
		}
		c.logRetry(ctx, op, attempt, wait, a.err)
		if err := c.sleep(ctx, wait); err != nil {
			return fmt.Errorf("adminapi: %s: %w while waiting to retry after: %w", opLabel(op), err, a.err)
		}
		resetData(resp)
	}
}

// attemptResult is the outcome of sending a request once.
type attemptResult struct {
	err        error
	outcome    outcome
	retryAfter time.Duration // from a Retry-After header; 0 if none
}

// attempt sends the request once and decodes the answer into resp.
func (c *Client) attempt(ctx context.Context, op string, body *reqBody, resp *graphql.Response) attemptResult {
	token, err := c.source.Token(ctx)
	if err != nil {
		return attemptResult{err: fmt.Errorf("adminapi: %s: %w", opLabel(op), err)}
	}
	httpReq := c.newHTTPRequest(ctx, body, token)
	start := time.Now()
	res, err := c.hc.Do(httpReq)
	if err != nil {
		c.logAttempt(ctx, op, httpReq, nil, nil, time.Since(start), err)
		if ctxErr := ctx.Err(); ctxErr != nil {
			return attemptResult{err: fmt.Errorf("adminapi: %s: %w", opLabel(op), ctxErr)}
		}
		return attemptResult{err: fmt.Errorf("adminapi: %s: %w", opLabel(op), err), outcome: classifyTransport(err)}
	}
	buf := getRespBuf()
	defer putRespBuf(buf)
	readErr := buf.readFrom(res, c.maxBody)
	res.Body.Close()
	data := buf.Bytes()
	c.logAttempt(ctx, op, httpReq, res, data, time.Since(start), readErr)
	if readErr != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return attemptResult{err: fmt.Errorf("adminapi: %s: %w", opLabel(op), ctxErr)}
		}
		if errors.Is(readErr, errBodyTooLarge) {
			return attemptResult{err: &Error{
				StatusCode: res.StatusCode,
				Operation:  op,
				Message:    fmt.Sprintf("response body exceeds %d bytes", c.maxBody),
				Hint:       hintTooLarge,
				err:        fmt.Errorf("%w: %w", ErrServer, readErr),
			}}
		}
		return attemptResult{err: &Error{
			StatusCode: res.StatusCode,
			Operation:  op,
			Message:    fmt.Sprintf("reading response (%s, %d bytes read): %v", statusLine(res.StatusCode), len(data), readErr),
			Hint:       hintMalformed,
			err:        fmt.Errorf("%w: %w", ErrServer, readErr),
		}, outcome: retryable}
	}
	err = decodeResponse(op, res, data, resp)
	if err == nil {
		return attemptResult{}
	}
	a := attemptResult{err: err, outcome: classifyStatus(res.StatusCode, err)}
	if a.outcome == retryable {
		a.retryAfter = parseRetryAfter(res.Header.Get("Retry-After"), time.Now())
	}
	return a
}

// resetData clears what a failed attempt may have decoded into resp, so
// that a retry does not mix two answers.
func resetData(resp *graphql.Response) {
	if resp == nil {
		return
	}
	resp.Extensions = nil
	if v := reflect.ValueOf(resp.Data); v.Kind() == reflect.Pointer && !v.IsNil() {
		v.Elem().SetZero()
	}
}

func opLabel(op string) string {
	if op == "" {
		return "request"
	}
	return op
}

// operationName returns the name of the first operation in a GraphQL
// document, or "" for an anonymous one. It is used for logs and errors only.
func operationName(query string) string {
	rest := strings.TrimLeft(query, " \t\r\n,")
	for _, kw := range []string{"query", "mutation", "subscription"} {
		after, ok := strings.CutPrefix(rest, kw)
		if !ok {
			continue
		}
		after = strings.TrimLeft(after, " \t\r\n,")
		end := 0
		for end < len(after) && isNameByte(after[end], end == 0) {
			end++
		}
		return after[:end]
	}
	return ""
}

func isNameByte(b byte, first bool) bool {
	return b == '_' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || !first && '0' <= b && b <= '9'
}

// run sends a generated operation with its generated variables, decoding
// "data" into out.
func (c *Client) run(ctx context.Context, op, query string, vars, out any) error {
	return c.do(ctx, &graphql.Request{OpName: op, Query: query, Variables: vars}, &graphql.Response{Data: out})
}
