package store

import (
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// Claim names of OAuth identities.
const (
	claimOAuthPrefix = "https://authgear.com/claims/oauth/"
)

func (o OAuth) claims() map[string]any {
	c := map[string]any{
		claimOAuthPrefix + "provider_alias": o.ProviderAlias,
		claimOAuthPrefix + "provider_type":  o.ProviderType,
		claimOAuthPrefix + "subject_id":     o.SubjectID,
		claimOAuthPrefix + "profile":        deepCopyMap(o.Profile),
	}
	if o.Email != "" {
		c["email"] = o.Email
	}
	return c
}

// NewOAuthIdentity describes an OAuth identity to seed.
type NewOAuthIdentity struct {
	UserID    string
	OAuth     OAuth
	CreatedAt time.Time // zero: now
}

// AddOAuthIdentity connects a user to an account of an OAuth provider. The
// provider alias and subject must be non-empty and not connected yet. An
// email address is normalized like an email login ID and, if the user has no
// email attribute, becomes it.
func (s *Store) AddOAuthIdentity(n NewOAuthIdentity) (Identity, error) {
	u, err := s.mustUser(n.UserID)
	if err != nil {
		return Identity{}, err
	}
	o := n.OAuth
	if o.ProviderAlias == "" || o.SubjectID == "" {
		return Identity{}, apierr.New(apierr.Invalid, "Invalid", "OAuth provider alias and subject ID are required")
	}
	if o.ProviderType == "" {
		o.ProviderType = o.ProviderAlias
	}
	if o.Email != "" {
		l, err := ParseLoginID("email", o.Email)
		if err != nil {
			return Identity{}, err
		}
		o.Email = l.Value
	}
	o.Profile = deepCopyMap(o.Profile)
	if _, ok := s.userByOAuth(o.ProviderAlias, o.SubjectID); ok {
		return Identity{}, apierr.WithInfo(apierr.Invalid, "InvariantViolated", "identity already exists", map[string]any{
			"IdentityTypeExisting": IdentityOAuth,
			"IdentityTypeIncoming": IdentityOAuth,
			"cause":                map[string]any{"kind": "DuplicatedIdentity"},
		})
	}
	created := s.Now()
	if !n.CreatedAt.IsZero() {
		created = n.CreatedAt.UTC().Truncate(time.Microsecond)
	}
	i := Identity{ID: NewUUID(), UserID: u.ID, Seq: s.nextSeq(), CreatedAt: created, UpdatedAt: created, Type: IdentityOAuth, OAuth: o}
	s.d.identities[i.ID] = i
	if _, ok := u.StandardAttributes["email"]; !ok && o.Email != "" {
		u.StandardAttributes = withAttribute(u.StandardAttributes, "email", o.Email)
		s.d.users[u.ID] = u
	}
	return i, nil
}

// UserByOAuth returns the id of the user connected to the account of an
// OAuth provider, or "" if nobody is.
func (s *Store) UserByOAuth(alias, subjectID string) string {
	id, _ := s.userByOAuth(alias, subjectID)
	return id
}

func (s *Store) userByOAuth(alias, subjectID string) (string, bool) {
	for _, i := range s.d.identities {
		if i.Type == IdentityOAuth && i.OAuth.ProviderAlias == alias && i.OAuth.SubjectID == subjectID {
			return i.UserID, true
		}
	}
	return "", false
}
