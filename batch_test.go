package adminapi

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
)

var testSchema = sync.OnceValues(func() (*ast.Schema, error) {
	return gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: SchemaSDL})
})

func loadTestSchema(t *testing.T) *ast.Schema {
	t.Helper()
	s, err := testSchema()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSplitBatch(t *testing.T) {
	t.Parallel()
	items := func(n int, flushAt ...int) []batchItem {
		out := make([]batchItem, n)
		for _, i := range flushAt {
			out[i].flush = true
		}
		return out
	}
	tests := []struct {
		name  string
		items []batchItem
		want  [][2]int
	}{
		{"empty", nil, nil},
		{"one", items(1), [][2]int{{0, 1}}},
		{"exactly five", items(5), [][2]int{{0, 5}}},
		{"six", items(6), [][2]int{{0, 5}, {5, 6}}},
		{"twelve", items(12), [][2]int{{0, 5}, {5, 10}, {10, 12}}},
		{"flush", items(8, 3), [][2]int{{0, 3}, {3, 8}}},
		{"flush at five", items(7, 5), [][2]int{{0, 5}, {5, 7}}},
		{"flush first is harmless", items(2, 0), [][2]int{{0, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, splitBatch(tt.items)); diff != "" {
				t.Errorf("splitBatch mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// fullBatch returns a batch with one item of every kind, with values that
// would break a document built by pasting strings.
func fullBatch() *Batch {
	const evil = `x") { deleteUser(input: {userID: "y"}) { deletedUserID } } #`
	u := NodeID("User", uuidN(1))
	var b Batch
	b.CreateUser(NewUser{LoginID: LoginID{LoginIDEmail, evil}, Password: Password(evil)})
	b.UpdateUser(u, UserUpdate{CustomAttributes: JSONObject{"note": evil}})
	b.DisableUser(u, evil)
	b.EnableUser(u)
	b.AddRoleToUsers(evil, []string{u})
	b.RemoveRoleFromUsers("r", []string{u})
	b.AddUserToRoles(u, []string{evil})
	b.RemoveUserFromRoles(u, []string{"r"})
	b.AddRoleToGroups("r", []string{"g"})
	b.RemoveRoleFromGroups("r", []string{"g"})
	b.AddGroupToUsers("g", []string{u})
	b.RemoveGroupFromUsers("g", []string{u})
	b.AddUserToGroups(u, []string{"g"})
	b.RemoveUserFromGroups(u, []string{"g"})
	b.AddGroupToRoles("g", []string{"r"})
	b.RemoveGroupFromRoles("g", []string{"r"})
	b.DeleteUser(u)
	return &b
}

// TestBatchDocuments checks that every request document is valid against
// the schema, holds at most five fields, and carries no argument value.
func TestBatchDocuments(t *testing.T) {
	t.Parallel()
	schema := loadTestSchema(t)
	parsed, err := batchOpsParsed()
	if err != nil {
		t.Fatal(err)
	}
	b := fullBatch()
	if b.Len() != len(batchOps)+1 {
		t.Fatalf("fullBatch has %d items; update it to use every batch operation (%d)", b.Len(), len(batchOps))
	}
	var fields []string
	for _, chunk := range splitBatch(b.items) {
		items := b.items[chunk[0]:chunk[1]]
		query, vars := batchDocument(parsed, items)
		if strings.Contains(query, "deletedUserID } }") || strings.Contains(query, "#") {
			t.Errorf("an argument value reached the document:\n%s", query)
		}
		doc, err := parser.ParseQuery(&ast.Source{Input: query})
		if err != nil {
			t.Fatalf("document does not parse: %v\n%s", err, query)
		}
		if errs := validator.ValidateWithRules(schema, doc, nil); len(errs) > 0 {
			t.Fatalf("document invalid: %v\n%s", errs, query)
		}
		sel := doc.Operations[0].SelectionSet
		if len(sel) > MaxMutationFields || len(sel) != len(items) || len(vars) != len(items) {
			t.Errorf("%d fields, %d variables for %d items", len(sel), len(vars), len(items))
		}
		for k, s := range sel {
			f := s.(*ast.Field)
			if want := "m" + string(rune('0'+k)); f.Alias != want {
				t.Errorf("alias %q, want %q", f.Alias, want)
			}
			fields = append(fields, f.Name)
		}
		// The variables encode as the server expects them.
		if _, err := json.Marshal(vars); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"createUser", "updateUser", "setDisabledStatus", "setDisabledStatus", "addRoleToUsers",
		"removeRoleFromUsers", "addUserToRoles", "removeUserFromRoles", "addRoleToGroups", "removeRoleFromGroups",
		"addGroupToUsers", "removeGroupFromUsers", "addUserToGroups", "removeUserFromGroups", "addGroupToRoles",
		"removeGroupFromRoles", "deleteUser"}
	if diff := cmp.Diff(want, fields); diff != "" {
		t.Errorf("fields mismatch (-want +got):\n%s", diff)
	}
}

// batchServer answers batch requests: each field's payload is built from
// its input; a request holding a createUser for fail@example.com fails as
// a whole, like the server's rollback.
func batchServer(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Query     string                     `json:"query"`
			Variables map[string]json.RawMessage `json:"variables"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			t.Error(err)
		}
		doc, err := parser.ParseQuery(&ast.Source{Input: req.Query})
		if err != nil {
			t.Errorf("query does not parse: %v", err)
			return
		}
		data := map[string]any{}
		for _, s := range doc.Operations[0].SelectionSet {
			f := s.(*ast.Field)
			input := req.Variables[f.Arguments[0].Value.Raw]
			if strings.Contains(string(input), "fail@example.com") {
				w.Header().Set("Content-Type", "application/json")
				w.Write([]byte(`{"data":null,"errors":[{"message":"identity already exists","path":["` + f.Alias + `"],"extensions":{"errorName":"Invalid","reason":"InvariantViolated","info":{"cause":{"kind":"DuplicatedIdentity"}}}}]}`))
				return
			}
			switch f.Name {
			case "createUser":
				data[f.Alias] = map[string]any{"user": fakeUser(uuidN(len(data)), time.Now(), `{}`, `{}`)}
			case "addRoleToUsers":
				data[f.Alias] = map[string]any{"role": map[string]any{"id": NodeID("Role", "r1"), "key": "admin", "createdAt": time.Now(), "updatedAt": time.Now()}}
			case "deleteUser":
				data[f.Alias] = map[string]any{"deletedUserID": "x"}
			}
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"data": data})
	}
}

func TestRunBatch(t *testing.T) {
	t.Parallel()
	c, fs := newFakeServer(t, batchServer(t))
	var b Batch
	for _, email := range []string{"a@example.com", "b@example.com", "c@example.com", "d@example.com", "e@example.com",
		"f@example.com", "fail@example.com", "g@example.com"} {
		b.CreateUser(NewUser{LoginID: LoginID{LoginIDEmail, email}})
	}
	b.Flush()
	role := b.AddRoleToUsers("admin", []string{uuidN(1)})
	del := b.DeleteUser(uuidN(2))

	results, err := c.RunBatch(t.Context(), &b)
	var be *BatchError
	if !errors.As(err, &be) || be.Requests != 3 || len(be.Errs) != 1 || !errors.Is(err, ErrAlreadyExists) {
		t.Fatalf("error = %v; want a *BatchError with one of 3 requests failed, matching ErrAlreadyExists", err)
	}
	if !strings.Contains(err.Error(), "1 of 3 requests failed") {
		t.Errorf("error text %q", err)
	}
	if len(results) != b.Len() {
		t.Fatalf("%d results for %d items", len(results), b.Len())
	}
	for i, r := range results[:5] {
		if r.Err != nil || r.User == nil || r.Request != 0 || r.Field != "createUser" {
			t.Errorf("result %d = %+v; want a created user from request 0", i, r)
		}
	}
	for i, r := range results[5:8] {
		if !errors.Is(r.Err, ErrAlreadyExists) || r.User != nil || r.Request != 1 {
			t.Errorf("result %d = %+v; want request 1's error and no user", i+5, r)
		}
	}
	if r := results[role]; r.Err != nil || r.Role == nil || r.Role.Key != "admin" || r.Request != 2 {
		t.Errorf("role result = %+v", r)
	}
	if r := results[del]; r.Err != nil || r.Field != "deleteUser" || r.Request != 2 {
		t.Errorf("delete result = %+v", r)
	}
	reqs := fs.Requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3", len(reqs))
	}
	for _, r := range reqs {
		if r.Body.OperationName != "Batch" || strings.Contains(r.Body.Query, "example.com") {
			t.Errorf("request %q carries values in its document:\n%s", r.Body.OperationName, r.Body.Query)
		}
	}
	if got := reqs[0].Body.Variables["input4"].(map[string]any)["definition"]; !strings.Contains(mustJSONString(t, got), "e@example.com") {
		t.Errorf("input4 = %v", got)
	}
}

func mustJSONString(t *testing.T, v any) string {
	t.Helper()
	return string(mustJSON(t, v))
}

func TestRunBatchRefusesInvalidItems(t *testing.T) {
	t.Parallel()
	c, fs := newFakeServer(t, noRequest(t))
	tests := []struct {
		name string
		add  func(b *Batch)
	}{
		{"bad user id", func(b *Batch) { b.DeleteUser("garbage") }},
		{"role node id as user", func(b *Batch) { b.AddUserToRoles(NodeID("Role", uuidN(1)), []string{"r"}) }},
		{"empty login id", func(b *Batch) { b.CreateUser(NewUser{}) }},
		{"empty update", func(b *Batch) { b.UpdateUser(uuidN(1), UserUpdate{}) }},
		{"empty role key", func(b *Batch) { b.AddRoleToUsers("", []string{uuidN(1)}) }},
		{"no users", func(b *Batch) { b.AddGroupToUsers("g", nil) }},
		{"empty group key in list", func(b *Batch) { b.AddRoleToGroups("r", []string{""}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b Batch
			b.EnableUser(uuidN(1))
			tt.add(&b)
			results, err := c.RunBatch(t.Context(), &b)
			if !errors.Is(err, ErrInvalidInput) || results != nil || !strings.Contains(err.Error(), "batch item 1") {
				t.Errorf("RunBatch = %v, %v; want ErrInvalidInput naming item 1", results, err)
			}
		})
	}
	if results, err := c.RunBatch(t.Context(), &Batch{}); results != nil || err != nil {
		t.Errorf("empty batch = %v, %v", results, err)
	}
	if results, err := c.RunBatch(t.Context(), nil); results != nil || err != nil {
		t.Errorf("nil batch = %v, %v", results, err)
	}
	if n := len(fs.Requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}
