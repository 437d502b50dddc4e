package main

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

var seedTime = time.Date(2024, 3, 1, 9, 30, 0, 0, time.UTC)

func seedRole(t *testing.T, srv *adminapitest.Server, r adminapitest.SeedRole) *adminapitest.RoleState {
	t.Helper()
	st, err := srv.SeedRole(r)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func seedGroup(t *testing.T, srv *adminapitest.Server, g adminapitest.SeedGroup) *adminapitest.GroupState {
	t.Helper()
	st, err := srv.SeedGroup(g)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func roleByKey(srv *adminapitest.Server, key string) (adminapitest.RoleState, bool) {
	for _, r := range srv.Roles() {
		if r.Key == key {
			return r, true
		}
	}
	return adminapitest.RoleState{}, false
}

func groupByKey(srv *adminapitest.Server, key string) (adminapitest.GroupState, bool) {
	for _, g := range srv.Groups() {
		if g.Key == key {
			return g, true
		}
	}
	return adminapitest.GroupState{}, false
}

func keysOf(items []keyedView) []string {
	var out []string
	for _, k := range items {
		out = append(out, k.Key)
	}
	return out
}

func TestRolesList(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	seedRole(t, srv, adminapitest.SeedRole{Key: "admin", Name: "Administrators", Description: "Full access", CreatedAt: seedTime})
	seedRole(t, srv, adminapitest.SeedRole{Key: "editor", Name: "Editors", CreatedAt: seedTime.Add(time.Hour)})
	seedRole(t, srv, adminapitest.SeedRole{Key: "viewer", CreatedAt: seedTime.Add(2 * time.Hour)})

	t.Run("table on a terminal", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env, tty: true}.run(t, "roles", "list").want(t, exitOK)
		checkGolden(t, "roles_list.golden", r.stdout)
	})
	t.Run("ndjson off a terminal", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "roles", "list").want(t, exitOK)
		got := decodeLines[keyedView](t, r.stdout)
		if diff := cmp.Diff([]string{"admin", "editor", "viewer"}, slices.Sorted(slices.Values(keysOf(got)))); diff != "" {
			t.Errorf("roles (-want +got):\n%s", diff)
		}
		for _, v := range got {
			if v.Key == "viewer" && (v.Name != nil || v.Description != nil) {
				t.Errorf("viewer has name %v and description %v, want null for both", v.Name, v.Description)
			}
			if typ, _, err := adminapi.ParseNodeID(v.ID); err != nil || typ != "Role" {
				t.Errorf("id %q is not a role node id", v.ID)
			}
		}
	})
	t.Run("search and limit", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "roles", "list", "--search", "edit").want(t, exitOK)
		if diff := cmp.Diff([]string{"editor"}, keysOf(decodeLines[keyedView](t, r.stdout))); diff != "" {
			t.Errorf("roles (-want +got):\n%s", diff)
		}
		r = invocation{env: env}.run(t, "roles", "list", "--limit", "1").want(t, exitOK)
		if got := len(decodeLines[keyedView](t, r.stdout)); got != 1 {
			t.Errorf("%d roles with --limit 1", got)
		}
	})
	t.Run("bad limit", func(t *testing.T) {
		t.Parallel()
		invocation{env: env}.run(t, "roles", "list", "--limit", "-1").want(t, exitUsage)
	})
}

func TestRolesGetCreateUpdate(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	admin := seedRole(t, srv, adminapitest.SeedRole{Key: "admin", Name: "Administrators", CreatedAt: seedTime})

	for _, arg := range []string{"admin", admin.ID, admin.NodeID} {
		t.Run("get "+arg, func(t *testing.T) {
			t.Parallel()
			r := invocation{env: env}.run(t, "roles", "get", arg).want(t, exitOK)
			got := decodeJSONOutput[keyedView](t, r.stdout)
			if got.ID != admin.NodeID || got.Key != "admin" || got.Name == nil || *got.Name != "Administrators" {
				t.Errorf("got %+v", got)
			}
		})
	}
	t.Run("get table", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "roles", "get", "admin", "-o", "table").want(t, exitOK)
		for _, want := range []string{admin.NodeID, "Administrators", "2024-03-01 09:30Z"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("table lacks %q:\n%s", want, r.stdout)
			}
		}
	})
	t.Run("get missing", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "roles", "get", "nosuchrole").want(t, exitAPI)
		if r.stdout != "" || !strings.Contains(r.stderr, "not found") {
			t.Errorf("stdout %q, stderr %q", r.stdout, r.stderr)
		}
	})
	t.Run("create", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "roles", "create", "reviewer", "--name", "Reviewers").want(t, exitOK)
		if got := decodeJSONOutput[keyedView](t, r.stdout); got.Key != "reviewer" {
			t.Errorf("printed %+v", got)
		}
		if st, ok := roleByKey(srv, "reviewer"); !ok || st.Name != "Reviewers" {
			t.Errorf("role %+v, %v", st, ok)
		}
		r = invocation{env: env}.run(t, "roles", "create", "reviewer").want(t, exitAPI)
		if !strings.Contains(r.stderr, "authgear-admin: ") {
			t.Errorf("stderr = %q", r.stderr)
		}
	})
	t.Run("create dry run", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "roles", "create", "ghost", "--description", "Boo", "--dry-run").want(t, exitOK)
		if r.stdout != "dry run: would create role ghost with description \"Boo\"\n" {
			t.Errorf("stdout = %q", r.stdout)
		}
		if _, ok := roleByKey(srv, "ghost"); ok {
			t.Error("a dry run created the role")
		}
	})
	t.Run("update", func(t *testing.T) {
		t.Parallel()
		seedRole(t, srv, adminapitest.SeedRole{Key: "old", Name: "Old", Description: "Old role"})
		invocation{env: env}.run(t, "roles", "update", "old", "--key", "new", "--description", "").want(t, exitOK)
		st, ok := roleByKey(srv, "new")
		if !ok || st.Name != "Old" || st.Description != "" {
			t.Errorf("role after update %+v, %v; want key new, name kept, description cleared", st, ok)
		}
	})
	t.Run("update dry run and nothing to change", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "roles", "update", "admin", "--name", "Admins", "--dry-run").want(t, exitOK)
		if r.stdout != "dry run: would update role admin with name \"Admins\"\n" {
			t.Errorf("stdout = %q", r.stdout)
		}
		invocation{env: env}.run(t, "roles", "update", "admin").want(t, exitUsage)
		invocation{env: env}.run(t, "roles", "update", "admin", "--key", "").want(t, exitUsage)
		if st, _ := roleByKey(srv, "admin"); st.Name != "Administrators" {
			t.Errorf("name %q after a dry run", st.Name)
		}
	})
}

func TestRolesDelete(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	seedRole(t, srv, adminapitest.SeedRole{Key: "keep", Name: "Keep me"})
	seedRole(t, srv, adminapitest.SeedRole{Key: "drop1"})
	seedRole(t, srv, adminapitest.SeedRole{Key: "drop2"})

	r := invocation{env: env}.run(t, "roles", "delete", "keep").want(t, exitUsage)
	if !strings.Contains(r.stderr, "without --yes") {
		t.Errorf("stderr = %q", r.stderr)
	}
	r = invocation{env: env, tty: true, stdin: "n\n"}.run(t, "roles", "delete", "keep").want(t, exitAPI)
	if !strings.Contains(r.stderr, "Delete role keep (Keep me)? [y/N]") || !strings.Contains(r.stderr, "aborted") {
		t.Errorf("stderr = %q", r.stderr)
	}
	r = invocation{env: env}.run(t, "roles", "delete", "keep", "--dry-run").want(t, exitOK)
	if r.stdout != "dry run: would delete role keep (Keep me)\n" {
		t.Errorf("stdout = %q", r.stdout)
	}
	if _, ok := roleByKey(srv, "keep"); !ok {
		t.Fatal("the role was deleted without confirmation")
	}

	r = invocation{env: env}.run(t, "roles", "delete", "drop1", "drop2", "--yes").want(t, exitOK)
	got := decodeLines[keyedResult](t, r.stdout)
	if len(got) != 2 || got[0].Key != "drop1" || got[1].Result != "deleted" {
		t.Errorf("results %+v", got)
	}
	if _, ok := roleByKey(srv, "drop1"); ok {
		t.Error("drop1 remains")
	}
	invocation{env: env, tty: true, stdin: "y\n"}.run(t, "roles", "delete", "keep").want(t, exitOK)
	if _, ok := roleByKey(srv, "keep"); ok {
		t.Error("keep remains after confirmation")
	}
	// A missing role is found missing before anything is deleted.
	invocation{env: env}.run(t, "roles", "delete", "nosuchrole", "--yes").want(t, exitAPI)
}

func TestRoleMemberships(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	alice := seed(t, srv, adminapitest.SeedUser{Email: "alice@example.com"})
	bob := seed(t, srv, adminapitest.SeedUser{Email: "bob@example.com"})
	role := seedRole(t, srv, adminapitest.SeedRole{Key: "editor"})
	seedGroup(t, srv, adminapitest.SeedGroup{Key: "staff", Name: "Staff"})
	seedGroup(t, srv, adminapitest.SeedGroup{Key: "interns"})

	r := invocation{env: env}.run(t, "roles", "add-users", "editor", alice.ID, bob.NodeID).want(t, exitOK)
	want := []membershipResult{{Role: "editor", User: alice.ID, Result: "added"}, {Role: "editor", User: bob.ID, Result: "added"}}
	if diff := cmp.Diff(want, decodeLines[membershipResult](t, r.stdout)); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	if st, _ := roleByKey(srv, "editor"); len(st.UserIDs) != 2 {
		t.Errorf("role users %v", st.UserIDs)
	}

	r = invocation{env: env}.run(t, "roles", "users", role.NodeID).want(t, exitOK)
	if got := len(decodeLines[listedUser](t, r.stdout)); got != 2 {
		t.Errorf("%d users of the role, want 2", got)
	}

	// Removing asks, and refuses off a terminal.
	invocation{env: env}.run(t, "roles", "remove-users", "editor", bob.ID).want(t, exitUsage)
	r = invocation{env: env, tty: true, stdin: "no\n"}.run(t, "roles", "remove-users", "editor", bob.ID).want(t, exitAPI)
	if !strings.Contains(r.stderr, "Take role editor away from user "+bob.ID+" (bob@example.com)?") {
		t.Errorf("stderr = %q", r.stderr)
	}
	r = invocation{env: env}.run(t, "roles", "remove-users", "editor", bob.ID, "--dry-run").want(t, exitOK)
	if r.stdout != "dry run: would take role editor away from user "+bob.ID+" (bob@example.com)\n" {
		t.Errorf("stdout = %q", r.stdout)
	}
	if st, _ := roleByKey(srv, "editor"); len(st.UserIDs) != 2 {
		t.Fatalf("role users %v after refusals", st.UserIDs)
	}
	invocation{env: env}.run(t, "roles", "remove-users", "editor", bob.ID, "--yes").want(t, exitOK)
	if st, _ := roleByKey(srv, "editor"); !slices.Equal(st.UserIDs, []string{alice.ID}) {
		t.Errorf("role users %v, want only alice", st.UserIDs)
	}

	// Groups of the role.
	r = invocation{env: env}.run(t, "roles", "add-groups", "editor", "staff", "interns").want(t, exitOK)
	if got := decodeLines[membershipResult](t, r.stdout); len(got) != 2 || got[0].Group != "staff" || got[0].Role != "editor" {
		t.Errorf("results %+v", got)
	}
	r = invocation{env: env}.run(t, "roles", "groups", "editor").want(t, exitOK)
	if diff := cmp.Diff([]string{"interns", "staff"}, slices.Sorted(slices.Values(keysOf(decodeLines[keyedView](t, r.stdout))))); diff != "" {
		t.Errorf("groups of the role (-want +got):\n%s", diff)
	}
	invocation{env: env}.run(t, "roles", "remove-groups", "editor", "interns", "--yes").want(t, exitOK)
	if st, _ := roleByKey(srv, "editor"); !slices.Equal(st.GroupKeys, []string{"staff"}) {
		t.Errorf("role groups %v, want staff", st.GroupKeys)
	}

	t.Run("usage errors", func(t *testing.T) {
		invocation{env: env}.run(t, "roles", "add-users", "editor").want(t, exitUsage)
		invocation{env: env}.run(t, "roles", "add-users", "editor", "not-a-user-id").want(t, exitUsage)
		invocation{env: env}.run(t, "roles", "add-groups", "editor").want(t, exitUsage)
	})
	t.Run("unknown role", func(t *testing.T) {
		invocation{env: env}.run(t, "roles", "add-users", "nosuchrole", alice.ID).want(t, exitAPI)
	})
}
