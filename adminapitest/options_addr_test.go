package adminapitest

import (
	"net"
	"strings"
	"testing"
)

func TestWithAddr(t *testing.T) {
	t.Parallel()
	// Reserve a free port, release it, and ask the server to listen there.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()

	srv := newTestServer(t, WithAddr(addr))
	if got, want := srv.URL(), "http://"+addr; got != want {
		t.Errorf("URL() = %q, want %q", got, want)
	}
	if _, err := srv.Client().GetUser(t.Context(), "00000000-0000-0000-0000-000000000000"); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("GetUser on a fresh server: err = %v, want not found", err)
	}
}

func TestDialAddr(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		addr net.Addr
		want string
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, "127.0.0.1:8080"},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 8080}, "127.0.0.1:8080"},
		{&net.TCPAddr{IP: net.IPv6unspecified, Port: 9090}, "127.0.0.1:9090"},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 9090}, "[::1]:9090"},
	} {
		if got := dialAddr(tc.addr); got != tc.want {
			t.Errorf("dialAddr(%v) = %q, want %q", tc.addr, got, tc.want)
		}
	}
}

func TestWithAddrRejectsMalformed(t *testing.T) {
	t.Parallel()
	_, err := Start(WithAddr("localhost"))
	if err == nil || !strings.Contains(err.Error(), "WithAddr") {
		t.Fatalf("Start(WithAddr(\"localhost\")) err = %v, want a WithAddr error", err)
	}
}
