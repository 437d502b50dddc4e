package main

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

// testClock is a clock that tests move; the server and the program share
// it.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func TestAuditLogs(t *testing.T) {
	t.Parallel()
	clock := &testClock{t: seedTime}
	srv, env := serverEnv(t, adminapitest.WithClock(clock.now))
	inv := invocation{env: env, setup: func(a *app) { a.clock = clock.now }}
	c := srv.Client()
	ctx := t.Context()

	alice, err := c.CreateUser(ctx, adminapi.NewUser{LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "alice@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	clock.set(seedTime.Add(time.Hour))
	if _, err := c.CreateRole(ctx, adminapi.NewRole{Key: "auditor"}); err != nil {
		t.Fatal(err)
	}
	clock.set(seedTime.Add(2 * time.Hour))
	if _, err := c.DisableUser(ctx, alice.ID, "test"); err != nil {
		t.Fatal(err)
	}
	clock.set(seedTime.Add(3 * time.Hour))
	all := srv.AuditLogs()
	if len(all) < 3 {
		t.Fatalf("the server logged %d entries, want at least 3", len(all))
	}
	activities := func(r result) []string {
		var out []string
		for _, l := range decodeLines[auditLogView](t, r.stdout) {
			out = append(out, l.ActivityType)
		}
		return out
	}

	t.Run("table oldest first", func(t *testing.T) {
		t.Parallel()
		tty := inv
		tty.tty = true
		r := tty.run(t, "audit-logs", "list", "--sort", "asc").want(t, exitOK)
		checkGolden(t, "audit_logs_list.golden", normalizeUUIDs(r.stdout))
	})
	t.Run("newest first by default", func(t *testing.T) {
		t.Parallel()
		r := inv.run(t, "audit-logs", "list").want(t, exitOK)
		got := decodeLines[auditLogView](t, r.stdout)
		if len(got) != len(all) || got[0].ActivityType != all[len(all)-1].ActivityType {
			t.Errorf("got %d entries starting with %+v; want %d, newest first", len(got), got[0], len(all))
		}
	})
	t.Run("activity in any case", func(t *testing.T) {
		t.Parallel()
		r := inv.run(t, "audit-logs", "list", "--activity", "admin-api-mutation-create-role-executed").want(t, exitOK)
		if diff := cmp.Diff([]string{"ADMIN_API_MUTATION_CREATE_ROLE_EXECUTED"}, activities(r)); diff != "" {
			t.Errorf("activities (-want +got):\n%s", diff)
		}
	})
	t.Run("activity prefix", func(t *testing.T) {
		t.Parallel()
		r := inv.run(t, "audit-logs", "list", "--activity", "admin_api_mutation_*", "--sort", "asc").want(t, exitOK)
		want := []string{"ADMIN_API_MUTATION_CREATE_USER_EXECUTED", "ADMIN_API_MUTATION_CREATE_ROLE_EXECUTED", "ADMIN_API_MUTATION_SET_DISABLED_STATUS_EXECUTED"}
		if diff := cmp.Diff(want, activities(r)); diff != "" {
			t.Errorf("activities (-want +got):\n%s", diff)
		}
	})
	t.Run("user", func(t *testing.T) {
		t.Parallel()
		r := inv.run(t, "audit-logs", "list", "--user", rawNodeID(alice.ID)).want(t, exitOK)
		got := decodeLines[auditLogView](t, r.stdout)
		if len(got) == 0 {
			t.Fatal("no entries about the user")
		}
		for _, l := range got {
			if l.UserUUID == nil || *l.UserUUID != rawNodeID(alice.ID) {
				t.Errorf("entry %s is about user %v", l.ID, l.UserUUID)
			}
		}
	})
	t.Run("since and until", func(t *testing.T) {
		t.Parallel()
		// Now is seedTime+3h: 150m ago is after the user was created.
		r := inv.run(t, "audit-logs", "list", "--since", "150m", "--until", seedTime.Add(90*time.Minute).Format(time.RFC3339)).want(t, exitOK)
		if diff := cmp.Diff([]string{"ADMIN_API_MUTATION_CREATE_ROLE_EXECUTED"}, activities(r)); diff != "" {
			t.Errorf("activities (-want +got):\n%s", diff)
		}
	})
	t.Run("limit", func(t *testing.T) {
		t.Parallel()
		r := inv.run(t, "audit-logs", "list", "--limit", "2").want(t, exitOK)
		if got := len(activities(r)); got != 2 {
			t.Errorf("%d entries, want 2", got)
		}
	})
	t.Run("get", func(t *testing.T) {
		t.Parallel()
		r := inv.run(t, "audit-logs", "get", all[0].NodeID).want(t, exitOK)
		if got := decodeJSONOutput[auditLogView](t, r.stdout); got.ID != all[0].NodeID || got.ActivityType != all[0].ActivityType {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("usage errors", func(t *testing.T) {
		t.Parallel()
		for _, args := range [][]string{
			{"--activity", "user_logged_in"},
			{"--activity", "nothing_*"},
			{"--since", "yesterday"},
			{"--since", "1h", "--until", "2h"},
			{"--sort", "sideways"},
			{"--user", "not-a-user"},
		} {
			r := inv.run(t, append([]string{"audit-logs", "list"}, args...)...).want(t, exitUsage)
			if r.stdout != "" {
				t.Errorf("%v: stdout = %q", args, r.stdout)
			}
		}
		r := inv.run(t, "audit-logs", "list", "--activity", "email_sen").want(t, exitUsage)
		if !strings.Contains(r.stderr, "did you mean EMAIL_SENT") {
			t.Errorf("stderr = %q, want a suggestion", r.stderr)
		}
	})
}

func TestParseWhen(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 6, 10, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2025-01-31T09:00:00Z", time.Date(2025, 1, 31, 9, 0, 0, 0, time.UTC)},
		{"2025-01-31T09:00:00+09:00", time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC)},
		{"2025-01-31", time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC)},
		{"24h", now.Add(-24 * time.Hour)},
		{"90m", now.Add(-90 * time.Minute)},
		{"7d", now.Add(-7 * 24 * time.Hour)},
		{"2w", now.Add(-14 * 24 * time.Hour)},
		{"0s", now},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := parseWhen("since", tt.in, now)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("parseWhen(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "yesterday", "-1h", "1.5d", "-2d", "2025-13-01"} {
		if _, err := parseWhen("since", bad, now); exitCode(err) != exitUsage {
			t.Errorf("parseWhen(%q) error = %v, want a usage error", bad, err)
		}
	}
}

func TestAuditLogActivities(t *testing.T) {
	t.Parallel()
	r := invocation{env: emptyEnv()}.run(t, "audit-logs", "activities").want(t, exitOK)
	got := decodeJSONOutput[[]string](t, r.stdout)
	if len(got) != len(adminapi.AllAuditLogActivityType) || got[0] != string(adminapi.AllAuditLogActivityType[0]) {
		t.Errorf("got %d activity types, want %d", len(got), len(adminapi.AllAuditLogActivityType))
	}
	r = invocation{env: emptyEnv()}.run(t, "audit-logs", "activities", "-o", "table").want(t, exitOK)
	if !strings.Contains(r.stdout, "\nUSER_CREATED\n") {
		t.Errorf("table lacks USER_CREATED:\n%s", r.stdout)
	}
}
