package store

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestEventType(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"USER_CREATED":                                      "user.created",
		"IDENTITY_EMAIL_ADDED":                              "identity.email.added",
		"ADMIN_API_MUTATION_CREATE_USER_EXECUTED":           "admin_api.mutation.create_user.executed",
		"ADMIN_API_MUTATION_GENERATE_OOB_OTP_CODE_EXECUTED": "admin_api.mutation.generate_oob_otp_code.executed",
	} {
		if got := EventType(in); got != want {
			t.Errorf("EventType(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAuditLog(t *testing.T) {
	t.Parallel()
	now := testNow
	s := New(func() time.Time { return now }, false)
	req := RequestInfo{IPAddress: "192.0.2.1", UserAgent: "test", URL: "http://x/_api/admin/graphql", AuditContext: map[string]any{"ticket": "T-1"}}
	first := s.AppendAuditLog(Event{ActivityType: "USER_CREATED", UserID: "u1", Payload: map[string]any{"n": 1}, Request: req})
	now = now.Add(time.Hour)
	s.AppendAuditLog(Event{ActivityType: "EMAIL_SENT", Payload: map[string]any{"recipient": "a@example.com"}, Request: req})
	snap := s.Snapshot()
	now = now.Add(time.Hour)
	s.AppendAuditLog(Event{ActivityType: "USER_DELETED", UserID: "u2", Request: req})

	if first.ID != "0000000000000001" || first.Data["type"] != "user.created" {
		t.Errorf("first entry = %+v", first)
	}
	ctx := first.Data["context"].(map[string]any)
	if diff := cmp.Diff(map[string]any{"ticket": "T-1", "http_url": req.URL}, ctx["audit_context"]); diff != "" {
		t.Errorf("audit_context (-want +got):\n%s", diff)
	}
	if ctx["user_id"] != "u1" || ctx["ip_address"] != "192.0.2.1" || ctx["triggered_by"] != "admin_api" {
		t.Errorf("context = %v", ctx)
	}

	types := func(q AuditQuery) []string {
		var out []string
		for _, l := range s.AuditLogs(q) {
			out = append(out, l.ActivityType)
		}
		return out
	}
	from, to := testNow.Add(30*time.Minute), testNow.Add(2*time.Hour)
	tests := []struct {
		name string
		q    AuditQuery
		want []string
	}{
		{"newest first", AuditQuery{}, []string{"USER_DELETED", "EMAIL_SENT", "USER_CREATED"}},
		{"ascending", AuditQuery{Ascending: true}, []string{"USER_CREATED", "EMAIL_SENT", "USER_DELETED"}},
		{"types", AuditQuery{ActivityTypes: []string{"USER_CREATED", "USER_DELETED"}}, []string{"USER_DELETED", "USER_CREATED"}},
		{"range", AuditQuery{From: &from, To: &to}, []string{"EMAIL_SENT"}},
		{"to is exclusive", AuditQuery{To: &testNow}, nil},
		{"user", AuditQuery{UserIDs: []string{"u2"}}, []string{"USER_DELETED"}},
		{"email", AuditQuery{EmailAddresses: []string{"a@example.com"}}, []string{"EMAIL_SENT"}},
		{"user or email", AuditQuery{UserIDs: []string{"u1"}, EmailAddresses: []string{"a@example.com"}}, []string{"EMAIL_SENT", "USER_CREATED"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, types(tt.q)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}

	s.Restore(snap)
	if diff := cmp.Diff([]string{"USER_CREATED", "EMAIL_SENT"}, types(AuditQuery{Ascending: true})); diff != "" {
		t.Errorf("after Restore (-want +got):\n%s", diff)
	}
	// Appending after a restore must not write into the snapshot's entries.
	s.AppendAuditLog(Event{ActivityType: "USER_REENABLED"})
	s.Restore(snap)
	if n := len(s.AuditLogs(AuditQuery{})); n != 2 {
		t.Errorf("%d entries after restoring again, want 2", n)
	}
}
