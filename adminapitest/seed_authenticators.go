package adminapitest

import (
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// Authenticator types, as [SeedAuthenticator] and [AuthenticatorState]
// spell them (the server's own spelling).
const (
	AuthenticatorPassword    = store.AuthenticatorPassword
	AuthenticatorTOTP        = store.AuthenticatorTOTP
	AuthenticatorOOBOTPEmail = store.AuthenticatorOOBEmail
	AuthenticatorOOBOTPSMS   = store.AuthenticatorOOBSMS
)

// Authenticator kinds.
const (
	KindPrimary   = store.KindPrimary
	KindSecondary = store.KindSecondary
)

// SeedAuthenticator describes an authenticator for
// [Server.SeedAuthenticator]. TOTP authenticators, which the Admin API
// cannot create, can be seeded.
type SeedAuthenticator struct {
	// UserID is the user's node id or raw UUID.
	UserID string
	// Type is one of the Authenticator constants.
	Type string
	// Kind is KindPrimary or KindSecondary; "" means secondary for TOTP and
	// primary otherwise.
	Kind string

	Password    string // password; the password policy is not applied
	Email       string // oob_otp_email
	Phone       string // oob_otp_sms, E.164
	DisplayName string // totp

	// CreatedAt backdates the authenticator; zero means now.
	CreatedAt time.Time
}

// AuthenticatorState is a snapshot of an authenticator. It never holds a
// password hash or a TOTP secret.
type AuthenticatorState struct {
	ID     string // raw UUID
	NodeID string
	UserID string // raw UUID

	Type      string // one of the Authenticator constants
	Kind      string // KindPrimary or KindSecondary
	IsDefault bool

	Email       string
	Phone       string
	DisplayName string
	// ExpireAfter is when a password must be changed; zero if never.
	ExpireAfter time.Time

	CreatedAt time.Time
	UpdatedAt time.Time
}

func authenticatorState(a store.Authenticator) AuthenticatorState {
	return AuthenticatorState{
		ID:          a.ID,
		NodeID:      model.EncodeID(model.TypeAuthenticator, a.ID),
		UserID:      a.UserID,
		Type:        a.Type,
		Kind:        a.Kind,
		IsDefault:   a.IsDefault,
		Email:       a.Email,
		Phone:       a.Phone,
		DisplayName: a.DisplayName,
		ExpireAfter: deref(a.ExpireAfter),
		CreatedAt:   a.CreatedAt,
		UpdatedAt:   a.UpdatedAt,
	}
}

// SeedAuthenticator stores an authenticator directly, bypassing the API and
// its password policy, and returns its state. A user has at most one
// password of each kind and one OOB OTP authenticator per address of each
// kind.
func (s *Server) SeedAuthenticator(a SeedAuthenticator) (*AuthenticatorState, error) {
	kind := a.Kind
	if kind == "" {
		kind = KindPrimary
		if a.Type == AuthenticatorTOTP {
			kind = KindSecondary
		}
	}
	var out AuthenticatorState
	err := s.seedTx("authenticator", func() error {
		rec, err := s.store.CreateAuthenticator(store.NewAuthenticator{
			UserID:      rawUserID(a.UserID),
			Type:        a.Type,
			Kind:        kind,
			Password:    a.Password,
			Email:       a.Email,
			Phone:       a.Phone,
			DisplayName: a.DisplayName,
			CreatedAt:   a.CreatedAt,
		})
		out = authenticatorState(rec)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// SeedTOTP adds a secondary TOTP authenticator named displayName to the
// user with the id (a node id or a raw UUID). Its secret is random and
// never shown.
func (s *Server) SeedTOTP(userID, displayName string) (*AuthenticatorState, error) {
	return s.SeedAuthenticator(SeedAuthenticator{UserID: userID, Type: AuthenticatorTOTP, DisplayName: displayName})
}
