package adminapi_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

// roleState returns the emulator's state of the role with key, or nil.
func roleState(srv *adminapitest.Server, key string) *adminapitest.RoleState {
	for _, r := range srv.Roles() {
		if r.Key == key {
			return &r
		}
	}
	return nil
}

func TestE2ERoleCRUD(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	created := must[*adminapi.Role](t)(c.CreateRole(ctx, adminapi.NewRole{Key: "admin", Name: adminapi.Ptr("Admin"), Description: adminapi.Ptr("All rights")}))
	if created.Key != "admin" || created.Name != "Admin" || created.Description != "All rights" || created.ID == "" {
		t.Errorf("created = %+v", created)
	}
	if st := roleState(srv, "admin"); st == nil || st.NodeID != created.ID || st.Name != "Admin" {
		t.Fatalf("server state = %+v", st)
	}
	if _, err := c.CreateRole(ctx, adminapi.NewRole{Key: "admin"}); err == nil {
		t.Error("a second role with the same key was created")
	}

	got := must[*adminapi.Role](t)(c.GetRole(ctx, created.ID))
	if diff := cmp.Diff(created, got); diff != "" {
		t.Errorf("GetRole mismatch (-want +got):\n%s", diff)
	}
	byKey := must[*adminapi.Role](t)(c.GetRoleByKey(ctx, "admin"))
	if byKey.ID != created.ID {
		t.Errorf("GetRoleByKey = %+v", byKey)
	}
	if _, err := c.GetRoleByKey(ctx, "adm"); !errors.Is(err, adminapi.ErrNotFound) {
		t.Errorf("GetRoleByKey(prefix) error = %v; want ErrNotFound", err)
	}

	// nil keeps, "" clears, a value replaces.
	upd := must[*adminapi.Role](t)(c.UpdateRole(ctx, created.ID, adminapi.RoleUpdate{Description: adminapi.Ptr("")}))
	if upd.Name != "Admin" || upd.Description != "" {
		t.Errorf("after clearing the description: %+v", upd)
	}
	upd = must[*adminapi.Role](t)(c.UpdateRole(ctx, created.ID, adminapi.RoleUpdate{Key: adminapi.Ptr("administrator"), Name: adminapi.Ptr("Administrator")}))
	if st := roleState(srv, "administrator"); upd.Key != "administrator" || st == nil || st.Name != "Administrator" || st.Description != "" {
		t.Errorf("after renaming: %+v, server %+v", upd, st)
	}

	mustOK(t, c.DeleteRole(ctx, created.ID))
	if _, err := c.GetRole(ctx, created.ID); !errors.Is(err, adminapi.ErrNotFound) {
		t.Errorf("GetRole after delete: %v; want ErrNotFound", err)
	}
	if len(srv.Roles()) != 0 {
		t.Errorf("roles left: %+v", srv.Roles())
	}
}

func TestE2ERoleList(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	var ids []string
	for _, k := range []string{"admin", "auditor", "viewer"} {
		r, err := srv.SeedRole(adminapitest.SeedRole{Key: k})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.NodeID)
	}
	all := keysOf(collectE2E(t, c.ListRoles(ctx, &adminapi.ListRolesOptions{PageSize: 2})), roleKey)
	slices.Sort(all)
	if diff := cmp.Diff([]string{"admin", "auditor", "viewer"}, all); diff != "" {
		t.Errorf("ListRoles mismatch (-want +got):\n%s", diff)
	}
	found := keysOf(collectE2E(t, c.SearchRoles(ctx, "vie", nil)), roleKey)
	if diff := cmp.Diff([]string{"viewer"}, found); diff != "" {
		t.Errorf("SearchRoles mismatch (-want +got):\n%s", diff)
	}
	rest := keysOf(collectE2E(t, c.ListRoles(ctx, &adminapi.ListRolesOptions{ExcludedIDs: ids[:2]})), roleKey)
	if diff := cmp.Diff([]string{"viewer"}, rest); diff != "" {
		t.Errorf("ListRoles excluding mismatch (-want +got):\n%s", diff)
	}
}

func TestE2ERoleUserMemberships(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	alice, bob := seedUser(t, srv, "alice@example.com"), seedUser(t, srv, "bob@example.com")
	for _, k := range []string{"admin", "viewer"} {
		if _, err := srv.SeedRole(adminapitest.SeedRole{Key: k}); err != nil {
			t.Fatal(err)
		}
	}
	admin := roleState(srv, "admin")

	// Role -> users, with a raw UUID and a node id.
	r := must[*adminapi.Role](t)(c.AddRoleToUsers(ctx, "admin", []string{alice.ID, bob.NodeID}))
	if r.Key != "admin" {
		t.Errorf("AddRoleToUsers returned %+v", r)
	}
	if diff := cmp.Diff([]string{alice.ID, bob.ID}, roleState(srv, "admin").UserIDs); diff != "" {
		t.Errorf("admin's users mismatch (-want +got):\n%s", diff)
	}
	emails := keysOf(collectE2E(t, c.ListRoleUsers(ctx, admin.NodeID, &adminapi.PageOptions{PageSize: 1})), userEmail)
	slices.Sort(emails)
	if diff := cmp.Diff([]string{"alice@example.com", "bob@example.com"}, emails); diff != "" {
		t.Errorf("ListRoleUsers mismatch (-want +got):\n%s", diff)
	}

	// User -> roles.
	u := must[*adminapi.User](t)(c.AddUserToRoles(ctx, alice.ID, []string{"viewer"}))
	if u.ID != alice.NodeID {
		t.Errorf("AddUserToRoles returned user %s", u.ID)
	}
	roles := keysOf(collectE2E(t, c.ListUserRoles(ctx, alice.ID, nil)), roleKey)
	slices.Sort(roles)
	if diff := cmp.Diff([]string{"admin", "viewer"}, roles); diff != "" {
		t.Errorf("ListUserRoles mismatch (-want +got):\n%s", diff)
	}

	must[*adminapi.Role](t)(c.RemoveRoleFromUsers(ctx, "admin", []string{bob.ID}))
	if diff := cmp.Diff([]string{alice.ID}, roleState(srv, "admin").UserIDs); diff != "" {
		t.Errorf("admin's users after removal mismatch (-want +got):\n%s", diff)
	}
	must[*adminapi.User](t)(c.RemoveUserFromRoles(ctx, alice.NodeID, []string{"admin", "viewer"}))
	if left := collectE2E(t, c.ListUserRoles(ctx, alice.ID, nil)); len(left) != 0 {
		t.Errorf("alice still holds %v", keysOf(left, roleKey))
	}
	if _, err := c.AddRoleToUsers(ctx, "no-such-role", []string{alice.ID}); err == nil {
		t.Error("AddRoleToUsers with an unknown role succeeded")
	}
}

func TestE2ERoleGroupMemberships(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	alice := seedUser(t, srv, "alice@example.com")
	if _, err := srv.SeedRole(adminapitest.SeedRole{Key: "admin"}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.SeedRole(adminapitest.SeedRole{Key: "viewer", UserIDs: []string{alice.ID}}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.SeedGroup(adminapitest.SeedGroup{Key: "staff", UserIDs: []string{alice.ID}}); err != nil {
		t.Fatal(err)
	}
	admin := roleState(srv, "admin")

	must[*adminapi.Role](t)(c.AddRoleToGroups(ctx, "admin", []string{"staff"}))
	if diff := cmp.Diff([]string{"staff"}, roleState(srv, "admin").GroupKeys); diff != "" {
		t.Errorf("admin's groups mismatch (-want +got):\n%s", diff)
	}
	groups := keysOf(collectE2E(t, c.ListRoleGroups(ctx, admin.NodeID, nil)), groupKey)
	if diff := cmp.Diff([]string{"staff"}, groups); diff != "" {
		t.Errorf("ListRoleGroups mismatch (-want +got):\n%s", diff)
	}
	// alice holds viewer directly and admin through staff.
	direct := keysOf(collectE2E(t, c.ListUserRoles(ctx, alice.ID, nil)), roleKey)
	effective := keysOf(collectE2E(t, c.ListUserEffectiveRoles(ctx, alice.ID, nil)), roleKey)
	slices.Sort(effective)
	if !slices.Equal(direct, []string{"viewer"}) || !slices.Equal(effective, []string{"admin", "viewer"}) {
		t.Errorf("direct roles %v, effective roles %v", direct, effective)
	}

	must[*adminapi.Role](t)(c.RemoveRoleFromGroups(ctx, "admin", []string{"staff"}))
	if left := roleState(srv, "admin").GroupKeys; len(left) != 0 {
		t.Errorf("admin still given to %v", left)
	}
}

// ExampleClient_CreateRole creates a role, gives it to a user and lists the
// user's roles.
func ExampleClient_CreateRole() {
	srv := startEmulator()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	alice, err := client.CreateUser(ctx, adminapi.NewUser{
		LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "alice@example.com"},
	})
	if err != nil {
		log.Fatal(err)
	}
	role, err := client.CreateRole(ctx, adminapi.NewRole{Key: "billing_admin", Name: adminapi.Ptr("Billing admin")})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.AddUserToRoles(ctx, alice.ID, []string{role.Key}); err != nil {
		log.Fatal(err)
	}
	for r, err := range client.ListUserRoles(ctx, alice.ID, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(r.Key, r.Name)
	}
	// Output:
	// billing_admin Billing admin
}
