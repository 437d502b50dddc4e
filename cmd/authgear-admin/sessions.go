package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/authgear-admin/adminapi"
)

func (a *app) sessionsCommand() *cobra.Command {
	cmd := groupCommand("sessions", "List a user's sessions and sign them out")
	cmd.Aliases = []string{"session"}
	cmd.Long = `List the sessions of a user (browser sessions and the refresh tokens of
apps), and revoke them: one at a time, or all of a user's at once.`
	cmd.AddCommand(a.sessionsListCommand(), a.sessionsRevokeCommand(), a.sessionsRevokeAllCommand())
	return cmd
}

// sessionView is a session as printed in JSON and YAML; every key is always
// present, null when unset.
type sessionView struct {
	ID                                 string    `json:"id"`
	Type                               string    `json:"type"`
	ClientID                           *string   `json:"clientID"`
	DisplayName                        *string   `json:"displayName"`
	ApplicationName                    *string   `json:"applicationName"`
	ACR                                *string   `json:"acr"`
	AMR                                []string  `json:"amr"`
	UserAgent                          *string   `json:"userAgent"`
	CreatedAt                          time.Time `json:"createdAt"`
	CreatedByIP                        *string   `json:"createdByIP"`
	UpdatedAt                          time.Time `json:"updatedAt"`
	LastAccessedAt                     time.Time `json:"lastAccessedAt"`
	LastAccessedByIP                   *string   `json:"lastAccessedByIP"`
	LastAccessedByIPCountryCode        *string   `json:"lastAccessedByIPCountryCode"`
	LastAccessedByIPEnglishCountryName *string   `json:"lastAccessedByIPEnglishCountryName"`
}

func viewSession(s *adminapi.Session) sessionView {
	v := sessionView{
		ID:                                 s.ID,
		Type:                               string(s.Type),
		ClientID:                           nonEmpty(s.ClientID),
		DisplayName:                        nonEmpty(s.DisplayName),
		ApplicationName:                    nonEmpty(s.ApplicationName),
		ACR:                                nonEmpty(s.ACR),
		AMR:                                s.AMR,
		UserAgent:                          nonEmpty(s.UserAgent),
		CreatedAt:                          s.CreatedAt,
		CreatedByIP:                        nonEmpty(s.CreatedByIP),
		UpdatedAt:                          s.UpdatedAt,
		LastAccessedAt:                     s.LastAccessedAt,
		LastAccessedByIP:                   nonEmpty(s.LastAccessedByIP),
		LastAccessedByIPCountryCode:        nonEmpty(s.LastAccessedByIPCountryCode),
		LastAccessedByIPEnglishCountryName: nonEmpty(s.LastAccessedByIPEnglishCountryName),
	}
	if v.AMR == nil {
		v.AMR = []string{}
	}
	return v
}

var sessionListing = listing[*adminapi.Session]{
	noun:   "sessions",
	header: []string{"ID", "TYPE", "CLIENT", "DEVICE", "LAST ACCESS", "IP", "CREATED"},
	view: func(s *adminapi.Session) (any, []string) {
		ip := s.LastAccessedByIP
		if s.LastAccessedByIPCountryCode != "" {
			ip += " (" + s.LastAccessedByIPCountryCode + ")"
		}
		return viewSession(s), []string{
			rawNodeID(s.ID), sessionType(s.Type), sessionClient(s), s.DisplayName,
			fmtTime(&s.LastAccessedAt), ip, fmtTime(&s.CreatedAt),
		}
	},
}

func sessionType(t adminapi.SessionType) string {
	return strings.ReplaceAll(strings.ToLower(string(t)), "_", "-")
}

func sessionClient(s *adminapi.Session) string {
	if s.ApplicationName != "" {
		return s.ApplicationName
	}
	return s.ClientID
}

func describeSession(s *adminapi.Session) string {
	d := rawNodeID(s.ID)
	var parts []string
	for _, p := range []string{sessionClient(s), s.DisplayName} {
		if p != "" && !slices.Contains(parts, p) {
			parts = append(parts, p)
		}
	}
	parts = append(parts, "last used "+fmtTime(&s.LastAccessedAt))
	return d + " (" + strings.Join(parts, ", ") + ")"
}

func (a *app) sessionsListCommand() *cobra.Command {
	var lf listFlags
	cmd := &cobra.Command{
		Use:     "list ID|UUID",
		Short:   "List a user's sessions",
		Example: "  authgear-admin sessions list 8e3e678d-...",
		Args:    exactArgs("ID|UUID"),
		RunE: a.action(func(cmd *cobra.Command, args []string) error {
			if err := checkUserIDs(args); err != nil {
				return err
			}
			pageSize, err := lf.check()
			if err != nil {
				return err
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			return printList(a, c.ListSessions(cmd.Context(), args[0], &adminapi.PageOptions{PageSize: pageSize}), lf.limit, sessionListing)
		}),
	}
	lf.register(cmd, "sessions")
	return cmd
}

func (a *app) sessionsRevokeCommand() *cobra.Command {
	var g guardFlags
	cmd := &cobra.Command{
		Use:   "revoke SESSION...",
		Short: "Sign a user out of sessions",
		Long: `Revoke sessions, named by the id "sessions list" shows (UUID or node id). The
device or app of each is signed out. On a terminal the command asks first; in
scripts pass --yes.`,
		Example: "  authgear-admin sessions revoke 5d1e2f... --yes",
		Args:    minArgs("SESSION id"),
		RunE: a.action(func(cmd *cobra.Command, args []string) error {
			if err := a.refuseUnconfirmable(g, "revoke "+count(len(args), "session", "sessions")); err != nil {
				return err
			}
			ctx := cmd.Context()
			c, err := a.client()
			if err != nil {
				return err
			}
			sessions, planned, err := describeSessions(ctx, c, args)
			if err != nil {
				return err
			}
			question := capitalize(planned[0]) + "?"
			if len(sessions) > 1 {
				question = fmt.Sprintf("Revoke %d sessions?", len(sessions))
			}
			if ok, err := a.proceed(ctx, g, true, question, planned); !ok {
				return err
			}
			out, err := a.newStream("ID", "RESULT")
			if err != nil {
				return err
			}
			for _, s := range sessions {
				if err := c.RevokeSession(ctx, s.ID); err != nil {
					_ = out.close()
					return fmt.Errorf("session %s: %w", rawNodeID(s.ID), err)
				}
				r := actionResult{ID: s.ID, UUID: rawNodeID(s.ID), Result: "revoked"}
				if err := out.add(r, []string{r.UUID, r.Result}); err != nil {
					return err
				}
			}
			return out.close()
		}),
	}
	g.register(cmd, true)
	return cmd
}

// describeSessions reads the sessions named by ids, for a prompt or a dry
// run; a session that does not exist fails the command before any change.
func describeSessions(ctx context.Context, c *adminapi.Client, ids []string) ([]*adminapi.Session, []string, error) {
	sessions := make([]*adminapi.Session, 0, len(ids))
	planned := make([]string, 0, len(ids))
	for _, id := range ids {
		s, err := c.GetSession(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		sessions = append(sessions, s)
		planned = append(planned, "revoke session "+describeSession(s))
	}
	return sessions, planned, nil
}

func (a *app) sessionsRevokeAllCommand() *cobra.Command {
	cmd := a.usersRevokeSessionsCommand()
	cmd.Use = "revoke-all ID|UUID..."
	cmd.Example = "  authgear-admin sessions revoke-all 8e3e678d-... --yes"
	return cmd
}
