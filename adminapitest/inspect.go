package adminapitest

import (
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// AuditLogEntry is a snapshot of an audit log entry.
type AuditLogEntry struct {
	ID     string // like the server's: 16 hex digits
	NodeID string
	// ActivityType is the GraphQL enum value, such as
	// "ADMIN_API_MUTATION_CREATE_USER_EXECUTED" or "USER_CREATED".
	ActivityType string
	// CreatedAt is in whole seconds, like the server's.
	CreatedAt time.Time
	// UserID is the raw id of the user the entry is about, if any.
	UserID    string
	IPAddress string
	UserAgent string
	// Data is the recorded event: {id, seq, type, payload, context}. For a
	// mutation, payload is its input with passwords "REDACTED", and
	// context.audit_context the request token's audit_context claim plus
	// http_url.
	Data map[string]any
}

// AuditLogs returns the audit log, oldest first. Entries are deep copies.
func (s *Server) AuditLogs() []AuditLogEntry {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []AuditLogEntry
	for _, l := range s.store.AuditLogs(store.AuditQuery{Ascending: true}) {
		out = append(out, AuditLogEntry{
			ID:           l.ID,
			NodeID:       model.EncodeID(model.TypeAuditLog, l.ID),
			ActivityType: l.ActivityType,
			CreatedAt:    l.CreatedAt,
			UserID:       l.UserID,
			IPAddress:    l.IPAddress,
			UserAgent:    l.UserAgent,
			Data:         copyMap(l.Data),
		})
	}
	return out
}

// OutboxMessage is a message the server would have sent. The emulator
// sends none; it keeps them here.
type OutboxMessage struct {
	Type      string // "forgot_password"
	Channel   string // "email" or "sms"
	Recipient string // the email address or phone number
	UserID    string // raw UUID of the recipient user
	Code      string // the code the message carried
	Time      time.Time
}

// Outbox returns the messages sendResetPasswordMessage "sent", oldest
// first.
func (s *Server) Outbox() []OutboxMessage {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []OutboxMessage
	for _, m := range s.store.Outbox() {
		out = append(out, OutboxMessage{Type: m.Type, Channel: m.Channel, Recipient: m.Recipient, UserID: m.UserID, Code: m.Code, Time: m.CreatedAt})
	}
	return out
}

// LastOOBOTPCode returns the last code generateOOBOTPCode returned for the
// target email address or phone number, and whether there is one.
func (s *Server) LastOOBOTPCode(target string) (string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, ok := s.store.OTPCodeFor(target)
	return c.Code, ok
}
