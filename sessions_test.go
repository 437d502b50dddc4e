package adminapi

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestSessionOperations(t *testing.T) {
	t.Parallel()
	u := uuidN(1)
	session := map[string]any{
		"id": NodeID("Session", "s1"), "type": "OFFLINE_GRANT", "clientID": "portal", "displayName": "Pixel",
		"applicationName": nil, "acr": nil, "amr": []any{"pwd"}, "userAgent": "UA",
		"createdAt": t1JSON, "createdByIP": "10.0.0.1", "lastAccessedAt": t2JSON, "lastAccessedByIP": "10.0.0.2",
		"lastAccessedByIPCountryCode": "HK", "lastAccessedByIPEnglishCountryName": "Hong Kong", "updatedAt": t2JSON,
	}
	want := &Session{
		ID: NodeID("Session", "s1"), Type: SessionTypeOfflineGrant, ClientID: "portal", DisplayName: "Pixel",
		AMR: []string{"pwd"}, UserAgent: "UA", CreatedAt: t1, CreatedByIP: "10.0.0.1", UpdatedAt: t2,
		LastAccessedAt: t2, LastAccessedByIP: "10.0.0.2", LastAccessedByIPCountryCode: "HK",
		LastAccessedByIPEnglishCountryName: "Hong Kong",
	}
	runOpCases(t, []opCase{
		{
			name: "CreateSession",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateSession(ctx, u, NewSession{ClientID: "portal"})
			},
			op:   "CreateSession",
			vars: map[string]any{"input": map[string]any{"userID": NodeID("User", u), "clientID": "portal", "deviceInfo": nil}},
			answer: map[string]any{"createSession": map[string]any{
				"accessToken": "at", "refreshToken": "rt", "tokenType": "Bearer", "expiresIn": 1800,
			}},
			want: &SessionTokens{AccessToken: "at", RefreshToken: "rt", TokenType: "Bearer", ExpiresIn: 30 * time.Minute},
		},
		{
			name: "RevokeSession",
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.RevokeSession(ctx, NodeID("Session", "s1"))
			},
			op:     "RevokeSession",
			vars:   map[string]any{"input": map[string]any{"sessionID": NodeID("Session", "s1")}},
			answer: map[string]any{"revokeSession": map[string]any{"user": map[string]any{"id": NodeID("User", u)}}},
		},
		{
			name:   "ListSessions",
			call:   func(ctx context.Context, c *Client) (any, error) { return collectSeq(c.ListSessions(ctx, u, nil)) },
			op:     "ListUserSessions",
			vars:   map[string]any{"id": NodeID("User", u), "first": float64(100), "after": nil},
			answer: map[string]any{"node": map[string]any{"sessions": page(0, false, session)}},
			want:   []*Session{want},
		},
		{
			name:   "GetSession",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.GetSession(ctx, NodeID("Session", "s1")) },
			op:     "GetSessionNode",
			answer: map[string]any{"node": withTypename(session, "Session")},
			want:   want,
		},
	})
}

// withTypename returns a copy of node with __typename set.
func withTypename(node map[string]any, typ string) map[string]any {
	out := map[string]any{"__typename": typ}
	for k, v := range node {
		out[k] = v
	}
	return out
}

func TestSessionTokensRedact(t *testing.T) {
	t.Parallel()
	tok := SessionTokens{AccessToken: "secret-access", RefreshToken: "secret-refresh", TokenType: "Bearer", ExpiresIn: time.Minute}
	for _, s := range []string{fmt.Sprintf("%v %+v %#v %s", tok, tok, tok, tok), fmt.Sprint(&tok), tok.LogValue().String()} {
		if strings.Contains(s, "secret") || !strings.Contains(s, "Bearer") {
			t.Errorf("%q shows a token or hides the type", s)
		}
	}
}

func TestSessionArgumentsRefused(t *testing.T) {
	t.Parallel()
	runRefusedCases(t, []refusedCase{
		{"no client id", func(ctx context.Context, c *Client) error {
			_, err := c.CreateSession(ctx, uuidN(1), NewSession{})
			return err
		}},
		{"bad user", func(ctx context.Context, c *Client) error {
			_, err := c.CreateSession(ctx, "x", NewSession{ClientID: "portal"})
			return err
		}},
		{"revoke with user id", func(ctx context.Context, c *Client) error { return c.RevokeSession(ctx, NodeID("User", uuidN(1))) }},
		{"list bad user", func(ctx context.Context, c *Client) error { return firstErr(c.ListSessions(ctx, "x", nil)) }},
	})
}
