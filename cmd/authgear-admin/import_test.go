package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

// fastJobs makes the program poll import and export jobs at once.
func fastJobs(a *app) {
	a.jobOptions = []adminapi.JobOption{adminapi.WithJobPollInterval(time.Millisecond, 5*time.Millisecond)}
}

func userByEmail(srv *adminapitest.Server, email string) *adminapitest.UserState {
	for _, u := range srv.Users() {
		if u.StandardAttributes["email"] == email {
			return u
		}
	}
	return nil
}

func TestImport(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	seed(t, srv, adminapitest.SeedUser{Email: "existing@example.com", StandardAttributes: map[string]any{"name": "Old"}})
	seedRole(t, srv, adminapitest.SeedRole{Key: "member"})
	inv := invocation{env: env, setup: fastJobs}
	// Each record is about 450 bytes, so that --batch-kb 1 makes a job of
	// every two records.
	pad := strings.Repeat("x", 400)
	file := writeFile(t, "users.ndjson", fmt.Sprintf(`{"email": "new1@example.com", "name": "New One", "nickname": %[1]q, "roles": ["member"]}
{"email": "existing@example.com", "name": "Updated", "nickname": %[1]q}

{"email": "bad@example.com", "roles": ["no-such-role"], "nickname": %[1]q}
{"name": "Nobody", "nickname": %[1]q}
{"email": "new2@example.com", "nickname": %[1]q}
`, pad), 0o644)

	r := inv.run(t, "import", file, "--batch-kb", "1").want(t, exitAPI)
	got := decodeJSONOutput[importReport](t, r.stdout)
	if diff := cmp.Diff(adminapi.ImportSummary{Total: 5, Inserted: 2, Skipped: 1, Failed: 2}, got.Summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	if len(got.Failures) != 2 || got.Failures[0].Index != 2 || got.Failures[0].Identifier != "bad@example.com" || got.Failures[1].Index != 3 {
		t.Errorf("failures %+v, want records 2 and 3", got.Failures)
	}
	for _, f := range got.Failures {
		if f.Reason == "" || f.Reason == "failed" {
			t.Errorf("record %d fails without a reason: %q", f.Index, f.Reason)
		}
	}
	if len(got.JobIDs) != 3 {
		t.Errorf("%d jobs, want 3 of up to 1 KB", len(got.JobIDs))
	}
	wantLines := []string{
		"import: 2/5 records, job 1/3: 1 inserted, 0 updated, 1 skipped, 0 failed",
		"import: 4/5 records, job 2/3: 1 inserted, 0 updated, 1 skipped, 2 failed",
		"import: 5/5 records, job 3/3: 2 inserted, 0 updated, 1 skipped, 2 failed",
		"authgear-admin: 2 of 5 records failed",
	}
	if diff := cmp.Diff(strings.Join(wantLines, "\n")+"\n", r.stderr); diff != "" {
		t.Errorf("stderr (-want +got):\n%s", diff)
	}
	if u := userByEmail(srv, "new1@example.com"); u == nil || u.StandardAttributes["name"] != "New One" {
		t.Errorf("new1 = %+v", u)
	}
	if u := userByEmail(srv, "existing@example.com"); u.StandardAttributes["name"] != "Old" {
		t.Error("an existing user was updated without --upsert")
	}
	if userByEmail(srv, "bad@example.com") != nil {
		t.Error("the failed record created a user")
	}
}

func TestImportTerminal(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	seed(t, srv, adminapitest.SeedUser{Email: "existing@example.com"})
	file := writeFile(t, "users.json", `[
  {"email": "existing@example.com", "name": "Updated"},
  {"email": "not an email"},
  {"email": "fresh@example.com"}
]`, 0o644)
	r := invocation{env: env, tty: true, setup: fastJobs}.run(t, "import", file, "--upsert").want(t, exitAPI)
	if !strings.Contains(r.stderr, "importing") {
		t.Errorf("stderr %q, want a progress bar", r.stderr)
	}
	lines := strings.Split(r.stdout, "\n")
	if lines[0] != "Imported 3 records: 1 inserted, 1 updated, 0 skipped, 1 failed" {
		t.Errorf("summary %q", lines[0])
	}
	if !strings.Contains(r.stdout, "INDEX  EMAIL         REASON\n1      not an email  ") {
		t.Errorf("stdout lacks the failure table:\n%s", r.stdout)
	}
	if u := userByEmail(srv, "existing@example.com"); u.StandardAttributes["name"] != "Updated" {
		t.Error("--upsert did not update the existing user")
	}
}

func TestImportSucceeds(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	r := invocation{env: env, setup: fastJobs, stdin: `{"preferred_username": "zed"}` + "\n"}.run(t, "import", "-", "--identifier", "preferred_username").want(t, exitOK)
	if got := decodeJSONOutput[importReport](t, r.stdout); got.Summary.Inserted != 1 || len(got.Failures) != 0 {
		t.Errorf("report %+v", got)
	}
	if len(srv.Users()) != 1 {
		t.Errorf("%d users, want 1", len(srv.Users()))
	}
}

func TestImportUsageErrors(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	inv := invocation{env: env, setup: fastJobs}
	good := writeFile(t, "good.ndjson", `{"email": "a@example.com"}`+"\n"+`{"name": "no email"}`+"\n", 0o644)
	tests := []struct {
		name    string
		args    []string
		content string
		stderr  string
	}{
		{"bad identifier", []string{"--identifier", "uuid"}, "", "--identifier"},
		{"bad batch", []string{"--batch-kb", "501"}, "", "--batch-kb"},
		{"not json", nil, "{\"email\": \"a@example.com\"}\nnot json\n", "record 1"},
		{"not an object", nil, `[{"email": "a@example.com"}, 5]`, "record 1"},
		{"empty", nil, "\n\n", "no records"},
		{"missing file", []string{"/nonexistent.ndjson"}, "", "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := append([]string{"import"}, tt.args...)
			if tt.content != "" || len(tt.args) == 0 {
				args = append(args, writeFile(t, "f.json", tt.content, 0o644))
			} else if !strings.HasPrefix(tt.args[0], "/") {
				args = append(args, good)
			}
			r := inv.run(t, args...).want(t, exitUsage)
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr %q, want %q", r.stderr, tt.stderr)
			}
		})
	}
	t.Run("dry run", func(t *testing.T) {
		t.Parallel()
		r := inv.run(t, "import", good, "--dry-run", "--upsert").want(t, exitOK)
		want := "dry run: would import 2 records from " + good + " by email, and update existing users\n" +
			"dry run: record 1 has no email and would fail\n"
		if diff := cmp.Diff(want, r.stdout); diff != "" {
			t.Errorf("stdout (-want +got):\n%s", diff)
		}
	})
	if len(srv.Users()) != 0 {
		t.Errorf("%d users imported by failed or dry runs", len(srv.Users()))
	}
}
