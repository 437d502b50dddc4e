// Command authgear-admin manages the users of an Authgear project through the
// Admin API, from a terminal or a script, and runs a local emulator of the
// API for test suites in any language.
//
// Run "authgear-admin --help" for the commands, and see the README's
// "Command-line tool" section for configuration.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first interrupt has cancelled ctx, let a second one
		// end the program at once.
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}
