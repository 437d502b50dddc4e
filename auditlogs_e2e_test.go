package adminapi_test

import (
	"context"
	"fmt"
	"log"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/auth"
)

// auditContextOf returns data.context.audit_context of an audit log entry.
func auditContextOf(l *adminapi.AuditLog) any {
	ctx, _ := l.Data["context"].(map[string]any)
	return ctx["audit_context"]
}

// TestE2EAuditLogs checks the audit log filters, and that a per-call audit
// context reaches both the token and the entry the server records.
func TestE2EAuditLogs(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	start := time.Now().Add(-time.Second)
	operator := auth.ContextWithAuditContext(ctx, map[string]any{"operator": "alice", "ticket": "OPS-1"})
	carol := must[*adminapi.User](t)(c.CreateUser(operator, adminapi.NewUser{
		LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "carol@example.com"},
	}))
	must[*adminapi.User](t)(c.CreateUser(ctx, adminapi.NewUser{
		LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "dan@example.com"},
	}))
	must[*adminapi.User](t)(c.DisableUser(ctx, carol.ID, "test"))

	// The token of the call made with the audit context carried it.
	var claims []map[string]any
	for _, r := range srv.Requests() {
		if r.OperationName == "CreateUser" && r.TokenClaims != nil {
			claims = append(claims, r.TokenClaims.AuditContext)
		}
	}
	if diff := cmp.Diff([]map[string]any{{"operator": "alice", "ticket": "OPS-1"}, nil}, claims); diff != "" {
		t.Errorf("audit_context claims of the CreateUser tokens mismatch (-want +got):\n%s", diff)
	}

	created := collectE2E(t, c.ListAuditLogs(ctx, &adminapi.ListAuditLogsOptions{
		ActivityTypes: []adminapi.AuditLogActivityType{adminapi.AuditLogActivityTypeAdminApiMutationCreateUserExecuted},
		SortDirection: adminapi.SortDirectionAsc,
	}))
	if len(created) != 2 {
		t.Fatalf("%d createUser entries, want 2", len(created))
	}
	if created[0].UserID != carol.ID || created[0].CreatedAt.Before(start.Truncate(time.Second)) {
		t.Errorf("first entry = %+v", created[0])
	}
	// The server adds the request URL to what the token carried.
	recorded, _ := auditContextOf(created[0]).(map[string]any)
	want := map[string]any{"operator": "alice", "ticket": "OPS-1", "http_url": srv.URL() + adminapi.GraphQLPath}
	if diff := cmp.Diff(want, recorded); diff != "" {
		t.Errorf("recorded audit context mismatch (-want +got):\n%s", diff)
	}

	// Filter by user: carol's creation and disabling, oldest first, or
	// newest first.
	asc := collectE2E(t, c.ListAuditLogs(ctx, &adminapi.ListAuditLogsOptions{
		UserIDs: []string{carol.RawID}, SortDirection: adminapi.SortDirectionAsc, PageSize: 1,
	}))
	desc := collectE2E(t, c.ListAuditLogs(ctx, &adminapi.ListAuditLogsOptions{UserIDs: []string{carol.ID}}))
	types := func(ls []*adminapi.AuditLog) []string {
		return keysOf(ls, func(l *adminapi.AuditLog) string { return string(l.ActivityType) })
	}
	if !slices.Contains(types(asc), string(adminapi.AuditLogActivityTypeAdminApiMutationSetDisabledStatusExecuted)) {
		t.Errorf("carol's entries %v lack the disabling", types(asc))
	}
	rev := slices.Clone(desc)
	slices.Reverse(rev)
	if diff := cmp.Diff(types(asc), types(rev)); diff != "" {
		t.Errorf("descending order is not the reverse of ascending (-asc +reversed desc):\n%s", diff)
	}
	for _, l := range asc {
		if l.UserID != carol.ID {
			t.Errorf("entry about %s in carol's list", l.UserID)
		}
	}

	// A time range after everything is empty; one around it is not.
	if later := collectE2E(t, c.ListAuditLogs(ctx, &adminapi.ListAuditLogsOptions{From: time.Now().Add(time.Hour)})); len(later) != 0 {
		t.Errorf("%d entries in the future", len(later))
	}
	if around := collectE2E(t, c.ListAuditLogs(ctx, &adminapi.ListAuditLogsOptions{From: start.Add(-time.Minute), To: time.Now().Add(time.Minute)})); len(around) < 3 {
		t.Errorf("%d entries in the range, want at least 3", len(around))
	}

	got := must[*adminapi.AuditLog](t)(c.GetAuditLog(ctx, created[0].ID))
	if diff := cmp.Diff(created[0], got); diff != "" {
		t.Errorf("GetAuditLog mismatch (-want +got):\n%s", diff)
	}
}

// ExampleClient_ListAuditLogs records who made a change with a per-call
// audit context, then reads it back from the audit log.
func ExampleClient_ListAuditLogs() {
	srv := startEmulator()
	defer srv.Close()
	client := srv.Client()

	// Every request made with this context carries the audit context in
	// its token; the server stores it with the audit log entries.
	ctx := auth.ContextWithAuditContext(context.Background(), map[string]any{"operator": "erin@ops.example.com"})
	if _, err := client.CreateUser(ctx, adminapi.NewUser{
		LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "frank@example.com"},
	}); err != nil {
		log.Fatal(err)
	}

	for entry, err := range client.ListAuditLogs(context.Background(), &adminapi.ListAuditLogsOptions{
		ActivityTypes: []adminapi.AuditLogActivityType{adminapi.AuditLogActivityTypeAdminApiMutationCreateUserExecuted},
	}) {
		if err != nil {
			log.Fatal(err)
		}
		audit := entry.Data["context"].(map[string]any)["audit_context"].(map[string]any)
		fmt.Println(entry.ActivityType, audit["operator"])
	}
	// Output:
	// ADMIN_API_MUTATION_CREATE_USER_EXECUTED erin@ops.example.com
}
