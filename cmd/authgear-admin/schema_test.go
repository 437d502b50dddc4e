package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi"
)

func TestSchemaPull(t *testing.T) {
	t.Parallel()
	_, env := serverEnv(t)
	r := invocation{env: env}.run(t, "schema", "pull").want(t, exitOK)
	pulled, err := loadSDL("pulled", r.stdout)
	if err != nil {
		t.Fatalf("the pulled SDL does not load: %v", err)
	}
	if pulled.Types["User"] == nil || pulled.Query == nil || pulled.Mutation == nil {
		t.Error("the pulled schema lacks User, Query or Mutation")
	}
	embedded, err := loadSDL("embedded", adminapi.SchemaSDL)
	if err != nil {
		t.Fatal(err)
	}
	// The emulator serves the contract: pulling it loses nothing.
	if diff := cmp.Diff([]schemaChange{}, diffSchemas(embedded, pulled)); diff != "" {
		t.Errorf("pulled schema differs from the embedded one (-want +got):\n%s", diff)
	}

	t.Run("to a file", func(t *testing.T) {
		t.Parallel()
		out := writeFile(t, "schema.graphql", "", 0o644)
		r := invocation{env: env}.run(t, "schema", "pull", "--out", out).want(t, exitOK)
		if r.stdout != "" || !strings.Contains(r.stderr, "wrote "+out) {
			t.Errorf("stdout %q, stderr %q", r.stdout, r.stderr)
		}
	})
}

// modifiedSchema is the embedded schema with drift of every kind.
func modifiedSchema(t *testing.T) string {
	t.Helper()
	s := adminapi.SchemaSDL
	for _, edit := range [][2]string{
		{"\ntype User implements Entity & Node {", "\ntype User implements Entity & Node {\n  shoeSize: Int"},
		{"  CREATED_AT\n", "  CREATED_AT\n  SHOE_SIZE\n"},
		{"first: Int, groupKeys: [String!], last: Int, roleKeys", "first: Int!, groupKeys: [String!], last: Int, roleKeys"},
		{"\nscalar Web3Claims\n", "\nscalar Web3Claims\nscalar ShoeSize\n"},
	} {
		if !strings.Contains(s, edit[0]) {
			t.Fatalf("the schema has no %q to edit", edit[0])
		}
		s = strings.Replace(s, edit[0], edit[1], 1)
	}
	return s
}

func TestSchemaDiff(t *testing.T) {
	t.Parallel()
	_, env := serverEnv(t)

	t.Run("no drift", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "schema", "diff", "--exit-code").want(t, exitOK)
		if diff := cmp.Diff("[]\n", r.stdout); diff != "" {
			t.Errorf("stdout (-want +got):\n%s", diff)
		}
		if !strings.Contains(r.stderr, "no differences") {
			t.Errorf("stderr = %q", r.stderr)
		}
	})
	t.Run("drift against the server", func(t *testing.T) {
		t.Parallel()
		base := writeFile(t, "base.graphql", modifiedSchema(t), 0o644)
		r := invocation{env: env}.run(t, "schema", "diff", "--base", base, "--exit-code").want(t, exitAPI)
		got := decodeJSONOutput[[]schemaChange](t, r.stdout)
		// The server lacks what the base added and has what it removed.
		want := []schemaChange{
			{Change: changeChanged, Kind: "argument", Path: "Query.users(first)", Before: "Int!", After: "Int"},
			{Change: changeRemoved, Kind: "type", Path: "ShoeSize", Before: "scalar"},
			{Change: changeRemoved, Kind: "field", Path: "User.shoeSize", Before: "Int"},
			{Change: changeRemoved, Kind: "enum value", Path: "UserSortBy.SHOE_SIZE"},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("changes (-want +got):\n%s", diff)
		}
	})
	t.Run("drift without --exit-code", func(t *testing.T) {
		t.Parallel()
		base := writeFile(t, "base.graphql", modifiedSchema(t), 0o644)
		invocation{env: env}.run(t, "schema", "diff", "--base", base).want(t, exitOK)
	})
	t.Run("table between files", func(t *testing.T) {
		t.Parallel()
		const base = `type Query { users(first: Int, after: String): [User!]! node(id: ID!): Node }
interface Node { id: ID! }
type User implements Node { id: ID! email: String name: String }
enum Sort { ASC DESC }
union Thing = User
input Filter { keyword: String limit: Int = 10 }
`
		const target = `type Query { users(first: Int!, search: String): [User!]! node(id: ID!): Node }
interface Node { id: ID! }
type User implements Node { id: ID! email: String! age: Int @deprecated }
enum Sort { ASC DESC RANDOM }
type Group implements Node { id: ID! }
union Thing = User | Group
input Filter { keyword: String limit: Int = 20 }
`
		r := invocation{env: emptyEnv()}.run(t, "schema", "diff", "-o", "table",
			"--base", writeFile(t, "base.graphql", base, 0o644),
			"--target", writeFile(t, "target.graphql", target, 0o644)).want(t, exitOK)
		checkGolden(t, "schema_diff.golden", r.stdout)
	})
	t.Run("invalid base", func(t *testing.T) {
		t.Parallel()
		base := writeFile(t, "base.graphql", "type Query { x: Nope }", 0o644)
		invocation{env: env}.run(t, "schema", "diff", "--base", base).want(t, exitUsage)
	})
}

func TestParseLiteral(t *testing.T) {
	t.Parallel()
	for lit, want := range map[string]string{
		"10": "10", `"a b"`: `"a b"`, "ASC": "ASC", "[1, 2]": "[1,2]", "{a: 1, b: [true]}": "{a:1,b:[true]}", "null": "null",
	} {
		v, err := parseLiteral(lit)
		if err != nil {
			t.Errorf("parseLiteral(%q): %v", lit, err)
			continue
		}
		if got := v.String(); got != want {
			t.Errorf("parseLiteral(%q).String() = %q, want %q", lit, got, want)
		}
	}
	if _, err := parseLiteral("{"); err == nil {
		t.Error("parseLiteral accepted a broken literal")
	}
}
