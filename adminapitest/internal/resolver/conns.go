package resolver

import (
	"github.com/authgear-admin/adminapi/adminapitest/internal/graph"
	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// edges builds the edges of page p of items.
func edges[T, E any](items []T, p page, edge func(cursor string, item T) E) []E {
	out := []E{}
	for i, it := range items[p.start:p.end] {
		out = append(out, edge(p.cursors[i], it))
	}
	return out
}

// userConnection is a page of users by raw id; users deleted meanwhile are
// null.
func (r *Resolver) userConnection(ids []string, p page) *graph.UserConnection {
	return &graph.UserConnection{PageInfo: p.info, TotalCount: ptr(p.total),
		Edges: edges(ids, p, func(c, id string) *graph.UserEdge { return &graph.UserEdge{Cursor: c, Node: r.user(id)} })}
}

func roleConnection(roles []store.Role, p page) *graph.RoleConnection {
	return &graph.RoleConnection{PageInfo: p.info, TotalCount: ptr(p.total),
		Edges: edges(roles, p, func(c string, x store.Role) *graph.RoleEdge {
			return &graph.RoleEdge{Cursor: c, Node: model.NewRole(x)}
		})}
}

func groupConnection(groups []store.Group, p page) *graph.GroupConnection {
	return &graph.GroupConnection{PageInfo: p.info, TotalCount: ptr(p.total),
		Edges: edges(groups, p, func(c string, x store.Group) *graph.GroupEdge {
			return &graph.GroupEdge{Cursor: c, Node: model.NewGroup(x)}
		})}
}

func authenticatorConnection(as []store.Authenticator, p page) *graph.AuthenticatorConnection {
	return &graph.AuthenticatorConnection{PageInfo: p.info, TotalCount: ptr(p.total),
		Edges: edges(as, p, func(c string, x store.Authenticator) *graph.AuthenticatorEdge {
			return &graph.AuthenticatorEdge{Cursor: c, Node: model.NewAuthenticator(x)}
		})}
}

func authorizationConnection(as []store.Authorization, p page) *graph.AuthorizationConnection {
	return &graph.AuthorizationConnection{PageInfo: p.info, TotalCount: ptr(p.total),
		Edges: edges(as, p, func(c string, x store.Authorization) *graph.AuthorizationEdge {
			return &graph.AuthorizationEdge{Cursor: c, Node: model.NewAuthorization(x)}
		})}
}

func resourceConnection(rs []store.Resource, p page) *graph.ResourceConnection {
	return &graph.ResourceConnection{PageInfo: p.info, TotalCount: ptr(p.total),
		Edges: edges(rs, p, func(c string, x store.Resource) *graph.ResourceEdge {
			return &graph.ResourceEdge{Cursor: c, Node: model.NewResource(x)}
		})}
}

func scopeConnection(ss []store.Scope, p page) *graph.ScopeConnection {
	return &graph.ScopeConnection{PageInfo: p.info, TotalCount: ptr(p.total),
		Edges: edges(ss, p, func(c string, x store.Scope) *graph.ScopeEdge {
			return &graph.ScopeEdge{Cursor: c, Node: model.NewScope(x)}
		})}
}

func auditLogConnection(ls []store.AuditLog, p page) *graph.AuditLogConnection {
	return &graph.AuditLogConnection{PageInfo: p.info, TotalCount: ptr(p.total),
		Edges: edges(ls, p, func(c string, x store.AuditLog) *graph.AuditLogEdge {
			return &graph.AuditLogEdge{Cursor: c, Node: model.NewAuditLog(x)}
		})}
}

func identityConnection(is []store.Identity, p page) *graph.IdentityConnection {
	return &graph.IdentityConnection{PageInfo: p.info, TotalCount: ptr(p.total),
		Edges: edges(is, p, func(c string, x store.Identity) *graph.IdentityEdge {
			return &graph.IdentityEdge{Cursor: c, Node: model.NewIdentity(x)}
		})}
}

func sessionConnection(ss []store.Session, p page) *graph.SessionConnection {
	return &graph.SessionConnection{PageInfo: p.info, TotalCount: ptr(p.total),
		Edges: edges(ss, p, func(c string, x store.Session) *graph.SessionEdge {
			return &graph.SessionEdge{Cursor: c, Node: model.NewSession(x)}
		})}
}
