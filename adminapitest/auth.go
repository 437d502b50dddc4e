package adminapitest

import (
	"errors"
	"net/http"
	"regexp"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

func newKeyID() string { return store.NewUUID() }

// clockSkew is the leeway the server allows on exp, nbf and iat.
const clockSkew = 5 * time.Minute

// bearer is the server's exact pattern for the Authorization header.
var bearer = regexp.MustCompile(`^Bearer (.*)$`)

// TokenClaims are the parts of a verified request token that tests may want
// to check. The token itself is never kept.
type TokenClaims struct {
	KeyID     string    // the kid header
	Audience  []string  // aud
	Subject   string    // sub, if any
	IssuedAt  time.Time // iat; zero if absent
	ExpiresAt time.Time // exp; zero if absent
	// AuditContext is the audit_context claim, if any.
	AuditContext map[string]any
}

var errForbidden = errors.New("forbidden")

// verify checks the request's token like the server: the header must match
// ^Bearer (.*)$, the token must be RS256-signed by a key of the set named by
// its kid, its aud must contain the project id, and exp, nbf and iat are
// checked with five minutes of leeway. Tokens without exp or iat pass.
func (s *Server) verify(r *http.Request) (*TokenClaims, error) {
	m := bearer.FindStringSubmatch(r.Header.Get("Authorization"))
	if m == nil {
		return nil, errForbidden
	}
	var kid string
	p := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodRS256.Alg()}),
		jwt.WithLeeway(clockSkew),
		jwt.WithTimeFunc(s.cfg.clock),
		jwt.WithIssuedAt(),
		jwt.WithAudience(s.cfg.projectID),
	)
	claims := jwt.MapClaims{}
	_, err := p.ParseWithClaims(m[1], claims, func(t *jwt.Token) (any, error) {
		kid, _ = t.Header["kid"].(string)
		if k := s.keys.public(kid); k != nil {
			return k, nil
		}
		return nil, errForbidden
	})
	if err != nil {
		return nil, errForbidden
	}
	tc := &TokenClaims{KeyID: kid}
	tc.Audience, _ = claims.GetAudience()
	tc.Subject, _ = claims.GetSubject()
	if t, _ := claims.GetIssuedAt(); t != nil {
		tc.IssuedAt = t.Time
	}
	if t, _ := claims.GetExpirationTime(); t != nil {
		tc.ExpiresAt = t.Time
	}
	if ac, ok := claims["audit_context"].(map[string]any); ok {
		tc.AuditContext = ac
	}
	return tc, nil
}

// requireAuth refuses unauthenticated requests the way the server does:
// 403, text/plain, "Forbidden", whatever the cause.
func (s *Server) requireAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tc, err := s.verify(r)
		if err != nil {
			http.Error(w, http.StatusText(http.StatusForbidden), http.StatusForbidden)
			return
		}
		if rec := recordFrom(r.Context()); rec != nil {
			rec.TokenClaims = tc
		}
		next.ServeHTTP(w, r)
	})
}
