package adminapi

import (
	"context"
	"testing"
)

func TestAuthenticatorOperations(t *testing.T) {
	t.Parallel()
	u := uuidN(1)
	auth := map[string]any{
		"id": NodeID("Authenticator", "a1"), "type": "OOB_OTP_EMAIL", "kind": "SECONDARY", "isDefault": true,
		"expireAfter": t2JSON, "claims": map[string]any{"email": "a@example.com"}, "createdAt": t1JSON, "updatedAt": t2JSON,
	}
	want := &Authenticator{
		ID: NodeID("Authenticator", "a1"), Type: AuthenticatorTypeOobOtpEmail, Kind: AuthenticatorKindSecondary,
		IsDefault: true, ExpireAfter: &t2, Claims: JSONObject{"email": "a@example.com"}, CreatedAt: t1, UpdatedAt: t2,
	}
	created := map[string]any{"createAuthenticator": map[string]any{"authenticator": auth}}
	def := func(typ string, member string, value map[string]any) map[string]any {
		d := map[string]any{"kind": "PRIMARY", "type": typ, "password": nil, "oobOtpEmail": nil, "oobOtpSMS": nil}
		d[member] = value
		return map[string]any{"input": map[string]any{"userID": NodeID("User", u), "definition": d}}
	}
	runOpCases(t, []opCase{
		{
			name: "CreatePasswordAuthenticator",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreatePasswordAuthenticator(ctx, u, AuthenticatorKindPrimary, "pw")
			},
			op:     "CreateAuthenticator",
			vars:   def("PASSWORD", "password", map[string]any{"password": "pw"}),
			answer: created,
			want:   want,
		},
		{
			name: "CreateOOBOTPEmailAuthenticator",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateOOBOTPEmailAuthenticator(ctx, u, AuthenticatorKindPrimary, "a@example.com")
			},
			op:     "CreateAuthenticator",
			vars:   def("OOB_OTP_EMAIL", "oobOtpEmail", map[string]any{"email": "a@example.com"}),
			answer: created,
		},
		{
			name: "CreateOOBOTPSMSAuthenticator",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateOOBOTPSMSAuthenticator(ctx, u, AuthenticatorKindPrimary, "+85298765432")
			},
			op:     "CreateAuthenticator",
			vars:   def("OOB_OTP_SMS", "oobOtpSMS", map[string]any{"phone": "+85298765432"}),
			answer: created,
		},
		{
			name: "DeleteAuthenticator",
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.DeleteAuthenticator(ctx, NodeID("Authenticator", "a1"))
			},
			op:     "DeleteAuthenticator",
			vars:   map[string]any{"input": map[string]any{"authenticatorID": NodeID("Authenticator", "a1")}},
			answer: map[string]any{"deleteAuthenticator": map[string]any{"user": map[string]any{"id": NodeID("User", u)}}},
		},
		{
			name: "ListAuthenticators filtered",
			call: func(ctx context.Context, c *Client) (any, error) {
				return collectSeq(c.ListAuthenticators(ctx, u, &ListAuthenticatorsOptions{Kind: AuthenticatorKindSecondary, Type: AuthenticatorTypeOobOtpEmail}))
			},
			op: "ListUserAuthenticators",
			vars: map[string]any{"id": NodeID("User", u), "first": float64(100), "after": nil,
				"authenticatorKind": "SECONDARY", "authenticatorType": "OOB_OTP_EMAIL"},
			answer: map[string]any{"node": map[string]any{"authenticators": page(0, false, auth)}},
			want:   []*Authenticator{want},
		},
		{
			name: "ListAuthenticators unfiltered",
			call: func(ctx context.Context, c *Client) (any, error) {
				return collectSeq(c.ListAuthenticators(ctx, u, nil))
			},
			op: "ListUserAuthenticators",
			vars: map[string]any{"id": NodeID("User", u), "first": float64(100), "after": nil,
				"authenticatorKind": nil, "authenticatorType": nil},
			answer: map[string]any{"node": map[string]any{"authenticators": page(0, false, auth)}},
		},
	})
}

func TestAuthenticatorArgumentsRefused(t *testing.T) {
	t.Parallel()
	u := uuidN(1)
	runRefusedCases(t, []refusedCase{
		{"empty password", func(ctx context.Context, c *Client) error {
			_, err := c.CreatePasswordAuthenticator(ctx, u, AuthenticatorKindPrimary, "")
			return err
		}},
		{"no kind", func(ctx context.Context, c *Client) error {
			_, err := c.CreateOOBOTPEmailAuthenticator(ctx, u, "", "a@example.com")
			return err
		}},
		{"empty phone", func(ctx context.Context, c *Client) error {
			_, err := c.CreateOOBOTPSMSAuthenticator(ctx, u, AuthenticatorKindSecondary, "")
			return err
		}},
		{"bad user", func(ctx context.Context, c *Client) error {
			_, err := c.CreatePasswordAuthenticator(ctx, "garbage", AuthenticatorKindPrimary, "pw")
			return err
		}},
		{"delete with identity id", func(ctx context.Context, c *Client) error {
			return c.DeleteAuthenticator(ctx, NodeID("Identity", "i"))
		}},
	})
}
