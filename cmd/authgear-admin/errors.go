package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/auth"
)

// Exit statuses.
const (
	exitOK    = 0 // success
	exitAPI   = 1 // the API, the network or a local file failed
	exitUsage = 2 // bad flags, arguments or configuration
	exitAuth  = 3 // the server refused the credentials, or the key is unusable
)

// usageError marks an error in how the program was called: flags,
// arguments, configuration. It makes the exit status exitUsage.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// asUsageError marks err as a usage error unless it already says what it is.
func asUsageError(err error) error {
	if exitCode(err) != exitAPI {
		return err
	}
	return usageError{err}
}

// errSilent is returned by a command that already reported its failures
// (one line per user in a bulk command); it only sets the exit status.
type errSilent struct{ code int }

func (e errSilent) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// exitCode maps an error to the exit status.
func exitCode(err error) int {
	var (
		silent errSilent
		usage  usageError
		cfg    *adminapi.ConfigError
		apiErr *adminapi.Error
	)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &silent):
		return silent.code
	case errors.Is(err, adminapi.ErrForbidden), errors.Is(err, adminapi.ErrUnauthorized), errors.Is(err, auth.ErrInvalidKey):
		return exitAuth
	case errors.As(err, &usage), errors.As(err, &cfg):
		return exitUsage
	case errors.As(err, &apiErr) && apiErr.StatusCode == 0 && errors.Is(err, adminapi.ErrInvalidInput):
		// Refused by the library before anything was sent: a malformed id
		// or argument given on the command line.
		return exitUsage
	default:
		return exitAPI
	}
}

// report writes err to stderr and returns its exit status. The library's
// errors already carry their hint; usage errors get a pointer to the help.
func (a *app) report(cmd *cobra.Command, err error) int {
	code := exitCode(err)
	var silent errSilent
	if errors.As(err, &silent) {
		return code
	}
	msg := err.Error()
	if errors.Is(err, context.Canceled) {
		msg = "interrupted"
	}
	a.printf("authgear-admin: %s\n", msg)
	if code == exitUsage && cmd != nil {
		a.printf("Run '%s --help' for usage.\n", cmd.CommandPath())
	}
	return code
}
