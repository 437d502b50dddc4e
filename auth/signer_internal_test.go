package auth

import (
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"sync"
	"testing"

	"github.com/golang-jwt/jwt/v5"
)

var internalKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

// TestCryptoSignerRS256 checks the adapter against golang-jwt's own RS256 in
// both directions.
func TestCryptoSignerRS256(t *testing.T) {
	t.Parallel()
	key := internalKey()
	const msg = "header.payload"
	m := cryptoSignerRS256{}
	if got := m.Alg(); got != "RS256" {
		t.Errorf("Alg() = %q, want RS256", got)
	}

	sig, err := m.Sign(msg, key)
	if err != nil {
		t.Fatalf("Sign: %v", err)
	}
	if err := jwt.SigningMethodRS256.Verify(msg, sig, &key.PublicKey); err != nil {
		t.Errorf("RS256 does not verify the adapter's signature: %v", err)
	}
	if err := m.Verify(msg, sig, &key.PublicKey); err != nil {
		t.Errorf("adapter does not verify its own signature: %v", err)
	}
	if err := m.Verify(msg+"x", sig, &key.PublicKey); err == nil {
		t.Error("adapter verified a signature over another message")
	}
	if _, err := m.Sign(msg, "not a signer"); err == nil {
		t.Error("Sign with a non-signer key succeeded")
	}
	if err := m.Verify(msg, sig, key); !errors.Is(err, jwt.ErrInvalidKeyType) {
		t.Errorf("Verify with a private key = %v, want ErrInvalidKeyType", err)
	}
}
