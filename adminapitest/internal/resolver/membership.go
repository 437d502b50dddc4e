package resolver

import (
	"context"

	"github.com/authgear-admin/adminapi/adminapitest/internal/graph"
	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// roleUsers runs a change of a role's users.
func (m *mutationResolver) roleUsers(roleKey string, ids []string, change func(string, []string) (store.Role, error)) (*model.Role, error) {
	raw, err := userIDs(ids)
	if err != nil {
		return nil, err
	}
	r, err := change(roleKey, raw)
	if err != nil {
		return nil, err
	}
	return model.NewRole(r), nil
}

func (m *mutationResolver) AddRoleToUsers(_ context.Context, in graph.AddRoleToUsersInput) (*graph.AddRoleToUsersPayload, error) {
	r, err := m.roleUsers(in.RoleKey, in.UserIDs, m.r.Store.AddRoleToUsers)
	if err != nil {
		return nil, err
	}
	return &graph.AddRoleToUsersPayload{Role: r}, nil
}

func (m *mutationResolver) RemoveRoleFromUsers(_ context.Context, in graph.RemoveRoleFromUsersInput) (*graph.RemoveRoleFromUsersPayload, error) {
	r, err := m.roleUsers(in.RoleKey, in.UserIDs, m.r.Store.RemoveRoleFromUsers)
	if err != nil {
		return nil, err
	}
	return &graph.RemoveRoleFromUsersPayload{Role: r}, nil
}

// groupUsers runs a change of a group's users.
func (m *mutationResolver) groupUsers(groupKey string, ids []string, change func(string, []string) (store.Group, error)) (*model.Group, error) {
	raw, err := userIDs(ids)
	if err != nil {
		return nil, err
	}
	g, err := change(groupKey, raw)
	if err != nil {
		return nil, err
	}
	return model.NewGroup(g), nil
}

func (m *mutationResolver) AddGroupToUsers(_ context.Context, in graph.AddGroupToUsersInput) (*graph.AddGroupToUsersPayload, error) {
	g, err := m.groupUsers(in.GroupKey, in.UserIDs, m.r.Store.AddGroupToUsers)
	if err != nil {
		return nil, err
	}
	return &graph.AddGroupToUsersPayload{Group: g}, nil
}

func (m *mutationResolver) RemoveGroupFromUsers(_ context.Context, in graph.RemoveGroupFromUsersInput) (*graph.RemoveGroupToUsersPayload, error) {
	g, err := m.groupUsers(in.GroupKey, in.UserIDs, m.r.Store.RemoveGroupFromUsers)
	if err != nil {
		return nil, err
	}
	return &graph.RemoveGroupToUsersPayload{Group: g}, nil
}

// userChange runs a change of a user's roles or groups and returns the
// user. Like the server, the audit log entry of such a change is not
// linked to the user; its payload names the user.
func (m *mutationResolver) userChange(id string, keys []string, change func(string, []string) error) (*model.User, error) {
	uid, err := userID(id)
	if err != nil {
		return nil, err
	}
	if err := change(uid, keys); err != nil {
		return nil, err
	}
	return m.r.mustUser(uid)
}

func (m *mutationResolver) AddUserToRoles(_ context.Context, in graph.AddUserToRolesInput) (*graph.AddUserToRolesPayload, error) {
	u, err := m.userChange(in.UserID, in.RoleKeys, m.r.Store.AddUserToRoles)
	if err != nil {
		return nil, err
	}
	return &graph.AddUserToRolesPayload{User: u}, nil
}

func (m *mutationResolver) RemoveUserFromRoles(_ context.Context, in graph.RemoveUserFromRolesInput) (*graph.RemoveUserFromRolesPayload, error) {
	u, err := m.userChange(in.UserID, in.RoleKeys, m.r.Store.RemoveUserFromRoles)
	if err != nil {
		return nil, err
	}
	return &graph.RemoveUserFromRolesPayload{User: u}, nil
}

func (m *mutationResolver) AddUserToGroups(_ context.Context, in graph.AddUserToGroupsInput) (*graph.AddUserToGroupsPayload, error) {
	u, err := m.userChange(in.UserID, in.GroupKeys, m.r.Store.AddUserToGroups)
	if err != nil {
		return nil, err
	}
	return &graph.AddUserToGroupsPayload{User: u}, nil
}

func (m *mutationResolver) RemoveUserFromGroups(_ context.Context, in graph.RemoveUserFromGroupsInput) (*graph.RemoveUserFromGroupsPayload, error) {
	u, err := m.userChange(in.UserID, in.GroupKeys, m.r.Store.RemoveUserFromGroups)
	if err != nil {
		return nil, err
	}
	return &graph.RemoveUserFromGroupsPayload{User: u}, nil
}

func (m *mutationResolver) AddRoleToGroups(_ context.Context, in graph.AddRoleToGroupsInput) (*graph.AddRoleToGroupsPayload, error) {
	r, err := m.r.Store.AddRoleToGroups(in.RoleKey, in.GroupKeys)
	if err != nil {
		return nil, err
	}
	return &graph.AddRoleToGroupsPayload{Role: model.NewRole(r)}, nil
}

func (m *mutationResolver) RemoveRoleFromGroups(_ context.Context, in graph.RemoveRoleFromGroupsInput) (*graph.RemoveRoleFromGroupsPayload, error) {
	r, err := m.r.Store.RemoveRoleFromGroups(in.RoleKey, in.GroupKeys)
	if err != nil {
		return nil, err
	}
	return &graph.RemoveRoleFromGroupsPayload{Role: model.NewRole(r)}, nil
}

func (m *mutationResolver) AddGroupToRoles(_ context.Context, in graph.AddGroupToRolesInput) (*graph.AddGroupToRolesPayload, error) {
	g, err := m.r.Store.AddGroupToRoles(in.GroupKey, in.RoleKeys)
	if err != nil {
		return nil, err
	}
	return &graph.AddGroupToRolesPayload{Group: model.NewGroup(g)}, nil
}

func (m *mutationResolver) RemoveGroupFromRoles(_ context.Context, in graph.RemoveGroupFromRolesInput) (*graph.RemoveGroupFromRolesPayload, error) {
	g, err := m.r.Store.RemoveGroupFromRoles(in.GroupKey, in.RoleKeys)
	if err != nil {
		return nil, err
	}
	return &graph.RemoveGroupFromRolesPayload{Group: model.NewGroup(g)}, nil
}
