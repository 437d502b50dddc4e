package adminapi

import (
	"context"
	"testing"
)

// fakeKeyed returns the RoleFields/GroupFields JSON of a role or group.
func fakeKeyed(typ, raw, key string, name any) map[string]any {
	return map[string]any{
		"__typename": typ, "id": NodeID(typ, raw), "key": key, "name": name, "description": nil,
		"createdAt": t1JSON, "updatedAt": t2JSON,
	}
}

func TestRoleOperations(t *testing.T) {
	t.Parallel()
	u1, u2 := uuidN(1), uuidN(2)
	role := fakeKeyed("Role", "r1", "admin", "Admin")
	wantRole := &Role{ID: NodeID("Role", "r1"), Key: "admin", Name: "Admin", CreatedAt: t1, UpdatedAt: t2}
	user := fakeUser(u1, t1, `{}`, `{}`)
	runOpCases(t, []opCase{
		{
			name: "CreateRole without name",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateRole(ctx, NewRole{Key: "admin", Description: Ptr("")})
			},
			op:     "CreateRole",
			vars:   map[string]any{"input": map[string]any{"key": "admin", "name": nil, "description": ""}},
			answer: map[string]any{"createRole": map[string]any{"role": role}},
			want:   wantRole,
		},
		{
			name: "UpdateRole keeps key, clears description, sets name",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateRole(ctx, NodeID("Role", "r1"), RoleUpdate{Name: Ptr("Admin"), Description: Ptr("")})
			},
			op:     "UpdateRole",
			vars:   map[string]any{"input": map[string]any{"id": NodeID("Role", "r1"), "key": nil, "name": "Admin", "description": ""}},
			answer: map[string]any{"updateRole": map[string]any{"role": role}},
			want:   wantRole,
		},
		{
			name: "DeleteRole",
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.DeleteRole(ctx, NodeID("Role", "r1"))
			},
			op:     "DeleteRole",
			vars:   map[string]any{"input": map[string]any{"id": NodeID("Role", "r1")}},
			answer: map[string]any{"deleteRole": map[string]any{"ok": true}},
		},
		{
			name: "AddRoleToUsers takes raw UUIDs",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.AddRoleToUsers(ctx, "admin", []string{u1, NodeID("User", u2)})
			},
			op:     "AddRoleToUsers",
			vars:   map[string]any{"input": map[string]any{"roleKey": "admin", "userIDs": []any{NodeID("User", u1), NodeID("User", u2)}}},
			answer: map[string]any{"addRoleToUsers": map[string]any{"role": role}},
			want:   wantRole,
		},
		{
			name: "RemoveRoleFromUsers",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.RemoveRoleFromUsers(ctx, "admin", []string{u1})
			},
			op:     "RemoveRoleFromUsers",
			vars:   map[string]any{"input": map[string]any{"roleKey": "admin", "userIDs": []any{NodeID("User", u1)}}},
			answer: map[string]any{"removeRoleFromUsers": map[string]any{"role": role}},
			want:   wantRole,
		},
		{
			name: "AddRoleToGroups",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.AddRoleToGroups(ctx, "admin", []string{"staff", "ops"})
			},
			op:     "AddRoleToGroups",
			vars:   map[string]any{"input": map[string]any{"roleKey": "admin", "groupKeys": []any{"staff", "ops"}}},
			answer: map[string]any{"addRoleToGroups": map[string]any{"role": role}},
			want:   wantRole,
		},
		{
			name: "RemoveRoleFromGroups",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.RemoveRoleFromGroups(ctx, "admin", []string{"staff"})
			},
			op:     "RemoveRoleFromGroups",
			vars:   map[string]any{"input": map[string]any{"roleKey": "admin", "groupKeys": []any{"staff"}}},
			answer: map[string]any{"removeRoleFromGroups": map[string]any{"role": role}},
		},
		{
			name: "AddUserToRoles",
			call: func(ctx context.Context, c *Client) (any, error) {
				u, err := c.AddUserToRoles(ctx, u1, []string{"admin"})
				return u.RawID, err
			},
			op:     "AddUserToRoles",
			vars:   map[string]any{"input": map[string]any{"userID": NodeID("User", u1), "roleKeys": []any{"admin"}}},
			answer: map[string]any{"addUserToRoles": map[string]any{"user": user}},
			want:   u1,
		},
		{
			name: "RemoveUserFromRoles",
			call: func(ctx context.Context, c *Client) (any, error) {
				u, err := c.RemoveUserFromRoles(ctx, u1, []string{"admin"})
				return u.RawID, err
			},
			op:     "RemoveUserFromRoles",
			vars:   map[string]any{"input": map[string]any{"userID": NodeID("User", u1), "roleKeys": []any{"admin"}}},
			answer: map[string]any{"removeUserFromRoles": map[string]any{"user": user}},
			want:   u1,
		},
		{
			name: "GetRole",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.GetRole(ctx, NodeID("Role", "r1"))
			},
			op:     "GetRoleNode",
			vars:   map[string]any{"id": NodeID("Role", "r1")},
			answer: map[string]any{"node": role},
			want:   wantRole,
		},
		{
			name: "GetRoleByKey matches the key exactly",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.GetRoleByKey(ctx, "admin")
			},
			op:   "ListRoles",
			vars: map[string]any{"first": float64(100), "after": nil, "searchKeyword": "admin", "excludedIDs": nil},
			answer: map[string]any{"roles": page(0, false,
				fakeKeyed("Role", "r0", "admin-readonly", nil), role)},
			want: wantRole,
		},
		{
			name: "ListRoles",
			call: func(ctx context.Context, c *Client) (any, error) {
				var keys []string
				for r, err := range c.ListRoles(ctx, &ListRolesOptions{PageSize: 10, ExcludedIDs: []string{uuidN(9)}}) {
					if err != nil {
						return nil, err
					}
					keys = append(keys, r.Key)
				}
				return keys, nil
			},
			op:     "ListRoles",
			vars:   map[string]any{"first": float64(10), "after": nil, "searchKeyword": nil, "excludedIDs": []any{NodeID("Role", uuidN(9))}},
			answer: map[string]any{"roles": page(0, false, role, fakeKeyed("Role", "r2", "viewer", nil))},
			want:   []string{"admin", "viewer"},
		},
		{
			name: "ListUserEffectiveRoles",
			call: func(ctx context.Context, c *Client) (any, error) {
				var keys []string
				for r, err := range c.ListUserEffectiveRoles(ctx, u1, nil) {
					if err != nil {
						return nil, err
					}
					keys = append(keys, r.Key)
				}
				return keys, nil
			},
			op:     "ListUserEffectiveRoles",
			vars:   map[string]any{"id": NodeID("User", u1), "first": float64(100), "after": nil},
			answer: map[string]any{"node": map[string]any{"__typename": "User", "effectiveRoles": page(0, false, role)}},
			want:   []string{"admin"},
		},
	})
}

func TestRoleArgumentsRefused(t *testing.T) {
	t.Parallel()
	r := NodeID("Role", "r1")
	runRefusedCases(t, []refusedCase{
		{"CreateRole without key", func(ctx context.Context, c *Client) error { _, err := c.CreateRole(ctx, NewRole{}); return err }},
		{"UpdateRole empty", func(ctx context.Context, c *Client) error { _, err := c.UpdateRole(ctx, r, RoleUpdate{}); return err }},
		{"UpdateRole clearing key", func(ctx context.Context, c *Client) error {
			_, err := c.UpdateRole(ctx, r, RoleUpdate{Key: Ptr("")})
			return err
		}},
		{"UpdateRole with group id", func(ctx context.Context, c *Client) error {
			_, err := c.UpdateRole(ctx, NodeID("Group", "g"), RoleUpdate{Name: Ptr("x")})
			return err
		}},
		{"DeleteRole garbage", func(ctx context.Context, c *Client) error { return c.DeleteRole(ctx, "garbage") }},
		{"GetRole garbage", func(ctx context.Context, c *Client) error { _, err := c.GetRole(ctx, "garbage"); return err }},
		{"GetRoleByKey empty", func(ctx context.Context, c *Client) error { _, err := c.GetRoleByKey(ctx, ""); return err }},
		{"AddRoleToUsers no users", func(ctx context.Context, c *Client) error {
			_, err := c.AddRoleToUsers(ctx, "admin", nil)
			return err
		}},
		{"AddRoleToUsers bad user", func(ctx context.Context, c *Client) error {
			_, err := c.AddRoleToUsers(ctx, "admin", []string{"garbage"})
			return err
		}},
		{"AddRoleToGroups empty key", func(ctx context.Context, c *Client) error {
			_, err := c.AddRoleToGroups(ctx, "", []string{"g"})
			return err
		}},
		{"AddUserToRoles bad user", func(ctx context.Context, c *Client) error {
			_, err := c.AddUserToRoles(ctx, r, []string{"admin"})
			return err
		}},
		{"RemoveUserFromRoles no roles", func(ctx context.Context, c *Client) error {
			_, err := c.RemoveUserFromRoles(ctx, uuidN(1), nil)
			return err
		}},
		{"ListRoles bad excluded id", func(ctx context.Context, c *Client) error {
			return firstErr(c.ListRoles(ctx, &ListRolesOptions{ExcludedIDs: []string{"garbage"}}))
		}},
		{"ListRoleUsers bad id", func(ctx context.Context, c *Client) error { return firstErr(c.ListRoleUsers(ctx, "garbage", nil)) }},
		{"ListUserRoles negative page", func(ctx context.Context, c *Client) error {
			return firstErr(c.ListUserRoles(ctx, uuidN(1), &PageOptions{PageSize: -1}))
		}},
	})
}
