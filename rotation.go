package adminapi

import (
	"context"
	"crypto"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/authgear-admin/adminapi/auth"
)

// maxKeyFileSize bounds what is read of a key file; real keys are a few
// kilobytes, and auth.ParseKey refuses anything over 1 MiB.
const maxKeyFileSize = 1 << 20

// minKeyReload is the shortest interval WithKeyFileReload accepts.
const minKeyReload = time.Second

// keyState is what a client knows about the key it signs with, for
// RotateKey and ReloadKeyFile.
type keyState struct {
	mu    sync.Mutex // serializes key changes
	path  string     // the key file; "" when the key did not come from one
	sum   [sha256.Size]byte
	keyID string // the key id in use

	every time.Duration // WithKeyFileReload interval; 0 when off
	next  atomic.Int64  // Unix nanoseconds of the next automatic check
	now   func() time.Time
}

// loadedKey describes the key New started with.
type loadedKey struct {
	keyID string
	path  string
	sum   [sha256.Size]byte
}

func (k *keyState) init(l loadedKey, every time.Duration, now func() time.Time) {
	if now == nil {
		now = time.Now
	}
	k.path, k.sum, k.keyID = l.path, l.sum, l.keyID
	k.every, k.now = every, now
	k.next.Store(now().Add(every).UnixNano())
}

// RotateKey makes the client sign its tokens with key, whose id in the
// Authgear portal is keyID, from now on. It signs a token with the new key
// first; if the key is unusable (not RSA, too short, failing to sign) it
// returns an error and the old key stays in use.
//
// To rotate without downtime, add the new key pair in the portal, call
// RotateKey on every client, then delete the old pair. RotateKey is safe to
// call while requests are in flight: they finish with the token they have.
func (c *Client) RotateKey(keyID string, key crypto.Signer) error {
	keyID = strings.TrimSpace(keyID)
	signer, err := auth.NewSigner(keyID, key)
	if err != nil {
		return fmt.Errorf("adminapi: rotate key: %w", err)
	}
	c.keys.mu.Lock()
	defer c.keys.mu.Unlock()
	if err := c.source.SetSigner(signer); err != nil {
		return fmt.Errorf("adminapi: rotate key: %w", err)
	}
	c.keys.keyID = keyID
	return nil
}

// ReloadKeyFile reads the key file the client was configured with
// ([WithPrivateKeyFile]) and, if its content changed since it was last
// loaded, switches to the key it now holds, as [Client.RotateKey] does. It
// reports whether the key changed.
//
// The key id is the file's "kid" when the file is a JWK that names one, and
// otherwise stays the id in use: a PEM file carries no id, so rotating to a
// key with another id through a PEM file takes [Client.RotateKey] instead.
// On any error (the file is missing, half written, or holds an unusable
// key) the key in use is kept, and the next reload tries again.
//
// See [WithKeyFileReload] to reload periodically. ReloadKeyFile is safe for
// concurrent use.
func (c *Client) ReloadKeyFile() (changed bool, err error) {
	c.keys.mu.Lock()
	defer c.keys.mu.Unlock()
	if c.keys.path == "" {
		return false, errors.New("adminapi: reload key file: the client's key was not given with WithPrivateKeyFile")
	}
	data, err := readKeyFile(c.keys.path)
	if err != nil {
		return false, fmt.Errorf("adminapi: reload key file: %w", err)
	}
	defer clear(data)
	sum := sha256.Sum256(data)
	if sum == c.keys.sum {
		return false, nil
	}
	k, err := parseKeyFile(data, c.keys.path)
	if err != nil {
		return false, fmt.Errorf("adminapi: reload key file: %w", err)
	}
	keyID := c.keys.keyID
	if k.ID != "" {
		keyID = k.ID
	}
	signer, err := auth.NewSigner(keyID, k.Private)
	if err == nil {
		err = c.source.SetSigner(signer)
	}
	if err != nil {
		return false, fmt.Errorf("adminapi: reload key file: %w", err)
	}
	c.keys.sum, c.keys.keyID = sum, keyID
	return true, nil
}

// maybeReloadKey runs ReloadKeyFile when WithKeyFileReload's interval has
// passed. One caller wins the check; the others go on without waiting.
func (c *Client) maybeReloadKey(ctx context.Context) {
	k := &c.keys
	if k.every <= 0 {
		return
	}
	now := k.now().UnixNano()
	next := k.next.Load()
	if now < next || !k.next.CompareAndSwap(next, now+int64(k.every)) {
		return
	}
	changed, err := c.ReloadKeyFile()
	switch {
	case err != nil:
		c.logger.LogAttrs(ctx, slog.LevelWarn, "adminapi: key file reload failed; keeping the current key",
			slog.String("error", err.Error()))
	case changed:
		c.logger.LogAttrs(ctx, slog.LevelInfo, "adminapi: key file reloaded",
			slog.String("path", k.path))
	}
}

// loadKeyFile reads and parses a key file, returning the SHA-256 of its
// content too.
func loadKeyFile(path string) (*auth.Key, [sha256.Size]byte, error) {
	data, err := readKeyFile(path)
	if err != nil {
		return nil, [sha256.Size]byte{}, err
	}
	defer clear(data)
	k, err := parseKeyFile(data, path)
	return k, sha256.Sum256(data), err
}

func readKeyFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("auth: load key: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxKeyFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("auth: load key: %w", err)
	}
	return data, nil
}

// parseKeyFile parses with auth.ParseKey and names the file in a
// *auth.KeyError, as auth.LoadKeyFile does.
func parseKeyFile(data []byte, path string) (*auth.Key, error) {
	k, err := auth.ParseKey(data)
	var ke *auth.KeyError
	if errors.As(err, &ke) {
		ke.Source = path
	}
	return k, err
}
