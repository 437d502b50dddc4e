package adminapitest_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"slices"
	"testing"
	"time"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

// exampleT stands in for the *testing.T of a real test, which examples do
// not get. It implements only what NewServer uses.
type exampleT struct {
	testing.TB
	cleanups []func()
}

func (*exampleT) Helper()            {}
func (*exampleT) Fatal(args ...any)  { log.Fatal(args...) }
func (t *exampleT) Cleanup(f func()) { t.cleanups = append(t.cleanups, f) }

// newExampleT returns an exampleT and a function that runs its cleanups.
func newExampleT() (*exampleT, func()) {
	t := &exampleT{}
	return t, func() {
		slices.Reverse(t.cleanups)
		for _, f := range t.cleanups {
			f()
		}
	}
}

func ExampleNewServer() {
	t, done := newExampleT() // in a test, use its t
	defer done()

	srv := adminapitest.NewServer(t)
	if _, err := srv.SeedUser(adminapitest.SeedUser{
		Email:              "alice@example.com",
		StandardAttributes: map[string]any{"name": "Alice Liddell"},
	}); err != nil {
		t.Fatal(err)
	}

	u, err := srv.Client().GetUserByLoginID(context.Background(), adminapi.LoginIDEmail, "alice@example.com")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(*u.StandardAttributes.Email, u.FormattedName, u.IsDisabled)
	// Output:
	// alice@example.com Alice Liddell false
}

func ExampleServer_Requests() {
	t, done := newExampleT()
	defer done()
	srv := adminapitest.NewServer(t)

	_, err := srv.Client().CreateUser(context.Background(), adminapi.NewUser{
		LoginID:  adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "bob@example.com"},
		Password: adminapi.Password("correct horse battery"),
	})
	if err != nil {
		t.Fatal(err)
	}

	// Check what the code under test sent; passwords are redacted.
	for _, r := range srv.Requests() {
		input := r.Variables["input"].(map[string]any)
		fmt.Println(r.OperationName, r.Status, input["password"])
	}
	u := srv.Users()[0]
	fmt.Println(srv.CheckPassword(u.ID, "correct horse battery"))
	// Output:
	// CreateUser 200 REDACTED
	// true
}

func ExampleWithClock() {
	t, done := newExampleT()
	defer done()
	now := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	srv := adminapitest.NewServer(t, adminapitest.WithClock(func() time.Time { return now }))

	u, err := srv.Client().CreateUser(context.Background(), adminapi.NewUser{
		LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "carol@example.com"},
	})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(u.CreatedAt)
	// Output:
	// 2030-01-02 03:04:05 +0000 UTC
}

func ExampleServer_AddKey() {
	t, done := newExampleT()
	defer done()
	srv := adminapitest.NewServer(t)
	ctx := context.Background()

	// Rotate: add a key, move the client to it, remove the old one.
	oldKeyID := srv.KeyID()
	newKeyID, newPEM, err := srv.AddKey()
	if err != nil {
		t.Fatal(err)
	}
	client, err := srv.NewClient(adminapi.WithKeyID(newKeyID), adminapi.WithPrivateKeyPEM(newPEM))
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.RemoveKey(oldKeyID); err != nil {
		t.Fatal(err)
	}

	_, err = srv.Client().GetUserByLoginID(ctx, adminapi.LoginIDEmail, "dave@example.com")
	fmt.Println("old key refused:", errors.Is(err, adminapi.ErrForbidden))
	_, err = client.GetUserByLoginID(ctx, adminapi.LoginIDEmail, "dave@example.com")
	fmt.Println("new key, no such user:", errors.Is(err, adminapi.ErrNotFound))
	// Output:
	// old key refused: true
	// new key, no such user: true
}
