package resolver

import (
	"context"

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
	noteUser(ctx, id)
	return &graph.CreateSessionPayload{
		AccessToken:  tok.AccessToken,
		RefreshToken: tok.RefreshToken,
		ExpiresIn:    tok.ExpiresIn,
		TokenType:    "Bearer",
	}, nil
}

func (m *mutationResolver) RevokeSession(ctx context.Context, in graph.RevokeSessionInput) (*graph.RevokeSessionPayload, error) {
	raw, err := decodeID(model.TypeSession, in.SessionID, "session")
	if err != nil {
		return nil, err
	}
	uid, err := m.r.Store.RevokeSession(raw)
	if err != nil {
		return nil, err
	}
	noteUser(ctx, uid)
	user, err := m.r.mustUser(uid)
	return &graph.RevokeSessionPayload{User: user}, err
}

func (m *mutationResolver) RevokeAllSessions(ctx context.Context, in graph.RevokeAllSessionsInput) (*graph.RevokeAllSessionsPayload, error) {
	id, err := userID(in.UserID)
	if err != nil {
		return nil, err
	}
	if err := m.r.Store.RevokeAllSessions(id); err != nil {
		return nil, err
	}
	noteUser(ctx, id)
	user, err := m.r.mustUser(id)
	return &graph.RevokeAllSessionsPayload{User: user}, err
}
