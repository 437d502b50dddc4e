package resolver

import (
	"context"

	"github.com/authgear-admin/adminapi/adminapitest/internal/graph"
	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// node resolves a global id; malformed ids and ids of unknown or missing
// nodes give nil, as on the server.
func (r *Resolver) node(id string) graph.Node {
	typ, raw, ok := model.DecodeID(id)
	if !ok {
		return nil
	}
	switch typ {
	case model.TypeUser:
		if u := r.user(raw); u != nil {
			return u
		}
	case model.TypeIdentity:
		if i, ok := r.Store.Identity(raw); ok {
			return model.NewIdentity(i)
		}
	case model.TypeSession:
		if s, ok := r.Store.Session(raw); ok {
			return model.NewSession(s)
		}
	}
	return nil
}

func (q *queryResolver) Node(_ context.Context, id string) (graph.Node, error) {
	return q.r.node(id), nil
}

func (q *queryResolver) Nodes(_ context.Context, ids []string) ([]graph.Node, error) {
	out := make([]graph.Node, len(ids))
	for i, id := range ids {
		out[i] = q.r.node(id)
	}
	return out, nil
}

func (q *queryResolver) Users(_ context.Context, after, before *string, first *int, groupKeys []string, last *int, roleKeys []string, searchKeyword *string, sortBy *graph.UserSortBy, sortDirection *graph.SortDirection) (*graph.UserConnection, error) {
	opts := store.ListOptions{
		ByLastLogin: sortBy != nil && *sortBy == graph.UserSortByLastLoginAt,
		Ascending:   sortDirection != nil && *sortDirection == graph.SortDirectionAsc,
		RoleKeys:    roleKeys,
		GroupKeys:   groupKeys,
	}
	if searchKeyword != nil {
		opts.SearchKeyword = *searchKeyword
	}
	ids := q.r.Store.ListUsers(opts)
	p, err := offsetPage(len(ids), first, last, after, before)
	if err != nil {
		return nil, err
	}
	conn := &graph.UserConnection{Edges: []*graph.UserEdge{}, PageInfo: p.info, TotalCount: ptr(p.total)}
	for i, id := range ids[p.start:p.end] {
		// The list comes from the search index; the users themselves are
		// read from the database, so a user deleted since indexing is null.
		conn.Edges = append(conn.Edges, &graph.UserEdge{Cursor: p.cursors[i], Node: q.r.user(id)})
	}
	return conn, nil
}

func (q *queryResolver) GetUserByLoginID(_ context.Context, key, value string) (*model.User, error) {
	id, err := q.r.Store.UserByLoginID(key, value)
	if err != nil || id == "" {
		return nil, err
	}
	return q.r.user(id), nil
}

func (q *queryResolver) GetUsersByStandardAttribute(_ context.Context, name, value string) ([]*model.User, error) {
	ids, err := q.r.Store.UsersByStandardAttribute(name, value)
	if err != nil {
		return nil, err
	}
	out := make([]*model.User, 0, len(ids))
	for _, id := range ids {
		if u := q.r.user(id); u != nil {
			out = append(out, u)
		}
	}
	return out, nil
}
