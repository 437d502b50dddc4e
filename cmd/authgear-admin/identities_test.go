package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi/adminapitest"
)

// listedIdentity is the part of a printed identity the tests look at.
type listedIdentity struct {
	ID           string  `json:"id"`
	Type         string  `json:"type"`
	LoginIDKey   *string `json:"loginIDKey"`
	LoginIDValue *string `json:"loginIDValue"`
}

func loginIDsOf(t *testing.T, srv *adminapitest.Server, userID string) []string {
	t.Helper()
	st, ok := srv.User(userID)
	if !ok {
		t.Fatalf("user %s is gone", userID)
	}
	var out []string
	for _, id := range st.Identities {
		out = append(out, id.LoginIDKey+":"+id.LoginID)
	}
	return out
}

func TestIdentities(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	u := seed(t, srv, adminapitest.SeedUser{Email: "dave@example.com", Username: "dave"})

	t.Run("list", func(t *testing.T) {
		r := invocation{env: env}.run(t, "identities", "list", u.ID).want(t, exitOK)
		got := decodeLines[listedIdentity](t, r.stdout)
		if len(got) != 2 || got[0].Type != "LOGIN_ID" || got[0].LoginIDValue == nil || *got[0].LoginIDValue != "dave@example.com" {
			t.Errorf("identities %+v", got)
		}
		r = invocation{env: env}.run(t, "identities", "list", u.ID, "-o", "table").want(t, exitOK)
		for _, want := range []string{"ID ", "login_id  email     dave@example.com", u.Identities[0].ID} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("table lacks %q:\n%s", want, r.stdout)
			}
		}
		r = invocation{env: env}.run(t, "identities", "list", u.ID, "--type", "oauth").want(t, exitOK)
		if r.stdout != "" {
			t.Errorf("OAuth identities listed: %q", r.stdout)
		}
		invocation{env: env}.run(t, "identities", "list", u.ID, "--type", "carrier-pigeon").want(t, exitUsage)
	})
	t.Run("add", func(t *testing.T) {
		r := invocation{env: env}.run(t, "identities", "add", u.ID, "--phone", "+14155550111").want(t, exitOK)
		if got := decodeJSONOutput[listedIdentity](t, r.stdout); got.LoginIDKey == nil || *got.LoginIDKey != "phone" {
			t.Errorf("printed %+v", got)
		}
		r = invocation{env: env}.run(t, "identities", "add", u.ID, "--username", "dave2", "--dry-run").want(t, exitOK)
		if r.stdout != "dry run: would add username login id \"dave2\" to user "+u.ID+"\n" {
			t.Errorf("stdout = %q", r.stdout)
		}
		invocation{env: env}.run(t, "identities", "add", u.ID).want(t, exitUsage)
		// Another user's login id.
		seed(t, srv, adminapitest.SeedUser{Email: "taken@example.com"})
		r = invocation{env: env}.run(t, "identities", "add", u.ID, "--email", "taken@example.com").want(t, exitAPI)
		if r.stdout != "" {
			t.Errorf("stdout = %q", r.stdout)
		}
	})
	t.Run("update", func(t *testing.T) {
		invocation{env: env}.run(t, "identities", "update", u.ID, "dave", "--email", "x@example.com").want(t, exitUsage)
		r := invocation{env: env}.run(t, "identities", "update", u.ID, "dave", "--username", "david", "--dry-run").want(t, exitOK)
		if r.stdout != "dry run: would change username dave of user "+u.ID+" to \"david\"\n" {
			t.Errorf("stdout = %q", r.stdout)
		}
		invocation{env: env}.run(t, "identities", "update", u.ID, "dave", "--username", "david").want(t, exitOK)
		invocation{env: env}.run(t, "identities", "update", u.ID, "nobody", "--username", "x").want(t, exitAPI)
	})
	want := []string{"email:dave@example.com", "username:david", "phone:+14155550111"}
	if diff := cmp.Diff(want, loginIDsOf(t, srv, u.ID)); diff != "" {
		t.Fatalf("login ids (-want +got):\n%s", diff)
	}
	t.Run("remove", func(t *testing.T) {
		r := invocation{env: env}.run(t, "identities", "remove", u.ID, "david").want(t, exitUsage)
		if !strings.Contains(r.stderr, "without --yes") {
			t.Errorf("stderr = %q", r.stderr)
		}
		r = invocation{env: env, tty: true, stdin: "\n"}.run(t, "identities", "remove", u.ID, "david").want(t, exitAPI)
		if !strings.Contains(r.stderr, "Remove username david from user "+u.ID+"? [y/N]") {
			t.Errorf("stderr = %q", r.stderr)
		}
		r = invocation{env: env}.run(t, "identities", "remove", u.ID, "david", "+14155550111", "--dry-run").want(t, exitOK)
		if !strings.Contains(r.stdout, "dry run: would remove phone +14155550111 from user") {
			t.Errorf("stdout = %q", r.stdout)
		}
		if got := len(loginIDsOf(t, srv, u.ID)); got != 3 {
			t.Fatalf("%d login ids after refusals, want 3", got)
		}
		phoneID := ""
		st, _ := srv.User(u.ID)
		for _, id := range st.Identities {
			if id.LoginIDKey == "phone" {
				phoneID = id.ID
			}
		}
		r = invocation{env: env}.run(t, "identities", "remove", u.ID, "DAVID", phoneID, "--yes").want(t, exitOK)
		if got := decodeLines[actionResult](t, r.stdout); len(got) != 2 || got[1].UUID != phoneID || got[1].Result != "removed" {
			t.Errorf("results %+v", got)
		}
		if diff := cmp.Diff([]string{"email:dave@example.com"}, loginIDsOf(t, srv, u.ID)); diff != "" {
			t.Errorf("login ids (-want +got):\n%s", diff)
		}
	})
}
