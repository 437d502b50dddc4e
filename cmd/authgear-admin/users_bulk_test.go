package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest"
)

func TestDestructiveCommands(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	n := 0
	newUser := func(t *testing.T) *adminapitest.UserState {
		t.Helper()
		n++
		return seed(t, srv, adminapitest.SeedUser{Username: "user" + strings.Repeat("x", n)})
	}
	exists := func(id string) bool {
		_, ok := srv.User(id)
		return ok
	}

	t.Run("refused off a terminal without --yes", func(t *testing.T) {
		u := newUser(t)
		for _, cmd := range []string{"delete", "disable", "revoke-sessions"} {
			r := invocation{env: env}.run(t, "users", cmd, u.ID).want(t, exitUsage)
			if !strings.Contains(r.stderr, "without --yes") {
				t.Errorf("%s: stderr = %q", cmd, r.stderr)
			}
		}
		if st, ok := srv.User(u.ID); !ok || st.Disabled {
			t.Error("the user was changed without confirmation")
		}
	})
	t.Run("declined on a terminal", func(t *testing.T) {
		u := newUser(t)
		r := invocation{env: env, tty: true, stdin: "n\n"}.run(t, "users", "delete", u.ID).want(t, exitAPI)
		if !strings.Contains(r.stderr, "Delete user "+u.ID+" (userx") || !strings.Contains(r.stderr, "aborted") {
			t.Errorf("stderr = %q, want the question naming the user, then aborted", r.stderr)
		}
		if !exists(u.ID) {
			t.Error("the user was deleted although the operator said no")
		}
	})
	t.Run("confirmed on a terminal", func(t *testing.T) {
		u := newUser(t)
		r := invocation{env: env, tty: true, stdin: "yes\n"}.run(t, "users", "delete", u.ID).want(t, exitOK)
		if exists(u.ID) {
			t.Error("the user still exists")
		}
		if !strings.Contains(r.stdout, u.ID) || !strings.Contains(r.stdout, "deleted") {
			t.Errorf("stdout = %q, want the result table", r.stdout)
		}
	})
	t.Run("dry run", func(t *testing.T) {
		u := newUser(t)
		r := invocation{env: env}.run(t, "users", "delete", u.ID, "--dry-run").want(t, exitOK)
		if !strings.Contains(r.stdout, "dry run: would delete user "+u.ID) {
			t.Errorf("stdout = %q", r.stdout)
		}
		if !exists(u.ID) {
			t.Error("a dry run deleted the user")
		}
	})
	t.Run("delete with --yes prints JSON results", func(t *testing.T) {
		a, b := newUser(t), newUser(t)
		r := invocation{env: env}.run(t, "users", "delete", "--yes", a.ID, b.NodeID).want(t, exitOK)
		got := decodeLines[actionResult](t, r.stdout)
		if len(got) != 2 || got[0].UUID != a.ID || got[1].UUID != b.ID || got[1].ID != b.NodeID || got[0].Result != "deleted" {
			t.Errorf("results = %+v", got)
		}
		if exists(a.ID) || exists(b.ID) {
			t.Error("users remain")
		}
	})
	t.Run("one failure does not stop the others", func(t *testing.T) {
		a := newUser(t)
		r := invocation{env: env}.run(t, "users", "delete", "--yes", "00000000-0000-4000-8000-000000000000", a.ID).want(t, exitAPI)
		if exists(a.ID) {
			t.Error("the second user was not deleted")
		}
		if !strings.Contains(r.stderr, "1 of 2 users failed") {
			t.Errorf("stderr = %q, want a summary", r.stderr)
		}
	})
	t.Run("disable and enable", func(t *testing.T) {
		u := newUser(t)
		r := invocation{env: env}.run(t, "users", "disable", u.ID, "--reason", "chargeback", "--yes").want(t, exitOK)
		if got := decodeLines[listedUser](t, r.stdout); len(got) != 1 || !got[0].IsDisabled {
			t.Errorf("printed %+v, want the disabled user", got)
		}
		if st, _ := srv.User(u.ID); !st.Disabled || st.DisableReason != "chargeback" {
			t.Errorf("user disabled %v with reason %q", st.Disabled, st.DisableReason)
		}
		// enable does not destroy anything and asks nothing.
		invocation{env: env}.run(t, "users", "enable", u.ID).want(t, exitOK)
		if st, _ := srv.User(u.ID); st.Disabled {
			t.Error("the user is still disabled")
		}
	})
	t.Run("revoke sessions", func(t *testing.T) {
		u := newUser(t)
		mutation := writeFile(t, "session.graphql", `mutation ($userID: ID!) {
  createSession(input: {userID: $userID, clientID: "portal"}) { accessToken }
}`, 0o644)
		// The data holds the session's tokens; they are not looked at.
		invocation{env: env}.run(t, "query", mutation, "--var", "userID="+u.NodeID).want(t, exitOK)
		if len(srv.Sessions(u.ID)) != 1 {
			t.Fatal("the session was not created")
		}
		r := invocation{env: env}.run(t, "users", "revoke-sessions", u.ID, "--yes", "-o", "table").want(t, exitOK)
		if !strings.Contains(r.stdout, "sessions revoked") {
			t.Errorf("stdout = %q", r.stdout)
		}
		if len(srv.Sessions(u.ID)) != 0 {
			t.Error("sessions remain")
		}
	})
	t.Run("reset password from stdin", func(t *testing.T) {
		u := newUser(t)
		r := invocation{env: env, stdin: testPassword + "\n"}.run(t, "users", "reset-password", u.ID, "--password-stdin", "--yes").want(t, exitOK)
		checkNoSecret(t, r)
		if !srv.CheckPassword(u.ID, testPassword) {
			t.Error("the password was not set")
		}
	})
	t.Run("reset password by prompt after confirmation", func(t *testing.T) {
		u := newUser(t)
		r := invocation{env: env, tty: true, stdin: "y\n" + testPassword + "\n" + testPassword + "\n"}.run(t, "users", "reset-password", u.ID, "--prompt").want(t, exitOK)
		checkNoSecret(t, r)
		if !srv.CheckPassword(u.ID, testPassword) {
			t.Error("the password was not set")
		}
	})
	t.Run("reset password generated and sent", func(t *testing.T) {
		u := newUser(t)
		r := invocation{env: env}.run(t, "users", "reset-password", u.ID, "--generate", "--send-password", "--yes").want(t, exitOK)
		if strings.Contains(r.stderr, "nobody knows") {
			t.Errorf("stderr = %q, want no note when the password is sent", r.stderr)
		}
		if st, _ := srv.User(u.ID); !st.HasPassword {
			t.Error("no password was generated")
		}
	})
	t.Run("several users on a terminal", func(t *testing.T) {
		a, b := newUser(t), newUser(t)
		r := invocation{env: env, tty: true, stdin: "y\n"}.run(t, "users", "disable", a.ID, b.ID).want(t, exitOK)
		if !strings.Contains(r.stderr, "Disable 2 users?") {
			t.Errorf("stderr = %q, want one question for both", r.stderr)
		}
		for _, id := range []string{a.ID, b.ID} {
			if st, _ := srv.User(id); !st.Disabled {
				t.Errorf("user %s is not disabled", id)
			}
		}
	})
}

// TestInterruptAtPrompt checks that an interrupt ends a command waiting for
// an answer, and changes nothing.
func TestInterruptAtPrompt(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	u := seed(t, srv, adminapitest.SeedUser{Email: "prompt@example.com"})
	pr, pw := io.Pipe() // an operator who never answers
	t.Cleanup(func() { pw.Close() })
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(100*time.Millisecond, cancel)
	var out, errOut terminalBuffer
	code := run(ctx, []string{"users", "delete", u.ID}, terminalReader{pr}, &out, &errOut, func(k string) string { return env[k] })
	if code != exitAPI || !strings.Contains(errOut.String(), "interrupted") {
		t.Errorf("exit status %d, stderr %q; want 1 and interrupted", code, errOut.String())
	}
	if _, ok := srv.User(u.ID); !ok {
		t.Error("the user was deleted")
	}
}
