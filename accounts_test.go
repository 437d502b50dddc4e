package adminapi

import (
	"context"
	"testing"
	"time"
)

func TestAccountOperations(t *testing.T) {
	t.Parallel()
	u := uuidN(1)
	nid := NodeID("User", u)
	payload := func(field string) map[string]any {
		return map[string]any{field: map[string]any{"user": fakeUser(u, t1, `{}`, `{}`)}}
	}
	userCase := func(name, op, field string, input map[string]any, call func(ctx context.Context, c *Client) (*User, error)) opCase {
		input["userID"] = nid
		return opCase{
			name: name,
			call: func(ctx context.Context, c *Client) (any, error) {
				got, err := call(ctx, c)
				if err != nil {
					return nil, err
				}
				return got.ID, nil
			},
			op: op, vars: map[string]any{"input": input}, answer: payload(field), want: nid,
		}
	}
	runOpCases(t, []opCase{
		userCase("SetAccountValidFrom", "SetAccountValidFrom", "setAccountValidFrom", map[string]any{"accountValidFrom": t1JSON},
			func(ctx context.Context, c *Client) (*User, error) { return c.SetAccountValidFrom(ctx, u, &t1) }),
		userCase("SetAccountValidFrom clears", "SetAccountValidFrom", "setAccountValidFrom", map[string]any{"accountValidFrom": nil},
			func(ctx context.Context, c *Client) (*User, error) { return c.SetAccountValidFrom(ctx, u, nil) }),
		userCase("SetAccountValidUntil", "SetAccountValidUntil", "setAccountValidUntil", map[string]any{"accountValidUntil": t2JSON},
			func(ctx context.Context, c *Client) (*User, error) { return c.SetAccountValidUntil(ctx, u, &t2) }),
		userCase("SetAccountValidPeriod", "SetAccountValidPeriod", "setAccountValidPeriod",
			map[string]any{"accountValidFrom": t1JSON, "accountValidUntil": nil},
			func(ctx context.Context, c *Client) (*User, error) { return c.SetAccountValidPeriod(ctx, u, &t1, nil) }),
		userCase("SetMFAGracePeriod", "SetMFAGracePeriod", "setMFAGracePeriod", map[string]any{"endAt": t2JSON},
			func(ctx context.Context, c *Client) (*User, error) { return c.SetMFAGracePeriod(ctx, u, t2) }),
		userCase("RemoveMFAGracePeriod", "RemoveMFAGracePeriod", "removeMFAGracePeriod", map[string]any{},
			func(ctx context.Context, c *Client) (*User, error) { return c.RemoveMFAGracePeriod(ctx, u) }),
		userCase("ResetAccountLockout", "ResetAccountLockout", "resetAccountLockout", map[string]any{},
			func(ctx context.Context, c *Client) (*User, error) { return c.ResetAccountLockout(ctx, u) }),
		userCase("SetPasswordExpired false", "SetPasswordExpired", "setPasswordExpired", map[string]any{"expired": false},
			func(ctx context.Context, c *Client) (*User, error) { return c.SetPasswordExpired(ctx, u, false) }),
		userCase("SetVerifiedStatus", "SetVerifiedStatus", "setVerifiedStatus",
			map[string]any{"claimName": "email", "claimValue": "a@example.com", "isVerified": true},
			func(ctx context.Context, c *Client) (*User, error) {
				return c.SetVerifiedStatus(ctx, u, "email", "a@example.com", true)
			}),
		userCase("ScheduleAccountDeletion without reason", "ScheduleAccountDeletion", "scheduleAccountDeletion", map[string]any{"reason": nil},
			func(ctx context.Context, c *Client) (*User, error) { return c.ScheduleAccountDeletion(ctx, u, "") }),
		userCase("ScheduleAccountDeletion with reason", "ScheduleAccountDeletion", "scheduleAccountDeletion", map[string]any{"reason": "asked"},
			func(ctx context.Context, c *Client) (*User, error) { return c.ScheduleAccountDeletion(ctx, u, "asked") }),
		userCase("UnscheduleAccountDeletion", "UnscheduleAccountDeletion", "unscheduleAccountDeletion", map[string]any{},
			func(ctx context.Context, c *Client) (*User, error) { return c.UnscheduleAccountDeletion(ctx, u) }),
		userCase("ScheduleAccountAnonymization", "ScheduleAccountAnonymization", "scheduleAccountAnonymization", map[string]any{},
			func(ctx context.Context, c *Client) (*User, error) { return c.ScheduleAccountAnonymization(ctx, u) }),
		userCase("UnscheduleAccountAnonymization", "UnscheduleAccountAnonymization", "unscheduleAccountAnonymization", map[string]any{},
			func(ctx context.Context, c *Client) (*User, error) { return c.UnscheduleAccountAnonymization(ctx, u) }),
		{
			name:   "AnonymizeUser",
			call:   func(ctx context.Context, c *Client) (any, error) { return nil, c.AnonymizeUser(ctx, u) },
			op:     "AnonymizeUser",
			vars:   map[string]any{"input": map[string]any{"userID": nid}},
			answer: map[string]any{"anonymizeUser": map[string]any{"anonymizedUserID": nid}},
		},
		{
			name: "SendResetPasswordMessage",
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.SendResetPasswordMessage(ctx, "+85298765432")
			},
			op:     "SendResetPasswordMessage",
			vars:   map[string]any{"input": map[string]any{"loginID": "+85298765432"}},
			answer: map[string]any{"sendResetPasswordMessage": true},
		},
		{
			name: "GenerateOOBOTPCode",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.GenerateOOBOTPCode(ctx, "a@example.com", OTPPurposeLogin)
			},
			op:     "GenerateOOBOTPCode",
			vars:   map[string]any{"input": map[string]any{"target": "a@example.com", "purpose": "LOGIN"}},
			answer: map[string]any{"generateOOBOTPCode": map[string]any{"code": "123456"}},
			want:   "123456",
		},
		{
			name: "GenerateOOBOTPCode without purpose",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.GenerateOOBOTPCode(ctx, "+85298765432", "")
			},
			op:     "GenerateOOBOTPCode",
			vars:   map[string]any{"input": map[string]any{"target": "+85298765432", "purpose": nil}},
			answer: map[string]any{"generateOOBOTPCode": map[string]any{"code": "654321"}},
			want:   "654321",
		},
		{
			name:   "GetMFAGracePeriod",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.GetMFAGracePeriod(ctx, u) },
			op:     "GetMFAGracePeriod",
			vars:   map[string]any{"id": nid},
			answer: map[string]any{"node": map[string]any{"mfaGracePeriodEndAt": t2JSON}},
			want:   &t2,
		},
		{
			name: "GetAccountLockout",
			call: func(ctx context.Context, c *Client) (any, error) { return c.GetAccountLockout(ctx, u) },
			op:   "GetAccountLockout",
			answer: map[string]any{"node": map[string]any{"accountLockout": map[string]any{
				"isLocked": true, "lockoutType": "per_user_per_ip", "lockedUntil": t2JSON,
				"lockedIPs": []any{map[string]any{"ipAddress": "10.0.0.1", "lockedUntil": t2JSON}},
			}}},
			want: &AccountLockout{IsLocked: true, Type: "per_user_per_ip", LockedUntil: &t2,
				LockedIPs: []LockedIP{{IPAddress: "10.0.0.1", LockedUntil: t2}}},
		},
	})
}

func TestAccountArgumentsRefused(t *testing.T) {
	t.Parallel()
	u := uuidN(1)
	runRefusedCases(t, []refusedCase{
		{"period ends before it starts", func(ctx context.Context, c *Client) error {
			_, err := c.SetAccountValidPeriod(ctx, u, &t2, &t1)
			return err
		}},
		{"zero grace period end", func(ctx context.Context, c *Client) error {
			_, err := c.SetMFAGracePeriod(ctx, u, time.Time{})
			return err
		}},
		{"empty claim", func(ctx context.Context, c *Client) error {
			_, err := c.SetVerifiedStatus(ctx, u, "email", "", true)
			return err
		}},
		{"bad user", func(ctx context.Context, c *Client) error {
			_, err := c.ResetAccountLockout(ctx, "garbage")
			return err
		}},
		{"anonymize bad user", func(ctx context.Context, c *Client) error { return c.AnonymizeUser(ctx, NodeID("Role", "r")) }},
		{"reset password message without login id", func(ctx context.Context, c *Client) error {
			return c.SendResetPasswordMessage(ctx, "")
		}},
		{"OTP without target", func(ctx context.Context, c *Client) error { _, err := c.GenerateOOBOTPCode(ctx, "", ""); return err }},
		{"lockout bad user", func(ctx context.Context, c *Client) error { _, err := c.GetAccountLockout(ctx, "x"); return err }},
	})
}
