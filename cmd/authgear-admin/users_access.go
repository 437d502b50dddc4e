package main

import (
	"context"
	"fmt"
	"iter"

	"github.com/spf13/cobra"

	"github.com/authgear-admin/adminapi"
)

// usersAccessCommands are the "users" subcommands about a user's roles and
// groups.
func (a *app) usersAccessCommands() []*cobra.Command {
	effective := func(ctx context.Context, c *adminapi.Client, userID string, pageSize int) iter.Seq2[*keyed, error] {
		return mapSeq(c.ListUserEffectiveRoles(ctx, userID, &adminapi.PageOptions{PageSize: pageSize}), fromRole)
	}
	return []*cobra.Command{
		a.userKeyedListCommand("roles", "List the roles a user holds directly", roleKind, roleKind.ofUser),
		a.userKeyedListCommand("effective-roles", "List the roles a user holds, directly or through groups", roleKind, effective),
		a.userKeyedListCommand("groups", "List the groups a user is in", groupKind, groupKind.ofUser),
		a.userKeyedChangeCommand(roleKind, true),
		a.userKeyedChangeCommand(roleKind, false),
		a.userKeyedChangeCommand(groupKind, true),
		a.userKeyedChangeCommand(groupKind, false),
	}
}

func (a *app) userKeyedListCommand(use, short string, k *kind, list func(context.Context, *adminapi.Client, string, int) iter.Seq2[*keyed, error]) *cobra.Command {
	var lf listFlags
	cmd := &cobra.Command{
		Use:   use + " ID|UUID",
		Short: short,
		Args:  exactArgs("ID|UUID"),
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
			return printList(a, list(cmd.Context(), c, args[0], pageSize), lf.limit, k.listing())
		}),
	}
	lf.register(cmd, k.plural)
	return cmd
}

func (a *app) userKeyedChangeCommand(k *kind, add bool) *cobra.Command {
	var g guardFlags
	verb := map[bool]string{true: "add", false: "remove"}[add]
	short := map[bool]string{true: "Give roles to a user", false: "Take roles away from a user"}[add]
	if k == groupKind {
		short = map[bool]string{true: "Add a user to groups", false: "Remove a user from groups"}[add]
	}
	cmd := &cobra.Command{
		Use:     verb + "-" + k.noun + " ID|UUID " + upper(k.noun) + "...",
		Aliases: []string{verb + "-" + k.plural},
		Short:   short,
		Long: short + ". " + upper(k.noun) + ` is a key or an id. The change is one request: all
` + k.plural + ` change, or none.` + map[bool]string{true: "", false: `

On a terminal the command asks first; in scripts pass --yes.`}[add],
		Example: fmt.Sprintf("  authgear-admin users %s-%s 8e3e678d-... %s", verb, k.noun, map[bool]string{true: "editor reviewer", false: "staff"}[k == roleKind]),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usageErrorf("%s needs a user ID|UUID and at least one %s", cmd.CommandPath(), upper(k.noun))
			}
			return nil
		},
		RunE: a.action(func(cmd *cobra.Command, args []string) error {
			userID := args[0]
			if err := checkUserIDs(args[:1]); err != nil {
				return err
			}
			if !add {
				if err := a.refuseUnconfirmable(g, fmt.Sprintf("change the %s of user %s", k.plural, userID)); err != nil {
					return err
				}
			}
			ctx := cmd.Context()
			c, err := a.client()
			if err != nil {
				return err
			}
			keys, err := k.keys(ctx, c, args[1:])
			if err != nil {
				return err
			}
			if g.dryRun || !add && !g.yes {
				described, err := a.describeUsers(ctx, c, args[:1])
				if err != nil {
					return err
				}
				who := "user " + described[0]
				planned := make([]string, len(keys))
				for i, key := range keys {
					planned[i] = membershipPhrase(verb, k, key, who)
				}
				question := capitalize(planned[0]) + "?"
				if len(keys) > 1 {
					question = capitalize(membershipPhrase(verb, k, fmt.Sprintf("%d %s", len(keys), k.plural), who)) + "?"
				}
				if ok, err := a.proceed(ctx, g, !add, question, planned); !ok {
					return err
				}
			}
			change := k.addToUser
			if !add {
				change = k.removeFromUser
			}
			if err := change(ctx, c, userID, keys); err != nil {
				return err
			}
			out, err := a.newStream("USER", upper(k.noun), "RESULT")
			if err != nil {
				return err
			}
			uuid := rawIDOf(userID)
			for _, key := range keys {
				r, row := membership(k, key, nil, uuid, pastTense(verb))
				if err := out.add(r, []string{row[1], row[0], row[2]}); err != nil {
					return err
				}
			}
			return out.close()
		}),
	}
	g.register(cmd, !add)
	return cmd
}
