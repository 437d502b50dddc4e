package main

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi/adminapitest"
)

func TestGroupsList(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	seedGroup(t, srv, adminapitest.SeedGroup{Key: "staff", Name: "Staff", Description: "Employees", CreatedAt: seedTime})
	seedGroup(t, srv, adminapitest.SeedGroup{Key: "contractors", Name: "Contractors", CreatedAt: seedTime.Add(24 * time.Hour)})

	t.Run("table on a terminal", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env, tty: true}.run(t, "groups", "list").want(t, exitOK)
		checkGolden(t, "groups_list.golden", r.stdout)
	})
	t.Run("yaml", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "groups", "list", "-o", "yaml").want(t, exitOK)
		if strings.Count(r.stdout, "---\n") != 2 || !strings.Contains(r.stdout, "key: contractors") {
			t.Errorf("stdout = %q", r.stdout)
		}
	})
	t.Run("search", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "groups", "list", "-s", "staff").want(t, exitOK)
		if diff := cmp.Diff([]string{"staff"}, keysOf(decodeLines[keyedView](t, r.stdout))); diff != "" {
			t.Errorf("groups (-want +got):\n%s", diff)
		}
	})
	t.Run("none", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env, tty: true}.run(t, "groups", "list", "--search", "zzz").want(t, exitOK)
		if r.stdout != "" || !strings.Contains(r.stderr, "no groups") {
			t.Errorf("stdout %q, stderr %q", r.stdout, r.stderr)
		}
	})
}

func TestGroupsLifecycle(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	alice := seed(t, srv, adminapitest.SeedUser{Email: "alice@example.com"})
	seedRole(t, srv, adminapitest.SeedRole{Key: "editor"})
	seedRole(t, srv, adminapitest.SeedRole{Key: "viewer"})

	r := invocation{env: env}.run(t, "groups", "create", "staff", "--name", "Staff", "--description", "Employees").want(t, exitOK)
	created := decodeJSONOutput[keyedView](t, r.stdout)
	if created.Key != "staff" || created.Description == nil || *created.Description != "Employees" {
		t.Errorf("created %+v", created)
	}
	invocation{env: env}.run(t, "groups", "update", created.ID, "--name", "All staff").want(t, exitOK)
	if st, _ := groupByKey(srv, "staff"); st.Name != "All staff" || st.Description != "Employees" {
		t.Errorf("group after update %+v", st)
	}

	r = invocation{env: env}.run(t, "groups", "get", "staff", "-o", "yaml").want(t, exitOK)
	if !strings.Contains(r.stdout, "name: All staff\n") || !strings.Contains(r.stdout, "id: "+created.ID+"\n") {
		t.Errorf("stdout = %q", r.stdout)
	}

	invocation{env: env}.run(t, "groups", "add-users", "staff", alice.ID).want(t, exitOK)
	r = invocation{env: env}.run(t, "groups", "users", "staff").want(t, exitOK)
	if got := decodeLines[listedUser](t, r.stdout); len(got) != 1 || got[0].UUID != alice.ID {
		t.Errorf("members %+v", got)
	}

	r = invocation{env: env, tty: true}.run(t, "groups", "add-roles", "staff", "editor", "viewer").want(t, exitOK)
	for _, want := range []string{"GROUP  ROLE    RESULT", "staff  editor  added"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("table lacks %q:\n%s", want, r.stdout)
		}
	}
	r = invocation{env: env}.run(t, "groups", "roles", "staff").want(t, exitOK)
	if diff := cmp.Diff([]string{"editor", "viewer"}, slices.Sorted(slices.Values(keysOf(decodeLines[keyedView](t, r.stdout))))); diff != "" {
		t.Errorf("roles of the group (-want +got):\n%s", diff)
	}
	invocation{env: env}.run(t, "groups", "remove-roles", "staff", "viewer").want(t, exitUsage)
	r = invocation{env: env, tty: true, stdin: "y\n"}.run(t, "groups", "remove-roles", "staff", "viewer").want(t, exitOK)
	if !strings.Contains(r.stderr, "Take role viewer away from group staff?") {
		t.Errorf("stderr = %q", r.stderr)
	}
	if st, _ := groupByKey(srv, "staff"); !slices.Equal(st.RoleKeys, []string{"editor"}) {
		t.Errorf("group roles %v, want editor", st.RoleKeys)
	}

	invocation{env: env}.run(t, "groups", "remove-users", "staff", alice.ID, "--yes").want(t, exitOK)
	if st, _ := groupByKey(srv, "staff"); len(st.UserIDs) != 0 {
		t.Errorf("members %v after removal", st.UserIDs)
	}

	invocation{env: env}.run(t, "groups", "delete", "staff").want(t, exitUsage)
	invocation{env: env}.run(t, "groups", "delete", "staff", "--yes", "-o", "table").want(t, exitOK)
	if _, ok := groupByKey(srv, "staff"); ok {
		t.Error("the group remains")
	}
}

// TestNewCommandsAuthFailure checks that the new commands report a refused
// key with exit status 3 and the library's hint, like the users commands.
func TestNewCommandsAuthFailure(t *testing.T) {
	t.Parallel()
	_, env := serverEnv(t)
	env = with(env, envKeyID, "wrong-key-id")
	for _, args := range [][]string{
		{"roles", "list"},
		{"groups", "get", "staff"},
		{"audit-logs", "list"},
		{"sessions", "list", "00000000-0000-4000-8000-000000000000"},
		{"export"},
	} {
		r := invocation{env: env}.run(t, args...).want(t, exitAuth)
		if r.stdout != "" || !strings.Contains(r.stderr, "key id") {
			t.Errorf("%v: stdout %q, stderr %q", args, r.stdout, r.stderr)
		}
	}
}
