package adminapi_test

import (
	"testing"
	"time"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

// userState reads the emulator's state of a user, failing t if it is gone.
func userState(t *testing.T, srv *adminapitest.Server, id string) *adminapitest.UserState {
	t.Helper()
	st, ok := srv.User(id)
	if !ok {
		t.Fatalf("user %s is gone", id)
	}
	return st
}

func TestE2EAccountValidity(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	alice := seedUser(t, srv, "alice@example.com")
	from := time.Now().Add(time.Hour).Truncate(time.Second).UTC()
	until := from.Add(24 * time.Hour)

	u := must[*adminapi.User](t)(c.SetAccountValidFrom(ctx, alice.ID, &from))
	if u.AccountValidFrom == nil || !u.AccountValidFrom.Equal(from) || !u.IsDisabled {
		t.Errorf("after SetAccountValidFrom (future): from %v, disabled %t", u.AccountValidFrom, u.IsDisabled)
	}
	u = must[*adminapi.User](t)(c.SetAccountValidFrom(ctx, alice.ID, nil))
	if u.AccountValidFrom != nil || u.IsDisabled || !userState(t, srv, alice.ID).AccountValidFrom.IsZero() {
		t.Errorf("after clearing: from %v, disabled %t", u.AccountValidFrom, u.IsDisabled)
	}
	past := time.Now().Add(-time.Hour).Truncate(time.Second).UTC()
	u = must[*adminapi.User](t)(c.SetAccountValidUntil(ctx, alice.ID, &past))
	if u.AccountValidUntil == nil || !u.IsDisabled {
		t.Errorf("after SetAccountValidUntil (past): until %v, disabled %t", u.AccountValidUntil, u.IsDisabled)
	}
	u = must[*adminapi.User](t)(c.SetAccountValidPeriod(ctx, alice.ID, &from, &until))
	st := userState(t, srv, alice.ID)
	if !st.AccountValidFrom.Equal(from) || !st.AccountValidUntil.Equal(until) || u.AccountValidUntil == nil || !u.AccountValidUntil.Equal(until) {
		t.Errorf("after SetAccountValidPeriod: server %v..%v, user %v", st.AccountValidFrom, st.AccountValidUntil, u.AccountValidUntil)
	}
	u = must[*adminapi.User](t)(c.SetAccountValidPeriod(ctx, alice.ID, nil, nil))
	if u.AccountValidFrom != nil || u.AccountValidUntil != nil || u.IsDisabled {
		t.Errorf("after clearing the period: %v..%v, disabled %t", u.AccountValidFrom, u.AccountValidUntil, u.IsDisabled)
	}
}

func TestE2EMFAGracePeriodAndLockout(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	alice := seedUser(t, srv, "alice@example.com")
	end := time.Now().Add(72 * time.Hour).Truncate(time.Second).UTC()

	must[*adminapi.User](t)(c.SetMFAGracePeriod(ctx, alice.ID, end))
	got := must[*time.Time](t)(c.GetMFAGracePeriod(ctx, alice.ID))
	if got == nil || !got.Equal(end) || !userState(t, srv, alice.ID).MFAGracePeriodEndAt.Equal(end) {
		t.Errorf("grace period end = %v; want %v", got, end)
	}
	must[*adminapi.User](t)(c.RemoveMFAGracePeriod(ctx, alice.ID))
	if got := must[*time.Time](t)(c.GetMFAGracePeriod(ctx, alice.ID)); got != nil && got.After(time.Now()) {
		t.Errorf("grace period still ends at %v", got)
	}

	l := must[*adminapi.AccountLockout](t)(c.GetAccountLockout(ctx, alice.ID))
	if l.IsLocked || l.LockedUntil != nil || l.Type == "" {
		t.Errorf("lockout of a fresh user = %+v", l)
	}
	must[*adminapi.User](t)(c.ResetAccountLockout(ctx, alice.ID))
	if l := must[*adminapi.AccountLockout](t)(c.GetAccountLockout(ctx, alice.ID)); l.IsLocked {
		t.Errorf("locked after reset: %+v", l)
	}
}

func TestE2EPasswordExpiryAndVerification(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	alice, err := srv.SeedUser(adminapitest.SeedUser{Email: "alice@example.com", Password: "a long passphrase"})
	if err != nil {
		t.Fatal(err)
	}
	must[*adminapi.User](t)(c.SetPasswordExpired(ctx, alice.ID, true))
	if !userState(t, srv, alice.ID).PasswordExpired {
		t.Error("password not expired")
	}
	must[*adminapi.User](t)(c.SetPasswordExpired(ctx, alice.ID, false))
	if userState(t, srv, alice.ID).PasswordExpired {
		t.Error("password still expired")
	}

	u := must[*adminapi.User](t)(c.SetVerifiedStatus(ctx, alice.ID, "email", "alice@example.com", true))
	if len(u.VerifiedClaims) != 1 || u.VerifiedClaims[0] != (adminapi.Claim{Name: "email", Value: "alice@example.com"}) {
		t.Errorf("verified claims = %+v", u.VerifiedClaims)
	}
	if v := u.StandardAttributes.EmailVerified; v == nil || !*v {
		t.Errorf("email_verified = %v", v)
	}
	u = must[*adminapi.User](t)(c.SetVerifiedStatus(ctx, alice.ID, "email", "alice@example.com", false))
	if len(u.VerifiedClaims) != 0 || len(userState(t, srv, alice.ID).VerifiedClaims) != 0 {
		t.Errorf("verified claims after unverifying = %+v", u.VerifiedClaims)
	}
}

func TestE2EScheduledDeletionAndAnonymization(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	alice := seedUser(t, srv, "alice@example.com")
	bob := seedUser(t, srv, "bob@example.com")

	u := must[*adminapi.User](t)(c.ScheduleAccountDeletion(ctx, alice.ID, "asked by the user"))
	if u.DeleteAt == nil || !u.DeleteAt.After(time.Now()) || u.DeleteReason != "asked by the user" {
		t.Errorf("after scheduling deletion: at %v, reason %q", u.DeleteAt, u.DeleteReason)
	}
	u = must[*adminapi.User](t)(c.UnscheduleAccountDeletion(ctx, alice.ID))
	if u.DeleteAt != nil || !userState(t, srv, alice.ID).DeleteAt.IsZero() {
		t.Errorf("deletion still scheduled at %v", u.DeleteAt)
	}

	u = must[*adminapi.User](t)(c.ScheduleAccountAnonymization(ctx, alice.ID))
	if u.AnonymizeAt == nil || !u.AnonymizeAt.After(time.Now()) {
		t.Errorf("anonymization scheduled at %v", u.AnonymizeAt)
	}
	u = must[*adminapi.User](t)(c.UnscheduleAccountAnonymization(ctx, alice.ID))
	if u.AnonymizeAt != nil {
		t.Errorf("anonymization still scheduled at %v", u.AnonymizeAt)
	}

	mustOK(t, c.AnonymizeUser(ctx, bob.ID))
	st := userState(t, srv, bob.ID)
	if !st.Anonymized || len(st.Identities) != 0 {
		t.Errorf("after AnonymizeUser: anonymized %t, identities %d", st.Anonymized, len(st.Identities))
	}
	if got := must[*adminapi.User](t)(c.GetUser(ctx, bob.ID)); !got.IsAnonymized {
		t.Error("GetUser does not report the user anonymized")
	}
}

func TestE2EResetPasswordMessageAndOTP(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	alice := seedUser(t, srv, "alice@example.com")

	mustOK(t, c.SendResetPasswordMessage(ctx, "alice@example.com"))
	out := srv.Outbox()
	if len(out) != 1 || out[0].Recipient != "alice@example.com" || out[0].UserID != alice.ID || out[0].Type != "forgot_password" {
		t.Errorf("outbox = %+v", out)
	}

	code := must[string](t)(c.GenerateOOBOTPCode(ctx, "alice@example.com", adminapi.OTPPurposeLogin))
	last, ok := srv.LastOOBOTPCode("alice@example.com")
	if code == "" || !ok || last != code {
		t.Errorf("code %q, server's last code %q (%t)", code, last, ok)
	}
	if again := must[string](t)(c.GenerateOOBOTPCode(ctx, "alice@example.com", "")); again == "" {
		t.Error("no code without a purpose")
	}
}
