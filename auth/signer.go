package auth

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"errors"
	"fmt"

	"github.com/golang-jwt/jwt/v5"
)

// Signer signs JWT claims into a compact JWS. [RS256Signer] is the usual
// implementation; implement Signer yourself to keep the key somewhere else
// entirely. Implementations must be safe for concurrent use.
type Signer interface {
	Sign(claims jwt.Claims) (string, error)
}

// RS256Signer signs Admin API tokens with an RSA key using RS256 and puts the
// key id in the "kid" header, where the server looks for it. It is safe for
// concurrent use.
type RS256Signer struct {
	keyID  string
	method jwt.SigningMethod
	key    any // *rsa.PrivateKey for jwt.SigningMethodRS256, crypto.Signer for cryptoSignerRS256
}

var _ Signer = (*RS256Signer)(nil)

// NewSigner returns a signer for the key with id keyID, as shown in the
// Authgear portal.
//
// key may be an [*rsa.PrivateKey] (for instance [Key.Private]) or any other
// [crypto.Signer] whose public key is an [*rsa.PublicKey], such as a key held
// in a KMS or HSM; such a signer is asked for PKCS #1 v1.5 signatures over
// SHA-256 digests. The modulus must have at least [MinKeyBits] bits, or the
// error is a [*KeyError]. keyID must not be empty.
func NewSigner(keyID string, key crypto.Signer) (*RS256Signer, error) {
	if keyID == "" {
		return nil, errors.New("auth: key id is empty; use the key id shown next to the key in the Authgear portal")
	}
	if key == nil {
		return nil, &KeyError{Source: "NewSigner", Found: "nil key", Need: needRSA}
	}
	if rk, ok := key.(*rsa.PrivateKey); ok {
		if rk == nil {
			return nil, &KeyError{Source: "NewSigner", Found: "nil *rsa.PrivateKey", Need: needRSA}
		}
		if err := checkPublic(&rk.PublicKey); err != nil {
			return nil, err
		}
		return &RS256Signer{keyID: keyID, method: jwt.SigningMethodRS256, key: rk}, nil
	}
	pub, ok := key.Public().(*rsa.PublicKey)
	if !ok {
		return nil, &KeyError{Source: "NewSigner", Found: fmt.Sprintf("crypto.Signer with a %T public key", key.Public()), Need: needRSA}
	}
	if err := checkPublic(pub); err != nil {
		return nil, err
	}
	return &RS256Signer{keyID: keyID, method: cryptoSignerRS256{}, key: key}, nil
}

func checkPublic(pub *rsa.PublicKey) error {
	if pub == nil || pub.N == nil {
		return &KeyError{Source: "NewSigner", Found: "RSA key without modulus", Need: needRSA}
	}
	if bits := pub.N.BitLen(); bits < MinKeyBits {
		return &KeyError{Source: "NewSigner", Found: fmt.Sprintf("RSA %d-bit key", bits), Need: needRSA}
	}
	return nil
}

// KeyID returns the key id put in the "kid" header of every token.
func (s *RS256Signer) KeyID() string { return s.keyID }

// Sign returns claims signed as a compact JWS with the header
// {"alg":"RS256","kid":<key id>,"typ":"JWT"}.
func (s *RS256Signer) Sign(claims jwt.Claims) (string, error) {
	if s == nil || s.method == nil {
		return "", errors.New("auth: Sign called on a nil or zero RS256Signer; use NewSigner")
	}
	t := jwt.NewWithClaims(s.method, claims)
	t.Header["kid"] = s.keyID
	signed, err := t.SignedString(s.key)
	if err != nil {
		return "", fmt.Errorf("auth: sign token with key %q: %w", s.keyID, err)
	}
	return signed, nil
}

// cryptoSignerRS256 is RS256 for keys that are only a [crypto.Signer]: it
// hands the SHA-256 digest to the signer instead of needing the private key.
// It is not registered with golang-jwt; verification is plain RS256.
type cryptoSignerRS256 struct{}

func (cryptoSignerRS256) Alg() string { return jwt.SigningMethodRS256.Alg() }

func (cryptoSignerRS256) Verify(signingString string, sig []byte, key any) error {
	return jwt.SigningMethodRS256.Verify(signingString, sig, key)
}

func (cryptoSignerRS256) Sign(signingString string, key any) ([]byte, error) {
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("auth: RS256 adapter needs a crypto.Signer, got %T", key)
	}
	digest := sha256.Sum256([]byte(signingString))
	return signer.Sign(rand.Reader, digest[:], crypto.SHA256)
}
