package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/authgear-admin/adminapi"
)

// app holds what one invocation of the program takes from its process, so
// that tests can run it with their own streams and environment, and the
// global flags once parsed.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string

	// in buffers stdin for line reads (confirmations, passwords, ids); it
	// is created on first use so that commands reading stdin whole (query
	// -, --password-stdin) see every byte.
	in *bufio.Reader

	// started is set when a command's own code starts to run; an error
	// returned before that came from argument or flag checking.
	started bool

	global globalFlags

	// clock, if set, replaces time.Now for the client's tokens and for
	// times given relative to now (--since 24h); tests set it together
	// with the emulator's clock.
	clock func() time.Time
	// jobOptions are added to every import and export call; tests use
	// them to poll jobs quickly.
	jobOptions []adminapi.JobOption
}

// globalFlags are the persistent flags of the root command.
type globalFlags struct {
	endpoint     string
	projectID    string
	keyID        string
	keyFile      string
	configPath   string
	profile      string
	output       string
	auditContext string
	verbose      bool
}

// run runs the program with args (without the program name) and returns its
// exit status: exitOK, exitAPI, exitUsage or exitAuth. Errors are written to
// stderr. getenv looks up environment variables; it is os.Getenv outside
// tests.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	return newApp(stdin, stdout, stderr, getenv).execute(ctx, args)
}

func newApp(stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) *app {
	return &app{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
}

// execute runs the command line args and returns the exit status.
func (a *app) execute(ctx context.Context, args []string) int {
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	if !a.started {
		err = asUsageError(err)
	}
	return a.report(cmd, err)
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "authgear-admin",
		Short: "Manage the users of an Authgear project through the Admin API",
		Long: `authgear-admin looks up, fixes and bulk-changes the users of an Authgear
project through its Admin API, and runs a local emulator of the API for tests.

Configuration comes from flags, then the AUTHGEAR_* environment variables,
then a profile of the config file (see "authgear-admin config --help").

Exit status: 0 success, 1 API or other error, 2 usage or configuration
error, 3 authentication failure.`,
		Version:       version(),
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          noArgs,
		RunE:          showHelp,
		// Check the output format before any request is made.
		PersistentPreRunE: func(*cobra.Command, []string) error {
			_, err := a.format()
			return err
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.CompletionOptions.HiddenDefaultCmd = false

	f := root.PersistentFlags()
	g := &a.global
	f.StringVar(&g.endpoint, "endpoint", "", "project origin, e.g. https://myapp.authgear.cloud (env "+envEndpoint+")")
	f.StringVar(&g.projectID, "project-id", "", "project id; derived from *.authgear.cloud endpoints (env "+envProjectID+")")
	f.StringVar(&g.keyID, "key-id", "", "Admin API key id shown in the portal (env "+envKeyID+")")
	f.StringVar(&g.keyFile, "key-file", "", "Admin API private key file, PEM or JWK (env "+envKeyFile+")")
	f.StringVar(&g.configPath, "config", "", "config file (env "+envConfig+"; default "+defaultConfigHint+")")
	f.StringVar(&g.profile, "profile", "", "config file profile (env "+envProfile+"; default: the file's default_profile)")
	f.StringVarP(&g.output, "output", "o", "", "output format: table, json or yaml (default: table on a terminal, else json)")
	f.StringVar(&g.auditContext, "audit-context", "", `JSON object recorded with the audit log entries of the requests, e.g. '{"operator":"alice"}'`)
	f.BoolVarP(&g.verbose, "verbose", "v", false, "log each request (operation, status, duration) to stderr")
	_ = root.RegisterFlagCompletionFunc("output", fixedCompletions(outputFormats...))
	_ = root.RegisterFlagCompletionFunc("profile", a.completeProfiles)
	_ = root.MarkPersistentFlagFilename("key-file", "pem", "json")
	_ = root.MarkPersistentFlagFilename("config", "yaml", "yml")

	root.AddCommand(
		a.usersCommand(),
		a.rolesCommand(),
		a.groupsCommand(),
		a.identitiesCommand(),
		a.sessionsCommand(),
		a.auditLogsCommand(),
		a.importCommand(),
		a.exportCommand(),
		a.queryCommand(),
		a.tokenCommand(),
		a.schemaCommand(),
		a.emulatorCommand(),
		a.configCommand(),
	)
	return root
}

// action wraps a command's code so that run can tell its errors from those
// of argument parsing.
func (a *app) action(fn func(cmd *cobra.Command, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		a.started = true
		return fn(cmd, args)
	}
}

// groupCommand returns a command that only holds subcommands: alone it
// prints its help, and with an unknown subcommand it is a usage error.
func groupCommand(use, short string) *cobra.Command {
	return &cobra.Command{Use: use, Short: short, Args: noArgs, RunE: showHelp}
}

func showHelp(cmd *cobra.Command, _ []string) error { return cmd.Help() }

// noArgs refuses arguments, naming an unknown subcommand as such.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if cmd.HasSubCommands() {
		return usageErrorf("unknown command %q for %q", args[0], cmd.CommandPath())
	}
	return usageErrorf("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
}

// exactArgs requires n arguments, described by names for the error.
func exactArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != len(names) {
			return usageErrorf("%s needs %d argument(s) (%s), got %d", cmd.CommandPath(), len(names), strings.Join(names, " "), len(args))
		}
		return nil
	}
}

// minArgs requires at least one argument, described by name.
func minArgs(name string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return usageErrorf("%s needs at least one %s", cmd.CommandPath(), name)
		}
		return nil
	}
}

func fixedCompletions(values ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// version reports the module version the binary was built from.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// now returns the current time, by the test clock if one is set.
func (a *app) now() time.Time {
	if a.clock != nil {
		return a.clock()
	}
	return time.Now()
}

// printf writes to stderr, for messages meant for a person.
func (a *app) printf(format string, args ...any) {
	fmt.Fprintf(a.stderr, format, args...)
}
