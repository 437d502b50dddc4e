package main

import (
	"context"
	"fmt"
	"iter"
	"strings"

	"github.com/spf13/cobra"

	"github.com/authgear-admin/adminapi"
)

// keyedCommands returns the subcommands of "roles" or "groups".
func (a *app) keyedCommands(k *kind) []*cobra.Command {
	return []*cobra.Command{
		a.keyedListCommand(k),
		a.keyedGetCommand(k),
		a.keyedCreateCommand(k),
		a.keyedUpdateCommand(k),
		a.keyedDeleteCommand(k),
		a.keyedMembersCommand(k),
		a.keyedUsersChangeCommand(k, true),
		a.keyedUsersChangeCommand(k, false),
		a.keyedLinkedCommand(k),
		a.keyedLinkChangeCommand(k, true),
		a.keyedLinkChangeCommand(k, false),
	}
}

func upper(s string) string { return strings.ToUpper(s) }

func (a *app) keyedListCommand(k *kind) *cobra.Command {
	var (
		search string
		lf     listFlags
	)
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List or search " + k.plural,
		Long: fmt.Sprintf(`List the project's %s, fetching pages as they are printed. JSON output
is NDJSON, one %s a line. --search keeps the %s whose key or name matches.`, k.plural, k.noun, k.plural),
		Example: fmt.Sprintf("  authgear-admin %s list\n  authgear-admin %s list --search admin -o json | jq -r .key", k.plural, k.plural),
		Args:    noArgs,
		RunE: a.action(func(cmd *cobra.Command, _ []string) error {
			pageSize, err := lf.check()
			if err != nil {
				return err
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			seq := k.list(cmd.Context(), c, pageSize)
			if cmd.Flags().Changed("search") {
				seq = k.search(cmd.Context(), c, search, pageSize)
			}
			return printList(a, seq, lf.limit, k.listing())
		}),
	}
	cmd.Flags().StringVarP(&search, "search", "s", "", "only "+k.plural+" whose key or name matches this keyword")
	lf.register(cmd, k.plural)
	return cmd
}

func (a *app) keyedGetCommand(k *kind) *cobra.Command {
	return &cobra.Command{
		Use:   "get " + upper(k.noun),
		Short: "Show a " + k.noun + ", by key or id",
		Args:  exactArgs(upper(k.noun)),
		RunE: a.action(func(cmd *cobra.Command, args []string) error {
			c, err := a.client()
			if err != nil {
				return err
			}
			obj, err := k.resolve(cmd.Context(), c, args[0])
			if err != nil {
				return err
			}
			return a.printKeyed(obj)
		}),
	}
}

func (a *app) printKeyed(obj *keyed) error {
	return a.printValue(viewKeyed(obj), func() *table { return keyedTable(obj) })
}

// textFlags are the --name and --description flags of create and update.
type textFlags struct {
	name, description string
}

func (t *textFlags) register(cmd *cobra.Command, k *kind, clears bool) {
	suffix := ""
	if clears {
		suffix = " (empty clears it)"
	}
	cmd.Flags().StringVar(&t.name, "name", "", "display name of the "+k.noun+suffix)
	cmd.Flags().StringVar(&t.description, "description", "", "description of the "+k.noun+suffix)
}

// changed returns the flags given, as pointers; nil for those not given.
func (t *textFlags) changed(cmd *cobra.Command) (name, description *string) {
	if cmd.Flags().Changed("name") {
		name = &t.name
	}
	if cmd.Flags().Changed("description") {
		description = &t.description
	}
	return name, description
}

func (a *app) keyedCreateCommand(k *kind) *cobra.Command {
	var (
		text   textFlags
		dryRun bool
	)
	cmd := &cobra.Command{
		Use:     "create KEY",
		Short:   "Create a " + k.noun,
		Long:    fmt.Sprintf("Create a %s. KEY must be unique in the project; it starts with a letter or _ and\nholds letters, digits, _ and :.", k.noun),
		Example: fmt.Sprintf("  authgear-admin %s create editor --name Editors --description 'Can edit articles'", k.plural),
		Args:    exactArgs("KEY"),
		RunE: a.action(func(cmd *cobra.Command, args []string) error {
			name, description := text.changed(cmd)
			if dryRun {
				fmt.Fprintf(a.stdout, "dry run: would create %s %s%s\n", k.noun, args[0], describeText(name, description))
				return nil
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			obj, err := k.create(cmd.Context(), c, args[0], name, description)
			if err != nil {
				return err
			}
			return a.printKeyed(obj)
		}),
	}
	text.register(cmd, k, false)
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print what would be done and do nothing")
	return cmd
}

// describeText describes name and description changes for dry runs.
func describeText(name, description *string) string {
	var parts []string
	for _, f := range []struct {
		label string
		v     *string
	}{{"name", name}, {"description", description}} {
		switch {
		case f.v == nil:
		case *f.v == "":
			parts = append(parts, "no "+f.label)
		default:
			parts = append(parts, fmt.Sprintf("%s %q", f.label, *f.v))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " with " + strings.Join(parts, " and ")
}

func (a *app) keyedUpdateCommand(k *kind) *cobra.Command {
	var (
		text   textFlags
		newKey string
		dryRun bool
	)
	cmd := &cobra.Command{
		Use:     "update " + upper(k.noun) + " [--key NEW] [--name NAME] [--description TEXT]",
		Short:   "Change the key, name or description of a " + k.noun,
		Long:    fmt.Sprintf("Change a %s and keep what is not given. An empty --name or --description\nclears it. A new --key changes the %s key in the tokens issued from then on.", k.noun, k.noun),
		Example: fmt.Sprintf("  authgear-admin %s update editor --name 'Senior editors' --description ''", k.plural),
		Args:    exactArgs(upper(k.noun)),
		RunE: a.action(func(cmd *cobra.Command, args []string) error {
			u := keyedUpdate{}
			u.Name, u.Description = text.changed(cmd)
			if cmd.Flags().Changed("key") {
				if newKey == "" {
					return usageErrorf("--key cannot be empty: a %s always has a key", k.noun)
				}
				u.Key = &newKey
			}
			if u.Key == nil && u.Name == nil && u.Description == nil {
				return usageErrorf("nothing to change: give --key, --name or --description")
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			obj, err := k.resolve(cmd.Context(), c, args[0])
			if err != nil {
				return err
			}
			if dryRun {
				change := describeText(u.Name, u.Description)
				if u.Key != nil {
					change = fmt.Sprintf(" with key %q", *u.Key) + strings.Replace(change, " with ", " and ", 1)
				}
				fmt.Fprintf(a.stdout, "dry run: would update %s %s%s\n", k.noun, obj.Key, change)
				return nil
			}
			obj, err = k.update(cmd.Context(), c, obj.ID, u)
			if err != nil {
				return err
			}
			return a.printKeyed(obj)
		}),
	}
	text.register(cmd, k, true)
	cmd.Flags().StringVar(&newKey, "key", "", "new key")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print what would be done and do nothing")
	return cmd
}

// keyedResult is what delete prints for each object.
type keyedResult struct {
	ID     string `json:"id"`
	Key    string `json:"key"`
	Result string `json:"result"`
}

func (a *app) keyedDeleteCommand(k *kind) *cobra.Command {
	var g guardFlags
	cmd := &cobra.Command{
		Use:   "delete " + upper(k.noun) + "...",
		Short: "Delete " + k.plural,
		Long: fmt.Sprintf(`Delete %s. Users and groups lose them at once, and tokens issued from then
on no longer carry them. On a terminal the command asks first; in scripts pass
--yes.`, k.plural),
		Args: minArgs(upper(k.noun)),
		RunE: a.action(func(cmd *cobra.Command, args []string) error {
			if err := a.refuseUnconfirmable(g, "delete "+count(len(args), k.noun, k.plural)); err != nil {
				return err
			}
			ctx := cmd.Context()
			c, err := a.client()
			if err != nil {
				return err
			}
			objs := make([]*keyed, 0, len(args))
			planned := make([]string, 0, len(args))
			for _, arg := range args {
				obj, err := k.resolve(ctx, c, arg)
				if err != nil {
					return err
				}
				objs = append(objs, obj)
				planned = append(planned, "delete "+k.noun+" "+describeKeyed(obj))
			}
			question := fmt.Sprintf("Delete %s %s?", k.noun, describeKeyed(objs[0]))
			if len(objs) > 1 {
				question = fmt.Sprintf("Delete %d %s?", len(objs), k.plural)
			}
			if ok, err := a.proceed(ctx, g, true, question, planned); !ok {
				return err
			}
			out, err := a.newStream(upper(k.noun), "RESULT")
			if err != nil {
				return err
			}
			for _, obj := range objs {
				if err := k.delete(ctx, c, obj.ID); err != nil {
					_ = out.close()
					return fmt.Errorf("%s %s: %w", k.noun, obj.Key, err)
				}
				if err := out.add(keyedResult{ID: obj.ID, Key: obj.Key, Result: "deleted"}, []string{obj.Key, "deleted"}); err != nil {
					return err
				}
			}
			return out.close()
		}),
	}
	g.register(cmd, true)
	return cmd
}

func describeKeyed(k *keyed) string {
	if k.Name != "" {
		return fmt.Sprintf("%s (%s)", k.Key, k.Name)
	}
	return k.Key
}

func count(n int, singular, plural string) string {
	if n == 1 {
		return "1 " + singular
	}
	return fmt.Sprintf("%d %s", n, plural)
}

func (a *app) keyedMembersCommand(k *kind) *cobra.Command {
	short := "List the users who hold a role directly (not through a group)"
	if k == groupKind {
		short = "List the members of a group"
	}
	return keyedRelationCommand(a, k, "users", short, k.members, userListing)
}

// keyedRelationCommand builds "USE ROLE|GROUP": it resolves the role or group
// from its key or id and prints, page by page, what list yields for it.
func keyedRelationCommand[T any](a *app, k *kind, use, short string,
	list func(ctx context.Context, c *adminapi.Client, id string, pageSize int) iter.Seq2[T, error], l listing[T],
) *cobra.Command {
	var lf listFlags
	cmd := &cobra.Command{
		Use:   use + " " + upper(k.noun),
		Short: short,
		Args:  exactArgs(upper(k.noun)),
		RunE: a.action(func(cmd *cobra.Command, args []string) error {
			pageSize, err := lf.check()
			if err != nil {
				return err
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			obj, err := k.resolve(cmd.Context(), c, args[0])
			if err != nil {
				return err
			}
			return printList(a, list(cmd.Context(), c, obj.ID, pageSize), lf.limit, l)
		}),
	}
	lf.register(cmd, use)
	return cmd
}

// userListing prints users as "users list" does.
var userListing = listing[*adminapi.User]{
	noun:   "users",
	header: userListHeader,
	view:   func(u *adminapi.User) (any, []string) { return viewUser(u), userRow(u) },
}

// membershipResult is one membership added or removed: a user's role or
// group, or a group's role.
type membershipResult struct {
	Role   string `json:"role,omitempty"`
	Group  string `json:"group,omitempty"`
	User   string `json:"user,omitempty"`
	Result string `json:"result"` // "added" or "removed"
}

// membership returns the result of a change of the link between an object
// of kind k with key and an object that is a user (otherKind nil, other a
// user id) or of the other kind (other a key).
func membership(k *kind, key string, otherKind *kind, other, result string) (membershipResult, []string) {
	r := membershipResult{Result: result}
	set := func(k *kind, v string) {
		switch k {
		case roleKind:
			r.Role = v
		case groupKind:
			r.Group = v
		default:
			r.User = v
		}
	}
	set(k, key)
	set(otherKind, other)
	return r, []string{key, other, result}
}

// printMemberships prints one result per changed membership.
func (a *app) printMemberships(k *kind, key string, otherKind *kind, others []string, result string) error {
	otherCol := "USER"
	if otherKind != nil {
		otherCol = upper(otherKind.noun)
	}
	out, err := a.newStream(upper(k.noun), otherCol, "RESULT")
	if err != nil {
		return err
	}
	for _, o := range others {
		if err := out.add(membership(k, key, otherKind, o, result)); err != nil {
			return err
		}
	}
	return out.close()
}

func (a *app) keyedUsersChangeCommand(k *kind, add bool) *cobra.Command {
	var g guardFlags
	use, short := "add-users", "Give a "+k.noun+" to users"
	if k == groupKind {
		short = "Add users to a group"
	}
	if !add {
		use, short = "remove-users", "Take a "+k.noun+" away from users"
		if k == groupKind {
			short = "Remove users from a group"
		}
	}
	cmd := &cobra.Command{
		Use:   use + " " + upper(k.noun) + " USER...",
		Short: short,
		Long: short + `. USER is a user id or UUID. The change is one request: all
users change, or none.` + map[bool]string{true: "", false: `

On a terminal the command asks first; in scripts pass --yes.`}[add],
		Example: fmt.Sprintf("  authgear-admin %s %s %s 8e3e678d-... 1f0c...", k.plural, use, map[bool]string{true: "editor", false: "staff"}[k == roleKind]),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usageErrorf("%s needs a %s and at least one USER", cmd.CommandPath(), upper(k.noun))
			}
			return nil
		},
		RunE: a.action(func(cmd *cobra.Command, args []string) error {
			users := args[1:]
			if err := checkUserIDs(users); err != nil {
				return err
			}
			verb := map[bool]string{true: "add", false: "remove"}[add]
			if !add {
				if err := a.refuseUnconfirmable(g, fmt.Sprintf("remove %s %s from %s", k.noun, args[0], countUsers(len(users)))); err != nil {
					return err
				}
			}
			ctx := cmd.Context()
			c, err := a.client()
			if err != nil {
				return err
			}
			obj, err := k.resolve(ctx, c, args[0])
			if err != nil {
				return err
			}
			if g.dryRun || !add && !g.yes {
				described, err := a.describeUsers(ctx, c, users)
				if err != nil {
					return err
				}
				planned := make([]string, len(described))
				for i, d := range described {
					planned[i] = membershipPhrase(verb, k, obj.Key, "user "+d)
				}
				question := capitalize(membershipPhrase(verb, k, obj.Key, "user "+described[0])) + "?"
				if len(users) > 1 {
					question = capitalize(membershipPhrase(verb, k, obj.Key, countUsers(len(users)))) + "?"
				}
				if ok, err := a.proceed(ctx, g, !add, question, planned); !ok {
					return err
				}
			}
			change := k.addUsers
			if !add {
				change = k.removeUsers
			}
			if err := change(ctx, c, obj.Key, users); err != nil {
				return err
			}
			uuids := make([]string, len(users))
			for i, u := range users {
				uuids[i] = rawIDOf(u)
			}
			return a.printMemberships(k, obj.Key, nil, uuids, pastTense(verb))
		}),
	}
	g.register(cmd, !add)
	return cmd
}

// membershipPhrase says what a membership change does, e.g. "give role
// editor to user X", "remove user X from group staff".
func membershipPhrase(verb string, k *kind, key, who string) string {
	switch {
	case k == roleKind && verb == "add":
		return fmt.Sprintf("give role %s to %s", key, who)
	case k == roleKind:
		return fmt.Sprintf("take role %s away from %s", key, who)
	case verb == "add":
		return fmt.Sprintf("add %s to group %s", who, key)
	default:
		return fmt.Sprintf("remove %s from group %s", who, key)
	}
}

func (a *app) keyedLinkedCommand(k *kind) *cobra.Command {
	short := "List the groups that have a role"
	if k == groupKind {
		short = "List the roles given to a group"
	}
	return keyedRelationCommand(a, k, k.other.plural, short, k.linked, k.other.listing())
}

func (a *app) keyedLinkChangeCommand(k *kind, add bool) *cobra.Command {
	var g guardFlags
	o := k.other
	verb := map[bool]string{true: "add", false: "remove"}[add]
	use := verb + "-" + o.plural
	// A role is given to groups; a group is given roles. Either way the
	// link is the same.
	short := map[bool]string{true: "Give a role to groups", false: "Take a role away from groups"}[add]
	if k == groupKind {
		short = map[bool]string{true: "Give roles to a group", false: "Take roles away from a group"}[add]
	}
	cmd := &cobra.Command{
		Use:   use + " " + upper(k.noun) + " " + upper(o.noun) + "...",
		Short: short,
		Long: short + `, so that the group's members hold the roles through it. ` + upper(o.noun) + `
is a key or an id. The change is one request.` + map[bool]string{true: "", false: `

On a terminal the command asks first; in scripts pass --yes.`}[add],
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usageErrorf("%s needs a %s and at least one %s", cmd.CommandPath(), upper(k.noun), upper(o.noun))
			}
			return nil
		},
		RunE: a.action(func(cmd *cobra.Command, args []string) error {
			if !add {
				if err := a.refuseUnconfirmable(g, fmt.Sprintf("%s %s from %s %s", verb, count(len(args)-1, o.noun, o.plural), k.noun, args[0])); err != nil {
					return err
				}
			}
			ctx := cmd.Context()
			c, err := a.client()
			if err != nil {
				return err
			}
			obj, err := k.resolve(ctx, c, args[0])
			if err != nil {
				return err
			}
			others, err := o.keys(ctx, c, args[1:])
			if err != nil {
				return err
			}
			planned := make([]string, len(others))
			for i, key := range others {
				planned[i] = linkPhrase(add, k, obj.Key, key)
			}
			question := capitalize(planned[0]) + "?"
			if len(others) > 1 {
				question = capitalize(linkPhrase(add, k, obj.Key, count(len(others), o.noun, o.plural))) + "?"
			}
			if ok, err := a.proceed(ctx, g, !add, question, planned); !ok {
				return err
			}
			change := k.addLinked
			if !add {
				change = k.removeLinked
			}
			if err := change(ctx, c, obj.Key, others); err != nil {
				return err
			}
			return a.printMemberships(k, obj.Key, o, others, pastTense(verb))
		}),
	}
	g.register(cmd, !add)
	return cmd
}

// linkPhrase says what a change of the link between a role and a group
// does; k is the kind of the object with key, other names the other one.
func linkPhrase(add bool, k *kind, key, other string) string {
	role, group := key, other
	if k == groupKind {
		role, group = other, key
	}
	if !strings.Contains(role, " ") {
		role = "role " + role
	}
	if !strings.Contains(group, " ") {
		group = "group " + group
	}
	if add {
		return fmt.Sprintf("give %s to %s", role, group)
	}
	return fmt.Sprintf("take %s away from %s", role, group)
}

// pastTense is the result of a membership change: "added" or "removed".
func pastTense(verb string) string {
	if verb == "add" {
		return "added"
	}
	return "removed"
}
