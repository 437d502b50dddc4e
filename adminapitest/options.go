package adminapitest

import (
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"
)

// An Option configures a [Server] in [NewServer] or [Start].
type Option func(*config) error

type config struct {
	addr      string
	projectID string
	clock     func() time.Time
	logger    *slog.Logger
	indexLag  bool
	newKey    func() (*rsa.PrivateKey, error)
}

func defaultConfig() config {
	return config{
		addr:      "127.0.0.1:0",
		projectID: "emulator",
		clock:     time.Now,
		logger:    slog.New(slog.DiscardHandler),
		newKey:    func() (*rsa.PrivateKey, error) { return rsa.GenerateKey(rand.Reader, 2048) },
	}
}

// WithProjectID sets the project id (the Authgear app id) that tokens must
// name in their aud claim. The default is "emulator".
func WithProjectID(id string) Option {
	return func(c *config) error {
		if id == "" {
			return errors.New("adminapitest: WithProjectID: empty project id")
		}
		c.projectID = id
		return nil
	}
}

// WithAddr sets the TCP address the server listens on, as "host:port". The
// default, "127.0.0.1:0", picks a free loopback port; a fixed address suits a
// standalone emulator that other processes connect to. When host is an
// unspecified address (0.0.0.0 or ::), [Server.URL] names 127.0.0.1 so that
// clients reach it over loopback.
func WithAddr(addr string) Option {
	return func(c *config) error {
		if _, _, err := net.SplitHostPort(addr); err != nil {
			return fmt.Errorf("adminapitest: WithAddr: %q is not host:port: %w", addr, err)
		}
		c.addr = addr
		return nil
	}
}

// WithClock makes the server read the time from now: it checks token times
// against it and stamps records with it. [Server.Client] and
// [Server.NewClient] sign their tokens with the same clock. The default is
// [time.Now].
func WithClock(now func() time.Time) Option {
	return func(c *config) error {
		if now == nil {
			return errors.New("adminapitest: WithClock: nil clock")
		}
		c.clock = now
		return nil
	}
}

// WithLogger makes the server log one line per request to l (method, path,
// operation name, status; never a token or a password). By default nothing
// is logged.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return errors.New("adminapitest: WithLogger: nil logger")
		}
		c.logger = l
		return nil
	}
}

// WithSearchIndexLag mimics the server's search index: when on, the users
// list query does not see writes (creations, updates, deletions) until
// [Server.RefreshSearchIndex] is called. The node, nodes, getUserByLoginID
// and getUsersByStandardAttribute queries always see every write. Off by
// default.
func WithSearchIndexLag(on bool) Option {
	return func(c *config) error {
		c.indexLag = on
		return nil
	}
}

// withKeyGenerator replaces RSA key generation; tests use it to share keys
// and stay fast.
func withKeyGenerator(f func() (*rsa.PrivateKey, error)) Option {
	return func(c *config) error {
		c.newKey = f
		return nil
	}
}
