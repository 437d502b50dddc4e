package adminapi_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi"
)

func TestE2EAuthenticators(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	alice := seedUser(t, srv, "alice@example.com")

	pw := must[*adminapi.Authenticator](t)(c.CreatePasswordAuthenticator(ctx, alice.ID, adminapi.AuthenticatorKindPrimary, "a long enough passphrase"))
	if pw.Type != adminapi.AuthenticatorTypePassword || pw.Kind != adminapi.AuthenticatorKindPrimary {
		t.Errorf("password authenticator = %+v", pw)
	}
	if !srv.CheckPassword(alice.ID, "a long enough passphrase") {
		t.Error("the password does not check")
	}
	email := must[*adminapi.Authenticator](t)(c.CreateOOBOTPEmailAuthenticator(ctx, alice.ID, adminapi.AuthenticatorKindSecondary, "alice@example.com"))
	sms := must[*adminapi.Authenticator](t)(c.CreateOOBOTPSMSAuthenticator(ctx, alice.NodeID, adminapi.AuthenticatorKindSecondary, "+85298765432"))
	if email.Type != adminapi.AuthenticatorTypeOobOtpEmail || sms.Type != adminapi.AuthenticatorTypeOobOtpSms {
		t.Errorf("OOB authenticators = %+v, %+v", email, sms)
	}

	all := collectE2E(t, c.ListAuthenticators(ctx, alice.ID, nil))
	if got := keysOf(all, func(a *adminapi.Authenticator) string { return a.ID }); !cmp.Equal(got, []string{pw.ID, email.ID, sms.ID}) {
		t.Errorf("ListAuthenticators = %v", got)
	}
	second := collectE2E(t, c.ListAuthenticators(ctx, alice.ID, &adminapi.ListAuthenticatorsOptions{Kind: adminapi.AuthenticatorKindSecondary}))
	smsOnly := collectE2E(t, c.ListAuthenticators(ctx, alice.ID, &adminapi.ListAuthenticatorsOptions{Type: adminapi.AuthenticatorTypeOobOtpSms}))
	if len(second) != 2 || len(smsOnly) != 1 || smsOnly[0].ID != sms.ID {
		t.Errorf("%d secondary, %d SMS authenticators", len(second), len(smsOnly))
	}
	got := must[*adminapi.Authenticator](t)(c.GetAuthenticator(ctx, email.ID))
	if diff := cmp.Diff(email, got); diff != "" {
		t.Errorf("GetAuthenticator mismatch (-want +got):\n%s", diff)
	}

	mustOK(t, c.DeleteAuthenticator(ctx, sms.ID))
	if st, _ := srv.User(alice.ID); len(st.Authenticators) != 2 {
		t.Errorf("authenticators after delete = %+v", st.Authenticators)
	}
	if err := c.DeleteAuthenticator(ctx, sms.ID); !errors.Is(err, adminapi.ErrNotFound) {
		t.Errorf("second DeleteAuthenticator: %v; want ErrNotFound", err)
	}
}
