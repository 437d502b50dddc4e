package adminapi

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"time"
)

// ImportRecord is one user for [Client.ImportUsers], in the server's import
// record format. A nil field is left out of the record; in an upsert, a
// field left out leaves that part of an existing user alone.
//
// The field named by the request's identifier (Email, PhoneNumber or
// PreferredUsername) is required. To send null, which in an upsert removes
// an attribute or a login ID, call [ImportRecord.SetNull].
//
// Like [StandardAttributes], an ImportRecord round-trips through JSON
// exactly: keys it does not know, and null values, are kept in Extra. Its
// String, GoString and LogValue methods never show password hashes or TOTP
// secrets.
type ImportRecord struct {
	// Login IDs. Email, PhoneNumber or PreferredUsername, whichever the
	// request's identifier names, finds the existing user.
	Email             *string `json:"email,omitempty"`
	PhoneNumber       *string `json:"phone_number,omitempty"`
	PreferredUsername *string `json:"preferred_username,omitempty"`

	// EmailVerified and PhoneNumberVerified mark the email address or
	// phone number verified (or, in an upsert, unverified).
	EmailVerified       *bool `json:"email_verified,omitempty"`
	PhoneNumberVerified *bool `json:"phone_number_verified,omitempty"`

	// Standard attributes other than the login IDs.
	Name       *string  `json:"name,omitempty"`
	GivenName  *string  `json:"given_name,omitempty"`
	FamilyName *string  `json:"family_name,omitempty"`
	MiddleName *string  `json:"middle_name,omitempty"`
	Nickname   *string  `json:"nickname,omitempty"`
	Profile    *string  `json:"profile,omitempty"`
	Picture    *string  `json:"picture,omitempty"`
	Website    *string  `json:"website,omitempty"`
	Gender     *string  `json:"gender,omitempty"`
	Birthdate  *string  `json:"birthdate,omitempty"`
	Zoneinfo   *string  `json:"zoneinfo,omitempty"`
	Locale     *string  `json:"locale,omitempty"`
	Address    *Address `json:"address,omitempty"`

	// CustomAttributes are set key by key: keys not given are left alone.
	CustomAttributes JSONObject `json:"custom_attributes,omitempty"`

	// Roles and Groups, when non-nil, replace the user's role and group
	// keys; an empty non-nil slice removes them all.
	Roles  []string `json:"roles,omitempty"`
	Groups []string `json:"groups,omitempty"`

	// Disabled disables (or, in an upsert, re-enables) the user.
	Disabled *bool `json:"disabled,omitempty"`

	// Password is the user's primary password, as a hash. It is set only
	// when the user is inserted; an upsert ignores it.
	Password *ImportPassword `json:"password,omitempty"`

	// MFA holds the user's secondary authenticators.
	MFA *ImportMFA `json:"mfa,omitempty"`

	// Extra holds keys not listed above, and null values, as raw JSON. A
	// field that is set takes precedence over an Extra entry of the same
	// key.
	Extra map[string]json.RawMessage `json:"-"`
}

func (r *ImportRecord) fields() []objectField {
	return []objectField{
		{"email", &r.Email},
		{"phone_number", &r.PhoneNumber},
		{"preferred_username", &r.PreferredUsername},
		{"email_verified", &r.EmailVerified},
		{"phone_number_verified", &r.PhoneNumberVerified},
		{"name", &r.Name},
		{"given_name", &r.GivenName},
		{"family_name", &r.FamilyName},
		{"middle_name", &r.MiddleName},
		{"nickname", &r.Nickname},
		{"profile", &r.Profile},
		{"picture", &r.Picture},
		{"website", &r.Website},
		{"gender", &r.Gender},
		{"birthdate", &r.Birthdate},
		{"zoneinfo", &r.Zoneinfo},
		{"locale", &r.Locale},
		{"address", &r.Address},
		{"custom_attributes", &r.CustomAttributes},
		{"roles", &r.Roles},
		{"groups", &r.Groups},
		{"disabled", &r.Disabled},
		{"password", &r.Password},
		{"mfa", &r.MFA},
	}
}

// MarshalJSON encodes the set fields and Extra as one JSON object.
func (r ImportRecord) MarshalJSON() ([]byte, error) {
	return marshalObject(r.fields(), r.Extra)
}

// UnmarshalJSON decodes a JSON object.
func (r *ImportRecord) UnmarshalJSON(data []byte) error {
	*r = ImportRecord{}
	return unmarshalObject(data, r.fields(), &r.Extra)
}

// SetNull makes the record carry null for each key, clearing the field of
// that key. In an upsert, null removes the login ID (email, phone_number,
// preferred_username) or standard attribute.
func (r *ImportRecord) SetNull(keys ...string) {
	for _, k := range keys {
		for _, f := range r.fields() {
			if f.key == k {
				setNil(f.ptr)
			}
		}
		setExtra(&r.Extra, k, json.RawMessage("null"))
	}
}

// String describes r without secrets.
func (r ImportRecord) String() string {
	c := r.redacted()
	b, err := json.Marshal(c)
	if err != nil {
		return "adminapi.ImportRecord{<unencodable>}"
	}
	return "adminapi.ImportRecord" + string(b)
}

// GoString is like String, for %#v.
func (r ImportRecord) GoString() string { return r.String() }

// LogValue describes r for log/slog as its identifying login IDs only.
func (r ImportRecord) LogValue() slog.Value {
	var attrs []slog.Attr
	for _, f := range []struct {
		k string
		v *string
	}{{"email", r.Email}, {"phone_number", r.PhoneNumber}, {"preferred_username", r.PreferredUsername}} {
		if f.v != nil {
			attrs = append(attrs, slog.String(f.k, *f.v))
		}
	}
	return slog.GroupValue(attrs...)
}

// redacted returns a copy of r whose secrets are replaced by "REDACTED".
// Extra entries named password or mfa are replaced whole, since their
// contents are unknown.
func (r ImportRecord) redacted() ImportRecord {
	c := r
	if c.Password != nil {
		p := c.Password.redacted()
		c.Password = &p
	}
	if c.MFA != nil {
		m := *c.MFA
		if m.Password != nil {
			p := m.Password.redacted()
			m.Password = &p
		}
		if m.TOTP != nil {
			m.TOTP = &ImportTOTP{Secret: redactedValue}
		}
		if m.Extra != nil {
			m.Extra = redactRaw(m.Extra, "password", "totp")
		}
		c.MFA = &m
	}
	if c.Extra != nil {
		c.Extra = redactRaw(c.Extra, "password", "mfa")
	}
	return c
}

// redactedValue is what secrets are replaced by, as the server does.
const redactedValue = "REDACTED"

func redactRaw(m map[string]json.RawMessage, keys ...string) map[string]json.RawMessage {
	c := cloneRaw(m)
	for _, k := range keys {
		if raw, ok := c[k]; ok && !isJSONNull(raw) {
			c[k] = json.RawMessage(`"` + redactedValue + `"`)
		}
	}
	return c
}

// PasswordTypeBcrypt is the only password hash type the server imports.
const PasswordTypeBcrypt = "bcrypt"

// ImportPassword is a password given as a hash. Its String, GoString and
// LogValue methods never show the hash.
type ImportPassword struct {
	// Type is the hash type, [PasswordTypeBcrypt].
	Type string `json:"type"`
	// Hash is the hash, such as "$2b$10$...".
	Hash string `json:"password_hash"`
	// ExpireAfter, if set, is when the password expires: after it the user
	// must choose a new one.
	ExpireAfter *time.Time `json:"expire_after,omitempty"`
}

// BcryptPassword returns a password given by its bcrypt hash, for
// [ImportRecord.Password].
func BcryptPassword(hash string) *ImportPassword {
	return &ImportPassword{Type: PasswordTypeBcrypt, Hash: hash}
}

func (p ImportPassword) redacted() ImportPassword {
	if p.Hash != "" {
		p.Hash = redactedValue
	}
	return p
}

// String describes p without its hash.
func (p ImportPassword) String() string {
	return fmt.Sprintf("{%s %s}", p.Type, p.redacted().Hash)
}

// GoString is like String, for %#v.
func (p ImportPassword) GoString() string { return "adminapi.ImportPassword" + p.String() }

// LogValue describes p for log/slog without its hash.
func (p ImportPassword) LogValue() slog.Value {
	return slog.GroupValue(slog.String("type", p.Type), slog.String("password_hash", p.redacted().Hash))
}

// ImportMFA is the secondary authentication of an imported user. Like
// [ImportRecord], it keeps unknown keys and null values in Extra; its
// LogValue method, like the String methods of its fields, never shows
// secrets.
type ImportMFA struct {
	// Email and PhoneNumber receive one-time passwords.
	Email       *string `json:"email,omitempty"`
	PhoneNumber *string `json:"phone_number,omitempty"`
	// Password is the secondary password, as a hash.
	Password *ImportPassword `json:"password,omitempty"`
	// TOTP is an authenticator app's shared secret.
	TOTP *ImportTOTP `json:"totp,omitempty"`

	// Extra holds unknown keys and null values as raw JSON.
	Extra map[string]json.RawMessage `json:"-"`
}

func (m *ImportMFA) fields() []objectField {
	return []objectField{
		{"email", &m.Email},
		{"phone_number", &m.PhoneNumber},
		{"password", &m.Password},
		{"totp", &m.TOTP},
	}
}

// MarshalJSON encodes the set fields and Extra as one JSON object.
func (m ImportMFA) MarshalJSON() ([]byte, error) { return marshalObject(m.fields(), m.Extra) }

// UnmarshalJSON decodes a JSON object.
func (m *ImportMFA) UnmarshalJSON(data []byte) error {
	*m = ImportMFA{}
	return unmarshalObject(data, m.fields(), &m.Extra)
}

// LogValue describes m for log/slog without its secrets.
func (m ImportMFA) LogValue() slog.Value {
	var attrs []slog.Attr
	if m.Email != nil {
		attrs = append(attrs, slog.String("email", *m.Email))
	}
	if m.PhoneNumber != nil {
		attrs = append(attrs, slog.String("phone_number", *m.PhoneNumber))
	}
	if m.Password != nil {
		attrs = append(attrs, slog.Any("password", *m.Password))
	}
	if m.TOTP != nil {
		attrs = append(attrs, slog.String("totp", redactedValue))
	}
	return slog.GroupValue(attrs...)
}

// ImportTOTP is a TOTP authenticator's secret. Its String, GoString and
// LogValue methods never show the secret.
type ImportTOTP struct {
	// Secret is the base32 shared secret.
	Secret string `json:"secret"`
}

// String returns "{REDACTED}".
func (t ImportTOTP) String() string { return "{" + redactedValue + "}" }

// GoString is like String, for %#v.
func (t ImportTOTP) GoString() string { return "adminapi.ImportTOTP" + t.String() }

// LogValue hides the secret.
func (t ImportTOTP) LogValue() slog.Value { return slog.StringValue(redactedValue) }

// setNil sets the pointer, slice or map that ptr points at to nil.
func setNil(ptr any) {
	switch p := ptr.(type) {
	case **string:
		*p = nil
	case **bool:
		*p = nil
	case **Address:
		*p = nil
	case *JSONObject:
		*p = nil
	case *[]string:
		*p = nil
	case **ImportPassword:
		*p = nil
	case **ImportMFA:
		*p = nil
	}
}

// secrets returns the password hashes and TOTP secrets in r, so that they
// can be kept out of anything shown to the caller.
func (r *ImportRecord) secrets() []string {
	var out []string
	add := func(s string) {
		if s != "" && s != redactedValue {
			out = append(out, s)
		}
	}
	if r.Password != nil {
		add(r.Password.Hash)
	}
	if r.MFA != nil {
		if r.MFA.Password != nil {
			add(r.MFA.Password.Hash)
		}
		if r.MFA.TOTP != nil {
			add(r.MFA.TOTP.Secret)
		}
	}
	return out
}
