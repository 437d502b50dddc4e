package store

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/crypto/bcrypt"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// importOne imports one record given as JSON.
func importOne(t *testing.T, s *Store, o ImportOptions, record string) ImportDetail {
	t.Helper()
	return s.ImportRecord(o, 0, json.RawMessage(record))
}

var byEmail = ImportOptions{Identifier: "email"}

func testBcrypt(t *testing.T) string {
	t.Helper()
	h, err := bcrypt.GenerateFromPassword([]byte("secret password"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	return string(h)
}

func TestImportRecordSchema(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, identifier, record string
		want                     []apierr.Cause
	}{
		{
			name: "identifier missing", identifier: "email", record: `{"name":"N"}`,
			want: []apierr.Cause{{Kind: "required", Details: map[string]any{"actual": []string{"name"}, "expected": []string{"email"}, "missing": []string{"email"}}}},
		},
		{
			name: "types", identifier: "email", record: `{"email":"a@example.com","disabled":"yes","roles":[""],"name":1}`,
			want: []apierr.Cause{
				{Location: "/disabled", Kind: "type", Details: map[string]any{"actual": []string{"string"}, "expected": []string{"boolean"}}},
				{Location: "/name", Kind: "type", Details: map[string]any{"actual": []string{"integer", "number"}, "expected": []string{"string", "null"}}},
				{Location: "/roles/0", Kind: "minLength", Details: map[string]any{"actual": 0, "expected": 1}},
			},
		},
		{
			name: "unknown keys and formats", identifier: "phone_number", record: `{"phone_number":"12345","email":"nope","x":1}`,
			want: []apierr.Cause{
				{Kind: "additionalProperties", Details: map[string]any{"actual": []string{"x"}}},
				{Location: "/email", Kind: "format", Details: map[string]any{"format": "email"}},
				{Location: "/phone_number", Kind: "format", Details: map[string]any{"format": "phone"}},
			},
		},
		{
			name: "password", identifier: "preferred_username", record: `{"preferred_username":"joe","password":{"type":"md5"}}`,
			want: []apierr.Cause{
				{Location: "/password", Kind: "required", Details: map[string]any{"actual": []string{"type"}, "expected": []string{"type", "password_hash"}, "missing": []string{"password_hash"}}},
				{Location: "/password/type", Kind: "enum", Details: map[string]any{"actual": "md5", "expected": []string{"bcrypt"}}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := importOne(t, newTestStore(), ImportOptions{Identifier: tt.identifier}, tt.record)
			if d.Outcome != OutcomeFailed || d.Err == nil || d.Err.Reason != "ValidationFailed" || d.Err.Message != "invalid value" {
				t.Fatalf("detail = %+v, want a ValidationFailed failure", d)
			}
			if diff := cmp.Diff(tt.want, d.Err.Info["causes"]); diff != "" {
				t.Errorf("causes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestImportRecordInsert(t *testing.T) {
	t.Parallel()
	s := newTestStore()
	hash := testBcrypt(t)
	if _, err := s.CreateRole(NewEntity{Key: "admin"}); err != nil {
		t.Fatal(err)
	}
	rec := `{"email":"New@Example.com","email_verified":true,"phone_number":"+14155550100","phone_number_verified":false,` +
		`"preferred_username":null,"name":"New","address":{"country":"HK"},"custom_attributes":{"level":3},` +
		`"roles":["admin"],"disabled":true,"password":{"type":"bcrypt","password_hash":"` + hash + `"},` +
		`"mfa":{"email":"mfa@example.com","totp":{"secret":"JBSWY3DPEHPK3PXP"}}}`
	d := importOne(t, s, byEmail, rec)
	if d.Outcome != OutcomeInserted || d.Err != nil {
		t.Fatalf("detail = %+v", d)
	}
	wantWarnings := []string{"preferred_username = null has no effect in insert.", "phone_number_verified = false has no effect in insert."}
	if diff := cmp.Diff(wantWarnings, d.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if strings.Contains(mustJSON(t, d.Record), hash) || strings.Contains(mustJSON(t, d.Record), "JBSWY3DPEHPK3PXP") {
		t.Errorf("record shows a secret: %s", mustJSON(t, d.Record))
	}

	u, ok := s.User(d.UserID)
	if !ok {
		t.Fatal("user not stored")
	}
	if u.StandardAttributes["email"] != "new@example.com" || u.StandardAttributes["name"] != "New" || u.CustomAttributes["level"] != int64(3) {
		t.Errorf("attributes = %v / %v", u.StandardAttributes, u.CustomAttributes)
	}
	if !u.Status.IndefinitelyDisabled {
		t.Error("not disabled")
	}
	if !s.IsVerified(u.ID, "email", "new@example.com") || s.IsVerified(u.ID, "phone_number", "+14155550100") {
		t.Errorf("verified claims = %+v", s.VerifiedClaims(u.ID))
	}
	if !s.CheckPassword(u.ID, "secret password") {
		t.Error("imported password hash does not check")
	}
	if roles := s.RolesOfUser(u.ID); len(roles) != 1 || roles[0].Key != "admin" {
		t.Errorf("roles = %+v", roles)
	}
	if n := len(s.Authenticators(u.ID, "", KindSecondary)); n != 2 {
		t.Errorf("%d secondary authenticators, want 2", n)
	}
}

func TestImportRecordFailuresChangeNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, record, reason string
	}{
		{"unknown role", `{"email":"x@example.com","roles":["nope"]}`, "RoleUnknownKeys"},
		{"unknown group", `{"email":"x@example.com","groups":["nope"]}`, "GroupUnknownKeys"},
		{"taken phone", `{"email":"x@example.com","phone_number":"+14155550100"}`, "InvariantViolated"},
		{"not bcrypt", `{"email":"x@example.com","password":{"type":"bcrypt","password_hash":"plain"}}`, "ValidationFailed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newTestStore()
			if _, err := s.CreateUser(NewUser{LoginIDs: [][2]string{{"email", "other@example.com"}, {"phone", "+14155550100"}}}); err != nil {
				t.Fatal(err)
			}
			before := len(s.Users())
			d := importOne(t, s, byEmail, tt.record)
			if d.Outcome != OutcomeFailed || d.Err == nil || d.Err.Reason != tt.reason || d.UserID != "" {
				t.Errorf("detail = %+v, want a failure with reason %s", d, tt.reason)
			}
			if n := len(s.Users()); n != before {
				t.Errorf("%d users after a failed import, want %d", n, before)
			}
		})
	}
}

func TestImportRecordSkipAndUpsert(t *testing.T) {
	t.Parallel()
	s := newTestStore()
	if _, err := s.CreateGroup(NewEntity{Key: "staff"}); err != nil {
		t.Fatal(err)
	}
	first := importOne(t, s, byEmail, `{"email":"a@example.com","phone_number":"+14155550100","name":"A","custom_attributes":{"x":1,"y":2},"groups":["staff"]}`)
	if first.Outcome != OutcomeInserted {
		t.Fatalf("insert: %+v", first)
	}
	id := first.UserID

	skip := importOne(t, s, byEmail, `{"email":"A@example.com","name":"changed"}`)
	if skip.Outcome != OutcomeSkipped || skip.UserID != id ||
		!cmp.Equal(skip.Warnings, []string{"skipping because upsert = false and user exists"}) {
		t.Errorf("skip: %+v", skip)
	}

	upsert := ImportOptions{Identifier: "email", Upsert: true}
	up := importOne(t, s, upsert, `{"email":"a@example.com","phone_number":null,"preferred_username":"alice",`+
		`"email_verified":true,"phone_number_verified":true,"name":null,"nickname":"Al","custom_attributes":{"y":3},"groups":[],"disabled":false}`)
	if up.Outcome != OutcomeUpdated || up.UserID != id || up.Err != nil {
		t.Fatalf("upsert: %+v", up)
	}
	wantWarnings := []string{
		"phone_number_verified has no effect when phone_number = null.",
		"invalid account status transition: normal -> normal",
	}
	if diff := cmp.Diff(wantWarnings, up.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	u, _ := s.User(id)
	if diff := cmp.Diff(map[string]any{"email": "a@example.com", "preferred_username": "alice", "nickname": "Al"}, u.StandardAttributes); diff != "" {
		t.Errorf("standard attributes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{"x": int64(1), "y": int64(3)}, u.CustomAttributes); diff != "" {
		t.Errorf("custom attributes (-want +got):\n%s", diff)
	}
	var keys []string
	for _, i := range s.Identities(id, "") {
		keys = append(keys, i.LoginID.Key+"="+i.LoginID.Value)
	}
	if diff := cmp.Diff([]string{"email=a@example.com", "username=alice"}, keys); diff != "" {
		t.Errorf("identities (-want +got):\n%s", diff)
	}
	if !s.IsVerified(id, "email", "a@example.com") {
		t.Error("email not verified")
	}
	if g := s.GroupsOfUser(id); len(g) != 0 {
		t.Errorf("groups = %+v, want none", g)
	}

	// A failing upsert rolls back its earlier steps.
	other := importOne(t, s, byEmail, `{"email":"b@example.com","preferred_username":"bob"}`)
	failed := importOne(t, s, upsert, `{"email":"a@example.com","preferred_username":"bob","name":"should not stick"}`)
	if other.Outcome != OutcomeInserted || failed.Outcome != OutcomeFailed || failed.Err.Reason != "InvariantViolated" {
		t.Fatalf("other %+v, failed %+v", other, failed)
	}
	if u, _ := s.User(id); u.StandardAttributes["name"] != nil {
		t.Errorf("name = %v after a failed upsert", u.StandardAttributes["name"])
	}
}

func TestRedactRecord(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{`{"password":{"type":"bcrypt","password_hash":"h"}}`, `{"password":{"password_hash":"REDACTED","type":"bcrypt"}}`},
		{`{"password":{"type":"bcrypt"}}`, `{"password":{"password_hash":"REDACTED","type":"bcrypt"}}`},
		{`{"password":"h"}`, `{"password":"REDACTED"}`},
		{`{"password":null}`, `{"password":null}`},
		{`{"mfa":{"password":{"password_hash":"h"},"totp":{"secret":"s"},"email":"e"}}`, `{"mfa":{"email":"e","password":{"password_hash":"REDACTED"},"totp":{"secret":"REDACTED"}}}`},
		{`{"mfa":"x"}`, `{"mfa":"REDACTED"}`},
	}
	for _, tt := range tests {
		var in map[string]any
		if err := json.Unmarshal([]byte(tt.in), &in); err != nil {
			t.Fatal(err)
		}
		before := mustJSON(t, in)
		if got := mustJSON(t, redactRecord(in)); got != tt.want {
			t.Errorf("redactRecord(%s) = %s, want %s", tt.in, got, tt.want)
		}
		if after := mustJSON(t, in); after != before {
			t.Errorf("redactRecord changed its input: %s", after)
		}
	}
}

func TestValidateRequests(t *testing.T) {
	t.Parallel()
	decode := func(s string) any {
		var v any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	if c := ValidateImportRequest(decode(`{"identifier":"email","upsert":true,"records":[{}]}`)); len(c) != 0 {
		t.Errorf("valid import request: %+v", c)
	}
	got := ValidateImportRequest(decode(`{"identifier":"nick","records":[],"extra":1}`))
	want := []apierr.Cause{
		{Kind: "additionalProperties", Details: map[string]any{"actual": []string{"extra"}}},
		{Location: "/identifier", Kind: "enum", Details: map[string]any{"actual": "nick", "expected": []string{"preferred_username", "email", "phone_number"}}},
		{Location: "/records", Kind: "minItems", Details: map[string]any{"actual": 0, "expected": 1}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("import causes (-want +got):\n%s", diff)
	}
	got = ValidateExportRequest(decode(`{"format":"csv","csv":{"fields":[{"field_name":"x"}]}}`))
	want = []apierr.Cause{{Location: "/csv/fields/0", Kind: "required", Details: map[string]any{
		"actual": []string{"field_name"}, "expected": []string{"pointer"}, "missing": []string{"pointer"},
	}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("export causes (-want +got):\n%s", diff)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
