// Package model holds the Go types gqlgen binds the modelled GraphQL objects
// (User, Identity, Session, Authenticator, Authorization, Role, Group,
// Resource, Scope, AuditLog) to. Each is a read-only view of a store record
// as loaded during one request; fields that need more data, arguments or an
// enum type are resolved by package resolver.
package model

import (
	"strings"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// User is the GraphQL User object.
type User struct {
	u        store.User
	now      time.Time // reference time for the account status
	verified []store.VerifiedClaim
}

// NewUser returns the view of u at time now, with the user's verified
// claims.
func NewUser(u store.User, now time.Time, verified []store.VerifiedClaim) *User {
	u.Status = u.Status.Normalized(now)
	return &User{u: u, now: now, verified: verified}
}

// Record is the stored user behind the view.
func (u *User) Record() store.User { return u.u }

// IsNode marks User as a GraphQL Node.
func (*User) IsNode() {}

// IsEntity marks User as a GraphQL Entity.
func (*User) IsEntity() {}

// ID is the user's node id.
func (u *User) ID() string { return EncodeID(TypeUser, u.u.ID) }

// CreatedAt is when the user was created.
func (u *User) CreatedAt() time.Time { return u.u.CreatedAt }

// UpdatedAt is when the user last changed.
func (u *User) UpdatedAt() time.Time { return u.u.UpdatedAt }

// LastLoginAt is when the user last signed in; nil, as nobody signs in to
// the emulator.
func (u *User) LastLoginAt() *time.Time { return u.u.LastLoginAt }

// IsDisabled reports whether the user cannot sign in now.
func (u *User) IsDisabled() bool { return u.u.Status.IsDisabled(u.now) }

// DisableReason is the note stored when the user was disabled.
func (u *User) DisableReason() *string { return u.u.Status.DisableReason }

// TemporarilyDisabledFrom starts the current or coming temporary disable.
func (u *User) TemporarilyDisabledFrom() *time.Time { return u.u.Status.TemporarilyDisabledFrom }

// TemporarilyDisabledUntil ends the current or coming temporary disable.
func (u *User) TemporarilyDisabledUntil() *time.Time {
	return u.u.Status.TemporarilyDisabledUntil
}

// AccountValidFrom starts the account valid period.
func (u *User) AccountValidFrom() *time.Time { return u.u.Status.AccountValidFrom }

// AccountValidUntil ends the account valid period.
func (u *User) AccountValidUntil() *time.Time { return u.u.Status.AccountValidUntil }

// IsAnonymized reports whether the user was anonymized.
func (u *User) IsAnonymized() bool { return u.u.Status.IsAnonymized }

// IsAnonymous is false: the Admin API cannot create anonymous users.
func (u *User) IsAnonymous() bool { return false }

// IsDeactivated reports whether the end user deactivated the account; the
// Admin API never does.
func (u *User) IsDeactivated() bool { return u.u.Status.IsDeactivated }

// DeleteAt is when a scheduled deletion happens.
func (u *User) DeleteAt() *time.Time { return u.u.Status.DeleteAt }

// DeleteReason is the reason given when deletion was scheduled.
func (u *User) DeleteReason() *string { return u.u.DeleteReason }

// AnonymizeAt is when a scheduled anonymization happens.
func (u *User) AnonymizeAt() *time.Time { return u.u.Status.AnonymizeAt }

// MfaGracePeriodEndAt ends the user's MFA grace period.
func (u *User) MfaGracePeriodEndAt() *time.Time { return u.u.MFAGracePeriodEndAt }

// Verified lists the user's verified claims, oldest first.
func (u *User) Verified() []store.VerifiedClaim { return u.verified }

func (u *User) isVerified(name, value string) bool {
	for _, c := range u.verified {
		if c.Name == name && c.Value == value {
			return true
		}
	}
	return false
}

// StandardAttributes returns the standard attributes with the computed ones.
func (u *User) StandardAttributes() map[string]any {
	return u.u.StandardAttributesView(u.isVerified)
}

// CustomAttributes returns the custom attributes.
func (u *User) CustomAttributes() map[string]any {
	if u.u.CustomAttributes == nil {
		return map[string]any{}
	}
	return u.u.CustomAttributes
}

// FormattedName is the name standard attribute, else the given, middle and
// family names joined, else null.
func (u *User) FormattedName() *string {
	attr := func(k string) string { s, _ := u.u.StandardAttributes[k].(string); return strings.TrimSpace(s) }
	if n := attr("name"); n != "" {
		return &n
	}
	var parts []string
	for _, k := range []string{"given_name", "middle_name", "family_name"} {
		if p := attr(k); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return nil
	}
	n := strings.Join(parts, " ")
	return &n
}

// EndUserAccountID is the email, else the phone number, else the username,
// else null.
func (u *User) EndUserAccountID() *string {
	for _, k := range []string{"email", "phone_number", "preferred_username"} {
		if s, ok := u.u.StandardAttributes[k].(string); ok && s != "" {
			return &s
		}
	}
	return nil
}

// Identity is the GraphQL Identity object.
type Identity struct{ i store.Identity }

// NewIdentity returns the view of i.
func NewIdentity(i store.Identity) *Identity { return &Identity{i: i} }

// Record is the stored identity behind the view.
func (i *Identity) Record() store.Identity { return i.i }

// IsNode marks Identity as a GraphQL Node.
func (*Identity) IsNode() {}

// IsEntity marks Identity as a GraphQL Entity.
func (*Identity) IsEntity() {}

// ID is the identity's node id.
func (i *Identity) ID() string { return EncodeID(TypeIdentity, i.i.ID) }

// CreatedAt is when the identity was added.
func (i *Identity) CreatedAt() time.Time { return i.i.CreatedAt }

// UpdatedAt is when the identity last changed.
func (i *Identity) UpdatedAt() time.Time { return i.i.UpdatedAt }

// Session is the GraphQL Session object.
type Session struct{ s store.Session }

// NewSession returns the view of s.
func NewSession(s store.Session) *Session { return &Session{s: s} }

// Record is the stored session behind the view.
func (s *Session) Record() store.Session { return s.s }

// IsNode marks Session as a GraphQL Node.
func (*Session) IsNode() {}

// IsEntity marks Session as a GraphQL Entity.
func (*Session) IsEntity() {}

// ID is the session's node id.
func (s *Session) ID() string { return EncodeID(TypeSession, s.s.ID) }

// CreatedAt is when the session was created.
func (s *Session) CreatedAt() time.Time { return s.s.CreatedAt }

// UpdatedAt is when the session last changed.
func (s *Session) UpdatedAt() time.Time { return s.s.UpdatedAt }

// LastAccessedAt is when the session was last used: its creation, as
// nothing uses sessions in the emulator.
func (s *Session) LastAccessedAt() time.Time { return s.s.LastAccessedAt }

// CreatedByIP is the address of the createSession caller.
func (s *Session) CreatedByIP() string { return s.s.CreatedByIP }

// LastAccessedByIP is CreatedByIP.
func (s *Session) LastAccessedByIP() string { return s.s.CreatedByIP }

// ClientID is the OAuth client the session belongs to.
func (s *Session) ClientID() *string { return &s.s.ClientID }

// Acr is null: no authentication happened.
func (s *Session) Acr() *string { return nil }

// Amr is empty: no authentication happened.
func (s *Session) Amr() []string { return []string{} }

// UserAgent is null: no device used the session.
func (s *Session) UserAgent() *string { return nil }

// ApplicationName is null: the emulator has no client configuration.
func (s *Session) ApplicationName() *string { return nil }

// LastAccessedByIPCountryCode is empty: the emulator has no IP geolocation.
func (s *Session) LastAccessedByIPCountryCode() string { return "" }

// LastAccessedByIPEnglishCountryName is empty, like the country code.
func (s *Session) LastAccessedByIPEnglishCountryName() string { return "" }

// DisplayName is the device info given at creation, else the client id.
func (s *Session) DisplayName() string {
	if s.s.DeviceInfo != nil && *s.s.DeviceInfo != "" {
		return *s.s.DeviceInfo
	}
	return s.s.ClientID
}
