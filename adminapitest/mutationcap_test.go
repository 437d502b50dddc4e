package adminapitest

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// createField is a createUser field with an alias.
func createField(alias string) string {
	return fmt.Sprintf(`%s: createUser(input: {definition: {loginID: {key: "email", value: "%s@example.com"}}}) { user { id } }`, alias, alias)
}

func createFields(n int, prefix string) string {
	var fs []string
	for i := range n {
		fs = append(fs, createField(fmt.Sprintf("%s%d", prefix, i)))
	}
	return strings.Join(fs, "\n")
}

func TestMutationCap(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		query string
		count int // top-level fields; more than 5 is refused
	}{
		{"five aliases", "mutation {" + createFields(5, "a") + "}", 5},
		{"six aliases", "mutation {" + createFields(6, "a") + "}", 6},
		{"fragment spread", "mutation { ...F " + createField("x") + " } fragment F on Mutation {" + createFields(5, "f") + "}", 6},
		{"nested spreads", "mutation { ...F } fragment F on Mutation { ...G " + createFields(2, "f") + " } fragment G on Mutation {" + createFields(4, "g") + "}", 6},
		{"inline fragment", "mutation { ... on Mutation {" + createFields(3, "i") + "} " + createFields(3, "a") + "}", 6},
		{"spread twice", "mutation { ...F ...F } fragment F on Mutation {" + createFields(3, "f") + "}", 6},
		{"named among several", "query Q { users { totalCount } } mutation M {" + createFields(6, "m") + "}", 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newTestServer(t)
			body := map[string]any{"query": tt.query}
			if strings.Contains(tt.query, "mutation M") {
				body["operationName"] = "M"
			}
			got := postJSON(t, s, body)
			if tt.count <= maxMutationFields {
				if got.status != http.StatusOK {
					t.Fatalf("status = %d, want 200; body %s", got.status, got.body)
				}
				if n := len(s.Users()); n != tt.count {
					t.Errorf("%d users after the request, want %d", n, tt.count)
				}
				return
			}
			if got.status != http.StatusBadRequest || got.contentType != "application/json" {
				t.Fatalf("got %d %q, want 400 application/json; body %s", got.status, got.contentType, got.body)
			}
			e := decode(t, got.body)["error"].(map[string]any)
			want := fmt.Sprintf("too many mutation fields in one request: got %d, limit is 5", tt.count)
			if e["name"] != "BadRequest" || e["reason"] != "BadRequest" || e["message"] != want {
				t.Errorf("error = %v, want BadRequest %q", e, want)
			}
			if n := len(s.Users()); n != 0 {
				t.Errorf("%d users created by a refused request, want 0", n)
			}
		})
	}
}

func TestMutationCapIgnoresQueries(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	q := "{ a: users { totalCount } b: users { totalCount } c: users { totalCount } d: users { totalCount } e: users { totalCount } f: users { totalCount } }"
	if got := gql(t, s, q, nil); got.status != http.StatusOK {
		t.Errorf("six query fields: status %d, want 200", got.status)
	}
}

func TestFragmentCycle(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	got := gql(t, s, "mutation { ...F } fragment F on Mutation { ...G } fragment G on Mutation { ...F }", nil)
	if got.status != http.StatusBadRequest {
		t.Fatalf("status = %d, want 400; body %s", got.status, got.body)
	}
	e := decode(t, got.body)["error"].(map[string]any)
	if e["message"] != `graphql fragment cycle detected at "F"` {
		t.Errorf("message = %v", e["message"])
	}
}
