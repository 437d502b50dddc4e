package adminapitest_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

// A connection dropped after the mutation was committed: the client sees an
// error, yet the user exists. This is why a client must not resend a
// mutation blindly.
func ExampleServer_InjectFault() {
	t, done := newExampleT() // in a test, use its t
	defer done()

	srv := adminapitest.NewServer(t)
	remove, err := srv.InjectFault(adminapitest.Fault{
		Kind:  adminapitest.FaultDropAfter,
		Match: adminapitest.MatchMutations,
		Times: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer remove()

	_, err = srv.Client().CreateUser(context.Background(), adminapi.NewUser{
		LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "alice@example.com"},
	})
	fmt.Println("client error:", err != nil)
	fmt.Println("users stored:", len(srv.Users()))
	for _, r := range srv.Requests() {
		fmt.Println(r.OperationName, r.Status, r.Fault)
	}
	// Output:
	// client error: true
	// users stored: 1
	// CreateUser 0 drop-after
}

// The server's rate limiter refuses a mutation inside an HTTP 200 GraphQL
// answer; nothing is created.
func ExampleFault_rateLimited() {
	t, done := newExampleT()
	defer done()

	srv := adminapitest.NewServer(t)
	remove, err := srv.InjectFault(adminapitest.Fault{
		Kind:          adminapitest.FaultRateLimited,
		OperationName: "CreateUser",
	})
	if err != nil {
		t.Fatal(err)
	}
	defer remove()

	_, err = srv.Client().CreateUser(context.Background(), adminapi.NewUser{
		LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "bob@example.com"},
	})
	fmt.Println("rate limited:", errors.Is(err, adminapi.ErrRateLimited))
	fmt.Println("users stored:", len(srv.Users()))
	// Output:
	// rate limited: true
	// users stored: 0
}
