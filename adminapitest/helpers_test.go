package adminapitest

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/authgear-admin/adminapi"
)

// testKeys are generated once per test binary: RSA key generation is slow.
var testKeys = sync.OnceValue(func() []*rsa.PrivateKey {
	keys := make([]*rsa.PrivateKey, 3)
	for i := range keys {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err) // the test binary cannot run without keys
		}
		keys[i] = k
	}
	return keys
})

// cachedKeys returns a key generator that hands out the second and third
// test keys in turn, so that a server's second key differs from its first.
// The first test key is never handed out (see otherKey).
func cachedKeys() func() (*rsa.PrivateKey, error) {
	var n atomic.Uint32
	return func() (*rsa.PrivateKey, error) {
		return testKeys()[1+int(n.Add(1))%2], nil
	}
}

// newTestServer starts a server with cached keys.
func newTestServer(t *testing.T, opts ...Option) *Server {
	t.Helper()
	return NewServer(t, append([]Option{withKeyGenerator(cachedKeys())}, opts...)...)
}

// otherKey is an RSA key no test server uses.
func otherKey() *rsa.PrivateKey { return testKeys()[0] }

// tokenOpts adjusts a test token.
type tokenOpts struct {
	kid    string
	method jwt.SigningMethod
	key    any
	claims jwt.MapClaims
}

// token signs a token for s: RS256 with s's first key, kid set, aud an
// array naming the project, iat now and exp in five minutes. edit changes
// any of it.
func token(t *testing.T, s *Server, edit func(*tokenOpts)) string {
	t.Helper()
	now := s.cfg.clock()
	k := s.keys.first()
	o := tokenOpts{
		kid:    k.id,
		method: jwt.SigningMethodRS256,
		key:    k.key,
		claims: jwt.MapClaims{
			"aud": []string{s.ProjectID()},
			"iat": now.Unix(),
			"exp": now.Add(5 * time.Minute).Unix(),
		},
	}
	if edit != nil {
		edit(&o)
	}
	tok := jwt.NewWithClaims(o.method, o.claims)
	tok.Header["kid"] = o.kid
	signed, err := tok.SignedString(o.key)
	if err != nil {
		t.Fatalf("sign token: %v", err)
	}
	return signed
}

// answer is what a raw request got back.
type answer struct {
	status      int
	contentType string
	body        string
	header      http.Header
}

// do sends a raw request with the given headers to s.
func do(t *testing.T, s *Server, method, path string, header map[string]string, body string) answer {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, s.URL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), body: string(b), header: resp.Header}
}

// gql posts a GraphQL request as JSON with a valid token.
func gql(t *testing.T, s *Server, query string, vars map[string]any) answer {
	t.Helper()
	b, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	return do(t, s, http.MethodPost, "/_api/admin/graphql", map[string]string{
		"Content-Type":  "application/json",
		"Authorization": "Bearer " + token(t, s, nil),
	}, string(b))
}

// gqlData posts a GraphQL request, requires HTTP 200 without errors and
// returns data decoded.
func gqlData(t *testing.T, s *Server, query string, vars map[string]any) map[string]any {
	t.Helper()
	a := gql(t, s, query, vars)
	var resp struct {
		Data   map[string]any   `json:"data"`
		Errors []map[string]any `json:"errors"`
	}
	if err := json.Unmarshal([]byte(a.body), &resp); err != nil || a.status != http.StatusOK || len(resp.Errors) > 0 {
		t.Fatalf("query failed: status %d, body %s", a.status, a.body)
	}
	return resp.Data
}

// decode parses a JSON body.
func decode(t *testing.T, body string) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("body is not a JSON object: %v: %s", err, body)
	}
	return v
}

// postJSON posts body as JSON to the GraphQL endpoint with a valid token.
func postJSON(t *testing.T, s *Server, body map[string]any) answer {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return do(t, s, http.MethodPost, graphQLPath, map[string]string{
		"Content-Type":  "application/json",
		"Authorization": "Bearer " + token(t, s, nil),
	}, string(b))
}

func newUser(email string) adminapi.NewUser {
	return adminapi.NewUser{LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: email}}
}

// gqlError posts a GraphQL request that must fail and returns its only
// error.
func gqlError(t *testing.T, s *Server, query string, vars map[string]any) map[string]any {
	t.Helper()
	a := gql(t, s, query, vars)
	if a.status != http.StatusOK {
		t.Fatalf("status = %d, want 200; body %s", a.status, a.body)
	}
	errs, _ := decode(t, a.body)["errors"].([]any)
	if len(errs) != 1 {
		t.Fatalf("want one error, got %s", a.body)
	}
	return errs[0].(map[string]any)
}

// checkAPIError checks an error's message and extensions.
func checkAPIError(t *testing.T, e map[string]any, message, name, reason string) {
	t.Helper()
	ext, _ := e["extensions"].(map[string]any)
	if e["message"] != message || ext["errorName"] != name || ext["reason"] != reason {
		t.Errorf("error = %v, want %q %s/%s", e, message, name, reason)
	}
}

// seed seeds a user or fails the test.
func seed(t *testing.T, s *Server, u SeedUser) *UserState {
	t.Helper()
	st, err := s.SeedUser(u)
	if err != nil {
		t.Fatal(err)
	}
	return st
}
