package main

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

func exportServer(t *testing.T) (*adminapitest.Server, invocation) {
	t.Helper()
	srv, env := serverEnv(t)
	seed(t, srv, adminapitest.SeedUser{Email: "ann@example.com", StandardAttributes: map[string]any{"name": "Ann"}, CreatedAt: seedTime})
	seed(t, srv, adminapitest.SeedUser{Username: "bo", StandardAttributes: map[string]any{"name": "Bo, Jr."}, CreatedAt: seedTime.Add(1)})
	return srv, invocation{env: env, setup: fastJobs}
}

var exportLine = regexp.MustCompile(`userexport_[0-9A-Z]+`)

func TestExportNDJSON(t *testing.T) {
	t.Parallel()
	srv, inv := exportServer(t)
	r := inv.run(t, "export").want(t, exitOK)
	var got []string
	for u, err := range adminapi.ReadExportedUsers(strings.NewReader(r.stdout)) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, u.Sub+" "+u.Email+u.PreferredUsername+" "+u.Name)
	}
	users := srv.Users()
	want := []string{users[0].ID + " ann@example.com Ann", users[1].ID + " bo Bo, Jr."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("exported users (-want +got):\n%s", diff)
	}
	lines := strings.Split(strings.TrimSpace(exportLine.ReplaceAllString(r.stderr, "JOB")), "\n")
	wantLines := []string{
		"export: job JOB started; waiting for the server",
		"export: job JOB completed; downloading emulator-JOB-",
		"export: wrote ",
	}
	if len(lines) != len(wantLines) {
		t.Fatalf("stderr lines %q", lines)
	}
	for i, l := range lines {
		if !strings.HasPrefix(l, wantLines[i]) {
			t.Errorf("stderr line %d = %q, want it to start %q", i, l, wantLines[i])
		}
	}
	if !strings.HasSuffix(lines[2], "(2 users) to stdout") {
		t.Errorf("last line %q", lines[2])
	}
}

func TestExportCSVToFile(t *testing.T) {
	t.Parallel()
	_, inv := exportServer(t)
	out := filepath.Join(t.TempDir(), "users.csv")
	r := inv.run(t, "export", "--format", "csv", "--field", "/email", "--field", "/preferred_username:username", "--field", "/name:full name", "-O", out).want(t, exitOK)
	if r.stdout != "" {
		t.Errorf("stdout = %q, want nothing", r.stdout)
	}
	if !strings.HasSuffix(r.stderr, "to "+out+"\n") {
		t.Errorf("stderr = %q", r.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want := "email,username,full name\nann@example.com,,Ann\n,bo,\"Bo, Jr.\"\n"
	if diff := cmp.Diff(want, strings.ReplaceAll(string(data), "\r\n", "\n")); diff != "" {
		t.Errorf("CSV (-want +got):\n%s", diff)
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("mode %04o, want 0600", st.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("the directory holds %d files, want only the export", len(entries))
	}
}

func TestExportTerminal(t *testing.T) {
	t.Parallel()
	_, inv := exportServer(t)
	inv.tty = true
	r := inv.run(t, "export", "--format", "csv").want(t, exitOK)
	if !strings.Contains(r.stderr, "preparing the export") || !strings.Contains(r.stderr, "export: wrote ") {
		t.Errorf("stderr = %q, want progress and the total", r.stderr)
	}
	if !strings.Contains(r.stdout, "ann@example.com") {
		t.Errorf("stdout = %q", r.stdout)
	}
}

func TestExportErrors(t *testing.T) {
	t.Parallel()
	srv, inv := exportServer(t)
	for _, args := range [][]string{
		{"--format", "xml"},
		{"--field", "/email"},
		{"--format", "csv", "--field", "email"},
		{"--format", "csv", "--field", "/email:"},
		{"--format", "csv", "--field", "/email", "--field", "/email"},
		{"--format", "csv", "-O", filepath.Join(t.TempDir(), "missing", "users.csv")},
	} {
		r := inv.run(t, append([]string{"export"}, args...)...).want(t, exitUsage)
		if r.stdout != "" {
			t.Errorf("%v: stdout = %q", args, r.stdout)
		}
	}
	// The server runs one export at a time.
	if _, err := srv.Client().StartExport(t.Context(), adminapi.ExportRequest{Format: adminapi.ExportNDJSON}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "users.ndjson")
	inv.run(t, "export", "-O", out).want(t, exitAPI)
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed export left a file")
	}
}

func TestParseCSVField(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want adminapi.CSVField
	}{
		{"/email", adminapi.CSVField{Pointer: "/email"}},
		{"/sub:id", adminapi.CSVField{Pointer: "/sub", FieldName: "id"}},
		{"/custom_attributes/plan:plan", adminapi.CSVField{Pointer: "/custom_attributes/plan", FieldName: "plan"}},
		{"/custom_attributes/a:b:ab", adminapi.CSVField{Pointer: "/custom_attributes/a:b", FieldName: "ab"}},
		{"/address/formatted", adminapi.CSVField{Pointer: "/address/formatted"}},
	}
	for _, tt := range tests {
		got, err := parseCSVField(tt.in)
		if err != nil {
			t.Errorf("parseCSVField(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("parseCSVField(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}
