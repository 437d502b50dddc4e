package adminapi

import (
	"context"
	"encoding/json"
	"testing"
)

func TestAuditLogOperations(t *testing.T) {
	t.Parallel()
	u := uuidN(1)
	entry := map[string]any{
		"id": NodeID("AuditLog", "l1"), "activityType": "ADMIN_API_MUTATION_CREATE_USER_EXECUTED", "createdAt": t1JSON,
		"clientID": nil, "ipAddress": "10.0.0.1", "userAgent": nil,
		"data": map[string]any{"payload": map[string]any{"audit_context": map[string]any{"operator": "alice"}}, "n": json.Number("9007199254740993")},
		"user": map[string]any{"id": NodeID("User", u)},
	}
	deleted := map[string]any{"id": NodeID("AuditLog", "l2"), "activityType": "USER_DELETED", "createdAt": t2JSON, "data": nil, "user": nil}
	want := []*AuditLog{
		{
			ID: NodeID("AuditLog", "l1"), ActivityType: AuditLogActivityTypeAdminApiMutationCreateUserExecuted, CreatedAt: t1,
			UserID: NodeID("User", u), IPAddress: "10.0.0.1",
			Data: JSONObject{"payload": map[string]any{"audit_context": map[string]any{"operator": "alice"}}, "n": json.Number("9007199254740993")},
		},
		{ID: NodeID("AuditLog", "l2"), ActivityType: AuditLogActivityTypeUserDeleted, CreatedAt: t2},
	}
	runOpCases(t, []opCase{
		{
			name: "all filters",
			call: func(ctx context.Context, c *Client) (any, error) {
				return collectSeq(c.ListAuditLogs(ctx, &ListAuditLogsOptions{
					PageSize:       20,
					ActivityTypes:  []AuditLogActivityType{AuditLogActivityTypeUserDeleted, AuditLogActivityTypeAdminApiMutationCreateUserExecuted},
					UserIDs:        []string{u},
					EmailAddresses: []string{"a@example.com"},
					PhoneNumbers:   []string{"+85298765432"},
					From:           t1,
					To:             t2,
					SortDirection:  SortDirectionAsc,
				}))
			},
			op: "ListAuditLogs",
			vars: map[string]any{
				"first": float64(20), "after": nil,
				"activityTypes":  []any{"USER_DELETED", "ADMIN_API_MUTATION_CREATE_USER_EXECUTED"},
				"userIDs":        []any{NodeID("User", u)},
				"emailAddresses": []any{"a@example.com"}, "phoneNumbers": []any{"+85298765432"},
				"rangeFrom": t1JSON, "rangeTo": t2JSON, "sortDirection": "ASC",
			},
			answer: map[string]any{"auditLogs": page(0, false, entry, deleted)},
			want:   want,
		},
		{
			name: "no filters",
			call: func(ctx context.Context, c *Client) (any, error) { return collectSeq(c.ListAuditLogs(ctx, nil)) },
			op:   "ListAuditLogs",
			vars: map[string]any{
				"first": float64(100), "after": nil, "activityTypes": nil, "userIDs": nil, "emailAddresses": nil,
				"phoneNumbers": nil, "rangeFrom": nil, "rangeTo": nil, "sortDirection": nil,
			},
			answer: map[string]any{"auditLogs": page(0, false)},
		},
	})
	runRefusedCases(t, []refusedCase{
		{"bad user filter", func(ctx context.Context, c *Client) error {
			return firstErr(c.ListAuditLogs(ctx, &ListAuditLogsOptions{UserIDs: []string{"garbage"}}))
		}},
		{"negative page size", func(ctx context.Context, c *Client) error {
			return firstErr(c.ListAuditLogs(ctx, &ListAuditLogsOptions{PageSize: -1}))
		}},
	})
}

// TestAuditLogsPagesWithCursor checks that the filters travel with every
// page request.
func TestAuditLogsPagesWithCursor(t *testing.T) {
	t.Parallel()
	entry := func(i int) map[string]any {
		return map[string]any{"id": NodeID("AuditLog", uuidN(i)), "activityType": "USER_CREATED", "createdAt": t1JSON}
	}
	c, fs := newFakeServer(t, graphqlHandler(t, func(_ string, vars map[string]any) any {
		if vars["after"] == nil {
			return map[string]any{"auditLogs": page(0, true, entry(0), entry(1))}
		}
		return map[string]any{"auditLogs": page(2, false, entry(2))}
	}))
	logs, err := collectSeq(c.ListAuditLogs(t.Context(), &ListAuditLogsOptions{PageSize: 2, ActivityTypes: []AuditLogActivityType{AuditLogActivityTypeUserCreated}}))
	if err != nil || len(logs) != 3 {
		t.Fatalf("got %d entries, %v; want 3", len(logs), err)
	}
	reqs := fs.Requests()
	if len(reqs) != 2 || reqs[1].Body.Variables["after"] != "offset:1" || reqs[1].Body.Variables["activityTypes"] == nil {
		t.Errorf("second request variables = %v", reqs[len(reqs)-1].Body.Variables)
	}
}
