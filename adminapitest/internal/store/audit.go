package store

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// AuditLog is an entry of the audit log. Data is the event as the server
// records it: {id, seq, type, payload, context}.
type AuditLog struct {
	ID           string // 16 hex digits of Seq, like the server's event ids
	Seq          uint64
	CreatedAt    time.Time // whole seconds, like the server's
	ActivityType string    // the GraphQL enum value, such as USER_CREATED
	UserID       string
	IPAddress    string
	UserAgent    string
	ClientID     string
	Data         map[string]any
}

// Event describes an audit log entry to append.
type Event struct {
	ActivityType string         // the GraphQL enum value
	UserID       string         // raw id of the user the event is about, if any
	Payload      map[string]any // JSON-like; copied
	Request      RequestInfo
}

// RequestInfo is what the server records about the request that caused an
// event.
type RequestInfo struct {
	IPAddress    string
	UserAgent    string
	URL          string
	AuditContext map[string]any // the audit_context claim of the token
}

// EventType is the server's event type of an activity type: USER_CREATED
// is "user.created", ADMIN_API_MUTATION_CREATE_USER_EXECUTED is
// "admin_api.mutation.create_user.executed".
func EventType(activityType string) string {
	if m, ok := strings.CutPrefix(activityType, "ADMIN_API_MUTATION_"); ok {
		m = strings.TrimSuffix(m, "_EXECUTED")
		return "admin_api.mutation." + strings.ToLower(m) + ".executed"
	}
	return strings.ToLower(strings.ReplaceAll(activityType, "_", "."))
}

// AppendAuditLog appends an entry to the audit log.
func (s *Store) AppendAuditLog(e Event) AuditLog {
	s.d.auditSeq++
	seq := s.d.auditSeq
	now := s.now().UTC().Truncate(time.Second)
	id := fmt.Sprintf("%016x", seq)
	auditCtx := deepCopyMap(e.Request.AuditContext)
	auditCtx["http_url"] = e.Request.URL
	var userID any
	if e.UserID != "" {
		userID = e.UserID
	}
	ctx := map[string]any{
		"timestamp":           now.Unix(),
		"user_id":             userID,
		"triggered_by":        "admin_api",
		"audit_context":       auditCtx,
		"preferred_languages": []any{},
		"language":            "en",
		"geo_location_code":   nil,
	}
	if e.Request.IPAddress != "" {
		ctx["ip_address"] = e.Request.IPAddress
	}
	if e.Request.UserAgent != "" {
		ctx["user_agent"] = e.Request.UserAgent
	}
	l := AuditLog{
		ID:           id,
		Seq:          seq,
		CreatedAt:    now,
		ActivityType: e.ActivityType,
		UserID:       e.UserID,
		IPAddress:    e.Request.IPAddress,
		UserAgent:    e.Request.UserAgent,
		Data: map[string]any{
			"id":      id,
			"seq":     int64(seq),
			"type":    EventType(e.ActivityType),
			"payload": deepCopyMap(e.Payload),
			"context": ctx,
		},
	}
	s.d.auditLogs = append(s.d.auditLogs, l)
	return l
}

// AuditLog returns the entry with the id.
func (s *Store) AuditLog(id string) (AuditLog, bool) {
	for _, l := range s.d.auditLogs {
		if l.ID == id {
			return l, true
		}
	}
	return AuditLog{}, false
}

// AuditQuery filters and orders the audit log.
type AuditQuery struct {
	ActivityTypes []string
	// UserIDs, EmailAddresses and PhoneNumbers keep the entries about one of
	// the users or sent to one of the addresses (payload.recipient); when
	// several are given, an entry matching any of them is kept.
	UserIDs        []string
	EmailAddresses []string
	PhoneNumbers   []string
	From, To       *time.Time // From inclusive, To exclusive
	Ascending      bool       // oldest first; newest first by default
}

// AuditLogs returns the entries matching q.
func (s *Store) AuditLogs(q AuditQuery) []AuditLog {
	recipients := append(append([]string{}, q.EmailAddresses...), q.PhoneNumbers...)
	var out []AuditLog
	for _, l := range s.d.auditLogs {
		if len(q.ActivityTypes) > 0 && !slices.Contains(q.ActivityTypes, l.ActivityType) {
			continue
		}
		if q.From != nil && l.CreatedAt.Before(*q.From) || q.To != nil && !l.CreatedAt.Before(*q.To) {
			continue
		}
		if len(q.UserIDs) > 0 || len(recipients) > 0 {
			payload, _ := l.Data["payload"].(map[string]any)
			recipient, _ := payload["recipient"].(string)
			if !slices.Contains(q.UserIDs, l.UserID) && (recipient == "" || !slices.Contains(recipients, recipient)) {
				continue
			}
		}
		out = append(out, l)
	}
	slices.SortStableFunc(out, func(a, b AuditLog) int {
		c := cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.Seq, b.Seq))
		if q.Ascending {
			return c
		}
		return -c
	})
	return out
}
