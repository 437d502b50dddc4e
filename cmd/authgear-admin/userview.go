package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/authgear-admin/adminapi"
)

// userView is a user as the tool prints it in JSON and YAML: the Admin
// API's field names, plus "uuid" for the raw id. Every key is always
// present, null when unset, so that scripts can rely on the shape.
type userView struct {
	ID                       string                      `json:"id"`
	UUID                     string                      `json:"uuid"`
	CreatedAt                time.Time                   `json:"createdAt"`
	UpdatedAt                time.Time                   `json:"updatedAt"`
	LastLoginAt              *time.Time                  `json:"lastLoginAt"`
	IsDisabled               bool                        `json:"isDisabled"`
	DisableReason            *string                     `json:"disableReason"`
	IsDeactivated            bool                        `json:"isDeactivated"`
	IsAnonymized             bool                        `json:"isAnonymized"`
	IsAnonymous              bool                        `json:"isAnonymous"`
	AccountValidFrom         *time.Time                  `json:"accountValidFrom"`
	AccountValidUntil        *time.Time                  `json:"accountValidUntil"`
	TemporarilyDisabledFrom  *time.Time                  `json:"temporarilyDisabledFrom"`
	TemporarilyDisabledUntil *time.Time                  `json:"temporarilyDisabledUntil"`
	DeleteAt                 *time.Time                  `json:"deleteAt"`
	DeleteReason             *string                     `json:"deleteReason"`
	AnonymizeAt              *time.Time                  `json:"anonymizeAt"`
	FormattedName            *string                     `json:"formattedName"`
	EndUserAccountID         *string                     `json:"endUserAccountID"`
	StandardAttributes       adminapi.StandardAttributes `json:"standardAttributes"`
	CustomAttributes         adminapi.JSONObject         `json:"customAttributes"`
	VerifiedClaims           []claimView                 `json:"verifiedClaims"`
	Identities               []identityView              `json:"identities"`
}

type claimView struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type identityView struct {
	ID           string              `json:"id"`
	Type         string              `json:"type"`
	LoginIDKey   *string             `json:"loginIDKey"`
	LoginIDValue *string             `json:"loginIDValue"`
	Claims       adminapi.JSONObject `json:"claims"`
	CreatedAt    time.Time           `json:"createdAt"`
	UpdatedAt    time.Time           `json:"updatedAt"`
}

func viewUser(u *adminapi.User) *userView {
	v := &userView{
		ID:                       u.ID,
		UUID:                     u.RawID,
		CreatedAt:                u.CreatedAt,
		UpdatedAt:                u.UpdatedAt,
		LastLoginAt:              u.LastLoginAt,
		IsDisabled:               u.IsDisabled,
		DisableReason:            nonEmpty(u.DisableReason),
		IsDeactivated:            u.IsDeactivated,
		IsAnonymized:             u.IsAnonymized,
		IsAnonymous:              u.IsAnonymous,
		AccountValidFrom:         u.AccountValidFrom,
		AccountValidUntil:        u.AccountValidUntil,
		TemporarilyDisabledFrom:  u.TemporarilyDisabledFrom,
		TemporarilyDisabledUntil: u.TemporarilyDisabledUntil,
		DeleteAt:                 u.DeleteAt,
		DeleteReason:             nonEmpty(u.DeleteReason),
		AnonymizeAt:              u.AnonymizeAt,
		FormattedName:            nonEmpty(u.FormattedName),
		EndUserAccountID:         nonEmpty(u.EndUserAccountID),
		StandardAttributes:       u.StandardAttributes,
		CustomAttributes:         u.CustomAttributes,
		VerifiedClaims:           []claimView{},
		Identities:               []identityView{},
	}
	if v.CustomAttributes == nil {
		v.CustomAttributes = adminapi.JSONObject{}
	}
	for _, c := range u.VerifiedClaims {
		v.VerifiedClaims = append(v.VerifiedClaims, claimView(c))
	}
	for i := range u.Identities {
		v.Identities = append(v.Identities, viewIdentity(&u.Identities[i]))
	}
	return v
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// userListHeader and userRow are the columns of a user list table.
var userListHeader = []string{"UUID", "LOGIN ID", "NAME", "STATUS", "CREATED", "LAST LOGIN"}

func userRow(u *adminapi.User) []string {
	return []string{u.RawID, loginIDOf(u), u.FormattedName, userStatus(u), fmtTime(&u.CreatedAt), fmtTime(u.LastLoginAt)}
}

// userTable is the two-column table of one user.
func userTable(u *adminapi.User) *table {
	t := &table{header: []string{"FIELD", "VALUE"}}
	t.append("ID", u.ID)
	t.append("UUID", u.RawID)
	t.append("Login ID", loginIDOf(u))
	t.append("Name", u.FormattedName)
	t.append("Status", userStatus(u))
	if u.DisableReason != "" {
		t.append("Disable reason", u.DisableReason)
	}
	if u.DeleteAt != nil {
		t.append("Deletion at", fmtTime(u.DeleteAt)+" "+u.DeleteReason)
	}
	if u.AnonymizeAt != nil {
		t.append("Anonymization at", fmtTime(u.AnonymizeAt))
	}
	if u.AccountValidFrom != nil || u.AccountValidUntil != nil {
		t.append("Valid", fmtTime(u.AccountValidFrom)+" to "+fmtTime(u.AccountValidUntil))
	}
	t.append("Created", fmtTime(&u.CreatedAt))
	t.append("Updated", fmtTime(&u.UpdatedAt))
	t.append("Last login", fmtTime(u.LastLoginAt))

	var ids []string
	for _, id := range u.Identities {
		s := strings.ToLower(string(id.Type))
		if id.LoginIDKey != "" {
			s += " " + string(id.LoginIDKey) + " " + id.LoginIDValue
		}
		ids = append(ids, s)
	}
	t.append("Identities", strings.Join(ids, "\n"))
	var claims []string
	for _, c := range u.VerifiedClaims {
		claims = append(claims, c.Name+" "+c.Value)
	}
	t.append("Verified claims", strings.Join(claims, "\n"))
	t.append("Standard attributes", attributeLines(u.StandardAttributes))
	t.append("Custom attributes", attributeLines(u.CustomAttributes))
	return t
}

// attributeLines prints a JSON object as sorted "key: value" lines.
func attributeLines(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return ""
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	lines := make([]string, 0, len(keys))
	for _, k := range keys {
		val := string(m[k])
		var s string
		if json.Unmarshal(m[k], &s) == nil {
			val = s
		}
		lines = append(lines, k+": "+val)
	}
	return strings.Join(lines, "\n")
}

// loginIDOf is the id a person knows the user by.
func loginIDOf(u *adminapi.User) string {
	if u.EndUserAccountID != "" {
		return u.EndUserAccountID
	}
	for _, id := range u.Identities {
		if id.LoginIDValue != "" {
			return id.LoginIDValue
		}
	}
	return ""
}

// userStatus summarizes the account state in a word or two.
func userStatus(u *adminapi.User) string {
	switch {
	case u.IsAnonymized:
		return "anonymized"
	case u.IsDeactivated:
		return "deactivated"
	case u.DeleteAt != nil:
		return "deletion scheduled"
	case u.IsDisabled:
		return "disabled"
	default:
		return "active"
	}
}

// fmtTime prints a time in UTC to the minute, or "-" if unset.
func fmtTime(t *time.Time) string {
	if t == nil || t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04Z")
}

// describeUser names a user for prompts and messages.
func describeUser(u *adminapi.User) string {
	if l := loginIDOf(u); l != "" {
		return fmt.Sprintf("%s (%s)", u.RawID, l)
	}
	return u.RawID
}
