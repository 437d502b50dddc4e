package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi/adminapitest"
)

func TestUserRolesAndGroups(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	u := seed(t, srv, adminapitest.SeedUser{Email: "carol@example.com"})
	seedRole(t, srv, adminapitest.SeedRole{Key: "editor"})
	seedRole(t, srv, adminapitest.SeedRole{Key: "auditor"})
	seedGroup(t, srv, adminapitest.SeedGroup{Key: "finance", RoleKeys: []string{"auditor"}})
	listKeys := func(t *testing.T, args ...string) []string {
		t.Helper()
		r := invocation{env: env}.run(t, append([]string{"users"}, args...)...).want(t, exitOK)
		return slices.Sorted(slices.Values(keysOf(decodeLines[keyedView](t, r.stdout))))
	}

	r := invocation{env: env}.run(t, "users", "add-role", u.ID, "editor").want(t, exitOK)
	if diff := cmp.Diff([]membershipResult{{Role: "editor", User: u.ID, Result: "added"}}, decodeLines[membershipResult](t, r.stdout)); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	invocation{env: env}.run(t, "users", "add-groups", u.NodeID, "finance").want(t, exitOK)

	if diff := cmp.Diff([]string{"editor"}, listKeys(t, "roles", u.ID)); diff != "" {
		t.Errorf("roles (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"auditor", "editor"}, listKeys(t, "effective-roles", u.ID)); diff != "" {
		t.Errorf("effective roles (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"finance"}, listKeys(t, "groups", u.ID)); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}

	invocation{env: env}.run(t, "users", "remove-group", u.ID, "finance").want(t, exitUsage)
	r = invocation{env: env}.run(t, "users", "remove-group", u.ID, "finance", "--dry-run").want(t, exitOK)
	if r.stdout != "dry run: would remove user "+u.ID+" (carol@example.com) from group finance\n" {
		t.Errorf("stdout = %q", r.stdout)
	}
	r = invocation{env: env, tty: true, stdin: "y\n"}.run(t, "users", "remove-group", u.ID, "finance").want(t, exitOK)
	if !strings.Contains(r.stdout, "finance") || !strings.Contains(r.stdout, "removed") {
		t.Errorf("stdout = %q", r.stdout)
	}
	if st, _ := groupByKey(srv, "finance"); len(st.UserIDs) != 0 {
		t.Errorf("group members %v after removal", st.UserIDs)
	}
	invocation{env: env}.run(t, "users", "remove-role", u.ID, "editor", "--yes").want(t, exitOK)
	if got := listKeys(t, "effective-roles", u.ID); len(got) != 0 {
		t.Errorf("effective roles %v after removals", got)
	}

	invocation{env: env}.run(t, "users", "add-role", u.ID).want(t, exitUsage)
	invocation{env: env}.run(t, "users", "roles", "bad-id").want(t, exitUsage)
	invocation{env: env}.run(t, "users", "add-role", u.ID, "nosuchrole").want(t, exitAPI)
}
