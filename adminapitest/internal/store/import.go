package store

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// ImportOptions are the options of a user import request.
type ImportOptions struct {
	// Identifier is the record field that finds an existing user: "email",
	// "phone_number" or "preferred_username".
	Identifier string
	// Upsert updates existing users instead of skipping them.
	Upsert bool
}

// Outcomes of an imported record.
const (
	OutcomeInserted = "inserted"
	OutcomeUpdated  = "updated"
	OutcomeSkipped  = "skipped"
	OutcomeFailed   = "failed"
)

// ImportDetail is what became of one import record.
type ImportDetail struct {
	Index int
	// Record is the record as read, with password hashes and TOTP secrets
	// replaced by "REDACTED"; nil if it could not be read.
	Record   map[string]any
	Outcome  string
	UserID   string
	Warnings []string
	Err      *apierr.Error
}

// Redacted is what the server shows instead of secrets in import results.
const Redacted = "REDACTED"

// loginIDField ties a record field to the login ID key of its identities.
type loginIDField struct{ attr, key string }

var loginIDFields = []loginIDField{
	{"email", "email"},
	{"phone_number", "phone"},
	{"preferred_username", "username"},
}

// nonIdentityAttributes are the standard attributes an import record sets
// directly; the login ID ones follow the identities.
var nonIdentityAttributes = []string{
	"name", "given_name", "family_name", "middle_name", "nickname", "profile",
	"picture", "website", "gender", "birthdate", "zoneinfo", "locale", "address",
}

// ImportRecord imports one record (a JSON object) like the server's user
// import does: it validates the record against the schema of the
// identifier, looks the user up by the identifier's claim, and inserts the
// user, skips it (without upsert) or updates it. A record either succeeds
// whole or changes nothing. Hooks are not fired.
//
// Authenticators imported as MFA are added; roles and groups must exist.
func (s *Store) ImportRecord(o ImportOptions, index int, raw json.RawMessage) ImportDetail {
	d := ImportDetail{Index: index, Outcome: OutcomeFailed}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var rec map[string]any
	if err := dec.Decode(&rec); err != nil || rec == nil {
		d.Err = apierr.ValidationFailed("invalid value", apierr.Cause{Kind: "type", Details: map[string]any{"expected": []string{"object"}}})
		return d
	}
	d.Record = redactRecord(rec)
	sch := recordSchema(o.Identifier)
	if sch == nil {
		d.Err = apierr.Unexpected()
		return d
	}
	if causes := sch.validate(rec); len(causes) > 0 {
		d.Err = apierr.ValidationFailed("invalid value", causes...)
		return d
	}
	im := &importer{s: s, o: o, rec: rec, d: &d}
	if err := im.run(); err != nil {
		d.Outcome, d.UserID = OutcomeFailed, ""
		if e, ok := apierr.As(err); ok {
			d.Err = e
		} else {
			d.Err = apierr.Unexpected()
		}
	}
	return d
}

// importer imports one validated record.
type importer struct {
	s   *Store
	o   ImportOptions
	rec map[string]any
	d   *ImportDetail
}

func (im *importer) warn(msg string) { im.d.Warnings = append(im.d.Warnings, msg) }

func (im *importer) run() error {
	s := im.s
	attr := im.o.Identifier
	key := ""
	for _, f := range loginIDFields {
		if f.attr == attr {
			key = f.key
		}
	}
	l, err := ParseLoginID(key, im.rec[attr].(string))
	if err != nil {
		return err
	}
	owners := map[string]bool{}
	found := 0
	for _, i := range s.d.identities {
		if v, ok := i.Claims()[attr].(string); ok && v == l.Value {
			owners[i.UserID] = true
			found++
		}
	}
	switch {
	case found == 0:
		return im.insert()
	case found > 1:
		// The server cannot tell which user is meant.
		return apierr.Unexpected()
	}
	var userID string
	for id := range owners {
		userID = id
	}
	if !im.o.Upsert {
		im.d.UserID, im.d.Outcome = userID, OutcomeSkipped
		im.warn("skipping because upsert = false and user exists")
		return nil
	}
	snap := s.Snapshot()
	if err := im.upsert(userID); err != nil {
		s.Restore(snap)
		return err
	}
	im.d.UserID, im.d.Outcome = userID, OutcomeUpdated
	return nil
}

// claim is a verified claim to record.
type claim struct{ name, value string }

// insert creates the user. Everything that can fail is checked before the
// first change, so a failed insert changes nothing.
func (im *importer) insert() error {
	s, rec := im.s, im.rec
	var (
		loginIDs [][2]string
		parsed   = map[string]LoginID{}
	)
	for _, f := range loginIDFields {
		v, ok := rec[f.attr]
		if !ok {
			continue
		}
		if v == nil {
			im.warn(f.attr + " = null has no effect in insert.")
			continue
		}
		l, err := ParseLoginID(f.key, v.(string))
		if err != nil {
			return err
		}
		if err := s.checkUnique(l, ""); err != nil {
			return err
		}
		loginIDs = append(loginIDs, [2]string{f.key, v.(string)})
		parsed[f.attr] = l
	}
	var verify []claim
	for _, name := range []string{"email", "phone_number"} {
		v, ok := rec[name+"_verified"].(bool)
		switch {
		case !ok:
		case !v:
			im.warn(name + "_verified = false has no effect in insert.")
		case parsed[name].Value == "":
			im.warn(name + "_verified = true has no effect when " + name + " is absent.")
		default:
			verify = append(verify, claim{name, parsed[name].Value})
		}
	}
	std := map[string]any{}
	for _, k := range nonIdentityAttributes {
		if v, ok := rec[k]; ok && v != nil {
			std[k] = v
		}
	}
	custom, _ := rec["custom_attributes"].(map[string]any)
	disabled := false
	if v, ok := rec["disabled"].(bool); ok {
		if v {
			disabled = true
		} else {
			im.warn("disabled = false has no effect in insert.")
		}
	}
	roles, err := im.keys("roles", roleKind, roleUnknown)
	if err != nil {
		return err
	}
	groups, err := im.keys("groups", groupKind, groupUnknown)
	if err != nil {
		return err
	}
	pw, err := importPassword(rec["password"], "/password")
	if err != nil {
		return err
	}
	mfa, err := im.mfaAuthenticators()
	if err != nil {
		return err
	}

	u, err := s.CreateUser(NewUser{
		LoginIDs:           loginIDs,
		StandardAttributes: std,
		CustomAttributes:   custom,
		Disabled:           disabled,
		PasswordHash:       pw.hash,
	})
	if err != nil {
		return err
	}
	if pw.hash != nil {
		if a, ok := s.primaryPassword(u.ID); ok {
			a.ExpireAfter = pw.expireAfter
			s.d.authenticators[a.ID] = a
		}
	}
	for _, c := range verify {
		s.markVerified(u.ID, c)
	}
	for _, k := range roles {
		s.addLink(s.d.userRoles, u.ID, k)
	}
	for _, k := range groups {
		s.addLink(s.d.userGroups, u.ID, k)
	}
	now := s.Now()
	for _, a := range mfa {
		a.ID, a.UserID, a.Seq, a.CreatedAt, a.UpdatedAt = NewUUID(), u.ID, s.nextSeq(), now, now
		s.d.authenticators[a.ID] = a
	}
	im.d.UserID, im.d.Outcome = u.ID, OutcomeInserted
	return nil
}

// markVerified records a verified claim unless it is recorded already.
func (s *Store) markVerified(userID string, c claim) {
	if s.IsVerified(userID, c.name, c.value) {
		return
	}
	v := VerifiedClaim{ID: NewUUID(), UserID: userID, Seq: s.nextSeq(), Name: c.name, Value: c.value, CreatedAt: s.Now()}
	s.d.verifiedClaims[v.ID] = v
}

// keys returns the ids of the roles or groups the record names under
// field, failing for unknown keys.
func (im *importer) keys(field string, k kind, unknown func([]string) error) ([]string, error) {
	list, ok := im.rec[field].([]any)
	if !ok {
		return nil, nil
	}
	var ids, gone []string
	for _, v := range list {
		e, ok := im.s.byKey(k, v.(string))
		if !ok {
			gone = append(gone, v.(string))
			continue
		}
		if !slices.Contains(ids, e.ID) {
			ids = append(ids, e.ID)
		}
	}
	if len(gone) > 0 {
		return nil, unknown(gone)
	}
	return ids, nil
}

// hashedPassword is an imported password.
type hashedPassword struct {
	hash        []byte
	expireAfter *time.Time
}

// importPassword reads a password object of a record (validated already).
// The emulator also checks that the hash is a bcrypt hash, so that the
// password can be checked later.
func importPassword(v any, loc string) (hashedPassword, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return hashedPassword{}, nil
	}
	hash := []byte(m["password_hash"].(string))
	if _, err := bcrypt.Cost(hash); err != nil {
		return hashedPassword{}, apierr.ValidationFailed("invalid value", apierr.Cause{
			Location: loc + "/password_hash", Kind: "format", Details: map[string]any{"format": "bcrypt"},
		})
	}
	p := hashedPassword{hash: hash}
	if s, ok := m["expire_after"].(string); ok {
		t, _ := time.Parse(time.RFC3339, s) // validated by the schema
		t = t.UTC()
		p.expireAfter = &t
	}
	return p, nil
}

// mfaAuthenticators returns the secondary authenticators of an inserted
// record's mfa object, without ids.
func (im *importer) mfaAuthenticators() ([]Authenticator, error) {
	m, ok := im.rec["mfa"].(map[string]any)
	if !ok {
		return nil, nil
	}
	var out []Authenticator
	pw, err := importPassword(m["password"], "/mfa/password")
	if err != nil {
		return nil, err
	}
	if pw.hash != nil {
		out = append(out, Authenticator{Type: AuthenticatorPassword, Kind: KindSecondary, PasswordHash: pw.hash, ExpireAfter: pw.expireAfter})
	}
	if v, ok := m["email"]; ok {
		if v == nil {
			im.warn("mfa.email = null has no effect in insert.")
		} else {
			l, err := ParseLoginID("email", v.(string))
			if err != nil {
				return nil, invalidTarget("email")
			}
			out = append(out, Authenticator{Type: AuthenticatorOOBEmail, Kind: KindSecondary, Email: l.Value})
		}
	}
	if v, ok := m["phone_number"]; ok {
		if v == nil {
			im.warn("mfa.phone_number = null has no effect in insert.")
		} else {
			out = append(out, Authenticator{Type: AuthenticatorOOBSMS, Kind: KindSecondary, Phone: v.(string)})
		}
	}
	if t, ok := m["totp"].(map[string]any); ok {
		out = append(out, Authenticator{Type: AuthenticatorTOTP, Kind: KindSecondary, TOTPSecret: t["secret"].(string), DisplayName: "Imported"})
	}
	if len(out) > 0 {
		out[0].IsDefault = true
	}
	return out, nil
}

// upsert updates an existing user. The caller rolls back on error.
func (im *importer) upsert(userID string) error {
	s, rec := im.s, im.rec
	for _, f := range loginIDFields {
		v, ok := rec[f.attr]
		if !ok || f.attr == im.o.Identifier {
			continue
		}
		if err := im.upsertIdentity(userID, f, v); err != nil {
			return err
		}
	}
	for _, name := range []string{"email", "phone_number"} {
		verified, ok := rec[name+"_verified"].(bool)
		if !ok {
			continue
		}
		v, present := rec[name]
		switch {
		case !present:
			im.warn(name + "_verified has no effect when " + name + " is absent.")
		case v == nil:
			im.warn(name + "_verified has no effect when " + name + " = null.")
		default:
			key := verifiableClaims[name]
			l, err := ParseLoginID(key, v.(string))
			if err != nil {
				return err
			}
			if !s.hasLoginID(userID, key, l.Value) {
				continue
			}
			if verified {
				s.markVerified(userID, claim{name, l.Value})
			} else {
				maps.DeleteFunc(s.d.verifiedClaims, func(_ string, c VerifiedClaim) bool {
					return c.UserID == userID && c.Name == name && c.Value == l.Value
				})
			}
		}
	}
	u, err := s.mustUser(userID)
	if err != nil {
		return err
	}
	std := maps.Clone(u.StandardAttributes)
	changed := false
	for _, k := range nonIdentityAttributes {
		if v, ok := rec[k]; ok {
			changed = true
			if v == nil {
				delete(std, k)
			} else {
				std[k] = v
			}
		}
	}
	var custom map[string]any
	if c, ok := rec["custom_attributes"].(map[string]any); ok {
		custom = maps.Clone(u.CustomAttributes)
		if custom == nil {
			custom = map[string]any{}
		}
		maps.Copy(custom, c)
	}
	if changed || custom != nil {
		if !changed {
			std = nil
		}
		if _, err := s.UpdateAttributes(userID, std, custom); err != nil {
			return err
		}
	}
	if v, ok := rec["disabled"].(bool); ok {
		// The server treats a refused status change as a warning.
		if _, err := s.SetDisabled(userID, v, nil, nil, nil); err != nil {
			im.warn(err.Error())
		}
	}
	if err := im.resetLinks(userID, "roles", s.d.userRoles, roleKind, roleUnknown); err != nil {
		return err
	}
	if err := im.resetLinks(userID, "groups", s.d.userGroups, groupKind, groupUnknown); err != nil {
		return err
	}
	// Passwords, the MFA password and TOTP are not updated, like the
	// server; MFA email and phone number are.
	if m, ok := rec["mfa"].(map[string]any); ok {
		if err := im.upsertOOB(userID, m, "email", AuthenticatorOOBEmail); err != nil {
			return err
		}
		if err := im.upsertOOB(userID, m, "phone_number", AuthenticatorOOBSMS); err != nil {
			return err
		}
	}
	return nil
}

// upsertIdentity applies a login ID field of an upserted record: null
// removes the user's login IDs of that key, a value updates them or adds
// one.
func (im *importer) upsertIdentity(userID string, f loginIDField, v any) error {
	s := im.s
	var same []Identity
	for _, i := range identitiesOf(s.d, userID) {
		if i.Type == IdentityLoginID && i.LoginID.Key == f.key {
			same = append(same, i)
		}
	}
	if v == nil {
		for _, i := range same {
			if _, err := s.DeleteIdentity(i.ID); err != nil {
				return err
			}
		}
		return nil
	}
	if len(same) == 0 {
		_, err := s.CreateIdentity(userID, f.key, v.(string), nil)
		return err
	}
	for _, i := range same {
		if _, err := s.UpdateIdentity(userID, i.ID, f.key, v.(string)); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) hasLoginID(userID, key, value string) bool {
	for _, i := range identitiesOf(s.d, userID) {
		if i.Type == IdentityLoginID && i.LoginID.Key == key && i.LoginID.Value == value {
			return true
		}
	}
	return false
}

// resetLinks makes the user's roles or groups exactly those the record
// names, if it names any.
func (im *importer) resetLinks(userID, field string, m map[pair]link, k kind, unknown func([]string) error) error {
	if _, ok := im.rec[field]; !ok {
		return nil
	}
	ids, err := im.keys(field, k, unknown)
	if err != nil {
		return err
	}
	deleteLinks(m, func(p pair) bool { return p.A == userID && !slices.Contains(ids, p.B) })
	for _, id := range ids {
		im.s.addLink(m, userID, id)
	}
	return nil
}

// upsertOOB applies mfa.email or mfa.phone_number of an upserted record:
// null removes the user's secondary authenticators of that type, a value
// adds one unless it exists.
func (im *importer) upsertOOB(userID string, m map[string]any, field, typ string) error {
	v, ok := m[field]
	if !ok {
		return nil
	}
	if v == nil {
		maps.DeleteFunc(im.s.d.authenticators, func(_ string, a Authenticator) bool {
			return a.UserID == userID && a.Type == typ && a.Kind == KindSecondary
		})
		return nil
	}
	n := NewAuthenticator{UserID: userID, Type: typ, Kind: KindSecondary}
	if typ == AuthenticatorOOBEmail {
		n.Email = v.(string)
	} else {
		n.Phone = v.(string)
	}
	_, err := im.s.CreateAuthenticator(n)
	if e, ok := apierr.As(err); ok && e == errAuthenticatorExists {
		return nil
	}
	return err
}

// redactRecord returns a copy of a record with its secrets replaced, as
// the server shows records in import results: a password's hash and a
// TOTP's secret become "REDACTED", and so does a password or mfa member
// that is not an object.
func redactRecord(rec map[string]any) map[string]any {
	out := maps.Clone(rec)
	redactMember(out, "password", "password_hash")
	if m, ok := out["mfa"].(map[string]any); ok {
		m = maps.Clone(m)
		redactMember(m, "password", "password_hash")
		redactMember(m, "totp", "secret")
		out["mfa"] = m
	} else if v, ok := out["mfa"]; ok && v != nil {
		out["mfa"] = Redacted
	}
	return out
}

func redactMember(m map[string]any, member, secret string) {
	v, ok := m[member]
	if !ok || v == nil {
		return
	}
	obj, ok := v.(map[string]any)
	if !ok {
		m[member] = Redacted
		return
	}
	obj = maps.Clone(obj)
	obj[secret] = Redacted
	m[member] = obj
}
