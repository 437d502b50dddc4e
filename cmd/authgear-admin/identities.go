package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/authgear-admin/adminapi"
)

func (a *app) identitiesCommand() *cobra.Command {
	cmd := groupCommand("identities", "List a user's identities, and add, change or remove login ids")
	cmd.Aliases = []string{"identity"}
	cmd.Long = `List the ways a user signs in (login ids, OAuth connections, passkeys, ...),
and add, change or remove login ids: email addresses, phone numbers and
usernames.

IDENTITY is an identity id (node id or UUID, as "identities list" shows) or
the current value of one of the user's login ids, e.g. alice@example.com.`
	cmd.AddCommand(
		a.identitiesListCommand(),
		a.identitiesAddCommand(),
		a.identitiesUpdateCommand(),
		a.identitiesRemoveCommand(),
	)
	return cmd
}

var identityListHeader = []string{"ID", "TYPE", "KEY", "VALUE", "CREATED"}

var identityListing = listing[*adminapi.Identity]{
	noun:   "identities",
	header: identityListHeader,
	view: func(id *adminapi.Identity) (any, []string) {
		return viewIdentity(id), []string{rawNodeID(id.ID), strings.ToLower(string(id.Type)), string(id.LoginIDKey), identityValue(id), fmtTime(&id.CreatedAt)}
	},
}

func viewIdentity(id *adminapi.Identity) identityView {
	v := identityView{ID: id.ID, Type: string(id.Type), Claims: id.Claims, CreatedAt: id.CreatedAt, UpdatedAt: id.UpdatedAt}
	if id.LoginIDKey != "" {
		v.LoginIDKey = nonEmpty(string(id.LoginIDKey))
		v.LoginIDValue = nonEmpty(id.LoginIDValue)
	}
	if v.Claims == nil {
		v.Claims = adminapi.JSONObject{}
	}
	return v
}

// identityValue is what a person knows an identity by: its login id, else
// the email address its claims carry.
func identityValue(id *adminapi.Identity) string {
	if id.LoginIDValue != "" {
		return id.LoginIDValue
	}
	if s, ok := id.Claims["email"].(string); ok {
		return s
	}
	return ""
}

// rawNodeID returns the raw id inside a node id, or the id itself.
func rawNodeID(id string) string {
	if _, raw, err := adminapi.ParseNodeID(id); err == nil {
		return raw
	}
	return id
}

// identityTypes are the values of --type, lower case.
func identityTypes() []string {
	out := make([]string, len(adminapi.AllIdentityType))
	for i, t := range adminapi.AllIdentityType {
		out[i] = strings.ToLower(string(t))
	}
	return out
}

func (a *app) identitiesListCommand() *cobra.Command {
	var (
		typ string
		lf  listFlags
	)
	cmd := &cobra.Command{
		Use:     "list ID|UUID",
		Short:   "List a user's identities",
		Example: "  authgear-admin identities list 8e3e678d-...\n  authgear-admin identities list 8e3e678d-... --type oauth -o json",
		Args:    exactArgs("ID|UUID"),
		RunE: a.action(func(cmd *cobra.Command, args []string) error {
			if err := checkUserIDs(args); err != nil {
				return err
			}
			opts := &adminapi.ListIdentitiesOptions{}
			if typ != "" {
				t := adminapi.IdentityType(strings.ToUpper(strings.ReplaceAll(typ, "-", "_")))
				if !slices.Contains(adminapi.AllIdentityType, t) {
					return usageErrorf("--type %q: use one of %s", typ, strings.Join(identityTypes(), ", "))
				}
				opts.Type = t
			}
			var err error
			if opts.PageSize, err = lf.check(); err != nil {
				return err
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			return printList(a, c.ListIdentities(cmd.Context(), args[0], opts), lf.limit, identityListing)
		}),
	}
	cmd.Flags().StringVar(&typ, "type", "", "only identities of this type: "+strings.Join(identityTypes(), ", "))
	lf.register(cmd, "identities")
	_ = cmd.RegisterFlagCompletionFunc("type", fixedCompletions(identityTypes()...))
	return cmd
}

func (a *app) printIdentity(id *adminapi.Identity) error {
	return a.printValue(viewIdentity(id), func() *table {
		t := &table{header: []string{"FIELD", "VALUE"}}
		t.append("ID", id.ID)
		t.append("Type", strings.ToLower(string(id.Type)))
		t.append("Login ID", strings.TrimSpace(string(id.LoginIDKey)+" "+id.LoginIDValue))
		t.append("Claims", attributeLines(id.Claims))
		t.append("Created", fmtTime(&id.CreatedAt))
		t.append("Updated", fmtTime(&id.UpdatedAt))
		return t
	})
}

func (a *app) identitiesAddCommand() *cobra.Command {
	var (
		look   lookupFlags
		pw     passwordFlags
		dryRun bool
	)
	cmd := &cobra.Command{
		Use:   "add ID|UUID --email ADDRESS | --phone NUMBER | --username NAME",
		Short: "Add a login id to a user",
		Long: `Add a login id to a user: an email address, a phone number or a username.
A password (--password-prompt or --password-stdin) becomes the user's
password if they have none yet. The password is never echoed or printed.`,
		Example: "  authgear-admin identities add 8e3e678d-... --phone +14155550100",
		Args:    exactArgs("ID|UUID"),
		RunE: a.action(func(cmd *cobra.Command, args []string) error {
			if err := checkUserIDs(args); err != nil {
				return err
			}
			lid, err := look.loginID()
			if err != nil {
				return err
			}
			if lid == nil {
				return usageErrorf("give the login id with --email, --phone or --username")
			}
			if dryRun {
				fmt.Fprintf(a.stdout, "dry run: would add %s login id %q to user %s\n", lid.Key, lid.Value, args[0])
				return nil
			}
			n := adminapi.NewIdentity{LoginID: *lid}
			if n.Password, err = a.password(cmd.Context(), &pw); err != nil {
				return err
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			id, err := c.CreateIdentity(cmd.Context(), args[0], n)
			if err != nil {
				return err
			}
			return a.printIdentity(id)
		}),
	}
	look.register(cmd)
	f := cmd.Flags()
	f.BoolVar(&pw.prompt, "password-prompt", false, "ask on the terminal, without echo, for a password to set if the user has none")
	f.BoolVar(&pw.stdin, "password-stdin", false, "read a password to set if the user has none from the first line of stdin")
	cmd.MarkFlagsMutuallyExclusive("password-prompt", "password-stdin")
	f.BoolVar(&dryRun, "dry-run", false, "print what would be done and do nothing")
	return cmd
}

// findIdentity finds the identity of a user named by arg: its node id, its
// raw id, or its login id value.
func findIdentity(ctx context.Context, c *adminapi.Client, userID, arg string) (*adminapi.Identity, error) {
	var found []*adminapi.Identity
	for id, err := range c.ListIdentities(ctx, userID, nil) {
		if err != nil {
			return nil, err
		}
		switch {
		case id.ID == arg, rawNodeID(id.ID) == arg:
			return id, nil
		case id.LoginIDValue != "" && strings.EqualFold(id.LoginIDValue, arg):
			found = append(found, id)
		}
	}
	switch len(found) {
	case 0:
		return nil, fmt.Errorf("user %s has no identity %q (see \"authgear-admin identities list %s\")", userID, arg, userID)
	case 1:
		return found[0], nil
	default:
		return nil, usageErrorf("user %s has %d login ids %q; name the identity by id", userID, len(found), arg)
	}
}

func describeIdentity(id *adminapi.Identity) string {
	if id.LoginIDKey != "" {
		return fmt.Sprintf("%s %s", id.LoginIDKey, id.LoginIDValue)
	}
	if v := identityValue(id); v != "" {
		return fmt.Sprintf("%s identity %s (%s)", strings.ToLower(string(id.Type)), rawNodeID(id.ID), v)
	}
	return fmt.Sprintf("%s identity %s", strings.ToLower(string(id.Type)), rawNodeID(id.ID))
}

func (a *app) identitiesUpdateCommand() *cobra.Command {
	var (
		look   lookupFlags
		dryRun bool
	)
	cmd := &cobra.Command{
		Use:   "update ID|UUID IDENTITY --email ADDRESS | --phone NUMBER | --username NAME",
		Short: "Change one of a user's login ids",
		Long: `Replace the value of one of a user's login ids. The flag names the kind of
the login id, which cannot change.`,
		Example: "  authgear-admin identities update 8e3e678d-... alice@old.example --email alice@new.example",
		Args:    exactArgs("ID|UUID", "IDENTITY"),
		RunE: a.action(func(cmd *cobra.Command, args []string) error {
			if err := checkUserIDs(args[:1]); err != nil {
				return err
			}
			lid, err := look.loginID()
			if err != nil {
				return err
			}
			if lid == nil {
				return usageErrorf("give the new login id with --email, --phone or --username")
			}
			ctx := cmd.Context()
			c, err := a.client()
			if err != nil {
				return err
			}
			old, err := findIdentity(ctx, c, args[0], args[1])
			if err != nil {
				return err
			}
			if old.LoginIDKey == "" {
				return usageErrorf("%s is not a login id; only login ids can be changed", describeIdentity(old))
			}
			if old.LoginIDKey != lid.Key {
				return usageErrorf("%s is a login id of kind %s; give the new value with --%s", describeIdentity(old), old.LoginIDKey, old.LoginIDKey)
			}
			if dryRun {
				fmt.Fprintf(a.stdout, "dry run: would change %s of user %s to %q\n", describeIdentity(old), args[0], lid.Value)
				return nil
			}
			id, err := c.UpdateIdentity(ctx, args[0], old.ID, *lid)
			if err != nil {
				return err
			}
			return a.printIdentity(id)
		}),
	}
	look.register(cmd)
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print what would be done and do nothing")
	return cmd
}

func (a *app) identitiesRemoveCommand() *cobra.Command {
	var g guardFlags
	cmd := &cobra.Command{
		Use:     "remove ID|UUID IDENTITY...",
		Aliases: []string{"delete"},
		Short:   "Remove identities from a user",
		Long: `Remove identities from a user: login ids, OAuth connections, passkeys. The
server refuses to remove a user's last way to sign in. On a terminal the
command asks first; in scripts pass --yes.`,
		Example: "  authgear-admin identities remove 8e3e678d-... +14155550100 --yes",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usageErrorf("%s needs a user ID|UUID and at least one IDENTITY", cmd.CommandPath())
			}
			return nil
		},
		RunE: a.action(func(cmd *cobra.Command, args []string) error {
			userID := args[0]
			if err := checkUserIDs(args[:1]); err != nil {
				return err
			}
			if err := a.refuseUnconfirmable(g, fmt.Sprintf("remove %s from user %s", count(len(args)-1, "identity", "identities"), userID)); err != nil {
				return err
			}
			ctx := cmd.Context()
			c, err := a.client()
			if err != nil {
				return err
			}
			ids := make([]*adminapi.Identity, 0, len(args)-1)
			planned := make([]string, 0, len(args)-1)
			for _, arg := range args[1:] {
				id, err := findIdentity(ctx, c, userID, arg)
				if err != nil {
					return err
				}
				ids = append(ids, id)
				planned = append(planned, fmt.Sprintf("remove %s from user %s", describeIdentity(id), userID))
			}
			question := capitalize(planned[0]) + "?"
			if len(ids) > 1 {
				question = fmt.Sprintf("Remove %d identities from user %s?", len(ids), userID)
			}
			if ok, err := a.proceed(ctx, g, true, question, planned); !ok {
				return err
			}
			out, err := a.newStream("ID", "IDENTITY", "RESULT")
			if err != nil {
				return err
			}
			for _, id := range ids {
				if err := c.DeleteIdentity(ctx, id.ID); err != nil {
					_ = out.close()
					return fmt.Errorf("%s: %w", describeIdentity(id), err)
				}
				r := actionResult{ID: id.ID, UUID: rawNodeID(id.ID), Result: "removed"}
				if err := out.add(r, []string{r.UUID, describeIdentity(id), r.Result}); err != nil {
					return err
				}
			}
			return out.close()
		}),
	}
	g.register(cmd, true)
	return cmd
}
