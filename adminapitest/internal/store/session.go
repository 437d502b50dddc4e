package store

import (
	"crypto/rand"
	"crypto/sha256"
	"slices"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// Session is a stored session created with the Admin API: an offline grant
// for one client. Only hashes of its tokens are kept.
type Session struct {
	ID               string
	UserID           string
	Seq              uint64
	ClientID         string
	DeviceInfo       *string
	CreatedAt        time.Time
	UpdatedAt        time.Time
	LastAccessedAt   time.Time
	CreatedByIP      string
	AccessTokenHash  [32]byte
	RefreshTokenHash [32]byte
}

// SessionTokens are the tokens handed out when a session is created; they
// are returned once and never stored.
type SessionTokens struct {
	AccessToken  string
	RefreshToken string
	ExpiresIn    int // seconds
}

// accessTokenLifetime is the server's default access token lifetime.
const accessTokenLifetime = 30 * time.Minute

// ErrSessionNotFound is the server's error for a session id that names no
// session.
var ErrSessionNotFound = apierr.New(apierr.NotFound, "SessionNotFound", "session not found")

// CreateSession creates a session for a user and returns it with its tokens.
func (s *Store) CreateSession(userID, clientID string, deviceInfo *string, ip string) (Session, SessionTokens, error) {
	if _, err := s.mustUser(userID); err != nil {
		return Session{}, SessionTokens{}, err
	}
	now := s.Now()
	tok := SessionTokens{AccessToken: rand.Text() + rand.Text(), RefreshToken: rand.Text() + rand.Text(), ExpiresIn: int(accessTokenLifetime / time.Second)}
	ss := Session{
		ID:               NewUUID(),
		UserID:           userID,
		Seq:              s.nextSeq(),
		ClientID:         clientID,
		DeviceInfo:       deviceInfo,
		CreatedAt:        now,
		UpdatedAt:        now,
		LastAccessedAt:   now,
		CreatedByIP:      ip,
		AccessTokenHash:  sha256.Sum256([]byte(tok.AccessToken)),
		RefreshTokenHash: sha256.Sum256([]byte(tok.RefreshToken)),
	}
	s.d.sessions[ss.ID] = ss
	return ss, tok, nil
}

// Session returns the session with the raw id.
func (s *Store) Session(id string) (Session, bool) {
	ss, ok := s.d.sessions[id]
	return ss, ok
}

// Sessions returns a user's sessions, oldest first.
func (s *Store) Sessions(userID string) []Session {
	var out []Session
	for _, ss := range s.d.sessions {
		if ss.UserID == userID {
			out = append(out, ss)
		}
	}
	slices.SortFunc(out, func(a, b Session) int { return compareUint(a.Seq, b.Seq) })
	return out
}

// RevokeSession deletes a session and returns its user's id.
func (s *Store) RevokeSession(id string) (string, error) {
	ss, ok := s.d.sessions[id]
	if !ok {
		return "", ErrSessionNotFound
	}
	delete(s.d.sessions, id)
	return ss.UserID, nil
}

// RevokeAllSessions deletes every session of a user.
func (s *Store) RevokeAllSessions(userID string) error {
	if _, err := s.mustUser(userID); err != nil {
		return err
	}
	for id, ss := range s.d.sessions {
		if ss.UserID == userID {
			delete(s.d.sessions, id)
		}
	}
	return nil
}
