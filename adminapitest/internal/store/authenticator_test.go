package store

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestAuthenticators(t *testing.T) {
	t.Parallel()
	s := newTestStore()
	u := mustCreateUser(t, s, "a@example.com")

	tests := []struct {
		name   string
		n      NewAuthenticator
		reason string // "" for success
	}{
		{"primary password", NewAuthenticator{Type: AuthenticatorPassword, Kind: KindPrimary, Password: "correct horse", CheckPolicy: true}, ""},
		{"second primary password", NewAuthenticator{Type: AuthenticatorPassword, Kind: KindPrimary, Password: "another one"}, "AuthenticatorAlreadyExists"},
		{"short secondary password", NewAuthenticator{Type: AuthenticatorPassword, Kind: KindSecondary, Password: "short", CheckPolicy: true}, "PasswordPolicyViolated"},
		{"secondary email", NewAuthenticator{Type: AuthenticatorOOBEmail, Kind: KindSecondary, Email: "B@Example.com"}, ""},
		{"same email again", NewAuthenticator{Type: AuthenticatorOOBEmail, Kind: KindSecondary, Email: "b@example.com"}, "AuthenticatorAlreadyExists"},
		{"bad email", NewAuthenticator{Type: AuthenticatorOOBEmail, Kind: KindPrimary, Email: "nope"}, "ValidationFailed"},
		{"primary sms", NewAuthenticator{Type: AuthenticatorOOBSMS, Kind: KindPrimary, Phone: "+85298765432"}, ""},
		{"bad phone", NewAuthenticator{Type: AuthenticatorOOBSMS, Kind: KindPrimary, Phone: "98765432"}, "ValidationFailed"},
		{"totp", NewAuthenticator{Type: AuthenticatorTOTP, Kind: KindSecondary, DisplayName: "phone"}, ""},
		{"passkey", NewAuthenticator{Type: AuthenticatorPasskey, Kind: KindPrimary}, "Invalid"},
		{"bad kind", NewAuthenticator{Type: AuthenticatorPassword, Kind: "tertiary"}, "Invalid"},
		{"unknown user", NewAuthenticator{UserID: "nobody", Type: AuthenticatorTOTP, Kind: KindSecondary}, "UserNotFound"},
	}
	for _, tt := range tests {
		if tt.n.UserID == "" {
			tt.n.UserID = u.ID
		}
		_, err := s.CreateAuthenticator(tt.n)
		if tt.reason == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		wantReason(t, err, tt.reason)
	}

	type row struct {
		Type, Kind string
		Default    bool
		Claims     map[string]any
	}
	var got []row
	for _, a := range s.Authenticators(u.ID, "", "") {
		got = append(got, row{a.Type, a.Kind, a.IsDefault, a.Claims()})
	}
	want := []row{
		{AuthenticatorPassword, KindPrimary, false, map[string]any{}},
		{AuthenticatorOOBEmail, KindSecondary, true, map[string]any{claimOOBOTPEmail: "b@example.com"}},
		{AuthenticatorOOBSMS, KindPrimary, false, map[string]any{claimOOBOTPPhone: "+85298765432"}},
		{AuthenticatorTOTP, KindSecondary, false, map[string]any{claimTOTPDisplayName: "phone"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("authenticators (-want +got):\n%s", diff)
	}
	if !s.CheckPassword(u.ID, "correct horse") || s.CheckPassword(u.ID, "wrong") {
		t.Error("CheckPassword does not check the primary password")
	}

	if err := s.SetPasswordExpired(u.ID, true); err != nil || !s.PasswordExpired(u.ID) {
		t.Errorf("SetPasswordExpired(true): %v, expired %v", err, s.PasswordExpired(u.ID))
	}
	if err := s.SetPasswordExpired(u.ID, false); err != nil || s.PasswordExpired(u.ID) {
		t.Errorf("SetPasswordExpired(false): %v, expired %v", err, s.PasswordExpired(u.ID))
	}
	pw, _ := s.primaryPassword(u.ID)
	if _, err := s.DeleteAuthenticator(pw.ID); err != nil {
		t.Fatal(err)
	}
	if s.HasPassword(u.ID) {
		t.Error("password left after deleting it")
	}
	wantReason(t, s.SetPasswordExpired(u.ID, true), "AuthenticatorNotFound")
	_, err := s.DeleteAuthenticator(pw.ID)
	wantReason(t, err, "AuthenticatorNotFound")
}
