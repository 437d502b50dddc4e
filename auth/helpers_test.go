package auth_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"sync"
	"testing"
)

// Keys are generated once per test binary; 2048-bit generation is the
// slowest thing these tests do.
var (
	testKey  = sync.OnceValue(func() *rsa.PrivateKey { return mustRSA(2048) })
	otherKey = sync.OnceValue(func() *rsa.PrivateKey { return mustRSA(2048) })
	smallKey = sync.OnceValue(func() *rsa.PrivateKey { return mustRSA(1024) })
)

func mustRSA(bits int) *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		panic(err)
	}
	return k
}

func pemBytes(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

func pkcs8PEM(tb testing.TB, key any) []byte {
	tb.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		tb.Fatalf("MarshalPKCS8PrivateKey: %v", err)
	}
	return pemBytes("PRIVATE KEY", der)
}

func pkcs1PEM(key *rsa.PrivateKey) []byte {
	return pemBytes("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(key))
}

func b64int(i *big.Int) string { return base64.RawURLEncoding.EncodeToString(i.Bytes()) }

// rsaJWK returns the private JWK members of key, with kid if not empty.
func rsaJWK(key *rsa.PrivateKey, kid string) map[string]any {
	m := map[string]any{
		"kty": "RSA",
		"n":   b64int(key.N),
		"e":   b64int(big.NewInt(int64(key.E))),
		"d":   b64int(key.D),
		"p":   b64int(key.Primes[0]),
		"q":   b64int(key.Primes[1]),
		"dp":  b64int(key.Precomputed.Dp),
		"dq":  b64int(key.Precomputed.Dq),
		"qi":  b64int(key.Precomputed.Qinv),
	}
	if kid != "" {
		m["kid"] = kid
	}
	return m
}

// without returns a copy of m without the named members.
func without(m map[string]any, names ...string) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	for _, n := range names {
		delete(c, n)
	}
	return c
}

func mustJSON(tb testing.TB, v any) []byte {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatalf("json.Marshal: %v", err)
	}
	return b
}
