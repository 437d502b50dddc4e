package adminapi

import (
	"context"
	"iter"
	"time"
)

// Group is a group of users. Its members hold the roles given to the group.
type Group struct {
	// ID is the group's node id, which every method accepts.
	ID string
	// Key identifies the group in memberships and tokens.
	Key string
	// Name and Description are empty when unset.
	Name        string
	Description string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func groupFromFields(f *GroupFields) *Group {
	return &Group{
		ID:          f.Id,
		Key:         f.Key,
		Name:        deref(f.Name),
		Description: deref(f.Description),
		CreatedAt:   f.CreatedAt,
		UpdatedAt:   f.UpdatedAt,
	}
}

func groupFieldsID(f *GroupFields) string { return f.Id }

// NewGroup describes a group for [Client.CreateGroup].
type NewGroup struct {
	// Key identifies the group; it must be unique in the project. Required.
	Key string
	// Name and Description are optional: nil leaves them unset.
	Name        *string
	Description *string
}

// GroupUpdate is the change [Client.UpdateGroup] makes. Each nil field is
// kept as it is.
type GroupUpdate struct {
	// Key: nil keeps the key, a value replaces it. A key cannot be cleared.
	Key *string
	// Name: nil keeps the name, a pointer to "" clears it, a value
	// replaces it.
	Name *string
	// Description: nil keeps the description, a pointer to "" clears it, a
	// value replaces it.
	Description *string
}

// CreateGroup creates a group.
func (c *Client) CreateGroup(ctx context.Context, g NewGroup) (*Group, error) {
	if g.Key == "" {
		return nil, invalidArgError("NewGroup.Key must not be empty")
	}
	return groupMutation(ctx, c, "CreateGroup", CreateGroup_Operation, "createGroup", &__CreateGroupInput{Input: CreateGroupInput{
		Key: g.Key, Name: g.Name, Description: g.Description,
	}})
}

// GetGroup reads a group by node id (or raw id). A group that does not
// exist gives an [*Error] matching [ErrNotFound].
func (c *Client) GetGroup(ctx context.Context, id string) (*Group, error) {
	return getNode(ctx, c, "GetGroupNode", GetGroupNode_Operation, typeGroup, id, groupFromFields)
}

// GetGroupByKey finds the group with the given key. No such group gives an
// [*Error] matching [ErrNotFound].
func (c *Client) GetGroupByKey(ctx context.Context, key string) (*Group, error) {
	if key == "" {
		return nil, invalidArgError("group key must not be empty")
	}
	for g, err := range c.SearchGroups(ctx, key, nil) {
		if err != nil {
			return nil, err
		}
		if g.Key == key {
			return g, nil
		}
	}
	return nil, notFoundError("ListGroups", "group with key", key)
}

// UpdateGroup changes a group; see [GroupUpdate] for what each field means.
func (c *Client) UpdateGroup(ctx context.Context, id string, upd GroupUpdate) (*Group, error) {
	nodeID, err := nodeIDOf(typeGroup, id)
	if err != nil {
		return nil, err
	}
	if upd.Key == nil && upd.Name == nil && upd.Description == nil {
		return nil, invalidArgError("GroupUpdate is empty: set Key, Name or Description")
	}
	if upd.Key != nil && *upd.Key == "" {
		return nil, invalidArgError("GroupUpdate.Key cannot clear the key; leave it nil to keep it")
	}
	return groupMutation(ctx, c, "UpdateGroup", UpdateGroup_Operation, "updateGroup", &__UpdateGroupInput{Input: UpdateGroupInput{
		Id: nodeID, Key: upd.Key, Name: upd.Name, Description: upd.Description,
	}})
}

// DeleteGroup deletes a group; its members lose the roles they held
// through it.
func (c *Client) DeleteGroup(ctx context.Context, id string) error {
	nodeID, err := nodeIDOf(typeGroup, id)
	if err != nil {
		return err
	}
	_, err = mutate[struct{}](ctx, c, "DeleteGroup", DeleteGroup_Operation, "deleteGroup",
		&__DeleteGroupInput{Input: DeleteGroupInput{Id: nodeID}})
	return err
}

// ListGroupsOptions tunes [Client.ListGroups] and [Client.SearchGroups]. A
// nil *ListGroupsOptions means all defaults.
type ListGroupsOptions struct {
	// PageSize is the number of groups per request: 0 means 100, larger
	// values are reduced to 100.
	PageSize int
	// ExcludedIDs, if set, leaves out the groups with these ids.
	ExcludedIDs []string
}

// ListGroups iterates over the project's groups, requesting pages as the
// loop advances. On failure it yields (nil, err) once and stops; breaking
// out of the loop stops it too.
func (c *Client) ListGroups(ctx context.Context, opts *ListGroupsOptions) iter.Seq2[*Group, error] {
	return c.listGroups(ctx, nil, opts)
}

// SearchGroups is like [Client.ListGroups] but yields only the groups whose
// key or name matches keyword.
func (c *Client) SearchGroups(ctx context.Context, keyword string, opts *ListGroupsOptions) iter.Seq2[*Group, error] {
	return c.listGroups(ctx, &keyword, opts)
}

func (c *Client) listGroups(ctx context.Context, keyword *string, opts *ListGroupsOptions) iter.Seq2[*Group, error] {
	var o ListGroupsOptions
	if opts != nil {
		o = *opts
	}
	excluded, err := nodeIDsOf(typeGroup, o.ExcludedIDs)
	if err != nil {
		return errSeq[Group](err)
	}
	return pager[GroupFields, Group]{
		op: "ListGroups", pageSize: o.PageSize, max: maxPageSize,
		fetch: func(ctx context.Context, first int, after *string) (*connection[GroupFields], error) {
			var data struct {
				Groups *connection[GroupFields] `json:"groups"`
			}
			vars := &__ListGroupsInput{First: &first, After: after, SearchKeyword: keyword, ExcludedIDs: excluded}
			err := c.run(ctx, "ListGroups", ListGroups_Operation, vars, &data)
			return data.Groups, err
		},
		id: groupFieldsID, convert: groupFromFields,
	}.seq(ctx)
}

// AddGroupToUsers adds users (node ids or raw UUIDs) to the group with key
// groupKey and returns the group.
func (c *Client) AddGroupToUsers(ctx context.Context, groupKey string, userIDs []string) (*Group, error) {
	in, err := groupUsersInput(groupKey, userIDs)
	if err != nil {
		return nil, err
	}
	return groupMutation(ctx, c, "AddGroupToUsers", AddGroupToUsers_Operation, "addGroupToUsers",
		&__AddGroupToUsersInput{Input: AddGroupToUsersInput(in)})
}

// RemoveGroupFromUsers removes users from the group with key groupKey and
// returns the group.
func (c *Client) RemoveGroupFromUsers(ctx context.Context, groupKey string, userIDs []string) (*Group, error) {
	in, err := groupUsersInput(groupKey, userIDs)
	if err != nil {
		return nil, err
	}
	return groupMutation(ctx, c, "RemoveGroupFromUsers", RemoveGroupFromUsers_Operation, "removeGroupFromUsers",
		&__RemoveGroupFromUsersInput{Input: RemoveGroupFromUsersInput(in)})
}

// AddGroupToRoles gives the group with key groupKey the roles with
// roleKeys and returns the group.
func (c *Client) AddGroupToRoles(ctx context.Context, groupKey string, roleKeys []string) (*Group, error) {
	if err := checkKeys("group", groupKey, "role keys", roleKeys); err != nil {
		return nil, err
	}
	return groupMutation(ctx, c, "AddGroupToRoles", AddGroupToRoles_Operation, "addGroupToRoles",
		&__AddGroupToRolesInput{Input: AddGroupToRolesInput{GroupKey: groupKey, RoleKeys: roleKeys}})
}

// RemoveGroupFromRoles takes the roles with roleKeys away from the group
// with key groupKey and returns the group.
func (c *Client) RemoveGroupFromRoles(ctx context.Context, groupKey string, roleKeys []string) (*Group, error) {
	if err := checkKeys("group", groupKey, "role keys", roleKeys); err != nil {
		return nil, err
	}
	return groupMutation(ctx, c, "RemoveGroupFromRoles", RemoveGroupFromRoles_Operation, "removeGroupFromRoles",
		&__RemoveGroupFromRolesInput{Input: RemoveGroupFromRolesInput{GroupKey: groupKey, RoleKeys: roleKeys}})
}

// AddUserToGroups adds a user to the groups with groupKeys and returns the
// user.
func (c *Client) AddUserToGroups(ctx context.Context, userID string, groupKeys []string) (*User, error) {
	in, err := userGroupsInput(userID, groupKeys)
	if err != nil {
		return nil, err
	}
	return c.userMutation(ctx, "AddUserToGroups", AddUserToGroups_Operation, "addUserToGroups",
		&__AddUserToGroupsInput{Input: AddUserToGroupsInput(in)})
}

// RemoveUserFromGroups removes a user from the groups with groupKeys and
// returns the user.
func (c *Client) RemoveUserFromGroups(ctx context.Context, userID string, groupKeys []string) (*User, error) {
	in, err := userGroupsInput(userID, groupKeys)
	if err != nil {
		return nil, err
	}
	return c.userMutation(ctx, "RemoveUserFromGroups", RemoveUserFromGroups_Operation, "removeUserFromGroups",
		&__RemoveUserFromGroupsInput{Input: RemoveUserFromGroupsInput(in)})
}

// ListGroupUsers iterates over a group's members. Paging and errors are as
// for [Client.ListGroups]; a group that does not exist gives an [*Error]
// matching [ErrNotFound].
func (c *Client) ListGroupUsers(ctx context.Context, groupID string, opts *PageOptions) iter.Seq2[*User, error] {
	return nodeList(ctx, c, "ListGroupUsers", ListGroupUsers_Operation, typeGroup, groupID, "users", opts.size(),
		plainPageVars, userFieldsID, userFromFields)
}

// ListGroupRoles iterates over the roles a group holds.
func (c *Client) ListGroupRoles(ctx context.Context, groupID string, opts *PageOptions) iter.Seq2[*Role, error] {
	return nodeList(ctx, c, "ListGroupRoles", ListGroupRoles_Operation, typeGroup, groupID, "roles", opts.size(),
		plainPageVars, roleFieldsID, roleFromFields)
}

// ListUserGroups iterates over the groups a user belongs to. A user that
// does not exist gives an [*Error] matching [ErrNotFound].
func (c *Client) ListUserGroups(ctx context.Context, userID string, opts *PageOptions) iter.Seq2[*Group, error] {
	return nodeList(ctx, c, "ListUserGroups", ListUserGroups_Operation, typeUser, userID, "groups", opts.size(),
		plainPageVars, groupFieldsID, groupFromFields)
}

// groupPayload is the payload of the mutations that return a group.
type groupPayload struct {
	Group *GroupFields `json:"group"`
}

// groupMutation runs a generated mutation whose payload is a group.
func groupMutation(ctx context.Context, c *Client, op, query, field string, vars any) (*Group, error) {
	p, err := mutate[groupPayload](ctx, c, op, query, field, vars)
	if err != nil {
		return nil, err
	}
	if p.Group == nil {
		return nil, answerError(op, "the answer has no group", nil)
	}
	return groupFromFields(p.Group), nil
}

// groupUsers is the shape shared by AddGroupToUsersInput and
// RemoveGroupFromUsersInput.
type groupUsers struct {
	GroupKey string   `json:"groupKey"`
	UserIDs  []string `json:"userIDs"`
}

func groupUsersInput(groupKey string, userIDs []string) (groupUsers, error) {
	if err := checkKeys("group", groupKey, "user ids", userIDs); err != nil {
		return groupUsers{}, err
	}
	ids, err := nodeIDsOf(typeUser, userIDs)
	return groupUsers{GroupKey: groupKey, UserIDs: ids}, err
}

// userGroups is the shape shared by AddUserToGroupsInput and
// RemoveUserFromGroupsInput.
type userGroups struct {
	GroupKeys []string `json:"groupKeys"`
	UserID    string   `json:"userID"`
}

func userGroupsInput(userID string, groupKeys []string) (userGroups, error) {
	id, err := UserNodeID(userID)
	if err != nil {
		return userGroups{}, err
	}
	if err := checkList("group keys", groupKeys); err != nil {
		return userGroups{}, err
	}
	return userGroups{GroupKeys: groupKeys, UserID: id}, nil
}
