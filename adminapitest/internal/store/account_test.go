package store

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestScheduledDeletionAndAnonymization(t *testing.T) {
	t.Parallel()
	s := newTestStore()
	u := mustCreateUser(t, s, "a@example.com")
	if _, _, err := s.CreateSession(u.ID, "web", nil, "127.0.0.1"); err != nil {
		t.Fatal(err)
	}

	got, err := s.ScheduleDeletion(u.ID, ptrTo("asked by support"))
	if err != nil {
		t.Fatal(err)
	}
	if want := testNow.Add(30 * 24 * time.Hour); got.Status.DeleteAt == nil || !got.Status.DeleteAt.Equal(want) {
		t.Errorf("deleteAt = %v, want %v", got.Status.DeleteAt, want)
	}
	if !got.Status.IsDisabled(testNow) || *got.DeleteReason != "asked by support" || got.Status.IsDeactivated {
		t.Errorf("scheduled user = %+v", got)
	}
	if n := len(s.Sessions(u.ID)); n != 0 {
		t.Errorf("%d sessions left after scheduling deletion", n)
	}
	_, err = s.ScheduleDeletion(u.ID, nil)
	wantReason(t, err, "InvalidAccountStatusTransition")
	// Deletion wins over a disable.
	_, err = s.SetDisabled(u.ID, true, nil, nil, nil)
	wantReason(t, err, "InvalidAccountStatusTransition")

	got, err = s.UnscheduleDeletion(u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status.DeleteAt != nil || got.DeleteReason != nil || got.Status.IsDisabled(testNow) {
		t.Errorf("unscheduled user = %+v", got)
	}
	_, err = s.UnscheduleDeletion(u.ID)
	wantReason(t, err, "InvalidAccountStatusTransition")

	got, err = s.ScheduleAnonymization(u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status.AnonymizeAt == nil || !got.Status.IsDisabled(testNow) {
		t.Errorf("user with scheduled anonymization = %+v", got.Status)
	}
	if _, err := s.UnscheduleAnonymization(u.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.UnscheduleAnonymization(u.ID)
	wantReason(t, err, "InvalidAccountStatusTransition")
}

func TestAnonymize(t *testing.T) {
	t.Parallel()
	s := newTestStore()
	u, err := s.CreateUser(NewUser{LoginIDs: [][2]string{{"email", "a@example.com"}}, Password: ptrTo("secret123"),
		StandardAttributes: map[string]any{"name": "A"}, CustomAttributes: map[string]any{"plan": "pro"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateRole(NewEntity{Key: "admin"}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddUserToRoles(u.ID, []string{"admin"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetVerified(u.ID, "email", "a@example.com", true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddAuthorization(u.ID, "third-party", []string{"openid"}, time.Time{}); err != nil {
		t.Fatal(err)
	}

	got, err := s.Anonymize(u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Status.IsAnonymized || !got.Status.IsDisabled(testNow) {
		t.Errorf("anonymized status = %+v", got.Status)
	}
	if diff := cmp.Diff(map[string]any{}, got.StandardAttributes); diff != "" {
		t.Errorf("standard attributes (-want +got):\n%s", diff)
	}
	left := len(s.Identities(u.ID, "")) + len(s.Authenticators(u.ID, "", "")) + len(s.RolesOfUser(u.ID)) +
		len(s.VerifiedClaims(u.ID)) + len(s.Authorizations(u.ID))
	if left != 0 {
		t.Errorf("%d dependents left after anonymization", left)
	}
	_, err = s.Anonymize(u.ID)
	wantReason(t, err, "UserIsAnonymized")
	_, err = s.ResetPassword(u.ID, "another123", false)
	wantReason(t, err, "UserIsAnonymized")
	_, err = s.ScheduleAnonymization(u.ID)
	wantReason(t, err, "UserIsAnonymized")
	// A deletion can still be scheduled, and unscheduling it keeps the user
	// disabled.
	if _, err := s.ScheduleDeletion(u.ID, nil); err != nil {
		t.Fatal(err)
	}
	got, err = s.UnscheduleDeletion(u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Status.IsDisabled(testNow) || !got.Status.IsAnonymized {
		t.Errorf("anonymized user after unscheduling deletion = %+v", got.Status)
	}
}

func TestMFAGracePeriod(t *testing.T) {
	t.Parallel()
	s := newTestStore()
	u := mustCreateUser(t, s, "a@example.com")
	for _, tt := range []struct {
		end    time.Time
		reason string
	}{
		{testNow.Add(time.Hour), ""},
		{testNow.Add(90 * 24 * time.Hour), ""},
		{testNow.Add(-time.Second), "MFAGracePeriodInvalid"},
		{testNow.Add(90*24*time.Hour + time.Second), "MFAGracePeriodInvalid"},
	} {
		got, err := s.SetMFAGracePeriod(u.ID, &tt.end)
		if tt.reason != "" {
			wantReason(t, err, tt.reason)
			continue
		}
		if err != nil || !got.MFAGracePeriodEndAt.Equal(tt.end) {
			t.Errorf("SetMFAGracePeriod(%v) = %v, %v", tt.end, got.MFAGracePeriodEndAt, err)
		}
	}
	got, err := s.SetMFAGracePeriod(u.ID, nil)
	if err != nil || got.MFAGracePeriodEndAt != nil {
		t.Errorf("removing the grace period = %v, %v", got.MFAGracePeriodEndAt, err)
	}
}

func TestSetVerified(t *testing.T) {
	t.Parallel()
	s := newTestStore()
	u := mustCreateUser(t, s, "a@example.com")
	if _, err := s.SetVerified(u.ID, "email", "A@example.com", true); err != nil {
		t.Fatal(err)
	}
	if !s.IsVerified(u.ID, "email", "a@example.com") {
		t.Error("email not verified")
	}
	view := s.d.users[u.ID].StandardAttributesView(func(n, v string) bool { return s.IsVerified(u.ID, n, v) })
	if view["email_verified"] != true {
		t.Errorf("email_verified = %v, want true", view["email_verified"])
	}
	_, err := s.SetVerified(u.ID, "phone_number", "+85298765432", true)
	wantReason(t, err, "IdentityNotFound")
	_, err = s.SetVerified(u.ID, "name", "A", true)
	wantReason(t, err, "Invalid")
	if _, err := s.SetVerified(u.ID, "email", "a@example.com", false); err != nil {
		t.Fatal(err)
	}
	if n := len(s.VerifiedClaims(u.ID)); n != 0 {
		t.Errorf("%d verified claims after unverifying", n)
	}
}

func TestDisablingSignsOut(t *testing.T) {
	t.Parallel()
	s := newTestStore()
	u := mustCreateUser(t, s, "a@example.com")
	session := func() {
		t.Helper()
		if _, _, err := s.CreateSession(u.ID, "web", nil, ""); err != nil {
			t.Fatal(err)
		}
	}
	session()
	if _, err := s.SetAccountValidPeriod(u.ID, nil, &testNow); err != nil {
		t.Fatal(err)
	}
	if n := len(s.Sessions(u.ID)); n != 0 {
		t.Errorf("%d sessions after the valid period ended, want 0", n)
	}
	if _, err := s.SetAccountValidPeriod(u.ID, nil, nil); err != nil {
		t.Fatal(err)
	}
	session()
	later, laterStill := testNow.Add(time.Hour), testNow.Add(2*time.Hour)
	if _, err := s.SetDisabled(u.ID, true, nil, &later, &laterStill); err != nil {
		t.Fatal(err)
	}
	if n := len(s.Sessions(u.ID)); n != 1 {
		t.Errorf("%d sessions after a future disable window, want 1", n)
	}
	if _, err := s.SetDisabled(u.ID, true, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	if n := len(s.Sessions(u.ID)); n != 0 {
		t.Errorf("%d sessions after disabling, want 0", n)
	}
}
