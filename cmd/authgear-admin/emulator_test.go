package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// startEmulator runs the emulator command in a goroutine and returns the
// first line it prints and a function that cancels its context and returns
// its exit status.
func startEmulator(t *testing.T, args ...string) (line string, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	env := emptyEnv()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		var errOut strings.Builder
		code := run(ctx, append([]string{"emulator"}, args...), strings.NewReader(""), pw, &errOut, func(k string) string { return env[k] })
		if code != exitOK {
			t.Logf("emulator stderr: %s", errOut.String())
		}
		pw.CloseWithError(errors.New("emulator exited"))
		done <- code
	}()
	stopped := false
	stop = func() int {
		if stopped {
			return -1
		}
		stopped = true
		cancel()
		go io.Copy(io.Discard, pr) // let it finish writing, if it was
		select {
		case code := <-done:
			return code
		case <-time.After(10 * time.Second):
			t.Fatal("the emulator did not stop when its context was cancelled")
			return -1
		}
	}
	t.Cleanup(func() { stop() })
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the emulator's first line: %v", err)
	}
	return line, stop
}

func TestEmulatorJSON(t *testing.T) {
	t.Parallel()
	seedFile := writeFile(t, "users.ndjson", `{"email": "alice@example.com", "password": "`+testPassword+`", "customAttributes": {"plan": "pro"}}
{"phone": "+14155550100", "disabled": true, "disableReason": "test"}
`, 0o644)
	line, stop := startEmulator(t, "--json", "--seed", seedFile, "--project-id", "suite")
	var info emulatorInfo
	if err := json.Unmarshal([]byte(line), &info); err != nil {
		t.Fatalf("first line %q: %v", line, err)
	}
	if info.ProjectID != "suite" || info.SeededUsers != 2 || !strings.HasPrefix(info.Endpoint, "http://127.0.0.1:") ||
		info.GraphQLURL != info.Endpoint+"/_api/admin/graphql" || info.KeyID == "" {
		t.Errorf("info = %+v", info)
	}
	checkKeyFile(t, info.KeyFile)

	// A client in another language would take these settings; so does the
	// tool.
	env := with(emptyEnv(), envEndpoint, info.Endpoint, envProjectID, info.ProjectID, envKeyID, info.KeyID, envKeyFile, info.KeyFile)
	r := invocation{env: env}.run(t, "users", "list").want(t, exitOK)
	var got []string
	for _, u := range decodeLines[listedUser](t, r.stdout) {
		got = append(got, u.EndUserAccountID)
	}
	if diff := cmp.Diff([]string{"alice@example.com", "+14155550100"}, got); diff != "" {
		t.Errorf("seeded users (-want +got):\n%s", diff)
	}

	if code := stop(); code != exitOK {
		t.Errorf("exit status %d after cancel, want 0", code)
	}
	if _, err := os.Stat(info.KeyFile); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the temporary key file remains after exit: %v", err)
	}
}

func TestEmulatorEnvAndAddress(t *testing.T) {
	t.Parallel()
	keyOut := filepath.Join(t.TempDir(), "key.pem")
	line, stop := startEmulator(t, "--env", "--key-out", keyOut, "--addr", "127.0.0.1:0")
	if !strings.HasPrefix(line, "export "+envEndpoint+"='http://127.0.0.1:") {
		t.Errorf("first line %q, want the endpoint export", line)
	}
	checkKeyFile(t, keyOut)
	stop()
	if _, err := os.Stat(keyOut); err != nil {
		t.Errorf("--key-out file removed at exit: %v", err)
	}
}

// TestEmulatorFixedAddress checks that the emulator listens on the address
// asked for, and that an address in use is a usage error.
func TestEmulatorFixedAddress(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	// While l holds the port, the emulator cannot have it.
	r := invocation{env: emptyEnv()}.run(t, "emulator", "--addr", addr).want(t, exitUsage)
	if !strings.Contains(r.stderr, "--addr") {
		t.Errorf("stderr = %q, want the --addr flag named", r.stderr)
	}
	l.Close()

	line, _ := startEmulator(t, "--json", "--addr", addr)
	var info emulatorInfo
	if err := json.Unmarshal([]byte(line), &info); err != nil {
		t.Fatal(err)
	}
	if info.Endpoint != "http://"+addr {
		t.Errorf("endpoint %q, want http://%s", info.Endpoint, addr)
	}
	env := with(emptyEnv(), envEndpoint, info.Endpoint, envProjectID, info.ProjectID, envKeyID, info.KeyID, envKeyFile, info.KeyFile)
	invocation{env: env}.run(t, "users", "list").want(t, exitOK)
}

func TestEmulatorRefusesPublicAddress(t *testing.T) {
	t.Parallel()
	invocation{env: emptyEnv()}.run(t, "emulator", "--addr", "0.0.0.0:0").want(t, exitUsage)
}

func TestSeedFileErrors(t *testing.T) {
	t.Parallel()
	for name, content := range map[string]string{
		"unknown key":  `{"emial": "a@example.com"}`,
		"empty":        "\n",
		"bad array":    `[{"email": 1}]`,
		"invalid user": `{"email": "not-an-email"}`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := writeFile(t, "seed.json", content, 0o644)
			r := invocation{env: emptyEnv()}.run(t, "emulator", "--seed", f).want(t, exitUsage)
			if !strings.Contains(r.stderr, "--seed") {
				t.Errorf("stderr = %q", r.stderr)
			}
		})
	}
}

func checkKeyFile(t *testing.T, path string) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatalf("key file: %v", err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %04o, want 0600", st.Mode().Perm())
	}
	b, _ := os.ReadFile(path)
	if !strings.Contains(string(b), "BEGIN PRIVATE KEY") {
		t.Error("the key file holds no PEM key")
	}
}
