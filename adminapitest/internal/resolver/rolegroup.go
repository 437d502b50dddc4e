package resolver

import (
	"context"

	"github.com/authgear-admin/adminapi/adminapitest/internal/graph"
	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

func roleID(id string) (string, error)  { return decodeID(model.TypeRole, id, "role") }
func groupID(id string) (string, error) { return decodeID(model.TypeGroup, id, "group") }

// excluded decodes the excludedIDs of a list.
func excluded(ids []string, decode func(string) (string, error)) ([]string, error) {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		raw, err := decode(id)
		if err != nil {
			return nil, err
		}
		out = append(out, raw)
	}
	return out, nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func (q *queryResolver) Roles(_ context.Context, after, before *string, excludedIDs []string, first, last *int, searchKeyword *string) (*graph.RoleConnection, error) {
	ex, err := excluded(excludedIDs, roleID)
	if err != nil {
		return nil, err
	}
	rs := q.r.Store.ListRoles(deref(searchKeyword), ex)
	p, err := offsetPage(len(rs), first, last, after, before)
	if err != nil {
		return nil, err
	}
	return roleConnection(rs, p), nil
}

func (q *queryResolver) Groups(_ context.Context, after, before *string, excludedIDs []string, first, last *int, searchKeyword *string) (*graph.GroupConnection, error) {
	ex, err := excluded(excludedIDs, groupID)
	if err != nil {
		return nil, err
	}
	gs := q.r.Store.ListGroups(deref(searchKeyword), ex)
	p, err := offsetPage(len(gs), first, last, after, before)
	if err != nil {
		return nil, err
	}
	return groupConnection(gs, p), nil
}

func (r *roleResolver) Users(_ context.Context, obj *model.Role, after, before *string, first, last *int) (*graph.UserConnection, error) {
	ids := r.r.Store.UsersOfRole(obj.Record().ID)
	p, err := offsetPage(len(ids), first, last, after, before)
	if err != nil {
		return nil, err
	}
	return r.r.userConnection(ids, p), nil
}

func (r *roleResolver) Groups(_ context.Context, obj *model.Role, after, before *string, first, last *int) (*graph.GroupConnection, error) {
	gs := r.r.Store.GroupsOfRole(obj.Record().ID)
	return groupConnection(gs, arrayPage(len(gs), first, last, after, before)), nil
}

func (g *groupResolver) Users(_ context.Context, obj *model.Group, after, before *string, first, last *int) (*graph.UserConnection, error) {
	ids := g.r.Store.UsersOfGroup(obj.Record().ID)
	p, err := offsetPage(len(ids), first, last, after, before)
	if err != nil {
		return nil, err
	}
	return g.r.userConnection(ids, p), nil
}

func (g *groupResolver) Roles(_ context.Context, obj *model.Group, after, before *string, first, last *int) (*graph.RoleConnection, error) {
	rs := g.r.Store.RolesOfGroup(obj.Record().ID)
	return roleConnection(rs, arrayPage(len(rs), first, last, after, before)), nil
}

func (m *mutationResolver) CreateRole(_ context.Context, in graph.CreateRoleInput) (*graph.CreateRolePayload, error) {
	r, err := m.r.Store.CreateRole(store.NewEntity{Key: in.Key, Name: in.Name, Description: in.Description})
	if err != nil {
		return nil, err
	}
	return &graph.CreateRolePayload{Role: model.NewRole(r)}, nil
}

func (m *mutationResolver) UpdateRole(_ context.Context, in graph.UpdateRoleInput) (*graph.UpdateRolePayload, error) {
	id, err := roleID(in.ID)
	if err != nil {
		return nil, err
	}
	r, err := m.r.Store.UpdateRole(id, store.EntityUpdate{Key: in.Key, Name: in.Name, Description: in.Description})
	if err != nil {
		return nil, err
	}
	return &graph.UpdateRolePayload{Role: model.NewRole(r)}, nil
}

func (m *mutationResolver) DeleteRole(_ context.Context, in graph.DeleteRoleInput) (*graph.DeleteRolePayload, error) {
	id, err := roleID(in.ID)
	if err != nil {
		return nil, err
	}
	if _, err := m.r.Store.DeleteRole(id); err != nil {
		return nil, err
	}
	return &graph.DeleteRolePayload{Ok: ptr(true)}, nil
}

func (m *mutationResolver) CreateGroup(_ context.Context, in graph.CreateGroupInput) (*graph.CreateGroupPayload, error) {
	g, err := m.r.Store.CreateGroup(store.NewEntity{Key: in.Key, Name: in.Name, Description: in.Description})
	if err != nil {
		return nil, err
	}
	return &graph.CreateGroupPayload{Group: model.NewGroup(g)}, nil
}

func (m *mutationResolver) UpdateGroup(_ context.Context, in graph.UpdateGroupInput) (*graph.UpdateGroupPayload, error) {
	id, err := groupID(in.ID)
	if err != nil {
		return nil, err
	}
	g, err := m.r.Store.UpdateGroup(id, store.EntityUpdate{Key: in.Key, Name: in.Name, Description: in.Description})
	if err != nil {
		return nil, err
	}
	return &graph.UpdateGroupPayload{Group: model.NewGroup(g)}, nil
}

func (m *mutationResolver) DeleteGroup(_ context.Context, in graph.DeleteGroupInput) (*graph.DeleteGroupPayload, error) {
	id, err := groupID(in.ID)
	if err != nil {
		return nil, err
	}
	if _, err := m.r.Store.DeleteGroup(id); err != nil {
		return nil, err
	}
	return &graph.DeleteGroupPayload{Ok: ptr(true)}, nil
}
