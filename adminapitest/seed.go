package adminapitest

import (
	"fmt"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// SeedUser describes a user for [Server.SeedUser]. Every non-empty login ID
// becomes an identity and fills in its standard attribute (email,
// phone_number, preferred_username); login IDs are validated like in
// createUser. Zero fields mean "none".
type SeedUser struct {
	Email    string
	Phone    string // E.164, e.g. "+14155550100"
	Username string

	// Password is stored bcrypt-hashed; "" means the user has no password.
	// The password policy is not applied.
	Password        string
	PasswordExpired bool

	// StandardAttributes are merged over the ones the login IDs fill in;
	// the computed email_verified, phone_number_verified and updated_at are
	// ignored.
	StandardAttributes map[string]any
	CustomAttributes   map[string]any

	Disabled      bool
	DisableReason string

	AccountValidFrom  time.Time
	AccountValidUntil time.Time

	// CreatedAt backdates the user (and its identities); zero means now.
	CreatedAt time.Time
}

// UserState is a snapshot of a stored user for inspection. It is a deep
// copy: changing it changes nothing on the server. Zero times mean none.
type UserState struct {
	ID     string // raw UUID, as in a JWT sub claim
	NodeID string // Relay global id, as the API reports it

	CreatedAt   time.Time
	UpdatedAt   time.Time
	LastLoginAt time.Time // zero if never

	// StandardAttributes are as the API reports them, with the computed
	// email_verified, phone_number_verified and updated_at.
	StandardAttributes map[string]any
	CustomAttributes   map[string]any

	// Disabled is the API's isDisabled: disabled, temporarily disabled now,
	// or outside the account valid period.
	Disabled                 bool
	DisableReason            string
	TemporarilyDisabledFrom  time.Time
	TemporarilyDisabledUntil time.Time
	AccountValidFrom         time.Time
	AccountValidUntil        time.Time

	HasPassword     bool
	PasswordExpired bool

	// Scheduled deletion (with its reason) and anonymization, and
	// anonymization itself.
	DeleteAt     time.Time
	DeleteReason string
	AnonymizeAt  time.Time
	Anonymized   bool

	MFAGracePeriodEndAt time.Time

	// VerifiedClaims are the verified email addresses and phone numbers,
	// oldest first.
	VerifiedClaims []ClaimState

	Identities     []IdentityState      // oldest first
	Authenticators []AuthenticatorState // oldest first
}

// ClaimState is a verified claim of a user.
type ClaimState struct {
	Name  string // "email" or "phone_number"
	Value string
}

// IdentityState is a snapshot of an identity: a login ID or an OAuth
// connection.
type IdentityState struct {
	ID     string // raw UUID
	NodeID string
	Type   string // "login_id" or "oauth"

	LoginIDKey    string // "email", "phone" or "username"
	LoginIDType   string // "email", "phone" or "username"
	LoginID       string // normalized value
	OriginalValue string // as given

	OAuthProviderAlias string
	OAuthSubjectID     string

	Claims map[string]any

	CreatedAt time.Time
	UpdatedAt time.Time
}

// SessionState is a snapshot of a session. Its tokens are not kept.
type SessionState struct {
	ID     string // raw UUID
	NodeID string
	UserID string // raw UUID

	ClientID       string
	DeviceInfo     string
	CreatedByIP    string
	CreatedAt      time.Time
	LastAccessedAt time.Time
}

func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// SeedUser stores a user directly, bypassing the API (and its password
// policy), and returns its state. It is visible to the users list at once,
// whether or not [WithSearchIndexLag] is on.
func (s *Server) SeedUser(u SeedUser) (*UserState, error) {
	n := store.NewUser{
		PasswordExpired:    u.PasswordExpired,
		AccountValidFrom:   optTime(u.AccountValidFrom),
		AccountValidUntil:  optTime(u.AccountValidUntil),
		CreatedAt:          u.CreatedAt,
		StandardAttributes: u.StandardAttributes,
		CustomAttributes:   u.CustomAttributes,
		Disabled:           u.Disabled,
	}
	for _, l := range [][2]string{{"email", u.Email}, {"phone", u.Phone}, {"username", u.Username}} {
		if l[1] != "" {
			n.LoginIDs = append(n.LoginIDs, l)
		}
	}
	if u.Password != "" {
		n.Password = &u.Password
	}
	if u.Disabled && u.DisableReason != "" {
		n.DisableReason = &u.DisableReason
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, err := s.store.CreateUser(n)
	if err != nil {
		return nil, fmt.Errorf("adminapitest: seed user: %w", err)
	}
	s.store.IndexUser(rec.ID)
	return s.userState(rec), nil
}

// rawUserID accepts a raw UUID or a user node id.
func rawUserID(id string) string {
	if raw, ok := model.DecodeIDOf(model.TypeUser, id); ok {
		return raw
	}
	return id
}

// User returns the state of the user with the id (a node id or a raw
// UUID), and whether it exists.
func (s *Server) User(id string) (*UserState, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	u, ok := s.store.User(rawUserID(id))
	if !ok {
		return nil, false
	}
	return s.userState(u), true
}

// Users returns the state of every user, by creation time.
func (s *Server) Users() []*UserState {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []*UserState
	for _, u := range s.store.Users() {
		out = append(out, s.userState(u))
	}
	return out
}

// CheckPassword reports whether password is the password of the user with
// the id (a node id or a raw UUID).
func (s *Server) CheckPassword(userID, password string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.store.CheckPassword(rawUserID(userID), password)
}

// Sessions returns the sessions of the user with the id (a node id or a raw
// UUID), oldest first.
func (s *Server) Sessions(userID string) []SessionState {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []SessionState
	for _, ss := range s.store.Sessions(rawUserID(userID)) {
		out = append(out, SessionState{
			ID:             ss.ID,
			NodeID:         model.EncodeID(model.TypeSession, ss.ID),
			UserID:         ss.UserID,
			ClientID:       ss.ClientID,
			DeviceInfo:     deref(ss.DeviceInfo),
			CreatedByIP:    ss.CreatedByIP,
			CreatedAt:      ss.CreatedAt,
			LastAccessedAt: ss.LastAccessedAt,
		})
	}
	return out
}

// Reset deletes all data (users with everything that belongs to them,
// roles, groups, resources, the audit log, the outbox, the search index and
// the recorded requests). Keys and options are kept.
func (s *Server) Reset() {
	s.mu.Lock()
	s.store.Reset()
	s.mu.Unlock()
	s.recorder.mu.Lock()
	s.recorder.reqs = nil
	s.recorder.mu.Unlock()
}

// RefreshSearchIndex makes the users list see every write so far. It only
// matters with [WithSearchIndexLag].
func (s *Server) RefreshSearchIndex() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.store.RefreshIndex()
}

// userState copies a stored user; s.mu must be held.
func (s *Server) userState(u store.User) *UserState {
	now := s.store.Now()
	view := model.NewUser(u, now, s.store.VerifiedClaims(u.ID))
	st := view.Record().Status
	out := &UserState{
		ID:                       u.ID,
		NodeID:                   view.ID(),
		CreatedAt:                u.CreatedAt,
		UpdatedAt:                u.UpdatedAt,
		LastLoginAt:              deref(u.LastLoginAt),
		StandardAttributes:       copyMap(view.StandardAttributes()),
		CustomAttributes:         copyMap(view.CustomAttributes()),
		Disabled:                 view.IsDisabled(),
		DisableReason:            deref(st.DisableReason),
		TemporarilyDisabledFrom:  deref(st.TemporarilyDisabledFrom),
		TemporarilyDisabledUntil: deref(st.TemporarilyDisabledUntil),
		AccountValidFrom:         deref(st.AccountValidFrom),
		AccountValidUntil:        deref(st.AccountValidUntil),
		HasPassword:              s.store.HasPassword(u.ID),
		PasswordExpired:          s.store.PasswordExpired(u.ID),
		DeleteAt:                 deref(st.DeleteAt),
		DeleteReason:             deref(u.DeleteReason),
		AnonymizeAt:              deref(st.AnonymizeAt),
		Anonymized:               st.IsAnonymized,
		MFAGracePeriodEndAt:      deref(u.MFAGracePeriodEndAt),
	}
	for _, c := range s.store.VerifiedClaims(u.ID) {
		out.VerifiedClaims = append(out.VerifiedClaims, ClaimState{Name: c.Name, Value: c.Value})
	}
	for _, i := range s.store.Identities(u.ID, "") {
		out.Identities = append(out.Identities, IdentityState{
			ID:                 i.ID,
			NodeID:             model.EncodeID(model.TypeIdentity, i.ID),
			Type:               i.Type,
			LoginIDKey:         i.LoginID.Key,
			LoginIDType:        i.LoginID.Type,
			LoginID:            i.LoginID.Value,
			OriginalValue:      i.LoginID.OriginalValue,
			OAuthProviderAlias: i.OAuth.ProviderAlias,
			OAuthSubjectID:     i.OAuth.SubjectID,
			Claims:             copyMap(i.Claims()),
			CreatedAt:          i.CreatedAt,
			UpdatedAt:          i.UpdatedAt,
		})
	}
	for _, a := range s.store.Authenticators(u.ID, "", "") {
		out.Authenticators = append(out.Authenticators, authenticatorState(a))
	}
	return out
}

func copyMap(m map[string]any) map[string]any {
	out, _ := store.DeepCopy(m).(map[string]any)
	return out
}
