package adminapitest

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func TestAuthMatrix(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	now := time.Now()
	times := func(iat, exp time.Duration) func(*tokenOpts) {
		return func(o *tokenOpts) {
			o.claims["iat"], o.claims["exp"] = now.Add(iat).Unix(), now.Add(exp).Unix()
		}
	}
	tests := []struct {
		name   string
		header func(t *testing.T) string // Authorization header; "" sends none
		ok     bool
	}{
		{"valid token", bearerWith(s, nil), true},
		{"no header", func(*testing.T) string { return "" }, false},
		{"lowercase scheme", func(t *testing.T) string { return "bearer " + token(t, s, nil) }, false},
		{"two spaces", func(t *testing.T) string { return "Bearer  " + token(t, s, nil) }, false},
		{"empty token", func(*testing.T) string { return "Bearer " }, false},
		{"basic scheme", func(*testing.T) string { return "Basic dXNlcjpwYXNz" }, false},
		{"not a JWT", func(*testing.T) string { return "Bearer not-a-jwt" }, false},
		{"wrong kid", bearerWith(s, func(o *tokenOpts) { o.kid = "wrong-kid" }), false},
		{"no kid", bearerWith(s, func(o *tokenOpts) { o.kid = "" }), false},
		{"wrong aud", bearerWith(s, func(o *tokenOpts) { o.claims["aud"] = []string{"wrong-app"} }), false},
		{"no aud", bearerWith(s, func(o *tokenOpts) { delete(o.claims, "aud") }), false},
		{"aud as string", bearerWith(s, func(o *tokenOpts) { o.claims["aud"] = s.ProjectID() }), true},
		{"aud among others", bearerWith(s, func(o *tokenOpts) { o.claims["aud"] = []string{"x", s.ProjectID()} }), true},
		{"expired 10m ago", bearerWith(s, times(-15*time.Minute, -10*time.Minute)), false},
		{"expired 6m ago", bearerWith(s, times(-11*time.Minute, -6*time.Minute)), false},
		{"expired 4m ago (skew)", bearerWith(s, times(-9*time.Minute, -4*time.Minute)), true},
		{"iat 10m ahead", bearerWith(s, times(10*time.Minute, 15*time.Minute)), false},
		{"iat 4m ahead (skew)", bearerWith(s, times(4*time.Minute, 9*time.Minute)), true},
		{"nbf 10m ahead", bearerWith(s, func(o *tokenOpts) { o.claims["nbf"] = now.Add(10 * time.Minute).Unix() }), false},
		{"no exp", bearerWith(s, func(o *tokenOpts) { delete(o.claims, "exp") }), true},
		{"no iat", bearerWith(s, func(o *tokenOpts) { delete(o.claims, "iat") }), true},
		{"HS256", bearerWith(s, func(o *tokenOpts) { o.method, o.key = jwt.SigningMethodHS256, []byte("secret") }), false},
		{"RS512", bearerWith(s, func(o *tokenOpts) { o.method = jwt.SigningMethodRS512 }), false},
		{"other key, right kid", bearerWith(s, func(o *tokenOpts) { o.key = otherKey() }), false},
		{"alg none", func(t *testing.T) string {
			tok := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.MapClaims{"aud": []string{s.ProjectID()}})
			tok.Header["kid"] = s.KeyID()
			signed, err := tok.SignedString(jwt.UnsafeAllowNoneSignatureType)
			if err != nil {
				t.Fatal(err)
			}
			return "Bearer " + signed
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := map[string]string{"Content-Type": "application/json"}
			if a := tt.header(t); a != "" {
				h["Authorization"] = a
			}
			got := postUsersQuery(t, s, h)
			if tt.ok {
				if got.status != http.StatusOK {
					t.Fatalf("status = %d, want 200; body %s", got.status, got.body)
				}
				return
			}
			if got.status != http.StatusForbidden || got.contentType != "text/plain; charset=utf-8" || got.body != "Forbidden\n" {
				t.Errorf("got %d %q %q, want 403 text/plain \"Forbidden\\n\"", got.status, got.contentType, got.body)
			}
			if h := got.header.Get("WWW-Authenticate"); h != "" {
				t.Errorf("WWW-Authenticate = %q, want none", h)
			}
		})
	}
}

func bearerWith(s *Server, edit func(*tokenOpts)) func(t *testing.T) string {
	return func(t *testing.T) string { return "Bearer " + token(t, s, edit) }
}

// TestAuthBeforeRouting checks that every route, known or not, demands a
// token first, as on the server.
func TestAuthBeforeRouting(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	routes := []struct {
		method, path string
		wantStatus   int // with a valid token
	}{
		{http.MethodGet, graphQLPath, http.StatusOK},
		{http.MethodGet, graphQLAliasPath, http.StatusOK},
		{http.MethodPost, "/_api/admin/users/import", http.StatusBadRequest}, // no JSON body
		{http.MethodGet, "/_api/admin/users/import/userimport_X", http.StatusNotFound},
		{http.MethodPost, "/_api/admin/users/export", http.StatusBadRequest},
		{http.MethodGet, "/_api/admin/users/export/userexport_X", http.StatusNotFound},
		{http.MethodPost, "/_api/admin/images/upload", http.StatusOK},
		{http.MethodGet, "/no/such/path", http.StatusNotFound},
		{http.MethodPut, graphQLPath, http.StatusMethodNotAllowed},
	}
	for _, r := range routes {
		t.Run(r.method+" "+r.path, func(t *testing.T) {
			t.Parallel()
			if got := do(t, s, r.method, r.path, nil, ""); got.status != http.StatusForbidden || got.body != "Forbidden\n" {
				t.Errorf("without token: %d %q, want 403 Forbidden", got.status, got.body)
			}
			got := do(t, s, r.method, r.path, map[string]string{"Authorization": "Bearer " + token(t, s, nil)}, "")
			if got.status != r.wantStatus {
				t.Errorf("with token: status %d, want %d; body %s", got.status, r.wantStatus, got.body)
			}
		})
	}
}

func TestGraphiQLPage(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	got := do(t, s, http.MethodGet, graphQLPath, map[string]string{"Authorization": "Bearer " + token(t, s, nil)}, "")
	if got.contentType != "text/html; charset=utf-8" || !strings.Contains(got.body, "<html") {
		t.Errorf("GET %s: %q, body %.60q; want an HTML page", graphQLPath, got.contentType, got.body)
	}
}
