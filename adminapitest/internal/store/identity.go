package store

import (
	"slices"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// Identity types, as the server spells them.
const (
	IdentityLoginID = "login_id"
	IdentityOAuth   = "oauth"
)

// Identity is a stored identity: a login ID (created through the API) or an
// OAuth connection (seeded).
type Identity struct {
	ID        string
	UserID    string
	Seq       uint64
	CreatedAt time.Time
	UpdatedAt time.Time
	Type      string  // IdentityLoginID or IdentityOAuth
	LoginID   LoginID // login_id
	OAuth     OAuth   // oauth
}

// OAuth is the part of an identity that names an account of an OAuth
// provider.
type OAuth struct {
	ProviderAlias string         // the provider's alias in the project
	ProviderType  string         // such as "google"
	SubjectID     string         // the user's id at the provider
	Profile       map[string]any // the provider's user info
	Email         string         // the email address the provider reports
}

// Claims are the identity's claims as the server reports them: for a login
// ID, the standard claim (email, phone_number or preferred_username) and the
// login_id claims; for an OAuth identity, the email and the oauth claims.
func (i Identity) Claims() map[string]any {
	if i.Type == IdentityOAuth {
		return i.OAuth.claims()
	}
	const prefix = "https://authgear.com/claims/login_id/"
	return map[string]any{
		i.LoginID.StandardAttribute(): i.LoginID.Value,
		prefix + "key":                i.LoginID.Key,
		prefix + "original_value":     i.LoginID.OriginalValue,
		prefix + "type":               i.LoginID.Type,
		prefix + "value":              i.LoginID.Value,
	}
}

// ErrIdentityNotFound is the server's error for an identity id that names no
// identity.
var ErrIdentityNotFound = apierr.New(apierr.NotFound, "IdentityNotFound", "identity not found")

// Identity returns the identity with the raw id.
func (s *Store) Identity(id string) (Identity, bool) {
	i, ok := s.d.identities[id]
	return i, ok
}

// Identities returns a user's identities of a type ("" for any), oldest
// first.
func (s *Store) Identities(userID, typ string) []Identity {
	out := identitiesOf(s.d, userID)
	if typ != "" {
		out = slices.DeleteFunc(out, func(i Identity) bool { return i.Type != typ })
	}
	return out
}

func identitiesOf(d data, userID string) []Identity {
	var out []Identity
	for _, i := range d.identities {
		if i.UserID == userID {
			out = append(out, i)
		}
	}
	slices.SortFunc(out, func(a, b Identity) int { return compareUint(a.Seq, b.Seq) })
	return out
}

// checkUnique fails if another identity than except holds the login ID.
func (s *Store) checkUnique(l LoginID, except string) error {
	for _, i := range s.d.identities {
		if i.ID != except && i.Type == IdentityLoginID && i.LoginID.Type == l.Type && i.LoginID.Value == l.Value {
			return duplicateIdentity(i.LoginID.Type, l.Type)
		}
	}
	return nil
}

func (s *Store) addIdentity(userID string, l LoginID, now time.Time) Identity {
	i := Identity{ID: NewUUID(), UserID: userID, Seq: s.nextSeq(), CreatedAt: now, UpdatedAt: now, Type: IdentityLoginID, LoginID: l}
	s.d.identities[i.ID] = i
	return i
}

// CreateIdentity adds a login ID to a user. If password is non-nil and the
// user has no password yet, it becomes the user's password ("" generates
// one).
func (s *Store) CreateIdentity(userID, key, value string, password *string) (Identity, error) {
	u, err := s.mustUser(userID)
	if err != nil {
		return Identity{}, err
	}
	l, err := ParseLoginID(key, value)
	if err != nil {
		return Identity{}, err
	}
	if err := s.checkUnique(l, ""); err != nil {
		return Identity{}, err
	}
	now := s.Now()
	if password != nil && !s.HasPassword(userID) {
		hash, err := hashNewPassword(*password, true)
		if err != nil {
			return Identity{}, err
		}
		s.setPrimaryPassword(userID, hash, false, now)
	}
	i := s.addIdentity(userID, l, now)
	attrs := u.StandardAttributes
	if _, ok := attrs[l.StandardAttribute()]; !ok {
		attrs = withAttribute(attrs, l.StandardAttribute(), l.Value)
	}
	u.StandardAttributes = attrs
	u.UpdatedAt = now
	s.d.users[u.ID] = u
	return i, nil
}

// UpdateIdentity replaces the login ID of one of a user's identities.
// Standard attributes follow the change.
func (s *Store) UpdateIdentity(userID, identityID, key, value string) (Identity, error) {
	u, err := s.mustUser(userID)
	if err != nil {
		return Identity{}, err
	}
	i, ok := s.d.identities[identityID]
	if !ok || i.UserID != userID {
		return Identity{}, ErrIdentityNotFound
	}
	if i.Type != IdentityLoginID {
		return Identity{}, apierr.New(apierr.Invalid, "Invalid", "only login ID identities can be updated")
	}
	l, err := ParseLoginID(key, value)
	if err != nil {
		return Identity{}, err
	}
	if err := s.checkUnique(l, i.ID); err != nil {
		return Identity{}, err
	}
	now := s.Now()
	old := i.LoginID
	i.LoginID, i.UpdatedAt = l, now
	s.d.identities[i.ID] = i
	switch {
	case s.attrEquals(u, old) && old.Type == l.Type:
		u.StandardAttributes = withAttribute(u.StandardAttributes, l.StandardAttribute(), l.Value)
	case s.attrEquals(u, old):
		u.StandardAttributes = s.fallbackAttribute(u, old)
	}
	if _, ok := u.StandardAttributes[l.StandardAttribute()]; !ok {
		u.StandardAttributes = withAttribute(u.StandardAttributes, l.StandardAttribute(), l.Value)
	}
	u.UpdatedAt = now
	s.d.users[u.ID] = u
	return i, nil
}

// DeleteIdentity removes an identity and returns its user's id. A standard
// attribute that showed the removed login ID switches to another identity of
// the same type, or is removed.
func (s *Store) DeleteIdentity(identityID string) (string, error) {
	i, ok := s.d.identities[identityID]
	if !ok {
		return "", ErrIdentityNotFound
	}
	u, err := s.mustUser(i.UserID)
	if err != nil {
		return "", err
	}
	delete(s.d.identities, i.ID)
	if i.Type == IdentityLoginID && s.attrEquals(u, i.LoginID) {
		u.StandardAttributes = s.fallbackAttribute(u, i.LoginID)
	}
	u.UpdatedAt = s.Now()
	s.d.users[u.ID] = u
	return u.ID, nil
}

// fallbackAttribute returns u's standard attributes with the attribute that
// showed the login ID gone switched to another identity of the same type, or
// removed.
func (s *Store) fallbackAttribute(u User, gone LoginID) map[string]any {
	attr := gone.StandardAttribute()
	for _, other := range identitiesOf(s.d, u.ID) {
		if other.Type == IdentityLoginID && other.LoginID.Type == gone.Type && other.LoginID.Value != gone.Value {
			return withAttribute(u.StandardAttributes, attr, other.LoginID.Value)
		}
	}
	return withoutAttribute(u.StandardAttributes, attr)
}

func (s *Store) attrEquals(u User, l LoginID) bool {
	v, ok := u.StandardAttributes[l.StandardAttribute()].(string)
	return ok && v == l.Value
}
