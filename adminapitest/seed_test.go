package adminapitest

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestSeedUser(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	created := time.Date(2024, 5, 6, 7, 8, 9, 123456000, time.UTC)
	u, err := s.SeedUser(SeedUser{
		Email:              "Alice@Example.com",
		Phone:              "+14155550100",
		Username:           "Alice",
		Password:           "pw", // the policy does not apply to seeding
		StandardAttributes: map[string]any{"name": "Alice Liddell"},
		CustomAttributes:   map[string]any{"plan": "pro", "seats": 3},
		Disabled:           true,
		DisableReason:      "fraud",
		CreatedAt:          created,
	})
	if err != nil {
		t.Fatal(err)
	}
	want := &UserState{
		CreatedAt: created,
		UpdatedAt: created,
		StandardAttributes: map[string]any{
			"email": "alice@example.com", "email_verified": false,
			"phone_number": "+14155550100", "phone_number_verified": false,
			"preferred_username": "alice", "name": "Alice Liddell",
			"updated_at": created.Unix(),
		},
		CustomAttributes: map[string]any{"plan": "pro", "seats": 3},
		Disabled:         true,
		DisableReason:    "fraud",
		HasPassword:      true,
	}
	ignore := cmpopts.IgnoreFields(UserState{}, "ID", "NodeID", "Identities", "Authenticators")
	if diff := cmp.Diff(want, u, ignore); diff != "" {
		t.Errorf("seeded user (-want +got):\n%s", diff)
	}
	wantPassword := []AuthenticatorState{{UserID: u.ID, Type: AuthenticatorPassword, Kind: KindPrimary, CreatedAt: created, UpdatedAt: created}}
	if diff := cmp.Diff(wantPassword, u.Authenticators, cmpopts.IgnoreFields(AuthenticatorState{}, "ID", "NodeID")); diff != "" {
		t.Errorf("seeded password (-want +got):\n%s", diff)
	}
	var logins []string
	for _, i := range u.Identities {
		logins = append(logins, i.LoginIDKey+"="+i.LoginID+"/"+i.OriginalValue)
	}
	if diff := cmp.Diff([]string{"email=alice@example.com/Alice@Example.com", "phone=+14155550100/+14155550100", "username=alice/Alice"}, logins); diff != "" {
		t.Errorf("identities (-want +got):\n%s", diff)
	}
	if !s.CheckPassword(u.ID, "pw") || s.CheckPassword(u.NodeID, "wrong") || !s.CheckPassword(u.NodeID, "pw") {
		t.Error("CheckPassword does not match the seeded password")
	}

	// The API sees the seeded user.
	data := gqlData(t, s, `query($id: ID!) { node(id: $id) { ... on User { isDisabled disableReason formattedName endUserAccountID customAttributes } } }`, map[string]any{"id": u.NodeID})
	if diff := cmp.Diff(map[string]any{
		"isDisabled": true, "disableReason": "fraud", "formattedName": "Alice Liddell",
		"endUserAccountID": "alice@example.com", "customAttributes": map[string]any{"plan": "pro", "seats": float64(3)},
	}, data["node"]); diff != "" {
		t.Errorf("API view (-want +got):\n%s", diff)
	}
}

func TestSeedUserErrors(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	if _, err := s.SeedUser(SeedUser{Email: "dup@example.com"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		u    SeedUser
		msg  string
	}{
		{"invalid email", SeedUser{Email: "nope"}, "invalid login ID"},
		{"invalid phone", SeedUser{Phone: "12345"}, "invalid login ID"},
		{"invalid username", SeedUser{Username: "no spaces"}, "invalid login ID"},
		{"duplicate", SeedUser{Email: "DUP@example.com"}, "identity already exists"},
		{"bad valid period", SeedUser{Email: "p@example.com", AccountValidFrom: time.Now(), AccountValidUntil: time.Now().Add(-time.Hour)}, "account valid period"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := s.SeedUser(tt.u)
			if err == nil || !strings.HasPrefix(err.Error(), "adminapitest: seed user: ") || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want one mentioning %q", err, tt.msg)
			}
		})
	}
	if n := len(s.Users()); n != 1 {
		t.Errorf("%d users after failed seeds, want 1", n)
	}
}

func TestInspectionReturnsCopies(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u, err := s.SeedUser(SeedUser{Email: "a@example.com", CustomAttributes: map[string]any{"tags": []any{"x"}}})
	if err != nil {
		t.Fatal(err)
	}
	u.CustomAttributes["tags"].([]any)[0] = "changed"
	u.StandardAttributes["email"] = "changed"
	u.Identities[0].Claims["email"] = "changed"
	again, ok := s.User(u.NodeID)
	if !ok {
		t.Fatal("User by node id: not found")
	}
	if again.CustomAttributes["tags"].([]any)[0] != "x" || again.StandardAttributes["email"] != "a@example.com" || again.Identities[0].Claims["email"] != "a@example.com" {
		t.Errorf("changing a returned state changed the server: %+v", again)
	}
	if _, ok := s.User(u.ID); !ok {
		t.Error("User by raw id: not found")
	}
	if _, ok := s.User("00000000-0000-0000-0000-000000000000"); ok {
		t.Error("User of a missing id: found")
	}
}

func TestUsersOrderAndReset(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, e := range []string{"c@example.com", "a@example.com", "b@example.com"} {
		// Seeded out of order: a is oldest.
		offset := map[int]time.Duration{0: 2, 1: 0, 2: 1}[i]
		if _, err := s.SeedUser(SeedUser{Email: e, CreatedAt: base.Add(offset * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, u := range s.Users() {
		got = append(got, u.StandardAttributes["email"].(string))
	}
	if diff := cmp.Diff([]string{"a@example.com", "b@example.com", "c@example.com"}, got); diff != "" {
		t.Errorf("Users order (-want +got):\n%s", diff)
	}
	gqlData(t, s, usersTotalCount, nil)
	s.Reset()
	if len(s.Users()) != 0 || len(s.Requests()) != 0 {
		t.Errorf("after Reset: %d users, %d requests; want none", len(s.Users()), len(s.Requests()))
	}
	if got := gqlData(t, s, usersTotalCount, nil)["users"].(map[string]any)["totalCount"]; got != float64(0) {
		t.Errorf("totalCount after Reset = %v", got)
	}
}
