package resolver

import (
	"context"

	"github.com/authgear-admin/adminapi/adminapitest/internal/graph"
	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// accountChange runs a change of a user's account and returns the user;
// event, if not empty, is the change's side event.
func (m *mutationResolver) accountChange(ctx context.Context, nodeID string, event graph.AuditLogActivityType, change func(id string) error) (*model.User, error) {
	id, err := userID(nodeID)
	if err != nil {
		return nil, err
	}
	if err := change(id); err != nil {
		return nil, err
	}
	if event != "" {
		noteEvent(ctx, event, id, userEvent(id))
	}
	noteUser(ctx, id)
	return m.r.mustUser(id)
}

// ignoreUser adapts a store method that returns the changed user.
func ignoreUser[A any](f func(string, A) (store.User, error), a A) func(string) error {
	return func(id string) error { _, err := f(id, a); return err }
}

func ignoreUser0(f func(string) (store.User, error)) func(string) error {
	return func(id string) error { _, err := f(id); return err }
}

func (m *mutationResolver) SetPasswordExpired(ctx context.Context, in graph.SetPasswordExpiredInput) (*graph.SetPasswordExpiredPayload, error) {
	u, err := m.accountChange(ctx, in.UserID, "", func(id string) error {
		return m.r.Store.SetPasswordExpired(id, in.Expired)
	})
	return &graph.SetPasswordExpiredPayload{User: u}, err
}

func (m *mutationResolver) SetMFAGracePeriod(ctx context.Context, in graph.SetMFAGracePeriodInput) (*graph.SetMFAGracePeriodPayload, error) {
	u, err := m.accountChange(ctx, in.UserID, "", ignoreUser(m.r.Store.SetMFAGracePeriod, &in.EndAt))
	return &graph.SetMFAGracePeriodPayload{User: u}, err
}

func (m *mutationResolver) RemoveMFAGracePeriod(ctx context.Context, in graph.RemoveMFAGracePeriodInput) (*graph.RemoveMFAGracePeriodPayload, error) {
	u, err := m.accountChange(ctx, in.UserID, "", ignoreUser(m.r.Store.SetMFAGracePeriod, nil))
	return &graph.RemoveMFAGracePeriodPayload{User: u}, err
}

func (m *mutationResolver) ResetAccountLockout(ctx context.Context, in graph.ResetAccountLockoutInput) (*graph.ResetAccountLockoutPayload, error) {
	u, err := m.accountChange(ctx, in.UserID, "", ignoreUser0(m.r.Store.ResetLockout))
	return &graph.ResetAccountLockoutPayload{User: u}, err
}

func (m *mutationResolver) ScheduleAccountDeletion(ctx context.Context, in graph.ScheduleAccountDeletionInput) (*graph.ScheduleAccountDeletionPayload, error) {
	u, err := m.accountChange(ctx, in.UserID, graph.AuditLogActivityTypeUserDeletionScheduled,
		ignoreUser(m.r.Store.ScheduleDeletion, in.Reason))
	return &graph.ScheduleAccountDeletionPayload{User: u}, err
}

func (m *mutationResolver) UnscheduleAccountDeletion(ctx context.Context, in graph.UnscheduleAccountDeletionInput) (*graph.UnscheduleAccountDeletionPayload, error) {
	u, err := m.accountChange(ctx, in.UserID, graph.AuditLogActivityTypeUserDeletionUnscheduled,
		ignoreUser0(m.r.Store.UnscheduleDeletion))
	return &graph.UnscheduleAccountDeletionPayload{User: u}, err
}

func (m *mutationResolver) ScheduleAccountAnonymization(ctx context.Context, in graph.ScheduleAccountAnonymizationInput) (*graph.ScheduleAccountAnonymizationPayload, error) {
	u, err := m.accountChange(ctx, in.UserID, graph.AuditLogActivityTypeUserAnonymizationScheduled,
		ignoreUser0(m.r.Store.ScheduleAnonymization))
	return &graph.ScheduleAccountAnonymizationPayload{User: u}, err
}

func (m *mutationResolver) UnscheduleAccountAnonymization(ctx context.Context, in graph.UnscheduleAccountAnonymizationInput) (*graph.UnscheduleAccountAnonymizationPayload, error) {
	u, err := m.accountChange(ctx, in.UserID, graph.AuditLogActivityTypeUserAnonymizationUnscheduled,
		ignoreUser0(m.r.Store.UnscheduleAnonymization))
	return &graph.UnscheduleAccountAnonymizationPayload{User: u}, err
}

func (m *mutationResolver) AnonymizeUser(ctx context.Context, in graph.AnonymizeUserInput) (*graph.AnonymizeUserPayload, error) {
	if _, err := m.accountChange(ctx, in.UserID, graph.AuditLogActivityTypeUserAnonymized, ignoreUser0(m.r.Store.Anonymize)); err != nil {
		return nil, err
	}
	return &graph.AnonymizeUserPayload{AnonymizedUserID: in.UserID}, nil
}

func (m *mutationResolver) SetVerifiedStatus(ctx context.Context, in graph.SetVerifiedStatusInput) (*graph.SetVerifiedStatusPayload, error) {
	u, err := m.accountChange(ctx, in.UserID, "", func(id string) error {
		_, err := m.r.Store.SetVerified(id, in.ClaimName, in.ClaimValue, in.IsVerified)
		return err
	})
	if err != nil {
		return nil, err
	}
	// The server's entry of this mutation names the claim, not the user;
	// the IDENTITY_*_VERIFIED entry before it links the user.
	noteUser(ctx, "")
	kind := map[string]string{"email": "EMAIL", "phone_number": "PHONE"}[in.ClaimName]
	change := "UNVERIFIED"
	if in.IsVerified {
		change = "VERIFIED"
	}
	id := u.Record().ID
	noteEvent(ctx, graph.AuditLogActivityType("IDENTITY_"+kind+"_"+change), id, userEvent(id))
	return &graph.SetVerifiedStatusPayload{User: u}, nil
}

// SendResetPasswordMessage records the message in the outbox instead of
// sending it, with an EMAIL_SENT or SMS_SENT audit log entry.
func (m *mutationResolver) SendResetPasswordMessage(ctx context.Context, in graph.SendResetPasswordMessageInput) (*bool, error) {
	msg, err := m.r.Store.SendResetPasswordMessage(in.LoginID)
	if err != nil {
		return nil, err
	}
	activity := graph.AuditLogActivityTypeEmailSent
	if msg.Channel == "sms" {
		activity = graph.AuditLogActivityTypeSmsSent
	}
	noteEvent(ctx, activity, msg.UserID, map[string]any{"recipient": msg.Recipient, "type": msg.Type})
	return nil, nil
}

func (m *mutationResolver) GenerateOOBOTPCode(_ context.Context, in graph.GenerateOOBOTPCodeInput) (*graph.GenerateOOBOTPCodePayload, error) {
	purpose := "login"
	if in.Purpose != nil && *in.Purpose == graph.OTPPurposeVerification {
		purpose = "verification"
	}
	c := m.r.Store.GenerateOTPCode(in.Target, purpose)
	return &graph.GenerateOOBOTPCodePayload{Code: c.Code}, nil
}

func (m *mutationResolver) DeleteAuthorization(ctx context.Context, in graph.DeleteAuthorizationInput) (*graph.DeleteAuthorizationPayload, error) {
	raw, err := decodeID(model.TypeAuthorization, in.AuthorizationID, "authorization")
	if err != nil {
		return nil, err
	}
	uid, err := m.r.Store.DeleteAuthorization(raw)
	if err != nil {
		return nil, err
	}
	noteUser(ctx, uid)
	user, err := m.r.mustUser(uid)
	return &graph.DeleteAuthorizationPayload{User: user}, err
}
