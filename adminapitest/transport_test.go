package adminapitest

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRequestBodies(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	seedTwo(t, s)
	const total2 = `{"data":{"users":{"totalCount":2}}}`
	tests := []struct {
		name        string
		contentType string
		body        string
		status      int
		want        string // exact body; tracking ids are masked
	}{
		{"json", "application/json", `{"query":"{ users { totalCount } }"}`, 200, total2},
		{"json with charset", "application/json; charset=utf-8", `{"query":"{ users { totalCount } }"}`, 200, total2},
		{"graphql", "application/graphql", `{ users { totalCount } }`, 200, total2},
		{"variables object", "application/json", `{"query":"query($n: Int) { users(first: $n) { totalCount } }","variables":{"n":1}}`, 200, total2},
		{"variables null", "application/json", `{"query":"{ users { totalCount } }","variables":null}`, 200, total2},
		{"variables string", "application/json", `{"query":"query($n: Int) { users(first: $n) { totalCount } }","variables":"{\"n\":1}"}`, 200, total2},
		{"variables string not JSON", "application/json", `{"query":"{ users { totalCount } }","variables":"{oops"}`, 400,
			`{"error":{"name":"BadRequest","reason":"InvalidJSON","message":"invalid character 'o' looking for beginning of object key string","code":400,"tracking_id":"X","info":{"byte_offset":2}}}`},
		{"variables empty string", "application/json", `{"query":"{ users { totalCount } }","variables":""}`, 400,
			`{"error":{"name":"BadRequest","reason":"InvalidJSON","message":"unexpected end of JSON input","code":400,"tracking_id":"X","info":{"byte_offset":0}}}`},
		{"variables a number", "application/json", `{"query":"{ users { totalCount } }","variables":1}`, 500,
			`{"error":{"name":"InternalError","reason":"UnexpectedError","message":"unexpected error occurred","code":500,"tracking_id":"X"}}`},
		{"query not a string", "application/json", `{"query":1}`, 500,
			`{"error":{"name":"InternalError","reason":"UnexpectedError","message":"unexpected error occurred","code":500,"tracking_id":"X"}}`},
		{"empty body", "application/json", ``, 400,
			`{"error":{"name":"BadRequest","reason":"InvalidJSON","message":"unexpected end of JSON input","code":400,"tracking_id":"X","info":{"byte_offset":0}}}`},
		{"bad character", "application/json", `{"query":x}`, 400,
			`{"error":{"name":"BadRequest","reason":"InvalidJSON","message":"invalid character 'x' looking for beginning of value","code":400,"tracking_id":"X","info":{"byte_offset":10}}}`},
		{"form", "application/x-www-form-urlencoded", `query=%7B%7D`, 415, "invalid content type: application/x-www-form-urlencoded\n"},
		{"several operations, none named", "application/json", `{"query":"query A { users { totalCount } } query B { users { totalCount } }"}`, 200,
			`{"data":null,"errors":[{"message":"unexpected error","locations":[]}]}`},
		{"unknown argument", "application/json", `{"query":"{ users(nope: 1) { totalCount } }"}`, 200,
			`{"data":null,"errors":[{"message":"Unknown argument \"nope\" on field \"users\" of type \"Query\".","locations":[{"line":1,"column":3}]}]}`}, // graphql-go points at the argument (column 9)
		{"missing variable", "application/json", `{"query":"query($id: ID!) { node(id: $id) { id } }"}`, 200,
			`{"data":null,"errors":[{"message":"Variable \"$id\" of required type \"ID!\" was not provided.","locations":[{"line":1,"column":7}]}]}`},
		{"only a fragment", "application/json", `{"query":"fragment F on Query { users { totalCount } }"}`, 200,
			`{"data":null,"errors":[{"message":"Fragment \"F\" is never used.","locations":[{"line":1,"column":1}]}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := do(t, s, http.MethodPost, graphQLPath, map[string]string{"Content-Type": tt.contentType, "Authorization": "Bearer " + token(t, s, nil)}, tt.body)
			if got.status != tt.status {
				t.Errorf("status = %d, want %d", got.status, tt.status)
			}
			body := volatile.ReplaceAllString(got.body, `"tracking_id":"X"`)
			if diff := cmp.Diff(tt.want, body); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIntrospection(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	data := gqlData(t, s, `{ __schema { queryType { name } } __type(name: "User") { name } }`, nil)
	want := map[string]any{"__schema": map[string]any{"queryType": map[string]any{"name": "Query"}}, "__type": map[string]any{"name": "User"}}
	if diff := cmp.Diff(want, data); diff != "" {
		t.Errorf("introspection (-want +got):\n%s", diff)
	}
}
