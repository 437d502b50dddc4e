package adminapitest_test

import (
	"context"
	"fmt"

	"github.com/authgear-admin/adminapi/adminapitest"
)

// Seeded roles and groups combine into a user's effective roles.
func ExampleServer_SeedRole() {
	t, done := newExampleT()
	defer done()
	srv := adminapitest.NewServer(t)

	alice, err := srv.SeedUser(adminapitest.SeedUser{Email: "alice@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.SeedGroup(adminapitest.SeedGroup{Key: "staff", UserIDs: []string{alice.ID}}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.SeedRole(adminapitest.SeedRole{Key: "viewer", GroupKeys: []string{"staff"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.SeedRole(adminapitest.SeedRole{Key: "editor", UserIDs: []string{alice.ID}}); err != nil {
		t.Fatal(err)
	}

	for r, err := range srv.Client().ListUserEffectiveRoles(context.Background(), alice.NodeID, nil) {
		if err != nil {
			t.Fatal(err)
		}
		fmt.Println(r.Key)
	}
	// Output:
	// viewer
	// editor
}

// Every mutation leaves an entry in the audit log, with the user it was
// about.
func ExampleServer_AuditLogs() {
	t, done := newExampleT()
	defer done()
	srv := adminapitest.NewServer(t)

	alice, err := srv.SeedUser(adminapitest.SeedUser{Email: "alice@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Client().DisableUser(context.Background(), alice.NodeID, "left the company"); err != nil {
		t.Fatal(err)
	}
	for _, e := range srv.AuditLogs() {
		fmt.Println(e.ActivityType, e.UserID == alice.ID)
	}
	// Output:
	// USER_DISABLED true
	// ADMIN_API_MUTATION_SET_DISABLED_STATUS_EXECUTED true
}

// sendResetPasswordMessage sends nothing; the message waits in the outbox.
func ExampleServer_Outbox() {
	t, done := newExampleT()
	defer done()
	srv := adminapitest.NewServer(t)

	if _, err := srv.SeedUser(adminapitest.SeedUser{Email: "alice@example.com"}); err != nil {
		t.Fatal(err)
	}
	if err := srv.Client().SendResetPasswordMessage(context.Background(), "alice@example.com"); err != nil {
		t.Fatal(err)
	}
	for _, m := range srv.Outbox() {
		fmt.Println(m.Type, m.Channel, m.Recipient, len(m.Code))
	}
	// Output:
	// forgot_password email alice@example.com 6
}
