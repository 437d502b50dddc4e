package adminapitest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const authenticatorFields = `id type kind isDefault expireAfter claims createdAt updatedAt`

func TestAuthenticatorMutations(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u := seed(t, s, SeedUser{Email: "a@example.com"})
	create := func(def string) answer {
		t.Helper()
		return gql(t, s, `mutation($u: ID!) { createAuthenticator(input: {userID: $u, definition: `+def+`}) { authenticator { `+authenticatorFields+` } } }`,
			map[string]any{"u": u.NodeID})
	}
	pw := decode(t, create(`{kind: PRIMARY, type: PASSWORD, password: {password: "correct horse"}}`).body)
	if got := dig(t, pw, "data", "createAuthenticator", "authenticator"); dig(t, got, "type") != "PASSWORD" ||
		dig(t, got, "kind") != "PRIMARY" || !cmp.Equal(dig(t, got, "claims"), map[string]any{}) {
		t.Errorf("password authenticator = %v", got)
	}
	if !s.CheckPassword(u.ID, "correct horse") {
		t.Error("the password authenticator is not the user's password")
	}
	email := decode(t, create(`{kind: SECONDARY, type: OOB_OTP_EMAIL, oobOtpEmail: {email: "B@example.com"}}`).body)
	if got := dig(t, email, "data", "createAuthenticator", "authenticator"); dig(t, got, "isDefault") != true ||
		!cmp.Equal(dig(t, got, "claims"), map[string]any{"https://authgear.com/claims/oob_otp/email": "b@example.com"}) {
		t.Errorf("email authenticator = %v", got)
	}
	decode(t, create(`{kind: PRIMARY, type: OOB_OTP_SMS, oobOtpSMS: {phone: "+85298765432"}}`).body)

	errs := []struct{ def, message, name, reason string }{
		{`{kind: PRIMARY, type: PASSWORD, oobOtpEmail: {email: "a@example.com"}}`, "definition/password is required", "Invalid", "Invalid"},
		{`{kind: PRIMARY, type: OOB_OTP_SMS}`, "definition/oobOtpSMS is required", "Invalid", "Invalid"},
		{`{kind: SECONDARY, type: TOTP}`, "unsupported authenticator type", "Invalid", "Invalid"},
		{`{kind: SECONDARY, type: PASSWORD, password: {password: "short"}}`, "password policy violated", "Invalid", "PasswordPolicyViolated"},
		{`{kind: PRIMARY, type: PASSWORD, password: {password: "another password"}}`, "authenticator already exists", "AlreadyExists", "AuthenticatorAlreadyExists"},
	}
	for _, tt := range errs {
		a := create(tt.def)
		errs, _ := decode(t, a.body)["errors"].([]any)
		if len(errs) != 1 {
			t.Errorf("%s: want one error, got %s", tt.def, a.body)
			continue
		}
		checkAPIError(t, errs[0].(map[string]any), tt.message, tt.name, tt.reason)
	}

	if _, err := s.SeedTOTP(u.NodeID, "my phone"); err != nil {
		t.Fatal(err)
	}
	user := gqlData(t, s, `query($id: ID!) { node(id: $id) { ... on User {
		all: authenticators { totalCount edges { cursor node { type kind } } }
		secondary: authenticators(authenticatorKind: SECONDARY) { edges { node { type } } }
		sms: authenticators(authenticatorType: OOB_OTP_SMS, authenticatorKind: PRIMARY) { edges { node { type } } }
		primaryPassword { type }
		secondaryPassword { type }
		primaryOOBOTPEmailAuthenticator { type }
		primaryOOBOTPSMSAuthenticator { claims(names: ["nope"]) }
		secondaryTOTPAuthenticators { claims }
		secondaryOOBOTPEmailAuthenticators { type }
		secondaryOOBOTPSMSAuthenticators { type }
	} } }`, map[string]any{"id": u.NodeID})["node"].(map[string]any)
	if got := nodesOf(t, user["all"], "type"); !cmp.Equal(got, []any{"PASSWORD", "OOB_OTP_EMAIL", "OOB_OTP_SMS", "TOTP"}) {
		t.Errorf("all authenticators = %v", got)
	}
	if got := nodesOf(t, user["secondary"], "type"); !cmp.Equal(got, []any{"OOB_OTP_EMAIL", "TOTP"}) {
		t.Errorf("secondary authenticators = %v", got)
	}
	if got := nodesOf(t, user["sms"], "type"); !cmp.Equal(got, []any{"OOB_OTP_SMS"}) {
		t.Errorf("primary SMS authenticators = %v", got)
	}
	if diff := cmp.Diff(map[string]any{
		"primaryPassword":                    map[string]any{"type": "PASSWORD"},
		"secondaryPassword":                  nil,
		"primaryOOBOTPEmailAuthenticator":    nil,
		"primaryOOBOTPSMSAuthenticator":      map[string]any{"claims": map[string]any{}},
		"secondaryTOTPAuthenticators":        []any{map[string]any{"claims": map[string]any{"https://authgear.com/claims/totp/display_name": "my phone"}}},
		"secondaryOOBOTPEmailAuthenticators": []any{map[string]any{"type": "OOB_OTP_EMAIL"}},
		"secondaryOOBOTPSMSAuthenticators":   []any{},
	}, user, cmpIgnoreKeys("all", "secondary", "sms")); diff != "" {
		t.Errorf("user's authenticators (-want +got):\n%s", diff)
	}

	// Nothing secret is ever shown.
	all := gql(t, s, `query($id: ID!) { node(id: $id) { ... on User { authenticators { edges { node { claims } } } } } }`, map[string]any{"id": u.NodeID})
	if strings.Contains(all.body, "$2a$") || strings.Contains(strings.ToLower(all.body), "secret") {
		t.Errorf("authenticators leak a secret: %s", all.body)
	}

	del := gqlData(t, s, `mutation($id: ID!) { deleteAuthenticator(input: {authenticatorID: $id}) { user { id primaryPassword { id } } } }`,
		map[string]any{"id": dig(t, pw, "data", "createAuthenticator", "authenticator", "id")})
	if dig(t, del, "deleteAuthenticator", "user", "primaryPassword") != nil {
		t.Errorf("password still there: %v", del)
	}
	e := gqlError(t, s, `mutation { deleteAuthenticator(input: {authenticatorID: "QXV0aGVudGljYXRvcjpub3Bl"}) { user { id } } }`, nil)
	checkAPIError(t, e, "authenticator not found", "NotFound", "AuthenticatorNotFound")
	e = gqlError(t, s, `mutation { deleteAuthenticator(input: {authenticatorID: "garbage"}) { user { id } } }`, nil)
	checkAPIError(t, e, "invalid authenticator ID", "Invalid", "Invalid")
}
