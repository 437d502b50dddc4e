package resolver

import (
	"context"

	"github.com/authgear-admin/adminapi/adminapitest/internal/graph"
	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// identityEvent is the side event of a login ID change: IDENTITY_EMAIL_ADDED
// and the like.
func identityEvent(ctx context.Context, i store.Identity, change string) {
	if i.Type != store.IdentityLoginID {
		if i.Type == store.IdentityOAuth && change == "REMOVED" {
			noteEvent(ctx, graph.AuditLogActivityTypeIdentityOauthDisconnected, i.UserID, identityPayload(i))
		}
		return
	}
	kind := map[string]string{store.LoginIDTypeEmail: "EMAIL", store.LoginIDTypePhone: "PHONE", store.LoginIDTypeUsername: "USERNAME"}[i.LoginID.Type]
	noteEvent(ctx, graph.AuditLogActivityType("IDENTITY_"+kind+"_"+change), i.UserID, identityPayload(i))
}

func identityPayload(i store.Identity) map[string]any {
	return map[string]any{
		"user":      map[string]any{"id": i.UserID},
		"identity":  map[string]any{"id": i.ID, "type": i.Type, "claims": i.Claims()},
		"admin_api": true,
	}
}

func (m *mutationResolver) CreateIdentity(ctx context.Context, in graph.CreateIdentityInput) (*graph.CreateIdentityPayload, error) {
	uid, err := userID(in.UserID)
	if err != nil {
		return nil, err
	}
	lid, err := loginIDOf(in.Definition)
	if err != nil {
		return nil, err
	}
	i, err := m.r.Store.CreateIdentity(uid, lid[0], lid[1], in.Password)
	if err != nil {
		return nil, err
	}
	identityEvent(ctx, i, "ADDED")
	noteUser(ctx, uid)
	user, err := m.r.mustUser(uid)
	return &graph.CreateIdentityPayload{Identity: model.NewIdentity(i), User: user}, err
}

func (m *mutationResolver) UpdateIdentity(ctx context.Context, in graph.UpdateIdentityInput) (*graph.UpdateIdentityPayload, error) {
	uid, err := userID(in.UserID)
	if err != nil {
		return nil, err
	}
	iid, err := identityID(in.IdentityID)
	if err != nil {
		return nil, err
	}
	lid, err := loginIDOf(in.Definition)
	if err != nil {
		return nil, err
	}
	i, err := m.r.Store.UpdateIdentity(uid, iid, lid[0], lid[1])
	if err != nil {
		return nil, err
	}
	identityEvent(ctx, i, "UPDATED")
	noteUser(ctx, uid)
	user, err := m.r.mustUser(uid)
	return &graph.UpdateIdentityPayload{Identity: model.NewIdentity(i), User: user}, err
}

func (m *mutationResolver) DeleteIdentity(ctx context.Context, in graph.DeleteIdentityInput) (*graph.DeleteIdentityPayload, error) {
	iid, err := identityID(in.IdentityID)
	if err != nil {
		return nil, err
	}
	i, _ := m.r.Store.Identity(iid)
	uid, err := m.r.Store.DeleteIdentity(iid)
	if err != nil {
		return nil, err
	}
	identityEvent(ctx, i, "REMOVED")
	noteUser(ctx, uid)
	user, err := m.r.mustUser(uid)
	return &graph.DeleteIdentityPayload{User: user}, err
}
