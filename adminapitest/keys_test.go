package adminapitest

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"net/http"
	"testing"

	"github.com/authgear-admin/adminapi"
)

func TestKeyRotation(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	oldID := s.KeyID()
	oldTok := token(t, s, nil)

	newID, newPEM, err := s.AddKey()
	if err != nil {
		t.Fatal(err)
	}
	if newID == oldID {
		t.Fatal("AddKey returned the first key's id")
	}
	block, _ := pem.Decode(newPEM)
	if block == nil || block.Type != "PRIVATE KEY" {
		t.Fatalf("AddKey PEM is not PKCS#8: %.40q", newPEM)
	}
	if _, err := x509.ParsePKCS8PrivateKey(block.Bytes); err != nil {
		t.Fatal(err)
	}
	c, err := s.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	newTok := func(t *testing.T) string {
		var k *signingKey
		s.keys.mu.RLock()
		for i := range s.keys.keys {
			if s.keys.keys[i].id == newID {
				k = &s.keys.keys[i]
			}
		}
		s.keys.mu.RUnlock()
		return token(t, s, func(o *tokenOpts) { o.kid, o.key = k.id, k.key })
	}
	status := func(t *testing.T, tok string) int {
		return postUsersQuery(t, s, map[string]string{"Content-Type": "application/json", "Authorization": "Bearer " + tok}).status
	}

	if got := status(t, oldTok); got != http.StatusOK {
		t.Errorf("old key while both are present: %d, want 200", got)
	}
	if got := status(t, newTok(t)); got != http.StatusOK {
		t.Errorf("new key while both are present: %d, want 200", got)
	}
	if _, _, err := s.AddKey(); err == nil {
		t.Error("a third key was accepted; a project holds two")
	}

	if err := s.RemoveKey(oldID); err != nil {
		t.Fatal(err)
	}
	if got := status(t, oldTok); got != http.StatusForbidden {
		t.Errorf("removed key: %d, want 403", got)
	}
	if got := status(t, newTok(t)); got != http.StatusOK {
		t.Errorf("remaining key: %d, want 200", got)
	}
	if s.KeyID() != newID || string(s.PrivateKeyPEM()) != string(newPEM) {
		t.Error("KeyID/PrivateKeyPEM do not name the remaining key")
	}
	const missing = "00000000-0000-0000-0000-000000000000"
	if _, err := c.GetUser(t.Context(), missing); !errors.Is(err, adminapi.ErrForbidden) {
		t.Errorf("client of the removed key: %v, want ErrForbidden", err)
	}
	c2, err := s.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c2.GetUser(t.Context(), missing); !errors.Is(err, adminapi.ErrNotFound) {
		t.Errorf("NewClient after rotation: %v, want ErrNotFound", err)
	}

	if err := s.RemoveKey(newID); err == nil {
		t.Error("removing the only key succeeded")
	}
	if err := s.RemoveKey("no-such-key"); err == nil {
		t.Error("removing an unknown key succeeded")
	}
}
