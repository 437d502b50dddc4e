package adminapi_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"strings"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

func ExampleClient_ImportUsers() {
	srv := startEmulator()
	defer srv.Close()
	client := srv.Client()

	res, err := client.ImportUsers(context.Background(), adminapi.ImportRequest{
		Identifier: adminapi.ImportByEmail,
		Records: []adminapi.ImportRecord{
			{Email: adminapi.Ptr("alice@example.com"), EmailVerified: adminapi.Ptr(true), Name: adminapi.Ptr("Alice")},
			// Passwords are imported as bcrypt hashes.
			{Email: adminapi.Ptr("bob@example.com"), Password: adminapi.BcryptPassword("$2b$10$HS9THk0fcBsRqEkThg6KLORZ5KkFXUyPfBa626o1jOjkxCQYrve7K")},
			{Email: adminapi.Ptr("not an email")},
		},
	}, adminapi.WithImportProgress(func(p adminapi.ImportProgress) {
		fmt.Printf("progress: %d of %d records\n", p.RecordsDone, p.RecordsTotal)
	}))
	if err != nil {
		log.Fatal(err) // the request was refused, or ctx ended
	}
	fmt.Printf("%+v\n", res.Summary)
	for _, o := range res.Outcomes {
		fmt.Println(o.Index, o.Outcome, *o.Record.Email, o.Record.Password)
		for _, e := range o.Errors {
			fmt.Println("  ", e.Reason)
		}
	}
	// Output:
	// progress: 3 of 3 records
	// {Total:3 Inserted:2 Updated:0 Skipped:0 Failed:1}
	// 0 inserted alice@example.com <nil>
	// 1 inserted bob@example.com {bcrypt REDACTED}
	// 2 failed not an email <nil>
	//    ValidationFailed
}

func ExampleClient_ImportUsersNDJSON() {
	srv := startEmulator()
	defer srv.Close()

	records := strings.NewReader(`{"email":"alice@example.com","name":"Alice"}
{"email":"bob@example.com","custom_attributes":{"plan":"pro"}}
`)
	res, err := srv.Client().ImportUsersNDJSON(context.Background(), adminapi.ImportByEmail, false, records)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%+v\n", res.Summary)
	// Output:
	// {Total:2 Inserted:2 Updated:0 Skipped:0 Failed:0}
}

func ExampleClient_ExportUsers() {
	srv := startEmulator()
	defer srv.Close()
	for _, u := range []adminapitest.SeedUser{
		{Email: "alice@example.com", StandardAttributes: map[string]any{"name": "Alice"}},
		{Email: "bob@example.com"},
	} {
		if _, err := srv.SeedUser(u); err != nil {
			log.Fatal(err)
		}
	}

	f, err := srv.Client().ExportUsers(context.Background(), adminapi.ExportRequest{
		Format: adminapi.ExportCSV,
		CSV: &adminapi.CSVOptions{Fields: []adminapi.CSVField{
			{Pointer: "/email"},
			{Pointer: "/name", FieldName: "full_name"},
		}},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	fmt.Println(f.ContentType)
	if _, err := io.Copy(os.Stdout, f); err != nil {
		log.Fatal(err)
	}
	// Output:
	// text/csv
	// email,full_name
	// alice@example.com,Alice
	// bob@example.com,
}

func ExampleClient_ExportUsersIter() {
	srv := startEmulator()
	defer srv.Close()
	if _, err := srv.SeedUser(adminapitest.SeedUser{Email: "alice@example.com", Username: "alice"}); err != nil {
		log.Fatal(err)
	}

	for u, err := range srv.Client().ExportUsersIter(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(u.Email, u.PreferredUsername, len(u.Identities), u.Disabled)
	}
	// Output:
	// alice@example.com alice 2 false
}

func ExampleClient_UploadProfilePicture() {
	srv := startEmulator()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	alice, err := srv.SeedUser(adminapitest.SeedUser{Email: "alice@example.com"})
	if err != nil {
		log.Fatal(err)
	}

	// A GIF header stands in for an image file here.
	picture, err := client.UploadProfilePicture(ctx, bytes.NewReader([]byte("GIF89a\x01\x00\x01\x00")), "")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.HasPrefix(picture, "authgearimages:///"+srv.ProjectID()+"/"))
	if _, err := client.SetStandardAttribute(ctx, alice.ID, "picture", picture); err != nil {
		log.Fatal(err)
	}
	u, err := client.GetUser(ctx, alice.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*u.StandardAttributes.Picture == picture)
	// Output:
	// true
	// true
}
