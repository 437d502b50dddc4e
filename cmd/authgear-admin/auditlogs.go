package main

import (
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/authgear-admin/adminapi"
)

func (a *app) auditLogsCommand() *cobra.Command {
	cmd := groupCommand("audit-logs", "Read the project's audit log")
	cmd.Aliases = []string{"audit-log", "audit"}
	cmd.AddCommand(a.auditLogsListCommand(), a.auditLogsGetCommand(), a.auditLogsActivitiesCommand())
	return cmd
}

// auditLogView is an audit log entry as printed in JSON and YAML; every key
// is always present, null when unset.
type auditLogView struct {
	ID           string              `json:"id"`
	ActivityType string              `json:"activityType"`
	CreatedAt    time.Time           `json:"createdAt"`
	UserID       *string             `json:"userID"`
	UserUUID     *string             `json:"userUUID"`
	ClientID     *string             `json:"clientID"`
	IPAddress    *string             `json:"ipAddress"`
	UserAgent    *string             `json:"userAgent"`
	Data         adminapi.JSONObject `json:"data"`
}

func viewAuditLog(l *adminapi.AuditLog) auditLogView {
	v := auditLogView{
		ID:           l.ID,
		ActivityType: string(l.ActivityType),
		CreatedAt:    l.CreatedAt,
		UserID:       nonEmpty(l.UserID),
		ClientID:     nonEmpty(l.ClientID),
		IPAddress:    nonEmpty(l.IPAddress),
		UserAgent:    nonEmpty(l.UserAgent),
		Data:         l.Data,
	}
	if l.UserID != "" {
		v.UserUUID = nonEmpty(rawNodeID(l.UserID))
	}
	if v.Data == nil {
		v.Data = adminapi.JSONObject{}
	}
	return v
}

// fmtSecond prints a time in UTC to the second.
func fmtSecond(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04:05Z")
}

var auditLogListing = listing[*adminapi.AuditLog]{
	noun:   "audit log entries",
	header: []string{"ID", "TIME", "ACTIVITY", "USER", "IP", "CLIENT"},
	view: func(l *adminapi.AuditLog) (any, []string) {
		user := ""
		if l.UserID != "" {
			user = rawNodeID(l.UserID)
		}
		return viewAuditLog(l), []string{rawNodeID(l.ID), fmtSecond(l.CreatedAt), string(l.ActivityType), user, l.IPAddress, l.ClientID}
	},
}

// activityNames are the audit log activity types, as the API spells them.
func activityNames() []string {
	out := make([]string, len(adminapi.AllAuditLogActivityType))
	for i, t := range adminapi.AllAuditLogActivityType {
		out[i] = string(t)
	}
	return out
}

// parseActivities validates --activity values: activity types in any case,
// with - or _, or prefixes ending in * that stand for every type they
// start.
func parseActivities(values []string) ([]adminapi.AuditLogActivityType, error) {
	var out []adminapi.AuditLogActivityType
	add := func(t adminapi.AuditLogActivityType) {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	for _, v := range values {
		norm := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(v), "-", "_"))
		if prefix, ok := strings.CutSuffix(norm, "*"); ok {
			matched := false
			for _, t := range adminapi.AllAuditLogActivityType {
				if strings.HasPrefix(string(t), prefix) {
					add(t)
					matched = true
				}
			}
			if !matched {
				return nil, usageErrorf("--activity %q matches no activity type (see \"authgear-admin audit-logs activities\")", v)
			}
			continue
		}
		t := adminapi.AuditLogActivityType(norm)
		if !slices.Contains(adminapi.AllAuditLogActivityType, t) {
			return nil, usageErrorf("--activity %q is not an activity type%s (see \"authgear-admin audit-logs activities\")", v, suggestActivity(norm))
		}
		add(t)
	}
	return out, nil
}

// suggestActivity names the activity types containing s, if a few do.
func suggestActivity(s string) string {
	var near []string
	for _, t := range activityNames() {
		if s != "" && strings.Contains(t, s) {
			near = append(near, t)
		}
	}
	if len(near) == 0 || len(near) > 5 {
		return ""
	}
	return "; did you mean " + strings.Join(near, ", ")
}

// completeActivities completes --activity with the activity types that
// start with what was typed, in any case.
func completeActivities(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	prefix := strings.ToUpper(strings.ReplaceAll(toComplete, "-", "_"))
	var out []cobra.Completion
	for _, t := range activityNames() {
		if strings.HasPrefix(t, prefix) {
			out = append(out, t)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func (a *app) auditLogsListCommand() *cobra.Command {
	var (
		users, activities, emails, phones []string
		since, until, sortDir             string
		lf                                listFlags
	)
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List audit log entries, newest first, page by page",
		Long: `List the entries of the project's audit log: Admin API mutations, sign-ins,
messages sent, changes users made. Entries print as pages arrive; JSON output
is NDJSON, one entry a line.

Filters combine: --user, --activity, --email and --phone are repeatable and
keep entries that match any of their values. --activity takes the activity
types of the Admin API (completion lists them), in any case; a value ending
in * takes every type it starts, e.g. 'admin_api_mutation_*'. --since and
--until take an RFC 3339 time, a date, or a duration before now (24h, 7d).
"authgear-admin audit-logs activities" lists the activity types.`,
		Example: `  authgear-admin audit-logs list --user 8e3e678d-... --since 7d
  authgear-admin audit-logs list --activity user_authenticated --activity 'authentication_*' --limit 50
  authgear-admin audit-logs list --email alice@example.com --activity email_sent -o json | jq .data`,
		Args: noArgs,
		RunE: a.action(func(cmd *cobra.Command, _ []string) error {
			opts := &adminapi.ListAuditLogsOptions{EmailAddresses: emails, PhoneNumbers: phones}
			if err := checkUserIDs(users); err != nil {
				return err
			}
			opts.UserIDs = users
			var err error
			if opts.ActivityTypes, err = parseActivities(activities); err != nil {
				return err
			}
			now := a.now()
			if since != "" {
				if opts.From, err = parseWhen("since", since, now); err != nil {
					return err
				}
			}
			if until != "" {
				if opts.To, err = parseWhen("until", until, now); err != nil {
					return err
				}
			}
			if !opts.From.IsZero() && !opts.To.IsZero() && opts.To.Before(opts.From) {
				return usageErrorf("--until %s is before --since %s", opts.To.Format(time.RFC3339), opts.From.Format(time.RFC3339))
			}
			switch strings.ToLower(sortDir) {
			case "desc":
				opts.SortDirection = adminapi.SortDirectionDesc
			case "asc":
				opts.SortDirection = adminapi.SortDirectionAsc
			default:
				return usageErrorf("--sort %q: use asc (oldest first) or desc (newest first)", sortDir)
			}
			if opts.PageSize, err = lf.check(); err != nil {
				return err
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			return printList(a, c.ListAuditLogs(cmd.Context(), opts), lf.limit, auditLogListing)
		}),
	}
	f := cmd.Flags()
	f.StringArrayVar(&users, "user", nil, "only entries about this user, ID or UUID (repeatable)")
	f.StringArrayVar(&activities, "activity", nil, "only entries of this activity type (repeatable; PREFIX* for all that start so)")
	f.StringVar(&since, "since", "", "only entries from this time on: RFC 3339, a date, or a duration before now (24h, 7d)")
	f.StringVar(&until, "until", "", "only entries up to this time: RFC 3339, a date, or a duration before now")
	f.StringArrayVar(&emails, "email", nil, "only entries about messages to this email address (repeatable)")
	f.StringArrayVar(&phones, "phone", nil, "only entries about messages to this phone number (repeatable)")
	f.StringVar(&sortDir, "sort", "desc", "desc (newest first) or asc (oldest first)")
	lf.register(cmd, "entries")
	_ = cmd.RegisterFlagCompletionFunc("activity", completeActivities)
	_ = cmd.RegisterFlagCompletionFunc("sort", fixedCompletions("desc", "asc"))
	return cmd
}

func (a *app) auditLogsActivitiesCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "activities",
		Short: "List the activity types that --activity takes",
		Args:  noArgs,
		RunE: a.action(func(*cobra.Command, []string) error {
			names := activityNames()
			return a.printValue(names, func() *table {
				t := &table{header: []string{"ACTIVITY"}}
				for _, n := range names {
					t.append(n)
				}
				return t
			})
		}),
	}
}

func (a *app) auditLogsGetCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "get ID",
		Short: "Show an audit log entry with its data",
		Args:  exactArgs("ID"),
		RunE: a.action(func(cmd *cobra.Command, args []string) error {
			c, err := a.client()
			if err != nil {
				return err
			}
			l, err := c.GetAuditLog(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			return a.printValue(viewAuditLog(l), func() *table {
				t := &table{header: []string{"FIELD", "VALUE"}}
				t.append("ID", l.ID)
				t.append("Time", fmtSecond(l.CreatedAt))
				t.append("Activity", string(l.ActivityType))
				t.append("User", rawNodeID(l.UserID))
				t.append("IP", l.IPAddress)
				t.append("Client", l.ClientID)
				t.append("User agent", l.UserAgent)
				var buf strings.Builder
				_ = writeJSON(&buf, l.Data, "  ")
				t.append("Data", strings.TrimSpace(buf.String()))
				return t
			})
		}),
	}
}
