package adminapi_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"os"
	"time"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
	"github.com/authgear-admin/adminapi/auth"
)

func ExampleClient_RotateKey() {
	srv := startEmulator()
	defer srv.Close()
	ctx := context.Background()
	client := srv.Client() // signs with the project's first key
	oldKeyID, oldKeyPEM := srv.KeyID(), srv.PrivateKeyPEM()

	// In the portal: add a second key pair and download its private key.
	newKeyID, newKeyPEM, err := srv.AddKey()
	if err != nil {
		log.Fatal(err)
	}
	key, err := auth.ParseKey(newKeyPEM)
	if err != nil {
		log.Fatal(err)
	}
	// On every client: switch to the new key; no restart needed.
	if err := client.RotateKey(newKeyID, key.Private); err != nil {
		log.Fatal(err)
	}
	// In the portal: delete the old key pair.
	if err := srv.RemoveKey(oldKeyID); err != nil {
		log.Fatal(err)
	}

	_, err = client.GetUser(ctx, "00000000-0000-4000-8000-000000000000")
	fmt.Println("rotated client:", errors.Is(err, adminapi.ErrNotFound))

	stale, err := adminapi.New(srv.URL(), adminapi.WithProjectID(srv.ProjectID()),
		adminapi.WithKeyID(oldKeyID), adminapi.WithPrivateKeyPEM(oldKeyPEM))
	if err != nil {
		log.Fatal(err)
	}
	_, err = stale.GetUser(ctx, "00000000-0000-4000-8000-000000000000")
	fmt.Println("client on the old key:", errors.Is(err, adminapi.ErrForbidden))
	// Output:
	// rotated client: true
	// client on the old key: true
}

func ExampleWithRetry() {
	srv := startEmulator()
	defer srv.Close()

	// A proxy in front of the server fails twice with 503.
	if _, err := srv.InjectFault(adminapitest.Fault{Kind: adminapitest.FaultStatus, Status: 503, Times: 2}); err != nil {
		log.Fatal(err)
	}
	client, err := srv.NewClient(adminapi.WithRetry(adminapi.RetryPolicy{
		MaxAttempts:    5,
		InitialBackoff: 10 * time.Millisecond,
		MaxBackoff:     time.Second,
	}))
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.GetUser(context.Background(), "00000000-0000-4000-8000-000000000000")
	fmt.Println(errors.Is(err, adminapi.ErrNotFound), len(srv.Requests()), "requests")
	// Output:
	// true 3 requests
}

func ExampleContextWithIdempotent() {
	srv := startEmulator()
	defer srv.Close()
	seeded, err := srv.SeedUser(adminapitest.SeedUser{Email: "ada@example.com"})
	if err != nil {
		log.Fatal(err)
	}
	// The connection drops after the server applied the mutation.
	if _, err := srv.InjectFault(adminapitest.Fault{Kind: adminapitest.FaultDropAfter, Times: 1}); err != nil {
		log.Fatal(err)
	}
	client, err := srv.NewClient(adminapi.WithRetry(adminapi.RetryPolicy{InitialBackoff: 10 * time.Millisecond}))
	if err != nil {
		log.Fatal(err)
	}
	// Replacing the custom attributes twice leaves the same state, so the
	// call may be retried although it is a mutation.
	ctx := adminapi.ContextWithIdempotent(context.Background())
	u, err := client.UpdateUser(ctx, seeded.ID, adminapi.UserUpdate{CustomAttributes: adminapi.JSONObject{"plan": "pro"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.CustomAttributes["plan"], len(srv.Requests()), "requests")
	// Output:
	// pro 2 requests
}

func ExampleWithDebugBodies() {
	srv := startEmulator()
	defer srv.Close()
	// Drop what changes from run to run: times, sizes, the answer.
	stable := func(groups []string, a slog.Attr) slog.Attr {
		if len(groups) > 0 && groups[0] == "response_headers" {
			return slog.Attr{}
		}
		switch a.Key {
		case slog.TimeKey, "duration", "bytes", "response":
			return slog.Attr{}
		}
		return a
	}
	logger := slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: slog.LevelDebug, ReplaceAttr: stable}))
	client, err := srv.NewClient(adminapi.WithLogger(logger), adminapi.WithDebugBodies(true))
	if err != nil {
		log.Fatal(err)
	}
	userID, err := adminapi.UserNodeID("8e3e678d-1d2c-4b6e-9f3a-2f0c5d6e7a81")
	if err != nil {
		log.Fatal(err)
	}
	err = client.Do(context.Background(),
		`mutation Reset($input: ResetPasswordInput!) { resetPassword(input: $input) { user { id } } }`,
		map[string]any{"input": map[string]any{"userID": userID, "password": "s3cret-Passw0rd"}}, nil)
	fmt.Println(errors.Is(err, adminapi.ErrNotFound))
	// Output:
	// {"level":"DEBUG","msg":"adminapi request","method":"POST","operation":"Reset","status":200,"request_headers":{"Accept":"application/json","Authorization":"[REDACTED]","Content-Type":"application/json","User-Agent":"authgear-adminapi-go"},"request":"{\"operationName\":\"Reset\",\"query\":\"[92 bytes of GraphQL]\",\"variables\":{\"input\":{\"password\":\"[REDACTED]\",\"userID\":\"VXNlcjo4ZTNlNjc4ZC0xZDJjLTRiNmUtOWYzYS0yZjBjNWQ2ZTdhODE\"}}}"}
	// true
}
