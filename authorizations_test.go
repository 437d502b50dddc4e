package adminapi

import (
	"context"
	"testing"
)

func TestAuthorizationOperations(t *testing.T) {
	t.Parallel()
	u := uuidN(1)
	authz := map[string]any{
		"__typename": "Authorization", "id": NodeID("Authorization", "z1"), "clientID": "app",
		"scopes": []any{"openid", "offline_access"}, "createdAt": t1JSON, "updatedAt": t2JSON,
	}
	want := &Authorization{ID: NodeID("Authorization", "z1"), ClientID: "app", Scopes: []string{"openid", "offline_access"}, CreatedAt: t1, UpdatedAt: t2}
	runOpCases(t, []opCase{
		{
			name: "ListAuthorizations",
			call: func(ctx context.Context, c *Client) (any, error) {
				return collectSeq(c.ListAuthorizations(ctx, u, nil))
			},
			op:     "ListUserAuthorizations",
			vars:   map[string]any{"id": NodeID("User", u), "first": float64(100), "after": nil},
			answer: map[string]any{"node": map[string]any{"authorizations": page(0, false, authz)}},
			want:   []*Authorization{want},
		},
		{
			name: "GetAuthorization",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.GetAuthorization(ctx, NodeID("Authorization", "z1"))
			},
			op:     "GetAuthorizationNode",
			answer: map[string]any{"node": authz},
			want:   want,
		},
		{
			name: "DeleteAuthorization",
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.DeleteAuthorization(ctx, NodeID("Authorization", "z1"))
			},
			op:     "DeleteAuthorization",
			vars:   map[string]any{"input": map[string]any{"authorizationID": NodeID("Authorization", "z1")}},
			answer: map[string]any{"deleteAuthorization": map[string]any{"user": map[string]any{"id": NodeID("User", u)}}},
		},
	})
	runRefusedCases(t, []refusedCase{
		{"delete with session id", func(ctx context.Context, c *Client) error { return c.DeleteAuthorization(ctx, NodeID("Session", "s")) }},
		{"list bad user", func(ctx context.Context, c *Client) error { return firstErr(c.ListAuthorizations(ctx, "", nil)) }},
	})
}
