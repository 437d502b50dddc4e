package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/authgear-admin/adminapi"
)

// passwordFlags choose where a new password comes from.
type passwordFlags struct {
	prompt, stdin, generate bool
}

func (p *passwordFlags) register(cmd *cobra.Command, promptName, generateName string) {
	f := cmd.Flags()
	f.BoolVar(&p.prompt, promptName, false, "ask for the password on the terminal, without echo")
	f.BoolVar(&p.stdin, "password-stdin", false, "read the password from the first line of stdin")
	f.BoolVar(&p.generate, generateName, false, "let the server generate the password (combine with --send-password)")
	cmd.MarkFlagsMutuallyExclusive(promptName, "password-stdin", generateName)
}

// password returns the password chosen: nil for none, a pointer to "" for
// a generated one. It reads the terminal or stdin as asked.
func (a *app) password(ctx context.Context, p *passwordFlags) (*string, error) {
	switch {
	case p.prompt:
		s, err := a.promptNewPassword(ctx)
		if err != nil {
			return nil, err
		}
		return adminapi.Password(s), nil
	case p.stdin:
		s, err := a.readSecretStdin(ctx, "password")
		if err != nil {
			return nil, err
		}
		return adminapi.Password(s), nil
	case p.generate:
		return adminapi.GeneratePassword(), nil
	}
	return nil, nil
}

func describePasswordChoice(p *passwordFlags) string {
	switch {
	case p.prompt:
		return "password from the terminal"
	case p.stdin:
		return "password from stdin"
	case p.generate:
		return "generated password"
	}
	return "no password"
}

func (a *app) usersCreateCommand() *cobra.Command {
	var (
		look       lookupFlags
		pw         passwordFlags
		send       bool
		expired    bool
		validFrom  string
		validUntil string
		dryRun     bool
	)
	cmd := &cobra.Command{
		Use:   "create --email ADDRESS | --phone NUMBER | --username NAME",
		Short: "Create a user with a login id",
		Long: `Create a user whose first identity is a login id: an email address, a phone
number or a username.

Without a password option the user has no password and signs in by other
means (a one-time code, say). --generate-password makes the server choose
one, which nobody sees: pair it with --send-password. The password is never
echoed or printed.`,
		Example: `  authgear-admin users create --email alice@example.com --generate-password --send-password
  printf '%s\n' "$PW" | authgear-admin users create --username alice --password-stdin`,
		Args: noArgs,
		RunE: a.action(func(cmd *cobra.Command, _ []string) error {
			lid, err := look.loginID()
			if err != nil {
				return err
			}
			if lid == nil {
				return usageErrorf("give the login id with --email, --phone or --username")
			}
			if send && !pw.generate && !pw.prompt && !pw.stdin {
				return usageErrorf("--send-password needs a password: add --generate-password, --password-prompt or --password-stdin")
			}
			nu := adminapi.NewUser{LoginID: *lid, SendPassword: send, SetPasswordExpired: expired}
			if nu.AccountValidFrom, err = parseTimeFlag("valid-from", validFrom); err != nil {
				return err
			}
			if nu.AccountValidUntil, err = parseTimeFlag("valid-until", validUntil); err != nil {
				return err
			}
			if dryRun {
				fmt.Fprintf(a.stdout, "dry run: would create a user with %s login id %q and %s\n", lid.Key, lid.Value, describePasswordChoice(&pw))
				return nil
			}
			if nu.Password, err = a.password(cmd.Context(), &pw); err != nil {
				return err
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			u, err := c.CreateUser(cmd.Context(), nu)
			if err != nil {
				return err
			}
			if pw.generate && !send {
				a.printf("note: the server generated a password that nobody knows; use \"users reset-password --send-password\" to send one\n")
			}
			return a.printUser(u)
		}),
	}
	look.register(cmd)
	pw.register(cmd, "password-prompt", "generate-password")
	f := cmd.Flags()
	f.BoolVar(&send, "send-password", false, "send the password to the user (by email or SMS)")
	f.BoolVar(&expired, "set-password-expired", false, "make the user choose a new password at the first sign-in")
	f.StringVar(&validFrom, "valid-from", "", "the account can sign in from this time (RFC 3339)")
	f.StringVar(&validUntil, "valid-until", "", "the account can sign in until this time (RFC 3339)")
	f.BoolVar(&dryRun, "dry-run", false, "print what would be done and do nothing")
	return cmd
}

func parseTimeFlag(name, v string) (*time.Time, error) {
	if v == "" {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, usageErrorf("--%s %q is not an RFC 3339 time such as 2025-01-31T00:00:00Z", name, v)
	}
	return &t, nil
}
