package auth

import (
	"context"
	"encoding/json"
	"maps"

	"github.com/golang-jwt/jwt/v5"
)

// Claims are the claims of an Admin API token. The server requires "aud" to
// contain the project id and checks "exp" and "iat"; "audit_context", if
// present, is attached to the audit log entries of the request.
type Claims struct {
	jwt.RegisteredClaims
	// AuditContext is free-form JSON recorded with the audit log entries of
	// the requests that carry the token, e.g. {"operator": "alice"}.
	AuditContext map[string]any `json:"audit_context,omitempty"`
}

// MarshalJSON encodes c like the default encoding, except that "aud" is
// always a JSON array, as the Admin API expects, even with a single audience
// and whatever [jwt.MarshalSingleStringAsArray] is set to.
func (c Claims) MarshalJSON() ([]byte, error) {
	// plain has Claims' fields but not this method. The shallower Audience
	// field below hides the embedded one from encoding/json.
	type plain Claims
	return json.Marshal(struct {
		plain
		Audience []string `json:"aud,omitempty"`
	}{plain(c), c.Audience})
}

type auditContextKey struct{}

// ContextWithAuditContext returns a copy of ctx carrying ac, for a single
// call: a [JWTSource] asked for a token with this context signs a dedicated,
// uncached token whose "audit_context" is ac merged over the source's fixed
// audit context. Use it to record who acted, e.g. the operator behind an
// admin tool. ac is copied (shallowly); a nil or empty ac carries nothing.
func ContextWithAuditContext(ctx context.Context, ac map[string]any) context.Context {
	if len(ac) == 0 {
		return context.WithValue(ctx, auditContextKey{}, map[string]any(nil))
	}
	return context.WithValue(ctx, auditContextKey{}, maps.Clone(ac))
}

// AuditContextFrom returns the audit context stored in ctx by
// [ContextWithAuditContext], and whether there was a non-empty one. The
// returned map must not be modified.
func AuditContextFrom(ctx context.Context) (map[string]any, bool) {
	ac, _ := ctx.Value(auditContextKey{}).(map[string]any)
	return ac, len(ac) > 0
}
