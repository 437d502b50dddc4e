package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/authgear-admin/adminapi"
)

// userAction is a change that "users delete", "disable", "enable",
// "reset-password" and "revoke-sessions" apply to one or more users.
type userAction struct {
	verb        string // "delete", for prompts: "Delete user X?"
	done        string // "deleted", for results
	destructive bool   // asks for confirmation
	// apply makes the change and returns the user after it, or nil when
	// the user is gone or unchanged in shape (delete, revoke-sessions).
	apply func(ctx context.Context, c *adminapi.Client, id string) (*adminapi.User, error)
}

// guardFlags are the safety flags of the commands that change users.
type guardFlags struct {
	yes    bool
	dryRun bool
}

func (g *guardFlags) register(cmd *cobra.Command, destructive bool) {
	if destructive {
		cmd.Flags().BoolVarP(&g.yes, "yes", "y", false, "do not ask for confirmation (required when stdin is not a terminal)")
	}
	cmd.Flags().BoolVar(&g.dryRun, "dry-run", false, "show what would be changed, and change nothing")
}

// errAborted is returned when the operator declines the confirmation.
var errAborted = errors.New("aborted; nothing was changed")

// actionResult is what the bulk commands print for a user without a user
// object to show (delete, revoke-sessions).
type actionResult struct {
	ID     string `json:"id"`
	UUID   string `json:"uuid"`
	Result string `json:"result"`
}

// runUserAction checks ids, asks for confirmation if needed, and applies
// act to each user in turn. One failing user does not stop the others,
// except an authentication failure, which would fail them all.
func (a *app) runUserAction(ctx context.Context, ids []string, act userAction, g guardFlags) error {
	if err := checkUserIDs(ids); err != nil {
		return err
	}
	needConfirm := act.destructive && !g.yes && !g.dryRun
	if needConfirm && !a.stdinIsTerminal() {
		return usageErrorf("refusing to %s %s without --yes: stdin is not a terminal to ask on", act.verb, countUsers(len(ids)))
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	if g.dryRun || needConfirm {
		described, err := a.describeUsers(ctx, c, ids)
		if err != nil {
			return err
		}
		if g.dryRun {
			for _, d := range described {
				fmt.Fprintf(a.stdout, "dry run: would %s user %s\n", act.verb, d)
			}
			return nil
		}
		if len(ids) > 1 {
			a.printf("%s these %d users:\n  %s\n", capitalize(act.verb), len(ids), strings.Join(described, "\n  "))
		}
		question := fmt.Sprintf("%s user %s?", capitalize(act.verb), described[0])
		if len(ids) > 1 {
			question = fmt.Sprintf("%s %d users?", capitalize(act.verb), len(ids))
		}
		ok, err := a.confirm(ctx, question)
		if err != nil {
			return err
		}
		if !ok {
			return errAborted
		}
	}

	out, err := a.newStream(userListHeader...)
	if err != nil {
		return err
	}
	results := &table{header: []string{"UUID", "RESULT"}}
	bar := a.newProgress(len(ids), act.verb)
	if len(ids) < 2 {
		bar = nil
	}
	failed := 0
	var firstErr error
	for _, id := range ids {
		u, err := act.apply(ctx, c, id)
		bar.add(1)
		if err != nil {
			if len(ids) == 1 || exitCode(err) == exitAuth || ctx.Err() != nil {
				bar.done()
				_ = out.close()
				return err
			}
			failed++
			if firstErr == nil {
				firstErr = err
			}
			a.printf("authgear-admin: %s: %v\n", id, err)
			continue
		}
		if u != nil {
			err = out.add(viewUser(u), userRow(u))
		} else {
			r := actionResult{ID: nodeIDOf(id), UUID: rawIDOf(id), Result: act.done}
			if out.format == formatTable {
				results.append(r.UUID, r.Result)
			} else {
				err = out.add(r, nil)
			}
		}
		if err != nil {
			bar.done()
			return err
		}
	}
	bar.done()
	if err := out.close(); err != nil {
		return err
	}
	if len(results.rows) > 0 {
		if err := results.render(a.stdout); err != nil {
			return err
		}
	}
	if failed > 0 {
		a.printf("authgear-admin: %d of %s failed\n", failed, countUsers(len(ids)))
		return errSilent{code: exitCode(firstErr)}
	}
	return nil
}

// describeUsers reads each user to name them in a prompt or a dry run.
func (a *app) describeUsers(ctx context.Context, c *adminapi.Client, ids []string) ([]string, error) {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		u, err := c.GetUser(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, describeUser(u))
	}
	return out, nil
}

func nodeIDOf(id string) string {
	n, err := adminapi.UserNodeID(id)
	if err != nil {
		return id
	}
	return n
}

func rawIDOf(id string) string {
	_, raw, err := adminapi.ParseNodeID(nodeIDOf(id))
	if err != nil {
		return id
	}
	return raw
}

func countUsers(n int) string {
	if n == 1 {
		return "1 user"
	}
	return fmt.Sprintf("%d users", n)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
