package resolver

import (
	"context"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/graph"
	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

func (q *queryResolver) Resources(_ context.Context, after, before *string, clientID *string, first, last *int, searchKeyword *string) (*graph.ResourceConnection, error) {
	rs := q.r.Store.ListResources(deref(searchKeyword), deref(clientID))
	p, err := offsetPageMax(len(rs), maxResourcePageSize, first, last, after, before)
	if err != nil {
		return nil, err
	}
	return resourceConnection(rs, p), nil
}

func (r *resourceResolver) ClientIDs(_ context.Context, obj *model.Resource) ([]string, error) {
	return r.r.Store.ClientsOfResource(obj.Record().ID), nil
}

func (r *resourceResolver) Scopes(_ context.Context, obj *model.Resource, after, before *string, clientID *string, first, last *int, searchKeyword *string) (*graph.ScopeConnection, error) {
	ss := r.r.Store.ListScopes(obj.Record().ID, deref(searchKeyword), deref(clientID))
	p, err := offsetPage(len(ss), first, last, after, before)
	if err != nil {
		return nil, err
	}
	return scopeConnection(ss, p), nil
}

func (m *mutationResolver) CreateResource(_ context.Context, in graph.CreateResourceInput) (*graph.CreateResourcePayload, error) {
	res, err := m.r.Store.CreateResource(in.ResourceURI, in.Name, time.Time{})
	if err != nil {
		return nil, err
	}
	return &graph.CreateResourcePayload{Resource: model.NewResource(res)}, nil
}

func (m *mutationResolver) UpdateResource(_ context.Context, in graph.UpdateResourceInput) (*graph.UpdateResourcePayload, error) {
	res, err := m.r.Store.UpdateResource(in.ResourceURI, in.Name)
	if err != nil {
		return nil, err
	}
	return &graph.UpdateResourcePayload{Resource: model.NewResource(res)}, nil
}

func (m *mutationResolver) DeleteResource(_ context.Context, in graph.DeleteResourceInput) (*graph.DeleteResourcePayload, error) {
	if _, err := m.r.Store.DeleteResource(in.ResourceURI); err != nil {
		return nil, err
	}
	return &graph.DeleteResourcePayload{Ok: ptr(true)}, nil
}

func (m *mutationResolver) AddResourceToClientID(_ context.Context, in graph.AddResourceToClientIDInput) (*graph.AddResourceToClientIDPayload, error) {
	res, err := m.r.Store.AddResourceToClient(in.ResourceURI, in.ClientID)
	if err != nil {
		return nil, err
	}
	return &graph.AddResourceToClientIDPayload{Resource: model.NewResource(res)}, nil
}

func (m *mutationResolver) RemoveResourceFromClientID(_ context.Context, in graph.RemoveResourceFromClientIDInput) (*graph.RemoveResourceFromClientIDPayload, error) {
	res, err := m.r.Store.RemoveResourceFromClient(in.ResourceURI, in.ClientID)
	if err != nil {
		return nil, err
	}
	return &graph.RemoveResourceFromClientIDPayload{Resource: model.NewResource(res)}, nil
}

func (m *mutationResolver) CreateScope(_ context.Context, in graph.CreateScopeInput) (*graph.CreateScopePayload, error) {
	sc, err := m.r.Store.CreateScope(in.ResourceURI, in.Scope, in.Description, time.Time{})
	if err != nil {
		return nil, err
	}
	return &graph.CreateScopePayload{Scope: model.NewScope(sc)}, nil
}

func (m *mutationResolver) UpdateScope(_ context.Context, in graph.UpdateScopeInput) (*graph.UpdateScopePayload, error) {
	sc, err := m.r.Store.UpdateScope(in.ResourceURI, in.Scope, in.Description)
	if err != nil {
		return nil, err
	}
	return &graph.UpdateScopePayload{Scope: model.NewScope(sc)}, nil
}

func (m *mutationResolver) DeleteScope(_ context.Context, in graph.DeleteScopeInput) (*graph.DeleteScopePayload, error) {
	if err := m.r.Store.DeleteScope(in.ResourceURI, in.Scope); err != nil {
		return nil, err
	}
	return &graph.DeleteScopePayload{Ok: ptr(true)}, nil
}

// clientScopes runs a change of the scopes a client is granted.
func (m *mutationResolver) clientScopes(change store.ClientScopeChange, uri, clientID string, scopes []string) ([]*model.Scope, error) {
	ss, err := m.r.Store.ChangeClientScopes(change, uri, clientID, scopes)
	if err != nil {
		return nil, err
	}
	out := []*model.Scope{}
	for _, sc := range ss {
		out = append(out, model.NewScope(sc))
	}
	return out, nil
}

func (m *mutationResolver) AddScopesToClientID(_ context.Context, in graph.AddScopesToClientIDInput) (*graph.AddScopesToClientIDPayload, error) {
	ss, err := m.clientScopes(store.AddScopes, in.ResourceURI, in.ClientID, in.Scopes)
	if err != nil {
		return nil, err
	}
	return &graph.AddScopesToClientIDPayload{Scopes: ss}, nil
}

func (m *mutationResolver) RemoveScopesFromClientID(_ context.Context, in graph.RemoveScopesFromClientIDInput) (*graph.RemoveScopesFromClientIDPayload, error) {
	ss, err := m.clientScopes(store.RemoveScopes, in.ResourceURI, in.ClientID, in.Scopes)
	if err != nil {
		return nil, err
	}
	return &graph.RemoveScopesFromClientIDPayload{Scopes: ss}, nil
}

func (m *mutationResolver) ReplaceScopesOfClientID(_ context.Context, in graph.ReplaceScopesOfClientIDInput) (*graph.ReplaceScopesOfClientIDPayload, error) {
	ss, err := m.clientScopes(store.ReplaceScopes, in.ResourceURI, in.ClientID, in.Scopes)
	if err != nil {
		return nil, err
	}
	return &graph.ReplaceScopesOfClientIDPayload{Scopes: ss}, nil
}
