package resolver

import (
	"context"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
	"github.com/authgear-admin/adminapi/adminapitest/internal/graph"
	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
)

func identityID(id string) (string, error) {
	raw, ok := model.DecodeIDOf(model.TypeIdentity, id)
	if !ok {
		return "", apierr.New(apierr.Invalid, "Invalid", "invalid identity ID")
	}
	return raw, nil
}

func (m *mutationResolver) CreateIdentity(_ context.Context, in graph.CreateIdentityInput) (*graph.CreateIdentityPayload, error) {
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
	user, err := m.r.mustUser(uid)
	return &graph.CreateIdentityPayload{Identity: model.NewIdentity(i), User: user}, err
}

func (m *mutationResolver) UpdateIdentity(_ context.Context, in graph.UpdateIdentityInput) (*graph.UpdateIdentityPayload, error) {
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
	user, err := m.r.mustUser(uid)
	return &graph.UpdateIdentityPayload{Identity: model.NewIdentity(i), User: user}, err
}

func (m *mutationResolver) DeleteIdentity(_ context.Context, in graph.DeleteIdentityInput) (*graph.DeleteIdentityPayload, error) {
	iid, err := identityID(in.IdentityID)
	if err != nil {
		return nil, err
	}
	uid, err := m.r.Store.DeleteIdentity(iid)
	if err != nil {
		return nil, err
	}
	user, err := m.r.mustUser(uid)
	return &graph.DeleteIdentityPayload{User: user}, err
}
