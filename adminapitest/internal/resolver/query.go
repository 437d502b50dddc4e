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
	st := r.Store
	switch typ {
	case model.TypeUser:
		if u := r.user(raw); u != nil {
			return u
		}
	case model.TypeIdentity:
		if i, ok := st.Identity(raw); ok {
			return model.NewIdentity(i)
		}
	case model.TypeSession:
		if s, ok := st.Session(raw); ok {
			return model.NewSession(s)
		}
	case model.TypeAuthenticator:
		if a, ok := st.Authenticator(raw); ok {
			return model.NewAuthenticator(a)
		}
	case model.TypeAuthorization:
		if a, ok := st.Authorization(raw); ok {
			return model.NewAuthorization(a)
		}
	case model.TypeRole:
		if x, ok := st.Role(raw); ok {
			return model.NewRole(x)
		}
	case model.TypeGroup:
		if x, ok := st.Group(raw); ok {
			return model.NewGroup(x)
		}
	case model.TypeResource:
		if x, ok := st.Resource(raw); ok {
			return model.NewResource(x)
		}
	case model.TypeScope:
		if x, ok := st.Scope(raw); ok {
			return model.NewScope(x)
		}
	case model.TypeAuditLog:
		if x, ok := st.AuditLog(raw); ok {
			return model.NewAuditLog(x)
		}
	}
	// FraudProtectionDecisionRecord ids name nothing: the emulator records
	// no fraud protection decisions.
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
	// The list comes from the search index; the users themselves are read
	// from the database, so a user deleted since indexing is null.
	return q.r.userConnection(ids, p), nil
}

func (q *queryResolver) GetUserByLoginID(_ context.Context, key, value string) (*model.User, error) {
	id, err := q.r.Store.UserByLoginID(key, value)
	if err != nil || id == "" {
		return nil, err
	}
	return q.r.user(id), nil
}

// GetUserByOAuth returns the user connected to an account of an OAuth
// provider, or null.
func (q *queryResolver) GetUserByOAuth(_ context.Context, alias, subjectID string) (*model.User, error) {
	id := q.r.Store.UserByOAuth(alias, subjectID)
	if id == "" {
		return nil, nil
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
