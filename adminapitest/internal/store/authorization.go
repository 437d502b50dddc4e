package store

import (
	"cmp"
	"slices"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// Authorization records that a user granted a client access to scopes.
// The Admin API cannot create one; tests seed them.
type Authorization struct {
	ID        string
	UserID    string
	Seq       uint64
	ClientID  string
	Scopes    []string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ErrAuthorizationNotFound is the error for an authorization id that names
// no authorization.
var ErrAuthorizationNotFound = apierr.New(apierr.NotFound, "AuthorizationNotFound", "authorization not found")

// AddAuthorization stores an authorization of a user for a client.
func (s *Store) AddAuthorization(userID, clientID string, scopes []string, createdAt time.Time) (Authorization, error) {
	if _, err := s.mustUser(userID); err != nil {
		return Authorization{}, err
	}
	if clientID == "" {
		return Authorization{}, errClientNotFound
	}
	if createdAt.IsZero() {
		createdAt = s.Now()
	}
	createdAt = createdAt.UTC().Truncate(time.Microsecond)
	a := Authorization{ID: NewUUID(), UserID: userID, Seq: s.nextSeq(), ClientID: clientID,
		Scopes: append([]string{}, scopes...), CreatedAt: createdAt, UpdatedAt: createdAt}
	s.d.authorizations[a.ID] = a
	return a, nil
}

// Authorization returns the authorization with the raw id. Its scopes are
// the store's; do not change them.
func (s *Store) Authorization(id string) (Authorization, bool) {
	a, ok := s.d.authorizations[id]
	return a, ok
}

// Authorizations returns a user's authorizations, oldest first.
func (s *Store) Authorizations(userID string) []Authorization {
	var out []Authorization
	for _, a := range s.d.authorizations {
		if a.UserID == userID {
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(a, b Authorization) int { return cmp.Compare(a.Seq, b.Seq) })
	return out
}

// DeleteAuthorization removes an authorization and returns its user's id.
func (s *Store) DeleteAuthorization(id string) (string, error) {
	a, ok := s.d.authorizations[id]
	if !ok {
		return "", ErrAuthorizationNotFound
	}
	delete(s.d.authorizations, id)
	return a.UserID, nil
}
