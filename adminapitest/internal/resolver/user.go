package resolver

import (
	"context"
	"slices"

	"github.com/authgear-admin/adminapi/adminapitest/internal/graph"
	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
)

func (u *userResolver) Identities(_ context.Context, obj *model.User, after, before *string, first *int, identityType *graph.IdentityType, last *int) (*graph.IdentityConnection, error) {
	var ids []*model.Identity
	if identityType == nil || *identityType == graph.IdentityTypeLoginID {
		for _, i := range u.r.Store.Identities(obj.Record().ID) {
			ids = append(ids, model.NewIdentity(i))
		}
	}
	p := arrayPage(len(ids), first, last, after, before)
	conn := &graph.IdentityConnection{Edges: []*graph.IdentityEdge{}, PageInfo: p.info, TotalCount: ptr(p.total)}
	for i, n := range ids[p.start:p.end] {
		conn.Edges = append(conn.Edges, &graph.IdentityEdge{Cursor: p.cursors[i], Node: n})
	}
	return conn, nil
}

func (u *userResolver) LoginIDs(_ context.Context, obj *model.User) ([]*model.Identity, error) {
	out := []*model.Identity{}
	for _, i := range u.r.Store.Identities(obj.Record().ID) {
		out = append(out, model.NewIdentity(i))
	}
	return out, nil
}

// The emulator only has login-ID identities.

func (u *userResolver) OauthConnections(context.Context, *model.User) ([]*model.Identity, error) {
	return []*model.Identity{}, nil
}

func (u *userResolver) Passkeys(context.Context, *model.User) ([]*model.Identity, error) {
	return []*model.Identity{}, nil
}

func (u *userResolver) BiometricRegistrations(context.Context, *model.User) ([]*model.Identity, error) {
	return []*model.Identity{}, nil
}

// VerifiedClaims is empty: the emulator verifies no claim.
func (u *userResolver) VerifiedClaims(context.Context, *model.User) ([]*graph.Claim, error) {
	return []*graph.Claim{}, nil
}

func (u *userResolver) Sessions(_ context.Context, obj *model.User, after, before *string, first, last *int) (*graph.SessionConnection, error) {
	var ss []*model.Session
	for _, s := range u.r.Store.Sessions(obj.Record().ID) {
		ss = append(ss, model.NewSession(s))
	}
	p := arrayPage(len(ss), first, last, after, before)
	conn := &graph.SessionConnection{Edges: []*graph.SessionEdge{}, PageInfo: p.info, TotalCount: ptr(p.total)}
	for i, n := range ss[p.start:p.end] {
		conn.Edges = append(conn.Edges, &graph.SessionEdge{Cursor: p.cursors[i], Node: n})
	}
	return conn, nil
}

func (i *identityResolver) Type(context.Context, *model.Identity) (graph.IdentityType, error) {
	return graph.IdentityTypeLoginID, nil
}

// Claims returns the identity's claims, only those named when names is
// given.
func (i *identityResolver) Claims(_ context.Context, obj *model.Identity, names []string) (map[string]any, error) {
	claims := obj.Record().Claims()
	if names == nil {
		return claims, nil
	}
	for k := range claims {
		if !slices.Contains(names, k) {
			delete(claims, k)
		}
	}
	return claims, nil
}

// Type is OFFLINE_GRANT: sessions created with the Admin API are offline
// grants of a client.
func (s *sessionResolver) Type(context.Context, *model.Session) (graph.SessionType, error) {
	return graph.SessionTypeOfflineGrant, nil
}
