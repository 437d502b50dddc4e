package adminapi

import (
	"context"
	"fmt"
	"iter"
	"log/slog"
	"time"
)

// Session is a signed-in session of a user: a browser session of the
// Authgear UI (SessionTypeIdp) or the refresh token of an app
// (SessionTypeOfflineGrant).
type Session struct {
	// ID is the session's node id, which [Client.RevokeSession] accepts.
	ID   string
	Type SessionType
	// ClientID is the OAuth client of an offline grant, empty otherwise.
	ClientID string
	// DisplayName describes the device or client, as the portal shows it.
	DisplayName string
	// ApplicationName is the name of the client, when known.
	ApplicationName string
	ACR             string
	AMR             []string
	UserAgent       string

	CreatedAt   time.Time
	CreatedByIP string
	UpdatedAt   time.Time

	LastAccessedAt   time.Time
	LastAccessedByIP string
	// LastAccessedByIPCountryCode and LastAccessedByIPEnglishCountryName
	// locate LastAccessedByIP; empty when unknown.
	LastAccessedByIPCountryCode        string
	LastAccessedByIPEnglishCountryName string
}

func sessionFromFields(f *SessionFields) *Session {
	return &Session{
		ID:                                 f.Id,
		Type:                               f.Type,
		ClientID:                           deref(f.ClientID),
		DisplayName:                        f.DisplayName,
		ApplicationName:                    deref(f.ApplicationName),
		ACR:                                deref(f.Acr),
		AMR:                                f.Amr,
		UserAgent:                          deref(f.UserAgent),
		CreatedAt:                          f.CreatedAt,
		CreatedByIP:                        f.CreatedByIP,
		UpdatedAt:                          f.UpdatedAt,
		LastAccessedAt:                     f.LastAccessedAt,
		LastAccessedByIP:                   f.LastAccessedByIP,
		LastAccessedByIPCountryCode:        f.LastAccessedByIPCountryCode,
		LastAccessedByIPEnglishCountryName: f.LastAccessedByIPEnglishCountryName,
	}
}

func sessionFieldsID(f *SessionFields) string { return f.Id }

// ListSessions iterates over a user's sessions, requesting pages as the
// loop advances. On failure it yields (nil, err) once and stops; a user
// that does not exist gives an [*Error] matching [ErrNotFound].
func (c *Client) ListSessions(ctx context.Context, userID string, opts *PageOptions) iter.Seq2[*Session, error] {
	return nodeList(ctx, c, "ListUserSessions", ListUserSessions_Operation, typeUser, userID, "sessions", opts.size(),
		plainPageVars, sessionFieldsID, sessionFromFields)
}

// GetSession reads a session by node id (or raw id). A session that does
// not exist, or was revoked, gives an [*Error] matching [ErrNotFound].
func (c *Client) GetSession(ctx context.Context, id string) (*Session, error) {
	return getNode(ctx, c, "GetSessionNode", GetSessionNode_Operation, typeSession, id, sessionFromFields)
}

// NewSession describes a session for [Client.CreateSession].
type NewSession struct {
	// ClientID is the OAuth client the session is for. Required.
	ClientID string
	// DeviceInfo is optional device information, base64-encoded as the
	// server expects; "" sends none.
	DeviceInfo string
}

// SessionTokens are the tokens of a session made by [Client.CreateSession].
// They are bearer credentials: String, GoString and LogValue never show
// them.
type SessionTokens struct {
	AccessToken  string
	RefreshToken string
	// TokenType is "Bearer".
	TokenType string
	// ExpiresIn is the access token's lifetime.
	ExpiresIn time.Duration
}

// String describes t without its tokens.
func (t SessionTokens) String() string {
	return fmt.Sprintf("adminapi.SessionTokens{AccessToken: %s, RefreshToken: %s, TokenType: %q, ExpiresIn: %v}",
		describeToken(t.AccessToken), describeToken(t.RefreshToken), t.TokenType, t.ExpiresIn)
}

// GoString is like String, for %#v.
func (t SessionTokens) GoString() string { return t.String() }

// LogValue describes t for log/slog without its tokens.
func (t SessionTokens) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("access_token", describeToken(t.AccessToken)),
		slog.String("refresh_token", describeToken(t.RefreshToken)),
		slog.String("token_type", t.TokenType),
		slog.Duration("expires_in", t.ExpiresIn),
	)
}

func describeToken(secret string) string {
	if secret == "" {
		return "none"
	}
	return "[REDACTED]"
}

// CreateSession signs a user in to a client, as if the user had signed in
// there, and returns the session's tokens.
func (c *Client) CreateSession(ctx context.Context, userID string, s NewSession) (*SessionTokens, error) {
	nodeID, err := UserNodeID(userID)
	if err != nil {
		return nil, err
	}
	if s.ClientID == "" {
		return nil, invalidArgError("NewSession.ClientID must not be empty")
	}
	p, err := mutate[struct {
		AccessToken  string `json:"accessToken"`
		RefreshToken string `json:"refreshToken"`
		TokenType    string `json:"tokenType"`
		ExpiresIn    int    `json:"expiresIn"`
	}](ctx, c, "CreateSession", CreateSession_Operation, "createSession", &__CreateSessionInput{Input: CreateSessionInput{
		UserID: nodeID, ClientID: s.ClientID, DeviceInfo: optString(s.DeviceInfo),
	}})
	if err != nil {
		return nil, err
	}
	return &SessionTokens{
		AccessToken:  p.AccessToken,
		RefreshToken: p.RefreshToken,
		TokenType:    p.TokenType,
		ExpiresIn:    time.Duration(p.ExpiresIn) * time.Second,
	}, nil
}

// RevokeSession signs a user out of one session. [Client.RevokeAllSessions]
// signs them out of all.
func (c *Client) RevokeSession(ctx context.Context, sessionID string) error {
	nodeID, err := nodeIDOf(typeSession, sessionID)
	if err != nil {
		return err
	}
	_, err = mutate[struct{}](ctx, c, "RevokeSession", RevokeSession_Operation, "revokeSession",
		&__RevokeSessionInput{Input: RevokeSessionInput{SessionID: nodeID}})
	return err
}
