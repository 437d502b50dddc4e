package adminapi_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/crypto/bcrypt"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

// fastPoll makes job waits quick against the emulator, which finishes jobs
// at once.
var fastPoll = adminapi.WithJobPollInterval(time.Millisecond, 10*time.Millisecond)

// testHash is a bcrypt hash of "correct horse battery staple", made once
// per test binary at the lowest cost.
var testHash = sync.OnceValue(func() string {
	h, err := bcrypt.GenerateFromPassword([]byte("correct horse battery staple"), bcrypt.MinCost)
	if err != nil {
		panic(err)
	}
	return string(h)
})

// twoRecords are the records of the import recorded from a real server.
func twoRecords() []adminapi.ImportRecord {
	return []adminapi.ImportRecord{
		{Email: adminapi.Ptr("imp1@example.com"), EmailVerified: adminapi.Ptr(true), Name: adminapi.Ptr("Import One")},
		{
			Email:            adminapi.Ptr("imp2@example.com"),
			Password:         adminapi.BcryptPassword(testHash()),
			Roles:            []string{},
			CustomAttributes: adminapi.JSONObject{},
		},
	}
}

func outcomesOf(res *adminapi.ImportResult) []string {
	var out []string
	for _, o := range res.Outcomes {
		out = append(out, strconv.Itoa(o.Index)+":"+o.Outcome+":"+strings.Join(o.Warnings, "|"))
	}
	return out
}

func TestImportUsers(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	c := srv.Client()
	ctx := t.Context()
	req := adminapi.ImportRequest{Identifier: adminapi.ImportByEmail, Records: twoRecords()}

	res, err := c.ImportUsers(ctx, req, fastPoll)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(adminapi.ImportSummary{Total: 2, Inserted: 2}, res.Summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"0:inserted:", "1:inserted:"}, outcomesOf(res)); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
	if len(res.JobIDs) != 1 || !strings.HasPrefix(res.JobIDs[0], "userimport_") {
		t.Errorf("job ids = %q", res.JobIDs)
	}
	if p := res.Outcomes[1].Record.Password; p == nil || p.Hash != "REDACTED" || p.Type != "bcrypt" {
		t.Errorf("echoed password = %v, want a redacted bcrypt password", p)
	}
	u, err := c.GetUserByLoginID(ctx, adminapi.LoginIDEmail, "imp2@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if u.RawID != res.Outcomes[1].UserID {
		t.Errorf("user id = %q, outcome says %q", u.RawID, res.Outcomes[1].UserID)
	}
	if !srv.CheckPassword(u.RawID, "correct horse battery staple") {
		t.Error("the imported password hash does not check")
	}

	t.Run("again", func(t *testing.T) {
		res, err := c.ImportUsers(ctx, req, fastPoll)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(adminapi.ImportSummary{Total: 2, Skipped: 2}, res.Summary); diff != "" {
			t.Errorf("summary (-want +got):\n%s", diff)
		}
		const warning = "skipping because upsert = false and user exists"
		if diff := cmp.Diff([]string{"0:skipped:" + warning, "1:skipped:" + warning}, outcomesOf(res)); diff != "" {
			t.Errorf("outcomes (-want +got):\n%s", diff)
		}
	})

	t.Run("upsert", func(t *testing.T) {
		res, err := c.ImportUsers(ctx, adminapi.ImportRequest{
			Identifier: adminapi.ImportByEmail,
			Upsert:     true,
			Records:    []adminapi.ImportRecord{{Email: adminapi.Ptr("imp2@example.com"), Name: adminapi.Ptr("Import Two")}},
		}, fastPoll)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"0:updated:"}, outcomesOf(res)); diff != "" {
			t.Errorf("outcomes (-want +got):\n%s", diff)
		}
		got, err := c.GetUser(ctx, u.RawID)
		if err != nil {
			t.Fatal(err)
		}
		if n := got.StandardAttributes.Name; n == nil || *n != "Import Two" {
			t.Errorf("name = %v, want Import Two", n)
		}
	})
}

// bigRecords returns n records of about 2 KB each, the ones at the given
// indexes with an invalid email address.
func bigRecords(n int, invalid ...int) []adminapi.ImportRecord {
	pad := strings.Repeat("x", 2000)
	recs := make([]adminapi.ImportRecord, n)
	for i := range recs {
		recs[i] = adminapi.ImportRecord{
			Email:            adminapi.Ptr(fmt.Sprintf("user%d@example.com", i)),
			CustomAttributes: adminapi.JSONObject{"pad": pad},
		}
	}
	for _, i := range invalid {
		recs[i].Email = adminapi.Ptr(fmt.Sprintf("not-an-email-%d", i))
	}
	return recs
}

func TestImportUsersSplitsIntoJobs(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	c := srv.Client()
	const n, bad = 300, 280 // about 620 KB: two requests of at most 500 KB
	recs := bigRecords(n, bad)

	var progress []adminapi.ImportProgress
	res, err := c.ImportUsers(t.Context(), adminapi.ImportRequest{Identifier: adminapi.ImportByEmail, Records: recs},
		fastPoll, adminapi.WithImportProgress(func(p adminapi.ImportProgress) { progress = append(progress, p) }))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.JobIDs) != 2 {
		t.Errorf("%d jobs, want 2", len(res.JobIDs))
	}
	if diff := cmp.Diff(adminapi.ImportSummary{Total: n, Inserted: n - 1, Failed: 1}, res.Summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	if len(res.Outcomes) != n {
		t.Fatalf("%d outcomes, want %d", len(res.Outcomes), n)
	}
	for i, o := range res.Outcomes {
		if o.Index != i || o.Record.Email == nil || *o.Record.Email != *recs[i].Email {
			t.Fatalf("outcome %d: index %d, email %v; want the caller's record %d (%s)", i, o.Index, o.Record.Email, i, *recs[i].Email)
		}
	}
	failed := res.Outcomes[bad]
	if failed.Outcome != adminapi.ImportFailed || len(failed.Errors) != 1 {
		t.Fatalf("outcome %d = %+v, want one error", bad, failed)
	}
	e := failed.Errors[0]
	if e.Reason != "ValidationFailed" || !errors.Is(e, adminapi.ErrInvalidInput) || strings.Join(e.Path, ".") != "records."+strconv.Itoa(bad) {
		t.Errorf("record error = %v (reason %q, path %q)", e, e.Reason, e.Path)
	}
	if failed.JobID != res.JobIDs[1] {
		t.Errorf("failed record's job = %q, want the second job %q", failed.JobID, res.JobIDs[1])
	}

	if len(progress) != 2 {
		t.Fatalf("progress called %d times, want 2: %+v", len(progress), progress)
	}
	last := progress[1]
	if last.JobsDone != 2 || last.JobsTotal != 2 || last.RecordsDone != n || last.RecordsTotal != n || last.Summary != res.Summary {
		t.Errorf("last progress = %+v", last)
	}
	if first := progress[0]; first.JobsDone != 1 || first.RecordsDone <= 0 || first.RecordsDone >= n || first.Summary.Total != first.RecordsDone {
		t.Errorf("first progress = %+v", first)
	}

	t.Run("smaller batches", func(t *testing.T) {
		res, err := c.ImportUsers(t.Context(), adminapi.ImportRequest{Identifier: adminapi.ImportByEmail, Records: recs[:50]},
			fastPoll, adminapi.WithImportBatchBytes(20_000))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.JobIDs) < 5 || res.Summary.Skipped != 50 {
			t.Errorf("%d jobs, summary %+v; want at least 5 jobs and 50 skipped", len(res.JobIDs), res.Summary)
		}
	})
}

func TestImportUsersRecordTooLarge(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	recs := bigRecords(3)
	recs[2].CustomAttributes = adminapi.JSONObject{"pad": strings.Repeat("y", 500_000)}
	res, err := srv.Client().ImportUsers(t.Context(), adminapi.ImportRequest{Identifier: adminapi.ImportByEmail, Records: recs}, fastPoll)
	var e *adminapi.Error
	if !errors.As(err, &e) || !errors.Is(err, adminapi.ErrInvalidInput) || strings.Join(e.Path, ".") != "records.2" {
		t.Fatalf("err = %v, want an *Error matching ErrInvalidInput at records.2", err)
	}
	if res != nil {
		t.Errorf("result = %+v, want nil", res)
	}
	for _, r := range srv.Requests() {
		if strings.Contains(r.Path, "/users/import") {
			t.Errorf("request sent: %s %s", r.Method, r.Path)
		}
	}
}

func TestImportUsersInvalidIdentifier(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	res, err := srv.Client().ImportUsers(t.Context(), adminapi.ImportRequest{Identifier: "nickname", Records: twoRecords()}, fastPoll)
	var e *adminapi.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want an *Error", err)
	}
	if e.StatusCode != 400 || e.Name != "Invalid" || e.Reason != "ValidationFailed" || !errors.Is(err, adminapi.ErrInvalidInput) {
		t.Errorf("error = %v (status %d, %s/%s)", e, e.StatusCode, e.Name, e.Reason)
	}
	causes, _ := e.Info["causes"].([]any)
	if len(causes) != 1 || causes[0].(map[string]any)["location"] != "/identifier" {
		t.Errorf("info = %v, want one cause at /identifier", e.Info)
	}
	if res == nil || len(res.JobIDs) != 0 || len(res.Outcomes) != 0 {
		t.Errorf("result = %+v, want an empty result", res)
	}
}

func TestImportUsersNoRecords(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	res, err := srv.Client().ImportUsers(t.Context(), adminapi.ImportRequest{Identifier: adminapi.ImportByEmail})
	if err != nil || res == nil || len(res.JobIDs) != 0 || res.Summary != (adminapi.ImportSummary{}) {
		t.Errorf("ImportUsers(no records) = %+v, %v; want an empty result", res, err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

func TestImportUsersNDJSON(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	c := srv.Client()
	tests := []struct {
		name, input string
		want        []string
		wantErr     string
	}{
		{
			name:  "ndjson",
			input: "{\"email\":\"nd1@example.com\",\"name\":\"One\"}\n\n{\"email\":\"nd2@example.com\",\"x_future\":1}\n",
			want:  []string{"0:inserted:", "1:failed:"}, // the server refuses unknown keys
		},
		{
			name:  "array",
			input: ` [ {"email":"arr1@example.com"}, {"email":"arr2@example.com"} ] `,
			want:  []string{"0:inserted:", "1:inserted:"},
		},
		{name: "empty", input: "\n"},
		{name: "broken", input: "{\"email\":\"b1@example.com\"}\n{\"email\":", wantErr: "import record 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.ImportUsersNDJSON(t.Context(), adminapi.ImportByEmail, false, strings.NewReader(tt.input), fastPoll)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one naming %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, outcomesOf(res)); diff != "" {
				t.Errorf("outcomes (-want +got):\n%s", diff)
			}
		})
	}
}

// TestImportSecretsNeverShown imports records with password hashes and a
// TOTP secret, some failing, with debug logging on, and looks for the
// secrets in everything the client produced.
func TestImportSecretsNeverShown(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	var logs bytes.Buffer
	c, err := srv.NewClient(adminapi.WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	if err != nil {
		t.Fatal(err)
	}
	const totp = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	recs := []adminapi.ImportRecord{
		{Email: adminapi.Ptr("s1@example.com"), Password: adminapi.BcryptPassword(testHash())},
		{Email: adminapi.Ptr("s2@example.com"), Password: &adminapi.ImportPassword{Type: "md5", Hash: testHash()}},
		{Email: adminapi.Ptr("s3@example.com"), MFA: &adminapi.ImportMFA{TOTP: &adminapi.ImportTOTP{Secret: totp}, Password: adminapi.BcryptPassword(testHash())}},
	}
	res, err := c.ImportUsers(t.Context(), adminapi.ImportRequest{Identifier: adminapi.ImportByEmail, Records: recs}, fastPoll)
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcomes[1].Outcome != adminapi.ImportFailed {
		t.Errorf("the md5 record: %s, want failed", res.Outcomes[1].Outcome)
	}
	_, errBad := c.ImportUsers(t.Context(), adminapi.ImportRequest{Identifier: "bad", Records: recs}, fastPoll)
	if errBad == nil {
		t.Fatal("bad identifier: no error")
	}
	resJSON, _ := json.Marshal(res)
	var slogged bytes.Buffer
	// Records are LogValuers; a slice of them would be encoded as JSON, the
	// wire format, hashes included.
	slog.New(slog.NewJSONHandler(&slogged, nil)).Info("records", "rec", recs[2], "pw", recs[0].Password, "mfa", recs[2].MFA)
	shown := map[string]string{
		"logs":        logs.String(),
		"result %v":   fmt.Sprintf("%v", res),
		"result %+v":  fmt.Sprintf("%+v", res),
		"result %#v":  fmt.Sprintf("%#v", res),
		"result JSON": string(resJSON),
		"records %v":  fmt.Sprintf("%v %+v", recs, recs),
		"records %#v": fmt.Sprintf("%#v", recs),
		"slog":        slogged.String(),
		"error":       errBad.Error(),
		"errors":      fmt.Sprintf("%v", res.Outcomes[1].Errors),
	}
	for where, text := range shown {
		for _, secret := range []string{testHash(), totp} {
			if strings.Contains(text, secret) {
				t.Errorf("%s shows a secret: %s", where, text)
			}
		}
	}
	if !strings.Contains(logs.String(), "/_api/admin/users/import") {
		t.Errorf("logs do not mention the import requests: %s", logs.String())
	}
}

func TestImportRecordJSON(t *testing.T) {
	t.Parallel()
	const in = `{"email":"a@example.com","phone_number":null,"roles":[],"password":{"type":"bcrypt","password_hash":"$2b$04$x"},"x_new":{"k":1},"mfa":"odd"}`
	var rec adminapi.ImportRecord
	if err := json.Unmarshal([]byte(in), &rec); err != nil {
		t.Fatal(err)
	}
	if rec.Email == nil || *rec.Email != "a@example.com" || rec.PhoneNumber != nil || rec.Roles == nil || len(rec.Roles) != 0 ||
		rec.Password == nil || rec.Password.Hash != "$2b$04$x" || rec.MFA != nil {
		t.Errorf("decoded %#v", rec)
	}
	wantExtra := map[string]string{"phone_number": "null", "x_new": `{"k":1}`, "mfa": `"odd"`}
	gotExtra := map[string]string{}
	for k, v := range rec.Extra {
		gotExtra[k] = string(v)
	}
	if diff := cmp.Diff(wantExtra, gotExtra); diff != "" {
		t.Errorf("Extra (-want +got):\n%s", diff)
	}
	out, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	_ = json.Unmarshal([]byte(in), &a)
	_ = json.Unmarshal(out, &b)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}

	for _, s := range []string{rec.String(), fmt.Sprintf("%v|%+v|%#v", rec, rec, rec)} {
		if strings.Contains(s, "$2b$04$x") || strings.Contains(s, "odd") {
			t.Errorf("shows a secret: %s", s)
		}
	}

	rec.SetNull("email", "name")
	out, _ = json.Marshal(rec)
	if rec.Email != nil || !strings.Contains(string(out), `"email":null`) || !strings.Contains(string(out), `"name":null`) {
		t.Errorf("after SetNull: %s", out)
	}
}
