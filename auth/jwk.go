package auth

import (
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
)

// jwk holds the members of a JSON Web Key (RFC 7517, RFC 7518 section 6.3)
// that an RSA private key needs. The standard library has no JWK decoder.
type jwk struct {
	Kty string          `json:"kty"`
	Kid string          `json:"kid"`
	Crv string          `json:"crv"`
	N   string          `json:"n"`
	E   string          `json:"e"`
	D   string          `json:"d"`
	P   string          `json:"p"`
	Q   string          `json:"q"`
	DP  string          `json:"dp"`
	DQ  string          `json:"dq"`
	QI  string          `json:"qi"`
	Oth json.RawMessage `json:"oth"`
}

func (k *jwk) isRSAPrivate() bool { return k.Kty == "RSA" && k.D != "" }

// parseJWKJSON parses a single JWK or a JWK set.
func parseJWKJSON(data []byte) (*Key, *KeyError) {
	var doc struct {
		jwk
		Keys *[]json.RawMessage `json:"keys"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, &KeyError{Found: "malformed JSON", Need: "a JWK or JWK set holding " + needRSA, Err: err}
	}
	if doc.Keys == nil {
		return parseJWK(&doc.jwk)
	}
	return parseJWKSet(*doc.Keys)
}

// parseJWKSet picks the single RSA private key of a set. With several, it
// lists their ids instead of guessing.
func parseJWKSet(raw []json.RawMessage) (*Key, *KeyError) {
	if len(raw) == 0 {
		return nil, &KeyError{Found: "empty JWK set", Need: needRSA}
	}
	var priv []*jwk
	for _, r := range raw {
		k := new(jwk)
		if err := json.Unmarshal(r, k); err != nil {
			continue // Reported below as "no RSA private key" if nothing else fits.
		}
		if k.isRSAPrivate() {
			priv = append(priv, k)
		}
	}
	switch len(priv) {
	case 0:
		return nil, &KeyError{Found: fmt.Sprintf("JWK set of %d keys without an RSA private key", len(raw)), Need: needRSA}
	case 1:
		return parseJWK(priv[0])
	}
	kids := make([]string, len(priv))
	for i, k := range priv {
		kids[i] = fmt.Sprintf("%q", k.Kid)
	}
	return nil, &KeyError{
		Found: fmt.Sprintf("JWK set with %d RSA private keys (kid %s)", len(priv), strings.Join(kids, ", ")),
		Need:  "a JWK set with exactly one RSA private key; keep only the key to use",
	}
}

// parseJWK decodes and validates one RSA private JWK.
func parseJWK(k *jwk) (*Key, *KeyError) {
	fail := func(found string, err error) (*Key, *KeyError) {
		return nil, &KeyError{Found: found, Need: needRSA, Err: err}
	}
	switch {
	case k.Kty == "":
		return fail("JSON object without \"kty\"", nil)
	case k.Kty == "EC" && k.Crv != "":
		return fail(fmt.Sprintf("EC %s JWK", k.Crv), nil)
	case k.Kty != "RSA":
		return fail(fmt.Sprintf("JWK with kty %q", k.Kty), nil)
	case k.D == "":
		return fail("public key (RSA JWK without \"d\")", nil)
	case len(k.Oth) > 0 && string(k.Oth) != "null":
		return fail("multi-prime RSA JWK", nil)
	case k.P == "" || k.Q == "":
		return fail("RSA JWK without primes \"p\" and \"q\"", nil)
	}

	var (
		ints [8]*big.Int
		errs [8]error
	)
	for i, s := range [8]string{k.N, k.E, k.D, k.P, k.Q, k.DP, k.DQ, k.QI} {
		ints[i], errs[i] = decodeBig(s)
	}
	names := [8]string{"n", "e", "d", "p", "q", "dp", "dq", "qi"}
	for i, err := range errs {
		if err != nil {
			return fail(fmt.Sprintf("RSA JWK with malformed %q", names[i]), err)
		}
	}
	n, e, d, p, q, dp, dq, qi := ints[0], ints[1], ints[2], ints[3], ints[4], ints[5], ints[6], ints[7]
	if n == nil || e == nil {
		return fail("RSA JWK without \"n\" or \"e\"", nil)
	}
	// crypto/rsa needs 2 <= e < 2^31.
	if !e.IsInt64() || e.Int64() < 2 || e.Int64() >= 1<<31 {
		return fail("RSA JWK with unsupported exponent \"e\"", nil)
	}
	if bits := n.BitLen(); bits < MinKeyBits || bits > maxKeyBits {
		// Let checkRSA word the size error before doing any expensive work.
		return checkRSA(&rsa.PrivateKey{PublicKey: rsa.PublicKey{N: n}}, k.Kid)
	}
	for i, x := range ints[2:] {
		if x != nil && x.BitLen() > n.BitLen() {
			return fail(fmt.Sprintf("RSA JWK with %q larger than \"n\"", names[i+2]), nil)
		}
	}
	priv := &rsa.PrivateKey{
		PublicKey: rsa.PublicKey{N: n, E: int(e.Int64())},
		D:         d,
		Primes:    []*big.Int{p, q},
	}
	if dp != nil && dq != nil && qi != nil {
		// Validate checks these against the primes.
		priv.Precomputed.Dp, priv.Precomputed.Dq, priv.Precomputed.Qinv = dp, dq, qi
	}
	return checkRSA(priv, k.Kid)
}

// decodeBig decodes a base64url big-endian unsigned integer. Padding is
// tolerated although RFC 7518 forbids it. An empty string gives nil.
func decodeBig(s string) (*big.Int, error) {
	if s == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		return nil, err
	}
	return new(big.Int).SetBytes(b), nil
}
