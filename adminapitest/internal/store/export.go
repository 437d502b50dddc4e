package store

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ExportRecord is a user as the server's user export writes it. The JSON
// keys come in the server's order; empty optional members are left out.
type ExportRecord struct {
	Sub string `json:"sub"`

	PreferredUsername   string `json:"preferred_username,omitempty"`
	Email               string `json:"email,omitempty"`
	PhoneNumber         string `json:"phone_number,omitempty"`
	EmailVerified       bool   `json:"email_verified"`
	PhoneNumberVerified bool   `json:"phone_number_verified"`

	Name       string        `json:"name,omitempty"`
	GivenName  string        `json:"given_name,omitempty"`
	FamilyName string        `json:"family_name,omitempty"`
	MiddleName string        `json:"middle_name,omitempty"`
	Nickname   string        `json:"nickname,omitempty"`
	Profile    string        `json:"profile,omitempty"`
	Picture    string        `json:"picture,omitempty"`
	Website    string        `json:"website,omitempty"`
	Gender     string        `json:"gender,omitempty"`
	Birthdate  string        `json:"birthdate,omitempty"`
	Zoneinfo   string        `json:"zoneinfo,omitempty"`
	Locale     string        `json:"locale,omitempty"`
	Address    ExportAddress `json:"address"`

	CustomAttributes map[string]any `json:"custom_attributes,omitempty"`

	Roles  []string `json:"roles,omitempty"`
	Groups []string `json:"groups,omitempty"`

	CreatedAt    time.Time `json:"created_at"`
	Disabled     bool      `json:"disabled"`
	IsAnonymized bool      `json:"is_anonymized"`

	Identities []ExportIdentity `json:"identities,omitempty"`
	MFA        ExportMFA        `json:"mfa"`

	BiometricCount int `json:"biometric_count"`
	PasskeyCount   int `json:"passkey_count"`
}

// ExportAddress is the address of an export record.
type ExportAddress struct {
	Formatted     string `json:"formatted,omitempty"`
	StreetAddress string `json:"street_address,omitempty"`
	Locality      string `json:"locality,omitempty"`
	Region        string `json:"region,omitempty"`
	PostalCode    string `json:"postal_code,omitempty"`
	Country       string `json:"country,omitempty"`
}

// ExportIdentity is an identity of an export record.
type ExportIdentity struct {
	Type    string         `json:"type"`
	LoginID *ExportLoginID `json:"login_id,omitempty"`
	OAuth   map[string]any `json:"oauth,omitempty"`
	Claims  map[string]any `json:"claims,omitempty"`
}

// ExportLoginID is the login ID of an identity of an export record.
type ExportLoginID struct {
	Key           string `json:"key"`
	Type          string `json:"type"`
	Value         string `json:"value"`
	OriginalValue string `json:"original_value"`
}

// ExportMFA lists the secondary authenticators of an export record.
type ExportMFA struct {
	Emails       []string     `json:"emails,omitempty"`
	PhoneNumbers []string     `json:"phone_numbers,omitempty"`
	TOTPs        []ExportTOTP `json:"totps,omitempty"`
}

// ExportTOTP is a TOTP authenticator of an export record.
type ExportTOTP struct {
	Secret string `json:"secret"`
	URI    string `json:"uri"`
}

// ExportRecords returns every user as an export record, oldest first.
// issuer names the project in TOTP URIs.
func (s *Store) ExportRecords(issuer string) []ExportRecord {
	now := s.Now()
	users := s.Users()
	out := make([]ExportRecord, 0, len(users))
	for _, u := range users {
		out = append(out, s.exportRecord(u, now, issuer))
	}
	return out
}

func (s *Store) exportRecord(u User, now time.Time, issuer string) ExportRecord {
	attr := func(k string) string { v, _ := u.StandardAttributes[k].(string); return v }
	r := ExportRecord{
		Sub:               u.ID,
		PreferredUsername: attr("preferred_username"),
		Email:             attr("email"),
		PhoneNumber:       attr("phone_number"),
		Name:              attr("name"),
		GivenName:         attr("given_name"),
		FamilyName:        attr("family_name"),
		MiddleName:        attr("middle_name"),
		Nickname:          attr("nickname"),
		Profile:           attr("profile"),
		Picture:           attr("picture"),
		Website:           attr("website"),
		Gender:            attr("gender"),
		Birthdate:         attr("birthdate"),
		Zoneinfo:          attr("zoneinfo"),
		Locale:            attr("locale"),
		CustomAttributes:  deepCopyMap(u.CustomAttributes),
		CreatedAt:         u.CreatedAt,
		Disabled:          u.Status.IsDisabled(now),
		IsAnonymized:      u.Status.IsAnonymized,
	}
	r.EmailVerified = r.Email != "" && s.IsVerified(u.ID, "email", r.Email)
	r.PhoneNumberVerified = r.PhoneNumber != "" && s.IsVerified(u.ID, "phone_number", r.PhoneNumber)
	if a, ok := u.StandardAttributes["address"].(map[string]any); ok {
		get := func(k string) string { v, _ := a[k].(string); return v }
		r.Address = ExportAddress{
			Formatted: get("formatted"), StreetAddress: get("street_address"), Locality: get("locality"),
			Region: get("region"), PostalCode: get("postal_code"), Country: get("country"),
		}
	}
	for _, role := range s.RolesOfUser(u.ID) {
		r.Roles = append(r.Roles, role.Key)
	}
	for _, g := range s.GroupsOfUser(u.ID) {
		r.Groups = append(r.Groups, g.Key)
	}
	for _, i := range identitiesOf(s.d, u.ID) {
		r.Identities = append(r.Identities, exportIdentity(i))
	}
	label := r.Email
	if label == "" {
		label = u.ID
	}
	for _, a := range authenticatorsOf(s.d, u.ID, "", "") {
		switch {
		case a.Type == AuthenticatorPasskey:
			r.PasskeyCount++
		case a.Kind != KindSecondary:
		case a.Type == AuthenticatorOOBEmail:
			r.MFA.Emails = append(r.MFA.Emails, a.Email)
		case a.Type == AuthenticatorOOBSMS:
			r.MFA.PhoneNumbers = append(r.MFA.PhoneNumbers, a.Phone)
		case a.Type == AuthenticatorTOTP:
			r.MFA.TOTPs = append(r.MFA.TOTPs, ExportTOTP{Secret: a.TOTPSecret, URI: totpURI(issuer, label, a.TOTPSecret)})
		}
	}
	return r
}

func exportIdentity(i Identity) ExportIdentity {
	switch i.Type {
	case IdentityOAuth:
		e := ExportIdentity{Type: IdentityOAuth, OAuth: map[string]any{
			"provider_alias":      i.OAuth.ProviderAlias,
			"provider_type":       i.OAuth.ProviderType,
			"provider_subject_id": i.OAuth.SubjectID,
			"user_profile":        deepCopyMap(i.OAuth.Profile),
		}}
		if i.OAuth.Email != "" {
			e.Claims = map[string]any{"email": i.OAuth.Email}
		}
		return e
	default:
		l := i.LoginID
		return ExportIdentity{
			Type:    IdentityLoginID,
			LoginID: &ExportLoginID{Key: l.Key, Type: l.Type, Value: l.Value, OriginalValue: l.OriginalValue},
			Claims:  map[string]any{l.StandardAttribute(): l.Value},
		}
	}
}

func totpURI(issuer, label, secret string) string {
	q := url.Values{"secret": {secret}, "issuer": {issuer}}
	return (&url.URL{Scheme: "otpauth", Host: "totp", Path: "/" + issuer + ":" + label, RawQuery: q.Encode()}).String()
}

// ExportNDJSON writes records as newline-delimited JSON, each line ended by
// a newline. No records give an empty file.
func ExportNDJSON(records []ExportRecord) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, r := range records {
		if err := enc.Encode(r); err != nil {
			return nil, err
		}
	}
	return buf.Bytes(), nil
}

// CSVField is a column of a CSV export: a JSON pointer into the record and
// an optional name.
type CSVField struct {
	Pointer   string `json:"pointer"`
	FieldName string `json:"field_name,omitempty"`
}

// DefaultCSVFields are the columns of a CSV export that names none.
var DefaultCSVFields = func() []CSVField {
	var out []CSVField
	for _, p := range []string{
		"/sub", "/preferred_username", "/email", "/phone_number", "/email_verified",
		"/phone_number_verified", "/name", "/given_name", "/middle_name", "/nickname",
		"/profile", "/picture", "/website", "/gender", "/birthdate", "/zoneinfo", "/locale",
		"/address/formatted", "/address/street_address", "/address/locality",
		"/address/region", "/address/postal_code", "/address/country", "/roles", "/groups",
		"/disabled", "/identities", "/mfa/emails", "/mfa/phone_numbers", "/mfa/totps",
		"/biometric_count", "/passkey_count",
	} {
		out = append(out, CSVField{Pointer: p})
	}
	return out
}()

// CSVFieldNames returns the column names of fields: field_name, or the
// pointer's tokens joined by dots. ok is false if two names are equal.
func CSVFieldNames(fields []CSVField) (names []string, ok bool) {
	names = make([]string, 0, len(fields))
	ok = true
	for _, f := range fields {
		n := f.FieldName
		if n == "" {
			n = strings.Join(strings.FieldsFunc(f.Pointer, func(r rune) bool { return r == '/' }), ".")
		}
		if slices.Contains(names, n) {
			ok = false
		}
		names = append(names, n)
	}
	return names, ok
}

// errBadPointer is a CSV field whose pointer is not a JSON pointer.
var errBadPointer = errors.New("invalid JSON pointer")

// ExportCSV writes records as CSV with a header of the fields' names. A
// pointer to a string, number or boolean gives its text, to an array or
// object its compact JSON, to null or nothing an empty cell.
func ExportCSV(records []ExportRecord, fields []CSVField) ([]byte, error) {
	if len(fields) == 0 {
		fields = DefaultCSVFields
	}
	tokens := make([][]string, len(fields))
	for i, f := range fields {
		t, err := parsePointer(f.Pointer)
		if err != nil {
			return nil, err
		}
		tokens[i] = t
	}
	names, _ := CSVFieldNames(fields)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(names); err != nil {
		return nil, err
	}
	for _, r := range records {
		b, err := json.Marshal(r)
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var doc any
		if err := dec.Decode(&doc); err != nil {
			return nil, err
		}
		row := make([]string, len(fields))
		for i, t := range tokens {
			row[i] = csvCell(traverse(doc, t))
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// parsePointer splits an RFC 6901 JSON pointer into unescaped tokens.
func parsePointer(p string) ([]string, error) {
	if p == "" {
		return nil, nil
	}
	if !strings.HasPrefix(p, "/") {
		return nil, errBadPointer
	}
	parts := strings.Split(p[1:], "/")
	for i, t := range parts {
		parts[i] = strings.NewReplacer("~1", "/", "~0", "~").Replace(t)
	}
	return parts, nil
}

func traverse(doc any, tokens []string) any {
	for _, t := range tokens {
		switch v := doc.(type) {
		case map[string]any:
			doc = v[t]
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(v) {
				return nil
			}
			doc = v[i]
		default:
			return nil
		}
	}
	return doc
}

func csvCell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case json.Number:
		return v.String()
	default:
		b, _ := json.Marshal(v) // decoded JSON always encodes
		return string(b)
	}
}
