package adminapi

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// redacted replaces secret values in logs.
const redacted = "[REDACTED]"

// secretKeys are the JSON keys whose values are never logged, compared
// after lowercasing and dropping '_' and '-' (so password_hash,
// passwordHash and password-hash are one key).
var secretKeys = map[string]bool{
	"password":      true,
	"newpassword":   true,
	"oldpassword":   true,
	"passwordhash":  true,
	"code":          true,
	"otp":           true,
	"secret":        true,
	"clientsecret":  true,
	"totp":          true,
	"totpsecret":    true,
	"token":         true,
	"accesstoken":   true,
	"refreshtoken":  true,
	"idtoken":       true,
	"key":           true,
	"privatekey":    true,
	"apikey":        true,
	"authorization": true,
}

// secretHeaders are the headers whose values are never logged.
var secretHeaders = map[string]bool{
	"Authorization":       true,
	"Proxy-Authorization": true,
	"Cookie":              true,
	"Set-Cookie":          true,
}

// isSecretKey reports whether the value of a JSON member named k must not
// be logged.
func isSecretKey(k string) bool {
	if len(k) > 32 {
		return false
	}
	var b [32]byte
	n := 0
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case c == '_' || c == '-':
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		b[n] = c
		n++
	}
	return secretKeys[string(b[:n])]
}

// redactValue returns a copy of a decoded JSON value with the values of
// secret members replaced.
func redactValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			if isSecretKey(k) && e != nil {
				out[k] = redacted
			} else {
				out[k] = redactValue(e)
			}
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = redactValue(e)
		}
		return out
	}
	return v
}

// redactJSON returns a JSON text for logs: data with every secret member's
// value replaced, or a placeholder when data is not JSON (then nothing of
// it is shown, since it cannot be redacted).
func redactJSON(data []byte) string {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return "[" + strconv.Itoa(len(data)) + " bytes, not JSON]"
	}
	out, err := json.Marshal(redactValue(v))
	if err != nil {
		return "[" + strconv.Itoa(len(data)) + " bytes, not loggable]"
	}
	return string(out)
}

// redactRequestBody is redactJSON for a GraphQL request body, whose query
// text is left out: a document may hold literal arguments (an inline
// password, say) that only a GraphQL parser could find.
func redactRequestBody(data []byte) string {
	var body map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&body); err != nil {
		return "[" + strconv.Itoa(len(data)) + " bytes, not JSON]"
	}
	if q, ok := body["query"].(string); ok {
		body["query"] = "[" + strconv.Itoa(len(q)) + " bytes of GraphQL]"
	}
	out, err := json.Marshal(redactValue(body))
	if err != nil {
		return "[" + strconv.Itoa(len(data)) + " bytes, not loggable]"
	}
	return string(out)
}

// redactedHeader logs an http.Header with secret values replaced.
type redactedHeader http.Header

// LogValue implements slog.LogValuer.
func (h redactedHeader) LogValue() slog.Value {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	attrs := make([]slog.Attr, 0, len(keys))
	for _, k := range keys {
		v := redacted
		if !secretHeaders[http.CanonicalHeaderKey(k)] {
			v = printable(strings.Join(h[k], ", "))
		}
		attrs = append(attrs, slog.String(k, v))
	}
	return slog.GroupValue(attrs...)
}

// logAttempt logs one request at level Debug: method, operation, status,
// size and duration, or the transport error; with WithDebugBodies also the
// headers and bodies, redacted.
func (c *Client) logAttempt(ctx context.Context, op string, req *http.Request, res *http.Response, data []byte, d time.Duration, err error) {
	if !c.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := make([]slog.Attr, 0, 9)
	attrs = append(attrs,
		slog.String("method", http.MethodPost),
		slog.String("operation", op),
	)
	if res != nil {
		attrs = append(attrs, slog.Int("status", res.StatusCode), slog.Int("bytes", len(data)))
	}
	attrs = append(attrs, slog.Duration("duration", d))
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	if c.debugBodies {
		attrs = append(attrs,
			slog.Any("request_headers", redactedHeader(req.Header)),
			slog.String("request", redactRequestBody(bodyOf(req))),
		)
		if res != nil {
			attrs = append(attrs,
				slog.Any("response_headers", redactedHeader(res.Header)),
				slog.String("response", redactJSON(data)),
			)
		}
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "adminapi request", attrs...)
}

// bodyOf returns the bytes of a request built by newHTTPRequest.
func bodyOf(req *http.Request) []byte {
	if r, ok := req.Body.(*bodyReader); ok {
		return r.body.bytes()
	}
	return nil
}

// logRetry logs, at level Debug, that a call is about to be retried.
func (c *Client) logRetry(ctx context.Context, op string, attempt int, wait time.Duration, err error) {
	if !c.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "adminapi retry",
		slog.String("operation", op),
		slog.Int("attempt", attempt),
		slog.Duration("wait", wait),
		slog.String("error", err.Error()),
	)
}

// LogValue describes the client for log/slog: its endpoint and project id.
func (c *Client) LogValue() slog.Value {
	if c == nil {
		return slog.StringValue("<nil>")
	}
	return slog.GroupValue(
		slog.String("endpoint", c.endpoint),
		slog.String("project_id", c.projectID),
	)
}

// LogValue describes e for log/slog as a group of its fields, with the
// values of secret-looking members of Info (password, token, key, ...)
// replaced by "[REDACTED]".
func (e *Error) LogValue() slog.Value {
	if e == nil {
		return slog.StringValue("<nil>")
	}
	attrs := make([]slog.Attr, 0, 9)
	attrs = append(attrs, slog.String("message", e.Error()))
	if e.StatusCode != 0 {
		attrs = append(attrs, slog.Int("status", e.StatusCode))
	}
	for _, a := range [...]struct{ k, v string }{
		{"operation", e.Operation}, {"name", e.Name}, {"reason", e.Reason},
		{"tracking_id", e.TrackingID},
	} {
		if a.v != "" {
			attrs = append(attrs, slog.String(a.k, a.v))
		}
	}
	if len(e.Path) > 0 {
		attrs = append(attrs, slog.String("path", strings.Join(e.Path, ".")))
	}
	if e.Info != nil {
		if info, err := json.Marshal(redactValue(map[string]any(e.Info))); err == nil {
			attrs = append(attrs, slog.String("info", string(info)))
		}
	}
	return slog.GroupValue(attrs...)
}
