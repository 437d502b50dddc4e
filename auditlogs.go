package adminapi

import (
	"context"
	"iter"
	"time"
)

// AuditLog is an entry of the project's audit log: an Admin API mutation,
// a sign-in, a message sent, a change a user made, ...
type AuditLog struct {
	// ID is the entry's node id.
	ID           string
	ActivityType AuditLogActivityType
	CreatedAt    time.Time
	// UserID is the node id of the user the entry is about; empty when
	// there is none or the user has since been deleted.
	UserID    string
	ClientID  string
	IPAddress string
	UserAgent string
	// Data is the entry's payload exactly as the server recorded it. For
	// an Admin API mutation, Data["context"]["audit_context"] holds the
	// audit context of the request's token (see
	// [github.com/authgear-admin/adminapi/auth.ContextWithAuditContext])
	// and Data["payload"] the mutation's input. Numbers are
	// [encoding/json.Number].
	Data JSONObject
}

func auditLogFromFields(f *AuditLogFields) *AuditLog {
	l := &AuditLog{
		ID:           f.Id,
		ActivityType: f.ActivityType,
		CreatedAt:    f.CreatedAt,
		ClientID:     deref(f.ClientID),
		IPAddress:    deref(f.IpAddress),
		UserAgent:    deref(f.UserAgent),
	}
	if f.User != nil {
		l.UserID = f.User.Id
	}
	if f.Data != nil {
		l.Data = *f.Data
	}
	return l
}

func auditLogFieldsID(f *AuditLogFields) string { return f.Id }

// ListAuditLogsOptions filters and tunes [Client.ListAuditLogs]. Filters
// left empty do not filter; a nil *ListAuditLogsOptions means all entries,
// newest first.
type ListAuditLogsOptions struct {
	// PageSize is the number of entries per request: 0 means 100, larger
	// values are reduced to 100.
	PageSize int
	// ActivityTypes keeps only entries of these types.
	ActivityTypes []AuditLogActivityType
	// UserIDs keeps only entries about these users (node ids or raw
	// UUIDs).
	UserIDs []string
	// EmailAddresses and PhoneNumbers keep only entries about messages
	// sent to these recipients.
	EmailAddresses []string
	PhoneNumbers   []string
	// From and To, unless zero, keep only entries created in [From, To].
	From time.Time
	To   time.Time
	// SortDirection is SortDirectionDesc (newest first, the server's
	// default when empty) or SortDirectionAsc. Entries logged while
	// paging newest first shift later pages; the iterator skips entries
	// it has already yielded.
	SortDirection SortDirection
}

// ListAuditLogs iterates over the audit log, requesting pages as the loop
// advances. On failure it yields (nil, err) once and stops; breaking out of
// the loop stops it too.
func (c *Client) ListAuditLogs(ctx context.Context, opts *ListAuditLogsOptions) iter.Seq2[*AuditLog, error] {
	var o ListAuditLogsOptions
	if opts != nil {
		o = *opts
	}
	users, err := nodeIDsOf(typeUser, o.UserIDs)
	if err != nil {
		return errSeq[AuditLog](err)
	}
	vars := __ListAuditLogsInput{
		ActivityTypes:  o.ActivityTypes,
		UserIDs:        users,
		EmailAddresses: o.EmailAddresses,
		PhoneNumbers:   o.PhoneNumbers,
	}
	if !o.From.IsZero() {
		vars.RangeFrom = &o.From
	}
	if !o.To.IsZero() {
		vars.RangeTo = &o.To
	}
	if o.SortDirection != "" {
		vars.SortDirection = &o.SortDirection
	}
	return pager[AuditLogFields, AuditLog]{
		op: "ListAuditLogs", pageSize: o.PageSize, max: maxPageSize,
		fetch: func(ctx context.Context, first int, after *string) (*connection[AuditLogFields], error) {
			var data struct {
				AuditLogs *connection[AuditLogFields] `json:"auditLogs"`
			}
			v := vars
			v.First, v.After = &first, after
			err := c.run(ctx, "ListAuditLogs", ListAuditLogs_Operation, &v, &data)
			return data.AuditLogs, err
		},
		id: auditLogFieldsID, convert: auditLogFromFields,
	}.seq(ctx)
}

// GetAuditLog reads an audit log entry by node id. One that does not exist
// gives an [*Error] matching [ErrNotFound].
func (c *Client) GetAuditLog(ctx context.Context, id string) (*AuditLog, error) {
	return getNode(ctx, c, "GetAuditLogNode", GetAuditLogNode_Operation, typeAuditLog, id, auditLogFromFields)
}
