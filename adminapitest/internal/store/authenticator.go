package store

import (
	"cmp"
	"slices"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// Authenticator types and kinds, as the server spells them.
const (
	AuthenticatorPassword = "password"
	AuthenticatorTOTP     = "totp"
	AuthenticatorOOBEmail = "oob_otp_email"
	AuthenticatorOOBSMS   = "oob_otp_sms"
	AuthenticatorPasskey  = "passkey"

	KindPrimary   = "primary"
	KindSecondary = "secondary"
)

// Claim names of authenticators.
const (
	claimTOTPDisplayName = "https://authgear.com/claims/totp/display_name"
	claimOOBOTPEmail     = "https://authgear.com/claims/oob_otp/email"
	claimOOBOTPPhone     = "https://authgear.com/claims/oob_otp/phone"
)

// Authenticator is a stored authenticator. A user's password is its
// primary password authenticator. Secrets (the password hash, the TOTP
// secret) never leave the store.
type Authenticator struct {
	ID        string
	UserID    string
	Seq       uint64
	CreatedAt time.Time
	UpdatedAt time.Time
	Type      string // one of the Authenticator constants
	Kind      string // KindPrimary or KindSecondary
	IsDefault bool

	PasswordHash []byte     // password: bcrypt
	ExpireAfter  *time.Time // password: when it must be changed; nil never

	Email string // oob_otp_email
	Phone string // oob_otp_sms

	TOTPSecret  string // totp
	DisplayName string // totp
}

// Claims are the authenticator's public claims: a TOTP's display name, an
// OOB OTP authenticator's email address or phone number, nothing for a
// password.
func (a Authenticator) Claims() map[string]any {
	c := map[string]any{}
	switch a.Type {
	case AuthenticatorTOTP:
		c[claimTOTPDisplayName] = a.DisplayName
	case AuthenticatorOOBEmail:
		c[claimOOBOTPEmail] = a.Email
	case AuthenticatorOOBSMS:
		c[claimOOBOTPPhone] = a.Phone
	}
	return c
}

// Errors of authenticators, as the server names them.
var (
	ErrAuthenticatorNotFound = apierr.New(apierr.NotFound, "AuthenticatorNotFound", "authenticator not found")
	errAuthenticatorExists   = apierr.New(apierr.AlreadyExists, "AuthenticatorAlreadyExists", "authenticator already exists")
)

// Authenticator returns the authenticator with the raw id.
func (s *Store) Authenticator(id string) (Authenticator, bool) {
	a, ok := s.d.authenticators[id]
	return a, ok
}

// Authenticators returns a user's authenticators of a type and kind ("" for
// any), oldest first.
func (s *Store) Authenticators(userID, typ, kind string) []Authenticator {
	return authenticatorsOf(s.d, userID, typ, kind)
}

func authenticatorsOf(d data, userID, typ, kind string) []Authenticator {
	var out []Authenticator
	for _, a := range d.authenticators {
		if a.UserID == userID && (typ == "" || a.Type == typ) && (kind == "" || a.Kind == kind) {
			out = append(out, a)
		}
	}
	// The server orders by creation time, then by id; the emulator breaks
	// ties by insertion order, so that a frozen clock keeps lists stable.
	slices.SortFunc(out, func(a, b Authenticator) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return cmp.Compare(a.Seq, b.Seq)
	})
	return out
}

// primaryPassword returns the user's primary password, if any.
func (s *Store) primaryPassword(userID string) (Authenticator, bool) {
	as := authenticatorsOf(s.d, userID, AuthenticatorPassword, KindPrimary)
	if len(as) == 0 {
		return Authenticator{}, false
	}
	return as[0], true
}

// HasPassword reports whether the user has a primary password.
func (s *Store) HasPassword(userID string) bool {
	_, ok := s.primaryPassword(userID)
	return ok
}

// PasswordExpired reports whether the user's primary password must be
// changed at the next sign-in.
func (s *Store) PasswordExpired(userID string) bool {
	a, ok := s.primaryPassword(userID)
	return ok && a.ExpireAfter != nil && !s.Now().Before(*a.ExpireAfter)
}

// setPrimaryPassword creates or replaces the user's primary password. With
// expired, the password must be changed at the next sign-in.
func (s *Store) setPrimaryPassword(userID string, hash []byte, expired bool, now time.Time) Authenticator {
	a, ok := s.primaryPassword(userID)
	if !ok {
		a = Authenticator{ID: NewUUID(), UserID: userID, Seq: s.nextSeq(), CreatedAt: now, Type: AuthenticatorPassword, Kind: KindPrimary}
	}
	a.PasswordHash, a.UpdatedAt, a.ExpireAfter = hash, now, nil
	if expired {
		a.ExpireAfter = &now
	}
	s.d.authenticators[a.ID] = a
	return a
}

// CheckPassword reports whether password is the user's primary password.
func (s *Store) CheckPassword(userID, password string) bool {
	a, ok := s.primaryPassword(userID)
	return ok && checkPassword(a.PasswordHash, password)
}

// NewAuthenticator describes an authenticator to add.
type NewAuthenticator struct {
	UserID string
	Type   string
	Kind   string

	Password string // password; the policy applies when CheckPolicy is set
	Email    string // oob_otp_email
	Phone    string // oob_otp_sms

	// Seeding only.
	CheckPolicy bool
	TOTPSecret  string
	DisplayName string
	CreatedAt   time.Time // zero: now
}

// CreateAuthenticator validates and adds an authenticator. The API creates
// passwords and OOB OTP authenticators; seeding may also create TOTP ones.
func (s *Store) CreateAuthenticator(n NewAuthenticator) (Authenticator, error) {
	if _, err := s.mustUser(n.UserID); err != nil {
		return Authenticator{}, err
	}
	if n.Kind != KindPrimary && n.Kind != KindSecondary {
		return Authenticator{}, apierr.New(apierr.Invalid, "Invalid", "invalid authenticator kind")
	}
	created := s.Now()
	if !n.CreatedAt.IsZero() {
		created = n.CreatedAt.UTC().Truncate(time.Microsecond)
	}
	a := Authenticator{ID: NewUUID(), UserID: n.UserID, CreatedAt: created, UpdatedAt: created, Type: n.Type, Kind: n.Kind}
	switch n.Type {
	case AuthenticatorPassword:
		hash, err := hashNewPassword(n.Password, n.CheckPolicy)
		if err != nil {
			return Authenticator{}, err
		}
		a.PasswordHash = hash
	case AuthenticatorOOBEmail:
		l, err := ParseLoginID("email", n.Email)
		if err != nil {
			return Authenticator{}, invalidTarget("email")
		}
		a.Email = l.Value
	case AuthenticatorOOBSMS:
		if !phoneFormat.MatchString(n.Phone) {
			return Authenticator{}, invalidTarget("phone")
		}
		a.Phone = n.Phone
	case AuthenticatorTOTP:
		a.TOTPSecret, a.DisplayName = n.TOTPSecret, n.DisplayName
		if a.TOTPSecret == "" {
			a.TOTPSecret = generatePassword()
		}
	default:
		return Authenticator{}, apierr.New(apierr.Invalid, "Invalid", "unsupported authenticator type")
	}
	for _, other := range authenticatorsOf(s.d, n.UserID, n.Type, n.Kind) {
		if sameAuthenticator(a, other) {
			return Authenticator{}, errAuthenticatorExists
		}
	}
	if a.Kind == KindSecondary && len(authenticatorsOf(s.d, n.UserID, "", KindSecondary)) == 0 {
		a.IsDefault = true
	}
	a.Seq = s.nextSeq()
	s.d.authenticators[a.ID] = a
	return a, nil
}

// sameAuthenticator reports whether a duplicates b, which has the same
// type and kind: there is one password of each kind, and one OOB OTP
// authenticator per target.
func sameAuthenticator(a, b Authenticator) bool {
	switch a.Type {
	case AuthenticatorPassword:
		return true
	case AuthenticatorOOBEmail:
		return a.Email == b.Email
	case AuthenticatorOOBSMS:
		return a.Phone == b.Phone
	case AuthenticatorTOTP:
		return a.TOTPSecret == b.TOTPSecret
	}
	return false
}

func invalidTarget(format string) *apierr.Error {
	return apierr.ValidationFailed("invalid authenticator", apierr.Cause{
		Location: "/definition", Kind: "format", Details: map[string]any{"format": format},
	})
}

// DeleteAuthenticator removes an authenticator and returns its user's id.
func (s *Store) DeleteAuthenticator(id string) (string, error) {
	a, ok := s.d.authenticators[id]
	if !ok {
		return "", ErrAuthenticatorNotFound
	}
	delete(s.d.authenticators, id)
	return a.UserID, nil
}

// SetPasswordExpired marks the user's primary password as to be changed at
// the next sign-in, or withdraws that demand.
func (s *Store) SetPasswordExpired(userID string, expired bool) error {
	if _, err := s.mustUser(userID); err != nil {
		return err
	}
	a, ok := s.primaryPassword(userID)
	if !ok {
		return ErrAuthenticatorNotFound
	}
	now := s.Now()
	a.ExpireAfter, a.UpdatedAt = nil, now
	if expired {
		a.ExpireAfter = &now
	}
	s.d.authenticators[a.ID] = a
	return nil
}
