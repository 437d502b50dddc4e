package adminapitest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

const roleFields = `id key name description createdAt updatedAt`

func TestRoleAndGroupMutations(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)

	created := gqlData(t, s, `mutation {
		r: createRole(input: {key: "admin", name: "Admin", description: ""}) { role { `+roleFields+` } }
		g: createGroup(input: {key: "staff", description: "Everyone"}) { group { `+roleFields+` } }
	}`, nil)
	role := dig(t, created, "r", "role").(map[string]any)
	group := dig(t, created, "g", "group").(map[string]any)
	if role["name"] != "Admin" || role["description"] != nil || group["name"] != nil || group["description"] != "Everyone" {
		t.Errorf("created role %v and group %v", role, group)
	}

	// null keeps a field, "" clears it.
	updated := gqlData(t, s, `mutation($r: ID!, $g: ID!) {
		r: updateRole(input: {id: $r, key: "administrator", name: null, description: "All rights"}) { role { key name description } }
		g: updateGroup(input: {id: $g, description: ""}) { group { key name description } }
	}`, map[string]any{"r": role["id"], "g": group["id"]})
	if diff := cmp.Diff(map[string]any{
		"r": map[string]any{"role": map[string]any{"key": "administrator", "name": "Admin", "description": "All rights"}},
		"g": map[string]any{"group": map[string]any{"key": "staff", "name": nil, "description": nil}},
	}, updated); diff != "" {
		t.Errorf("updates (-want +got):\n%s", diff)
	}

	errs := []struct {
		name, query      string
		vars             map[string]any
		message, errName string
		reason           string
	}{
		{"duplicate role", `mutation { createRole(input: {key: "administrator"}) { role { id } } }`, nil,
			"duplicate role key", "BadRequest", "RoleDuplicateKey"},
		{"duplicate group", `mutation { createGroup(input: {key: "staff"}) { group { id } } }`, nil,
			"duplicate group key", "BadRequest", "GroupDuplicateKey"},
		{"reserved prefix", `mutation { createRole(input: {key: "authgear:x"}) { role { id } } }`, nil,
			"invalid value", "Invalid", "ValidationFailed"},
		{"empty key", `mutation { createGroup(input: {key: ""}) { group { id } } }`, nil,
			"invalid value", "Invalid", "ValidationFailed"},
		{"bad role id", `mutation { deleteRole(input: {id: "garbage"}) { ok } }`, nil,
			"invalid role ID", "Invalid", "Invalid"},
		{"group id as role id", `mutation($id: ID!) { deleteRole(input: {id: $id}) { ok } }`, map[string]any{"id": group["id"]},
			"invalid role ID", "Invalid", "Invalid"},
		{"missing role", `mutation { updateRole(input: {id: "Um9sZTpub3BlCg", name: "x"}) { role { id } } }`, nil,
			"role not found", "NotFound", "RoleNotFound"},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			checkAPIError(t, gqlError(t, s, tt.query, tt.vars), tt.message, tt.errName, tt.reason)
		})
	}

	ok := gqlData(t, s, `mutation($r: ID!, $g: ID!) {
		r: deleteRole(input: {id: $r}) { ok }
		g: deleteGroup(input: {id: $g}) { ok }
	}`, map[string]any{"r": role["id"], "g": group["id"]})
	if diff := cmp.Diff(map[string]any{"r": map[string]any{"ok": true}, "g": map[string]any{"ok": true}}, ok); diff != "" {
		t.Errorf("deletes (-want +got):\n%s", diff)
	}
	if len(s.Roles())+len(s.Groups()) != 0 {
		t.Errorf("roles %v and groups %v left", s.Roles(), s.Groups())
	}
}

func TestRolesList(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	for _, k := range []string{"viewer", "admin", "editor", "auditor"} {
		mustSeedRole(t, s, SeedRole{Key: k, Name: "Role " + k})
	}
	editor := s.Roles()[2]
	if editor.Key != "editor" {
		t.Fatalf("Roles() not by key: %v", s.Roles())
	}
	list := func(vars map[string]any) map[string]any {
		t.Helper()
		return gqlData(t, s, `query($first: Int, $after: String, $kw: String, $ex: [ID!]) {
			roles(first: $first, after: $after, searchKeyword: $kw, excludedIDs: $ex) {
				totalCount pageInfo { hasNextPage endCursor } edges { cursor node { key } }
			}
		}`, vars)["roles"].(map[string]any)
	}
	page1 := list(map[string]any{"first": 2})
	if diff := cmp.Diff([]any{"admin", "auditor"}, nodesOf(t, page1, "key")); diff != "" {
		t.Errorf("page 1 (-want +got):\n%s", diff)
	}
	if dig(t, page1, "totalCount") != float64(4) || dig(t, page1, "pageInfo", "endCursor") != "b2Zmc2V0OjE" {
		t.Errorf("page 1 info = %v", page1)
	}
	page2 := list(map[string]any{"first": 2, "after": dig(t, page1, "pageInfo", "endCursor")})
	if diff := cmp.Diff([]any{"editor", "viewer"}, nodesOf(t, page2, "key")); diff != "" {
		t.Errorf("page 2 (-want +got):\n%s", diff)
	}
	if got := nodesOf(t, list(map[string]any{"kw": "IT"}), "key"); !cmp.Equal(got, []any{"auditor", "editor"}) {
		t.Errorf("search IT = %v", got)
	}
	if got := nodesOf(t, list(map[string]any{"kw": "role v"}), "key"); !cmp.Equal(got, []any{"viewer"}) {
		t.Errorf("search by name = %v", got)
	}
	if got := nodesOf(t, list(map[string]any{"ex": []string{editor.NodeID}}), "key"); !cmp.Equal(got, []any{"admin", "auditor", "viewer"}) {
		t.Errorf("excluding editor = %v", got)
	}
	e := gqlError(t, s, `{ groups(excludedIDs: ["garbage"]) { totalCount } }`, nil)
	checkAPIError(t, e, "invalid group ID", "Invalid", "Invalid")
}

func TestMemberships(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	alice := seed(t, s, SeedUser{Email: "alice@example.com"})
	bob := seed(t, s, SeedUser{Email: "bob@example.com"})
	for _, k := range []string{"admin", "editor", "viewer"} {
		mustSeedRole(t, s, SeedRole{Key: k})
	}
	mustSeedGroup(t, s, SeedGroup{Key: "staff"})
	mustSeedGroup(t, s, SeedGroup{Key: "ops"})

	gqlData(t, s, `mutation($a: ID!, $b: ID!) {
		addRoleToUsers(input: {roleKey: "admin", userIDs: [$a]}) { role { key } }
		addUserToRoles(input: {userID: $b, roleKeys: ["editor"]}) { user { id } }
		addGroupToUsers(input: {groupKey: "staff", userIDs: [$a, $b]}) { group { key } }
		addRoleToGroups(input: {roleKey: "viewer", groupKeys: ["staff"]}) { role { key } }
		addGroupToRoles(input: {groupKey: "ops", roleKeys: ["admin"]}) { group { key } }
	}`, map[string]any{"a": alice.NodeID, "b": bob.NodeID})
	gqlData(t, s, `mutation($b: ID!) { addUserToGroups(input: {userID: $b, groupKeys: ["ops"]}) { user { id } } }`,
		map[string]any{"b": bob.NodeID})

	user := gqlData(t, s, `query($id: ID!) { node(id: $id) { ... on User {
		roles { totalCount edges { node { key } } }
		groups { edges { node { key } } }
		effectiveRoles { edges { node { key } } }
	} } }`, map[string]any{"id": bob.NodeID})["node"]
	if got := nodesOf(t, dig(t, user, "roles"), "key"); !cmp.Equal(got, []any{"editor"}) {
		t.Errorf("bob's roles = %v", got)
	}
	if got := nodesOf(t, dig(t, user, "groups"), "key"); !cmp.Equal(got, []any{"staff", "ops"}) {
		t.Errorf("bob's groups = %v", got)
	}
	// Roles of groups first, then direct ones, each once.
	if got := nodesOf(t, dig(t, user, "effectiveRoles"), "key"); !cmp.Equal(got, []any{"viewer", "admin", "editor"}) {
		t.Errorf("bob's effective roles = %v", got)
	}

	admin := s.Roles()[0]
	role := gqlData(t, s, `query($id: ID!) { node(id: $id) { ... on Role {
		users(first: 10) { totalCount edges { cursor node { id } } }
		groups { edges { node { key } } }
	} } }`, map[string]any{"id": admin.NodeID})["node"]
	if got := nodesOf(t, dig(t, role, "users"), "id"); !cmp.Equal(got, []any{alice.NodeID}) {
		t.Errorf("admin's users = %v", got)
	}
	if got := dig(t, role, "users", "edges", 0, "cursor"); got != "b2Zmc2V0OjA" {
		t.Errorf("role users cursor = %v, want an offset cursor", got)
	}
	if got := nodesOf(t, dig(t, role, "groups"), "key"); !cmp.Equal(got, []any{"ops"}) {
		t.Errorf("admin's groups = %v", got)
	}
	staff := s.Groups()[1]
	group := gqlData(t, s, `query($id: ID!) { node(id: $id) { ... on Group {
		users { totalCount edges { node { id } } }
		roles { edges { node { key } } }
	} } }`, map[string]any{"id": staff.NodeID})["node"]
	if got := nodesOf(t, dig(t, group, "users"), "id"); !cmp.Equal(got, []any{alice.NodeID, bob.NodeID}) {
		t.Errorf("staff's users = %v", got)
	}
	if got := nodesOf(t, dig(t, group, "roles"), "key"); !cmp.Equal(got, []any{"viewer"}) {
		t.Errorf("staff's roles = %v", got)
	}

	// The users list filters by effective role and by group.
	users := func(vars map[string]any) []any {
		t.Helper()
		conn := gqlData(t, s, `query($r: [String!], $g: [String!]) { users(roleKeys: $r, groupKeys: $g, sortDirection: ASC) { edges { node { id } } } }`, vars)["users"]
		return nodesOf(t, conn, "id")
	}
	if got := users(map[string]any{"r": []string{"admin"}}); !cmp.Equal(got, []any{alice.NodeID, bob.NodeID}) {
		t.Errorf("users with admin = %v (bob through ops)", got)
	}
	if got := users(map[string]any{"g": []string{"ops"}}); !cmp.Equal(got, []any{bob.NodeID}) {
		t.Errorf("users in ops = %v", got)
	}
	if got := users(map[string]any{"r": []string{"editor"}, "g": []string{"staff"}}); !cmp.Equal(got, []any{bob.NodeID}) {
		t.Errorf("editors in staff = %v", got)
	}

	// Removing works in both directions.
	gqlData(t, s, `mutation($a: ID!, $b: ID!) {
		removeRoleFromUsers(input: {roleKey: "admin", userIDs: [$a]}) { role { key } }
		removeUserFromRoles(input: {userID: $b, roleKeys: ["editor"]}) { user { id } }
		removeGroupFromUsers(input: {groupKey: "staff", userIDs: [$a]}) { group { key } }
		removeUserFromGroups(input: {userID: $b, groupKeys: ["staff", "ops"]}) { user { id } }
		removeGroupFromRoles(input: {groupKey: "ops", roleKeys: ["admin"]}) { group { key } }
	}`, map[string]any{"a": alice.NodeID, "b": bob.NodeID})
	gqlData(t, s, `mutation { removeRoleFromGroups(input: {roleKey: "viewer", groupKeys: ["staff"]}) { role { key } } }`, nil)
	for _, r := range s.Roles() {
		if len(r.UserIDs)+len(r.GroupKeys) != 0 {
			t.Errorf("role %s still linked: %+v", r.Key, r)
		}
	}
	for _, g := range s.Groups() {
		if len(g.UserIDs)+len(g.RoleKeys) != 0 {
			t.Errorf("group %s still linked: %+v", g.Key, g)
		}
	}
}

func TestMembershipErrors(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u := seed(t, s, SeedUser{Email: "a@example.com"})
	mustSeedRole(t, s, SeedRole{Key: "admin"})
	mustSeedGroup(t, s, SeedGroup{Key: "staff"})
	ghost := "VXNlcjowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA"
	tests := []struct {
		name, query      string
		message, errName string
		reason           string
		info             map[string]any
	}{
		{"unknown role key", `mutation($u: ID!) { addRoleToUsers(input: {roleKey: "nope", userIDs: [$u]}) { role { id } } }`,
			"role not found", "NotFound", "RoleNotFound", nil},
		{"unknown user", `mutation($g: ID!) { addRoleToUsers(input: {roleKey: "admin", userIDs: [$g]}) { role { id } } }`,
			"unknown user ids", "NotFound", "UserUnknownKeys", map[string]any{"ids": []any{"00000000-0000-0000-0000-000000000000"}}},
		{"malformed user id", `mutation { addGroupToUsers(input: {groupKey: "staff", userIDs: ["garbage"]}) { group { id } } }`,
			"invalid user ID", "Invalid", "Invalid", nil},
		{"unknown role keys", `mutation($u: ID!) { addUserToRoles(input: {userID: $u, roleKeys: ["admin", "x", "y"]}) { user { id } } }`,
			"unknown role keys", "NotFound", "RoleUnknownKeys", map[string]any{"keys": []any{"x", "y"}}},
		{"unknown group keys", `mutation($u: ID!) { removeUserFromGroups(input: {userID: $u, groupKeys: ["x"]}) { user { id } } }`,
			"unknown group keys", "NotFound", "GroupUnknownKeys", map[string]any{"keys": []any{"x"}}},
		{"unknown group", `mutation { addRoleToGroups(input: {roleKey: "admin", groupKeys: ["x"]}) { role { id } } }`,
			"unknown group keys", "NotFound", "GroupUnknownKeys", map[string]any{"keys": []any{"x"}}},
		{"unknown role of a group", `mutation { addGroupToRoles(input: {groupKey: "staff", roleKeys: ["x"]}) { group { id } } }`,
			"unknown role keys", "NotFound", "GroupUnknownKeys", map[string]any{"keys": []any{"x"}}},
		{"unknown user of roles", `mutation($g: ID!) { addUserToRoles(input: {userID: $g, roleKeys: ["admin"]}) { user { id } } }`,
			"user not found", "NotFound", "UserNotFound", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := gqlError(t, s, tt.query, map[string]any{"u": u.NodeID, "g": ghost})
			checkAPIError(t, e, tt.message, tt.errName, tt.reason)
			if tt.info != nil {
				if diff := cmp.Diff(tt.info, dig(t, e, "extensions", "info")); diff != "" {
					t.Errorf("info (-want +got):\n%s", diff)
				}
			}
		})
	}
	// A failed change is rolled back whole: admin was linked before the
	// unknown keys were found.
	if r := s.Roles()[0]; len(r.UserIDs) != 0 {
		t.Errorf("admin got users from failed requests: %v", r.UserIDs)
	}
}
