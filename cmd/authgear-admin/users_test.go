package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi/adminapitest"
)

// listedUser is the part of a printed user the tests look at.
type listedUser struct {
	ID                 string         `json:"id"`
	UUID               string         `json:"uuid"`
	IsDisabled         bool           `json:"isDisabled"`
	DisableReason      *string        `json:"disableReason"`
	EndUserAccountID   string         `json:"endUserAccountID"`
	StandardAttributes map[string]any `json:"standardAttributes"`
	CustomAttributes   map[string]any `json:"customAttributes"`
	Identities         []struct {
		Type         string `json:"type"`
		LoginIDKey   string `json:"loginIDKey"`
		LoginIDValue string `json:"loginIDValue"`
	} `json:"identities"`
}

func TestUsersList(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var emails []string
	for i := range 5 {
		e := string(rune('a'+i)) + "@example.com"
		emails = append(emails, e)
		seed(t, srv, adminapitest.SeedUser{
			Email:              e,
			CreatedAt:          base.Add(time.Duration(i) * time.Hour),
			StandardAttributes: map[string]any{"name": "User " + strings.ToUpper(e[:1])},
		})
	}
	loginIDs := func(users []listedUser) []string {
		var out []string
		for _, u := range users {
			out = append(out, u.EndUserAccountID)
		}
		return out
	}

	t.Run("ndjson by default off a terminal", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "users", "list").want(t, exitOK)
		if diff := cmp.Diff(emails, loginIDs(decodeLines[listedUser](t, r.stdout))); diff != "" {
			t.Errorf("users (-want +got):\n%s", diff)
		}
	})
	t.Run("limit and descending sort", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "users", "list", "--limit", "2", "--sort", "-created-at").want(t, exitOK)
		if diff := cmp.Diff([]string{"e@example.com", "d@example.com"}, loginIDs(decodeLines[listedUser](t, r.stdout))); diff != "" {
			t.Errorf("users (-want +got):\n%s", diff)
		}
	})
	t.Run("search", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "users", "list", "--search", "c@example.com").want(t, exitOK)
		if diff := cmp.Diff([]string{"c@example.com"}, loginIDs(decodeLines[listedUser](t, r.stdout))); diff != "" {
			t.Errorf("users (-want +got):\n%s", diff)
		}
	})
	t.Run("yaml documents", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "users", "list", "-o", "yaml", "--limit", "2").want(t, exitOK)
		if got := strings.Count(r.stdout, "---\n"); got != 2 {
			t.Errorf("%d YAML documents, want 2:\n%s", got, r.stdout)
		}
		if !strings.Contains(r.stdout, "endUserAccountID: a@example.com") {
			t.Errorf("YAML lacks the first user:\n%s", r.stdout)
		}
	})
	t.Run("table on a terminal", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env, tty: true}.run(t, "users", "list", "--limit", "3").want(t, exitOK)
		checkGolden(t, "users_list.golden", normalizeUUIDs(r.stdout))
	})
	t.Run("no users", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env, tty: true}.run(t, "users", "list", "--search", "nobody-matches-this").want(t, exitOK)
		if r.stdout != "" || !strings.Contains(r.stderr, "no users") {
			t.Errorf("stdout %q, stderr %q; want only a note on stderr", r.stdout, r.stderr)
		}
	})
}

// TestUsersListPages checks that the list is fetched page by page.
func TestUsersListPages(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	for _, e := range []string{"a@example.com", "b@example.com", "c@example.com"} {
		seed(t, srv, adminapitest.SeedUser{Email: e})
	}
	r := invocation{env: env}.run(t, "users", "list", "--page-size", "1").want(t, exitOK)
	if got := len(decodeLines[listedUser](t, r.stdout)); got != 3 {
		t.Errorf("%d users listed, want 3", got)
	}
	pages := 0
	for _, req := range srv.Requests() {
		if req.OperationName == "ListUsers" {
			pages++
			if first := fmt.Sprint(req.Variables["first"]); first != "1" {
				t.Errorf("page requested with first = %v, want 1", req.Variables["first"])
			}
		}
	}
	if pages < 3 {
		t.Errorf("%d ListUsers requests, want at least 3 (one per page)", pages)
	}
}

var uuidPattern = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// normalizeUUIDs replaces each distinct UUID with a placeholder of the same
// width, numbered in order of appearance, so that golden tables are stable.
func normalizeUUIDs(s string) string {
	seen := map[string]string{}
	return uuidPattern.ReplaceAllStringFunc(s, func(u string) string {
		if r, ok := seen[u]; ok {
			return r
		}
		r := "uuid-" + strings.Repeat("0", 30) + string(rune('a'+len(seen)))
		seen[u] = r
		return r
	})
}

func TestUsersGet(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	alice := seed(t, srv, adminapitest.SeedUser{
		Email:              "alice@example.com",
		Phone:              "+14155550100",
		Username:           "alice",
		StandardAttributes: map[string]any{"given_name": "Alice"},
		CustomAttributes:   map[string]any{"plan": "pro"},
	})
	for _, args := range [][]string{
		{alice.ID},
		{alice.NodeID},
		{"--email", "alice@example.com"},
		{"--phone", "+14155550100"},
		{"--username", "alice"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Parallel()
			r := invocation{env: env}.run(t, append([]string{"users", "get"}, args...)...).want(t, exitOK)
			u := decodeJSONOutput[listedUser](t, r.stdout)
			if u.ID != alice.NodeID || u.UUID != alice.ID {
				t.Errorf("got user %s (%s), want %s (%s)", u.ID, u.UUID, alice.NodeID, alice.ID)
			}
			if u.StandardAttributes["given_name"] != "Alice" || u.CustomAttributes["plan"] != "pro" {
				t.Errorf("attributes %v %v, want given_name Alice and plan pro", u.StandardAttributes, u.CustomAttributes)
			}
			if len(u.Identities) != 3 {
				t.Errorf("%d identities, want 3", len(u.Identities))
			}
		})
	}
	t.Run("not found", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "users", "get", "--email", "nobody@example.com").want(t, exitAPI)
		if !strings.Contains(r.stderr, "NotFound") || r.stdout != "" {
			t.Errorf("stdout %q, stderr %q; want a not-found error on stderr only", r.stdout, r.stderr)
		}
	})
	t.Run("not found by uuid", func(t *testing.T) {
		t.Parallel()
		invocation{env: env}.run(t, "users", "get", "00000000-0000-4000-8000-000000000000").want(t, exitAPI)
	})
	t.Run("table", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "users", "get", alice.ID, "-o", "table").want(t, exitOK)
		for _, want := range []string{"alice@example.com", "given_name: Alice", "plan: pro", "login_id phone +14155550100"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("table lacks %q:\n%s", want, r.stdout)
			}
		}
	})
}

func TestAuthFailures(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	seed(t, srv, adminapitest.SeedUser{Email: "a@example.com"})
	tests := []struct {
		name string
		env  map[string]string
	}{
		{"wrong key id", with(env, envKeyID, "not-the-key-id")},
		{"wrong project id", with(env, envProjectID, "other-project")},
		{"key of another pair", with(env, envKeyFile, writeFile(t, "other.pem", string(otherKeyPEM()), 0o600))},
		{"not a key", with(env, envKeyFile, writeFile(t, "junk.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", 0o600))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := invocation{env: tt.env}.run(t, "users", "get", "--email", "a@example.com").want(t, exitAuth)
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
			if strings.Contains(r.stderr, "PRIVATE KEY") {
				t.Errorf("stderr shows key material: %q", r.stderr)
			}
		})
	}
	t.Run("hint", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: with(env, envKeyID, "wrong")}.run(t, "users", "list").want(t, exitAuth)
		if !strings.Contains(r.stderr, "key id") || !strings.Contains(r.stderr, "project id") {
			t.Errorf("stderr = %q, want the hint naming the settings to check", r.stderr)
		}
	})
	t.Run("missing key file is a usage error", func(t *testing.T) {
		t.Parallel()
		invocation{env: with(env, envKeyFile, "/nonexistent/key.pem")}.run(t, "users", "list").want(t, exitUsage)
	})
}
