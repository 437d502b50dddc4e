package main

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/authgear-admin/adminapi"
)

// usersCommand is "users" and its subcommands. Other resources (identities,
// roles, groups, sessions, audit logs, import/export) have their own
// top-level commands.
func (a *app) usersCommand() *cobra.Command {
	cmd := groupCommand("users", "List, look up, create, change and delete users")
	cmd.Aliases = []string{"user"}
	cmd.AddCommand(
		a.usersListCommand(),
		a.usersGetCommand(),
		a.usersCreateCommand(),
		a.usersUpdateCommand(),
		a.usersSetAttributeCommand(),
		a.usersDeleteCommand(),
		a.usersDisableCommand(),
		a.usersEnableCommand(),
		a.usersResetPasswordCommand(),
		a.usersRevokeSessionsCommand(),
	)
	cmd.AddCommand(a.usersAccessCommands()...)
	return cmd
}

func (a *app) usersListCommand() *cobra.Command {
	var (
		search   string
		sortBy   string
		limit    int
		pageSize int
		roles    []string
		groups   []string
	)
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List or search users, page by page",
		Long: `List the project's users, oldest first, fetching pages as they are printed.
JSON output is NDJSON, one user a line, written as each page arrives.

The list comes from the server's search index, which lags a little behind
writes; "users get" reads the database.`,
		Example: `  authgear-admin users list --limit 20
  authgear-admin users list --search alice@example.com -o json | jq -r .uuid
  authgear-admin users list --sort -last-login-at --role admin`,
		Args: noArgs,
		RunE: a.action(func(cmd *cobra.Command, _ []string) error {
			opts := &adminapi.ListUsersOptions{PageSize: pageSize, RoleKeys: roles, GroupKeys: groups}
			if err := parseSort(sortBy, opts); err != nil {
				return err
			}
			if limit < 0 {
				return usageErrorf("--limit must be 0 (no limit) or more, got %d", limit)
			}
			if pageSize < 0 || pageSize > 100 {
				return usageErrorf("--page-size must be between 1 and 100, got %d", pageSize)
			}
			if limit > 0 && (pageSize == 0 || limit < pageSize) {
				opts.PageSize = min(limit, 100)
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			return a.listUsers(cmd.Context(), c, search, cmd.Flags().Changed("search"), limit, opts)
		}),
	}
	f := cmd.Flags()
	f.StringVarP(&search, "search", "s", "", "only users matching this keyword (email, phone, username, name, id)")
	f.StringVar(&sortBy, "sort", "created-at", "sort by created-at or last-login-at; prefix - for descending")
	f.IntVarP(&limit, "limit", "n", 0, "stop after this many users (0: all)")
	f.IntVar(&pageSize, "page-size", 0, "users per request, 1-100 (default 100)")
	f.StringSliceVar(&roles, "role", nil, "only users with this role key (repeatable)")
	f.StringSliceVar(&groups, "group", nil, "only users in this group key (repeatable)")
	_ = cmd.RegisterFlagCompletionFunc("sort", fixedCompletions("created-at", "-created-at", "last-login-at", "-last-login-at"))
	return cmd
}

// parseSort reads --sort into opts.
func parseSort(s string, opts *adminapi.ListUsersOptions) error {
	opts.SortDirection = adminapi.SortDirectionAsc
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		s, opts.SortDirection = rest, adminapi.SortDirectionDesc
	}
	switch strings.ReplaceAll(strings.ToLower(s), "_", "-") {
	case "created-at", "created":
		opts.SortBy = adminapi.UserSortByCreatedAt
	case "last-login-at", "last-login":
		opts.SortBy = adminapi.UserSortByLastLoginAt
	default:
		return usageErrorf("--sort %q: use created-at or last-login-at, with a - prefix for descending", s)
	}
	return nil
}

func (a *app) listUsers(ctx context.Context, c *adminapi.Client, search string, searching bool, limit int, opts *adminapi.ListUsersOptions) error {
	out, err := a.newStream(userListHeader...)
	if err != nil {
		return err
	}
	users := c.ListUsers(ctx, opts)
	if searching {
		users = c.SearchUsers(ctx, search, opts)
	}
	var bar *progress
	if out.format == formatTable {
		bar = a.newProgress(-1, "fetching users")
	}
	for u, err := range users {
		if err != nil {
			bar.done()
			// Print what arrived before the failure, then the error.
			if cerr := out.close(); cerr != nil {
				return cerr
			}
			return err
		}
		if err := out.add(viewUser(u), userRow(u)); err != nil {
			bar.done()
			return err
		}
		bar.add(1)
		if limit > 0 && out.n >= limit {
			break
		}
	}
	bar.done()
	if out.n == 0 && out.format == formatTable {
		a.printf("no users\n")
		return nil
	}
	return out.close()
}

// lookupFlags select a user by login id instead of by id.
type lookupFlags struct {
	email, phone, username string
}

func (l *lookupFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&l.email, "email", "", "the user whose email login id is this")
	f.StringVar(&l.phone, "phone", "", "the user whose phone login id is this (E.164, e.g. +15551234567)")
	f.StringVar(&l.username, "username", "", "the user whose username login id is this")
}

// loginID returns the login id given, if any; more than one is an error.
func (l *lookupFlags) loginID() (*adminapi.LoginID, error) {
	var found []adminapi.LoginID
	for _, c := range []adminapi.LoginID{
		{Key: adminapi.LoginIDEmail, Value: l.email},
		{Key: adminapi.LoginIDPhone, Value: l.phone},
		{Key: adminapi.LoginIDUsername, Value: l.username},
	} {
		if strings.TrimSpace(c.Value) != "" {
			c.Value = strings.TrimSpace(c.Value)
			found = append(found, c)
		}
	}
	switch len(found) {
	case 0:
		return nil, nil
	case 1:
		return &found[0], nil
	default:
		return nil, usageErrorf("give only one of --email, --phone and --username")
	}
}

func (a *app) usersGetCommand() *cobra.Command {
	var look lookupFlags
	cmd := &cobra.Command{
		Use:   "get [ID|UUID]",
		Short: "Show a user, by id or by login id",
		Long: `Show a user, read from the database (not the search index).

The user is named by node id or UUID (the "sub" of the user's tokens), or by
a login id with --email, --phone or --username.`,
		Example: `  authgear-admin users get 8e3e678d-7f0b-4a39-9c5e-7a5b3c2d1e0f
  authgear-admin users get --email alice@example.com -o json`,
		Args: cobra.MaximumNArgs(1),
		RunE: a.action(func(cmd *cobra.Command, args []string) error {
			lid, err := look.loginID()
			if err != nil {
				return err
			}
			switch {
			case lid == nil && len(args) == 0:
				return usageErrorf("name the user: an ID or UUID argument, or --email, --phone or --username")
			case lid != nil && len(args) > 0:
				return usageErrorf("give either an ID argument or a login id flag, not both")
			}
			if err := checkUserIDs(args); err != nil {
				return err
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			var u *adminapi.User
			if lid != nil {
				u, err = c.GetUserByLoginID(cmd.Context(), lid.Key, lid.Value)
			} else {
				u, err = c.GetUser(cmd.Context(), args[0])
			}
			if err != nil {
				return err
			}
			return a.printUser(u)
		}),
	}
	look.register(cmd)
	return cmd
}

func (a *app) printUser(u *adminapi.User) error {
	return a.printValue(viewUser(u), func() *table { return userTable(u) })
}

// checkUserIDs checks the shape of user ids given as arguments, so that a
// typo is a usage error before anything is sent.
func checkUserIDs(ids []string) error {
	for _, id := range ids {
		if _, err := adminapi.UserNodeID(id); err != nil {
			return usageErrorf("%q is not a user id: give the node id or the UUID", id)
		}
	}
	return nil
}
