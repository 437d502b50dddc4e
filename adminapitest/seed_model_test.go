package adminapitest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestSeedRolesAndGroups(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithSearchIndexLag(true))
	a := seed(t, s, SeedUser{Email: "a@example.com"})
	b := seed(t, s, SeedUser{Email: "b@example.com"})
	g := mustSeedGroup(t, s, SeedGroup{Key: "staff", Name: "Staff", UserIDs: []string{b.NodeID}})
	r := mustSeedRole(t, s, SeedRole{Key: "admin", Description: "All", UserIDs: []string{a.ID}, GroupKeys: []string{"staff"}})

	want := RoleState{Key: "admin", Description: "All", UserIDs: []string{a.ID}, GroupKeys: []string{"staff"}}
	if diff := cmp.Diff(want, *r, cmpopts.IgnoreFields(RoleState{}, "ID", "NodeID", "CreatedAt", "UpdatedAt")); diff != "" {
		t.Errorf("seeded role (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]GroupState{{ID: g.ID, NodeID: g.NodeID, Key: "staff", Name: "Staff", CreatedAt: g.CreatedAt, UpdatedAt: g.UpdatedAt,
		UserIDs: []string{b.ID}, RoleKeys: []string{"admin"}}}, s.Groups()); diff != "" {
		t.Errorf("Groups() (-want +got):\n%s", diff)
	}
	// Seeded memberships are indexed at once, even with a lagging index.
	got := gqlData(t, s, `{ users(roleKeys: ["admin"], sortDirection: ASC) { edges { node { id } } } }`, nil)
	if ids := nodesOf(t, got["users"], "id"); !cmp.Equal(ids, []any{a.NodeID, b.NodeID}) {
		t.Errorf("users with admin = %v", ids)
	}

	// A failing seed leaves nothing behind.
	for _, bad := range []SeedRole{
		{Key: "viewer", UserIDs: []string{"nobody"}},
		{Key: "viewer", GroupKeys: []string{"nope"}},
		{Key: "authgear:viewer"},
		{Key: "admin"},
	} {
		if _, err := s.SeedRole(bad); err == nil {
			t.Errorf("SeedRole(%+v) succeeded", bad)
		}
	}
	if _, err := s.SeedGroup(SeedGroup{Key: "ops", RoleKeys: []string{"nope"}}); err == nil {
		t.Error("SeedGroup with an unknown role succeeded")
	}
	if n := len(s.Roles()) + len(s.Groups()); n != 2 {
		t.Errorf("%d roles and groups after failed seeds, want 2", n)
	}

	// States are copies.
	roles := s.Roles()
	roles[0].UserIDs[0] = "changed"
	if s.Roles()[0].UserIDs[0] != a.ID {
		t.Error("changing Roles() changed the server")
	}
}

func TestSeedAuthenticatorsAndResources(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u := seed(t, s, SeedUser{Phone: "+85298765432"})
	sms, err := s.SeedAuthenticator(SeedAuthenticator{UserID: u.NodeID, Type: AuthenticatorOOBOTPSMS, Phone: "+85298765432"})
	if err != nil {
		t.Fatal(err)
	}
	if sms.Kind != KindPrimary || sms.Phone != "+85298765432" || sms.UserID != u.ID {
		t.Errorf("seeded SMS authenticator = %+v", sms)
	}
	totp, err := s.SeedTOTP(u.ID, "phone")
	if err != nil || totp.Kind != KindSecondary || !totp.IsDefault {
		t.Errorf("SeedTOTP = %+v, %v", totp, err)
	}
	if _, err := s.SeedAuthenticator(SeedAuthenticator{UserID: "nobody", Type: AuthenticatorTOTP}); err == nil {
		t.Error("authenticator of nobody seeded")
	}
	if st, _ := s.User(u.ID); len(st.Authenticators) != 2 {
		t.Errorf("authenticators = %+v", st.Authenticators)
	}

	res, err := s.SeedResource(SeedResource{URI: "https://api.example.com", Name: "API", ClientIDs: []string{"web"},
		Scopes: []SeedScope{{Scope: "write", ClientIDs: []string{"web"}}, {Scope: "read", Description: "Read"}}})
	if err != nil {
		t.Fatal(err)
	}
	want := ResourceState{URI: "https://api.example.com", Name: "API", ClientIDs: []string{"web"}, Scopes: []ScopeState{
		{Scope: "read", Description: "Read"}, {Scope: "write", ClientIDs: []string{"web"}},
	}}
	opts := cmpopts.IgnoreFields(ResourceState{}, "ID", "NodeID", "CreatedAt", "UpdatedAt")
	sopts := cmpopts.IgnoreFields(ScopeState{}, "ID", "NodeID", "CreatedAt", "UpdatedAt")
	if diff := cmp.Diff(want, *res, opts, sopts); diff != "" {
		t.Errorf("seeded resource (-want +got):\n%s", diff)
	}
	if _, err := s.SeedResource(SeedResource{URI: "https://other.example.com", Scopes: []SeedScope{{Scope: "x", ClientIDs: []string{"mobile"}}}}); err == nil {
		t.Error("scope granted to a client without the resource")
	}
	if n := len(s.Resources()); n != 1 {
		t.Errorf("%d resources after a failed seed, want 1", n)
	}
}

func TestResetClearsEverything(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u := seed(t, s, SeedUser{Email: "a@example.com"})
	mustSeedRole(t, s, SeedRole{Key: "admin", UserIDs: []string{u.ID}})
	mustSeedGroup(t, s, SeedGroup{Key: "staff"})
	if _, err := s.SeedResource(SeedResource{URI: "https://api.example.com"}); err != nil {
		t.Fatal(err)
	}
	gqlData(t, s, `mutation {
		sendResetPasswordMessage(input: {loginID: "a@example.com"})
		generateOOBOTPCode(input: {target: "a@example.com"}) { code }
	}`, nil)
	if len(s.AuditLogs()) == 0 || len(s.Outbox()) == 0 {
		t.Fatal("nothing to reset")
	}
	logs := s.AuditLogs()
	logs[0].Data["type"] = "changed"
	if s.AuditLogs()[0].Data["type"] == "changed" {
		t.Error("changing AuditLogs() changed the server")
	}

	s.Reset()
	if n := len(s.Users()) + len(s.Roles()) + len(s.Groups()) + len(s.Resources()) + len(s.AuditLogs()) + len(s.Outbox()); n != 0 {
		t.Errorf("%d things left after Reset", n)
	}
	if _, ok := s.LastOOBOTPCode("a@example.com"); ok {
		t.Error("OTP code left after Reset")
	}
}
