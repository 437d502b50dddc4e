package adminapitest

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// restError returns the error envelope of a REST answer after checking its
// status and content type.
func restError(t *testing.T, a answer, status int) map[string]any {
	t.Helper()
	if a.status != status || a.contentType != "application/json" {
		t.Fatalf("got %d %q, want %d application/json; body %s", a.status, a.contentType, status, a.body)
	}
	e, ok := decode(t, a.body)["error"].(map[string]any)
	if !ok {
		t.Fatalf("no error envelope: %s", a.body)
	}
	if e["code"] != float64(status) || e["tracking_id"] == "" {
		t.Errorf("envelope code %v, tracking id %v", e["code"], e["tracking_id"])
	}
	return e
}

var importID = regexp.MustCompile(`^userimport_[0-9A-HJKMNP-TV-Z]{32}$`)

func TestImportRequestChecks(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	auth := func(ct string) map[string]string {
		h := map[string]string{"Authorization": "Bearer " + token(t, s, nil)}
		if ct != "" {
			h["Content-Type"] = ct
		}
		return h
	}
	record := `{"email":"x@example.com","name":"` + strings.Repeat("n", 100) + `"}`
	body := func(n int) string { // about n records
		return `{"identifier":"email","records":[` + strings.TrimSuffix(strings.Repeat(record+",", n), ",") + `]}`
	}
	tests := []struct {
		name, contentType, body string
		status                  int
		reason, message         string
	}{
		{"text/plain", "text/plain", body(1), 400, "BadRequest", "request content type is invalid"},
		{"no content type", "", body(1), 400, "BadRequest", "request content type is invalid"},
		{"charset", "application/json; charset=utf-8", body(1), 200, "", ""},
		{"malformed", "application/json", `{"identifier":`, 400, "InvalidJSON", "unexpected end of JSON input"},
		{"too large", "application/json", body(4000), 413, "JSONTooLarge", "request body too large"},
		{"no records", "application/json", `{"identifier":"email","records":[]}`, 400, "ValidationFailed", "invalid request body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := do(t, s, http.MethodPost, importsPath, auth(tt.contentType), tt.body)
			if tt.status == 200 {
				if id := resultID(t, a); !importID.MatchString(id) {
					t.Errorf("job id %q", id)
				}
				return
			}
			e := restError(t, a, tt.status)
			if e["reason"] != tt.reason || e["message"] != tt.message {
				t.Errorf("error = %v, want %s %q", e, tt.reason, tt.message)
			}
			if tt.reason == "JSONTooLarge" {
				if diff := cmp.Diff(map[string]any{"limit": float64(500000)}, e["info"]); diff != "" {
					t.Errorf("info (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestImportJobs(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2031, 2, 3, 4, 5, 6, 0, time.UTC)}
	s := newTestServer(t, WithClock(clock.Now))
	id := resultID(t, restPost(t, s, importsPath, `{"identifier":"phone_number","upsert":true,"records":[`+
		`{"phone_number":"+14155550100","name":"P"},{"phone_number":"+14155550100","name":"Q"},{"phone_number":"bad"}]}`))

	got := decode(t, restGet(t, s, importsPath+"/"+id).body)["result"].(map[string]any)
	if got["status"] != "completed" || got["created_at"] != "2031-02-03T04:05:06Z" || got["completed_at"] != "2031-02-03T04:05:06Z" {
		t.Errorf("job = %v", got)
	}
	if diff := cmp.Diff(map[string]any{"total": 3.0, "inserted": 1.0, "updated": 1.0, "skipped": 0.0, "failed": 1.0}, got["summary"]); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	details := got["details"].([]any)
	failed := details[2].(map[string]any)
	errs := failed["errors"].([]any)
	if failed["outcome"] != "failed" || len(errs) != 1 || errs[0].(map[string]any)["reason"] != "ValidationFailed" ||
		errs[0].(map[string]any)["code"] != 400.0 || failed["user_id"] != nil {
		t.Errorf("failed detail = %v", failed)
	}
	if u := s.Users(); len(u) != 1 || u[0].StandardAttributes["name"] != "Q" {
		t.Errorf("users = %+v, want one named Q", u)
	}

	// An export id, or a job older than 24 hours, is not found.
	e := restError(t, restGet(t, s, importsPath+"/userexport_00000000000000000000000000000000"), 404)
	if e["reason"] != "TaskNotFound" {
		t.Errorf("error = %v", e)
	}
	clock.Add(24*time.Hour + time.Second)
	if e := restError(t, restGet(t, s, importsPath+"/"+id), 404); e["reason"] != "TaskNotFound" {
		t.Errorf("expired job: %v", e)
	}
}
