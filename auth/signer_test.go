package auth_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/authgear-admin/adminapi/auth"
	"github.com/golang-jwt/jwt/v5"
	"github.com/google/go-cmp/cmp"
)

// opaqueSigner hides the concrete key type, as a KMS or HSM signer would.
type opaqueSigner struct{ crypto.Signer }

// failingSigner is a crypto.Signer whose signing always fails.
type failingSigner struct {
	crypto.Signer
	err error
}

func (f failingSigner) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) { return nil, f.err }

// verify parses token with pub, insisting on RS256, and returns its claims.
func verify(t *testing.T, token string, pub *rsa.PublicKey) (*jwt.Token, *auth.Claims) {
	t.Helper()
	claims := new(auth.Claims)
	parsed, err := jwt.ParseWithClaims(token, claims, func(*jwt.Token) (any, error) { return pub, nil },
		jwt.WithValidMethods([]string{"RS256"}), jwt.WithIssuedAt(), jwt.WithExpirationRequired())
	if err != nil {
		t.Fatalf("token does not verify: %v", err)
	}
	return parsed, claims
}

// payload decodes the raw claims segment of token, so tests see the exact
// JSON the server sees.
func payload(t *testing.T, token string) map[string]json.RawMessage {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token has %d segments, want 3", len(parts))
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatalf("decode payload: %v", err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("payload is not a JSON object: %v", err)
	}
	return m
}

func TestSignerSign(t *testing.T) {
	t.Parallel()
	key := testKey()
	now := time.Now().Truncate(time.Second)
	claims := &auth.Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Audience:  jwt.ClaimStrings{"myapp"},
			IssuedAt:  jwt.NewNumericDate(now.Add(-30 * time.Second)),
			ExpiresAt: jwt.NewNumericDate(now.Add(5 * time.Minute)),
		},
		AuditContext: map[string]any{"operator": "alice"},
	}
	tests := []struct {
		name string
		key  crypto.Signer
	}{
		{"rsa.PrivateKey", key},
		{"opaque crypto.Signer", opaqueSigner{key}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := auth.NewSigner("key-1", tt.key)
			if err != nil {
				t.Fatalf("NewSigner: %v", err)
			}
			if got := s.KeyID(); got != "key-1" {
				t.Errorf("KeyID() = %q, want %q", got, "key-1")
			}
			token, err := s.Sign(claims)
			if err != nil {
				t.Fatalf("Sign: %v", err)
			}
			parsed, got := verify(t, token, &key.PublicKey)
			wantHeader := map[string]any{"alg": "RS256", "typ": "JWT", "kid": "key-1"}
			if diff := cmp.Diff(wantHeader, parsed.Header); diff != "" {
				t.Errorf("header (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(claims, got); diff != "" {
				t.Errorf("claims (-want +got):\n%s", diff)
			}
			p := payload(t, token)
			wantRaw := map[string]string{
				"aud":           `["myapp"]`,
				"iat":           mustString(t, now.Add(-30*time.Second).Unix()),
				"exp":           mustString(t, now.Add(5*time.Minute).Unix()),
				"audit_context": `{"operator":"alice"}`,
			}
			gotRaw := make(map[string]string, len(p))
			for k, v := range p {
				gotRaw[k] = string(v)
			}
			if diff := cmp.Diff(wantRaw, gotRaw); diff != "" {
				t.Errorf("raw payload (-want +got):\n%s", diff)
			}
		})
	}
}

func mustString(t *testing.T, v any) string {
	t.Helper()
	return string(mustJSON(t, v))
}

func TestSignerWrongKeyDoesNotVerify(t *testing.T) {
	t.Parallel()
	s, err := auth.NewSigner("key-1", testKey())
	if err != nil {
		t.Fatal(err)
	}
	token, err := s.Sign(&auth.Claims{RegisteredClaims: jwt.RegisteredClaims{Audience: jwt.ClaimStrings{"myapp"}}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = jwt.Parse(token, func(*jwt.Token) (any, error) { return &otherKey().PublicKey, nil })
	if !errors.Is(err, jwt.ErrTokenSignatureInvalid) {
		t.Errorf("verifying with another key: err = %v, want ErrTokenSignatureInvalid", err)
	}
}

func TestNewSignerErrors(t *testing.T) {
	t.Parallel()
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		keyID     string
		key       crypto.Signer
		wantFound string // "" when the error is not a *KeyError
		wantText  string
	}{
		{"empty key id", "", testKey(), "", "auth: key id is empty"},
		{"nil key", "k", nil, "nil key", "auth: NewSigner: found nil key"},
		{"typed nil key", "k", (*rsa.PrivateKey)(nil), "nil *rsa.PrivateKey", "auth: NewSigner: found nil *rsa.PrivateKey"},
		{"EC key", "k", ec, "crypto.Signer with a *ecdsa.PublicKey public key", "need an RSA private key of at least 2048 bits"},
		{"1024-bit key", "k", smallKey(), "RSA 1024-bit key", "auth: NewSigner: found RSA 1024-bit key"},
		{"1024-bit opaque key", "k", opaqueSigner{smallKey()}, "RSA 1024-bit key", "auth: NewSigner: found RSA 1024-bit key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := auth.NewSigner(tt.keyID, tt.key)
			if err == nil {
				t.Fatalf("NewSigner = %v, want error", s)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q does not contain %q", err, tt.wantText)
			}
			var ke *auth.KeyError
			if got := errors.As(err, &ke); got != (tt.wantFound != "") {
				t.Fatalf("errors.As(%v, *KeyError) = %v, want %v", err, got, tt.wantFound != "")
			}
			if ke != nil && ke.Found != tt.wantFound {
				t.Errorf("Found = %q, want %q", ke.Found, tt.wantFound)
			}
		})
	}
}

func TestSignErrors(t *testing.T) {
	t.Parallel()
	t.Run("zero signer", func(t *testing.T) {
		t.Parallel()
		for _, s := range []*auth.RS256Signer{nil, new(auth.RS256Signer)} {
			if _, err := s.Sign(&auth.Claims{}); err == nil {
				t.Errorf("(%#v).Sign succeeded, want error", s)
			}
		}
	})
	t.Run("crypto.Signer fails", func(t *testing.T) {
		t.Parallel()
		kms := errors.New("kms unavailable")
		s, err := auth.NewSigner("key-1", failingSigner{testKey(), kms})
		if err != nil {
			t.Fatal(err)
		}
		token, err := s.Sign(&auth.Claims{})
		if !errors.Is(err, kms) {
			t.Fatalf("Sign = %q, %v; want error wrapping %v", token, err, kms)
		}
		if !strings.HasPrefix(err.Error(), "auth: ") {
			t.Errorf("error %q lacks the auth: prefix", err)
		}
	})
}

func BenchmarkSignRS256(b *testing.B) {
	s, err := auth.NewSigner("key-1", testKey())
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	claims := &auth.Claims{RegisteredClaims: jwt.RegisteredClaims{
		Audience:  jwt.ClaimStrings{"myapp"},
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(5 * time.Minute)),
	}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Sign(claims); err != nil {
			b.Fatal(err)
		}
	}
}
