package adminapi

import (
	"context"
	"time"
)

// The account operations below each take a user's node id or raw UUID and,
// unless said otherwise, return the user as changed.

// SetAccountValidFrom sets the instant before which the account counts as
// disabled; nil removes the bound.
func (c *Client) SetAccountValidFrom(ctx context.Context, userID string, from *time.Time) (*User, error) {
	id, err := UserNodeID(userID)
	if err != nil {
		return nil, err
	}
	return c.userMutation(ctx, "SetAccountValidFrom", SetAccountValidFrom_Operation, "setAccountValidFrom",
		&__SetAccountValidFromInput{Input: SetAccountValidFromInput{UserID: id, AccountValidFrom: from}})
}

// SetAccountValidUntil sets the instant from which the account counts as
// disabled; nil removes the bound.
func (c *Client) SetAccountValidUntil(ctx context.Context, userID string, until *time.Time) (*User, error) {
	id, err := UserNodeID(userID)
	if err != nil {
		return nil, err
	}
	return c.userMutation(ctx, "SetAccountValidUntil", SetAccountValidUntil_Operation, "setAccountValidUntil",
		&__SetAccountValidUntilInput{Input: SetAccountValidUntilInput{UserID: id, AccountValidUntil: until}})
}

// SetAccountValidPeriod sets both ends of the period in which the account
// may sign in; a nil end removes that bound. from must not be after until.
func (c *Client) SetAccountValidPeriod(ctx context.Context, userID string, from, until *time.Time) (*User, error) {
	id, err := UserNodeID(userID)
	if err != nil {
		return nil, err
	}
	if from != nil && until != nil && from.After(*until) {
		return nil, invalidArgError("the account valid period ends before it starts")
	}
	return c.userMutation(ctx, "SetAccountValidPeriod", SetAccountValidPeriod_Operation, "setAccountValidPeriod",
		&__SetAccountValidPeriodInput{Input: SetAccountValidPeriodInput{UserID: id, AccountValidFrom: from, AccountValidUntil: until}})
}

// SetMFAGracePeriod lets a user sign in without a second factor until
// endAt, for example to set one up. [Client.GetMFAGracePeriod] reads it.
func (c *Client) SetMFAGracePeriod(ctx context.Context, userID string, endAt time.Time) (*User, error) {
	id, err := UserNodeID(userID)
	if err != nil {
		return nil, err
	}
	if endAt.IsZero() {
		return nil, invalidArgError("the MFA grace period end must not be the zero time")
	}
	return c.userMutation(ctx, "SetMFAGracePeriod", SetMFAGracePeriod_Operation, "setMFAGracePeriod",
		&__SetMFAGracePeriodInput{Input: SetMFAGracePeriodInput{UserID: id, EndAt: endAt}})
}

// RemoveMFAGracePeriod ends a user's MFA grace period now.
func (c *Client) RemoveMFAGracePeriod(ctx context.Context, userID string) (*User, error) {
	id, err := UserNodeID(userID)
	if err != nil {
		return nil, err
	}
	return c.userMutation(ctx, "RemoveMFAGracePeriod", RemoveMFAGracePeriod_Operation, "removeMFAGracePeriod",
		&__RemoveMFAGracePeriodInput{Input: RemoveMFAGracePeriodInput{UserID: id}})
}

// GetMFAGracePeriod returns the end of a user's MFA grace period, or nil
// when there is none.
func (c *Client) GetMFAGracePeriod(ctx context.Context, userID string) (*time.Time, error) {
	id, err := UserNodeID(userID)
	if err != nil {
		return nil, err
	}
	var data struct {
		Node *struct {
			EndAt *time.Time `json:"mfaGracePeriodEndAt"`
		} `json:"node"`
	}
	if err := c.run(ctx, "GetMFAGracePeriod", GetMFAGracePeriod_Operation, &__GetMFAGracePeriodInput{Id: id}, &data); err != nil {
		return nil, err
	}
	if data.Node == nil {
		return nil, notFoundError("GetMFAGracePeriod", typeUser, userID)
	}
	return data.Node.EndAt, nil
}

// AccountLockout is whether a user is locked out after too many failed
// sign-ins.
type AccountLockout struct {
	IsLocked bool
	// LockedUntil is when the lock ends; nil when not locked.
	LockedUntil *time.Time
	// Type is "per_user", or "per_user_per_ip" when the project locks per
	// user and IP address.
	Type string
	// LockedIPs are the locked addresses, newest first; only filled when
	// locking per user and IP address.
	LockedIPs []LockedIP
}

// LockedIP is an IP address from which a user may not sign in until
// LockedUntil.
type LockedIP struct {
	IPAddress   string
	LockedUntil time.Time
}

// GetAccountLockout reads a user's lockout state. [Client.ResetAccountLockout]
// lifts a lock.
func (c *Client) GetAccountLockout(ctx context.Context, userID string) (*AccountLockout, error) {
	id, err := UserNodeID(userID)
	if err != nil {
		return nil, err
	}
	var data struct {
		Node *struct {
			Lockout *struct {
				IsLocked    bool       `json:"isLocked"`
				LockoutType string     `json:"lockoutType"`
				LockedUntil *time.Time `json:"lockedUntil"`
				LockedIPs   []struct {
					IPAddress   string    `json:"ipAddress"`
					LockedUntil time.Time `json:"lockedUntil"`
				} `json:"lockedIPs"`
			} `json:"accountLockout"`
		} `json:"node"`
	}
	if err := c.run(ctx, "GetAccountLockout", GetAccountLockout_Operation, &__GetAccountLockoutInput{Id: id}, &data); err != nil {
		return nil, err
	}
	if data.Node == nil {
		return nil, notFoundError("GetAccountLockout", typeUser, userID)
	}
	l := data.Node.Lockout
	if l == nil {
		return nil, answerError("GetAccountLockout", "the answer has no accountLockout", nil)
	}
	out := &AccountLockout{IsLocked: l.IsLocked, LockedUntil: l.LockedUntil, Type: l.LockoutType}
	for _, ip := range l.LockedIPs {
		out.LockedIPs = append(out.LockedIPs, LockedIP(ip))
	}
	return out, nil
}

// ResetAccountLockout lifts a lock put on a user after failed sign-ins.
func (c *Client) ResetAccountLockout(ctx context.Context, userID string) (*User, error) {
	id, err := UserNodeID(userID)
	if err != nil {
		return nil, err
	}
	return c.userMutation(ctx, "ResetAccountLockout", ResetAccountLockout_Operation, "resetAccountLockout",
		&__ResetAccountLockoutInput{Input: ResetAccountLockoutInput{UserID: id}})
}

// SetPasswordExpired makes a user choose a new password at the next
// sign-in (expired true), or withdraws that demand (false).
func (c *Client) SetPasswordExpired(ctx context.Context, userID string, expired bool) (*User, error) {
	id, err := UserNodeID(userID)
	if err != nil {
		return nil, err
	}
	return c.userMutation(ctx, "SetPasswordExpired", SetPasswordExpired_Operation, "setPasswordExpired",
		&__SetPasswordExpiredInput{Input: SetPasswordExpiredInput{UserID: id, Expired: expired}})
}

// SetVerifiedStatus marks the claim name ("email" or "phone_number") with
// the given value as verified or not for a user; the user's verified claims
// ([User.VerifiedClaims]) change accordingly.
func (c *Client) SetVerifiedStatus(ctx context.Context, userID, claimName, claimValue string, verified bool) (*User, error) {
	id, err := UserNodeID(userID)
	if err != nil {
		return nil, err
	}
	if claimName == "" || claimValue == "" {
		return nil, invalidArgError("claim name and value must not be empty")
	}
	return c.userMutation(ctx, "SetVerifiedStatus", SetVerifiedStatus_Operation, "setVerifiedStatus",
		&__SetVerifiedStatusInput{Input: SetVerifiedStatusInput{UserID: id, ClaimName: claimName, ClaimValue: claimValue, IsVerified: verified}})
}

// ScheduleAccountDeletion schedules a user's deletion after the project's
// grace period ([User.DeleteAt] says when); reason, if not empty, is
// stored with it. The user cannot sign in meanwhile.
func (c *Client) ScheduleAccountDeletion(ctx context.Context, userID, reason string) (*User, error) {
	id, err := UserNodeID(userID)
	if err != nil {
		return nil, err
	}
	return c.userMutation(ctx, "ScheduleAccountDeletion", ScheduleAccountDeletion_Operation, "scheduleAccountDeletion",
		&__ScheduleAccountDeletionInput{Input: ScheduleAccountDeletionInput{UserID: id, Reason: optString(reason)}})
}

// UnscheduleAccountDeletion cancels a scheduled deletion.
func (c *Client) UnscheduleAccountDeletion(ctx context.Context, userID string) (*User, error) {
	id, err := UserNodeID(userID)
	if err != nil {
		return nil, err
	}
	return c.userMutation(ctx, "UnscheduleAccountDeletion", UnscheduleAccountDeletion_Operation, "unscheduleAccountDeletion",
		&__UnscheduleAccountDeletionInput{Input: UnscheduleAccountDeletionInput{UserID: id}})
}

// ScheduleAccountAnonymization schedules a user's anonymization after the
// project's grace period ([User.AnonymizeAt] says when).
func (c *Client) ScheduleAccountAnonymization(ctx context.Context, userID string) (*User, error) {
	id, err := UserNodeID(userID)
	if err != nil {
		return nil, err
	}
	return c.userMutation(ctx, "ScheduleAccountAnonymization", ScheduleAccountAnonymization_Operation, "scheduleAccountAnonymization",
		&__ScheduleAccountAnonymizationInput{Input: ScheduleAccountAnonymizationInput{UserID: id}})
}

// UnscheduleAccountAnonymization cancels a scheduled anonymization.
func (c *Client) UnscheduleAccountAnonymization(ctx context.Context, userID string) (*User, error) {
	id, err := UserNodeID(userID)
	if err != nil {
		return nil, err
	}
	return c.userMutation(ctx, "UnscheduleAccountAnonymization", UnscheduleAccountAnonymization_Operation, "unscheduleAccountAnonymization",
		&__UnscheduleAccountAnonymizationInput{Input: UnscheduleAccountAnonymizationInput{UserID: id}})
}

// AnonymizeUser anonymizes a user at once: their identities,
// authenticators and attributes are deleted and only the bare record stays
// ([User.IsAnonymized]). It cannot be undone.
func (c *Client) AnonymizeUser(ctx context.Context, userID string) error {
	id, err := UserNodeID(userID)
	if err != nil {
		return err
	}
	_, err = mutate[struct{}](ctx, c, "AnonymizeUser", AnonymizeUser_Operation, "anonymizeUser",
		&__AnonymizeUserInput{Input: AnonymizeUserInput{UserID: id}})
	return err
}

// SendResetPasswordMessage sends a reset-password link or code to a login
// id: the email address or phone number itself (not an identity's node id),
// as the user would type it on the "forgot password" page.
func (c *Client) SendResetPasswordMessage(ctx context.Context, loginID string) error {
	if loginID == "" {
		return invalidArgError("login id must not be empty")
	}
	// The field is a bare Boolean, not a payload object.
	var data struct {
		OK *bool `json:"sendResetPasswordMessage"`
	}
	return c.run(ctx, "SendResetPasswordMessage", SendResetPasswordMessage_Operation,
		&__SendResetPasswordMessageInput{Input: SendResetPasswordMessageInput{LoginID: loginID}}, &data)
}

// GenerateOOBOTPCode generates a one-time code for target (an email address
// or a phone number) as if it had been sent there, for purpose
// (OTPPurposeLogin or OTPPurposeVerification; "" lets the server choose),
// and returns it. The code is a credential: keep it out of logs.
func (c *Client) GenerateOOBOTPCode(ctx context.Context, target string, purpose OTPPurpose) (string, error) {
	if target == "" {
		return "", invalidArgError("OTP target must not be empty")
	}
	in := GenerateOOBOTPCodeInput{Target: target}
	if purpose != "" {
		in.Purpose = &purpose
	}
	p, err := mutate[struct {
		Code string `json:"code"`
	}](ctx, c, "GenerateOOBOTPCode", GenerateOOBOTPCode_Operation, "generateOOBOTPCode", &__GenerateOOBOTPCodeInput{Input: in})
	if err != nil {
		return "", err
	}
	return p.Code, nil
}
