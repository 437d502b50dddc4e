package adminapi

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi/auth"
)

const (
	testProjectID = "agreal"
	testKeyID     = "test-kid"
)

// Keys are generated once per test binary.
var (
	testKey  = sync.OnceValue(func() *rsa.PrivateKey { return mustRSA(2048) })
	otherKey = sync.OnceValue(func() *rsa.PrivateKey { return mustRSA(2048) })
)

func mustRSA(bits int) *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		panic(err)
	}
	return k
}

func testKeyPEM(t testing.TB) []byte {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(testKey())
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

// seenRequest is what the fake server received.
type seenRequest struct {
	Header http.Header
	Body   struct {
		Query         string         `json:"query"`
		OperationName string         `json:"operationName"`
		Variables     map[string]any `json:"variables"`
	}
	RawBody []byte
}

// fakeServer is an httptest server on 127.0.0.1 that mounts a handler on the
// GraphQL path only, so a client that builds a wrong URL fails.
type fakeServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests []seenRequest
}

func (s *fakeServer) Requests() []seenRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seenRequest(nil), s.requests...)
}

// newFakeServer starts a server answering GraphQL requests with h, and a
// client for it.
func newFakeServer(t *testing.T, h http.HandlerFunc, opts ...Option) (*Client, *fakeServer) {
	t.Helper()
	fs := &fakeServer{}
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+GraphQLPath, func(w http.ResponseWriter, r *http.Request) {
		var seen seenRequest
		seen.Header = r.Header.Clone()
		seen.RawBody, _ = io.ReadAll(r.Body)
		if err := json.Unmarshal(seen.RawBody, &seen.Body); err != nil {
			t.Errorf("request body is not JSON: %v", err)
		}
		fs.mu.Lock()
		fs.requests = append(fs.requests, seen)
		fs.mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(seen.RawBody))
		h(w, r)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("unexpected request %s %s", r.Method, r.URL)
		http.NotFound(w, r)
	})
	fs.Server = httptest.NewServer(mux)
	t.Cleanup(fs.Close)
	c, err := New(fs.URL, append([]Option{
		WithProjectID(testProjectID),
		WithKeyID(testKeyID),
		WithPrivateKey(testKey()),
	}, opts...)...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c, fs
}

func replay(x exchange) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { x.serve(w) }
}

func TestNewEndpoint(t *testing.T) {
	t.Parallel()
	tests := []struct {
		endpoint string
		opts     []Option
		want     string // GraphQL URL; "" means a ConfigError for "endpoint"
	}{
		{"https://myapp.authgear.cloud", nil, "https://myapp.authgear.cloud/_api/admin/graphql"},
		{"https://myapp.authgear.cloud/", nil, "https://myapp.authgear.cloud/_api/admin/graphql"},
		{"https://myapp.authgear.cloud/_api/admin/graphql", nil, "https://myapp.authgear.cloud/_api/admin/graphql"},
		{" HTTPS://MyApp.Authgear.Cloud:8443 \n", nil, "https://myapp.authgear.cloud:8443/_api/admin/graphql"},
		{"http://127.0.0.1:3000", nil, "http://127.0.0.1:3000/_api/admin/graphql"},
		{"http://127.1.2.3", nil, "http://127.1.2.3/_api/admin/graphql"},
		{"http://[::1]:3000", nil, "http://[::1]:3000/_api/admin/graphql"},
		{"http://localhost:3000", nil, "http://localhost:3000/_api/admin/graphql"},
		{"http://auth.internal", []Option{WithInsecureHTTP()}, "http://auth.internal/_api/admin/graphql"},
		{"http://auth.internal", nil, ""},
		{"http://10.0.0.1", nil, ""},
		{"", nil, ""},
		{"myapp.authgear.cloud", nil, ""},
		{"ftp://myapp.authgear.cloud", nil, ""},
		{"https://", nil, ""},
		{"https://myapp.authgear.cloud/api", nil, ""},
		{"https://myapp.authgear.cloud/graphql", nil, ""},
		{"https://myapp.authgear.cloud?x=1", nil, ""},
		{"https://myapp.authgear.cloud/?", nil, ""},
		{"https://myapp.authgear.cloud#frag", nil, ""},
		{"https://user:pass@myapp.authgear.cloud", nil, ""},
		{"https://my app.authgear.cloud", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.endpoint, func(t *testing.T) {
			t.Parallel()
			opts := append([]Option{WithProjectID("p"), WithKeyID("k"), WithPrivateKey(testKey())}, tt.opts...)
			c, err := New(tt.endpoint, opts...)
			if tt.want == "" {
				var ce *ConfigError
				if !errors.As(err, &ce) || ce.Setting != "endpoint" {
					t.Fatalf("New(%q) error = %v; want *ConfigError for endpoint", tt.endpoint, err)
				}
				if strings.Contains(err.Error(), "user:pass") {
					t.Errorf("error %q repeats credentials from the URL", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("New(%q): %v", tt.endpoint, err)
			}
			if got := c.Endpoint(); got != tt.want {
				t.Errorf("Endpoint() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNewProjectID(t *testing.T) {
	t.Parallel()
	key := WithPrivateKey(testKey())
	c, err := New("https://myapp.authgear.cloud", WithKeyID("k"), key)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.ProjectID(); got != "myapp" {
		t.Errorf("ProjectID() = %q, want myapp", got)
	}
	c, err = New("https://myapp.authgear.cloud", WithKeyID("k"), key, WithProjectID("other"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.ProjectID(); got != "other" {
		t.Errorf("ProjectID() = %q, want other", got)
	}
	for _, endpoint := range []string{"https://auth.example.com", "https://a.b.authgear.cloud", "https://authgear.cloud", "http://127.0.0.1:1"} {
		_, err := New(endpoint, WithKeyID("k"), key)
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Setting != "project id" || !strings.Contains(err.Error(), EnvProjectID) {
			t.Errorf("New(%q) without project id: error = %v; want *ConfigError for project id naming %s", endpoint, err, EnvProjectID)
		}
	}
}

func TestNewKeyErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.pem", testKeyPEM(t))
	garbage := write("garbage.pem", []byte("-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n"))
	empty := write("empty.pem", nil)
	small, _ := rsa.GenerateKey(rand.Reader, 1024)
	smallDER, _ := x509.MarshalPKCS8PrivateKey(small)
	smallPath := write("small.pem", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: smallDER}))
	jwk, err := json.Marshal(map[string]any{
		"kty": "RSA", "kid": "jwk-kid",
		"n": b64(testKey().N.Bytes()), "e": b64([]byte{1, 0, 1}), "d": b64(testKey().D.Bytes()),
		"p": b64(testKey().Primes[0].Bytes()), "q": b64(testKey().Primes[1].Bytes()),
	})
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name        string
		opts        []Option
		wantSetting string // "" means success
		wantIs      error
	}{
		{"file", []Option{WithKeyID("k"), WithPrivateKeyFile(good)}, "", nil},
		{"pem", []Option{WithKeyID("k"), WithPrivateKeyPEM(testKeyPEM(t))}, "", nil},
		{"jwk names its kid", []Option{WithPrivateKeyPEM(jwk)}, "", nil},
		{"no key", []Option{WithKeyID("k")}, "private key", nil},
		{"no key id", []Option{WithPrivateKeyFile(good)}, "key id", nil},
		{"signer without key id", []Option{WithPrivateKey(testKey())}, "key id", nil},
		{"missing file", []Option{WithKeyID("k"), WithPrivateKeyFile(filepath.Join(dir, "nope.pem"))}, "private key file", os.ErrNotExist},
		{"garbage file", []Option{WithKeyID("k"), WithPrivateKeyFile(garbage)}, "private key file", auth.ErrInvalidKey},
		{"empty file", []Option{WithKeyID("k"), WithPrivateKeyFile(empty)}, "private key file", auth.ErrInvalidKey},
		{"small key", []Option{WithKeyID("k"), WithPrivateKeyFile(smallPath)}, "private key file", auth.ErrInvalidKey},
		{"garbage pem", []Option{WithKeyID("k"), WithPrivateKeyPEM([]byte("hello"))}, "private key", auth.ErrInvalidKey},
		{"later key wins", []Option{WithKeyID("k"), WithPrivateKeyFile(garbage), WithPrivateKeyPEM(testKeyPEM(t))}, "", nil},
		{"empty project id", []Option{WithProjectID(" ")}, "project id", nil},
		{"project id with slash", []Option{WithProjectID("a/b")}, "project id", nil},
		{"empty key id", []Option{WithKeyID("")}, "key id", nil},
		{"empty pem", []Option{WithPrivateKeyPEM(nil)}, "private key", nil},
		{"empty path", []Option{WithPrivateKeyFile("")}, "private key file", nil},
		{"nil signer", []Option{WithPrivateKey(nil)}, "private key", nil},
		{"nil http client", []Option{WithHTTPClient(nil)}, "http client", nil},
		{"empty user agent", []Option{WithUserAgent(" ")}, "user agent", nil},
		{"user agent with newline", []Option{WithUserAgent("a\r\nX-Evil: 1")}, "user agent", nil},
		{"zero lifetime", []Option{WithTokenLifetime(0)}, "token lifetime", nil},
		{"long lifetime", []Option{WithTokenLifetime(2 * time.Hour)}, "token lifetime", nil},
		{"nil clock", []Option{WithClock(nil)}, "clock", nil},
		{"empty audit context", []Option{WithAuditContext(nil)}, "audit context", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := New("https://myapp.authgear.cloud", tt.opts...)
			if tt.wantSetting == "" {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				if c == nil {
					t.Fatal("New returned nil client")
				}
				return
			}
			var ce *ConfigError
			if !errors.As(err, &ce) || ce.Setting != tt.wantSetting {
				t.Fatalf("New error = %v; want *ConfigError for %q", err, tt.wantSetting)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("error %v does not match %v", err, tt.wantIs)
			}
			if strings.Contains(err.Error(), "BEGIN") || strings.Contains(err.Error(), b64(testKey().D.Bytes())[:16]) {
				t.Errorf("error %q shows key material", err)
			}
		})
	}
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// TestRequest checks what goes over the wire: method, path, headers, a
// valid token, and the GraphQL body.
func TestRequest(t *testing.T) {
	t.Parallel()
	c, fs := newFakeServer(t, replay(recorded["2m_node_garbage"]), WithUserAgent("my-tool/1.0"))
	_, err := c.GetUser(t.Context(), recordedUserUUID)
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("GetUser error = %v; want ErrNotFound", err)
	}
	reqs := fs.Requests()
	if len(reqs) != 1 {
		t.Fatalf("server saw %d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if got := r.Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", got)
	}
	if got := r.Header.Get("User-Agent"); got != "my-tool/1.0" {
		t.Errorf("User-Agent = %q, want my-tool/1.0", got)
	}
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		t.Fatalf("Authorization = %q; want Bearer <token>", r.Header.Get("Authorization"))
	}
	parsed, err := jwt.Parse(tok, func(*jwt.Token) (any, error) { return &testKey().PublicKey, nil },
		jwt.WithValidMethods([]string{"RS256"}), jwt.WithAudience(testProjectID), jwt.WithIssuedAt(), jwt.WithExpirationRequired())
	if err != nil {
		t.Fatalf("token does not verify: %v", err)
	}
	if kid := parsed.Header["kid"]; kid != testKeyID {
		t.Errorf("kid = %v, want %s", kid, testKeyID)
	}
	if r.Body.OperationName != "GetUserNode" || !strings.Contains(r.Body.Query, "query GetUserNode") {
		t.Errorf("operation = %q / %q", r.Body.OperationName, r.Body.Query)
	}
	if diff := cmp.Diff(map[string]any{"id": recordedUserNodeID}, r.Body.Variables); diff != "" {
		t.Errorf("variables mismatch (-want +got):\n%s", diff)
	}
}

func TestDefaultUserAgent(t *testing.T) {
	t.Parallel()
	c, fs := newFakeServer(t, replay(recorded["2r_no_exp"]))
	if err := c.Do(t.Context(), "{ users { totalCount } }", nil, nil); err != nil {
		t.Fatal(err)
	}
	if got := fs.Requests()[0].Header.Get("User-Agent"); got != defaultUserAgent {
		t.Errorf("User-Agent = %q, want %q", got, defaultUserAgent)
	}
}

// countingTransport counts round trips and delegates.
type countingTransport struct {
	mu sync.Mutex
	n  int
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

func TestWithHTTPClientCopies(t *testing.T) {
	t.Parallel()
	ct := &countingTransport{}
	redirect := func(*http.Request, []*http.Request) error { return nil }
	theirs := &http.Client{Transport: ct, Timeout: 7 * time.Second, CheckRedirect: redirect}
	c, _ := newFakeServer(t, replay(recorded["2r_no_exp"]), WithHTTPClient(theirs))
	if err := c.Do(t.Context(), "{ users { totalCount } }", nil, nil); err != nil {
		t.Fatal(err)
	}
	if theirs.Transport != ct || theirs.Timeout != 7*time.Second {
		t.Error("WithHTTPClient modified the caller's client")
	}
	if ct.n != 1 {
		t.Errorf("caller's transport saw %d requests, want 1", ct.n)
	}
	if c.hc == theirs || c.hc.Timeout != 7*time.Second {
		t.Errorf("client does not use a copy of the caller's client")
	}
}

// TestRedirectNotFollowed checks that the token never leaves for another
// host through a redirect.
func TestRedirectNotFollowed(t *testing.T) {
	t.Parallel()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("redirect followed to %s (with Authorization: %t)", r.URL, r.Header.Get("Authorization") != "")
	}))
	t.Cleanup(other.Close)
	c, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/steal", http.StatusTemporaryRedirect)
	})
	err := c.Do(t.Context(), "{ users { totalCount } }", nil, nil)
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusTemporaryRedirect || !strings.Contains(apiErr.Hint, "redirect") {
		t.Fatalf("error = %v; want *Error with status 307 and a redirect hint", err)
	}
}

func TestContextCanceled(t *testing.T) {
	t.Parallel()
	block := make(chan struct{})
	c, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	})
	defer close(block)
	ctx, cancel := context.WithCancel(t.Context())
	go func() {
		time.Sleep(20 * time.Millisecond)
		cancel()
	}()
	err := c.Do(ctx, "{ users { totalCount } }", nil, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v; want context.Canceled", err)
	}

	ctx, cancel = context.WithCancel(t.Context())
	cancel()
	if err := c.Do(ctx, "{ users { totalCount } }", nil, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("error with a canceled context = %v; want context.Canceled", err)
	}
}

func TestDoDecodesData(t *testing.T) {
	t.Parallel()
	c, fs := newFakeServer(t, replay(recorded["x2_variables_as_string"]))
	var out struct {
		Users struct {
			TotalCount int `json:"totalCount"`
		} `json:"users"`
	}
	err := c.Do(t.Context(), "query Count($k: String) { users(searchKeyword: $k) { totalCount } }", map[string]any{"k": "x"}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if out.Users.TotalCount != 2 {
		t.Errorf("totalCount = %d, want 2", out.Users.TotalCount)
	}
	r := fs.Requests()[0]
	if r.Body.OperationName != "Count" {
		t.Errorf("operationName = %q, want Count", r.Body.OperationName)
	}
	if diff := cmp.Diff(map[string]any{"k": "x"}, r.Body.Variables); diff != "" {
		t.Errorf("variables mismatch (-want +got):\n%s", diff)
	}
}

func TestOperationName(t *testing.T) {
	t.Parallel()
	for query, want := range map[string]string{
		"query A { x }":             "A",
		"\n  mutation B_2($x: Int)": "B_2",
		"{ x }":                     "",
		"query { x }":               "",
		"query($a: Int) { x }":      "",
		"# comment\nquery C { x }":  "",
	} {
		if got := operationName(query); got != want {
			t.Errorf("operationName(%q) = %q, want %q", query, got, want)
		}
	}
}

func TestLogger(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewJSONHandler(&lockedWriter{w: &buf, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, _ := newFakeServer(t, replay(recorded["2l_duplicate_create"]), WithLogger(logger))
	_, err := c.CreateUser(t.Context(), NewUser{LoginID: LoginID{LoginIDEmail, "a@example.com"}, Password: Password("hunter2-secret")})
	if !errors.Is(err, ErrAlreadyExists) {
		t.Fatalf("CreateUser error = %v; want ErrAlreadyExists", err)
	}
	mu.Lock()
	logged := buf.String()
	mu.Unlock()
	var rec map[string]any
	if err := json.Unmarshal([]byte(logged), &rec); err != nil {
		t.Fatalf("log is not one JSON record: %v\n%s", err, logged)
	}
	if rec["operation"] != "CreateUser" || rec["status"] != float64(200) || rec["method"] != "POST" || rec["level"] != "DEBUG" {
		t.Errorf("log record = %v", rec)
	}
	for _, secret := range []string{"hunter2-secret", "Bearer", "eyJ"} {
		if strings.Contains(logged, secret) || strings.Contains(err.Error(), secret) {
			t.Errorf("log or error contains %q:\n%s\n%v", secret, logged, err)
		}
	}
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// TestForbiddenResignsToken checks that a refused token is not reused.
func TestForbiddenResignsToken(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	now := time.Now()
	clock := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(time.Second) // every signature gets a new iat
		return now
	}
	c, fs := newFakeServer(t, replay(recorded["2a_no_auth"]), WithClock(clock))
	for range 2 {
		if err := c.Do(t.Context(), "{ users { totalCount } }", nil, nil); !errors.Is(err, ErrForbidden) {
			t.Fatalf("error = %v; want ErrForbidden", err)
		}
	}
	reqs := fs.Requests()
	if a, b := reqs[0].Header.Get("Authorization"), reqs[1].Header.Get("Authorization"); a == b {
		t.Error("the token refused with 403 was sent again")
	}
}
