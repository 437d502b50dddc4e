package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi/adminapitest"
)

func TestParseVarValue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want any
	}{
		{"10", json.Number("10")},
		{"12345678901234567890", json.Number("12345678901234567890")},
		{"true", true},
		{"null", nil},
		{`"10"`, "10"},
		{`["a","b"]`, []any{"a", "b"}},
		{`{"a":1}`, map[string]any{"a": json.Number("1")}},
		{"alice", "alice"},
		{"alice@example.com", "alice@example.com"},
		{"+14155550100", "+14155550100"},
		{"", ""},
		{"1 2", "1 2"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, parseVarValue(tt.in)); diff != "" {
			t.Errorf("parseVarValue(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestQuery(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	for _, e := range []string{"alice@example.com", "bob@example.com", "carol@example.com"} {
		seed(t, srv, adminapitest.SeedUser{Email: e})
	}
	doc := writeFile(t, "users.graphql", `query Users($first: Int, $keyword: String) {
  users(first: $first, searchKeyword: $keyword) { totalCount edges { node { endUserAccountID } } }
}`, 0o644)
	type data struct {
		Users struct {
			TotalCount int `json:"totalCount"`
			Edges      []struct {
				Node struct {
					EndUserAccountID string `json:"endUserAccountID"`
				} `json:"node"`
			} `json:"edges"`
		} `json:"users"`
	}
	ids := func(d data) []string {
		var out []string
		for _, e := range d.Users.Edges {
			out = append(out, e.Node.EndUserAccountID)
		}
		return out
	}

	t.Run("vars", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "query", doc, "--var", "first=1", "--var", "keyword=bob").want(t, exitOK)
		if diff := cmp.Diff([]string{"bob@example.com"}, ids(decodeJSONOutput[data](t, r.stdout))); diff != "" {
			t.Errorf("users (-want +got):\n%s", diff)
		}
		var sent map[string]any
		for _, req := range srv.Requests() {
			if req.OperationName == "Users" && req.Variables["keyword"] == "bob" {
				sent = req.Variables
			}
		}
		if diff := cmp.Diff(map[string]any{"first": int64(1), "keyword": "bob"}, sent); diff != "" {
			t.Errorf("variables sent (-want +got):\n%s", diff)
		}
	})
	t.Run("vars file, --var wins", func(t *testing.T) {
		t.Parallel()
		vars := writeFile(t, "vars.json", `{"first": 2, "keyword": "nobody"}`, 0o644)
		r := invocation{env: env}.run(t, "query", doc, "--vars-file", vars, "--var", "$keyword=example.com").want(t, exitOK)
		if got := len(ids(decodeJSONOutput[data](t, r.stdout))); got != 2 {
			t.Errorf("%d users, want 2 (first from the file, keyword from --var)", got)
		}
	})
	t.Run("stdin and yaml", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env, stdin: "{ users { totalCount } }"}.run(t, "query", "-", "-o", "yaml").want(t, exitOK)
		if diff := cmp.Diff("users:\n  totalCount: 3\n", r.stdout); diff != "" {
			t.Errorf("output (-want +got):\n%s", diff)
		}
	})
	t.Run("GraphQL error", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env, stdin: "{ noSuchField }"}.run(t, "query", "-").want(t, exitAPI)
		if !strings.Contains(r.stderr, "noSuchField") {
			t.Errorf("stderr = %q, want the server's message", r.stderr)
		}
	})
	t.Run("vars file not an object", func(t *testing.T) {
		t.Parallel()
		vars := writeFile(t, "vars.json", `[1]`, 0o644)
		invocation{env: env}.run(t, "query", doc, "--vars-file", vars).want(t, exitUsage)
	})
}

func TestQueryOperation(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)
	seed(t, srv, adminapitest.SeedUser{Email: "alice@example.com"})
	doc := writeFile(t, "ops.graphql", `query Count { users { totalCount } }
query First { users(first: 1) { edges { node { endUserAccountID } } } }
`, 0o644)

	r := invocation{env: env}.run(t, "query", doc, "--operation", "First").want(t, exitOK)
	if !strings.Contains(r.stdout, "alice@example.com") || strings.Contains(r.stdout, "totalCount") {
		t.Errorf("stdout = %q, want the First operation's data", r.stdout)
	}
	reqs := srv.Requests()
	if got := reqs[len(reqs)-1].OperationName; got != "First" {
		t.Errorf("operation sent %q, want First", got)
	}
	r = invocation{env: env}.run(t, "query", doc, "--operation", "Count").want(t, exitOK)
	if !strings.Contains(r.stdout, `"totalCount": 1`) {
		t.Errorf("stdout = %q", r.stdout)
	}

	r = invocation{env: env}.run(t, "query", doc).want(t, exitUsage)
	if !strings.Contains(r.stderr, "2 operations (Count, First); choose one with --operation") {
		t.Errorf("stderr = %q", r.stderr)
	}
	r = invocation{env: env}.run(t, "query", doc, "--operation", "Third").want(t, exitUsage)
	if !strings.Contains(r.stderr, `"Third" is not in the document; it has Count, First`) {
		t.Errorf("stderr = %q", r.stderr)
	}
}
