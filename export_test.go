package adminapi_test

import (
	"encoding/csv"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

// testClock is a settable clock for the emulator and its clients.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func newTestClock() *testClock { return &testClock{now: time.Now().UTC().Truncate(time.Second)} }

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// importTwo imports the two recorded users and returns their ids.
func importTwo(t *testing.T, c *adminapi.Client) (string, string) {
	t.Helper()
	res, err := c.ImportUsers(t.Context(), adminapi.ImportRequest{Identifier: adminapi.ImportByEmail, Records: twoRecords()}, fastPoll)
	if err != nil {
		t.Fatal(err)
	}
	if res.Summary.Inserted != 2 {
		t.Fatalf("import: %+v", res.Summary)
	}
	return res.Outcomes[0].UserID, res.Outcomes[1].UserID
}

func TestExportUsersNDJSON(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	c := srv.Client()
	id1, id2 := importTwo(t, c)

	var got []adminapi.ExportedUser
	for u, err := range c.ExportUsersIter(t.Context(), fastPoll) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, u)
	}
	if len(got) != 2 {
		t.Fatalf("%d users exported, want 2", len(got))
	}
	for i, u := range got {
		if u.CreatedAt.IsZero() {
			t.Errorf("user %d: no created_at", i)
		}
		got[i].CreatedAt = time.Time{}
	}
	loginID := func(email string) []adminapi.ExportedIdentity {
		return []adminapi.ExportedIdentity{{
			Type:    "login_id",
			LoginID: adminapi.JSONObject{"key": "email", "type": "email", "value": email, "original_value": email},
			Claims:  adminapi.JSONObject{"email": email},
		}}
	}
	want := []adminapi.ExportedUser{
		{
			Sub: id1, Email: "imp1@example.com", EmailVerified: true, Name: "Import One",
			Address: &adminapi.Address{}, Identities: loginID("imp1@example.com"), MFA: &adminapi.ExportedMFA{},
		},
		{
			Sub: id2, Email: "imp2@example.com",
			Address: &adminapi.Address{}, Identities: loginID("imp2@example.com"), MFA: &adminapi.ExportedMFA{},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("exported users (-want +got):\n%s", diff)
	}
}

func TestExportUsersCSV(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	c := srv.Client()
	id1, id2 := importTwo(t, c)

	f, err := c.ExportUsers(t.Context(), adminapi.ExportRequest{
		Format: adminapi.ExportCSV,
		CSV: &adminapi.CSVOptions{Fields: []adminapi.CSVField{
			{Pointer: "/sub"},
			{Pointer: "/email", FieldName: "email_address"},
			{Pointer: "/name"},
			{Pointer: "/email_verified"},
			{Pointer: "/identities/0/login_id"},
		}},
	}, fastPoll)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.ContentType != "text/csv" || !strings.HasPrefix(f.Filename, "emulator-userexport_") || !strings.HasSuffix(f.Filename, ".csv") {
		t.Errorf("file %q of type %q", f.Filename, f.ContentType)
	}
	if f.Job == nil || f.Job.Request.Format != adminapi.ExportCSV || f.Job.CompletedAt == nil {
		t.Errorf("job = %v", f.Job)
	}
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"sub", "email_address", "name", "email_verified", "identities.0.login_id"},
		{id1, "imp1@example.com", "Import One", "true", `{"key":"email","original_value":"imp1@example.com","type":"email","value":"imp1@example.com"}`},
		{id2, "imp2@example.com", "", "false", `{"key":"email","original_value":"imp2@example.com","type":"email","value":"imp2@example.com"}`},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("CSV (-want +got):\n%s", diff)
	}
}

// TestExportDownloadExpired lets the download URL expire before the
// download: the client fetches the job again for a fresh URL.
func TestExportDownloadExpired(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	srv := adminapitest.NewServer(t, adminapitest.WithClock(clock.Now))
	c := srv.Client()
	ctx := t.Context()
	importTwo(t, c)

	job, err := c.StartExport(ctx, adminapi.ExportRequest{Format: adminapi.ExportNDJSON})
	if err != nil {
		t.Fatal(err)
	}
	if job.Status != "pending" || job.Done() {
		t.Errorf("started job = %v, want pending", job)
	}
	if job, err = c.WaitExport(ctx, job.ID, fastPoll); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(job.String(), "Signature") || !strings.Contains(job.DownloadURL, "X-Amz-Signature=") {
		t.Errorf("String() = %s shows the signature, or the URL %q has none", job, job.DownloadURL)
	}
	stale := job.DownloadURL
	clock.Advance(61 * time.Second)

	f, err := c.DownloadExport(ctx, job)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for u, err := range adminapi.ReadExportedUsers(strings.NewReader(string(b))) {
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(u.Email, "imp") {
			t.Errorf("user %+v", u)
		}
		n++
	}
	if n != 2 {
		t.Errorf("%d users in the file, want 2", n)
	}
	if f.Job.DownloadURL == stale {
		t.Error("the download did not use a fresh URL")
	}

	var downloads []int
	for _, r := range srv.Requests() {
		if strings.HasPrefix(r.Path, "/userexport/") {
			downloads = append(downloads, r.Status)
			if r.TokenClaims != nil {
				t.Errorf("the download carried the Admin API token")
			}
		}
	}
	if diff := cmp.Diff([]int{http.StatusForbidden, http.StatusOK}, downloads); diff != "" {
		t.Errorf("download statuses (-want +got):\n%s", diff)
	}
}

func TestExportLimits(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	srv := adminapitest.NewServer(t, adminapitest.WithClock(clock.Now))
	c := srv.Client()
	ctx := t.Context()

	first, err := c.StartExport(ctx, adminapi.ExportRequest{Format: adminapi.ExportNDJSON})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.StartExport(ctx, adminapi.ExportRequest{Format: adminapi.ExportCSV})
	var e *adminapi.Error
	if !errors.As(err, &e) || e.StatusCode != http.StatusTooManyRequests || e.Reason != "MaximumConcurrentJobLimitExceeded" ||
		!errors.Is(err, adminapi.ErrExportInProgress) || !errors.Is(err, adminapi.ErrRateLimited) {
		t.Fatalf("second export while one runs: %v, want ErrExportInProgress", err)
	}
	if _, err := c.WaitExport(ctx, first.ID, fastPoll); err != nil {
		t.Fatal(err)
	}

	// 23 more complete the day's 24; the 25th is refused until a day
	// after the first.
	for i := range 23 {
		clock.Advance(time.Minute)
		job, err := c.StartExport(ctx, adminapi.ExportRequest{Format: adminapi.ExportNDJSON})
		if err != nil {
			t.Fatalf("export %d: %v", i+2, err)
		}
		if _, err := c.GetExport(ctx, job.ID); err != nil {
			t.Fatal(err)
		}
	}
	_, err = c.StartExport(ctx, adminapi.ExportRequest{Format: adminapi.ExportNDJSON})
	if !errors.As(err, &e) || e.Reason != "RateLimited" || !errors.Is(err, adminapi.ErrRateLimited) || errors.Is(err, adminapi.ErrExportInProgress) {
		t.Fatalf("25th export: %v, want ErrRateLimited only", err)
	}
	if !strings.Contains(e.Hint, "24") {
		t.Errorf("hint = %q, want it to name the daily limit", e.Hint)
	}
	clock.Advance(24*time.Hour - 23*time.Minute + time.Second)
	if _, err := c.StartExport(ctx, adminapi.ExportRequest{Format: adminapi.ExportNDJSON}); err != nil {
		t.Errorf("export a day after the first: %v", err)
	}
	// The first job's results are gone after 24 hours.
	if _, err := c.GetExport(ctx, first.ID); !errors.Is(err, adminapi.ErrNotFound) {
		t.Errorf("GetExport(expired job) = %v, want ErrNotFound", err)
	}
}

func TestExportInvalidRequests(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	c := srv.Client()
	tests := []struct {
		name   string
		req    adminapi.ExportRequest
		reason string
	}{
		{"format", adminapi.ExportRequest{Format: "xml"}, "ValidationFailed"},
		{"duplicate columns", adminapi.ExportRequest{Format: adminapi.ExportCSV, CSV: &adminapi.CSVOptions{Fields: []adminapi.CSVField{
			{Pointer: "/email"}, {Pointer: "/name", FieldName: "email"},
		}}}, "UserExportNonUniqueFieldNames"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.ExportUsers(t.Context(), tt.req, fastPoll)
			var e *adminapi.Error
			if !errors.As(err, &e) || e.Reason != tt.reason || e.StatusCode != http.StatusBadRequest || !errors.Is(err, adminapi.ErrInvalidInput) {
				t.Errorf("err = %v, want an *Error with reason %s", err, tt.reason)
			}
		})
	}
	if _, err := c.GetExport(t.Context(), "userexport_NOSUCHJOB"); !errors.Is(err, adminapi.ErrNotFound) {
		t.Errorf("GetExport(unknown) = %v, want ErrNotFound", err)
	}
}

func TestReadExportedUsersKeepsUnknownKeys(t *testing.T) {
	t.Parallel()
	const line = `{"sub":"u1","email":"a@example.com","email_verified":true,"phone_number_verified":false,"disabled":false,"is_anonymized":false,"biometric_count":0,"passkey_count":0,"x_future":{"a":1},"y_new":[true]}`
	var got []adminapi.ExportedUser
	for u, err := range adminapi.ReadExportedUsers(strings.NewReader(line + "\n" + line + "\n")) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, u)
	}
	if len(got) != 2 || got[0].Sub != "u1" || string(got[0].Extra["x_future"]) != `{"a":1}` || string(got[0].Extra["y_new"]) != "[true]" {
		t.Fatalf("got %+v", got)
	}
	b, err := got[0].MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != line {
		t.Errorf("round trip:\n got %s\nwant %s", b, line)
	}

	var n int
	for _, err := range adminapi.ReadExportedUsers(strings.NewReader(line + "\n[1]\n" + line)) {
		if err != nil {
			if !strings.Contains(err.Error(), "exported user 1") {
				t.Errorf("err = %v, want it to name record 1", err)
			}
			break
		}
		n++
	}
	if n != 1 {
		t.Errorf("%d users before the error, want 1", n)
	}
}
