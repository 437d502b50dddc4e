package adminapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
)

// ExportedUser is one user of an NDJSON export (see [Client.ExportUsers]).
// Keys it does not know are kept in Extra, and written back by MarshalJSON.
type ExportedUser struct {
	// Sub is the user's raw id (a UUID).
	Sub string `json:"sub"`

	// The user's primary login IDs and their verification.
	PreferredUsername   string `json:"preferred_username,omitempty"`
	Email               string `json:"email,omitempty"`
	PhoneNumber         string `json:"phone_number,omitempty"`
	EmailVerified       bool   `json:"email_verified"`
	PhoneNumberVerified bool   `json:"phone_number_verified"`

	// Other standard attributes.
	Name       string   `json:"name,omitempty"`
	GivenName  string   `json:"given_name,omitempty"`
	FamilyName string   `json:"family_name,omitempty"`
	MiddleName string   `json:"middle_name,omitempty"`
	Nickname   string   `json:"nickname,omitempty"`
	Profile    string   `json:"profile,omitempty"`
	Picture    string   `json:"picture,omitempty"`
	Website    string   `json:"website,omitempty"`
	Gender     string   `json:"gender,omitempty"`
	Birthdate  string   `json:"birthdate,omitempty"`
	Zoneinfo   string   `json:"zoneinfo,omitempty"`
	Locale     string   `json:"locale,omitempty"`
	Address    *Address `json:"address,omitempty"`

	CustomAttributes JSONObject `json:"custom_attributes,omitempty"`

	// Roles are the role keys assigned to the user directly (not through
	// groups); Groups are the group keys.
	Roles  []string `json:"roles,omitempty"`
	Groups []string `json:"groups,omitempty"`

	CreatedAt    time.Time `json:"created_at,omitzero"`
	Disabled     bool      `json:"disabled"`
	IsAnonymized bool      `json:"is_anonymized"`

	Identities []ExportedIdentity `json:"identities,omitempty"`
	MFA        *ExportedMFA       `json:"mfa,omitempty"`

	BiometricCount int `json:"biometric_count"`
	PasskeyCount   int `json:"passkey_count"`

	// Extra holds the keys not listed above, as raw JSON.
	Extra map[string]json.RawMessage `json:"-"`
}

// ExportedIdentity is an identity of an [ExportedUser]: a login ID, an
// OAuth account, or an LDAP entry, with its claims.
type ExportedIdentity struct {
	Type    string     `json:"type"`
	LoginID JSONObject `json:"login_id,omitempty"` // key, type, value, original_value
	OAuth   JSONObject `json:"oauth,omitempty"`
	LDAP    JSONObject `json:"ldap,omitempty"`
	Claims  JSONObject `json:"claims,omitempty"`
}

// ExportedMFA is the secondary authentication of an [ExportedUser].
type ExportedMFA struct {
	Emails       []string       `json:"emails,omitempty"`
	PhoneNumbers []string       `json:"phone_numbers,omitempty"`
	TOTPs        []ExportedTOTP `json:"totps,omitempty"`
}

// ExportedTOTP is a TOTP authenticator of an [ExportedUser]. Its String,
// GoString and LogValue methods never show the secret.
type ExportedTOTP struct {
	Secret string `json:"secret"`
	URI    string `json:"uri"`
}

// String returns "{REDACTED}".
func (t ExportedTOTP) String() string { return "{" + redactedValue + "}" }

// GoString is like String, for %#v.
func (t ExportedTOTP) GoString() string { return "adminapi.ExportedTOTP" + t.String() }

// LogValue hides the secret.
func (t ExportedTOTP) LogValue() slog.Value { return slog.StringValue(redactedValue) }

// exportedUserKeys are the JSON keys of ExportedUser's fields.
var exportedUserKeys = sync.OnceValue(func() map[string]bool {
	keys := map[string]bool{}
	t := reflect.TypeFor[ExportedUser]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			keys[name] = true
		}
	}
	return keys
})

// exportedUserPlain has ExportedUser's fields without its methods.
type exportedUserPlain ExportedUser

// UnmarshalJSON decodes a JSON object, keeping unknown keys in Extra.
func (u *ExportedUser) UnmarshalJSON(data []byte) error {
	var p exportedUserPlain
	if err := json.Unmarshal(data, &p); err != nil {
		return err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return err
	}
	known := exportedUserKeys()
	for k, v := range all {
		if !known[k] {
			setExtra(&p.Extra, k, v)
		}
	}
	*u = ExportedUser(p)
	return nil
}

// MarshalJSON encodes u with the keys of Extra after the known ones.
func (u ExportedUser) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(exportedUserPlain(u))
	if err != nil || len(u.Extra) == 0 {
		return b, err
	}
	known := exportedUserKeys()
	keys := make([]string, 0, len(u.Extra))
	for k := range u.Extra {
		if !known[k] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var buf bytes.Buffer
	buf.Write(b[:len(b)-1])
	for _, k := range keys {
		raw := u.Extra[k]
		if !json.Valid(raw) {
			return nil, fmt.Errorf("adminapi: encoding exported user: invalid raw JSON in Extra[%q]", k)
		}
		kb, _ := json.Marshal(k) // a string always encodes
		buf.WriteByte(',')
		buf.Write(kb)
		buf.WriteByte(':')
		buf.Write(raw)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// ReadExportedUsers reads an NDJSON export (see [Client.ExportUsers]) from
// r and yields its users in order. An error, such as a line that is not a
// JSON object, ends the sequence; the error names the record's position.
func ReadExportedUsers(r io.Reader) iter.Seq2[ExportedUser, error] {
	return func(yield func(ExportedUser, error) bool) {
		dec := json.NewDecoder(r)
		for n := 0; ; n++ {
			var u ExportedUser
			err := dec.Decode(&u)
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				yield(ExportedUser{}, fmt.Errorf("adminapi: reading exported user %d: %w", n, err))
				return
			}
			if !yield(u, nil) {
				return
			}
		}
	}
}
