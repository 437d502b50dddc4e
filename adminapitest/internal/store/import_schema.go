package store

import (
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// This file checks import records against the server's record schema (one
// per identifier) and reports failures as the server's JSON schema
// validator does: a cause per failing keyword with a JSON pointer location.

// schema is the small subset of JSON Schema the import records need.
type schema struct {
	types     []string // allowed JSON types; empty means any
	props     map[string]*schema
	closed    bool // additionalProperties: false
	required  []string
	enum      []string
	minLength int
	format    string
	items     *schema
	minItems  int
	nullable  bool // the type list includes "null"
}

func str() *schema { return &schema{types: []string{"string"}} }

func (s *schema) orNull() *schema {
	c := *s
	c.nullable = true
	return &c
}

func (s *schema) withFormat(f string) *schema {
	c := *s
	c.format = f
	return &c
}

var (
	boolSchema     = &schema{types: []string{"boolean"}}
	dateTimeSchema = str().withFormat("date-time")
	minLen1        = &schema{types: []string{"string"}, minLength: 1}

	passwordSchema = &schema{
		types: []string{"object"}, closed: true, required: []string{"type", "password_hash"},
		props: map[string]*schema{
			"type":          {types: []string{"string"}, enum: []string{"bcrypt"}},
			"password_hash": minLen1,
			"expire_after":  dateTimeSchema,
		},
	}
	addressSchema = &schema{
		types: []string{"object"}, closed: true,
		props: map[string]*schema{
			"formatted": str(), "street_address": str(), "locality": str(),
			"region": str(), "postal_code": str(), "country": str(),
		},
	}
	emailSchema    = str().withFormat("email")
	phoneSchema    = str().withFormat("phone")
	usernameSchema = str().withFormat("username")
)

// recordSchema returns the record schema for an identifier, or nil for an
// unknown identifier.
func recordSchema(identifier string) *schema {
	loginIDs := map[string]*schema{
		"email":              emailSchema,
		"phone_number":       phoneSchema,
		"preferred_username": usernameSchema,
	}
	if _, ok := loginIDs[identifier]; !ok {
		return nil
	}
	props := map[string]*schema{
		"disabled":              boolSchema,
		"email_verified":        boolSchema,
		"phone_number_verified": boolSchema,
		"name":                  str().orNull(),
		"given_name":            str().orNull(),
		"family_name":           str().orNull(),
		"middle_name":           str().orNull(),
		"nickname":              str().orNull(),
		"profile":               str().withFormat("uri").orNull(),
		"picture":               str().withFormat("uri").orNull(),
		"website":               str().withFormat("uri").orNull(),
		"gender":                str().orNull(),
		"birthdate":             str().withFormat("birthdate").orNull(),
		"zoneinfo":              str().orNull(),
		"locale":                str().orNull(),
		"address":               addressSchema.orNull(),
		"custom_attributes":     {types: []string{"object"}},
		"roles":                 {types: []string{"array"}, items: minLen1},
		"groups":                {types: []string{"array"}, items: minLen1},
		"password":              passwordSchema,
		"mfa": {types: []string{"object"}, closed: true, props: map[string]*schema{
			"email":        emailSchema.orNull(),
			"phone_number": phoneSchema.orNull(),
			"password":     passwordSchema,
			"totp": {types: []string{"object"}, closed: true, required: []string{"secret"},
				props: map[string]*schema{"secret": minLen1}},
		}},
	}
	for k, s := range loginIDs {
		if k == identifier {
			props[k] = s
		} else {
			props[k] = s.orNull()
		}
	}
	return &schema{types: []string{"object"}, closed: true, required: []string{identifier}, props: props}
}

// validate returns the causes v fails s with, sorted by location.
func (s *schema) validate(v any) []apierr.Cause {
	var causes []apierr.Cause
	s.check(v, "", &causes)
	slices.SortStableFunc(causes, func(a, b apierr.Cause) int { return strings.Compare(a.Location, b.Location) })
	return causes
}

func (s *schema) check(v any, loc string, causes *[]apierr.Cause) {
	t := jsonType(v)
	if len(s.types) > 0 && !(s.nullable && v == nil) && !slices.Contains(s.types, t[len(t)-1]) {
		expected := slices.Clone(s.types)
		if s.nullable {
			expected = append(expected, "null")
		}
		*causes = append(*causes, apierr.Cause{Location: loc, Kind: "type", Details: map[string]any{"actual": t, "expected": expected}})
		return
	}
	switch v := v.(type) {
	case map[string]any:
		s.checkObject(v, loc, causes)
	case []any:
		if len(v) < s.minItems {
			*causes = append(*causes, apierr.Cause{Location: loc, Kind: "minItems", Details: map[string]any{"actual": len(v), "expected": s.minItems}})
		}
		if s.items != nil {
			for i, e := range v {
				s.items.check(e, loc+"/"+strconv.Itoa(i), causes)
			}
		}
	case string:
		if s.enum != nil && !slices.Contains(s.enum, v) {
			*causes = append(*causes, apierr.Cause{Location: loc, Kind: "enum", Details: map[string]any{"actual": v, "expected": s.enum}})
		}
		if n := len([]rune(v)); n < s.minLength {
			*causes = append(*causes, apierr.Cause{Location: loc, Kind: "minLength", Details: map[string]any{"actual": n, "expected": s.minLength}})
		}
		if s.format != "" && !checkFormat(s.format, v) {
			*causes = append(*causes, apierr.Cause{Location: loc, Kind: "format", Details: map[string]any{"format": s.format}})
		}
	}
}

func (s *schema) checkObject(v map[string]any, loc string, causes *[]apierr.Cause) {
	var missing []string
	for _, k := range s.required {
		if _, ok := v[k]; !ok {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		*causes = append(*causes, apierr.Cause{Location: loc, Kind: "required", Details: map[string]any{
			"actual": sortedKeys(v), "expected": s.required, "missing": missing,
		}})
	}
	var extra []string
	for _, k := range sortedKeys(v) {
		p, ok := s.props[k]
		switch {
		case ok:
			p.check(v[k], loc+"/"+escapePointerToken(k), causes)
		case s.closed:
			extra = append(extra, k)
		}
	}
	if len(extra) > 0 {
		*causes = append(*causes, apierr.Cause{Location: loc, Kind: "additionalProperties", Details: map[string]any{"actual": extra}})
	}
}

// jsonType names the JSON type of v the way the validator reports it: an
// integer is both "integer" and "number"; the last entry is the one that
// type checks use.
func jsonType(v any) []string {
	switch v := v.(type) {
	case nil:
		return []string{"null"}
	case bool:
		return []string{"boolean"}
	case string:
		return []string{"string"}
	case []any:
		return []string{"array"}
	case map[string]any:
		return []string{"object"}
	case json.Number:
		if _, err := v.Int64(); err == nil {
			return []string{"integer", "number"}
		}
		return []string{"number"}
	case float64:
		if v == float64(int64(v)) {
			return []string{"integer", "number"}
		}
		return []string{"number"}
	default:
		return []string{"unknown"}
	}
}

var birthdateFormat = regexp.MustCompile(`^(\d{4}|0000)(-\d{2}(-\d{2})?)?$|^--\d{2}-\d{2}$`)

func checkFormat(format, v string) bool {
	switch format {
	case "email":
		_, err := ParseLoginID("email", v)
		return err == nil
	case "phone":
		_, err := ParseLoginID("phone", v)
		return err == nil
	case "username":
		_, err := ParseLoginID("username", v)
		return err == nil
	case "date-time":
		_, err := time.Parse(time.RFC3339, v)
		return err == nil
	case "uri":
		u, err := url.Parse(v)
		return err == nil && u.Scheme != ""
	case "birthdate":
		return birthdateFormat.MatchString(v)
	}
	return true
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func escapePointerToken(t string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(t)
}

// importRequestSchema is the schema of the body of POST
// /_api/admin/users/import. Records are only checked to be objects here;
// each is validated when it is imported.
var importRequestSchema = &schema{
	types: []string{"object"}, closed: true, required: []string{"identifier", "records"},
	props: map[string]*schema{
		"upsert":     boolSchema,
		"identifier": {types: []string{"string"}, enum: []string{"preferred_username", "email", "phone_number"}},
		"records":    {types: []string{"array"}, minItems: 1, items: &schema{types: []string{"object"}}},
	},
}

// exportRequestSchema is the schema of the body of POST
// /_api/admin/users/export.
var exportRequestSchema = &schema{
	types: []string{"object"}, closed: true, required: []string{"format"},
	props: map[string]*schema{
		"format": {types: []string{"string"}, enum: []string{"ndjson", "csv"}},
		"csv": {types: []string{"object"}, props: map[string]*schema{
			"fields": {types: []string{"array"}, items: &schema{
				types: []string{"object"}, required: []string{"pointer"},
				props: map[string]*schema{"pointer": str(), "field_name": str()},
			}},
		}},
	},
}

// ValidateImportRequest checks a decoded import request body (numbers as
// json.Number) like the server and returns the causes of failure, if any.
func ValidateImportRequest(v any) []apierr.Cause { return importRequestSchema.validate(v) }

// ValidateExportRequest checks a decoded export request body like the
// server and returns the causes of failure, if any.
func ValidateExportRequest(v any) []apierr.Cause { return exportRequestSchema.validate(v) }
