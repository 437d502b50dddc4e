package store

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

func TestValidateKey(t *testing.T) {
	t.Parallel()
	tests := []struct {
		key   string
		kinds []string // failing keywords, in order; none for a valid key
	}{
		{"manager", nil},
		{"manager:SUPER_ADMIN1", nil},
		{"_x", nil},
		{"", []string{"minLength", "pattern"}},
		{"0admin", []string{"pattern"}},
		{"GOOD key", []string{"pattern"}},
		{"user#123", []string{"pattern"}},
		{"a0123456789012345678901234567890123456789", []string{"maxLength"}},
		{"authgear:user", []string{"format"}},
	}
	for _, tt := range tests {
		err := ValidateKey(tt.key)
		var kinds []string
		if e, ok := apierr.As(err); ok {
			if e.Reason != "ValidationFailed" || e.Message != "invalid value" {
				t.Errorf("ValidateKey(%q) = %v, want a ValidationFailed error", tt.key, e)
			}
			for _, c := range e.Info["causes"].([]apierr.Cause) {
				kinds = append(kinds, c.Kind)
			}
		} else if err != nil {
			t.Errorf("ValidateKey(%q) = %v, not an API error", tt.key, err)
		}
		if diff := cmp.Diff(tt.kinds, kinds); diff != "" {
			t.Errorf("ValidateKey(%q) failing keywords (-want +got):\n%s", tt.key, diff)
		}
	}
}

func TestRoleCRUD(t *testing.T) {
	t.Parallel()
	s := newTestStore()
	r, err := s.CreateRole(NewEntity{Key: "admin", Name: ptrTo("Admin"), Description: ptrTo("")})
	if err != nil {
		t.Fatal(err)
	}
	if r.Name == nil || *r.Name != "Admin" || r.Description != nil {
		t.Errorf("created role = %+v, want name Admin and no description", r)
	}
	_, err = s.CreateRole(NewEntity{Key: "admin"})
	wantReason(t, err, "RoleDuplicateKey")
	if e, _ := apierr.As(err); e.Name != apierr.BadRequest {
		t.Errorf("duplicate key error name = %s, want BadRequest", e.Name)
	}
	if _, err := s.CreateRole(NewEntity{Key: "viewer", Name: ptrTo("Read only")}); err != nil {
		t.Fatal(err)
	}

	// null keeps, "" clears, a value replaces.
	u, err := s.UpdateRole(r.ID, EntityUpdate{Description: ptrTo("all"), Name: ptrTo("")})
	if err != nil {
		t.Fatal(err)
	}
	if u.Key != "admin" || u.Name != nil || u.Description == nil || *u.Description != "all" {
		t.Errorf("updated role = %+v", u)
	}
	_, err = s.UpdateRole(r.ID, EntityUpdate{Key: ptrTo("viewer")})
	wantReason(t, err, "RoleDuplicateKey")
	_, err = s.UpdateRole(r.ID, EntityUpdate{Key: ptrTo("authgear:x")})
	wantReason(t, err, "ValidationFailed")
	_, err = s.UpdateRole("missing", EntityUpdate{})
	wantReason(t, err, "RoleNotFound")

	keys := func(rs []Role) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Key)
		}
		return out
	}
	if diff := cmp.Diff([]string{"admin", "viewer"}, keys(s.ListRoles("", nil))); diff != "" {
		t.Errorf("list (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"viewer"}, keys(s.ListRoles("READ", nil))); diff != "" {
		t.Errorf("search by name (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"viewer"}, keys(s.ListRoles("", []string{r.ID}))); diff != "" {
		t.Errorf("excluded (-want +got):\n%s", diff)
	}
	if _, err := s.DeleteRole(r.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.DeleteRole(r.ID)
	wantReason(t, err, "RoleNotFound")
}

func TestMemberships(t *testing.T) {
	t.Parallel()
	s := newTestStore()
	alice := mustCreateUser(t, s, "alice@example.com")
	bob := mustCreateUser(t, s, "bob@example.com")
	for _, k := range []string{"admin", "editor", "viewer"} {
		if _, err := s.CreateRole(NewEntity{Key: k}); err != nil {
			t.Fatal(err)
		}
	}
	staff, err := s.CreateGroup(NewEntity{Key: "staff"})
	if err != nil {
		t.Fatal(err)
	}

	_, err = s.AddRoleToUsers("admin", []string{alice.ID, "nobody"})
	if e, _ := apierr.As(err); e == nil || e.Reason != "UserUnknownKeys" || !cmp.Equal(e.Info, map[string]any{"ids": []string{"nobody"}}) {
		t.Errorf("unknown user error = %+v", e)
	}
	_, err = s.AddRoleToUsers("nope", []string{alice.ID})
	wantReason(t, err, "RoleNotFound")
	err = s.AddUserToRoles(bob.ID, []string{"editor", "ghost"})
	if e, _ := apierr.As(err); e == nil || e.Reason != "RoleUnknownKeys" || e.Name != apierr.NotFound || !cmp.Equal(e.Info, map[string]any{"keys": []string{"ghost"}}) {
		t.Errorf("unknown role error = %+v", e)
	}
	err = s.AddUserToGroups(bob.ID, []string{"ghost"})
	wantReason(t, err, "GroupUnknownKeys")
	_, err = s.AddGroupToRoles("staff", []string{"ghost"})
	if e, _ := apierr.As(err); e == nil || e.Reason != "GroupUnknownKeys" || e.Message != "unknown role keys" {
		t.Errorf("unknown role of a group error = %+v (the server's reason is GroupUnknownKeys)", e)
	}

	// The failed calls above linked what they could; a request would be
	// rolled back, the store is not.
	if _, err := s.AddGroupToRoles("staff", []string{"viewer", "admin"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddGroupToUsers("staff", []string{bob.ID}); err != nil {
		t.Fatal(err)
	}
	keys := func(rs []Role) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Key)
		}
		return out
	}
	if diff := cmp.Diff([]string{"editor"}, keys(s.RolesOfUser(bob.ID))); diff != "" {
		t.Errorf("bob's direct roles (-want +got):\n%s", diff)
	}
	// Roles of groups come first, then direct ones; all roles were created
	// in the same second, so that order stays.
	if diff := cmp.Diff([]string{"viewer", "admin", "editor"}, keys(s.EffectiveRoles(bob.ID))); diff != "" {
		t.Errorf("bob's effective roles, once each (-want +got):\n%s", diff)
	}
	if got := s.ListUsers(ListOptions{RoleKeys: []string{"viewer"}}); !cmp.Equal(got, []string{bob.ID}) {
		t.Errorf("users with viewer = %v, want bob (through staff)", got)
	}
	if got := s.ListUsers(ListOptions{GroupKeys: []string{"staff"}, RoleKeys: []string{"admin"}}); !cmp.Equal(got, []string{bob.ID}) {
		t.Errorf("staff with admin = %v, want bob", got)
	}
	if got := s.ListUsers(ListOptions{RoleKeys: []string{"admin"}}); len(got) != 2 {
		t.Errorf("users with admin = %v, want alice and bob", got)
	}

	// Deleting a group drops its links; deleting a user drops the user's.
	if _, err := s.DeleteGroup(staff.ID); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"editor"}, keys(s.EffectiveRoles(bob.ID))); diff != "" {
		t.Errorf("bob's effective roles after the group is gone (-want +got):\n%s", diff)
	}
	if err := s.DeleteUser(alice.ID); err != nil {
		t.Fatal(err)
	}
	admin, _ := s.RoleByKey("admin")
	if got := s.UsersOfRole(admin.ID); len(got) != 0 {
		t.Errorf("users of admin after alice is deleted = %v", got)
	}
}
