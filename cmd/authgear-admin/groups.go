package main

import (
	"context"
	"iter"

	"github.com/spf13/cobra"

	"github.com/authgear-admin/adminapi"
)

func newGroupKind() *kind {
	return &kind{
		noun: "group", plural: "groups", nodeType: "Group",
		list: func(ctx context.Context, c *adminapi.Client, pageSize int) iter.Seq2[*keyed, error] {
			return mapSeq(c.ListGroups(ctx, &adminapi.ListGroupsOptions{PageSize: pageSize}), fromGroup)
		},
		search: func(ctx context.Context, c *adminapi.Client, keyword string, pageSize int) iter.Seq2[*keyed, error] {
			return mapSeq(c.SearchGroups(ctx, keyword, &adminapi.ListGroupsOptions{PageSize: pageSize}), fromGroup)
		},
		get: func(ctx context.Context, c *adminapi.Client, id string) (*keyed, error) {
			return asGroup(c.GetGroup(ctx, id))
		},
		byKey: func(ctx context.Context, c *adminapi.Client, key string) (*keyed, error) {
			return asGroup(c.GetGroupByKey(ctx, key))
		},
		create: func(ctx context.Context, c *adminapi.Client, key string, name, description *string) (*keyed, error) {
			return asGroup(c.CreateGroup(ctx, adminapi.NewGroup{Key: key, Name: name, Description: description}))
		},
		update: func(ctx context.Context, c *adminapi.Client, id string, u keyedUpdate) (*keyed, error) {
			return asGroup(c.UpdateGroup(ctx, id, adminapi.GroupUpdate(u)))
		},
		delete: func(ctx context.Context, c *adminapi.Client, id string) error { return c.DeleteGroup(ctx, id) },
		members: func(ctx context.Context, c *adminapi.Client, id string, pageSize int) iter.Seq2[*adminapi.User, error] {
			return c.ListGroupUsers(ctx, id, &adminapi.PageOptions{PageSize: pageSize})
		},
		addUsers: func(ctx context.Context, c *adminapi.Client, key string, userIDs []string) error {
			_, err := c.AddGroupToUsers(ctx, key, userIDs)
			return err
		},
		removeUsers: func(ctx context.Context, c *adminapi.Client, key string, userIDs []string) error {
			_, err := c.RemoveGroupFromUsers(ctx, key, userIDs)
			return err
		},
		linked: func(ctx context.Context, c *adminapi.Client, id string, pageSize int) iter.Seq2[*keyed, error] {
			return mapSeq(c.ListGroupRoles(ctx, id, &adminapi.PageOptions{PageSize: pageSize}), fromRole)
		},
		addLinked: func(ctx context.Context, c *adminapi.Client, key string, roleKeys []string) error {
			_, err := c.AddGroupToRoles(ctx, key, roleKeys)
			return err
		},
		removeLinked: func(ctx context.Context, c *adminapi.Client, key string, roleKeys []string) error {
			_, err := c.RemoveGroupFromRoles(ctx, key, roleKeys)
			return err
		},
		ofUser: func(ctx context.Context, c *adminapi.Client, userID string, pageSize int) iter.Seq2[*keyed, error] {
			return mapSeq(c.ListUserGroups(ctx, userID, &adminapi.PageOptions{PageSize: pageSize}), fromGroup)
		},
		addToUser: func(ctx context.Context, c *adminapi.Client, userID string, keys []string) error {
			_, err := c.AddUserToGroups(ctx, userID, keys)
			return err
		},
		removeFromUser: func(ctx context.Context, c *adminapi.Client, userID string, keys []string) error {
			_, err := c.RemoveUserFromGroups(ctx, userID, keys)
			return err
		},
	}
}

// asGroup converts the result of a call that returns a group.
func asGroup(g *adminapi.Group, err error) (*keyed, error) {
	if err != nil {
		return nil, err
	}
	return fromGroup(g), nil
}

func (a *app) groupsCommand() *cobra.Command {
	cmd := groupCommand("groups", "List, create, change and delete groups, and manage their members and roles")
	cmd.Aliases = []string{"group"}
	cmd.Long = `Manage the project's groups. The members of a group hold the roles given to
the group.

GROUP is a group key (as in tokens) or a group id.`
	cmd.AddCommand(a.keyedCommands(groupKind)...)
	return cmd
}
