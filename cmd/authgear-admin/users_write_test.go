package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi/adminapitest"
)

const testPassword = "correct-horse-battery-staple"

// checkNoSecret fails if the password shows in the output.
func checkNoSecret(t *testing.T, r result) {
	t.Helper()
	if strings.Contains(r.stdout, testPassword) || strings.Contains(r.stderr, testPassword) {
		t.Errorf("the password was echoed:\nstdout %q\nstderr %q", r.stdout, r.stderr)
	}
}

func TestUsersCreate(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)

	t.Run("password from stdin", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env, stdin: testPassword + "\n"}.run(t, "users", "create", "--email", "stdin@example.com", "--password-stdin", "--set-password-expired").want(t, exitOK)
		checkNoSecret(t, r)
		u := decodeJSONOutput[listedUser](t, r.stdout)
		if !srv.CheckPassword(u.UUID, testPassword) {
			t.Error("the user's password is not the one given on stdin")
		}
		st, _ := srv.User(u.UUID)
		if !st.PasswordExpired {
			t.Error("--set-password-expired did not expire the password")
		}
	})
	t.Run("password prompt on a terminal", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env, tty: true, stdin: testPassword + "\n" + testPassword + "\n"}.run(t, "users", "create", "--username", "prompted", "--password-prompt", "-o", "json").want(t, exitOK)
		checkNoSecret(t, r)
		if !strings.Contains(r.stderr, "New password: ") || !strings.Contains(r.stderr, "Repeat password: ") {
			t.Errorf("stderr = %q, want two prompts", r.stderr)
		}
		u := decodeJSONOutput[listedUser](t, r.stdout)
		if !srv.CheckPassword(u.UUID, testPassword) {
			t.Error("the user's password is not the one typed")
		}
	})
	t.Run("prompts that differ", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env, tty: true, stdin: testPassword + "\nsomething-else\n"}.run(t, "users", "create", "--username", "mismatch", "--password-prompt").want(t, exitUsage)
		checkNoSecret(t, r)
		for _, u := range srv.Users() {
			if u.StandardAttributes["preferred_username"] == "mismatch" {
				t.Error("a user was created although the passwords differed")
			}
		}
	})
	t.Run("generated password", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "users", "create", "--phone", "+14155550111", "--generate-password").want(t, exitOK)
		if !strings.Contains(r.stderr, "nobody knows") {
			t.Errorf("stderr = %q, want a note that nobody knows the password", r.stderr)
		}
		st, _ := srv.User(decodeJSONOutput[listedUser](t, r.stdout).UUID)
		if !st.HasPassword {
			t.Error("no password was generated")
		}
	})
	t.Run("no password", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "users", "create", "--email", "nopass@example.com").want(t, exitOK)
		st, _ := srv.User(decodeJSONOutput[listedUser](t, r.stdout).UUID)
		if st.HasPassword {
			t.Error("the user has a password")
		}
	})
	t.Run("dry run", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "users", "create", "--email", "dry@example.com", "--generate-password", "--dry-run").want(t, exitOK)
		if !strings.HasPrefix(r.stdout, "dry run: would create") {
			t.Errorf("stdout = %q, want the plan", r.stdout)
		}
		invocation{env: env}.run(t, "users", "get", "--email", "dry@example.com").want(t, exitAPI)
	})
	t.Run("duplicate", func(t *testing.T) {
		t.Parallel()
		seed(t, srv, adminapitest.SeedUser{Email: "taken@example.com"})
		r := invocation{env: env}.run(t, "users", "create", "--email", "taken@example.com").want(t, exitAPI)
		if !strings.Contains(r.stderr, "already exists") {
			t.Errorf("stderr = %q, want the server's error", r.stderr)
		}
	})
}

func TestUsersUpdate(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	newUser := func(t *testing.T) *adminapitest.UserState {
		return seed(t, srv, adminapitest.SeedUser{
			Email:              fmt.Sprintf("%s@example.com", strings.NewReplacer("/", "-", " ", "-").Replace(t.Name())),
			StandardAttributes: map[string]any{"given_name": "Old", "nickname": "nick", "locale": "en"},
			CustomAttributes:   map[string]any{"plan": "free", "seats": 1},
		})
	}
	attrs := func(t *testing.T, r result) (std, custom map[string]any) {
		t.Helper()
		u := decodeJSONOutput[listedUser](t, r.stdout)
		delete(u.StandardAttributes, "updated_at")
		delete(u.StandardAttributes, "email")
		delete(u.StandardAttributes, "email_verified")
		return u.StandardAttributes, u.CustomAttributes
	}

	t.Run("flags change some and keep the others", func(t *testing.T) {
		t.Parallel()
		u := newUser(t)
		r := invocation{env: env}.run(t, "users", "update", u.ID, "--given-name", "Alice", "--nickname", "").want(t, exitOK)
		std, custom := attrs(t, r)
		if diff := cmp.Diff(map[string]any{"given_name": "Alice", "locale": "en"}, std); diff != "" {
			t.Errorf("standard attributes (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(map[string]any{"plan": "free", "seats": float64(1)}, custom); diff != "" {
			t.Errorf("custom attributes (-want +got):\n%s", diff)
		}
	})
	t.Run("custom JSON from stdin is merged", func(t *testing.T) {
		t.Parallel()
		u := newUser(t)
		r := invocation{env: env, stdin: `{"plan": "pro", "seats": null, "region": "eu"}`}.run(t, "users", "update", u.NodeID, "--custom-json", "-").want(t, exitOK)
		_, custom := attrs(t, r)
		if diff := cmp.Diff(map[string]any{"plan": "pro", "region": "eu"}, custom); diff != "" {
			t.Errorf("custom attributes (-want +got):\n%s", diff)
		}
	})
	t.Run("replace", func(t *testing.T) {
		t.Parallel()
		u := newUser(t)
		file := writeFile(t, "std.json", `{"family_name": "Liddell"}`, 0o644)
		r := invocation{env: env}.run(t, "users", "update", u.ID, "--standard-json", file, "--replace", "--name", "Alice Liddell").want(t, exitOK)
		std, _ := attrs(t, r)
		if diff := cmp.Diff(map[string]any{"family_name": "Liddell", "name": "Alice Liddell"}, std); diff != "" {
			t.Errorf("standard attributes (-want +got):\n%s", diff)
		}
	})
	t.Run("dry run", func(t *testing.T) {
		t.Parallel()
		u := newUser(t)
		r := invocation{env: env}.run(t, "users", "update", u.ID, "--locale", "ja", "--dry-run").want(t, exitOK)
		if want := `standard attributes: set {"locale":"ja"}`; !strings.Contains(r.stdout, want) {
			t.Errorf("stdout = %q, want %q", r.stdout, want)
		}
		if st, _ := srv.User(u.ID); st.StandardAttributes["locale"] != "en" {
			t.Error("a dry run changed the user")
		}
	})
	t.Run("not JSON", func(t *testing.T) {
		t.Parallel()
		u := newUser(t)
		invocation{env: env, stdin: "[1,2]"}.run(t, "users", "update", u.ID, "--custom-json", "-").want(t, exitUsage)
	})
	t.Run("unknown user", func(t *testing.T) {
		t.Parallel()
		invocation{env: env}.run(t, "users", "update", "00000000-0000-4000-8000-000000000000", "--name", "X").want(t, exitAPI)
	})
}

func TestUsersSetAttribute(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	u := seed(t, srv, adminapitest.SeedUser{
		Email:            "attr@example.com",
		CustomAttributes: map[string]any{"plan": "free", "legacy_id": "x1"},
	})
	tests := []struct {
		name  string
		args  []string
		check func(st *adminapitest.UserState) bool
	}{
		{"standard string", []string{"locale", "ja"}, func(st *adminapitest.UserState) bool { return st.StandardAttributes["locale"] == "ja" }},
		{"custom string", []string{"--custom", "plan", "pro"}, func(st *adminapitest.UserState) bool { return st.CustomAttributes["plan"] == "pro" }},
		{"custom JSON number", []string{"--custom", "--json", "seats", "5"}, func(st *adminapitest.UserState) bool {
			return fmt.Sprint(st.CustomAttributes["seats"]) == "5"
		}},
		{"custom unset", []string{"--custom", "--unset", "legacy_id"}, func(st *adminapitest.UserState) bool {
			_, ok := st.CustomAttributes["legacy_id"]
			return !ok
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Not parallel: the subtests change the same user, and a safe
			// patch that keeps losing the race would give up.
			invocation{env: env}.run(t, append([]string{"users", "set-attribute", u.ID}, tt.args...)...).want(t, exitOK)
			st, _ := srv.User(u.ID)
			if !tt.check(st) {
				t.Errorf("after set-attribute %v: standard %v, custom %v", tt.args, st.StandardAttributes, st.CustomAttributes)
			}
		})
	}
	t.Run("dry run", func(t *testing.T) {
		r := invocation{env: env}.run(t, "users", "set-attribute", u.ID, "--custom", "--json", "plan", `"gold"`, "--dry-run").want(t, exitOK)
		if !strings.Contains(r.stdout, `would set custom attribute plan of user `+u.ID+` to "gold"`) {
			t.Errorf("stdout = %q", r.stdout)
		}
		if st, _ := srv.User(u.ID); st.CustomAttributes["plan"] == "gold" {
			t.Error("a dry run changed the user")
		}
	})
}
