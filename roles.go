package adminapi

import (
	"context"
	"iter"
	"time"
)

// Role is a role of the project's access control. A user holds a role
// directly or through a group; the role keys end up in the user's tokens.
type Role struct {
	// ID is the role's node id, which every method accepts.
	ID string
	// Key identifies the role in memberships and tokens.
	Key string
	// Name and Description are empty when unset.
	Name        string
	Description string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func roleFromFields(f *RoleFields) *Role {
	return &Role{
		ID:          f.Id,
		Key:         f.Key,
		Name:        deref(f.Name),
		Description: deref(f.Description),
		CreatedAt:   f.CreatedAt,
		UpdatedAt:   f.UpdatedAt,
	}
}

func roleFieldsID(f *RoleFields) string { return f.Id }

// NewRole describes a role for [Client.CreateRole].
type NewRole struct {
	// Key identifies the role; it must be unique in the project. Required.
	Key string
	// Name and Description are optional: nil leaves them unset.
	Name        *string
	Description *string
}

// RoleUpdate is the change [Client.UpdateRole] makes. Each nil field is
// kept as it is.
type RoleUpdate struct {
	// Key: nil keeps the key, a value replaces it. A key cannot be cleared.
	Key *string
	// Name: nil keeps the name, a pointer to "" clears it, a value
	// replaces it.
	Name *string
	// Description: nil keeps the description, a pointer to "" clears it, a
	// value replaces it.
	Description *string
}

// CreateRole creates a role. A key another role has gives an [*Error]
// matching [ErrAlreadyExists] or [ErrInvalidInput], as the server reports it.
func (c *Client) CreateRole(ctx context.Context, r NewRole) (*Role, error) {
	if r.Key == "" {
		return nil, invalidArgError("NewRole.Key must not be empty")
	}
	return roleMutation(ctx, c, "CreateRole", CreateRole_Operation, "createRole", &__CreateRoleInput{Input: CreateRoleInput{
		Key: r.Key, Name: r.Name, Description: r.Description,
	}})
}

// GetRole reads a role by node id (or raw id). A role that does not exist
// gives an [*Error] matching [ErrNotFound].
func (c *Client) GetRole(ctx context.Context, id string) (*Role, error) {
	return getNode(ctx, c, "GetRoleNode", GetRoleNode_Operation, typeRole, id, roleFromFields)
}

// GetRoleByKey finds the role with the given key. No such role gives an
// [*Error] matching [ErrNotFound].
func (c *Client) GetRoleByKey(ctx context.Context, key string) (*Role, error) {
	if key == "" {
		return nil, invalidArgError("role key must not be empty")
	}
	for r, err := range c.SearchRoles(ctx, key, nil) {
		if err != nil {
			return nil, err
		}
		if r.Key == key {
			return r, nil
		}
	}
	return nil, notFoundError("ListRoles", "role with key", key)
}

// UpdateRole changes a role; see [RoleUpdate] for what each field means.
func (c *Client) UpdateRole(ctx context.Context, id string, upd RoleUpdate) (*Role, error) {
	nodeID, err := nodeIDOf(typeRole, id)
	if err != nil {
		return nil, err
	}
	if upd.Key == nil && upd.Name == nil && upd.Description == nil {
		return nil, invalidArgError("RoleUpdate is empty: set Key, Name or Description")
	}
	if upd.Key != nil && *upd.Key == "" {
		return nil, invalidArgError("RoleUpdate.Key cannot clear the key; leave it nil to keep it")
	}
	return roleMutation(ctx, c, "UpdateRole", UpdateRole_Operation, "updateRole", &__UpdateRoleInput{Input: UpdateRoleInput{
		Id: nodeID, Key: upd.Key, Name: upd.Name, Description: upd.Description,
	}})
}

// DeleteRole deletes a role; users and groups lose it.
func (c *Client) DeleteRole(ctx context.Context, id string) error {
	nodeID, err := nodeIDOf(typeRole, id)
	if err != nil {
		return err
	}
	_, err = mutate[struct{}](ctx, c, "DeleteRole", DeleteRole_Operation, "deleteRole",
		&__DeleteRoleInput{Input: DeleteRoleInput{Id: nodeID}})
	return err
}

// ListRolesOptions tunes [Client.ListRoles] and [Client.SearchRoles]. A nil
// *ListRolesOptions means all defaults.
type ListRolesOptions struct {
	// PageSize is the number of roles per request: 0 means 100, larger
	// values are reduced to 100.
	PageSize int
	// ExcludedIDs, if set, leaves out the roles with these ids.
	ExcludedIDs []string
}

// ListRoles iterates over the project's roles, requesting pages as the loop
// advances. On failure it yields (nil, err) once and stops; breaking out of
// the loop stops it too.
func (c *Client) ListRoles(ctx context.Context, opts *ListRolesOptions) iter.Seq2[*Role, error] {
	return c.listRoles(ctx, nil, opts)
}

// SearchRoles is like [Client.ListRoles] but yields only the roles whose
// key or name matches keyword.
func (c *Client) SearchRoles(ctx context.Context, keyword string, opts *ListRolesOptions) iter.Seq2[*Role, error] {
	return c.listRoles(ctx, &keyword, opts)
}

func (c *Client) listRoles(ctx context.Context, keyword *string, opts *ListRolesOptions) iter.Seq2[*Role, error] {
	var o ListRolesOptions
	if opts != nil {
		o = *opts
	}
	excluded, err := nodeIDsOf(typeRole, o.ExcludedIDs)
	if err != nil {
		return errSeq[Role](err)
	}
	return pager[RoleFields, Role]{
		op: "ListRoles", pageSize: o.PageSize, max: maxPageSize,
		fetch: func(ctx context.Context, first int, after *string) (*connection[RoleFields], error) {
			var data struct {
				Roles *connection[RoleFields] `json:"roles"`
			}
			vars := &__ListRolesInput{First: &first, After: after, SearchKeyword: keyword, ExcludedIDs: excluded}
			err := c.run(ctx, "ListRoles", ListRoles_Operation, vars, &data)
			return data.Roles, err
		},
		id: roleFieldsID, convert: roleFromFields,
	}.seq(ctx)
}

// AddRoleToUsers gives the role with key roleKey to users (node ids or raw
// UUIDs) and returns the role.
func (c *Client) AddRoleToUsers(ctx context.Context, roleKey string, userIDs []string) (*Role, error) {
	in, err := roleUsersInput(roleKey, userIDs)
	if err != nil {
		return nil, err
	}
	return roleMutation(ctx, c, "AddRoleToUsers", AddRoleToUsers_Operation, "addRoleToUsers",
		&__AddRoleToUsersInput{Input: AddRoleToUsersInput(in)})
}

// RemoveRoleFromUsers takes the role with key roleKey away from users and
// returns the role. Roles the users hold through groups stay.
func (c *Client) RemoveRoleFromUsers(ctx context.Context, roleKey string, userIDs []string) (*Role, error) {
	in, err := roleUsersInput(roleKey, userIDs)
	if err != nil {
		return nil, err
	}
	return roleMutation(ctx, c, "RemoveRoleFromUsers", RemoveRoleFromUsers_Operation, "removeRoleFromUsers",
		&__RemoveRoleFromUsersInput{Input: RemoveRoleFromUsersInput(in)})
}

// AddRoleToGroups gives the role with key roleKey to the groups with
// groupKeys, and so to their members, and returns the role.
func (c *Client) AddRoleToGroups(ctx context.Context, roleKey string, groupKeys []string) (*Role, error) {
	if err := checkKeys("role", roleKey, "group keys", groupKeys); err != nil {
		return nil, err
	}
	return roleMutation(ctx, c, "AddRoleToGroups", AddRoleToGroups_Operation, "addRoleToGroups",
		&__AddRoleToGroupsInput{Input: AddRoleToGroupsInput{RoleKey: roleKey, GroupKeys: groupKeys}})
}

// RemoveRoleFromGroups takes the role with key roleKey away from the groups
// with groupKeys and returns the role.
func (c *Client) RemoveRoleFromGroups(ctx context.Context, roleKey string, groupKeys []string) (*Role, error) {
	if err := checkKeys("role", roleKey, "group keys", groupKeys); err != nil {
		return nil, err
	}
	return roleMutation(ctx, c, "RemoveRoleFromGroups", RemoveRoleFromGroups_Operation, "removeRoleFromGroups",
		&__RemoveRoleFromGroupsInput{Input: RemoveRoleFromGroupsInput{RoleKey: roleKey, GroupKeys: groupKeys}})
}

// AddUserToRoles gives a user the roles with roleKeys and returns the user.
func (c *Client) AddUserToRoles(ctx context.Context, userID string, roleKeys []string) (*User, error) {
	in, err := userRolesInput(userID, roleKeys)
	if err != nil {
		return nil, err
	}
	return c.userMutation(ctx, "AddUserToRoles", AddUserToRoles_Operation, "addUserToRoles",
		&__AddUserToRolesInput{Input: AddUserToRolesInput(in)})
}

// RemoveUserFromRoles takes the roles with roleKeys away from a user and
// returns the user.
func (c *Client) RemoveUserFromRoles(ctx context.Context, userID string, roleKeys []string) (*User, error) {
	in, err := userRolesInput(userID, roleKeys)
	if err != nil {
		return nil, err
	}
	return c.userMutation(ctx, "RemoveUserFromRoles", RemoveUserFromRoles_Operation, "removeUserFromRoles",
		&__RemoveUserFromRolesInput{Input: RemoveUserFromRolesInput(in)})
}

// ListRoleUsers iterates over the users who hold a role directly (not
// through a group). Paging and errors are as for [Client.ListRoles]; a role
// that does not exist gives an [*Error] matching [ErrNotFound].
func (c *Client) ListRoleUsers(ctx context.Context, roleID string, opts *PageOptions) iter.Seq2[*User, error] {
	return nodeList(ctx, c, "ListRoleUsers", ListRoleUsers_Operation, typeRole, roleID, "users", opts.size(),
		plainPageVars, userFieldsID, userFromFields)
}

// ListRoleGroups iterates over the groups that hold a role.
func (c *Client) ListRoleGroups(ctx context.Context, roleID string, opts *PageOptions) iter.Seq2[*Group, error] {
	return nodeList(ctx, c, "ListRoleGroups", ListRoleGroups_Operation, typeRole, roleID, "groups", opts.size(),
		plainPageVars, groupFieldsID, groupFromFields)
}

// ListUserRoles iterates over the roles a user holds directly; see
// [Client.ListUserEffectiveRoles] for those held through groups too. A user
// that does not exist gives an [*Error] matching [ErrNotFound].
func (c *Client) ListUserRoles(ctx context.Context, userID string, opts *PageOptions) iter.Seq2[*Role, error] {
	return nodeList(ctx, c, "ListUserRoles", ListUserRoles_Operation, typeUser, userID, "roles", opts.size(),
		plainPageVars, roleFieldsID, roleFromFields)
}

// ListUserEffectiveRoles iterates over the roles a user holds directly or
// through a group.
func (c *Client) ListUserEffectiveRoles(ctx context.Context, userID string, opts *PageOptions) iter.Seq2[*Role, error] {
	return nodeList(ctx, c, "ListUserEffectiveRoles", ListUserEffectiveRoles_Operation, typeUser, userID, "effectiveRoles",
		opts.size(), plainPageVars, roleFieldsID, roleFromFields)
}

// rolePayload is the payload of the mutations that return a role.
type rolePayload struct {
	Role *RoleFields `json:"role"`
}

// roleMutation runs a generated mutation whose payload is a role.
func roleMutation(ctx context.Context, c *Client, op, query, field string, vars any) (*Role, error) {
	p, err := mutate[rolePayload](ctx, c, op, query, field, vars)
	if err != nil {
		return nil, err
	}
	if p.Role == nil {
		return nil, answerError(op, "the answer has no role", nil)
	}
	return roleFromFields(p.Role), nil
}

// roleUsers is the shape shared by AddRoleToUsersInput and
// RemoveRoleFromUsersInput.
type roleUsers struct {
	RoleKey string   `json:"roleKey"`
	UserIDs []string `json:"userIDs"`
}

func roleUsersInput(roleKey string, userIDs []string) (roleUsers, error) {
	if err := checkKeys("role", roleKey, "user ids", userIDs); err != nil {
		return roleUsers{}, err
	}
	ids, err := nodeIDsOf(typeUser, userIDs)
	return roleUsers{RoleKey: roleKey, UserIDs: ids}, err
}

// userRoles is the shape shared by AddUserToRolesInput and
// RemoveUserFromRolesInput.
type userRoles struct {
	RoleKeys []string `json:"roleKeys"`
	UserID   string   `json:"userID"`
}

func userRolesInput(userID string, roleKeys []string) (userRoles, error) {
	id, err := UserNodeID(userID)
	if err != nil {
		return userRoles{}, err
	}
	if err := checkList("role keys", roleKeys); err != nil {
		return userRoles{}, err
	}
	return userRoles{RoleKeys: roleKeys, UserID: id}, nil
}
