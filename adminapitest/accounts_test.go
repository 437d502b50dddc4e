package adminapitest

import (
	"regexp"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const accountFields = `id isDisabled isDeactivated isAnonymized deleteAt deleteReason anonymizeAt mfaGracePeriodEndAt`

func TestScheduledDeletionAndAnonymization(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2031, 2, 3, 4, 5, 6, 0, time.UTC)}
	s := newTestServer(t, WithClock(clock.Now))
	u := seed(t, s, SeedUser{Email: "a@example.com"})
	vars := map[string]any{"id": u.NodeID}

	got := gqlData(t, s, `mutation($id: ID!) { scheduleAccountDeletion(input: {userID: $id, reason: "closing"}) { user { `+accountFields+` } } }`, vars)
	if diff := cmp.Diff(map[string]any{
		"id": u.NodeID, "isDisabled": true, "isDeactivated": false, "isAnonymized": false,
		"deleteAt": "2031-03-05T04:05:06Z", "deleteReason": "closing", "anonymizeAt": nil, "mfaGracePeriodEndAt": nil,
	}, dig(t, got, "scheduleAccountDeletion", "user")); diff != "" {
		t.Errorf("scheduled deletion (-want +got):\n%s", diff)
	}
	e := gqlError(t, s, `mutation($id: ID!) { scheduleAccountDeletion(input: {userID: $id}) { user { id } } }`, vars)
	checkAPIError(t, e, "invalid account status transition: scheduled_deletion_disabled -> scheduled_deletion_disabled", "Invalid", "InvalidAccountStatusTransition")

	got = gqlData(t, s, `mutation($id: ID!) { unscheduleAccountDeletion(input: {userID: $id}) { user { `+accountFields+` } } }`, vars)
	if u := dig(t, got, "unscheduleAccountDeletion", "user"); dig(t, u, "isDisabled") != false || dig(t, u, "deleteAt") != nil || dig(t, u, "deleteReason") != nil {
		t.Errorf("unscheduled = %v", u)
	}
	got = gqlData(t, s, `mutation($id: ID!) { scheduleAccountAnonymization(input: {userID: $id}) { user { `+accountFields+` } } }`, vars)
	if u := dig(t, got, "scheduleAccountAnonymization", "user"); dig(t, u, "anonymizeAt") != "2031-03-05T04:05:06Z" || dig(t, u, "isDisabled") != true {
		t.Errorf("scheduled anonymization = %v", u)
	}
	gqlData(t, s, `mutation($id: ID!) { unscheduleAccountAnonymization(input: {userID: $id}) { user { id } } }`, vars)

	gqlData(t, s, `mutation($id: ID!) { createSession(input: {userID: $id, clientID: "web"}) { accessToken } }`, vars)
	got = gqlData(t, s, `mutation($id: ID!) { anonymizeUser(input: {userID: $id}) { anonymizedUserID } }`, vars)
	if dig(t, got, "anonymizeUser", "anonymizedUserID") != u.NodeID {
		t.Errorf("anonymizeUser = %v", got)
	}
	after := gqlData(t, s, `query($id: ID!) { node(id: $id) { ... on User { isAnonymized isDisabled standardAttributes identities { totalCount } sessions { totalCount } } } }`, vars)
	if diff := cmp.Diff(map[string]any{
		"isAnonymized": true, "isDisabled": true, "standardAttributes": map[string]any{"updated_at": float64(clock.Now().Unix())},
		"identities": map[string]any{"totalCount": float64(0)}, "sessions": map[string]any{"totalCount": float64(0)},
	}, after["node"]); diff != "" {
		t.Errorf("anonymized user (-want +got):\n%s", diff)
	}
	e = gqlError(t, s, `mutation($id: ID!) { anonymizeUser(input: {userID: $id}) { anonymizedUserID } }`, vars)
	checkAPIError(t, e, "user is anonymized", "Invalid", "UserIsAnonymized")
	var types []string
	for _, l := range s.AuditLogs() {
		types = append(types, l.ActivityType)
	}
	want := []string{
		"USER_DELETION_SCHEDULED", "ADMIN_API_MUTATION_SCHEDULE_ACCOUNT_DELETION_EXECUTED",
		"USER_DELETION_UNSCHEDULED", "ADMIN_API_MUTATION_UNSCHEDULE_ACCOUNT_DELETION_EXECUTED",
		"USER_ANONYMIZATION_SCHEDULED", "ADMIN_API_MUTATION_SCHEDULE_ACCOUNT_ANONYMIZATION_EXECUTED",
		"USER_ANONYMIZATION_UNSCHEDULED", "ADMIN_API_MUTATION_UNSCHEDULE_ACCOUNT_ANONYMIZATION_EXECUTED",
		"ADMIN_API_MUTATION_CREATE_SESSION_EXECUTED",
		"USER_ANONYMIZED", "ADMIN_API_MUTATION_ANONYMIZE_USER_EXECUTED",
	}
	if diff := cmp.Diff(want, types); diff != "" {
		t.Errorf("audit log (-want +got):\n%s", diff)
	}
}

func TestAccountSettings(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2031, 2, 3, 4, 5, 6, 0, time.UTC)}
	s := newTestServer(t, WithClock(clock.Now))
	u := seed(t, s, SeedUser{Email: "a@example.com", Phone: "+85298765432", Password: "secret123"})
	vars := map[string]any{"id": u.NodeID}

	got := gqlData(t, s, `mutation($id: ID!) {
		setMFAGracePeriod(input: {userID: $id, endAt: "2031-02-10T00:00:00Z"}) { user { mfaGracePeriodEndAt } }
		resetAccountLockout(input: {userID: $id}) { user { accountLockout { isLocked lockedUntil lockoutType lockedIPs { ipAddress } } } }
		setPasswordExpired(input: {userID: $id, expired: true}) { user { primaryPassword { expireAfter } } }
		setVerifiedStatus(input: {userID: $id, claimName: "email", claimValue: "a@example.com", isVerified: true}) {
			user { standardAttributes verifiedClaims { name value } }
		}
	}`, vars)
	if dig(t, got, "setMFAGracePeriod", "user", "mfaGracePeriodEndAt") != "2031-02-10T00:00:00Z" {
		t.Errorf("grace period = %v", got["setMFAGracePeriod"])
	}
	if diff := cmp.Diff(map[string]any{"isLocked": false, "lockedUntil": nil, "lockoutType": "per_user", "lockedIPs": []any{}},
		dig(t, got, "resetAccountLockout", "user", "accountLockout")); diff != "" {
		t.Errorf("lockout (-want +got):\n%s", diff)
	}
	if dig(t, got, "setPasswordExpired", "user", "primaryPassword", "expireAfter") != "2031-02-03T04:05:06Z" {
		t.Errorf("expireAfter = %v", got["setPasswordExpired"])
	}
	if st, _ := s.User(u.ID); !st.PasswordExpired || !cmp.Equal(st.VerifiedClaims, []ClaimState{{"email", "a@example.com"}}) {
		t.Errorf("state = %+v", st)
	}
	user := dig(t, got, "setVerifiedStatus", "user")
	if dig(t, user, "standardAttributes", "email_verified") != true || dig(t, user, "standardAttributes", "phone_number_verified") != false {
		t.Errorf("verified flags = %v", dig(t, user, "standardAttributes"))
	}
	if diff := cmp.Diff([]any{map[string]any{"name": "email", "value": "a@example.com"}}, dig(t, user, "verifiedClaims")); diff != "" {
		t.Errorf("verifiedClaims (-want +got):\n%s", diff)
	}

	got = gqlData(t, s, `mutation($id: ID!) {
		removeMFAGracePeriod(input: {userID: $id}) { user { mfaGracePeriodEndAt } }
		setPasswordExpired(input: {userID: $id, expired: false}) { user { primaryPassword { expireAfter } } }
	}`, vars)
	if dig(t, got, "removeMFAGracePeriod", "user", "mfaGracePeriodEndAt") != nil || dig(t, got, "setPasswordExpired", "user", "primaryPassword", "expireAfter") != nil {
		t.Errorf("cleared settings = %v", got)
	}

	errs := []struct{ query, message, name, reason string }{
		{`mutation($id: ID!) { setMFAGracePeriod(input: {userID: $id, endAt: "2030-01-01T00:00:00Z"}) { user { id } } }`, "MFA grace period is invalid", "Invalid", "MFAGracePeriodInvalid"},
		{`mutation($id: ID!) { setMFAGracePeriod(input: {userID: $id, endAt: "2031-06-01T00:00:00Z"}) { user { id } } }`, "MFA grace period is invalid", "Invalid", "MFAGracePeriodInvalid"},
		{`mutation($id: ID!) { setVerifiedStatus(input: {userID: $id, claimName: "email", claimValue: "b@example.com", isVerified: true}) { user { id } } }`, "identity not found", "NotFound", "IdentityNotFound"},
		{`mutation { sendResetPasswordMessage(input: {loginID: "nobody@example.com"}) }`, "user not found", "NotFound", "UserNotFound"},
	}
	for _, tt := range errs {
		checkAPIError(t, gqlError(t, s, tt.query, vars), tt.message, tt.name, tt.reason)
	}
}

func TestMessagesAndCodes(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u := seed(t, s, SeedUser{Email: "a@example.com"})
	got := gqlData(t, s, `mutation {
		sendResetPasswordMessage(input: {loginID: "A@example.com"})
		email: generateOOBOTPCode(input: {target: "a@example.com"}) { code }
		sms: generateOOBOTPCode(input: {target: "+85298765432", purpose: VERIFICATION}) { code }
	}`, nil)
	if got["sendResetPasswordMessage"] != nil {
		t.Errorf("sendResetPasswordMessage = %v, want null", got["sendResetPasswordMessage"])
	}
	code := dig(t, got, "email", "code").(string)
	if !regexp.MustCompile(`^[0-9]{6}$`).MatchString(code) {
		t.Errorf("code = %q, want six digits", code)
	}
	if c, ok := s.LastOOBOTPCode("a@example.com"); !ok || c != code {
		t.Errorf("LastOOBOTPCode = %q, %v, want %q", c, ok, code)
	}
	if c, ok := s.LastOOBOTPCode("+85298765432"); !ok || c != dig(t, got, "sms", "code") {
		t.Errorf("LastOOBOTPCode(phone) = %q, %v", c, ok)
	}
	if _, ok := s.LastOOBOTPCode("other@example.com"); ok {
		t.Error("a code for a target nobody asked for")
	}
	out := s.Outbox()
	if len(out) != 1 || out[0].Recipient != "a@example.com" || out[0].Channel != "email" || out[0].UserID != u.ID || out[0].Type != "forgot_password" {
		t.Errorf("outbox = %+v", out)
	}
}
