package adminapi

import (
	"context"
	"testing"
)

func TestResourceOperations(t *testing.T) {
	t.Parallel()
	const uri = "https://api.example.com"
	res := map[string]any{
		"__typename": "Resource", "id": NodeID("Resource", "res1"), "resourceURI": uri, "name": "API",
		"clientIDs": []any{"app"}, "createdAt": t1JSON, "updatedAt": t2JSON,
	}
	wantRes := &Resource{ID: NodeID("Resource", "res1"), URI: uri, Name: "API", ClientIDs: []string{"app"}, CreatedAt: t1, UpdatedAt: t2}
	scope := map[string]any{
		"__typename": "Scope", "id": NodeID("Scope", "s1"), "resourceID": NodeID("Resource", "res1"), "scope": "read",
		"description": nil, "createdAt": t1JSON, "updatedAt": t2JSON,
	}
	wantScope := &Scope{ID: NodeID("Scope", "s1"), ResourceID: NodeID("Resource", "res1"), Scope: "read", CreatedAt: t1, UpdatedAt: t2}
	scopes := map[string]any{"scopes": []any{scope}}
	runOpCases(t, []opCase{
		{
			name:   "CreateResource",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.CreateResource(ctx, NewResource{URI: uri}) },
			op:     "CreateResource",
			vars:   map[string]any{"input": map[string]any{"resourceURI": uri, "name": nil}},
			answer: map[string]any{"createResource": map[string]any{"resource": res}},
			want:   wantRes,
		},
		{
			name:   "UpdateResource clears name",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.UpdateResource(ctx, uri, Ptr("")) },
			op:     "UpdateResource",
			vars:   map[string]any{"input": map[string]any{"resourceURI": uri, "name": ""}},
			answer: map[string]any{"updateResource": map[string]any{"resource": res}},
			want:   wantRes,
		},
		{
			name:   "DeleteResource",
			call:   func(ctx context.Context, c *Client) (any, error) { return nil, c.DeleteResource(ctx, uri) },
			op:     "DeleteResource",
			vars:   map[string]any{"input": map[string]any{"resourceURI": uri}},
			answer: map[string]any{"deleteResource": map[string]any{"ok": true}},
		},
		{
			name: "GetResource",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.GetResource(ctx, NodeID("Resource", "res1"))
			},
			op:     "GetResourceNode",
			answer: map[string]any{"node": res},
			want:   wantRes,
		},
		{
			name: "ListResources pages up to 1000",
			call: func(ctx context.Context, c *Client) (any, error) {
				return collectSeq(c.ListResources(ctx, &ListResourcesOptions{PageSize: 5000, ClientID: "app"}))
			},
			op:     "ListResources",
			vars:   map[string]any{"first": float64(1000), "after": nil, "clientID": "app", "searchKeyword": nil},
			answer: map[string]any{"resources": page(0, false, res)},
			want:   []*Resource{wantRes},
		},
		{
			name:   "GetResourceByURI",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.GetResourceByURI(ctx, uri) },
			op:     "ListResources",
			vars:   map[string]any{"first": float64(1000), "after": nil, "clientID": nil, "searchKeyword": uri},
			answer: map[string]any{"resources": page(0, false, res)},
			want:   wantRes,
		},
		{
			name:   "AddResourceToClientID",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.AddResourceToClientID(ctx, uri, "app") },
			op:     "AddResourceToClientID",
			vars:   map[string]any{"input": map[string]any{"resourceURI": uri, "clientID": "app"}},
			answer: map[string]any{"addResourceToClientID": map[string]any{"resource": res}},
			want:   wantRes,
		},
		{
			name: "RemoveResourceFromClientID",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.RemoveResourceFromClientID(ctx, uri, "app")
			},
			op:     "RemoveResourceFromClientID",
			vars:   map[string]any{"input": map[string]any{"resourceURI": uri, "clientID": "app"}},
			answer: map[string]any{"removeResourceFromClientID": map[string]any{"resource": res}},
			want:   wantRes,
		},
		{
			name: "CreateScope",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateScope(ctx, uri, NewScope{Scope: "read"})
			},
			op:     "CreateScope",
			vars:   map[string]any{"input": map[string]any{"resourceURI": uri, "scope": "read", "description": nil}},
			answer: map[string]any{"createScope": map[string]any{"scope": scope}},
			want:   wantScope,
		},
		{
			name:   "UpdateScope",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.UpdateScope(ctx, uri, "read", Ptr("Read")) },
			op:     "UpdateScope",
			vars:   map[string]any{"input": map[string]any{"resourceURI": uri, "scope": "read", "description": "Read"}},
			answer: map[string]any{"updateScope": map[string]any{"scope": scope}},
			want:   wantScope,
		},
		{
			name:   "DeleteScope",
			call:   func(ctx context.Context, c *Client) (any, error) { return nil, c.DeleteScope(ctx, uri, "read") },
			op:     "DeleteScope",
			vars:   map[string]any{"input": map[string]any{"resourceURI": uri, "scope": "read"}},
			answer: map[string]any{"deleteScope": map[string]any{"ok": true}},
		},
		{
			name:   "GetScope",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.GetScope(ctx, NodeID("Scope", "s1")) },
			op:     "GetScopeNode",
			answer: map[string]any{"node": scope},
			want:   wantScope,
		},
		{
			name: "ListScopes",
			call: func(ctx context.Context, c *Client) (any, error) {
				return collectSeq(c.ListScopes(ctx, NodeID("Resource", "res1"), &ListScopesOptions{SearchKeyword: "re"}))
			},
			op:     "ListResourceScopes",
			vars:   map[string]any{"id": NodeID("Resource", "res1"), "first": float64(100), "after": nil, "clientID": nil, "searchKeyword": "re"},
			answer: map[string]any{"node": map[string]any{"scopes": page(0, false, scope)}},
			want:   []*Scope{wantScope},
		},
		{
			name: "AddScopesToClientID",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.AddScopesToClientID(ctx, uri, "app", []string{"read"})
			},
			op:     "AddScopesToClientID",
			vars:   map[string]any{"input": map[string]any{"resourceURI": uri, "clientID": "app", "scopes": []any{"read"}}},
			answer: map[string]any{"addScopesToClientID": scopes},
			want:   []*Scope{wantScope},
		},
		{
			name: "RemoveScopesFromClientID",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.RemoveScopesFromClientID(ctx, uri, "app", []string{"read"})
			},
			op:     "RemoveScopesFromClientID",
			vars:   map[string]any{"input": map[string]any{"resourceURI": uri, "clientID": "app", "scopes": []any{"read"}}},
			answer: map[string]any{"removeScopesFromClientID": map[string]any{"scopes": []any{}}},
			want:   []*Scope{},
		},
		{
			name: "ReplaceScopesOfClientID with none",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.ReplaceScopesOfClientID(ctx, uri, "app", nil)
			},
			op:     "ReplaceScopesOfClientID",
			vars:   map[string]any{"input": map[string]any{"resourceURI": uri, "clientID": "app", "scopes": []any{}}},
			answer: map[string]any{"replaceScopesOfClientID": map[string]any{"scopes": []any{}}},
			want:   []*Scope{},
		},
	})
}

func TestResourceArgumentsRefused(t *testing.T) {
	t.Parallel()
	runRefusedCases(t, []refusedCase{
		{"CreateResource no URI", func(ctx context.Context, c *Client) error { _, err := c.CreateResource(ctx, NewResource{}); return err }},
		{"UpdateResource no URI", func(ctx context.Context, c *Client) error { _, err := c.UpdateResource(ctx, "", nil); return err }},
		{"DeleteResource no URI", func(ctx context.Context, c *Client) error { return c.DeleteResource(ctx, "") }},
		{"GetResourceByURI no URI", func(ctx context.Context, c *Client) error { _, err := c.GetResourceByURI(ctx, ""); return err }},
		{"AddResourceToClientID no client", func(ctx context.Context, c *Client) error {
			_, err := c.AddResourceToClientID(ctx, "u", "")
			return err
		}},
		{"CreateScope no scope", func(ctx context.Context, c *Client) error { _, err := c.CreateScope(ctx, "u", NewScope{}); return err }},
		{"UpdateScope no scope", func(ctx context.Context, c *Client) error { _, err := c.UpdateScope(ctx, "u", "", nil); return err }},
		{"DeleteScope no URI", func(ctx context.Context, c *Client) error { return c.DeleteScope(ctx, "", "s") }},
		{"AddScopesToClientID no scopes", func(ctx context.Context, c *Client) error {
			_, err := c.AddScopesToClientID(ctx, "u", "app", nil)
			return err
		}},
		{"RemoveScopesFromClientID empty scope", func(ctx context.Context, c *Client) error {
			_, err := c.RemoveScopesFromClientID(ctx, "u", "app", []string{""})
			return err
		}},
		{"ReplaceScopesOfClientID no client", func(ctx context.Context, c *Client) error {
			_, err := c.ReplaceScopesOfClientID(ctx, "u", "", nil)
			return err
		}},
		{"ListScopes with role id", func(ctx context.Context, c *Client) error {
			return firstErr(c.ListScopes(ctx, NodeID("Role", "r"), nil))
		}},
	})
}
