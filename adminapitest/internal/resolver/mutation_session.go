package resolver

import (
	"context"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
	"github.com/authgear-admin/adminapi/adminapitest/internal/graph"
	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
)

func (m *mutationResolver) CreateSession(ctx context.Context, in graph.CreateSessionInput) (*graph.CreateSessionPayload, error) {
	id, err := userID(in.UserID)
	if err != nil {
		return nil, err
	}
	_, tok, err := m.r.Store.CreateSession(id, in.ClientID, in.DeviceInfo, clientIP(ctx))
	if err != nil {
		return nil, err
	}
	return &graph.CreateSessionPayload{
		AccessToken:  tok.AccessToken,
		RefreshToken: tok.RefreshToken,
		ExpiresIn:    tok.ExpiresIn,
		TokenType:    "Bearer",
	}, nil
}

func (m *mutationResolver) RevokeSession(_ context.Context, in graph.RevokeSessionInput) (*graph.RevokeSessionPayload, error) {
	raw, ok := model.DecodeIDOf(model.TypeSession, in.SessionID)
	if !ok {
		return nil, apierr.New(apierr.Invalid, "Invalid", "invalid session ID")
	}
	uid, err := m.r.Store.RevokeSession(raw)
	if err != nil {
		return nil, err
	}
	user, err := m.r.mustUser(uid)
	return &graph.RevokeSessionPayload{User: user}, err
}

func (m *mutationResolver) RevokeAllSessions(_ context.Context, in graph.RevokeAllSessionsInput) (*graph.RevokeAllSessionsPayload, error) {
	id, err := userID(in.UserID)
	if err != nil {
		return nil, err
	}
	if err := m.r.Store.RevokeAllSessions(id); err != nil {
		return nil, err
	}
	user, err := m.r.mustUser(id)
	return &graph.RevokeAllSessionsPayload{User: user}, err
}
