package adminapi

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"
)

// TestReloadPEMKeepsKeyID checks that a PEM file, which names no key id,
// changes the key but keeps the id in use.
func TestReloadPEMKeepsKeyID(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "key.pem")
	if err := os.WriteFile(path, testKeyPEM(t), 0o600); err != nil {
		t.Fatal(err)
	}
	c, fs := newFakeServer(t, replay(recorded["2r_no_exp"]), WithPrivateKeyFile(path))
	der, err := x509.MarshalPKCS8PrivateKey(otherKey())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if changed, err := c.ReloadKeyFile(); !changed || err != nil {
		t.Fatalf("ReloadKeyFile = %t, %v; want true, nil", changed, err)
	}
	if err := c.Do(t.Context(), "{ users { totalCount } }", nil, nil); err != nil {
		t.Fatal(err)
	}
	tok, _ := strings.CutPrefix(fs.Requests()[0].Header.Get("Authorization"), "Bearer ")
	parsed, err := jwt.Parse(tok, func(*jwt.Token) (any, error) { return &otherKey().PublicKey, nil },
		jwt.WithValidMethods([]string{"RS256"}), jwt.WithAudience(testProjectID))
	if err != nil {
		t.Fatalf("token is not signed by the new key: %v", err)
	}
	if kid := parsed.Header["kid"]; kid != testKeyID {
		t.Errorf("kid = %v, want %s", kid, testKeyID)
	}
}
