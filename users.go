package adminapi

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"log/slog"
	"strings"
	"time"
)

// LoginIDKey names the kind of a login id, as configured for the project.
type LoginIDKey string

// The login id keys of a default project.
const (
	LoginIDEmail    LoginIDKey = "email"
	LoginIDPhone    LoginIDKey = "phone"
	LoginIDUsername LoginIDKey = "username"
)

// LoginID is a login id: its key and its value, e.g. {LoginIDEmail,
// "alice@example.com"}.
type LoginID struct {
	Key   LoginIDKey
	Value string
}

// Identity claims that carry a login id.
const (
	claimLoginIDKey   = "https://authgear.com/claims/login_id/key"
	claimLoginIDValue = "https://authgear.com/claims/login_id/value"
)

// User is an Authgear user as this package reads it. Optional times are nil
// when unset.
type User struct {
	// ID is the user's node id, which every method accepts.
	ID string
	// RawID is the user's UUID, the "sub" claim of the user's tokens.
	RawID string

	CreatedAt   time.Time
	UpdatedAt   time.Time
	LastLoginAt *time.Time

	IsDisabled bool
	// DisableReason is the note stored with the disabled state, if any.
	DisableReason            string
	IsAnonymized             bool
	IsDeactivated            bool
	IsAnonymous              bool
	AccountValidFrom         *time.Time
	AccountValidUntil        *time.Time
	TemporarilyDisabledFrom  *time.Time
	TemporarilyDisabledUntil *time.Time
	// DeleteAt and AnonymizeAt are set when a deletion or anonymization is
	// scheduled.
	DeleteAt     *time.Time
	DeleteReason string
	AnonymizeAt  *time.Time

	StandardAttributes StandardAttributes
	CustomAttributes   JSONObject

	// FormattedName is the name the portal shows, derived from the
	// standard attributes.
	FormattedName string
	// EndUserAccountID is a display id derived from the user's email,
	// phone number or username.
	EndUserAccountID string

	VerifiedClaims []Claim
	// Identities are the user's first 100 identities.
	Identities []Identity
}

// Claim is a verified claim of a user, e.g. {"email", "alice@example.com"}.
type Claim struct {
	Name  string
	Value string
}

// Identity is one way a user signs in.
type Identity struct {
	// ID is the identity's node id.
	ID   string
	Type IdentityType
	// Claims are the identity's claims as the server sends them.
	Claims JSONObject
	// LoginIDKey and LoginIDValue are set for login id identities.
	LoginIDKey   LoginIDKey
	LoginIDValue string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// The methods below send the generated operations (their query text and
// variable types) but decode the answers into lean structs that hold the
// generated fragment type UserFields directly. genqlient's own response
// types wrap the fragment in types whose UnmarshalJSON parses each user two
// or three times; decoding once makes GetUser about 1.3x faster. The shapes
// are checked against the generated ones in users_test.go.

// userFromFields converts the generated fragment type; it is the only place
// that knows its shape.
func userFromFields(f *UserFields) *User {
	u := &User{
		ID:                       f.Id,
		RawID:                    userRawID(f.Id),
		CreatedAt:                f.CreatedAt,
		UpdatedAt:                f.UpdatedAt,
		LastLoginAt:              f.LastLoginAt,
		IsDisabled:               f.IsDisabled,
		DisableReason:            deref(f.DisableReason),
		IsAnonymized:             f.IsAnonymized,
		IsDeactivated:            f.IsDeactivated,
		IsAnonymous:              f.IsAnonymous,
		AccountValidFrom:         f.AccountValidFrom,
		AccountValidUntil:        f.AccountValidUntil,
		TemporarilyDisabledFrom:  f.TemporarilyDisabledFrom,
		TemporarilyDisabledUntil: f.TemporarilyDisabledUntil,
		DeleteAt:                 f.DeleteAt,
		DeleteReason:             deref(f.DeleteReason),
		AnonymizeAt:              f.AnonymizeAt,
		StandardAttributes:       f.StandardAttributes,
		CustomAttributes:         f.CustomAttributes,
		FormattedName:            deref(f.FormattedName),
		EndUserAccountID:         deref(f.EndUserAccountID),
	}
	for _, c := range f.VerifiedClaims {
		u.VerifiedClaims = append(u.VerifiedClaims, Claim{Name: c.Name, Value: c.Value})
	}
	if f.Identities != nil {
		for _, edge := range f.Identities.Edges {
			if edge == nil || edge.Node == nil {
				continue
			}
			n := edge.Node
			key, _ := n.Claims[claimLoginIDKey].(string)
			value, _ := n.Claims[claimLoginIDValue].(string)
			u.Identities = append(u.Identities, Identity{
				ID:           n.Id,
				Type:         n.Type,
				Claims:       n.Claims,
				LoginIDKey:   LoginIDKey(key),
				LoginIDValue: value,
				CreatedAt:    n.CreatedAt,
				UpdatedAt:    n.UpdatedAt,
			})
		}
	}
	return u
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// GetUser reads a user from the database by node id or raw UUID. A user that
// does not exist gives an [*Error] matching [ErrNotFound].
func (c *Client) GetUser(ctx context.Context, id string) (*User, error) {
	nodeID, err := UserNodeID(id)
	if err != nil {
		return nil, err
	}
	var data struct {
		Node *UserFields `json:"node"`
	}
	if err := c.run(ctx, "GetUserNode", GetUserNode_Operation, &__GetUserNodeInput{Id: nodeID}, &data); err != nil {
		return nil, err
	}
	if data.Node != nil {
		return userFromFields(data.Node), nil
	}
	return nil, &Error{
		StatusCode: 200,
		Operation:  "GetUserNode",
		Name:       nameNotFound,
		Message:    fmt.Sprintf("user %s not found", id),
	}
}

// GetUserByLoginID reads from the database the user who holds a login id. A
// login id nobody holds gives an [*Error] matching [ErrNotFound].
func (c *Client) GetUserByLoginID(ctx context.Context, key LoginIDKey, value string) (*User, error) {
	if key == "" || value == "" {
		return nil, invalidArgError("login id key and value must not be empty")
	}
	var data struct {
		User *UserFields `json:"getUserByLoginID"`
	}
	vars := &__GetUserByLoginIDInput{LoginIDKey: string(key), LoginIDValue: value}
	if err := c.run(ctx, "GetUserByLoginID", GetUserByLoginID_Operation, vars, &data); err != nil {
		return nil, err
	}
	if data.User == nil {
		return nil, &Error{
			StatusCode: 200,
			Operation:  "GetUserByLoginID",
			Name:       nameNotFound,
			Message:    fmt.Sprintf("no user has %s login id %q", key, value),
		}
	}
	return userFromFields(data.User), nil
}

// GetUsersByStandardAttribute reads from the database the users whose
// standard attribute name ("email", "phone_number" or "preferred_username")
// equals value. No match gives an empty slice and no error.
func (c *Client) GetUsersByStandardAttribute(ctx context.Context, name, value string) ([]*User, error) {
	if name == "" {
		return nil, invalidArgError("attribute name must not be empty")
	}
	var data struct {
		Users []UserFields `json:"getUsersByStandardAttribute"`
	}
	vars := &__GetUsersByStandardAttributeInput{AttributeName: name, AttributeValue: value}
	if err := c.run(ctx, "GetUsersByStandardAttribute", GetUsersByStandardAttribute_Operation, vars, &data); err != nil {
		return nil, err
	}
	users := make([]*User, 0, len(data.Users))
	for i := range data.Users {
		users = append(users, userFromFields(&data.Users[i]))
	}
	return users, nil
}

// ListUsersOptions tunes [Client.ListUsers] and [Client.SearchUsers]. A nil
// *ListUsersOptions means all defaults.
type ListUsersOptions struct {
	// PageSize is the number of users per request: 0 means 100, larger
	// values are reduced to 100 (the server's limit).
	PageSize int
	// SortBy defaults to UserSortByCreatedAt, which keeps pages stable.
	SortBy UserSortBy
	// SortDirection defaults to SortDirectionAsc (oldest first), so that
	// users created while paging land on later pages instead of shifting
	// earlier ones.
	SortDirection SortDirection
	// RoleKeys and GroupKeys, if set, keep only users with one of the
	// roles or groups.
	RoleKeys  []string
	GroupKeys []string
}

// ListUsers iterates over the project's users, requesting pages as the loop
// advances. On failure it yields (nil, err) once and stops; breaking out of
// the loop stops it too.
//
// The list comes from the server's search index, which may lag behind recent
// writes; use [Client.GetUser] or [Client.GetUserByLoginID] to read a user
// just written. Cursors are offsets, so users created or deleted while
// paging can shift between pages: ListUsers skips users it has already
// yielded (it keeps their ids until the loop ends), but a user deleted
// meanwhile may make another one be missed.
func (c *Client) ListUsers(ctx context.Context, opts *ListUsersOptions) iter.Seq2[*User, error] {
	return c.listUsers(ctx, nil, opts)
}

// SearchUsers is like [Client.ListUsers] but yields only the users matching
// keyword (an email, phone number, username, name or id fragment, as the
// server's search understands it).
func (c *Client) SearchUsers(ctx context.Context, keyword string, opts *ListUsersOptions) iter.Seq2[*User, error] {
	return c.listUsers(ctx, &keyword, opts)
}

func (c *Client) listUsers(ctx context.Context, keyword *string, opts *ListUsersOptions) iter.Seq2[*User, error] {
	var o ListUsersOptions
	if opts != nil {
		o = *opts
	}
	sortBy, dir := o.SortBy, o.SortDirection
	if sortBy == "" {
		sortBy = UserSortByCreatedAt
	}
	if dir == "" {
		dir = SortDirectionAsc
	}
	return pager[UserFields, User]{
		op: "ListUsers", pageSize: o.PageSize, max: maxPageSize,
		fetch: func(ctx context.Context, first int, after *string) (*connection[UserFields], error) {
			var data struct {
				Users *connection[UserFields] `json:"users"`
			}
			vars := &__ListUsersInput{
				First: &first, After: after, SearchKeyword: keyword, SortBy: &sortBy, SortDirection: &dir,
				RoleKeys: o.RoleKeys, GroupKeys: o.GroupKeys,
			}
			err := c.run(ctx, "ListUsers", ListUsers_Operation, vars, &data)
			return data.Users, err
		},
		id:      func(f *UserFields) string { return f.Id },
		convert: userFromFields,
	}.seq(ctx)
}

// NewUser describes a user for [Client.CreateUser]. Its String, GoString
// and LogValue methods never show the password.
type NewUser struct {
	// LoginID is the user's first identity. Required.
	LoginID LoginID
	// Password: nil creates no password, [GeneratePassword] (a pointer to
	// "") asks the server to generate one, and [Password] sets that
	// password.
	Password *string
	// SendPassword asks the server to send the password to the user.
	SendPassword bool
	// SetPasswordExpired makes the user choose a new password at the next
	// sign-in.
	SetPasswordExpired bool
	// AccountValidFrom and AccountValidUntil, if set, bound the period in
	// which the account may sign in.
	AccountValidFrom  *time.Time
	AccountValidUntil *time.Time
}

// Password returns a pointer to s, for [NewUser.Password] and
// [PasswordReset.Password]: the user's password will be s.
func Password(s string) *string { return &s }

// GeneratePassword returns a pointer to "", which asks the server to
// generate a password, for [NewUser.Password] and [PasswordReset.Password].
func GeneratePassword() *string { return new(string) }

// String describes u without its password.
func (u NewUser) String() string {
	return fmt.Sprintf("adminapi.NewUser{LoginID: %s %q, Password: %s, SendPassword: %t, SetPasswordExpired: %t}",
		u.LoginID.Key, u.LoginID.Value, describePassword(u.Password), u.SendPassword, u.SetPasswordExpired)
}

// GoString is like String, for %#v.
func (u NewUser) GoString() string { return u.String() }

// LogValue describes u for log/slog without its password.
func (u NewUser) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("login_id_key", string(u.LoginID.Key)),
		slog.String("login_id_value", u.LoginID.Value),
		slog.String("password", describePassword(u.Password)),
	)
}

func describePassword(p *string) string {
	switch {
	case p == nil:
		return "none"
	case *p == "":
		return "generated"
	default:
		return "[REDACTED]"
	}
}

// CreateUser creates a user. A login id another user already holds gives an
// [*Error] matching [ErrAlreadyExists]; an invalid one (a malformed email,
// say) one matching [ErrInvalidInput].
func (c *Client) CreateUser(ctx context.Context, nu NewUser) (*User, error) {
	if nu.LoginID.Key == "" || nu.LoginID.Value == "" {
		return nil, invalidArgError("NewUser.LoginID needs a key and a value")
	}
	var data struct {
		Payload struct {
			User UserFields `json:"user"`
		} `json:"createUser"`
	}
	err := c.run(ctx, "CreateUser", CreateUser_Operation, &__CreateUserInput{Input: CreateUserInput{
		Definition: IdentityDefinition{LoginID: &IdentityDefinitionLoginID{
			Key:   string(nu.LoginID.Key),
			Value: nu.LoginID.Value,
		}},
		Password:           nu.Password,
		SendPassword:       trueOrNil(nu.SendPassword),
		SetPasswordExpired: trueOrNil(nu.SetPasswordExpired),
		AccountValidFrom:   nu.AccountValidFrom,
		AccountValidUntil:  nu.AccountValidUntil,
	}}, &data)
	if err != nil {
		return nil, err
	}
	return userFromFields(&data.Payload.User), nil
}

// trueOrNil sends an unset flag as null, the server's default.
func trueOrNil(b bool) *bool {
	if !b {
		return nil
	}
	return &b
}

// UserUpdate is the change [Client.UpdateUser] makes. A nil field is left
// as it is; a non-nil field REPLACES the whole stored object, so any
// attribute missing from it is deleted.
type UserUpdate struct {
	StandardAttributes *StandardAttributes
	// CustomAttributes: nil leaves them; an empty non-nil object deletes
	// them all.
	CustomAttributes JSONObject
}

// UpdateUser writes a user's standard and/or custom attributes. The server
// replaces each object given whole: attributes left out of it are deleted.
// To change some attributes and keep the others, use
// [Client.UpdateStandardAttributes] or [Client.UpdateCustomAttributes].
func (c *Client) UpdateUser(ctx context.Context, id string, upd UserUpdate) (*User, error) {
	nodeID, err := UserNodeID(id)
	if err != nil {
		return nil, err
	}
	if upd.StandardAttributes == nil && upd.CustomAttributes == nil {
		return nil, invalidArgError("UserUpdate is empty: set StandardAttributes or CustomAttributes")
	}
	return c.updateUser(ctx, nodeID, upd)
}

func (c *Client) updateUser(ctx context.Context, nodeID string, upd UserUpdate) (*User, error) {
	input := UpdateUserInput{UserID: nodeID, StandardAttributes: upd.StandardAttributes}
	if upd.CustomAttributes != nil {
		input.CustomAttributes = &upd.CustomAttributes
	}
	var data struct {
		Payload struct {
			User UserFields `json:"user"`
		} `json:"updateUser"`
	}
	if err := c.run(ctx, "UpdateUser", UpdateUser_Operation, &__UpdateUserInput{Input: input}, &data); err != nil {
		return nil, err
	}
	return userFromFields(&data.Payload.User), nil
}

// patchAttempts is how often a patch is tried: once, then up to 3 more
// times when the user changed in between.
const patchAttempts = 4

// patchUser reads the user, lets change build the update from it, reads
// the user again and writes only if updatedAt has not moved; otherwise it
// starts over. This narrows, but cannot close, the window in which a
// concurrent write is lost: the API has no conditional update.
func (c *Client) patchUser(ctx context.Context, id string, change func(*User) (UserUpdate, error)) (*User, error) {
	nodeID, err := UserNodeID(id)
	if err != nil {
		return nil, err
	}
	for range patchAttempts {
		u, err := c.GetUser(ctx, nodeID)
		if err != nil {
			return nil, err
		}
		upd, err := change(u)
		if err != nil {
			return nil, err
		}
		now, err := c.GetUser(ctx, nodeID)
		if err != nil {
			return nil, err
		}
		if !now.UpdatedAt.Equal(u.UpdatedAt) {
			continue
		}
		return c.updateUser(ctx, nodeID, upd)
	}
	return nil, &Error{
		Operation: "UpdateUser",
		Message:   fmt.Sprintf("user %s changed during each of %d attempts to update it", id, patchAttempts),
		Hint:      "another writer is updating this user; retry later",
		err:       ErrConflict,
	}
}

// UpdateStandardAttributes changes some of a user's standard attributes and
// keeps the others: it reads the user, calls change with a copy of the
// attributes to modify, and writes the result back unless the user changed
// meanwhile, in which case it starts over (change may therefore run several
// times and should only modify its argument). After 4 attempts it gives up
// with an [*Error] matching [ErrConflict]. An error from change is returned
// as is and nothing is written.
func (c *Client) UpdateStandardAttributes(ctx context.Context, id string, change func(*StandardAttributes) error) (*User, error) {
	return c.patchUser(ctx, id, func(u *User) (UserUpdate, error) {
		attrs := u.StandardAttributes.Clone()
		if err := change(&attrs); err != nil {
			return UserUpdate{}, err
		}
		return UserUpdate{StandardAttributes: &attrs}, nil
	})
}

// UpdateCustomAttributes is like [Client.UpdateStandardAttributes] for the
// custom attributes: change modifies, in place, a copy of the user's custom
// attributes (never nil).
func (c *Client) UpdateCustomAttributes(ctx context.Context, id string, change func(JSONObject) error) (*User, error) {
	return c.patchUser(ctx, id, func(u *User) (UserUpdate, error) {
		attrs := u.CustomAttributes.Clone()
		if attrs == nil {
			attrs = JSONObject{}
		}
		if err := change(attrs); err != nil {
			return UserUpdate{}, err
		}
		return UserUpdate{CustomAttributes: attrs}, nil
	})
}

// SetStandardAttribute sets one standard attribute by its JSON name, e.g.
// "given_name", keeping the others; a nil value deletes it. It uses
// [Client.UpdateStandardAttributes].
func (c *Client) SetStandardAttribute(ctx context.Context, id, name string, value any) (*User, error) {
	if name == "" {
		return nil, invalidArgError("attribute name must not be empty")
	}
	var raw json.RawMessage
	if value != nil {
		b, err := json.Marshal(value)
		if err != nil {
			return nil, invalidArgError(fmt.Sprintf("value of %q cannot be encoded as JSON: %v", name, err))
		}
		raw = b
	}
	return c.UpdateStandardAttributes(ctx, id, func(attrs *StandardAttributes) error {
		data, err := json.Marshal(attrs)
		if err != nil {
			return err
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(data, &m); err != nil {
			return err
		}
		if raw == nil {
			delete(m, name)
		} else {
			m[name] = raw
		}
		if data, err = json.Marshal(m); err != nil {
			return err
		}
		return json.Unmarshal(data, attrs)
	})
}

// SetCustomAttribute sets one custom attribute, keeping the others; a nil
// value deletes it. It uses [Client.UpdateCustomAttributes].
func (c *Client) SetCustomAttribute(ctx context.Context, id, name string, value any) (*User, error) {
	if name == "" {
		return nil, invalidArgError("attribute name must not be empty")
	}
	return c.UpdateCustomAttributes(ctx, id, func(attrs JSONObject) error {
		if value == nil {
			delete(attrs, name)
		} else {
			attrs[name] = value
		}
		return nil
	})
}

// DeleteUser deletes a user at once, with all their data.
func (c *Client) DeleteUser(ctx context.Context, id string) error {
	nodeID, err := UserNodeID(id)
	if err != nil {
		return err
	}
	_, err = DeleteUser(ctx, c, DeleteUserInput{UserID: nodeID})
	return err
}

// DisableUser disables a user, who can then no longer sign in; reason, if
// not empty, is stored with the state.
func (c *Client) DisableUser(ctx context.Context, id, reason string) (*User, error) {
	var r *string
	if reason != "" {
		r = &reason
	}
	return c.setDisabled(ctx, id, true, r)
}

// EnableUser re-enables a disabled user.
func (c *Client) EnableUser(ctx context.Context, id string) (*User, error) {
	return c.setDisabled(ctx, id, false, nil)
}

func (c *Client) setDisabled(ctx context.Context, id string, disabled bool, reason *string) (*User, error) {
	nodeID, err := UserNodeID(id)
	if err != nil {
		return nil, err
	}
	var data struct {
		Payload struct {
			User UserFields `json:"user"`
		} `json:"setDisabledStatus"`
	}
	input := SetDisabledStatusInput{UserID: nodeID, IsDisabled: disabled, Reason: reason}
	if err := c.run(ctx, "SetDisabledStatus", SetDisabledStatus_Operation, &__SetDisabledStatusInput{Input: input}, &data); err != nil {
		return nil, err
	}
	return userFromFields(&data.Payload.User), nil
}

// PasswordReset describes a new password for [Client.ResetPassword]. Its
// String, GoString and LogValue methods never show the password.
type PasswordReset struct {
	// Password is the new password; nil or [GeneratePassword] asks the
	// server to generate one.
	Password *string
	// SendPassword asks the server to send the new password to the user.
	SendPassword bool
	// SetPasswordExpired makes the user choose a new password at the next
	// sign-in.
	SetPasswordExpired bool
}

// String describes r without its password.
func (r PasswordReset) String() string {
	return fmt.Sprintf("adminapi.PasswordReset{Password: %s, SendPassword: %t, SetPasswordExpired: %t}",
		describePassword(r.Password), r.SendPassword, r.SetPasswordExpired)
}

// GoString is like String, for %#v.
func (r PasswordReset) GoString() string { return r.String() }

// LogValue describes r for log/slog without its password.
func (r PasswordReset) LogValue() slog.Value {
	return slog.GroupValue(slog.String("password", describePassword(r.Password)))
}

// ResetPassword replaces a user's password.
func (c *Client) ResetPassword(ctx context.Context, id string, r PasswordReset) (*User, error) {
	nodeID, err := UserNodeID(id)
	if err != nil {
		return nil, err
	}
	var data struct {
		Payload struct {
			User UserFields `json:"user"`
		} `json:"resetPassword"`
	}
	err = c.run(ctx, "ResetPassword", ResetPassword_Operation, &__ResetPasswordInput{Input: ResetPasswordInput{
		UserID:             nodeID,
		Password:           r.Password,
		SendPassword:       trueOrNil(r.SendPassword),
		SetPasswordExpired: trueOrNil(r.SetPasswordExpired),
	}}, &data)
	if err != nil {
		return nil, err
	}
	return userFromFields(&data.Payload.User), nil
}

// RevokeAllSessions signs a user out of every session and revokes their
// refresh tokens.
func (c *Client) RevokeAllSessions(ctx context.Context, id string) error {
	nodeID, err := UserNodeID(id)
	if err != nil {
		return err
	}
	_, err = RevokeAllSessions(ctx, c, RevokeAllSessionsInput{UserID: nodeID})
	return err
}

// invalidArgError reports an argument refused before any request.
func invalidArgError(msg string) *Error {
	return &Error{Name: nameInvalid, Message: strings.TrimSpace(msg)}
}
