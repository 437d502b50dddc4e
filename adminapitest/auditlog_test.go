package adminapitest

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// gqlWithToken posts a GraphQL request with the token.
func gqlWithToken(t *testing.T, s *Server, tok, query string, vars map[string]any) answer {
	t.Helper()
	b, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	return do(t, s, http.MethodPost, graphQLPath, map[string]string{
		"Content-Type": "application/json", "Authorization": "Bearer " + tok, "User-Agent": "audit-test/1.0",
	}, string(b))
}

func TestAuditLogOfMutations(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2031, 2, 3, 4, 5, 6, 789000000, time.UTC)}
	s := newTestServer(t, WithClock(clock.Now))
	tok := token(t, s, func(o *tokenOpts) {
		o.claims["audit_context"] = map[string]any{"operator": "ops@example.com", "ticket": "T-42"}
	})
	a := gqlWithToken(t, s, tok, `mutation($pw: String) {
		createUser(input: {definition: {loginID: {key: "email", value: "a@example.com"}}, password: $pw}) { user { id } }
		createRole(input: {key: "admin"}) { role { id } }
	}`, map[string]any{"pw": "correct horse"})
	body := decode(t, a.body)
	if body["errors"] != nil {
		t.Fatalf("mutation failed: %s", a.body)
	}
	userNode := dig(t, body, "data", "createUser", "user", "id").(string)
	u, _ := s.User(userNode)

	logs := s.AuditLogs()
	var types []string
	for _, l := range logs {
		types = append(types, l.ActivityType)
	}
	if diff := cmp.Diff([]string{"USER_CREATED", "ADMIN_API_MUTATION_CREATE_USER_EXECUTED", "ADMIN_API_MUTATION_CREATE_ROLE_EXECUTED"}, types); diff != "" {
		t.Fatalf("activity types (-want +got):\n%s", diff)
	}
	created := logs[1]
	if created.UserID != u.ID || created.IPAddress != "127.0.0.1" || created.UserAgent != "audit-test/1.0" ||
		!created.CreatedAt.Equal(clock.Now().Truncate(time.Second)) || created.ID != "0000000000000002" {
		t.Errorf("createUser entry = %+v", created)
	}
	if logs[2].UserID != "" {
		t.Errorf("createRole entry is linked to user %q", logs[2].UserID)
	}
	if diff := cmp.Diff(map[string]any{
		"definition": map[string]any{"loginID": map[string]any{"key": "email", "value": "a@example.com"}},
		"password":   "REDACTED",
	}, created.Data["payload"]); diff != "" {
		t.Errorf("payload (-want +got):\n%s", diff)
	}
	ctx := created.Data["context"].(map[string]any)
	if diff := cmp.Diff(map[string]any{
		"operator": "ops@example.com", "ticket": "T-42", "http_url": s.URL() + graphQLPath,
	}, ctx["audit_context"]); diff != "" {
		t.Errorf("audit_context (-want +got):\n%s", diff)
	}
	if created.Data["type"] != "admin_api.mutation.create_user.executed" || ctx["user_id"] != u.ID {
		t.Errorf("data = %v", created.Data)
	}

	// Queries read the same entries.
	q := gqlData(t, s, `query($u: [ID!]) {
		all: auditLogs(first: 10, sortDirection: ASC) { totalCount edges { cursor node { id activityType createdAt user { id } ipAddress userAgent clientID data } } }
		mine: auditLogs(userIDs: $u) { edges { node { activityType } } }
		roles: auditLogs(activityTypes: [ADMIN_API_MUTATION_CREATE_ROLE_EXECUTED]) { totalCount }
		later: auditLogs(rangeFrom: "2031-02-03T04:05:07Z") { totalCount }
	}`, map[string]any{"u": []string{u.NodeID}})
	first := dig(t, q, "all", "edges", 1, "node").(map[string]any)
	if first["id"] != created.NodeID || first["activityType"] != created.ActivityType ||
		dig(t, first, "user", "id") != userNode || first["createdAt"] != "2031-02-03T04:05:06Z" || first["clientID"] != nil {
		t.Errorf("entry via the API = %v", first)
	}
	if dig(t, first, "data", "payload", "password") != "REDACTED" {
		t.Errorf("password in data: %v", first["data"])
	}
	if got := nodesOf(t, dig(t, q, "mine"), "activityType"); !cmp.Equal(got, []any{"ADMIN_API_MUTATION_CREATE_USER_EXECUTED", "USER_CREATED"}) {
		t.Errorf("entries of the user, newest first = %v", got)
	}
	if dig(t, q, "roles", "totalCount") != float64(1) || dig(t, q, "later", "totalCount") != float64(0) {
		t.Errorf("filtered counts = %v", q)
	}
	n := gqlData(t, s, `query($id: ID!) { node(id: $id) { __typename ... on AuditLog { activityType } } }`, map[string]any{"id": created.NodeID})
	if dig(t, n, "node", "activityType") != "ADMIN_API_MUTATION_CREATE_USER_EXECUTED" {
		t.Errorf("node = %v", n)
	}

	// A failed request adds nothing; a mutation without an activity type
	// (setMFAGracePeriod) adds nothing either.
	gql(t, s, `mutation { deleteRole(input: {id: "garbage"}) { ok } }`, nil)
	gqlData(t, s, `mutation($id: ID!) { setMFAGracePeriod(input: {userID: $id, endAt: "2031-02-04T00:00:00Z"}) { user { id } } }`, map[string]any{"id": userNode})
	if n := len(s.AuditLogs()); n != 3 {
		t.Errorf("%d entries, want 3", n)
	}

	// Deleting the user leaves its entries, whose user is then null.
	gqlData(t, s, `mutation($id: ID!) { deleteUser(input: {userID: $id, reason: "gdpr"}) { deletedUserID } }`, map[string]any{"id": userNode})
	logs = s.AuditLogs()
	if got := logs[len(logs)-2]; got.ActivityType != "USER_DELETED" || got.Data["payload"].(map[string]any)["reason"] != "gdpr" {
		t.Errorf("USER_DELETED entry = %+v", got)
	}
	q = gqlData(t, s, `{ auditLogs(first: 1) { edges { node { activityType user { id } data } } } }`, nil)
	if dig(t, q, "auditLogs", "edges", 0, "node", "user") != nil || dig(t, q, "auditLogs", "edges", 0, "node", "data", "payload", "reason") != "gdpr" {
		t.Errorf("deleteUser entry = %v", q)
	}
}

func TestAuditLogsByRecipient(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	seed(t, s, SeedUser{Email: "a@example.com"})
	seed(t, s, SeedUser{Phone: "+85298765432"})
	gqlData(t, s, `mutation {
		a: sendResetPasswordMessage(input: {loginID: "a@example.com"})
		b: sendResetPasswordMessage(input: {loginID: "+85298765432"})
	}`, nil)
	q := gqlData(t, s, `{
		email: auditLogs(emailAddresses: ["a@example.com"]) { edges { node { activityType data } } }
		phone: auditLogs(phoneNumbers: ["+85298765432"]) { edges { node { activityType } } }
		both: auditLogs(emailAddresses: ["a@example.com"], phoneNumbers: ["+85298765432"]) { totalCount }
	}`, nil)
	if got := nodesOf(t, dig(t, q, "email"), "activityType"); !cmp.Equal(got, []any{"EMAIL_SENT"}) {
		t.Errorf("email entries = %v", got)
	}
	if got := nodesOf(t, dig(t, q, "phone"), "activityType"); !cmp.Equal(got, []any{"SMS_SENT"}) {
		t.Errorf("phone entries = %v", got)
	}
	if got := dig(t, q, "both", "totalCount"); got != float64(2) {
		t.Errorf("both = %v", got)
	}
	e := gqlError(t, s, `{ auditLogs(userIDs: ["garbage"]) { totalCount } }`, nil)
	checkAPIError(t, e, "invalid user IDs", "Invalid", "Invalid")
}
