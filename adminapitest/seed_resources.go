package adminapitest

import (
	"slices"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// SeedResource describes an API resource for [Server.SeedResource]. The URI
// and scopes are validated like in createResource and createScope; an empty
// name means none.
type SeedResource struct {
	URI  string
	Name string
	// ClientIDs may access the resource.
	ClientIDs []string
	Scopes    []SeedScope
	// CreatedAt backdates the resource and its scopes; zero means now.
	CreatedAt time.Time
}

// SeedScope describes a scope of a seeded resource.
type SeedScope struct {
	Scope       string
	Description string
	// ClientIDs are granted the scope; each must be one of the resource's
	// ClientIDs.
	ClientIDs []string
}

// ResourceState is a snapshot of a resource with its scopes.
type ResourceState struct {
	ID        string // raw UUID
	NodeID    string
	URI       string
	Name      string
	ClientIDs []string // sorted
	Scopes    []ScopeState
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ScopeState is a snapshot of a scope.
type ScopeState struct {
	ID          string // raw UUID
	NodeID      string
	Scope       string
	Description string
	ClientIDs   []string // sorted
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// SeedResource stores a resource with its scopes and client grants
// directly, and returns its state.
func (s *Server) SeedResource(r SeedResource) (*ResourceState, error) {
	var out ResourceState
	err := s.seedTx("resource", func() error {
		rec, err := s.store.CreateResource(r.URI, ptrOrNil(r.Name), r.CreatedAt)
		if err != nil {
			return err
		}
		for _, c := range r.ClientIDs {
			if _, err := s.store.AddResourceToClient(r.URI, c); err != nil {
				return err
			}
		}
		for _, sc := range r.Scopes {
			if _, err := s.store.CreateScope(r.URI, sc.Scope, ptrOrNil(sc.Description), r.CreatedAt); err != nil {
				return err
			}
			for _, c := range sc.ClientIDs {
				if _, err := s.store.ChangeClientScopes(store.AddScopes, r.URI, c, []string{sc.Scope}); err != nil {
					return err
				}
			}
		}
		out = s.resourceState(rec)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Resources returns the state of every resource, oldest first.
func (s *Server) Resources() []ResourceState {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []ResourceState
	rs := s.store.ListResources("", "")
	slices.Reverse(rs)
	for _, r := range rs {
		out = append(out, s.resourceState(r))
	}
	return out
}

// resourceState copies a stored resource; s.mu must be held.
func (s *Server) resourceState(r store.Resource) ResourceState {
	st := ResourceState{
		ID: r.ID, NodeID: model.EncodeID(model.TypeResource, r.ID), URI: r.URI, Name: deref(r.Name),
		ClientIDs: append([]string(nil), s.store.ClientsOfResource(r.ID)...),
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	}
	for _, sc := range s.store.ListScopes(r.ID, "", "") {
		st.Scopes = append(st.Scopes, ScopeState{
			ID: sc.ID, NodeID: model.EncodeID(model.TypeScope, sc.ID), Scope: sc.Scope,
			Description: deref(sc.Description), ClientIDs: s.store.ClientsOfScope(sc.ID),
			CreatedAt: sc.CreatedAt, UpdatedAt: sc.UpdatedAt,
		})
	}
	return st
}
