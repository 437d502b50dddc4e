package store

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExportRecords(t *testing.T) {
	t.Parallel()
	s := newTestStore()
	if _, err := s.CreateRole(NewEntity{Key: "admin"}); err != nil {
		t.Fatal(err)
	}
	a := importOne(t, s, byEmail, `{"email":"a@example.com","email_verified":true,"name":"A, \"the first\"","roles":["admin"],`+
		`"address":{"formatted":"1 Road"},"custom_attributes":{"n":1.5},"mfa":{"phone_number":"+14155550199"}}`)
	b := importOne(t, s, ImportOptions{Identifier: "preferred_username"}, `{"preferred_username":"bob","disabled":true}`)
	if a.Outcome != OutcomeInserted || b.Outcome != OutcomeInserted {
		t.Fatalf("imports: %+v %+v", a, b)
	}

	nd, err := ExportNDJSON(s.ExportRecords("https://issuer.example"))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"sub":"A","email":"a@example.com","email_verified":true,"phone_number_verified":false,"name":"A, \"the first\"",` +
		`"address":{"formatted":"1 Road"},"custom_attributes":{"n":1.5},"roles":["admin"],"created_at":"2030-01-02T03:04:05Z",` +
		`"disabled":false,"is_anonymized":false,"identities":[{"type":"login_id","login_id":{"key":"email","type":"email",` +
		`"value":"a@example.com","original_value":"a@example.com"},"claims":{"email":"a@example.com"}}],` +
		`"mfa":{"phone_numbers":["+14155550199"]},"biometric_count":0,"passkey_count":0}` + "\n" +
		`{"sub":"B","preferred_username":"bob","email_verified":false,"phone_number_verified":false,"address":{},` +
		`"created_at":"2030-01-02T03:04:05Z","disabled":true,"is_anonymized":false,"identities":[{"type":"login_id",` +
		`"login_id":{"key":"username","type":"username","value":"bob","original_value":"bob"},"claims":{"preferred_username":"bob"}}],` +
		`"mfa":{},"biometric_count":0,"passkey_count":0}` + "\n"
	got := strings.NewReplacer(a.UserID, "A", b.UserID, "B").Replace(string(nd))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("NDJSON (-want +got):\n%s", diff)
	}

	csv, err := ExportCSV(s.ExportRecords(""), []CSVField{
		{Pointer: "/sub", FieldName: "id"},
		{Pointer: "/name"},
		{Pointer: "/address/formatted"},
		{Pointer: "/roles"},
		{Pointer: "/custom_attributes/n"},
		{Pointer: "/disabled"},
		{Pointer: "/mfa"},
		{Pointer: "/identities/5/type"},
	})
	if err != nil {
		t.Fatal(err)
	}
	wantCSV := "id,name,address.formatted,roles,custom_attributes.n,disabled,mfa,identities.5.type\n" +
		`A,"A, ""the first""",1 Road,"[""admin""]",1.5,false,"{""phone_numbers"":[""+14155550199""]}",` + "\n" +
		`B,,,,,true,{},` + "\n"
	if diff := cmp.Diff(wantCSV, strings.NewReplacer(a.UserID, "A", b.UserID, "B").Replace(string(csv))); diff != "" {
		t.Errorf("CSV (-want +got):\n%s", diff)
	}

	if _, err := ExportCSV(nil, []CSVField{{Pointer: "sub"}}); err == nil {
		t.Error("a pointer without a leading slash: no error")
	}
	def, err := ExportCSV(nil, nil)
	if err != nil || !strings.HasPrefix(string(def), "sub,preferred_username,email,") || strings.Count(string(def), "\n") != 1 {
		t.Errorf("default columns: %q, %v", def, err)
	}
	if nd, err := ExportNDJSON(nil); err != nil || len(nd) != 0 {
		t.Errorf("no users: %q, %v; want an empty file", nd, err)
	}
}

func TestCSVFieldNames(t *testing.T) {
	t.Parallel()
	names, ok := CSVFieldNames([]CSVField{{Pointer: "/address/formatted"}, {Pointer: "/roles/0"}, {Pointer: "/a~1b"}, {Pointer: "/x", FieldName: "roles.0"}})
	if diff := cmp.Diff([]string{"address.formatted", "roles.0", "a~1b", "roles.0"}, names); diff != "" || ok {
		t.Errorf("names (-want +got):\n%s\nunique = %t, want false", diff, ok)
	}
}
