package auth_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/authgear-admin/adminapi/auth"
	"github.com/google/go-cmp/cmp"
)

func selfSignedCertPEM(t *testing.T) []byte {
	t.Helper()
	key := testKey()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "adminapi test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatalf("CreateCertificate: %v", err)
	}
	return pemBytes("CERTIFICATE", der)
}

func TestParseKeyAccepts(t *testing.T) {
	t.Parallel()
	key := testKey()
	p8 := pkcs8PEM(t, key)
	jwk := rsaJWK(key, "key-1")
	ecPub := map[string]any{"kty": "EC", "crv": "P-256", "x": "AAAA", "y": "AAAA", "kid": "ec"}

	tests := []struct {
		name   string
		in     []byte
		wantID string
	}{
		{"PKCS8", p8, ""},
		{"PKCS1", pkcs1PEM(key), ""},
		{"JWK", mustJSON(t, jwk), "key-1"},
		{"JWK without kid", mustJSON(t, rsaJWK(key, "")), ""},
		{"JWK without CRT values", mustJSON(t, without(jwk, "dp", "dq", "qi")), "key-1"},
		{"JWK with base64 padding", mustJSON(t, map[string]any{
			"kty": "RSA", "kid": "padded",
			"n": jwk["n"], "e": "AQAB=", "d": jwk["d"], "p": jwk["p"], "q": jwk["q"],
		}), "padded"},
		{"JWK set", mustJSON(t, map[string]any{"keys": []any{
			ecPub,
			without(rsaJWK(otherKey(), "public"), "d", "p", "q", "dp", "dq", "qi"),
			jwk,
		}}), "key-1"},
		{"CRLF and whitespace", append([]byte("\r\n \t"), append(bytes.ReplaceAll(p8, []byte("\n"), []byte("\r\n")), " \r\n\t"...)...), ""},
		{"byte order mark", append([]byte("\uFEFF"), p8...), ""},
		{"certificate before key", append(selfSignedCertPEM(t), p8...), ""},
		{"text around PEM", append(append([]byte("Downloaded from the portal\n"), p8...), "trailing notes\n"...), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := auth.ParseKey(tt.in)
			if err != nil {
				t.Fatalf("ParseKey: %v", err)
			}
			if diff := cmp.Diff(tt.wantID, got.ID); diff != "" {
				t.Errorf("ID (-want +got):\n%s", diff)
			}
			if !got.Private.Equal(key) {
				t.Error("Private is not the encoded key")
			}
			if got.Private.Precomputed.Dp == nil {
				t.Error("Private is not precomputed")
			}
		})
	}
}

func TestParseKeyRejects(t *testing.T) {
	t.Parallel()
	key := testKey()
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecDER, err := x509.MarshalECPrivateKey(ec)
	if err != nil {
		t.Fatal(err)
	}
	_, ed, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pubDER, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	der8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	jwk := rsaJWK(key, "key-1")
	wrongD := without(jwk)
	wrongD["d"] = b64int(otherKey().D)
	wrongDP := without(jwk)
	wrongDP["dp"] = jwk["dq"]
	corrupt := bytes.Clone(der8)
	corrupt[len(corrupt)/2] ^= 0xff

	const need = "an RSA private key of at least 2048 bits"
	tests := []struct {
		name      string
		in        []byte
		wantFound string
		wantNeed  string
	}{
		{"empty", nil, "empty input", need},
		{"whitespace only", []byte(" \r\n\t\n"), "empty input", need},
		{"garbage", []byte("definitely not a key"), "no PEM or JSON", need},
		{"bare base64 without PEM armour", []byte(strings.Repeat("QUJD", 40)), "no PEM or JSON", need},
		{"EC PKCS8", pkcs8PEM(t, ec), "EC P-256 private key", need},
		{"EC SEC1", pemBytes("EC PRIVATE KEY", ecDER), "EC P-256 private key", need},
		{"Ed25519", pkcs8PEM(t, ed), "Ed25519 private key", need},
		{"RSA 1024", pkcs8PEM(t, smallKey()), "RSA 1024-bit key", need},
		{"RSA 1024 PKCS1", pkcs1PEM(smallKey()), "RSA 1024-bit key", need},
		{"public key", pemBytes("PUBLIC KEY", pubDER), "public key", need},
		{"certificate only", selfSignedCertPEM(t), "certificate", need},
		{"encrypted PKCS1", pem.EncodeToMemory(&pem.Block{
			Type:    "RSA PRIVATE KEY",
			Headers: map[string]string{"Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-128-CBC,00112233445566778899AABBCCDDEEFF"},
			Bytes:   corrupt,
		}), "encrypted PEM", "an unencrypted RSA private key (decrypt it first, e.g. with openssl pkey)"},
		{"encrypted PKCS8", pemBytes("ENCRYPTED PRIVATE KEY", corrupt), "encrypted PEM", "an unencrypted RSA private key (decrypt it first, e.g. with openssl pkey)"},
		{"corrupt PKCS8", pemBytes("PRIVATE KEY", corrupt), "malformed PKCS #8 private key", need},
		{"two private keys", append(pkcs8PEM(t, key), pkcs1PEM(otherKey())...), "2 private keys", "exactly one private key, an RSA key of at least 2048 bits"},
		{"OpenSSH", pemBytes("OPENSSH PRIVATE KEY", corrupt), "OpenSSH private key", need + " in PEM (convert with ssh-keygen -p -m PKCS8)"},
		{"malformed JSON", []byte(`{"kty": "RSA",`), "malformed JSON", "a JWK or JWK set holding " + need},
		{"JSON without kty", []byte(`{"hello": "world"}`), `JSON object without "kty"`, need},
		{"JWK EC", mustJSON(t, map[string]any{"kty": "EC", "crv": "P-256", "x": "AAAA", "y": "AAAA", "d": "AAAA"}), "EC P-256 JWK", need},
		{"JWK oct", mustJSON(t, map[string]any{"kty": "oct", "k": "c2VjcmV0c2VjcmV0c2VjcmV0"}), `JWK with kty "oct"`, need},
		{"JWK missing d", mustJSON(t, without(jwk, "d")), `public key (RSA JWK without "d")`, need},
		{"JWK missing primes", mustJSON(t, without(jwk, "p", "q", "dp", "dq", "qi")), `RSA JWK without primes "p" and "q"`, need},
		{"JWK malformed n", mustJSON(t, map[string]any{"kty": "RSA", "n": "!!", "e": "AQAB", "d": "AQAB", "p": "AQAB", "q": "AQAB"}), `RSA JWK with malformed "n"`, need},
		{"JWK huge e", mustJSON(t, map[string]any{"kty": "RSA", "n": jwk["n"], "e": "AQAAAAAA", "d": "AQAB", "p": "AQAB", "q": "AQAB"}), `RSA JWK with unsupported exponent "e"`, need},
		{"JWK 1024", mustJSON(t, rsaJWK(smallKey(), "small")), "RSA 1024-bit key", need},
		{"JWK wrong d", mustJSON(t, wrongD), "inconsistent RSA private key", need},
		{"JWK wrong dp", mustJSON(t, wrongDP), "inconsistent RSA private key", need},
		{"JWK set empty", []byte(`{"keys": []}`), "empty JWK set", need},
		{"JWK set without private key", mustJSON(t, map[string]any{"keys": []any{without(jwk, "d")}}), "JWK set of 1 keys without an RSA private key", need},
		{"JWK set with two private keys", mustJSON(t, map[string]any{"keys": []any{jwk, rsaJWK(otherKey(), "key-2")}}),
			`JWK set with 2 RSA private keys (kid "key-1", "key-2")`, "a JWK set with exactly one RSA private key; keep only the key to use"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := auth.ParseKey(tt.in)
			if err == nil {
				t.Fatalf("ParseKey = key with ID %q, want error", got.ID)
			}
			if got != nil {
				t.Errorf("ParseKey returned a key along with error %v", err)
			}
			var ke *auth.KeyError
			if !errors.As(err, &ke) {
				t.Fatalf("error %v (%T) is not a *KeyError", err, err)
			}
			if !errors.Is(err, auth.ErrInvalidKey) {
				t.Errorf("errors.Is(%v, ErrInvalidKey) = false", err)
			}
			want := auth.KeyError{Source: "key data", Found: tt.wantFound, Need: tt.wantNeed}
			gotKE := auth.KeyError{Source: ke.Source, Found: ke.Found, Need: ke.Need}
			if diff := cmp.Diff(want, gotKE); diff != "" {
				t.Errorf("KeyError (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff("auth: key data: found "+tt.wantFound+"; need "+tt.wantNeed, err.Error()); diff != "" {
				t.Errorf("Error() (-want +got):\n%s", diff)
			}
			assertNoKeyMaterial(t, err, tt.in)
		})
	}
}

// base64Run matches runs of base64 or base64url characters.
var base64Run = regexp.MustCompile(`[A-Za-z0-9+/_-]{16,}`)

// assertNoKeyMaterial fails if the text of err, or of any error it wraps,
// contains 16 consecutive base64 characters of input.
func assertNoKeyMaterial(t *testing.T, err error, input []byte) {
	t.Helper()
	var texts []string
	for e := err; e != nil; e = errors.Unwrap(e) {
		texts = append(texts, e.Error())
	}
	for _, run := range base64Run.FindAll(input, -1) {
		for i := 0; i+16 <= len(run); i += 8 {
			for _, text := range texts {
				if strings.Contains(text, string(run[i:i+16])) {
					t.Fatalf("error text %q contains input material %q", text, run[i:i+16])
				}
			}
		}
	}
}

func TestKeyErrorNeverLeaksBody(t *testing.T) {
	t.Parallel()
	// A PKCS8 body with one byte flipped, so parsing fails deep inside the
	// DER decoder, is the most likely place for key bytes to leak.
	der, err := x509.MarshalPKCS8PrivateKey(testKey())
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(der); i += len(der) / 16 {
		bad := bytes.Clone(der)
		bad[i] ^= 0x55
		in := pemBytes("PRIVATE KEY", bad)
		if _, err := auth.ParseKey(in); err != nil {
			assertNoKeyMaterial(t, err, in)
		}
	}
}

func TestLoadKeyFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}

	t.Run("valid", func(t *testing.T) {
		t.Parallel()
		k, err := auth.LoadKeyFile(write("good.pem", pkcs8PEM(t, testKey())))
		if err != nil {
			t.Fatalf("LoadKeyFile: %v", err)
		}
		if !k.Private.Equal(testKey()) {
			t.Error("loaded key differs from the written one")
		}
	})
	t.Run("invalid content names the path", func(t *testing.T) {
		t.Parallel()
		in := pemBytes("PUBLIC KEY", []byte("0123456789abcdefghijklmnopqrstuvwxyz"))
		p := write("public.pem", in)
		_, err := auth.LoadKeyFile(p)
		var ke *auth.KeyError
		if !errors.As(err, &ke) {
			t.Fatalf("error %v is not a *KeyError", err)
		}
		if diff := cmp.Diff("auth: "+p+": found public key; need an RSA private key of at least 2048 bits", err.Error()); diff != "" {
			t.Errorf("Error() (-want +got):\n%s", diff)
		}
		assertNoKeyMaterial(t, err, in)
	})
	t.Run("too large", func(t *testing.T) {
		t.Parallel()
		_, err := auth.LoadKeyFile(write("big.pem", bytes.Repeat([]byte("A"), 1<<20+10)))
		if !errors.Is(err, auth.ErrInvalidKey) {
			t.Fatalf("err = %v, want ErrInvalidKey", err)
		}
		if !strings.Contains(err.Error(), "at most 1 MiB") {
			t.Errorf("err = %q, want it to mention the size limit", err)
		}
	})
	t.Run("missing file", func(t *testing.T) {
		t.Parallel()
		_, err := auth.LoadKeyFile(filepath.Join(dir, "missing.pem"))
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("err = %v, want fs.ErrNotExist", err)
		}
		if errors.Is(err, auth.ErrInvalidKey) {
			t.Errorf("a missing file must not match ErrInvalidKey: %v", err)
		}
	})
}

func TestKeyErrorUnwrap(t *testing.T) {
	t.Parallel()
	cause := errors.New("cause")
	err := error(&auth.KeyError{Source: "s", Found: "f", Need: "n", Err: cause})
	if !errors.Is(err, cause) {
		t.Error("errors.Is(err, cause) = false, want true")
	}
	if !errors.Is(err, auth.ErrInvalidKey) {
		t.Error("errors.Is(err, ErrInvalidKey) = false, want true")
	}
	if errors.Is(err, errors.New("auth: invalid private key")) {
		t.Error("KeyError matches an unrelated error with the same text")
	}
}

func FuzzParseKey(f *testing.F) {
	key := testKey()
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	_, ed, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	jwk := rsaJWK(key, "k")
	for _, seed := range [][]byte{
		pkcs8PEM(f, key),
		pkcs1PEM(key),
		pkcs8PEM(f, ec),
		pkcs8PEM(f, ed),
		mustJSON(f, jwk),
		mustJSON(f, map[string]any{"keys": []any{jwk}}),
		mustJSON(f, without(jwk, "d")),
		mustJSON(f, map[string]any{"kty": "EC", "crv": "P-256"}),
		[]byte("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n-----END RSA PRIVATE KEY-----\n"),
		[]byte("garbage"),
		{},
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		k, err := auth.ParseKey(data)
		if err != nil {
			var ke *auth.KeyError
			if !errors.As(err, &ke) || k != nil {
				t.Fatalf("ParseKey = %v, %v (%T); want nil and a *KeyError", k, err, err)
			}
			return
		}
		if k == nil || k.Private == nil || k.Private.N.BitLen() < auth.MinKeyBits {
			t.Fatalf("ParseKey returned an unusable key without error: %+v", k)
		}
		if err := k.Private.Validate(); err != nil {
			t.Fatalf("ParseKey returned a key that does not validate: %v", err)
		}
	})
}
