package adminapi_test

import (
	"crypto"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

// countingKey is a private key that counts its signatures: one per JWT.
type countingKey struct {
	crypto.Signer
	n atomic.Int64
}

func (k *countingKey) Sign(rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	k.n.Add(1)
	return k.Signer.Sign(rand, digest, opts)
}

// TestLoad sends 5,000 requests from 1,000 goroutines through one client to
// the emulator, in two refresh windows, and checks that all succeed and
// that the client signed exactly one token per window however many
// goroutines needed one at once.
func TestLoad(t *testing.T) {
	t.Parallel()
	const (
		goroutines = 1000
		perWindow  = 2500
	)
	clock := &fakeClock{now: time.Now()}
	srv := adminapitest.NewServer(t, adminapitest.WithClock(clock.Now))
	seeded, err := srv.SeedUser(adminapitest.SeedUser{Email: "load@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	key := &countingKey{Signer: mustParseKey(t, srv.PrivateKeyPEM())}
	tr := &http.Transport{MaxConnsPerHost: 16, MaxIdleConnsPerHost: 16}
	t.Cleanup(tr.CloseIdleConnections)
	c, err := srv.NewClient(adminapi.WithPrivateKey(key), adminapi.WithClock(clock.Now),
		adminapi.WithHTTPClient(&http.Client{Transport: tr, Timeout: time.Minute}))
	if err != nil {
		t.Fatal(err)
	}
	if n := key.n.Load(); n != 1 {
		t.Fatalf("New signed %d tokens, want 1", n)
	}

	// A small query, so that the test measures the client more than the
	// emulator's GraphQL engine.
	const query = `query Load($id: ID!) { node(id: $id) { id } }`
	run := func() (errs int64) {
		var (
			left   atomic.Int64
			failed atomic.Int64
			wg     sync.WaitGroup
			start  = make(chan struct{})
		)
		left.Store(perWindow)
		for range goroutines {
			wg.Go(func() {
				<-start
				for left.Add(-1) >= 0 {
					var out struct {
						Node struct{ ID string } `json:"node"`
					}
					err := c.Do(t.Context(), query, map[string]any{"id": seeded.NodeID}, &out)
					if err != nil || out.Node.ID != seeded.NodeID {
						if failed.Add(1) == 1 {
							t.Errorf("GetUser: %v", err)
						}
					}
				}
			})
		}
		close(start)
		wg.Wait()
		return failed.Load()
	}

	if failed := run(); failed != 0 {
		t.Errorf("first window: %d of %d calls failed", failed, perWindow)
	}
	if n := key.n.Load(); n != 1 {
		t.Errorf("first window: %d signatures, want 1 (the one made by New)", n)
	}
	// Past the refresh point (lifetime 5m less the 1m margin), all
	// goroutines want a new token at once.
	clock.Add(4*time.Minute + 30*time.Second)
	if failed := run(); failed != 0 {
		t.Errorf("second window: %d of %d calls failed", failed, perWindow)
	}
	if n := key.n.Load(); n != 2 {
		t.Errorf("after the second window: %d signatures, want 2", n)
	}
	if got := len(srv.Requests()); got != 2*perWindow {
		t.Errorf("server saw %d requests, want %d", got, 2*perWindow)
	}
}
