package auth

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
)

// MinKeyBits is the smallest RSA modulus, in bits, that [ParseKey] and
// [NewSigner] accept.
const MinKeyBits = 2048

// maxKeyBits bounds the modulus so that hostile input cannot make key
// validation arbitrarily slow.
const maxKeyBits = 16384

// maxKeyFileSize bounds what [ParseKey] and [LoadKeyFile] read. Real keys are
// a few kilobytes; anything much larger is the wrong file.
const maxKeyFileSize = 1 << 20

// needRSA is the usual [KeyError.Need] text.
var needRSA = fmt.Sprintf("an RSA private key of at least %d bits", MinKeyBits)

// ErrInvalidKey is matched by every [*KeyError] through [errors.Is].
var ErrInvalidKey = errors.New("auth: invalid private key")

// KeyError reports a key that cannot be used to sign Admin API tokens. It
// says what was found and what is needed, and never contains key material.
type KeyError struct {
	// Source names where the key came from: a file path, or "key data" for
	// [ParseKey].
	Source string
	// Found describes what the input held, e.g. "EC P-256 private key".
	Found string
	// Need describes what would have been accepted.
	Need string
	// Err is the underlying parse error, if any. It may be nil.
	Err error
}

// Error returns "auth: <source>: found <found>; need <need>".
func (e *KeyError) Error() string {
	return "auth: " + e.Source + ": found " + e.Found + "; need " + e.Need
}

// Unwrap returns e.Err.
func (e *KeyError) Unwrap() error { return e.Err }

// Is reports whether target is [ErrInvalidKey].
func (e *KeyError) Is(target error) bool { return target == ErrInvalidKey }

// Key is a parsed RSA private key ready for [NewSigner].
type Key struct {
	// ID is the key id ("kid") when the input was a JWK that names one, and
	// "" for PEM input, which carries no id. The Admin API needs the id the
	// portal shows next to the key.
	ID string
	// Private is the validated, precomputed private key.
	Private *rsa.PrivateKey
}

// ParseKey parses an RSA private key for the Admin API. It accepts:
//
//   - PKCS #8 PEM ("BEGIN PRIVATE KEY"), as the Authgear portal downloads it;
//   - PKCS #1 PEM ("BEGIN RSA PRIVATE KEY");
//   - a JWK JSON object with kty "RSA" and the private members;
//   - a JWK set {"keys": [...]} holding exactly one RSA private key.
//
// Surrounding whitespace, CRLF line endings, a UTF-8 byte order mark and
// other PEM blocks (a certificate, say) next to the key are tolerated.
// Encrypted keys are not supported. The key must have at least [MinKeyBits]
// bits. Every failure is a [*KeyError], which matches [ErrInvalidKey].
func ParseKey(data []byte) (*Key, error) {
	return parseKey(data, "key data")
}

// LoadKeyFile reads the file at path and parses it with [ParseKey]. A
// [*KeyError] names the path in its Source; an error reading the file wraps
// the [*os.PathError]. Errors never include the file's content.
func LoadKeyFile(path string) (*Key, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("auth: load key: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxKeyFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("auth: load key: %w", err)
	}
	return parseKey(data, path)
}

func parseKey(data []byte, source string) (*Key, error) {
	fail := func(found, need string, err error) (*Key, error) {
		return nil, &KeyError{Source: source, Found: found, Need: need, Err: err}
	}
	if len(data) > maxKeyFileSize {
		return fail(fmt.Sprintf("%d bytes", len(data)), "a key file of at most 1 MiB", nil)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return fail("empty input", needRSA, nil)
	}
	var (
		k   *Key
		err *KeyError
	)
	if data[0] == '{' {
		k, err = parseJWKJSON(data)
	} else {
		k, err = parsePEM(data)
	}
	if err != nil {
		err.Source = source
		return nil, err
	}
	return k, nil
}

// parsePEM walks every PEM block and returns the single private key among
// them. Blocks that hold no private key are skipped but remembered, so the
// error can say what the input held instead.
func parsePEM(data []byte) (*Key, *KeyError) {
	var (
		keys  []*rsa.PrivateKey
		other *KeyError // first reason a block was unusable
		n     int       // private keys seen, of any kind
	)
	note := func(e *KeyError) {
		if other == nil {
			other = e
		}
	}
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			break
		}
		if encrypted(block) {
			n++
			note(&KeyError{Found: "encrypted PEM", Need: "an unencrypted RSA private key (decrypt it first, e.g. with openssl pkey)"})
			continue
		}
		switch block.Type {
		case "PRIVATE KEY":
			n++
			priv, err := x509.ParsePKCS8PrivateKey(block.Bytes)
			if err != nil {
				note(&KeyError{Found: "malformed PKCS #8 private key", Need: needRSA, Err: err})
				continue
			}
			rk, ok := priv.(*rsa.PrivateKey)
			if !ok {
				note(&KeyError{Found: describePrivate(priv), Need: needRSA})
				continue
			}
			keys = append(keys, rk)
		case "RSA PRIVATE KEY":
			n++
			rk, err := x509.ParsePKCS1PrivateKey(block.Bytes)
			if err != nil {
				note(&KeyError{Found: "malformed PKCS #1 RSA private key", Need: needRSA, Err: err})
				continue
			}
			keys = append(keys, rk)
		case "EC PRIVATE KEY":
			n++
			found := "EC private key"
			if ek, err := x509.ParseECPrivateKey(block.Bytes); err == nil {
				found = describePrivate(ek)
			}
			note(&KeyError{Found: found, Need: needRSA})
		case "OPENSSH PRIVATE KEY":
			n++
			note(&KeyError{Found: "OpenSSH private key", Need: needRSA + " in PEM (convert with ssh-keygen -p -m PKCS8)"})
		case "PUBLIC KEY", "RSA PUBLIC KEY":
			note(&KeyError{Found: "public key", Need: needRSA})
		case "CERTIFICATE":
			note(&KeyError{Found: "certificate", Need: needRSA})
		default:
			note(&KeyError{Found: fmt.Sprintf("PEM block %q", block.Type), Need: needRSA})
		}
	}
	switch {
	case n > 1:
		return nil, &KeyError{Found: fmt.Sprintf("%d private keys", n), Need: "exactly one private key, an RSA key of at least 2048 bits"}
	case len(keys) == 1:
		return checkRSA(keys[0], "")
	case other != nil:
		return nil, other
	default:
		return nil, &KeyError{Found: "no PEM or JSON", Need: needRSA}
	}
}

// encrypted reports whether block uses legacy PEM encryption (RFC 1423) or
// is a PKCS #8 EncryptedPrivateKeyInfo.
func encrypted(block *pem.Block) bool {
	_, legacy := block.Headers["DEK-Info"]
	return legacy || block.Headers["Proc-Type"] == "4,ENCRYPTED" || block.Type == "ENCRYPTED PRIVATE KEY"
}

// describePrivate names a non-RSA private key for a [KeyError].
func describePrivate(k any) string {
	switch k := k.(type) {
	case *ecdsa.PrivateKey:
		if k.Curve != nil {
			return "EC " + k.Curve.Params().Name + " private key"
		}
		return "EC private key"
	case ed25519.PrivateKey:
		return "Ed25519 private key"
	case *ecdh.PrivateKey:
		return fmt.Sprint(k.Curve()) + " private key"
	default:
		return fmt.Sprintf("%T private key", k)
	}
}

// checkRSA enforces the size limits, validates and precomputes k.
func checkRSA(k *rsa.PrivateKey, id string) (*Key, *KeyError) {
	if k.N == nil {
		return nil, &KeyError{Found: "RSA key without modulus", Need: needRSA}
	}
	bits := k.N.BitLen()
	if bits < MinKeyBits {
		return nil, &KeyError{Found: fmt.Sprintf("RSA %d-bit key", bits), Need: needRSA}
	}
	if bits > maxKeyBits {
		return nil, &KeyError{Found: fmt.Sprintf("RSA %d-bit key", bits), Need: fmt.Sprintf("an RSA private key of at most %d bits", maxKeyBits)}
	}
	if err := k.Validate(); err != nil {
		return nil, &KeyError{Found: "inconsistent RSA private key", Need: needRSA, Err: err}
	}
	k.Precompute()
	return &Key{ID: id, Private: k}, nil
}
