package resolver

import (
	"context"
	"slices"

	"github.com/authgear-admin/adminapi/adminapitest/internal/graph"
	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// identityTypes maps the GraphQL identity types the emulator stores to the
// store's.
var identityTypes = map[graph.IdentityType]string{
	graph.IdentityTypeLoginID: store.IdentityLoginID,
	graph.IdentityTypeOauth:   store.IdentityOAuth,
}

func (u *userResolver) Identities(_ context.Context, obj *model.User, after, before *string, first *int, identityType *graph.IdentityType, last *int) (*graph.IdentityConnection, error) {
	var ids []store.Identity
	if identityType == nil {
		ids = u.r.Store.Identities(obj.Record().ID, "")
	} else if typ, ok := identityTypes[*identityType]; ok {
		ids = u.r.Store.Identities(obj.Record().ID, typ)
	}
	return identityConnection(ids, arrayPage(len(ids), first, last, after, before)), nil
}

func (u *userResolver) identities(obj *model.User, typ string) []*model.Identity {
	out := []*model.Identity{}
	for _, i := range u.r.Store.Identities(obj.Record().ID, typ) {
		out = append(out, model.NewIdentity(i))
	}
	return out
}

func (u *userResolver) LoginIDs(_ context.Context, obj *model.User) ([]*model.Identity, error) {
	return u.identities(obj, store.IdentityLoginID), nil
}

func (u *userResolver) OauthConnections(_ context.Context, obj *model.User) ([]*model.Identity, error) {
	return u.identities(obj, store.IdentityOAuth), nil
}

// The emulator stores no passkeys and no biometric registrations.

func (u *userResolver) Passkeys(context.Context, *model.User) ([]*model.Identity, error) {
	return []*model.Identity{}, nil
}

func (u *userResolver) BiometricRegistrations(context.Context, *model.User) ([]*model.Identity, error) {
	return []*model.Identity{}, nil
}

func (u *userResolver) VerifiedClaims(_ context.Context, obj *model.User) ([]*graph.Claim, error) {
	out := []*graph.Claim{}
	for _, c := range obj.Verified() {
		out = append(out, &graph.Claim{Name: c.Name, Value: c.Value})
	}
	return out, nil
}

func (u *userResolver) Sessions(_ context.Context, obj *model.User, after, before *string, first, last *int) (*graph.SessionConnection, error) {
	ss := u.r.Store.Sessions(obj.Record().ID)
	return sessionConnection(ss, arrayPage(len(ss), first, last, after, before)), nil
}

func (u *userResolver) Authorizations(_ context.Context, obj *model.User, after, before *string, first, last *int) (*graph.AuthorizationConnection, error) {
	as := u.r.Store.Authorizations(obj.Record().ID)
	return authorizationConnection(as, arrayPage(len(as), first, last, after, before)), nil
}

func (u *userResolver) Roles(_ context.Context, obj *model.User, after, before *string, first, last *int) (*graph.RoleConnection, error) {
	rs := u.r.Store.RolesOfUser(obj.Record().ID)
	return roleConnection(rs, arrayPage(len(rs), first, last, after, before)), nil
}

func (u *userResolver) EffectiveRoles(_ context.Context, obj *model.User, after, before *string, first, last *int) (*graph.RoleConnection, error) {
	rs := u.r.Store.EffectiveRoles(obj.Record().ID)
	return roleConnection(rs, arrayPage(len(rs), first, last, after, before)), nil
}

func (u *userResolver) Groups(_ context.Context, obj *model.User, after, before *string, first, last *int) (*graph.GroupConnection, error) {
	gs := u.r.Store.GroupsOfUser(obj.Record().ID)
	return groupConnection(gs, arrayPage(len(gs), first, last, after, before)), nil
}

// AccountLockout is never locked: the emulator records no failed sign-ins.
func (u *userResolver) AccountLockout(context.Context, *model.User) (*graph.AccountLockout, error) {
	return &graph.AccountLockout{IsLocked: false, LockedIPs: []*graph.LockedIP{}, LockoutType: "per_user"}, nil
}

// Web3 is empty: the emulator has no Sign-In with Ethereum identities.
func (u *userResolver) Web3(context.Context, *model.User) (map[string]any, error) {
	return map[string]any{}, nil
}

func (i *identityResolver) Type(_ context.Context, obj *model.Identity) (graph.IdentityType, error) {
	if obj.Record().Type == store.IdentityOAuth {
		return graph.IdentityTypeOauth, nil
	}
	return graph.IdentityTypeLoginID, nil
}

// Claims returns the identity's claims, only those named when names is
// given.
func (i *identityResolver) Claims(_ context.Context, obj *model.Identity, names []string) (map[string]any, error) {
	return filterClaims(obj.Record().Claims(), names), nil
}

// filterClaims keeps the claims named, or all when names is nil.
func filterClaims(claims map[string]any, names []string) map[string]any {
	if names == nil {
		return claims
	}
	for k := range claims {
		if !slices.Contains(names, k) {
			delete(claims, k)
		}
	}
	return claims
}

// Type is OFFLINE_GRANT: sessions created with the Admin API are offline
// grants of a client.
func (s *sessionResolver) Type(context.Context, *model.Session) (graph.SessionType, error) {
	return graph.SessionTypeOfflineGrant, nil
}
