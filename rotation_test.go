package adminapi_test

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
	"github.com/authgear-admin/adminapi/auth"
)

// mustParseKey parses a PEM key handed out by the emulator.
func mustParseKey(t *testing.T, pemData []byte) *rsa.PrivateKey {
	t.Helper()
	k, err := auth.ParseKey(pemData)
	if err != nil {
		t.Fatal(err)
	}
	return k.Private
}

// jwkFile writes key as a private JWK naming kid and returns its path.
func jwkFile(t *testing.T, path, kid string, key *rsa.PrivateKey) string {
	t.Helper()
	b64 := func(n *big.Int) string { return base64.RawURLEncoding.EncodeToString(n.Bytes()) }
	data, err := json.Marshal(map[string]string{
		"kty": "RSA", "kid": kid, "alg": "RS256",
		"n": b64(key.N), "e": b64(big.NewInt(int64(key.E))), "d": b64(key.D),
		"p": b64(key.Primes[0]), "q": b64(key.Primes[1]),
	})
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, data)
	return path
}

// writeFile replaces a file's content the way a secret store does: a new
// file renamed over the old one.
func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// lastKeyID returns the kid of the last request the server accepted.
func lastKeyID(t *testing.T, srv *adminapitest.Server) string {
	t.Helper()
	reqs := srv.Requests()
	for i := len(reqs) - 1; i >= 0; i-- {
		if reqs[i].TokenClaims != nil {
			return reqs[i].TokenClaims.KeyID
		}
	}
	t.Fatal("no accepted request")
	return ""
}

// TestRotateKey is the portal's rotation: the project holds key A; key B is
// added; the client switches to B; A is removed. The client keeps working
// and a client still on A is refused.
func TestRotateKey(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	seeded, err := srv.SeedUser(adminapitest.SeedUser{Email: "ada@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	idA := srv.KeyID()
	c, err := srv.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	stale, err := srv.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	if _, err := c.GetUser(ctx, seeded.ID); err != nil {
		t.Fatalf("before rotation: %v", err)
	}

	idB, pemB, err := srv.AddKey()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.RotateKey(idB, mustParseKey(t, pemB)); err != nil {
		t.Fatalf("RotateKey: %v", err)
	}
	if err := srv.RemoveKey(idA); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := c.GetUser(ctx, seeded.ID); err != nil {
			t.Fatalf("after rotation: %v", err)
		}
	}
	if got := lastKeyID(t, srv); got != idB {
		t.Errorf("requests signed with kid %q, want %q", got, idB)
	}
	_, err = stale.GetUser(ctx, seeded.ID)
	if !errors.Is(err, adminapi.ErrForbidden) {
		t.Errorf("client on the removed key: error = %v; want ErrForbidden", err)
	}
}

// failingSigner is an RSA key whose signing fails, as a KMS that is down.
type failingSigner struct{ *rsa.PrivateKey }

func (failingSigner) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) {
	return nil, errors.New("kms unavailable")
}

// TestRotateKeyRefusesBadKeys checks that an unusable key leaves the old
// one in use.
func TestRotateKeyRefusesBadKeys(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	c := srv.Client()
	small, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	good := mustParseKey(t, srv.PrivateKeyPEM())
	tests := []struct {
		name  string
		kid   string
		key   crypto.Signer
		isKey bool // the error matches auth.ErrInvalidKey
	}{
		{"nil key", "kid", nil, true},
		{"1024-bit key", "kid", small, true},
		{"empty key id", " ", good, false},
		{"signing fails", "kid", failingSigner{good}, false},
	}
	for _, tt := range tests {
		err := c.RotateKey(tt.kid, tt.key)
		if err == nil {
			t.Errorf("%s: RotateKey succeeded", tt.name)
			continue
		}
		if errors.Is(err, auth.ErrInvalidKey) != tt.isKey {
			t.Errorf("%s: error %v; matches auth.ErrInvalidKey: %t, want %t", tt.name, err, !tt.isKey, tt.isKey)
		}
		if _, err := c.GetUser(t.Context(), "00000000-0000-4000-8000-000000000000"); !errors.Is(err, adminapi.ErrNotFound) {
			t.Errorf("%s: the old key no longer works: %v", tt.name, err)
		}
	}
}

// TestReloadKeyFile rotates through the key file: the client reloads a
// JWK file whose content changed and takes its kid.
func TestReloadKeyFile(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	idA := srv.KeyID()
	path := jwkFile(t, filepath.Join(t.TempDir(), "admin-key.json"), idA, mustParseKey(t, srv.PrivateKeyPEM()))
	c, err := adminapi.New(srv.URL(), adminapi.WithProjectID(srv.ProjectID()), adminapi.WithPrivateKeyFile(path))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	missing := "00000000-0000-4000-8000-000000000000"
	if changed, err := c.ReloadKeyFile(); changed || err != nil {
		t.Errorf("ReloadKeyFile of an unchanged file = %t, %v; want false, nil", changed, err)
	}

	idB, pemB, err := srv.AddKey()
	if err != nil {
		t.Fatal(err)
	}
	jwkFile(t, path, idB, mustParseKey(t, pemB))
	if changed, err := c.ReloadKeyFile(); !changed || err != nil {
		t.Fatalf("ReloadKeyFile of a new key = %t, %v; want true, nil", changed, err)
	}
	if err := srv.RemoveKey(idA); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetUser(ctx, missing); !errors.Is(err, adminapi.ErrNotFound) {
		t.Fatalf("after reload: error = %v; want ErrNotFound", err)
	}
	if got := lastKeyID(t, srv); got != idB {
		t.Errorf("requests signed with kid %q, want %q", got, idB)
	}

	// A half-written or wrong file keeps the current key.
	for name, data := range map[string][]byte{
		"empty":     nil,
		"truncated": pemB[:100],
		"not a key": []byte("hello"),
	} {
		writeFile(t, path, data)
		changed, err := c.ReloadKeyFile()
		if changed || err == nil {
			t.Errorf("%s: ReloadKeyFile = %t, %v; want an error", name, changed, err)
		}
		if err != nil && bytes.Contains([]byte(err.Error()), pemB[40:60]) {
			t.Errorf("%s: error shows key material: %v", name, err)
		}
		if _, err := c.GetUser(ctx, missing); !errors.Is(err, adminapi.ErrNotFound) {
			t.Errorf("%s: the current key no longer works: %v", name, err)
		}
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ReloadKeyFile(); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReloadKeyFile of a removed file: error = %v; want os.ErrNotExist", err)
	}
}

// lockedBuffer collects log output from concurrent requests.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// TestWithKeyFileReload checks the periodic reload: a new key in the file
// is used once the interval has passed, not before, and a broken file is
// logged and skipped.
func TestWithKeyFileReload(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Now()}
	srv := adminapitest.NewServer(t, adminapitest.WithClock(clock.Now))
	idA := srv.KeyID()
	path := jwkFile(t, filepath.Join(t.TempDir(), "key.json"), idA, mustParseKey(t, srv.PrivateKeyPEM()))
	logs := &lockedBuffer{}
	c, err := adminapi.New(srv.URL(),
		adminapi.WithProjectID(srv.ProjectID()), adminapi.WithPrivateKeyFile(path),
		adminapi.WithKeyFileReload(time.Minute), adminapi.WithClock(clock.Now),
		adminapi.WithLogger(slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo}))))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	call := func() string {
		t.Helper()
		if _, err := c.GetUser(ctx, "00000000-0000-4000-8000-000000000000"); !errors.Is(err, adminapi.ErrNotFound) {
			t.Fatalf("GetUser: %v", err)
		}
		return lastKeyID(t, srv)
	}

	idB, pemB, err := srv.AddKey()
	if err != nil {
		t.Fatal(err)
	}
	jwkFile(t, path, idB, mustParseKey(t, pemB))
	clock.Add(30 * time.Second)
	if got := call(); got != idA {
		t.Errorf("before the interval: kid %q, want %q", got, idA)
	}
	clock.Add(31 * time.Second)
	if got := call(); got != idB {
		t.Errorf("after the interval: kid %q, want %q", got, idB)
	}

	writeFile(t, path, []byte("garbage"))
	clock.Add(time.Minute)
	if got := call(); got != idB {
		t.Errorf("after a broken file: kid %q, want %q", got, idB)
	}
	out := logs.String()
	for _, want := range []string{`"level":"INFO","msg":"adminapi: key file reloaded"`, `"level":"WARN","msg":"adminapi: key file reload failed; keeping the current key"`} {
		if !bytes.Contains([]byte(out), []byte(want)) {
			t.Errorf("logs lack %s:\n%s", want, out)
		}
	}
}

func TestKeyFileReloadConfig(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	path := filepath.Join(t.TempDir(), "key.pem")
	writeFile(t, path, srv.PrivateKeyPEM())
	tests := []struct {
		name string
		opts []adminapi.Option
	}{
		{"key not from a file", []adminapi.Option{adminapi.WithPrivateKeyPEM(srv.PrivateKeyPEM()), adminapi.WithKeyFileReload(time.Minute)}},
		{"interval too short", []adminapi.Option{adminapi.WithPrivateKeyFile(path), adminapi.WithKeyFileReload(time.Millisecond)}},
	}
	for _, tt := range tests {
		_, err := adminapi.New(srv.URL(), append([]adminapi.Option{adminapi.WithProjectID(srv.ProjectID()), adminapi.WithKeyID(srv.KeyID())}, tt.opts...)...)
		var ce *adminapi.ConfigError
		if !errors.As(err, &ce) || ce.Setting != "key file reload" {
			t.Errorf("%s: error = %v; want a *ConfigError for the key file reload", tt.name, err)
		}
	}
	if _, err := srv.Client().ReloadKeyFile(); err == nil {
		t.Error("ReloadKeyFile on a client without a key file succeeded")
	}
}
