package store

import (
	"cmp"
	"slices"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// VerifiedClaim records that a user's email address or phone number was
// verified.
type VerifiedClaim struct {
	ID        string
	UserID    string
	Seq       uint64
	Name      string // "email" or "phone_number"
	Value     string // normalized
	CreatedAt time.Time
}

// verifiableClaims maps the claims that can be verified to the login ID key
// their values are normalized like.
var verifiableClaims = map[string]string{"email": "email", "phone_number": "phone"}

// VerifiedClaims returns a user's verified claims, oldest first.
func (s *Store) VerifiedClaims(userID string) []VerifiedClaim {
	var out []VerifiedClaim
	for _, c := range s.d.verifiedClaims {
		if c.UserID == userID {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b VerifiedClaim) int { return cmp.Compare(a.Seq, b.Seq) })
	return out
}

// IsVerified reports whether the user's claim name has the verified value.
func (s *Store) IsVerified(userID, name, value string) bool {
	for _, c := range s.d.verifiedClaims {
		if c.UserID == userID && c.Name == name && c.Value == value {
			return true
		}
	}
	return false
}

// SetVerified marks a claim of a user verified or not. Like the server, it
// needs an identity of the user carrying the claim value.
func (s *Store) SetVerified(userID, name, value string, verified bool) (User, error) {
	u, err := s.mustUser(userID)
	if err != nil {
		return User{}, err
	}
	key, ok := verifiableClaims[name]
	if !ok {
		return User{}, apierr.New(apierr.Invalid, "Invalid", "claim "+name+" cannot be verified")
	}
	if l, err := ParseLoginID(key, value); err == nil {
		value = l.Value
	}
	if !s.hasClaim(userID, name, value) {
		return User{}, ErrIdentityNotFound
	}
	var existing *VerifiedClaim
	for _, c := range s.d.verifiedClaims {
		if c.UserID == userID && c.Name == name && c.Value == value {
			existing = &c
			break
		}
	}
	now := s.Now()
	switch {
	case verified && existing == nil:
		c := VerifiedClaim{ID: NewUUID(), UserID: userID, Seq: s.nextSeq(), Name: name, Value: value, CreatedAt: now}
		s.d.verifiedClaims[c.ID] = c
	case !verified && existing != nil:
		delete(s.d.verifiedClaims, existing.ID)
	}
	u.UpdatedAt = now
	s.d.users[userID] = u
	return u, nil
}

// hasClaim reports whether one of the user's identities carries the claim.
func (s *Store) hasClaim(userID, name, value string) bool {
	for _, i := range identitiesOf(s.d, userID) {
		if v, ok := i.Claims()[name].(string); ok && v == value {
			return true
		}
	}
	return false
}
