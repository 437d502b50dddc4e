package adminapi_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

// TestImportUsersNDJSONRejectsWrongTypes checks that a record whose known
// field has the wrong JSON type is refused before anything is sent, with an
// error that names the record and the field but not the value.
func TestImportUsersNDJSONRejectsWrongTypes(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	c := srv.Client()
	for _, tc := range []struct {
		name, input, field, kind string
		index                    int
	}{
		{"number for email", `{"email":5}`, `"email"`, "number", 0},
		{"string for password", "{\"email\":\"a@example.com\"}\n{\"email\":\"b@example.com\",\"password\":\"s3cret-plain\"}", `"password"`, "string", 1},
		{"string for roles in an array", `[{"email":"a@example.com","roles":"admin"}]`, `"roles"`, "string", 0},
		{"object for email_verified", `{"email":"a@example.com","email_verified":{}}`, `"email_verified"`, "object", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.ImportUsersNDJSON(t.Context(), adminapi.ImportByEmail, false, strings.NewReader(tc.input))
			if !errors.Is(err, adminapi.ErrInvalidInput) {
				t.Fatalf("err = %v, want ErrInvalidInput", err)
			}
			msg := err.Error()
			for _, want := range []string{tc.field, tc.kind, "import record " + string(rune('0'+tc.index))} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not mention %q", msg, want)
				}
			}
			if strings.Contains(msg, "s3cret-plain") {
				t.Errorf("error %q shows the value", msg)
			}
		})
	}
	for _, r := range srv.Requests() {
		if strings.Contains(r.Path, "/users/import") {
			t.Errorf("an import request was sent for invalid input: %s %s", r.Method, r.Path)
		}
	}
}

// TestImportUsersNDJSONAcceptsExplicitNulls checks that null stays allowed
// for known fields: in an upsert it clears them.
func TestImportUsersNDJSONAcceptsExplicitNulls(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	res, err := srv.Client().ImportUsersNDJSON(t.Context(), adminapi.ImportByEmail, true,
		strings.NewReader(`{"email":"null@example.com","name":null}`))
	if err != nil {
		t.Fatal(err)
	}
	if res.Summary.Inserted != 1 {
		t.Errorf("summary = %+v, want one inserted", res.Summary)
	}
}
