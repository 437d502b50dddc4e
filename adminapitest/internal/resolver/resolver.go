// Package resolver implements the GraphQL resolvers of the emulator over
// package store.
//
// Each resolver type embeds a generated stub (unsupported_gen.go) that
// answers "<Type>.<field> is not supported by the emulator" for every field,
// and overrides the fields the emulator models. Resolvers run while the
// server holds its store lock (exclusive for mutations), so they use the
// store directly. [AuditTrail] records an audit log entry for every
// mutation field that succeeds.
package resolver

import (
	"github.com/authgear-admin/adminapi/adminapitest/internal/graph"
	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// Resolver is the root resolver.
type Resolver struct {
	Store *store.Store
}

var _ graph.ResolverRoot = (*Resolver)(nil)

// Query returns the Query resolver.
func (r *Resolver) Query() graph.QueryResolver { return &queryResolver{r: r} }

// Mutation returns the Mutation resolver.
func (r *Resolver) Mutation() graph.MutationResolver { return &mutationResolver{r: r} }

// User returns the User field resolver.
func (r *Resolver) User() graph.UserResolver { return &userResolver{r: r} }

// Identity returns the Identity field resolver.
func (r *Resolver) Identity() graph.IdentityResolver { return &identityResolver{r: r} }

// Session returns the Session field resolver.
func (r *Resolver) Session() graph.SessionResolver { return &sessionResolver{r: r} }

// Authenticator returns the Authenticator field resolver.
func (r *Resolver) Authenticator() graph.AuthenticatorResolver {
	return &authenticatorResolver{r: r}
}

// Role returns the Role field resolver.
func (r *Resolver) Role() graph.RoleResolver { return &roleResolver{r: r} }

// Group returns the Group field resolver.
func (r *Resolver) Group() graph.GroupResolver { return &groupResolver{r: r} }

// Resource returns the Resource field resolver.
func (r *Resolver) Resource() graph.ResourceResolver { return &resourceResolver{r: r} }

// AuditLog returns the AuditLog field resolver.
func (r *Resolver) AuditLog() graph.AuditLogResolver { return &auditLogResolver{r: r} }

type (
	queryResolver struct {
		unsupportedQuery
		r *Resolver
	}
	mutationResolver struct {
		unsupportedMutation
		r *Resolver
	}
	userResolver struct {
		unsupportedUser
		r *Resolver
	}
	identityResolver struct {
		unsupportedIdentity
		r *Resolver
	}
	sessionResolver struct {
		unsupportedSession
		r *Resolver
	}
	authenticatorResolver struct {
		unsupportedAuthenticator
		r *Resolver
	}
	roleResolver struct {
		unsupportedRole
		r *Resolver
	}
	groupResolver struct {
		unsupportedGroup
		r *Resolver
	}
	resourceResolver struct {
		unsupportedResource
		r *Resolver
	}
	auditLogResolver struct {
		unsupportedAuditLog
		r *Resolver
	}
)

// user returns the view of a stored user, or nil if there is none.
func (r *Resolver) user(id string) *model.User {
	u, ok := r.Store.User(id)
	if !ok {
		return nil
	}
	return model.NewUser(u, r.Store.Now(), r.Store.VerifiedClaims(id))
}

// mustUser is user for ids the resolver just wrote.
func (r *Resolver) mustUser(id string) (*model.User, error) {
	if u := r.user(id); u != nil {
		return u, nil
	}
	return nil, store.ErrUserNotFound
}
