package adminapi

import (
	"bytes"
	"context"
	"crypto"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/Khan/genqlient/graphql"

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
	signer, err := cfg.signer()
	if err != nil {
		return nil, err
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
	hc.Transport = &auth.Transport{Source: source, Base: hc.Transport}
	// Never follow redirects: the transport would attach the token to the
	// redirected request, wherever it points.
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	c := &Client{
		endpoint:  u.String(),
		projectID: projectID,
		hc:        hc,
		source:    source,
		userAgent: defaultUserAgent,
		logger:    cfg.logger,
		maxBody:   maxResponseBytes,
	}
	if cfg.userAgent != "" {
		c.userAgent = cfg.userAgent
	}
	if c.logger == nil {
		c.logger = slog.New(slog.DiscardHandler)
	}
	return c, nil
}

// signer resolves the key options into a signer with its key id.
func (cfg *config) signer() (*auth.RS256Signer, error) {
	var (
		key     crypto.Signer
		jwkKID  string
		setting = settingPrivateKey
	)
	switch {
	case cfg.key.signer != nil:
		key = cfg.key.signer
	case cfg.key.pem != nil:
		k, err := auth.ParseKey(cfg.key.pem)
		if err != nil {
			return nil, &ConfigError{Setting: setting, Err: err}
		}
		key, jwkKID = k.Private, k.ID
	case cfg.key.path != "":
		setting = settingKeyFile
		k, err := auth.LoadKeyFile(cfg.key.path)
		if err != nil {
			return nil, &ConfigError{Setting: setting, Err: err}
		}
		key, jwkKID = k.Private, k.ID
	default:
		return nil, &ConfigError{Setting: settingPrivateKey, Err: errNoKey}
	}
	keyID := cfg.keyID
	if keyID == "" {
		keyID = jwkKID
	}
	if keyID == "" {
		return nil, configErrorf(settingKeyID,
			"not set: pass WithKeyID or set %s to the key id shown in the Authgear portal next to the key", EnvAdminKeyID)
	}
	s, err := auth.NewSigner(keyID, key)
	if err != nil {
		return nil, &ConfigError{Setting: setting, Err: err}
	}
	return s, nil
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

// do is the one path every request takes: encode, send, read, decode. A
// retry policy belongs here.
func (c *Client) do(ctx context.Context, req *graphql.Request, resp *graphql.Response) error {
	op := req.OpName
	body, err := json.Marshal(req)
	if err != nil {
		// Only the variables can fail to encode; the error names the Go
		// type, not the value.
		return fmt.Errorf("adminapi: %s: encoding request: %w", opLabel(op), err)
	}
	httpReq, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("adminapi: %s: %w", opLabel(op), err)
	}
	httpReq.Header.Set("Content-Type", "application/json")
	httpReq.Header.Set("Accept", "application/json")
	httpReq.Header.Set("User-Agent", c.userAgent)

	start := time.Now()
	res, err := c.hc.Do(httpReq)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return fmt.Errorf("adminapi: %s: %w", opLabel(op), ctxErr)
		}
		return fmt.Errorf("adminapi: %s: %w", opLabel(op), err)
	}
	data, readErr := readBody(res, c.maxBody)
	res.Body.Close()
	c.logRequest(ctx, op, res.StatusCode, len(data), time.Since(start))
	if readErr != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return fmt.Errorf("adminapi: %s: %w", opLabel(op), ctxErr)
		}
		if errors.Is(readErr, errBodyTooLarge) {
			return &Error{
				StatusCode: res.StatusCode,
				Operation:  op,
				Message:    fmt.Sprintf("response body exceeds %d bytes", c.maxBody),
				Hint:       hintTooLarge,
				err:        fmt.Errorf("%w: %w", ErrServer, readErr),
			}
		}
		return fmt.Errorf("adminapi: %s: reading response: %w", opLabel(op), readErr)
	}
	err = decodeResponse(op, res, data, resp)
	if res.StatusCode == http.StatusForbidden {
		// The key, the project or the clocks may have changed; sign afresh
		// next time instead of resending a refused token.
		c.source.Invalidate()
	}
	return err
}

var errBodyTooLarge = errors.New("response body too large")

// readBody reads at most limit bytes of the body.
func readBody(res *http.Response, limit int64) ([]byte, error) {
	size := 512
	if n := res.ContentLength; n > 0 && n <= limit {
		size = int(n) + 1 // +1 so that ReadFrom sees EOF without growing
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	if _, err := buf.ReadFrom(io.LimitReader(res.Body, limit+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > limit {
		return nil, errBodyTooLarge
	}
	return buf.Bytes(), nil
}

func (c *Client) logRequest(ctx context.Context, op string, status, size int, d time.Duration) {
	if !c.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "adminapi request",
		slog.String("method", http.MethodPost),
		slog.String("operation", op),
		slog.Int("status", status),
		slog.Int("bytes", size),
		slog.Duration("duration", d),
	)
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
