package main

import (
	"strings"
	"testing"
	"time"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

// fixedClock returns a clock for a test server and the program, which must
// agree for the server to accept the program's tokens.
func fixedClock(t time.Time) (adminapitest.Option, func(*app)) {
	now := func() time.Time { return t }
	return adminapitest.WithClock(now), func(a *app) { a.clock = now }
}

func TestSessions(t *testing.T) {
	t.Parallel()
	serverClock, setup := fixedClock(seedTime)
	srv, env := serverEnv(t, serverClock)
	u := seed(t, srv, adminapitest.SeedUser{Email: "erin@example.com"})
	c := srv.Client()
	for _, client := range []string{"portal", "mobile-app"} {
		if _, err := c.CreateSession(t.Context(), u.ID, adminapi.NewSession{ClientID: client}); err != nil {
			t.Fatal(err)
		}
	}
	inv := invocation{env: env, setup: setup}

	t.Run("table on a terminal", func(t *testing.T) {
		tty := inv
		tty.tty = true
		r := tty.run(t, "sessions", "list", u.ID).want(t, exitOK)
		checkGolden(t, "sessions_list.golden", normalizeUUIDs(r.stdout))
	})
	t.Run("json", func(t *testing.T) {
		r := inv.run(t, "sessions", "list", u.NodeID).want(t, exitOK)
		got := decodeLines[sessionView](t, r.stdout)
		if len(got) != 2 || got[0].ClientID == nil || *got[0].ClientID != "portal" || got[0].UserAgent != nil || got[0].AMR == nil {
			t.Errorf("sessions %+v", got)
		}
	})

	sessions := srv.Sessions(u.ID)
	t.Run("revoke one", func(t *testing.T) {
		r := inv.run(t, "sessions", "revoke", sessions[0].ID).want(t, exitUsage)
		if !strings.Contains(r.stderr, "refusing to revoke 1 session without --yes") {
			t.Errorf("stderr = %q", r.stderr)
		}
		tty := inv
		tty.tty, tty.stdin = true, "n\n"
		r = tty.run(t, "sessions", "revoke", sessions[0].ID).want(t, exitAPI)
		if !strings.Contains(r.stderr, "Revoke session "+sessions[0].ID+" (portal, last used 2024-03-01 09:30Z)?") {
			t.Errorf("stderr = %q", r.stderr)
		}
		r = inv.run(t, "sessions", "revoke", sessions[0].NodeID, "--dry-run").want(t, exitOK)
		if !strings.HasPrefix(r.stdout, "dry run: would revoke session "+sessions[0].ID) {
			t.Errorf("stdout = %q", r.stdout)
		}
		if got := len(srv.Sessions(u.ID)); got != 2 {
			t.Fatalf("%d sessions after refusals, want 2", got)
		}
		r = inv.run(t, "sessions", "revoke", sessions[0].ID, "--yes").want(t, exitOK)
		if got := decodeLines[actionResult](t, r.stdout); len(got) != 1 || got[0].Result != "revoked" {
			t.Errorf("results %+v", got)
		}
		if left := srv.Sessions(u.ID); len(left) != 1 || left[0].ID != sessions[1].ID {
			t.Errorf("sessions left %+v, want the second", left)
		}
		// Revoked sessions are not found again.
		inv.run(t, "sessions", "revoke", sessions[0].ID, "--yes").want(t, exitAPI)
	})
	t.Run("revoke all", func(t *testing.T) {
		inv.run(t, "sessions", "revoke-all", u.ID).want(t, exitUsage)
		inv.run(t, "sessions", "revoke-all", u.ID, "--yes").want(t, exitOK)
		if left := srv.Sessions(u.ID); len(left) != 0 {
			t.Errorf("sessions left %+v", left)
		}
		tty := inv
		tty.tty = true
		r := tty.run(t, "sessions", "list", u.ID).want(t, exitOK)
		if r.stdout != "" || !strings.Contains(r.stderr, "no sessions") {
			t.Errorf("stdout %q, stderr %q", r.stdout, r.stderr)
		}
	})
}
