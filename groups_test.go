package adminapi

import (
	"context"
	"fmt"
	"testing"
)

func TestGroupOperations(t *testing.T) {
	t.Parallel()
	u1 := uuidN(1)
	group := fakeKeyed("Group", "g1", "staff", nil)
	wantGroup := &Group{ID: NodeID("Group", "g1"), Key: "staff", CreatedAt: t1, UpdatedAt: t2}
	user := fakeUser(u1, t1, `{}`, `{}`)
	keys := func(seq func(func(*Group, error) bool)) ([]string, error) {
		var out []string
		for g, err := range seq {
			if err != nil {
				return nil, err
			}
			out = append(out, g.Key)
		}
		return out, nil
	}
	runOpCases(t, []opCase{
		{
			name: "CreateGroup",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateGroup(ctx, NewGroup{Key: "staff", Name: Ptr("Staff")})
			},
			op:     "CreateGroup",
			vars:   map[string]any{"input": map[string]any{"key": "staff", "name": "Staff", "description": nil}},
			answer: map[string]any{"createGroup": map[string]any{"group": group}},
			want:   wantGroup,
		},
		{
			name: "UpdateGroup clears name, keeps description",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateGroup(ctx, NodeID("Group", "g1"), GroupUpdate{Key: Ptr("staff"), Name: Ptr("")})
			},
			op:     "UpdateGroup",
			vars:   map[string]any{"input": map[string]any{"id": NodeID("Group", "g1"), "key": "staff", "name": "", "description": nil}},
			answer: map[string]any{"updateGroup": map[string]any{"group": group}},
			want:   wantGroup,
		},
		{
			name: "DeleteGroup",
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.DeleteGroup(ctx, NodeID("Group", "g1"))
			},
			op:     "DeleteGroup",
			vars:   map[string]any{"input": map[string]any{"id": NodeID("Group", "g1")}},
			answer: map[string]any{"deleteGroup": map[string]any{"ok": true}},
		},
		{
			name: "AddGroupToUsers",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.AddGroupToUsers(ctx, "staff", []string{u1})
			},
			op:     "AddGroupToUsers",
			vars:   map[string]any{"input": map[string]any{"groupKey": "staff", "userIDs": []any{NodeID("User", u1)}}},
			answer: map[string]any{"addGroupToUsers": map[string]any{"group": group}},
			want:   wantGroup,
		},
		{
			name: "RemoveGroupFromUsers",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.RemoveGroupFromUsers(ctx, "staff", []string{u1})
			},
			op:     "RemoveGroupFromUsers",
			vars:   map[string]any{"input": map[string]any{"groupKey": "staff", "userIDs": []any{NodeID("User", u1)}}},
			answer: map[string]any{"removeGroupFromUsers": map[string]any{"group": group}},
			want:   wantGroup,
		},
		{
			name: "AddGroupToRoles",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.AddGroupToRoles(ctx, "staff", []string{"admin"})
			},
			op:     "AddGroupToRoles",
			vars:   map[string]any{"input": map[string]any{"groupKey": "staff", "roleKeys": []any{"admin"}}},
			answer: map[string]any{"addGroupToRoles": map[string]any{"group": group}},
			want:   wantGroup,
		},
		{
			name: "RemoveGroupFromRoles",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.RemoveGroupFromRoles(ctx, "staff", []string{"admin"})
			},
			op:     "RemoveGroupFromRoles",
			vars:   map[string]any{"input": map[string]any{"groupKey": "staff", "roleKeys": []any{"admin"}}},
			answer: map[string]any{"removeGroupFromRoles": map[string]any{"group": group}},
			want:   wantGroup,
		},
		{
			name: "AddUserToGroups",
			call: func(ctx context.Context, c *Client) (any, error) {
				u, err := c.AddUserToGroups(ctx, u1, []string{"staff"})
				return u.ID, err
			},
			op:     "AddUserToGroups",
			vars:   map[string]any{"input": map[string]any{"userID": NodeID("User", u1), "groupKeys": []any{"staff"}}},
			answer: map[string]any{"addUserToGroups": map[string]any{"user": user}},
			want:   NodeID("User", u1),
		},
		{
			name: "RemoveUserFromGroups",
			call: func(ctx context.Context, c *Client) (any, error) {
				u, err := c.RemoveUserFromGroups(ctx, u1, []string{"staff"})
				return u.ID, err
			},
			op:     "RemoveUserFromGroups",
			vars:   map[string]any{"input": map[string]any{"userID": NodeID("User", u1), "groupKeys": []any{"staff"}}},
			answer: map[string]any{"removeUserFromGroups": map[string]any{"user": user}},
			want:   NodeID("User", u1),
		},
		{
			name:   "SearchGroups",
			call:   func(ctx context.Context, c *Client) (any, error) { return keys(c.SearchGroups(ctx, "sta", nil)) },
			op:     "ListGroups",
			vars:   map[string]any{"first": float64(100), "after": nil, "searchKeyword": "sta", "excludedIDs": nil},
			answer: map[string]any{"groups": page(0, false, group)},
			want:   []string{"staff"},
		},
		{
			name: "ListUserGroups",
			call: func(ctx context.Context, c *Client) (any, error) {
				return keys(c.ListUserGroups(ctx, u1, &PageOptions{PageSize: 500}))
			},
			op:     "ListUserGroups",
			vars:   map[string]any{"id": NodeID("User", u1), "first": float64(100), "after": nil},
			answer: map[string]any{"node": map[string]any{"groups": page(0, false, group)}},
			want:   []string{"staff"},
		},
		{
			name: "ListRoleGroups",
			call: func(ctx context.Context, c *Client) (any, error) {
				return keys(c.ListRoleGroups(ctx, NodeID("Role", "r1"), nil))
			},
			op:     "ListRoleGroups",
			vars:   map[string]any{"id": NodeID("Role", "r1"), "first": float64(100), "after": nil},
			answer: map[string]any{"node": map[string]any{"groups": page(0, false, group)}},
			want:   []string{"staff"},
		},
		{
			name: "ListGroupUsers",
			call: func(ctx context.Context, c *Client) (any, error) {
				us, err := collectSeq(c.ListGroupUsers(ctx, NodeID("Group", "g1"), nil))
				return len(us), err
			},
			op:     "ListGroupUsers",
			vars:   map[string]any{"id": NodeID("Group", "g1"), "first": float64(100), "after": nil},
			answer: map[string]any{"node": map[string]any{"users": page(0, false, user)}},
			want:   1,
		},
		{
			name: "ListGroupRoles",
			call: func(ctx context.Context, c *Client) (any, error) {
				rs, err := collectSeq(c.ListGroupRoles(ctx, NodeID("Group", "g1"), nil))
				if err != nil || len(rs) != 1 {
					return nil, fmt.Errorf("%d roles, %w", len(rs), err)
				}
				return rs[0].Key, nil
			},
			op:     "ListGroupRoles",
			answer: map[string]any{"node": map[string]any{"roles": page(0, false, fakeKeyed("Role", "r1", "admin", nil))}},
			want:   "admin",
		},
	})
}

func TestGroupArgumentsRefused(t *testing.T) {
	t.Parallel()
	g := NodeID("Group", "g1")
	runRefusedCases(t, []refusedCase{
		{"CreateGroup without key", func(ctx context.Context, c *Client) error { _, err := c.CreateGroup(ctx, NewGroup{}); return err }},
		{"UpdateGroup empty", func(ctx context.Context, c *Client) error { _, err := c.UpdateGroup(ctx, g, GroupUpdate{}); return err }},
		{"UpdateGroup clearing key", func(ctx context.Context, c *Client) error {
			_, err := c.UpdateGroup(ctx, g, GroupUpdate{Key: Ptr("")})
			return err
		}},
		{"DeleteGroup with role id", func(ctx context.Context, c *Client) error { return c.DeleteGroup(ctx, NodeID("Role", "r")) }},
		{"GetGroupByKey empty", func(ctx context.Context, c *Client) error { _, err := c.GetGroupByKey(ctx, ""); return err }},
		{"AddGroupToUsers bad user", func(ctx context.Context, c *Client) error {
			_, err := c.AddGroupToUsers(ctx, "staff", []string{g})
			return err
		}},
		{"AddGroupToRoles no roles", func(ctx context.Context, c *Client) error {
			_, err := c.AddGroupToRoles(ctx, "staff", []string{})
			return err
		}},
		{"AddUserToGroups empty key", func(ctx context.Context, c *Client) error {
			_, err := c.AddUserToGroups(ctx, uuidN(1), []string{""})
			return err
		}},
		{"ListGroups bad excluded id", func(ctx context.Context, c *Client) error {
			return firstErr(c.ListGroups(ctx, &ListGroupsOptions{ExcludedIDs: []string{uuidN(1) + "x"}}))
		}},
	})
}
