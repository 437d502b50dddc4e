package resolver

import (
	"context"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
	"github.com/authgear-admin/adminapi/adminapitest/internal/graph"
	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

func loginIDOf(def *graph.IdentityDefinition) ([2]string, error) {
	if def == nil || def.LoginID == nil {
		return [2]string{}, apierr.New(apierr.Invalid, "Invalid", "invalid identity definition")
	}
	return [2]string{def.LoginID.Key, def.LoginID.Value}, nil
}

// userEvent is the payload of a side event about a user.
func userEvent(id string) map[string]any {
	return map[string]any{"user": map[string]any{"id": id}, "admin_api": true}
}

func (m *mutationResolver) CreateUser(ctx context.Context, in graph.CreateUserInput) (*graph.CreateUserPayload, error) {
	lid, err := loginIDOf(in.Definition)
	if err != nil {
		return nil, err
	}
	// sendPassword is accepted, but the emulator sends no password message.
	u, err := m.r.Store.CreateUser(store.NewUser{
		LoginIDs:          [][2]string{lid},
		Password:          in.Password,
		CheckPolicy:       true,
		PasswordExpired:   in.SetPasswordExpired != nil && *in.SetPasswordExpired,
		AccountValidFrom:  in.AccountValidFrom,
		AccountValidUntil: in.AccountValidUntil,
	})
	if err != nil {
		return nil, err
	}
	noteEvent(ctx, graph.AuditLogActivityTypeUserCreated, u.ID, userEvent(u.ID))
	noteUser(ctx, u.ID)
	user, err := m.r.mustUser(u.ID)
	return &graph.CreateUserPayload{User: user}, err
}

func (m *mutationResolver) UpdateUser(ctx context.Context, in graph.UpdateUserInput) (*graph.UpdateUserPayload, error) {
	id, err := userID(in.UserID)
	if err != nil {
		return nil, err
	}
	if _, err := m.r.Store.UpdateAttributes(id, in.StandardAttributes, in.CustomAttributes); err != nil {
		return nil, err
	}
	noteEvent(ctx, graph.AuditLogActivityTypeUserProfileUpdated, id, userEvent(id))
	noteUser(ctx, id)
	user, err := m.r.mustUser(id)
	return &graph.UpdateUserPayload{User: user}, err
}

func (m *mutationResolver) DeleteUser(ctx context.Context, in graph.DeleteUserInput) (*graph.DeleteUserPayload, error) {
	id, err := userID(in.UserID)
	if err != nil {
		return nil, err
	}
	if err := m.r.Store.DeleteUser(id); err != nil {
		return nil, err
	}
	ev := userEvent(id)
	if in.Reason != nil {
		ev["reason"] = *in.Reason
	}
	noteEvent(ctx, graph.AuditLogActivityTypeUserDeleted, id, ev)
	noteUser(ctx, id)
	return &graph.DeleteUserPayload{DeletedUserID: in.UserID}, nil
}

func (m *mutationResolver) SetDisabledStatus(ctx context.Context, in graph.SetDisabledStatusInput) (*graph.SetDisabledStatusPayload, error) {
	id, err := userID(in.UserID)
	if err != nil {
		return nil, err
	}
	if _, err := m.r.Store.SetDisabled(id, in.IsDisabled, in.Reason, in.TemporarilyDisabledFrom, in.TemporarilyDisabledUntil); err != nil {
		return nil, err
	}
	activity := graph.AuditLogActivityTypeUserReenabled
	if in.IsDisabled {
		activity = graph.AuditLogActivityTypeUserDisabled
	}
	noteEvent(ctx, activity, id, userEvent(id))
	noteUser(ctx, id)
	user, err := m.r.mustUser(id)
	return &graph.SetDisabledStatusPayload{User: user}, err
}

func (m *mutationResolver) SetAccountValidFrom(ctx context.Context, in graph.SetAccountValidFromInput) (*graph.SetAccountValidFromPayload, error) {
	user, err := m.setValidPeriod(ctx, in.UserID, func(u store.User) (from, until *time.Time) {
		return in.AccountValidFrom, u.Status.AccountValidUntil
	})
	return &graph.SetAccountValidFromPayload{User: user}, err
}

func (m *mutationResolver) SetAccountValidUntil(ctx context.Context, in graph.SetAccountValidUntilInput) (*graph.SetAccountValidUntilPayload, error) {
	user, err := m.setValidPeriod(ctx, in.UserID, func(u store.User) (from, until *time.Time) {
		return u.Status.AccountValidFrom, in.AccountValidUntil
	})
	return &graph.SetAccountValidUntilPayload{User: user}, err
}

func (m *mutationResolver) SetAccountValidPeriod(ctx context.Context, in graph.SetAccountValidPeriodInput) (*graph.SetAccountValidPeriodPayload, error) {
	user, err := m.setValidPeriod(ctx, in.UserID, func(store.User) (from, until *time.Time) {
		return in.AccountValidFrom, in.AccountValidUntil
	})
	return &graph.SetAccountValidPeriodPayload{User: user}, err
}

func (m *mutationResolver) setValidPeriod(ctx context.Context, nodeID string, period func(store.User) (from, until *time.Time)) (*model.User, error) {
	id, err := userID(nodeID)
	if err != nil {
		return nil, err
	}
	u, ok := m.r.Store.User(id)
	if !ok {
		return nil, store.ErrUserNotFound
	}
	from, until := period(u)
	if _, err := m.r.Store.SetAccountValidPeriod(id, from, until); err != nil {
		return nil, err
	}
	noteUser(ctx, id)
	return m.r.mustUser(id)
}

func (m *mutationResolver) ResetPassword(ctx context.Context, in graph.ResetPasswordInput) (*graph.ResetPasswordPayload, error) {
	id, err := userID(in.UserID)
	if err != nil {
		return nil, err
	}
	// A null or empty password has the server generate one; sendPassword is
	// accepted, but the emulator sends no message.
	password := ""
	if in.Password != nil {
		password = *in.Password
	}
	expired := in.SetPasswordExpired != nil && *in.SetPasswordExpired
	if _, err := m.r.Store.ResetPassword(id, password, expired); err != nil {
		return nil, err
	}
	noteUser(ctx, id)
	user, err := m.r.mustUser(id)
	return &graph.ResetPasswordPayload{User: user}, err
}
