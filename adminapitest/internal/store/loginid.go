package store

import (
	"net/mail"
	"regexp"
	"strings"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// Login ID types. The emulated project has the default login ID keys: key
// "email" of type email, "phone" of type phone and "username" of type
// username.
const (
	LoginIDTypeEmail    = "email"
	LoginIDTypePhone    = "phone"
	LoginIDTypeUsername = "username"
)

// LoginID is a validated, normalized login ID.
type LoginID struct {
	Key           string // "email", "phone" or "username"
	Type          string // one of the LoginIDType constants
	OriginalValue string // as given, without surrounding spaces
	Value         string // normalized; unique per type
}

// StandardAttribute is the standard attribute the login ID fills in, and the
// claim its identity carries.
func (l LoginID) StandardAttribute() string {
	switch l.Type {
	case LoginIDTypeEmail:
		return "email"
	case LoginIDTypePhone:
		return "phone_number"
	default:
		return "preferred_username"
	}
}

// Approximations of the server's checks: it validates phone numbers with
// libphonenumber (E.164 input required) and usernames with the default
// ASCII-only rule.
var (
	phoneFormat    = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)
	usernameFormat = regexp.MustCompile(`^[a-zA-Z0-9_.-]+$`)
)

func invalidLoginID(kind string, details map[string]any) *apierr.Error {
	return apierr.ValidationFailed("invalid login ID", apierr.Cause{Location: "/login_id", Kind: kind, Details: details})
}

// ParseLoginID validates value as a login ID of key and normalizes it the way
// the server's default configuration does (emails and usernames are
// case-insensitive).
func ParseLoginID(key, value string) (LoginID, error) {
	typ, ok := map[string]string{
		"email":    LoginIDTypeEmail,
		"phone":    LoginIDTypePhone,
		"username": LoginIDTypeUsername,
	}[key]
	if !ok {
		return LoginID{}, invalidLoginID("general", map[string]any{"msg": "login ID key is not allowed"})
	}
	v := strings.TrimSpace(value)
	if v == "" {
		return LoginID{}, invalidLoginID("required", nil)
	}
	l := LoginID{Key: key, Type: typ, OriginalValue: v, Value: v}
	switch typ {
	case LoginIDTypeEmail:
		addr, err := mail.ParseAddress(v)
		if err != nil || addr.Name != "" || !strings.Contains(v, "@") {
			return LoginID{}, invalidLoginID("format", map[string]any{"format": "email"})
		}
		at := strings.LastIndex(v, "@")
		l.Value = strings.ToLower(v[:at]) + "@" + strings.ToLower(v[at+1:])
	case LoginIDTypePhone:
		if !phoneFormat.MatchString(v) {
			return LoginID{}, invalidLoginID("format", map[string]any{"format": "phone"})
		}
	case LoginIDTypeUsername:
		if !usernameFormat.MatchString(v) {
			return LoginID{}, invalidLoginID("format", map[string]any{"format": "username"})
		}
		l.Value = strings.ToLower(v)
	}
	return l, nil
}

// duplicateIdentity is the server's answer when a login ID is taken.
func duplicateIdentity(existing, incoming string) *apierr.Error {
	return apierr.WithInfo(apierr.Invalid, "InvariantViolated", "identity already exists", map[string]any{
		"IdentityTypeExisting": "login_id",
		"IdentityTypeIncoming": "login_id",
		"LoginIDTypeExisting":  existing,
		"LoginIDTypeIncoming":  incoming,
		"cause":                map[string]any{"kind": "DuplicatedIdentity"},
	})
}
