package adminapitest

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRollback(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		query string
	}{
		{"invalid login id after create", `mutation {
			ok: createUser(input: {definition: {loginID: {key: "email", value: "ok@example.com"}}}) { user { id } }
			bad: createUser(input: {definition: {loginID: {key: "email", value: "not-an-email"}}}) { user { id } }
		}`},
		{"duplicate in the same request", `mutation {
			a: createUser(input: {definition: {loginID: {key: "email", value: "dup@example.com"}}}) { user { id } }
			b: createUser(input: {definition: {loginID: {key: "email", value: "dup@example.com"}}}) { user { id } }
		}`},
		{"invalid role key after create", `mutation {
			a: createUser(input: {definition: {loginID: {key: "email", value: "ok@example.com"}}}) { user { id } }
			b: createGroup(input: {key: "g"}) { group { id } }
			c: createRole(input: {key: "authgear:r"}) { role { id } }
		}`},
		{"error in a nested field", `mutation {
			createUser(input: {definition: {loginID: {key: "email", value: "ok@example.com"}}}) { user { id } }
			createRole(input: {key: "r"}) { role { id users(after: "garbage") { totalCount } } }
		}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newTestServer(t)
			got := gql(t, s, tt.query, nil)
			if got.status != http.StatusOK {
				t.Fatalf("status = %d, want 200", got.status)
			}
			if errs, _ := decode(t, got.body)["errors"].([]any); len(errs) == 0 {
				t.Fatalf("no errors in %s", got.body)
			}
			if users := s.Users(); len(users) != 0 {
				t.Errorf("%d users left by a failed request, want 0", len(users))
			}
			if n := len(s.Roles()) + len(s.Groups()); n != 0 {
				t.Errorf("%d roles and groups left by a failed request, want 0", n)
			}
			if logs := s.AuditLogs(); len(logs) != 0 {
				t.Errorf("%d audit log entries left by a failed request, want 0", len(logs))
			}
		})
	}
}

func TestRollbackKeepsEarlierRequests(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u, err := s.SeedUser(SeedUser{Email: "keep@example.com", CustomAttributes: map[string]any{"plan": "pro"}})
	if err != nil {
		t.Fatal(err)
	}
	got := gql(t, s, `mutation($id: ID!) {
		updateUser(input: {userID: $id, customAttributes: {plan: "free"}}) { user { id } }
		deleteUser(input: {userID: "garbage"}) { deletedUserID }
	}`, map[string]any{"id": u.NodeID})
	if got.status != http.StatusOK {
		t.Fatalf("status = %d", got.status)
	}
	after, ok := s.User(u.ID)
	if !ok {
		t.Fatal("seeded user is gone")
	}
	if diff := cmp.Diff(map[string]any{"plan": "pro"}, after.CustomAttributes); diff != "" {
		t.Errorf("custom attributes changed by a failed request (-want +got):\n%s", diff)
	}
	if !after.UpdatedAt.Equal(u.UpdatedAt) {
		t.Errorf("updatedAt moved from %v to %v", u.UpdatedAt, after.UpdatedAt)
	}
}

// TestMutationStopsAtFirstError checks that, as on the server, fields after
// a failed one do not run (2k2 records a single error for five failing
// fields).
func TestMutationStopsAtFirstError(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	got := gql(t, s, `mutation {
		a: deleteUser(input: {userID: "garbage"}) { deletedUserID }
		b: createUser(input: {definition: {loginID: {key: "email", value: "never@example.com"}}}) { user { id } }
		c: deleteUser(input: {userID: "garbage"}) { deletedUserID }
	}`, nil)
	body := decode(t, got.body)
	errs, _ := body["errors"].([]any)
	if len(errs) != 1 {
		t.Fatalf("%d errors, want 1: %s", len(errs), got.body)
	}
	if path := errs[0].(map[string]any)["path"]; !cmp.Equal(path, []any{"a"}) {
		t.Errorf("error path = %v, want [a]", path)
	}
	if body["data"] != nil {
		t.Errorf("data = %v, want null", body["data"])
	}
}
