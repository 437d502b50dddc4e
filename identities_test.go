package adminapi

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// exactJSON is a JSON object that only survives a decode/encode cycle
// unchanged if numbers are kept as written: integers beyond 2^53, trailing
// zeros, exponents out of float64 range. Keys are sorted and the text is
// compact, as encoding/json writes maps, so the cycle must give back the
// same bytes.
const exactJSON = `{"big":12345678901234567890,"dec":1.10,"huge":1e400,"nested":{"a":[1,2.50,{"b":null}],"t":true},"s":"ünï ✓"}`

func fakeIdentity(raw string, claims json.RawMessage) map[string]any {
	return map[string]any{
		"__typename": "Identity", "id": NodeID("Identity", raw), "type": "LOGIN_ID",
		"claims": claims, "createdAt": t1JSON, "updatedAt": t2JSON,
	}
}

// TestJSONScalarsRoundTrip decodes each free-form JSON scalar from an
// answer and checks that it encodes back to the same bytes.
func TestJSONScalarsRoundTrip(t *testing.T) {
	t.Parallel()
	raw := json.RawMessage(exactJSON)
	tests := []struct {
		scalar string
		answer any
		read   func(ctx context.Context, c *Client) (JSONObject, error)
	}{
		{"IdentityClaims", map[string]any{"node": fakeIdentity("i1", raw)},
			func(ctx context.Context, c *Client) (JSONObject, error) {
				i, err := c.GetIdentity(ctx, NodeID("Identity", "i1"))
				if err != nil {
					return nil, err
				}
				return i.Claims, nil
			}},
		{"AuthenticatorClaims", map[string]any{"node": map[string]any{
			"__typename": "Authenticator", "id": NodeID("Authenticator", "a1"), "type": "PASSWORD", "kind": "PRIMARY",
			"isDefault": false, "expireAfter": nil, "claims": raw, "createdAt": t1JSON, "updatedAt": t2JSON,
		}}, func(ctx context.Context, c *Client) (JSONObject, error) {
			a, err := c.GetAuthenticator(ctx, NodeID("Authenticator", "a1"))
			if err != nil {
				return nil, err
			}
			return a.Claims, nil
		}},
		{"AuditLogData", map[string]any{"node": map[string]any{
			"__typename": "AuditLog", "id": NodeID("AuditLog", "l1"), "activityType": "USER_CREATED",
			"createdAt": t1JSON, "data": raw,
		}}, func(ctx context.Context, c *Client) (JSONObject, error) {
			l, err := c.GetAuditLog(ctx, NodeID("AuditLog", "l1"))
			if err != nil {
				return nil, err
			}
			return l.Data, nil
		}},
		{"Web3Claims", map[string]any{"node": map[string]any{"web3": raw}},
			func(ctx context.Context, c *Client) (JSONObject, error) { return c.GetWeb3Claims(ctx, uuidN(1)) }},
	}
	for _, tt := range tests {
		t.Run(tt.scalar, func(t *testing.T) {
			t.Parallel()
			c, _ := newFakeServer(t, graphqlHandler(t, func(string, map[string]any) any { return tt.answer }))
			obj, err := tt.read(t.Context(), c)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := obj["big"].(json.Number); !ok {
				t.Errorf("big decoded as %T; want json.Number", obj["big"])
			}
			if got := string(mustJSON(t, obj)); got != exactJSON {
				t.Errorf("round trip changed the value:\n got %s\nwant %s", got, exactJSON)
			}
		})
	}
}

func TestIdentityOperations(t *testing.T) {
	t.Parallel()
	u := uuidN(1)
	claims := json.RawMessage(`{"email":"a@example.com","https://authgear.com/claims/login_id/key":"email","https://authgear.com/claims/login_id/value":"a@example.com"}`)
	ident := fakeIdentity("i1", claims)
	want := &Identity{
		ID: NodeID("Identity", "i1"), Type: IdentityTypeLoginId,
		Claims: JSONObject{
			"email": "a@example.com", claimLoginIDKey: "email", claimLoginIDValue: "a@example.com",
		},
		LoginIDKey: LoginIDEmail, LoginIDValue: "a@example.com", CreatedAt: t1, UpdatedAt: t2,
	}
	runOpCases(t, []opCase{
		{
			name: "CreateIdentity without password",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateIdentity(ctx, u, NewIdentity{LoginID: LoginID{LoginIDEmail, "a@example.com"}})
			},
			op: "CreateIdentity",
			vars: map[string]any{"input": map[string]any{
				"userID": NodeID("User", u), "password": nil,
				"definition": map[string]any{"loginID": map[string]any{"key": "email", "value": "a@example.com"}},
			}},
			answer: map[string]any{"createIdentity": map[string]any{"identity": ident}},
			want:   want,
		},
		{
			name: "CreateIdentity with password",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateIdentity(ctx, u, NewIdentity{LoginID: LoginID{LoginIDUsername, "al"}, Password: Password("pw")})
			},
			op: "CreateIdentity",
			vars: map[string]any{"input": map[string]any{
				"userID": NodeID("User", u), "password": "pw",
				"definition": map[string]any{"loginID": map[string]any{"key": "username", "value": "al"}},
			}},
			answer: map[string]any{"createIdentity": map[string]any{"identity": ident}},
		},
		{
			name: "UpdateIdentity",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateIdentity(ctx, u, NodeID("Identity", "i1"), LoginID{LoginIDEmail, "a@example.com"})
			},
			op: "UpdateIdentity",
			vars: map[string]any{"input": map[string]any{
				"userID": NodeID("User", u), "identityID": NodeID("Identity", "i1"),
				"definition": map[string]any{"loginID": map[string]any{"key": "email", "value": "a@example.com"}},
			}},
			answer: map[string]any{"updateIdentity": map[string]any{"identity": ident}},
			want:   want,
		},
		{
			name: "DeleteIdentity",
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.DeleteIdentity(ctx, NodeID("Identity", "i1"))
			},
			op:     "DeleteIdentity",
			vars:   map[string]any{"input": map[string]any{"identityID": NodeID("Identity", "i1")}},
			answer: map[string]any{"deleteIdentity": map[string]any{"user": map[string]any{"id": NodeID("User", u)}}},
		},
		{
			name: "ListIdentities by type",
			call: func(ctx context.Context, c *Client) (any, error) {
				var got []*Identity
				for i, err := range c.ListIdentities(ctx, u, &ListIdentitiesOptions{Type: IdentityTypeLoginId, PageSize: 5}) {
					if err != nil {
						return nil, err
					}
					got = append(got, i)
				}
				return got, nil
			},
			op:     "ListUserIdentities",
			vars:   map[string]any{"id": NodeID("User", u), "first": float64(5), "after": nil, "identityType": "LOGIN_ID"},
			answer: map[string]any{"node": map[string]any{"identities": page(0, false, ident)}},
			want:   []*Identity{want},
		},
		{
			name: "GetUserByOAuth",
			call: func(ctx context.Context, c *Client) (any, error) {
				got, err := c.GetUserByOAuth(ctx, "google", "1234")
				return got.RawID, err
			},
			op:     "GetUserByOAuth",
			vars:   map[string]any{"oauthProviderAlias": "google", "oauthProviderUserID": "1234"},
			answer: map[string]any{"getUserByOAuth": fakeUser(u, t1, `{}`, `{}`)},
			want:   u,
		},
	})
}

func TestNewIdentityRedacts(t *testing.T) {
	t.Parallel()
	n := NewIdentity{LoginID: LoginID{LoginIDEmail, "a@example.com"}, Password: Password("hunter2")}
	for _, s := range []string{n.String(), fmt.Sprintf("%v %+v %#v %s", n, n, n, n), n.LogValue().String()} {
		if strings.Contains(s, "hunter2") || !strings.Contains(s, "a@example.com") {
			t.Errorf("%q shows the password or hides the login id", s)
		}
	}
}

func TestIdentityArgumentsRefused(t *testing.T) {
	t.Parallel()
	runRefusedCases(t, []refusedCase{
		{"CreateIdentity bad user", func(ctx context.Context, c *Client) error {
			_, err := c.CreateIdentity(ctx, "garbage", NewIdentity{LoginID: LoginID{LoginIDEmail, "a@example.com"}})
			return err
		}},
		{"CreateIdentity empty login id", func(ctx context.Context, c *Client) error {
			_, err := c.CreateIdentity(ctx, uuidN(1), NewIdentity{})
			return err
		}},
		{"UpdateIdentity user id as identity", func(ctx context.Context, c *Client) error {
			_, err := c.UpdateIdentity(ctx, uuidN(1), NodeID("User", uuidN(1)), LoginID{LoginIDEmail, "a@example.com"})
			return err
		}},
		{"DeleteIdentity garbage", func(ctx context.Context, c *Client) error { return c.DeleteIdentity(ctx, "garbage") }},
		{"GetUserByOAuth empty", func(ctx context.Context, c *Client) error { _, err := c.GetUserByOAuth(ctx, "google", ""); return err }},
		{"GetWeb3Claims garbage", func(ctx context.Context, c *Client) error { _, err := c.GetWeb3Claims(ctx, "garbage"); return err }},
		{"ListIdentities garbage", func(ctx context.Context, c *Client) error { return firstErr(c.ListIdentities(ctx, "garbage", nil)) }},
	})
}
