package adminapitest

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestResourceMutations(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	const uri = "https://api.example.com"
	created := gqlData(t, s, `mutation {
		createResource(input: {resourceURI: "https://api.example.com", name: "API"}) { resource { id resourceURI name clientIDs } }
		read: createScope(input: {resourceURI: "https://api.example.com", scope: "read", description: "Read"}) { scope { id scope description resourceID } }
		write: createScope(input: {resourceURI: "https://api.example.com", scope: "write"}) { scope { scope } }
		addResourceToClientID(input: {resourceURI: "https://api.example.com", clientID: "web"}) { resource { clientIDs } }
		addScopesToClientID(input: {resourceURI: "https://api.example.com", clientID: "web", scopes: ["write", "read"]}) { scopes { scope } }
	}`, nil)
	res := dig(t, created, "createResource", "resource").(map[string]any)
	if res["name"] != "API" || !cmp.Equal(res["clientIDs"], []any{}) {
		t.Errorf("created resource = %v", res)
	}
	if got := dig(t, created, "read", "scope", "resourceID"); got != res["id"] {
		t.Errorf("scope's resourceID = %v, want %v", got, res["id"])
	}
	if got := dig(t, created, "addResourceToClientID", "resource", "clientIDs"); !cmp.Equal(got, []any{"web"}) {
		t.Errorf("clientIDs = %v", got)
	}
	scopes := func(v any) []any {
		var out []any
		for _, sc := range v.([]any) {
			out = append(out, sc.(map[string]any)["scope"])
		}
		return out
	}
	if got := scopes(dig(t, created, "addScopesToClientID", "scopes")); !cmp.Equal(got, []any{"read", "write"}) {
		t.Errorf("scopes of web = %v", got)
	}

	changed := gqlData(t, s, `mutation {
		removeScopesFromClientID(input: {resourceURI: "https://api.example.com", clientID: "web", scopes: ["read"]}) { scopes { scope } }
		replaceScopesOfClientID(input: {resourceURI: "https://api.example.com", clientID: "web", scopes: ["read"]}) { scopes { scope } }
		updateResource(input: {resourceURI: "https://api.example.com", name: ""}) { resource { name } }
		updateScope(input: {resourceURI: "https://api.example.com", scope: "read", description: null}) { scope { description } }
	}`, nil)
	if got := scopes(dig(t, changed, "removeScopesFromClientID", "scopes")); !cmp.Equal(got, []any{"write"}) {
		t.Errorf("after remove = %v", got)
	}
	if got := scopes(dig(t, changed, "replaceScopesOfClientID", "scopes")); !cmp.Equal(got, []any{"read"}) {
		t.Errorf("after replace = %v", got)
	}
	if dig(t, changed, "updateResource", "resource", "name") != nil || dig(t, changed, "updateScope", "scope", "description") != "Read" {
		t.Errorf("updates = %v", changed)
	}

	node := gqlData(t, s, `query($id: ID!) { node(id: $id) { ... on Resource {
		all: scopes { totalCount edges { cursor node { scope } } }
		web: scopes(clientID: "web") { edges { node { scope } } }
		kw: scopes(searchKeyword: "RIT") { edges { node { scope } } }
	} } }`, map[string]any{"id": res["id"]})["node"]
	if got := nodesOf(t, dig(t, node, "all"), "scope"); !cmp.Equal(got, []any{"read", "write"}) {
		t.Errorf("all scopes = %v", got)
	}
	if got := nodesOf(t, dig(t, node, "web"), "scope"); !cmp.Equal(got, []any{"read"}) {
		t.Errorf("web's scopes = %v", got)
	}
	if got := nodesOf(t, dig(t, node, "kw"), "scope"); !cmp.Equal(got, []any{"write"}) {
		t.Errorf("scopes matching RIT = %v", got)
	}

	errs := []struct{ query, message, name, reason string }{
		{`mutation { createResource(input: {resourceURI: "http://api.example.com"}) { resource { id } } }`, "invalid value", "Invalid", "ValidationFailed"},
		{`mutation { createResource(input: {resourceURI: "https://api.example.com"}) { resource { id } } }`, "duplicate resource uri", "BadRequest", "ResourceDuplicateURI"},
		{`mutation { createScope(input: {resourceURI: "https://api.example.com", scope: "read"}) { scope { id } } }`, "duplicate scope", "BadRequest", "ScopeDuplicate"},
		{`mutation { createScope(input: {resourceURI: "https://api.example.com", scope: "a b"}) { scope { id } } }`, "invalid value", "Invalid", "ValidationFailed"},
		{`mutation { updateScope(input: {resourceURI: "https://api.example.com", scope: "nope"}) { scope { id } } }`, "scope not found", "NotFound", "ScopeNotFound"},
		{`mutation { deleteResource(input: {resourceURI: "https://nope.example.com"}) { ok } }`, "resource not found", "NotFound", "ResourceNotFound"},
		{`mutation { addScopesToClientID(input: {resourceURI: "https://api.example.com", clientID: "mobile", scopes: ["read"]}) { scopes { id } } }`,
			"resource is not associated with client", "BadRequest", "ResourceNotAssociatedWithClient"},
		{`mutation { addScopesToClientID(input: {resourceURI: "https://api.example.com", clientID: "web", scopes: ["nope"]}) { scopes { id } } }`,
			"scope not found", "NotFound", "ScopeNotFound"},
	}
	for _, tt := range errs {
		checkAPIError(t, gqlError(t, s, tt.query, nil), tt.message, tt.name, tt.reason)
	}

	gqlData(t, s, `mutation {
		removeResourceFromClientID(input: {resourceURI: "https://api.example.com", clientID: "web"}) { resource { clientIDs } }
		deleteScope(input: {resourceURI: "https://api.example.com", scope: "write"}) { ok }
	}`, nil)
	if got := s.Resources(); len(got) != 1 || len(got[0].ClientIDs) != 0 || len(got[0].Scopes) != 1 || len(got[0].Scopes[0].ClientIDs) != 0 {
		t.Errorf("resources after removals = %+v", got)
	}
	gqlData(t, s, `mutation { deleteResource(input: {resourceURI: "`+uri+`"}) { ok } }`, nil)
	if got := s.Resources(); len(got) != 0 {
		t.Errorf("resources after delete = %+v", got)
	}
}

func TestResourcesList(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	for i := range 1001 {
		r := SeedResource{URI: fmt.Sprintf("https://api%04d.example.com", i)}
		if i%2 == 0 {
			r.ClientIDs = []string{"web"}
		}
		if _, err := s.SeedResource(r); err != nil {
			t.Fatal(err)
		}
	}
	list := func(query string) map[string]any {
		t.Helper()
		return gqlData(t, s, query, nil)["resources"].(map[string]any)
	}
	// Pages of resources hold up to 1000; newest first.
	all := list(`{ resources(first: 5000) { totalCount edges { node { resourceURI } } } }`)
	if n := len(dig(t, all, "edges").([]any)); n != 1000 || dig(t, all, "totalCount") != float64(1001) {
		t.Errorf("first page: %d edges of %v", n, dig(t, all, "totalCount"))
	}
	if got := dig(t, all, "edges", 0, "node", "resourceURI"); got != "https://api1000.example.com" {
		t.Errorf("first resource = %v, want the newest", got)
	}
	if got := dig(t, list(`{ resources(clientID: "web") { totalCount } }`), "totalCount"); got != float64(501) {
		t.Errorf("resources of web = %v, want 501", got)
	}
	if got := nodesOf(t, list(`{ resources(searchKeyword: "API0007") { edges { node { resourceURI } } } }`), "resourceURI"); !cmp.Equal(got, []any{"https://api0007.example.com"}) {
		t.Errorf("search = %v", got)
	}
}
