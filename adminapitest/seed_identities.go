package adminapitest

import (
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// SeedOAuthIdentity describes an OAuth connection for
// [Server.SeedOAuthIdentity]; the Admin API cannot create one.
type SeedOAuthIdentity struct {
	// UserID is the user's node id or raw UUID.
	UserID string
	// ProviderAlias is the provider's alias in the project, as
	// getUserByOAuth takes it; ProviderType is such as "google" ("" means
	// the alias).
	ProviderAlias string
	ProviderType  string
	// SubjectID is the user's id at the provider.
	SubjectID string
	// Email, if set, is the address the provider reports; it becomes the
	// user's email attribute if the user has none.
	Email string
	// Profile is the provider's user info, shown in the identity's claims.
	Profile map[string]any
	// CreatedAt backdates the identity; zero means now.
	CreatedAt time.Time
}

// SeedOAuthIdentity connects a user to an account of an OAuth provider and
// returns the identity's state. Each provider account can be connected to
// one user.
func (s *Server) SeedOAuthIdentity(o SeedOAuthIdentity) (*IdentityState, error) {
	var out IdentityState
	err := s.seedTx("OAuth identity", func() error {
		i, err := s.store.AddOAuthIdentity(store.NewOAuthIdentity{
			UserID: rawUserID(o.UserID),
			OAuth: store.OAuth{
				ProviderAlias: o.ProviderAlias,
				ProviderType:  o.ProviderType,
				SubjectID:     o.SubjectID,
				Email:         o.Email,
				Profile:       o.Profile,
			},
			CreatedAt: o.CreatedAt,
		})
		if err != nil {
			return err
		}
		s.store.IndexUser(i.UserID)
		out = IdentityState{
			ID: i.ID, NodeID: model.EncodeID(model.TypeIdentity, i.ID), Type: i.Type,
			OAuthProviderAlias: i.OAuth.ProviderAlias, OAuthSubjectID: i.OAuth.SubjectID,
			Claims: copyMap(i.Claims()), CreatedAt: i.CreatedAt, UpdatedAt: i.UpdatedAt,
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// SeedAuthorization describes a user's grant to a client for
// [Server.SeedAuthorization]; the Admin API cannot create one.
type SeedAuthorization struct {
	// UserID is the user's node id or raw UUID.
	UserID   string
	ClientID string
	Scopes   []string
	// CreatedAt backdates the authorization; zero means now.
	CreatedAt time.Time
}

// AuthorizationState is a snapshot of an authorization.
type AuthorizationState struct {
	ID        string // raw UUID
	NodeID    string
	UserID    string // raw UUID
	ClientID  string
	Scopes    []string
	CreatedAt time.Time
	UpdatedAt time.Time
}

func authorizationState(a store.Authorization) AuthorizationState {
	return AuthorizationState{
		ID: a.ID, NodeID: model.EncodeID(model.TypeAuthorization, a.ID), UserID: a.UserID,
		ClientID: a.ClientID, Scopes: append([]string(nil), a.Scopes...), CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt,
	}
}

// SeedAuthorization stores an authorization of a user for a client and
// returns its state.
func (s *Server) SeedAuthorization(a SeedAuthorization) (*AuthorizationState, error) {
	var out AuthorizationState
	err := s.seedTx("authorization", func() error {
		rec, err := s.store.AddAuthorization(rawUserID(a.UserID), a.ClientID, a.Scopes, a.CreatedAt)
		out = authorizationState(rec)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Authorizations returns the authorizations of the user with the id (a
// node id or a raw UUID), oldest first.
func (s *Server) Authorizations(userID string) []AuthorizationState {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []AuthorizationState
	for _, a := range s.store.Authorizations(rawUserID(userID)) {
		out = append(out, authorizationState(a))
	}
	return out
}
