package main

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi/adminapitest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// otherKeyPEM is a valid RSA key that no test server knows, generated once
// per test binary.
var otherKeyPEM = sync.OnceValue(func() []byte {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		panic(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
})

// terminalReader and terminalBuffer pose as a terminal.
type terminalReader struct{ io.Reader }

func (terminalReader) IsTerminal() bool { return true }

// terminalBuffer is safe for concurrent use, as progress bars redraw from
// a goroutine of their own.
type terminalBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (*terminalBuffer) IsTerminal() bool { return true }

func (b *terminalBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *terminalBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// invocation is one run of the program.
type invocation struct {
	env   map[string]string
	stdin string
	// tty makes stdin, stdout and stderr pose as a terminal.
	tty bool
	// setup, if set, adjusts the program before it runs (its clock, job
	// polling).
	setup func(*app)
}

type result struct {
	stdout, stderr string
	code           int
}

// run runs the program with args and returns what it printed.
func (inv invocation) run(t *testing.T, args ...string) result {
	t.Helper()
	getenv := func(name string) string { return inv.env[name] }
	var stdin io.Reader = strings.NewReader(inv.stdin)
	exec := func(stdout, stderr io.Writer) int {
		a := newApp(stdin, stdout, stderr, getenv)
		if inv.setup != nil {
			inv.setup(a)
		}
		return a.execute(t.Context(), args)
	}
	if inv.tty {
		stdin = terminalReader{stdin}
		var out, errOut terminalBuffer
		code := exec(&out, &errOut)
		return result{out.String(), errOut.String(), code}
	}
	var out, errOut bytes.Buffer
	code := exec(&out, &errOut)
	return result{out.String(), errOut.String(), code}
}

// want checks the exit status, reporting the output if it is wrong.
func (r result) want(t *testing.T, code int) result {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
	return r
}

// emptyEnv is an environment with no config file and nothing set.
func emptyEnv() map[string]string {
	return map[string]string{envConfig: os.DevNull}
}

// serverEnv starts a test server and returns it with an environment that
// points the program at it, the key in a 0600 file.
func serverEnv(t *testing.T, opts ...adminapitest.Option) (*adminapitest.Server, map[string]string) {
	t.Helper()
	srv := adminapitest.NewServer(t, opts...)
	keyFile := writeFile(t, "key.pem", string(srv.PrivateKeyPEM()), 0o600)
	return srv, map[string]string{
		envConfig:    os.DevNull,
		envEndpoint:  srv.URL(),
		envProjectID: srv.ProjectID(),
		envKeyID:     srv.KeyID(),
		envKeyFile:   keyFile,
	}
}

// with returns a copy of env with the given name=value pairs changed; an
// empty value removes the variable.
func with(env map[string]string, kv ...string) map[string]string {
	out := make(map[string]string, len(env)+len(kv)/2)
	for k, v := range env {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			delete(out, kv[i])
		} else {
			out[kv[i]] = kv[i+1]
		}
	}
	return out
}

func writeFile(t *testing.T, name, content string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // umask may have narrowed it
		t.Fatal(err)
	}
	return path
}

func seed(t *testing.T, srv *adminapitest.Server, u adminapitest.SeedUser) *adminapitest.UserState {
	t.Helper()
	st, err := srv.SeedUser(u)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// decodeLines decodes NDJSON output.
func decodeLines[T any](t *testing.T, out string) []T {
	t.Helper()
	var items []T
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("output line %q: %v", sc.Text(), err)
		}
		items = append(items, v)
	}
	return items
}

func decodeJSONOutput[T any](t *testing.T, out string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	return v
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got; go test -update rewrites it):\n%s", path, diff)
	}
}
