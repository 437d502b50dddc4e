package adminapitest

import (
	"bytes"
	"context"
	"crypto/rsa"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestStartOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opt  Option
	}{
		{"empty project id", WithProjectID("")},
		{"nil clock", WithClock(nil)},
		{"nil logger", WithLogger(nil)},
		{"key generation fails", withKeyGenerator(func() (*rsa.PrivateKey, error) { return nil, errors.New("no entropy") })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := Start(tt.opt)
			if err == nil {
				s.Close()
				t.Fatal("Start succeeded")
			}
			if !strings.HasPrefix(err.Error(), "adminapitest: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
}

func TestServerBasics(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithProjectID("myapp"))
	if !strings.HasPrefix(s.URL(), "http://127.0.0.1:") {
		t.Errorf("URL = %q", s.URL())
	}
	if s.ProjectID() != "myapp" || s.Client().ProjectID() != "myapp" {
		t.Errorf("project id = %q, client's %q", s.ProjectID(), s.Client().ProjectID())
	}
	s.Close()
	s.Close() // idempotent
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, s.URL()+graphQLPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Error("a closed server answered")
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func TestLoggerNeverLogsSecrets(t *testing.T) {
	t.Parallel()
	var buf syncBuffer
	s := newTestServer(t, WithLogger(slog.New(slog.NewTextHandler(&buf, nil))))
	const secret = "hunter2-hunter2"
	tok := token(t, s, nil)
	do(t, s, http.MethodPost, graphQLPath, map[string]string{"Content-Type": "application/json", "Authorization": "Bearer " + tok},
		`{"query":"mutation { createUser(input: {definition: {loginID: {key: \"email\", value: \"a@example.com\"}}, password: \"`+secret+`\"}) { user { id } } }"}`)
	out := buf.String()
	if !strings.Contains(out, "status=200") || !strings.Contains(out, "path="+graphQLPath) {
		t.Errorf("log lacks the request line: %s", out)
	}
	if strings.Contains(out, secret) || strings.Contains(out, tok) {
		t.Errorf("log holds a secret: %s", out)
	}
}

func TestCloseWithRequestInFlight(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ctx.Err() == nil {
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, s.URL()+graphQLPath, strings.NewReader(`{"query":"{ users { totalCount } }"}`))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return // the server is closed
			}
			resp.Body.Close()
		}
	}()
	time.Sleep(20 * time.Millisecond)
	closed := make(chan struct{})
	go func() {
		s.Close()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not return while requests were in flight")
	}
	<-done
}
