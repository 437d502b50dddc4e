package adminapi_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

// startEmulator starts the in-process Admin API emulator that stands in for
// a project in these examples.
func startEmulator() *adminapitest.Server {
	srv, err := adminapitest.Start()
	if err != nil {
		log.Fatal(err)
	}
	return srv
}

func ExampleNew() {
	srv := startEmulator()
	defer srv.Close()

	// For a real project: adminapi.New("https://myapp.authgear.cloud",
	// adminapi.WithKeyID("<key id from the portal>"),
	// adminapi.WithPrivateKeyFile("admin-api-key.pem")).
	client, err := adminapi.New(srv.URL(),
		adminapi.WithProjectID(srv.ProjectID()),
		adminapi.WithKeyID(srv.KeyID()),
		adminapi.WithPrivateKeyPEM(srv.PrivateKeyPEM()),
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.TrimPrefix(client.Endpoint(), srv.URL()))
	fmt.Println(client.ProjectID())

	u, err := client.GetUser(context.Background(), "a8471b03-4cd0-4de4-8f0b-de71244e80d3")
	fmt.Println(u, errors.Is(err, adminapi.ErrNotFound))
	// Output:
	// /_api/admin/graphql
	// emulator
	// <nil> true
}

func ExampleNewFromEnv() {
	// With AUTHGEAR_ENDPOINT=https://myapp.authgear.cloud,
	// AUTHGEAR_ADMIN_KEY_ID and AUTHGEAR_ADMIN_KEY_FILE set:
	client, err := adminapi.NewFromEnv(adminapi.WithUserAgent("billing-sync/1.0"))
	if err != nil {
		log.Fatal(err) // a *adminapi.ConfigError says which variable to fix
	}
	_ = client
}

func ExampleClient_CreateUser() {
	srv := startEmulator()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	alice := adminapi.NewUser{
		LoginID:  adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "alice@example.com"},
		Password: adminapi.Password("correct horse battery staple"),
	}
	fmt.Println(alice) // the password is never printed
	u, err := client.CreateUser(ctx, alice)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.Identities[0].LoginIDKey, u.Identities[0].LoginIDValue)

	_, err = client.CreateUser(ctx, alice)
	fmt.Println(errors.Is(err, adminapi.ErrAlreadyExists))
	// Output:
	// adminapi.NewUser{LoginID: email "alice@example.com", Password: [REDACTED], SendPassword: false, SetPasswordExpired: false}
	// email alice@example.com
	// true
}

func ExampleClient_ListUsers() {
	srv := startEmulator()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	for _, email := range []string{"ann@example.com", "ben@example.com", "cat@example.com"} {
		_, err := client.CreateUser(ctx, adminapi.NewUser{LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: email}})
		if err != nil {
			log.Fatal(err)
		}
	}

	// The iterator requests pages (100 users each by default) as the loop
	// advances; the first error ends it.
	for u, err := range client.ListUsers(ctx, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(*u.StandardAttributes.Email)
	}
	// Output:
	// ann@example.com
	// ben@example.com
	// cat@example.com
}

func ExampleClient_UpdateCustomAttributes() {
	srv := startEmulator()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	u, err := client.CreateUser(ctx, adminapi.NewUser{LoginID: adminapi.LoginID{Key: adminapi.LoginIDUsername, Value: "dora"}})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.UpdateUser(ctx, u.ID, adminapi.UserUpdate{CustomAttributes: adminapi.JSONObject{"tier": "gold"}}); err != nil {
		log.Fatal(err)
	}
	// Change one attribute and keep the others; UpdateUser alone would
	// replace the whole object.
	u, err = client.UpdateCustomAttributes(ctx, u.RawID, func(attrs adminapi.JSONObject) error {
		attrs["plan"] = "pro"
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.CustomAttributes["tier"], u.CustomAttributes["plan"])
	// Output:
	// gold pro
}

func ExampleUserNodeID() {
	// The "sub" claim of a user's token is the raw UUID; the Admin API
	// wants node ids. Every Client method accepts either.
	id, err := adminapi.UserNodeID("a8471b03-4cd0-4de4-8f0b-de71244e80d3")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(id)

	typ, raw, err := adminapi.ParseNodeID(id)
	fmt.Println(typ, raw, err)

	_, err = adminapi.UserNodeID("not-an-id")
	fmt.Println(errors.Is(err, adminapi.ErrInvalidInput))
	// Output:
	// VXNlcjphODQ3MWIwMy00Y2QwLTRkZTQtOGYwYi1kZTcxMjQ0ZTgwZDM
	// User a8471b03-4cd0-4de4-8f0b-de71244e80d3 <nil>
	// true
}

func ExampleError() {
	srv := startEmulator()
	defer srv.Close()
	client, err := srv.NewClient(adminapi.WithKeyID("not-the-registered-kid"))
	if err != nil {
		log.Fatal(err)
	}

	_, err = client.GetUser(context.Background(), "a8471b03-4cd0-4de4-8f0b-de71244e80d3")
	var apiErr *adminapi.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, errors.Is(err, adminapi.ErrForbidden))
		fmt.Println(apiErr.Hint != "")
	}
	// Output:
	// 403 true
	// true
}
