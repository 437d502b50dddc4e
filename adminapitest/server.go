package adminapitest

import (
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// Server is an in-process Admin API server for tests. Create one with
// [NewServer] (in tests) or [Start]; it listens on a loopback port until
// closed.
//
// All methods are safe for concurrent use, also while requests are served.
// Seeding and inspection methods see the same data as the API: a change made
// through the API is visible to [Server.User] as soon as the request
// returns, and seeded users are visible to the next request.
type Server struct {
	cfg      config
	keys     keySet
	recorder recorder
	faults   faultSet // injected faults; see fault.go

	// mu guards store. A GraphQL request holds it for its whole execution:
	// exclusively for a mutation (which is rolled back on any error), shared
	// for a query.
	mu    sync.RWMutex
	store *store.Store

	listener net.Listener
	http     *http.Server
	served   chan struct{} // closed when Serve returns
	url      string
	client   *adminapi.Client

	closeOnce sync.Once
}

// NewServer starts a server for the duration of a test: it listens on
// 127.0.0.1 at a free port, is closed by t.Cleanup, and fails the test with
// t.Fatal if it cannot start.
func NewServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := Start(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// Start starts a server outside tests. It listens on 127.0.0.1 at a free
// port unless [WithAddr] says otherwise; the caller must call [Server.Close].
func Start(opts ...Option) (*Server, error) {
	cfg := defaultConfig()
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&cfg); err != nil {
			return nil, err
		}
	}
	s := &Server{
		cfg:    cfg,
		store:  store.New(cfg.clock, cfg.indexLag),
		served: make(chan struct{}),
	}
	k, err := newSigningKey(cfg.newKey)
	if err != nil {
		return nil, err
	}
	_ = s.keys.add(k) // the set is empty, so this cannot fail
	l, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return nil, fmt.Errorf("adminapitest: listen on %s: %w", cfg.addr, err)
	}
	s.listener = l
	s.url = "http://" + dialAddr(l.Addr())
	s.http = &http.Server{Handler: s.handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(s.served)
		_ = s.http.Serve(l) // returns http.ErrServerClosed after Close
	}()
	c, err := s.NewClient()
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("adminapitest: build client: %w", err)
	}
	s.client = c
	return s, nil
}

// Close stops the server and waits for it to finish. Requests in flight are
// cut off. Close may be called more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		_ = s.http.Close()
		<-s.served
	})
}

// URL returns the server's origin, such as "http://127.0.0.1:43121"; the
// GraphQL endpoint is at URL() + "/_api/admin/graphql", as on a project's
// public origin.
func (s *Server) URL() string { return s.url }

// ProjectID returns the project id tokens must name in aud ("emulator"
// unless set with [WithProjectID]).
func (s *Server) ProjectID() string { return s.cfg.projectID }

// Client returns a client for the server, built at start with the server's
// URL, project id, first key and clock.
func (s *Server) Client() *adminapi.Client { return s.client }

// NewClient builds a client for the server with the same defaults as
// [Server.Client] (URL, project id, current first key, clock); opts are
// applied after them and override them.
func (s *Server) NewClient(opts ...adminapi.Option) (*adminapi.Client, error) {
	k := s.keys.first()
	all := append([]adminapi.Option{
		adminapi.WithProjectID(s.cfg.projectID),
		adminapi.WithKeyID(k.id),
		adminapi.WithPrivateKeyPEM(k.pem),
		adminapi.WithClock(s.cfg.clock),
	}, opts...)
	c, err := adminapi.New(s.url, all...)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// dialAddr returns the address a client on this machine dials to reach a
// listener: an unspecified host (0.0.0.0, ::) is reached through 127.0.0.1.
func dialAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(tcp.Port))
}
