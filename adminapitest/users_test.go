package adminapitest

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const createWithPassword = `mutation($email: String!, $password: String, $expired: Boolean) {
	createUser(input: {definition: {loginID: {key: "email", value: $email}}, password: $password, setPasswordExpired: $expired}) { user { id } }
}`

func createdID(t *testing.T, data map[string]any) string {
	t.Helper()
	return data["createUser"].(map[string]any)["user"].(map[string]any)["id"].(string)
}

func TestCreateUserPasswords(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)

	noPassword := createdID(t, gqlData(t, s, createWithPassword, map[string]any{"email": "none@example.com", "password": nil}))
	generated := createdID(t, gqlData(t, s, createWithPassword, map[string]any{"email": "gen@example.com", "password": ""}))
	given := createdID(t, gqlData(t, s, createWithPassword, map[string]any{"email": "given@example.com", "password": "correct horse", "expired": true}))

	if u, _ := s.User(noPassword); u.HasPassword {
		t.Error("null password: the user has a password")
	}
	if u, _ := s.User(generated); !u.HasPassword || s.CheckPassword(generated, "") {
		t.Error(`"" password: no password was generated`)
	}
	if u, _ := s.User(given); !u.HasPassword || !u.PasswordExpired || !s.CheckPassword(given, "correct horse") {
		t.Errorf("given password: %+v", u)
	}

	e := gqlError(t, s, createWithPassword, map[string]any{"email": "short@example.com", "password": "short"})
	checkAPIError(t, e, "password policy violated", "Invalid", "PasswordPolicyViolated")
	wantInfo := map[string]any{"causes": []any{map[string]any{"kind": "PasswordTooShort", "min_length": float64(8), "pw_length": float64(5)}}}
	if diff := cmp.Diff(wantInfo, e["extensions"].(map[string]any)["info"]); diff != "" {
		t.Errorf("info (-want +got):\n%s", diff)
	}
	if _, err := s.Client().GetUserByLoginID(t.Context(), "email", "short@example.com"); err == nil {
		t.Error("a user was created despite the policy error")
	}
}

func TestLoginIDValidation(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	const q = `mutation($key: String!, $value: String!) { createUser(input: {definition: {loginID: {key: $key, value: $value}}}) { user { id } } }`
	tests := []struct {
		key, value string
		cause      map[string]any // nil: accepted
	}{
		{"email", "ok@example.com", nil},
		{"email", "Name <x@example.com>", map[string]any{"location": "/login_id", "kind": "format", "details": map[string]any{"format": "email"}}},
		{"phone", "+85298765432", nil},
		{"phone", "98765432", map[string]any{"location": "/login_id", "kind": "format", "details": map[string]any{"format": "phone"}}},
		{"username", "bob_1.x", nil},
		{"username", "bob smith", map[string]any{"location": "/login_id", "kind": "format", "details": map[string]any{"format": "username"}}},
		{"email", "   ", map[string]any{"location": "/login_id", "kind": "required"}},
		{"nickname", "bob", map[string]any{"location": "/login_id", "kind": "general", "details": map[string]any{"msg": "login ID key is not allowed"}}},
	}
	for _, tt := range tests {
		t.Run(tt.key+"="+tt.value, func(t *testing.T) {
			t.Parallel()
			vars := map[string]any{"key": tt.key, "value": tt.value}
			if tt.cause == nil {
				gqlData(t, s, q, vars)
				return
			}
			e := gqlError(t, s, q, vars)
			checkAPIError(t, e, "invalid login ID", "Invalid", "ValidationFailed")
			if diff := cmp.Diff(map[string]any{"causes": []any{tt.cause}}, e["extensions"].(map[string]any)["info"]); diff != "" {
				t.Errorf("info (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUpdateUserReplaces(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	s := newTestServer(t, WithClock(clock.Now))
	u := seed(t, s, SeedUser{Email: "a@example.com", StandardAttributes: map[string]any{"name": "A"}, CustomAttributes: map[string]any{"x": 1, "y": 2}})
	clock.Add(time.Hour)

	data := gqlData(t, s, `mutation($id: ID!) {
		updateUser(input: {userID: $id, standardAttributes: {given_name: "Ann", updated_at: 1, email_verified: true}, customAttributes: {y: 3}}) {
			user { standardAttributes customAttributes updatedAt formattedName endUserAccountID }
		}
	}`, map[string]any{"id": u.NodeID})
	want := map[string]any{
		// email and name are gone: the object given replaces the stored one.
		"standardAttributes": map[string]any{"given_name": "Ann", "updated_at": float64(clock.Now().Unix())},
		"customAttributes":   map[string]any{"y": float64(3)},
		"updatedAt":          clock.Now().Format(time.RFC3339Nano),
		"formattedName":      "Ann",
		"endUserAccountID":   nil,
	}
	if diff := cmp.Diff(want, data["updateUser"].(map[string]any)["user"]); diff != "" {
		t.Errorf("updated user (-want +got):\n%s", diff)
	}

	// Leaving an object out keeps it.
	data = gqlData(t, s, `mutation($id: ID!) { updateUser(input: {userID: $id, customAttributes: {}}) { user { standardAttributes customAttributes } } }`, map[string]any{"id": u.NodeID})
	got := data["updateUser"].(map[string]any)["user"].(map[string]any)
	if got["standardAttributes"].(map[string]any)["given_name"] != "Ann" || len(got["customAttributes"].(map[string]any)) != 0 {
		t.Errorf("after a custom-only update: %v", got)
	}
}

func TestUserIDErrors(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u := seed(t, s, SeedUser{Email: "a@example.com"})
	missing := "VXNlcjowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA"
	tests := []struct {
		name, id, message, errorName, reason string
	}{
		{"garbage", "garbage", "invalid user ID", "Invalid", "Invalid"},
		{"raw uuid", u.ID, "invalid user ID", "Invalid", "Invalid"},
		{"identity node id", u.Identities[0].NodeID, "invalid user ID", "Invalid", "Invalid"},
		{"missing user", missing, "user not found", "NotFound", "UserNotFound"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, q := range []string{
				`mutation($id: ID!) { deleteUser(input: {userID: $id}) { deletedUserID } }`,
				`mutation($id: ID!) { updateUser(input: {userID: $id, customAttributes: {}}) { user { id } } }`,
				`mutation($id: ID!) { setDisabledStatus(input: {userID: $id, isDisabled: true}) { user { id } } }`,
				`mutation($id: ID!) { resetPassword(input: {userID: $id, password: "long enough"}) { user { id } } }`,
				`mutation($id: ID!) { revokeAllSessions(input: {userID: $id}) { user { id } } }`,
				`mutation($id: ID!) { createSession(input: {userID: $id, clientID: "c"}) { accessToken } }`,
			} {
				checkAPIError(t, gqlError(t, s, q, map[string]any{"id": tt.id}), tt.message, tt.errorName, tt.reason)
			}
		})
	}
}

func TestDeleteUser(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u := seed(t, s, SeedUser{Email: "a@example.com"})
	data := gqlData(t, s, `mutation($id: ID!) { deleteUser(input: {userID: $id}) { deletedUserID } }`, map[string]any{"id": u.NodeID})
	if got := data["deleteUser"].(map[string]any)["deletedUserID"]; got != u.NodeID {
		t.Errorf("deletedUserID = %v, want %s", got, u.NodeID)
	}
	if _, ok := s.User(u.ID); ok {
		t.Error("user still exists")
	}
	// The login id is free again.
	seed(t, s, SeedUser{Email: "a@example.com"})
}

func TestSetDisabledStatus(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u := seed(t, s, SeedUser{Email: "a@example.com"})
	const q = `mutation($id: ID!, $disabled: Boolean!, $reason: String) {
		setDisabledStatus(input: {userID: $id, isDisabled: $disabled, reason: $reason}) { user { isDisabled disableReason } }
	}`
	vars := func(disabled bool, reason any) map[string]any {
		return map[string]any{"id": u.NodeID, "disabled": disabled, "reason": reason}
	}
	got := gqlData(t, s, q, vars(true, "spam"))["setDisabledStatus"].(map[string]any)["user"]
	if diff := cmp.Diff(map[string]any{"isDisabled": true, "disableReason": "spam"}, got); diff != "" {
		t.Errorf("disabled (-want +got):\n%s", diff)
	}

	e := gqlError(t, s, q, vars(true, nil))
	checkAPIError(t, e, "invalid account status transition: disabled -> disabled", "Invalid", "InvalidAccountStatusTransition")
	if diff := cmp.Diff(map[string]any{"from": "disabled", "to": "disabled"}, e["extensions"].(map[string]any)["info"]); diff != "" {
		t.Errorf("info (-want +got):\n%s", diff)
	}

	got = gqlData(t, s, q, vars(false, "ignored"))["setDisabledStatus"].(map[string]any)["user"]
	if diff := cmp.Diff(map[string]any{"isDisabled": false, "disableReason": nil}, got); diff != "" {
		t.Errorf("re-enabled (-want +got):\n%s", diff)
	}
	checkAPIError(t, gqlError(t, s, q, vars(false, nil)), "invalid account status transition: normal -> normal", "Invalid", "InvalidAccountStatusTransition")

	checkAPIError(t, gqlError(t, s, `mutation($id: ID!) {
		setDisabledStatus(input: {userID: $id, isDisabled: true, temporarilyDisabledFrom: "2030-01-01T00:00:00Z"}) { user { id } }
	}`, map[string]any{"id": u.NodeID}), "temporarily disabled period is missing the end timestamp", "Invalid", "InvalidAccountStatusTransition")
}

func TestAccountValidPeriod(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u := seed(t, s, SeedUser{Email: "a@example.com"})
	future := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	got := gqlData(t, s, `mutation($id: ID!, $from: DateTime) {
		setAccountValidFrom(input: {userID: $id, accountValidFrom: $from}) { user { isDisabled accountValidFrom accountValidUntil } }
	}`, map[string]any{"id": u.NodeID, "from": future.Format(time.RFC3339)})["setAccountValidFrom"].(map[string]any)["user"]
	if diff := cmp.Diff(map[string]any{"isDisabled": true, "accountValidFrom": future.Format(time.RFC3339Nano), "accountValidUntil": nil}, got); diff != "" {
		t.Errorf("valid from the future (-want +got):\n%s", diff)
	}
	checkAPIError(t, gqlError(t, s, `mutation($id: ID!, $until: DateTime) {
		setAccountValidUntil(input: {userID: $id, accountValidUntil: $until}) { user { id } }
	}`, map[string]any{"id": u.NodeID, "until": future.Add(-time.Minute).Format(time.RFC3339)}),
		"the start timestamp of account valid period must be less than the end timestamp of the account valid period", "Invalid", "InvalidAccountStatusTransition")
	got = gqlData(t, s, `mutation($id: ID!) {
		setAccountValidPeriod(input: {userID: $id}) { user { isDisabled accountValidFrom } }
	}`, map[string]any{"id": u.NodeID})["setAccountValidPeriod"].(map[string]any)["user"]
	if diff := cmp.Diff(map[string]any{"isDisabled": false, "accountValidFrom": nil}, got); diff != "" {
		t.Errorf("period cleared (-want +got):\n%s", diff)
	}
}

func TestResetPassword(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u := seed(t, s, SeedUser{Email: "a@example.com", Password: "old password"})
	const q = `mutation($id: ID!, $pw: String, $expired: Boolean) {
		resetPassword(input: {userID: $id, password: $pw, setPasswordExpired: $expired}) { user { id } }
	}`
	gqlData(t, s, q, map[string]any{"id": u.NodeID, "pw": "new password", "expired": true})
	if !s.CheckPassword(u.ID, "new password") || s.CheckPassword(u.ID, "old password") {
		t.Error("password not replaced")
	}
	if st, _ := s.User(u.ID); !st.PasswordExpired {
		t.Error("setPasswordExpired not recorded")
	}
	gqlData(t, s, q, map[string]any{"id": u.NodeID, "pw": nil})
	if s.CheckPassword(u.ID, "new password") {
		t.Error("a null password did not generate a new one")
	}
	checkAPIError(t, gqlError(t, s, q, map[string]any{"id": u.NodeID, "pw": "short"}), "password policy violated", "Invalid", "PasswordPolicyViolated")
}
