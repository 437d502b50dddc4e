package main

import (
	"context"
	"fmt"
	"strings"
)

// refuseUnconfirmable fails a destructive command early, before any
// request, when it would have to ask but stdin is not a terminal to ask on.
func (a *app) refuseUnconfirmable(g guardFlags, what string) error {
	if g.yes || g.dryRun || a.stdinIsTerminal() {
		return nil
	}
	return usageErrorf("refusing to %s without --yes: stdin is not a terminal to ask on", what)
}

// proceed decides whether a change goes ahead once its targets are known.
// With --dry-run it prints "dry run: would ..." for each planned change on
// stdout and returns false. A destructive change without --yes lists the
// planned changes on stderr (when there are several) and asks question;
// declining gives errAborted. Otherwise it returns true.
func (a *app) proceed(ctx context.Context, g guardFlags, destructive bool, question string, planned []string) (bool, error) {
	if g.dryRun {
		for _, p := range planned {
			fmt.Fprintf(a.stdout, "dry run: would %s\n", p)
		}
		return false, nil
	}
	if !destructive || g.yes {
		return true, nil
	}
	if !a.stdinIsTerminal() {
		// Callers refuse earlier, before any request; this is a backstop.
		return false, usageErrorf("refusing to go ahead without --yes: stdin is not a terminal to ask on")
	}
	if len(planned) > 1 {
		a.printf("This will:\n  %s\n", strings.Join(planned, "\n  "))
	}
	ok, err := a.confirm(ctx, question)
	if err != nil {
		return false, err
	}
	if !ok {
		return false, errAborted
	}
	return true, nil
}
