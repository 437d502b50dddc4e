package store

import (
	"maps"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// User is a stored user. Its password is a primary password
// [Authenticator].
type User struct {
	ID          string // raw UUID
	Seq         uint64
	CreatedAt   time.Time
	UpdatedAt   time.Time
	LastLoginAt *time.Time

	// StandardAttributes holds the attributes as written; the computed ones
	// (email_verified, phone_number_verified, updated_at) are added on read
	// by [User.StandardAttributesView].
	StandardAttributes map[string]any
	CustomAttributes   map[string]any

	Status       AccountStatus
	DeleteReason *string // given when deletion was scheduled

	MFAGracePeriodEndAt *time.Time
}

// computedAttributes are the standard attributes the server derives; writes
// of them are ignored.
var computedAttributes = []string{"email_verified", "phone_number_verified", "updated_at"}

// StandardAttributesView returns the standard attributes as the server
// reports them: the written ones plus the verification flags of email and
// phone_number (true when verified reports the value verified) and
// updated_at in Unix seconds. verified may be nil.
func (u User) StandardAttributesView(verified func(name, value string) bool) map[string]any {
	out := maps.Clone(u.StandardAttributes)
	if out == nil {
		out = map[string]any{}
	}
	for _, k := range []string{"email", "phone_number"} {
		if v, ok := out[k]; ok {
			s, _ := v.(string)
			out[k+"_verified"] = verified != nil && verified(k, s)
		}
	}
	out["updated_at"] = u.UpdatedAt.Unix()
	return out
}

// ErrUserNotFound is the server's error for a user id that names no user.
var ErrUserNotFound = apierr.New(apierr.NotFound, "UserNotFound", "user not found")

// User returns the user with the raw id.
func (s *Store) User(id string) (User, bool) {
	u, ok := s.d.users[id]
	return u, ok
}

func (s *Store) mustUser(id string) (User, error) {
	u, ok := s.d.users[id]
	if !ok {
		return User{}, ErrUserNotFound
	}
	return u, nil
}

// NewUser describes a user to create.
type NewUser struct {
	// LoginIDs are (key, value) pairs, validated in order; the GraphQL API
	// gives exactly one, seeding any number.
	LoginIDs [][2]string
	// Password: nil for none, "" to generate one, else the password.
	Password *string
	// PasswordHash, when set, is the password as a bcrypt hash (user
	// import); it wins over Password.
	PasswordHash []byte
	// CheckPolicy applies the password policy (GraphQL does, seeding not).
	CheckPolicy       bool
	PasswordExpired   bool
	AccountValidFrom  *time.Time
	AccountValidUntil *time.Time

	// Seeding only.
	CreatedAt          time.Time      // zero: now
	StandardAttributes map[string]any // merged over the ones login IDs fill in
	CustomAttributes   map[string]any
	Disabled           bool
	DisableReason      *string
}

// CreateUser validates and stores a new user.
func (s *Store) CreateUser(n NewUser) (User, error) {
	ids := make([]LoginID, 0, len(n.LoginIDs))
	for _, kv := range n.LoginIDs {
		l, err := ParseLoginID(kv[0], kv[1])
		if err != nil {
			return User{}, err
		}
		if err := s.checkUnique(l, ""); err != nil {
			return User{}, err
		}
		for _, prev := range ids {
			if prev.Type == l.Type && prev.Value == l.Value {
				return User{}, duplicateIdentity(l.Type, l.Type)
			}
		}
		ids = append(ids, l)
	}
	hash := n.PasswordHash
	if hash == nil && n.Password != nil {
		var err error
		if hash, err = hashNewPassword(*n.Password, n.CheckPolicy); err != nil {
			return User{}, err
		}
	}
	now := s.Now()
	created := now
	if !n.CreatedAt.IsZero() {
		created = n.CreatedAt.UTC().Truncate(time.Microsecond)
	}
	status, err := AccountStatus{}.SetValidPeriod(now, n.AccountValidFrom, n.AccountValidUntil)
	if err != nil {
		return User{}, err
	}
	if n.Disabled {
		status.IndefinitelyDisabled, status.DisableReason = true, n.DisableReason
	}
	u := User{
		ID:               NewUUID(),
		Seq:              s.nextSeq(),
		CreatedAt:        created,
		UpdatedAt:        created,
		CustomAttributes: cleanCustom(n.CustomAttributes),
		Status:           status,
	}
	attrs := map[string]any{}
	for _, l := range ids {
		if _, ok := attrs[l.StandardAttribute()]; !ok {
			attrs[l.StandardAttribute()] = l.Value
		}
	}
	maps.Copy(attrs, cleanStandard(n.StandardAttributes))
	u.StandardAttributes = attrs
	s.d.users[u.ID] = u
	for _, l := range ids {
		s.addIdentity(u.ID, l, created)
	}
	if hash != nil {
		a := s.setPrimaryPassword(u.ID, hash, n.PasswordExpired, now)
		a.CreatedAt, a.UpdatedAt = created, created
		s.d.authenticators[a.ID] = a
	}
	return u, nil
}

// DeleteUser deletes a user with everything that belongs to it:
// identities, authenticators, sessions, authorizations, verified claims and
// role and group memberships.
func (s *Store) DeleteUser(id string) error {
	if _, err := s.mustUser(id); err != nil {
		return err
	}
	delete(s.d.users, id)
	s.deleteDependents(id)
	return nil
}

// deleteDependents removes what belongs to a user, but not the user.
func (s *Store) deleteDependents(id string) {
	maps.DeleteFunc(s.d.identities, func(_ string, i Identity) bool { return i.UserID == id })
	maps.DeleteFunc(s.d.sessions, func(_ string, ss Session) bool { return ss.UserID == id })
	maps.DeleteFunc(s.d.authenticators, func(_ string, a Authenticator) bool { return a.UserID == id })
	maps.DeleteFunc(s.d.authorizations, func(_ string, a Authorization) bool { return a.UserID == id })
	maps.DeleteFunc(s.d.verifiedClaims, func(_ string, c VerifiedClaim) bool { return c.UserID == id })
	maps.DeleteFunc(s.d.userRoles, func(k pair, _ link) bool { return k.A == id })
	maps.DeleteFunc(s.d.userGroups, func(k pair, _ link) bool { return k.A == id })
}

// UpdateAttributes replaces the standard and/or custom attributes (nil
// leaves that object alone). Like the server, a given object replaces the
// stored one whole.
func (s *Store) UpdateAttributes(id string, standard, custom map[string]any) (User, error) {
	u, err := s.mustUser(id)
	if err != nil {
		return User{}, err
	}
	if standard != nil {
		u.StandardAttributes = cleanStandard(standard)
	}
	if custom != nil {
		u.CustomAttributes = cleanCustom(custom)
	}
	u.UpdatedAt = s.Now()
	s.d.users[id] = u
	return u, nil
}

// SetDisabled disables (indefinitely, or temporarily when from and until are
// given) or re-enables a user. reason is kept only when disabling. A user
// disabled now is signed out.
func (s *Store) SetDisabled(id string, disabled bool, reason *string, from, until *time.Time) (User, error) {
	u, err := s.mustUser(id)
	if err != nil {
		return User{}, err
	}
	now := s.Now()
	var st AccountStatus
	switch {
	case !disabled:
		st, err = u.Status.Reenable(now)
	case from == nil && until == nil:
		st, err = u.Status.DisableIndefinitely(now, reason)
	default:
		st, err = u.Status.DisableTemporarily(now, from, until, reason)
	}
	if err != nil {
		return User{}, err
	}
	u.Status, u.UpdatedAt = st, now
	s.d.users[id] = u
	s.signOutIfDisabled(u, now)
	return u, nil
}

// signOutIfDisabled revokes the sessions of a user who cannot sign in now,
// as the server does after a status change.
func (s *Store) signOutIfDisabled(u User, now time.Time) {
	if u.Status.IsDisabled(now) {
		s.revokeSessions(u.ID)
	}
}

// SetAccountValidPeriod replaces the account valid period.
func (s *Store) SetAccountValidPeriod(id string, from, until *time.Time) (User, error) {
	u, err := s.mustUser(id)
	if err != nil {
		return User{}, err
	}
	now := s.Now()
	st, err := u.Status.SetValidPeriod(now, from, until)
	if err != nil {
		return User{}, err
	}
	u.Status, u.UpdatedAt = st, now
	s.d.users[id] = u
	s.signOutIfDisabled(u, now)
	return u, nil
}

// ResetPassword sets a user's password ("" generates one) and whether it
// must be changed at next login. An anonymized user cannot get one.
func (s *Store) ResetPassword(id, password string, expired bool) (User, error) {
	u, err := s.mustUser(id)
	if err != nil {
		return User{}, err
	}
	if u.Status.IsAnonymized {
		return User{}, ErrUserIsAnonymized
	}
	hash, err := hashNewPassword(password, true)
	if err != nil {
		return User{}, err
	}
	now := s.Now()
	s.setPrimaryPassword(id, hash, expired, now)
	u.UpdatedAt = now
	s.d.users[id] = u
	return u, nil
}

func cleanStandard(m map[string]any) map[string]any {
	out := deepCopyMap(m)
	for _, k := range computedAttributes {
		delete(out, k)
	}
	return out
}

func cleanCustom(m map[string]any) map[string]any { return deepCopyMap(m) }

func withAttribute(m map[string]any, k string, v any) map[string]any {
	out := maps.Clone(m)
	if out == nil {
		out = map[string]any{}
	}
	out[k] = v
	return out
}

func withoutAttribute(m map[string]any, k string) map[string]any {
	out := maps.Clone(m)
	delete(out, k)
	return out
}
