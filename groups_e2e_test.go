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

// groupState returns the emulator's state of the group with key, or nil.
func groupState(srv *adminapitest.Server, key string) *adminapitest.GroupState {
	for _, g := range srv.Groups() {
		if g.Key == key {
			return &g
		}
	}
	return nil
}

func TestE2EGroupCRUD(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	created := must[*adminapi.Group](t)(c.CreateGroup(ctx, adminapi.NewGroup{Key: "staff", Name: adminapi.Ptr("Staff")}))
	if created.Key != "staff" || created.Name != "Staff" || created.Description != "" {
		t.Errorf("created = %+v", created)
	}
	if st := groupState(srv, "staff"); st == nil || st.NodeID != created.ID {
		t.Fatalf("server state = %+v", st)
	}
	got := must[*adminapi.Group](t)(c.GetGroup(ctx, created.ID))
	if diff := cmp.Diff(created, got); diff != "" {
		t.Errorf("GetGroup mismatch (-want +got):\n%s", diff)
	}
	if g := must[*adminapi.Group](t)(c.GetGroupByKey(ctx, "staff")); g.ID != created.ID {
		t.Errorf("GetGroupByKey = %+v", g)
	}

	upd := must[*adminapi.Group](t)(c.UpdateGroup(ctx, created.ID, adminapi.GroupUpdate{Description: adminapi.Ptr("Employees")}))
	if upd.Name != "Staff" || upd.Description != "Employees" {
		t.Errorf("after setting the description: %+v", upd)
	}
	upd = must[*adminapi.Group](t)(c.UpdateGroup(ctx, created.ID, adminapi.GroupUpdate{Name: adminapi.Ptr("")}))
	if st := groupState(srv, "staff"); upd.Name != "" || st.Name != "" || st.Description != "Employees" {
		t.Errorf("after clearing the name: %+v, server %+v", upd, st)
	}

	mustOK(t, c.DeleteGroup(ctx, created.ID))
	if _, err := c.GetGroup(ctx, created.ID); !errors.Is(err, adminapi.ErrNotFound) {
		t.Errorf("GetGroup after delete: %v; want ErrNotFound", err)
	}
	if len(srv.Groups()) != 0 {
		t.Errorf("groups left: %+v", srv.Groups())
	}
}

func TestE2EGroupList(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	var ids []string
	for _, k := range []string{"ops", "sales", "staff"} {
		g, err := srv.SeedGroup(adminapitest.SeedGroup{Key: k})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, g.NodeID)
	}
	all := keysOf(collectE2E(t, c.ListGroups(ctx, &adminapi.ListGroupsOptions{PageSize: 2})), groupKey)
	slices.Sort(all)
	if diff := cmp.Diff([]string{"ops", "sales", "staff"}, all); diff != "" {
		t.Errorf("ListGroups mismatch (-want +got):\n%s", diff)
	}
	found := keysOf(collectE2E(t, c.SearchGroups(ctx, "sta", nil)), groupKey)
	if diff := cmp.Diff([]string{"staff"}, found); diff != "" {
		t.Errorf("SearchGroups mismatch (-want +got):\n%s", diff)
	}
	rest := keysOf(collectE2E(t, c.ListGroups(ctx, &adminapi.ListGroupsOptions{ExcludedIDs: ids[1:]})), groupKey)
	if diff := cmp.Diff([]string{"ops"}, rest); diff != "" {
		t.Errorf("ListGroups excluding mismatch (-want +got):\n%s", diff)
	}
}

func TestE2EGroupMemberships(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	alice, bob := seedUser(t, srv, "alice@example.com"), seedUser(t, srv, "bob@example.com")
	for _, k := range []string{"staff", "ops"} {
		if _, err := srv.SeedGroup(adminapitest.SeedGroup{Key: k}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := srv.SeedRole(adminapitest.SeedRole{Key: "admin"}); err != nil {
		t.Fatal(err)
	}
	staff := groupState(srv, "staff")

	// Group -> users.
	must[*adminapi.Group](t)(c.AddGroupToUsers(ctx, "staff", []string{alice.ID, bob.NodeID}))
	if diff := cmp.Diff([]string{alice.ID, bob.ID}, groupState(srv, "staff").UserIDs); diff != "" {
		t.Errorf("staff's members mismatch (-want +got):\n%s", diff)
	}
	members := keysOf(collectE2E(t, c.ListGroupUsers(ctx, staff.NodeID, &adminapi.PageOptions{PageSize: 1})), userEmail)
	slices.Sort(members)
	if diff := cmp.Diff([]string{"alice@example.com", "bob@example.com"}, members); diff != "" {
		t.Errorf("ListGroupUsers mismatch (-want +got):\n%s", diff)
	}
	must[*adminapi.Group](t)(c.RemoveGroupFromUsers(ctx, "staff", []string{bob.ID}))
	if diff := cmp.Diff([]string{alice.ID}, groupState(srv, "staff").UserIDs); diff != "" {
		t.Errorf("staff's members after removal mismatch (-want +got):\n%s", diff)
	}

	// User -> groups.
	must[*adminapi.User](t)(c.AddUserToGroups(ctx, bob.ID, []string{"ops", "staff"}))
	groups := keysOf(collectE2E(t, c.ListUserGroups(ctx, bob.ID, nil)), groupKey)
	slices.Sort(groups)
	if diff := cmp.Diff([]string{"ops", "staff"}, groups); diff != "" {
		t.Errorf("ListUserGroups mismatch (-want +got):\n%s", diff)
	}
	must[*adminapi.User](t)(c.RemoveUserFromGroups(ctx, bob.NodeID, []string{"ops"}))
	if diff := cmp.Diff([]string{"staff"}, keysOf(collectE2E(t, c.ListUserGroups(ctx, bob.ID, nil)), groupKey)); diff != "" {
		t.Errorf("bob's groups after removal mismatch (-want +got):\n%s", diff)
	}

	// Group -> roles, seen from the group and from its members.
	must[*adminapi.Group](t)(c.AddGroupToRoles(ctx, "staff", []string{"admin"}))
	if diff := cmp.Diff([]string{"admin"}, keysOf(collectE2E(t, c.ListGroupRoles(ctx, staff.NodeID, nil)), roleKey)); diff != "" {
		t.Errorf("ListGroupRoles mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"admin"}, keysOf(collectE2E(t, c.ListUserEffectiveRoles(ctx, alice.ID, nil)), roleKey)); diff != "" {
		t.Errorf("alice's effective roles mismatch (-want +got):\n%s", diff)
	}
	must[*adminapi.Group](t)(c.RemoveGroupFromRoles(ctx, "staff", []string{"admin"}))
	if left := groupState(srv, "staff").RoleKeys; len(left) != 0 {
		t.Errorf("staff still holds %v", left)
	}
}

// ExampleClient_AddGroupToUsers puts users in a group that holds a role,
// and lists the roles a member holds through it.
func ExampleClient_AddGroupToUsers() {
	srv := startEmulator()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	bob, err := client.CreateUser(ctx, adminapi.NewUser{
		LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "bob@example.com"},
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.CreateRole(ctx, adminapi.NewRole{Key: "support"}); err != nil {
		log.Fatal(err)
	}
	if _, err := client.CreateGroup(ctx, adminapi.NewGroup{Key: "helpdesk", Name: adminapi.Ptr("Help desk")}); err != nil {
		log.Fatal(err)
	}
	if _, err := client.AddGroupToRoles(ctx, "helpdesk", []string{"support"}); err != nil {
		log.Fatal(err)
	}
	if _, err := client.AddGroupToUsers(ctx, "helpdesk", []string{bob.ID}); err != nil {
		log.Fatal(err)
	}
	for g, err := range client.ListUserGroups(ctx, bob.ID, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("group:", g.Key, g.Name)
	}
	for r, err := range client.ListUserEffectiveRoles(ctx, bob.ID, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("role:", r.Key)
	}
	// Output:
	// group: helpdesk Help desk
	// role: support
}
