package adminapitest

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"slices"
	"sync"
)

// maxKeys is how many Admin API keys a project holds at once: two, so that
// keys can be rotated without downtime.
const maxKeys = 2

type signingKey struct {
	id  string
	key *rsa.PrivateKey
	pem []byte // PKCS#8
}

// keySet is the project's Admin API keys, safe for concurrent use.
type keySet struct {
	mu   sync.RWMutex
	keys []signingKey
}

func newSigningKey(gen func() (*rsa.PrivateKey, error)) (signingKey, error) {
	k, err := gen()
	if err != nil {
		return signingKey{}, fmt.Errorf("adminapitest: generate key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		return signingKey{}, fmt.Errorf("adminapitest: encode key: %w", err)
	}
	return signingKey{
		id:  newKeyID(),
		key: k,
		pem: pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}),
	}, nil
}

func (ks *keySet) add(k signingKey) error {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	if len(ks.keys) >= maxKeys {
		return fmt.Errorf("adminapitest: a project holds at most %d keys; remove one first", maxKeys)
	}
	ks.keys = append(ks.keys, k)
	return nil
}

func (ks *keySet) remove(id string) error {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	i := slices.IndexFunc(ks.keys, func(k signingKey) bool { return k.id == id })
	switch {
	case i < 0:
		return fmt.Errorf("adminapitest: no key with id %q", id)
	case len(ks.keys) == 1:
		return errors.New("adminapitest: cannot remove the only key")
	}
	ks.keys = slices.Delete(ks.keys, i, i+1)
	return nil
}

func (ks *keySet) first() signingKey {
	ks.mu.RLock()
	defer ks.mu.RUnlock()
	return ks.keys[0]
}

// public returns the public key with the id, or nil.
func (ks *keySet) public(id string) *rsa.PublicKey {
	ks.mu.RLock()
	defer ks.mu.RUnlock()
	for _, k := range ks.keys {
		if k.id == id {
			return &k.key.PublicKey
		}
	}
	return nil
}

// KeyID returns the id of the server's first key: the one generated at start
// unless it was removed, then the one added after it.
func (s *Server) KeyID() string { return s.keys.first().id }

// PrivateKeyPEM returns the PKCS#8 PEM encoding of the first key (see
// [Server.KeyID]), as the Authgear portal offers it for download.
func (s *Server) PrivateKeyPEM() []byte { return slices.Clone(s.keys.first().pem) }

// AddKey generates a second key pair, as when rotating keys in the portal.
// Tokens signed with either key verify until one is removed. A project holds
// at most two keys.
func (s *Server) AddKey() (keyID string, privateKeyPEM []byte, err error) {
	k, err := newSigningKey(s.cfg.newKey)
	if err != nil {
		return "", nil, err
	}
	if err := s.keys.add(k); err != nil {
		return "", nil, err
	}
	return k.id, slices.Clone(k.pem), nil
}

// RemoveKey deletes a key; tokens signed with it are refused from then on.
// The last key cannot be removed.
func (s *Server) RemoveKey(keyID string) error { return s.keys.remove(keyID) }
