package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

// emulatorInfo is what "emulator --json" prints: all a test suite needs to
// reach the emulator.
type emulatorInfo struct {
	Endpoint    string `json:"endpoint"`
	GraphQLURL  string `json:"graphqlURL"`
	ProjectID   string `json:"projectID"`
	KeyID       string `json:"keyID"`
	KeyFile     string `json:"keyFile"`
	SeededUsers int    `json:"seededUsers"`
}

func (a *app) emulatorCommand() *cobra.Command {
	var (
		addr     string
		keyOut   string
		seedFile string
		asJSON   bool
		asEnv    bool
	)
	cmd := &cobra.Command{
		Use:   "emulator",
		Short: "Run a local Admin API emulator for test suites",
		Long: `Run an in-memory Admin API on a loopback address until interrupted, for test
suites in any language. It checks tokens like the real server, with a key
pair it generates at start.

The private key is written to --key-out (mode 0600), or to a temporary file
removed at exit. The connection details are printed once the emulator is
ready: as text, as one JSON line (--json), or as shell lines that export the
AUTHGEAR_* variables this tool and the library read (--env).

--seed loads users from a JSON array or NDJSON file of objects such as
{"email": "a@example.com", "password": "secret", "customAttributes": {...}};
the keys are email, phone, username, password, passwordExpired,
standardAttributes, customAttributes, disabled, disableReason,
accountValidFrom, accountValidUntil, createdAt.

--project-id sets the project id the emulator expects (default "emulator").`,
		Example: `  authgear-admin emulator --json --seed users.ndjson > emulator.json &
  authgear-admin emulator --env --key-out /tmp/key.pem > emulator.env & sleep 1; . ./emulator.env`,
		Args: noArgs,
		RunE: a.action(func(cmd *cobra.Command, _ []string) error {
			if asJSON && asEnv {
				return usageErrorf("give --json or --env, not both")
			}
			host, _, err := net.SplitHostPort(addr)
			if err != nil {
				return usageErrorf("--addr %q: %v", addr, err)
			}
			if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
				return usageErrorf("--addr %q: the emulator listens on loopback addresses only (127.0.0.1, ::1, localhost)", addr)
			}
			seeds, err := readSeedFile(seedFile)
			if err != nil {
				return err
			}
			return a.runEmulator(cmd.Context(), addr, keyOut, seeds, asJSON, asEnv)
		}),
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:0", "listen address; port 0 picks a free port")
	f.StringVar(&keyOut, "key-out", "", "write the private key (PEM) to this file, mode 0600 (default: a temporary file)")
	f.StringVar(&seedFile, "seed", "", "JSON or NDJSON file of users to create at start")
	f.BoolVar(&asJSON, "json", false, "print the connection details as one JSON line")
	f.BoolVar(&asEnv, "env", false, "print the connection details as shell export lines")
	_ = cmd.MarkFlagFilename("seed", "json", "ndjson", "jsonl")
	return cmd
}

func (a *app) runEmulator(ctx context.Context, addr, keyOut string, seeds []adminapitest.SeedUser, asJSON, asEnv bool) error {
	opts := []adminapitest.Option{adminapitest.WithAddr(addr)}
	if id := strings.TrimSpace(a.global.projectID); id != "" {
		opts = append(opts, adminapitest.WithProjectID(id))
	}
	if a.global.verbose {
		opts = append(opts, adminapitest.WithLogger(slog.New(slog.NewTextHandler(a.stderr, nil))))
	}
	srv, err := adminapitest.Start(opts...)
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		// The address is taken or cannot be listened on.
		return usageErrorf("--addr %q: %w", addr, err)
	}
	if err != nil {
		return err
	}
	defer srv.Close()
	for i, s := range seeds {
		if _, err := srv.SeedUser(s); err != nil {
			return usageErrorf("--seed: user %d: %w", i+1, err)
		}
	}

	endpoint := srv.URL()
	keyPath, removeKey, err := writeKeyFile(keyOut, srv.PrivateKeyPEM())
	if err != nil {
		return err
	}
	defer removeKey()

	info := emulatorInfo{
		Endpoint:    endpoint,
		GraphQLURL:  endpoint + adminapi.GraphQLPath,
		ProjectID:   srv.ProjectID(),
		KeyID:       srv.KeyID(),
		KeyFile:     keyPath,
		SeededUsers: len(seeds),
	}
	switch {
	case asJSON:
		err = writeJSON(a.stdout, info, "")
	case asEnv:
		_, err = fmt.Fprintf(a.stdout, "export %s=%s\nexport %s=%s\nexport %s=%s\nexport %s=%s\n",
			envEndpoint, shellQuote(info.Endpoint), envProjectID, shellQuote(info.ProjectID),
			envKeyID, shellQuote(info.KeyID), envKeyFile, shellQuote(info.KeyFile))
	default:
		_, err = fmt.Fprintf(a.stdout, "Admin API emulator listening on %s\n  GraphQL:    %s\n  project id: %s\n  key id:     %s\n  key file:   %s\n  users:      %d seeded\nStop it with Ctrl-C.\n",
			info.Endpoint, info.GraphQLURL, info.ProjectID, info.KeyID, info.KeyFile, info.SeededUsers)
	}
	if err != nil {
		return err
	}
	<-ctx.Done()
	return nil
}

// writeKeyFile writes the key with mode 0600 to path, or to a new temporary
// file if path is empty; the returned function removes a temporary file.
func writeKeyFile(path string, pem []byte) (string, func(), error) {
	if path != "" {
		if err := os.WriteFile(path, pem, 0o600); err != nil {
			return "", nil, usageErrorf("--key-out: %w", err)
		}
		// WriteFile keeps the mode of an existing file; tighten it.
		if err := os.Chmod(path, 0o600); err != nil {
			return "", nil, usageErrorf("--key-out: %w", err)
		}
		return path, func() {}, nil
	}
	f, err := os.CreateTemp("", "authgear-emulator-key-*.pem") // CreateTemp uses mode 0600
	if err != nil {
		return "", nil, err
	}
	name := f.Name()
	_, werr := f.Write(pem)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		_ = os.Remove(name)
		return "", nil, werr
	}
	return name, func() { _ = os.Remove(name) }, nil
}

// shellQuote quotes s for POSIX shells.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
