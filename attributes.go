package adminapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
)

// JSONObject is a free-form JSON object, used for the Admin API scalars that
// carry project-defined or claim data: UserCustomAttributes, IdentityClaims,
// AuthenticatorClaims, AuditLogData, Web3Claims and
// FraudProtectionDecisionRecordData.
//
// Numbers decode as [json.Number], so they survive a read-modify-write cycle
// digit for digit instead of passing through float64. JSON null decodes to a
// nil JSONObject, and a nil JSONObject encodes as null, which the server reads
// as "not given".
type JSONObject map[string]any

// UnmarshalJSON decodes a JSON object, or null, keeping numbers as
// [json.Number].
func (o *JSONObject) UnmarshalJSON(data []byte) error {
	if isJSONNull(data) {
		*o = nil
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return fmt.Errorf("adminapi: decoding JSON object: %w", err)
	}
	if m == nil {
		// A JSON value that is not an object fails in Decode; this guards the
		// nil map so that {} stays distinct from null.
		m = map[string]any{}
	}
	*o = m
	return nil
}

// Clone returns a deep copy of o. Clone of nil is nil.
func (o JSONObject) Clone() JSONObject {
	if o == nil {
		return nil
	}
	return cloneJSONValue(map[string]any(o)).(map[string]any)
}

func cloneJSONValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[k] = cloneJSONValue(e)
		}
		return m
	case JSONObject:
		return JSONObject(cloneJSONValue(map[string]any(v)).(map[string]any))
	case []any:
		s := make([]any, len(v))
		for i, e := range v {
			s[i] = cloneJSONValue(e)
		}
		return s
	default:
		// Strings, json.Number, bool, nil and caller-supplied values that
		// the caller owns.
		return v
	}
}

// StandardAttributes are a user's OIDC standard claims, as the Admin API
// scalar UserStandardAttributes carries them.
//
// A nil pointer field means the attribute is absent; a non-nil pointer to a
// zero value (for example EmailVerified pointing at false) means it is present
// with that value. Decoding and encoding round-trip exactly: keys this type
// does not know, and known keys whose value has an unexpected JSON type or is
// null, are kept verbatim in Extra and written back as they came.
//
// The server replaces the whole object when it is written (see
// [Client.UpdateUser]); to change one attribute use
// [Client.UpdateStandardAttributes].
type StandardAttributes struct {
	Email               *string  `json:"email,omitempty"`
	EmailVerified       *bool    `json:"email_verified,omitempty"`
	PhoneNumber         *string  `json:"phone_number,omitempty"`
	PhoneNumberVerified *bool    `json:"phone_number_verified,omitempty"`
	PreferredUsername   *string  `json:"preferred_username,omitempty"`
	Name                *string  `json:"name,omitempty"`
	GivenName           *string  `json:"given_name,omitempty"`
	FamilyName          *string  `json:"family_name,omitempty"`
	MiddleName          *string  `json:"middle_name,omitempty"`
	Nickname            *string  `json:"nickname,omitempty"`
	Picture             *string  `json:"picture,omitempty"`
	Profile             *string  `json:"profile,omitempty"`
	Website             *string  `json:"website,omitempty"`
	Gender              *string  `json:"gender,omitempty"`
	Birthdate           *string  `json:"birthdate,omitempty"`
	Zoneinfo            *string  `json:"zoneinfo,omitempty"`
	Locale              *string  `json:"locale,omitempty"`
	Address             *Address `json:"address,omitempty"`
	// UpdatedAt is the Unix time, in seconds, of the last change; the
	// server maintains it.
	UpdatedAt *int64 `json:"updated_at,omitempty"`

	// Extra holds the keys not listed above, and listed keys whose value
	// could not be decoded into the field, as raw JSON. A field that is set
	// takes precedence over an Extra entry of the same key.
	Extra map[string]json.RawMessage `json:"-"`
}

func (s *StandardAttributes) fields() []objectField {
	return []objectField{
		{"email", &s.Email},
		{"email_verified", &s.EmailVerified},
		{"phone_number", &s.PhoneNumber},
		{"phone_number_verified", &s.PhoneNumberVerified},
		{"preferred_username", &s.PreferredUsername},
		{"name", &s.Name},
		{"given_name", &s.GivenName},
		{"family_name", &s.FamilyName},
		{"middle_name", &s.MiddleName},
		{"nickname", &s.Nickname},
		{"picture", &s.Picture},
		{"profile", &s.Profile},
		{"website", &s.Website},
		{"gender", &s.Gender},
		{"birthdate", &s.Birthdate},
		{"zoneinfo", &s.Zoneinfo},
		{"locale", &s.Locale},
		{"address", &s.Address},
		{"updated_at", &s.UpdatedAt},
	}
}

// MarshalJSON encodes the set fields and Extra as one JSON object.
func (s StandardAttributes) MarshalJSON() ([]byte, error) {
	return marshalObject(s.fields(), s.Extra)
}

// UnmarshalJSON decodes a JSON object; null leaves s zero.
func (s *StandardAttributes) UnmarshalJSON(data []byte) error {
	*s = StandardAttributes{}
	return unmarshalObject(data, s.fields(), &s.Extra)
}

// Clone returns a deep copy of s.
func (s StandardAttributes) Clone() StandardAttributes {
	// Encoding cannot fail for a value that came from decoding, and a value
	// built by hand can only fail through malformed Extra entries; in that
	// case fall back to a field-by-field copy.
	var c StandardAttributes
	data, err := json.Marshal(s)
	if err == nil && json.Unmarshal(data, &c) == nil {
		return c
	}
	c = s
	c.Extra = cloneRaw(s.Extra)
	if s.Address != nil {
		a := s.Address.Clone()
		c.Address = &a
	}
	return c
}

// Address is the OIDC address claim. Like [StandardAttributes] it keeps
// unknown keys in Extra and round-trips exactly.
type Address struct {
	Formatted     *string `json:"formatted,omitempty"`
	StreetAddress *string `json:"street_address,omitempty"`
	Locality      *string `json:"locality,omitempty"`
	Region        *string `json:"region,omitempty"`
	PostalCode    *string `json:"postal_code,omitempty"`
	Country       *string `json:"country,omitempty"`

	// Extra holds unknown keys as raw JSON; see [StandardAttributes.Extra].
	Extra map[string]json.RawMessage `json:"-"`
}

func (a *Address) fields() []objectField {
	return []objectField{
		{"formatted", &a.Formatted},
		{"street_address", &a.StreetAddress},
		{"locality", &a.Locality},
		{"region", &a.Region},
		{"postal_code", &a.PostalCode},
		{"country", &a.Country},
	}
}

// MarshalJSON encodes the set fields and Extra as one JSON object.
func (a Address) MarshalJSON() ([]byte, error) {
	return marshalObject(a.fields(), a.Extra)
}

// UnmarshalJSON decodes a JSON object; null leaves a zero.
func (a *Address) UnmarshalJSON(data []byte) error {
	*a = Address{}
	return unmarshalObject(data, a.fields(), &a.Extra)
}

// Clone returns a deep copy of a.
func (a Address) Clone() Address {
	c := a
	for _, f := range c.fields() {
		v := reflect.ValueOf(f.ptr).Elem()
		if !v.IsNil() {
			p := reflect.New(v.Type().Elem())
			p.Elem().Set(v.Elem())
			v.Set(p)
		}
	}
	c.Extra = cloneRaw(a.Extra)
	return c
}

// Ptr returns a pointer to a copy of v, for filling optional fields such as
// [StandardAttributes.Name] or [StandardAttributes.EmailVerified] in one
// expression.
func Ptr[T any](v T) *T { return &v }

// objectField ties a JSON key to a pointer to a pointer-typed struct field.
type objectField struct {
	key string
	ptr any // **T
}

var errNotObject = errors.New("not a JSON object")

func unmarshalObject(data []byte, fields []objectField, extra *map[string]json.RawMessage) error {
	if isJSONNull(data) {
		return nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("adminapi: decoding attributes: %w", err)
	}
	if m == nil {
		return fmt.Errorf("adminapi: decoding attributes: %w", errNotObject)
	}
	known := make(map[string]bool, len(fields))
	for _, f := range fields {
		known[f.key] = true
		raw, ok := m[f.key]
		if !ok {
			continue
		}
		if !isJSONNull(raw) && json.Unmarshal(raw, f.ptr) == nil {
			continue
		}
		// Keep what could not be represented by the field, so that
		// encoding gives back what the server sent.
		reflect.ValueOf(f.ptr).Elem().SetZero()
		setExtra(extra, f.key, raw)
	}
	for k, raw := range m {
		if !known[k] {
			setExtra(extra, k, raw)
		}
	}
	return nil
}

func setExtra(extra *map[string]json.RawMessage, k string, raw json.RawMessage) {
	if *extra == nil {
		*extra = make(map[string]json.RawMessage)
	}
	(*extra)[k] = slices.Clone(raw)
}

func marshalObject(fields []objectField, extra map[string]json.RawMessage) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	written := make(map[string]bool, len(fields))
	write := func(key string, value []byte) {
		if buf.Len() > 1 {
			buf.WriteByte(',')
		}
		k, _ := json.Marshal(key) // a string always encodes
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(value)
	}
	for _, f := range fields {
		v := reflect.ValueOf(f.ptr).Elem()
		if v.IsNil() {
			continue
		}
		b, err := json.Marshal(v.Interface())
		if err != nil {
			return nil, fmt.Errorf("adminapi: encoding attribute %q: %w", f.key, err)
		}
		write(f.key, b)
		written[f.key] = true
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if !written[k] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		raw := extra[k]
		if !json.Valid(raw) {
			return nil, fmt.Errorf("adminapi: encoding attribute %q: invalid raw JSON in Extra", k)
		}
		write(k, raw)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func cloneRaw(m map[string]json.RawMessage) map[string]json.RawMessage {
	if m == nil {
		return nil
	}
	c := make(map[string]json.RawMessage, len(m))
	for k, v := range m {
		c[k] = slices.Clone(v)
	}
	return c
}

func isJSONNull(data []byte) bool {
	return string(bytes.TrimSpace(data)) == "null"
}
