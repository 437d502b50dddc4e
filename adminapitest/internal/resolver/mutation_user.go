package resolver

import (
	"time"

	"context"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
	"github.com/authgear-admin/adminapi/adminapitest/internal/graph"
	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// userID decodes a user node id; the server refuses raw UUIDs too.
func userID(id string) (string, error) {
	raw, ok := model.DecodeIDOf(model.TypeUser, id)
	if !ok {
		return "", apierr.New(apierr.Invalid, "Invalid", "invalid user ID")
	}
	return raw, nil
}

func loginIDOf(def *graph.IdentityDefinition) ([2]string, error) {
	if def == nil || def.LoginID == nil {
		return [2]string{}, apierr.New(apierr.Invalid, "Invalid", "invalid identity definition")
	}
	return [2]string{def.LoginID.Key, def.LoginID.Value}, nil
}

func (m *mutationResolver) CreateUser(_ context.Context, in graph.CreateUserInput) (*graph.CreateUserPayload, error) {
	lid, err := loginIDOf(in.Definition)
	if err != nil {
		return nil, err
	}
	// sendPassword is ignored: the emulator sends no messages.
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
	user, err := m.r.mustUser(u.ID)
	return &graph.CreateUserPayload{User: user}, err
}

func (m *mutationResolver) UpdateUser(_ context.Context, in graph.UpdateUserInput) (*graph.UpdateUserPayload, error) {
	id, err := userID(in.UserID)
	if err != nil {
		return nil, err
	}
	if _, err := m.r.Store.UpdateAttributes(id, in.StandardAttributes, in.CustomAttributes); err != nil {
		return nil, err
	}
	user, err := m.r.mustUser(id)
	return &graph.UpdateUserPayload{User: user}, err
}

func (m *mutationResolver) DeleteUser(_ context.Context, in graph.DeleteUserInput) (*graph.DeleteUserPayload, error) {
	id, err := userID(in.UserID)
	if err != nil {
		return nil, err
	}
	if err := m.r.Store.DeleteUser(id); err != nil {
		return nil, err
	}
	return &graph.DeleteUserPayload{DeletedUserID: in.UserID}, nil
}

func (m *mutationResolver) SetDisabledStatus(_ context.Context, in graph.SetDisabledStatusInput) (*graph.SetDisabledStatusPayload, error) {
	id, err := userID(in.UserID)
	if err != nil {
		return nil, err
	}
	if _, err := m.r.Store.SetDisabled(id, in.IsDisabled, in.Reason, in.TemporarilyDisabledFrom, in.TemporarilyDisabledUntil); err != nil {
		return nil, err
	}
	user, err := m.r.mustUser(id)
	return &graph.SetDisabledStatusPayload{User: user}, err
}

func (m *mutationResolver) SetAccountValidFrom(_ context.Context, in graph.SetAccountValidFromInput) (*graph.SetAccountValidFromPayload, error) {
	user, err := m.setValidPeriod(in.UserID, func(u store.User) (from, until *time.Time) {
		return in.AccountValidFrom, u.Status.AccountValidUntil
	})
	return &graph.SetAccountValidFromPayload{User: user}, err
}

func (m *mutationResolver) SetAccountValidUntil(_ context.Context, in graph.SetAccountValidUntilInput) (*graph.SetAccountValidUntilPayload, error) {
	user, err := m.setValidPeriod(in.UserID, func(u store.User) (from, until *time.Time) {
		return u.Status.AccountValidFrom, in.AccountValidUntil
	})
	return &graph.SetAccountValidUntilPayload{User: user}, err
}

func (m *mutationResolver) SetAccountValidPeriod(_ context.Context, in graph.SetAccountValidPeriodInput) (*graph.SetAccountValidPeriodPayload, error) {
	user, err := m.setValidPeriod(in.UserID, func(store.User) (from, until *time.Time) {
		return in.AccountValidFrom, in.AccountValidUntil
	})
	return &graph.SetAccountValidPeriodPayload{User: user}, err
}

func (m *mutationResolver) setValidPeriod(nodeID string, period func(store.User) (from, until *time.Time)) (*model.User, error) {
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
	return m.r.mustUser(id)
}

func (m *mutationResolver) ResetPassword(_ context.Context, in graph.ResetPasswordInput) (*graph.ResetPasswordPayload, error) {
	id, err := userID(in.UserID)
	if err != nil {
		return nil, err
	}
	// A null or empty password has the server generate one; sendPassword is
	// ignored.
	password := ""
	if in.Password != nil {
		password = *in.Password
	}
	expired := in.SetPasswordExpired != nil && *in.SetPasswordExpired
	if _, err := m.r.Store.ResetPassword(id, password, expired); err != nil {
		return nil, err
	}
	user, err := m.r.mustUser(id)
	return &graph.ResetPasswordPayload{User: user}, err
}
