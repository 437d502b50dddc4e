package adminapi_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

func TestE2EIdentities(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	alice := seedUser(t, srv, "alice@example.com")
	seedUser(t, srv, "taken@example.com")

	phone := must[*adminapi.Identity](t)(c.CreateIdentity(ctx, alice.ID, adminapi.NewIdentity{
		LoginID:  adminapi.LoginID{Key: adminapi.LoginIDPhone, Value: "+85298765432"},
		Password: adminapi.Password("first passphrase"),
	}))
	if phone.Type != adminapi.IdentityTypeLoginId || phone.LoginIDKey != adminapi.LoginIDPhone || phone.LoginIDValue != "+85298765432" {
		t.Errorf("created identity = %+v", phone)
	}
	if !srv.CheckPassword(alice.ID, "first passphrase") {
		t.Error("CreateIdentity did not set the password of a user without one")
	}
	if _, err := c.CreateIdentity(ctx, alice.ID, adminapi.NewIdentity{
		LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "taken@example.com"},
	}); !errors.Is(err, adminapi.ErrAlreadyExists) {
		t.Errorf("CreateIdentity(taken) error = %v; want ErrAlreadyExists", err)
	}

	listed := collectE2E(t, c.ListIdentities(ctx, alice.NodeID, &adminapi.ListIdentitiesOptions{PageSize: 1}))
	if got := keysOf(listed, func(i *adminapi.Identity) string { return i.LoginIDValue }); !cmp.Equal(got, []string{"alice@example.com", "+85298765432"}) {
		t.Errorf("ListIdentities = %v", got)
	}
	got := must[*adminapi.Identity](t)(c.GetIdentity(ctx, phone.ID))
	if diff := cmp.Diff(phone, got); diff != "" {
		t.Errorf("GetIdentity mismatch (-want +got):\n%s", diff)
	}

	email := listed[0]
	upd := must[*adminapi.Identity](t)(c.UpdateIdentity(ctx, alice.ID, email.ID, adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "alice@example.org"}))
	if upd.ID != email.ID || upd.LoginIDValue != "alice@example.org" {
		t.Errorf("updated identity = %+v", upd)
	}
	if st, _ := srv.User(alice.ID); st.StandardAttributes["email"] != "alice@example.org" {
		t.Errorf("email attribute after UpdateIdentity = %v", st.StandardAttributes["email"])
	}

	mustOK(t, c.DeleteIdentity(ctx, phone.ID))
	if st, _ := srv.User(alice.ID); len(st.Identities) != 1 || st.Identities[0].NodeID != email.ID {
		t.Errorf("identities after DeleteIdentity = %+v", st.Identities)
	}
	if _, err := c.GetIdentity(ctx, phone.ID); !errors.Is(err, adminapi.ErrNotFound) {
		t.Errorf("GetIdentity after delete: %v; want ErrNotFound", err)
	}
}

func TestE2EGetUserByOAuth(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	alice := seedUser(t, srv, "alice@example.com")
	if _, err := srv.SeedOAuthIdentity(adminapitest.SeedOAuthIdentity{UserID: alice.ID, ProviderAlias: "google", SubjectID: "10769150350006150715113082367"}); err != nil {
		t.Fatal(err)
	}
	u := must[*adminapi.User](t)(c.GetUserByOAuth(ctx, "google", "10769150350006150715113082367"))
	if u.ID != alice.NodeID {
		t.Errorf("GetUserByOAuth = %s, want %s", u.ID, alice.NodeID)
	}
	if _, err := c.GetUserByOAuth(ctx, "google", "someone-else"); !errors.Is(err, adminapi.ErrNotFound) {
		t.Errorf("GetUserByOAuth(unknown) error = %v; want ErrNotFound", err)
	}
	oauth := collectE2E(t, c.ListIdentities(ctx, alice.ID, &adminapi.ListIdentitiesOptions{Type: adminapi.IdentityTypeOauth}))
	if len(oauth) != 1 || oauth[0].Type != adminapi.IdentityTypeOauth {
		t.Errorf("OAuth identities = %+v", oauth)
	}
}

func TestE2EWeb3Claims(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	alice := seedUser(t, srv, "alice@example.com")
	claims := must[adminapi.JSONObject](t)(c.GetWeb3Claims(ctx, alice.ID))
	// A user without a blockchain account has an empty object, not null.
	if claims == nil {
		t.Error("web3 claims are nil")
	}
	if _, err := c.GetWeb3Claims(ctx, "00000000-0000-4000-8000-000000000000"); !errors.Is(err, adminapi.ErrNotFound) {
		t.Errorf("GetWeb3Claims(unknown) error = %v; want ErrNotFound", err)
	}
}

// ExampleClient_CreateIdentity adds a phone number to a user who signed up
// with an email address.
func ExampleClient_CreateIdentity() {
	srv := startEmulator()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	u, err := client.CreateUser(ctx, adminapi.NewUser{
		LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "carol@example.com"},
	})
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.CreateIdentity(ctx, u.ID, adminapi.NewIdentity{
		LoginID: adminapi.LoginID{Key: adminapi.LoginIDPhone, Value: "+14155550100"},
	})
	if err != nil {
		log.Fatal(err)
	}
	for id, err := range client.ListIdentities(ctx, u.ID, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(id.Type, id.LoginIDKey, id.LoginIDValue)
	}
	// Output:
	// LOGIN_ID email carol@example.com
	// LOGIN_ID phone +14155550100
}
