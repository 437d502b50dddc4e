package main

import (
	"context"
	"iter"

	"github.com/spf13/cobra"

	"github.com/authgear-admin/adminapi"
)

// roleKind and groupKind describe roles and groups to the shared commands;
// each names the other as its linked kind.
var roleKind, groupKind = newRoleKind(), newGroupKind()

func init() {
	roleKind.other, groupKind.other = groupKind, roleKind
}

func newRoleKind() *kind {
	return &kind{
		noun: "role", plural: "roles", nodeType: "Role",
		list: func(ctx context.Context, c *adminapi.Client, pageSize int) iter.Seq2[*keyed, error] {
			return mapSeq(c.ListRoles(ctx, &adminapi.ListRolesOptions{PageSize: pageSize}), fromRole)
		},
		search: func(ctx context.Context, c *adminapi.Client, keyword string, pageSize int) iter.Seq2[*keyed, error] {
			return mapSeq(c.SearchRoles(ctx, keyword, &adminapi.ListRolesOptions{PageSize: pageSize}), fromRole)
		},
		get: func(ctx context.Context, c *adminapi.Client, id string) (*keyed, error) {
			return asRole(c.GetRole(ctx, id))
		},
		byKey: func(ctx context.Context, c *adminapi.Client, key string) (*keyed, error) {
			return asRole(c.GetRoleByKey(ctx, key))
		},
		create: func(ctx context.Context, c *adminapi.Client, key string, name, description *string) (*keyed, error) {
			return asRole(c.CreateRole(ctx, adminapi.NewRole{Key: key, Name: name, Description: description}))
		},
		update: func(ctx context.Context, c *adminapi.Client, id string, u keyedUpdate) (*keyed, error) {
			return asRole(c.UpdateRole(ctx, id, adminapi.RoleUpdate(u)))
		},
		delete: func(ctx context.Context, c *adminapi.Client, id string) error { return c.DeleteRole(ctx, id) },
		members: func(ctx context.Context, c *adminapi.Client, id string, pageSize int) iter.Seq2[*adminapi.User, error] {
			return c.ListRoleUsers(ctx, id, &adminapi.PageOptions{PageSize: pageSize})
		},
		addUsers: func(ctx context.Context, c *adminapi.Client, key string, userIDs []string) error {
			_, err := c.AddRoleToUsers(ctx, key, userIDs)
			return err
		},
		removeUsers: func(ctx context.Context, c *adminapi.Client, key string, userIDs []string) error {
			_, err := c.RemoveRoleFromUsers(ctx, key, userIDs)
			return err
		},
		linked: func(ctx context.Context, c *adminapi.Client, id string, pageSize int) iter.Seq2[*keyed, error] {
			return mapSeq(c.ListRoleGroups(ctx, id, &adminapi.PageOptions{PageSize: pageSize}), fromGroup)
		},
		addLinked: func(ctx context.Context, c *adminapi.Client, key string, groupKeys []string) error {
			_, err := c.AddRoleToGroups(ctx, key, groupKeys)
			return err
		},
		removeLinked: func(ctx context.Context, c *adminapi.Client, key string, groupKeys []string) error {
			_, err := c.RemoveRoleFromGroups(ctx, key, groupKeys)
			return err
		},
		ofUser: func(ctx context.Context, c *adminapi.Client, userID string, pageSize int) iter.Seq2[*keyed, error] {
			return mapSeq(c.ListUserRoles(ctx, userID, &adminapi.PageOptions{PageSize: pageSize}), fromRole)
		},
		addToUser: func(ctx context.Context, c *adminapi.Client, userID string, keys []string) error {
			_, err := c.AddUserToRoles(ctx, userID, keys)
			return err
		},
		removeFromUser: func(ctx context.Context, c *adminapi.Client, userID string, keys []string) error {
			_, err := c.RemoveUserFromRoles(ctx, userID, keys)
			return err
		},
	}
}

// asRole converts the result of a call that returns a role.
func asRole(r *adminapi.Role, err error) (*keyed, error) {
	if err != nil {
		return nil, err
	}
	return fromRole(r), nil
}

func (a *app) rolesCommand() *cobra.Command {
	cmd := groupCommand("roles", "List, create, change and delete roles, and give them to users and groups")
	cmd.Aliases = []string{"role"}
	cmd.Long = `Manage the project's roles. A user holds a role directly or through a group;
role keys end up in the user's tokens.

ROLE is a role key (as in tokens) or a role id.`
	cmd.AddCommand(a.keyedCommands(roleKind)...)
	return cmd
}
