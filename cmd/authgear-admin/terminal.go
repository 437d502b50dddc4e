package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// terminalReporter is implemented by streams that know whether they are a
// terminal; tests use it to pose as one.
type terminalReporter interface {
	IsTerminal() bool
}

// isTerminal reports whether v, a stream of the program, is a terminal.
func isTerminal(v any) bool {
	switch f := v.(type) {
	case terminalReporter:
		return f.IsTerminal()
	case *os.File:
		return term.IsTerminal(int(f.Fd()))
	}
	return false
}

func (a *app) stdinIsTerminal() bool  { return isTerminal(a.stdin) }
func (a *app) stdoutIsTerminal() bool { return isTerminal(a.stdout) }
func (a *app) stderrIsTerminal() bool { return isTerminal(a.stderr) }

// ttyFD returns the descriptor of stdin if it is a real terminal.
func (a *app) ttyFD() (int, bool) {
	f, ok := a.stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0, false
	}
	return int(f.Fd()), true
}

// input returns stdin, buffered for line reads.
func (a *app) input() *bufio.Reader {
	if a.in == nil {
		a.in = bufio.NewReader(a.stdin)
	}
	return a.in
}

// readLine reads one line from stdin without its line ending. At the end of
// input it returns what it read, or io.EOF if nothing. It gives up when ctx
// is done, so that an interrupt is not stuck behind a prompt; the read
// itself then goes on in the background until the program exits.
func (a *app) readLine(ctx context.Context) (string, error) {
	return interruptible(ctx, func() (string, error) {
		line, err := a.input().ReadString('\n')
		if err != nil && (!errors.Is(err, io.EOF) || line == "") {
			return "", err
		}
		return strings.TrimRight(line, "\r\n"), nil
	})
}

// interruptible runs read and returns its result, or ctx.Err() if ctx is
// done first.
func interruptible(ctx context.Context, read func() (string, error)) (string, error) {
	type result struct {
		s   string
		err error
	}
	ch := make(chan result, 1)
	go func() {
		s, err := read()
		ch <- result{s, err}
	}()
	select {
	case r := <-ch:
		return r.s, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// confirm asks a yes/no question on the terminal; only "y" or "yes" agree.
func (a *app) confirm(ctx context.Context, question string) (bool, error) {
	a.printf("%s [y/N] ", question)
	answer, err := a.readLine(ctx)
	if err != nil {
		a.printf("\n")
		if errors.Is(err, io.EOF) {
			return false, nil
		}
		return false, err
	}
	switch strings.ToLower(strings.TrimSpace(answer)) {
	case "y", "yes":
		return true, nil
	}
	return false, nil
}

// readSecret prompts on stderr and reads a secret from the terminal without
// echoing it. On a stream that only poses as a terminal it reads a line.
func (a *app) readSecret(ctx context.Context, prompt string) (string, error) {
	a.printf("%s", prompt)
	fd, ok := a.ttyFD()
	if !ok {
		return a.readLine(ctx)
	}
	state, err := term.GetState(fd)
	if err != nil {
		return "", fmt.Errorf("reading from the terminal: %w", err)
	}
	s, err := interruptible(ctx, func() (string, error) {
		b, err := term.ReadPassword(fd)
		return string(b), err
	})
	a.printf("\n")
	if ctx.Err() != nil {
		// ReadPassword has not returned to restore the echo; do it here.
		_ = term.Restore(fd, state)
		return "", ctx.Err()
	}
	if err != nil {
		return "", fmt.Errorf("reading from the terminal: %w", err)
	}
	return s, nil
}

// readSecretStdin reads a secret from stdin: its first line, without the
// line ending. An empty secret is an error. If stdin is a terminal the
// secret is read without echo.
func (a *app) readSecretStdin(ctx context.Context, what string) (string, error) {
	if _, ok := a.ttyFD(); ok {
		return a.readSecret(ctx, capitalize(what)+": ")
	}
	s, err := a.readLine(ctx)
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("reading the %s from stdin: %w", what, err)
	}
	if s == "" {
		return "", usageErrorf("no %s on stdin", what)
	}
	return s, nil
}

// promptNewPassword asks twice for a new password on the terminal.
func (a *app) promptNewPassword(ctx context.Context) (string, error) {
	if !a.stdinIsTerminal() {
		return "", usageErrorf("--password-prompt needs a terminal on stdin; use --password-stdin in scripts")
	}
	p1, err := a.readSecret(ctx, "New password: ")
	if err != nil {
		return "", err
	}
	if p1 == "" {
		return "", usageErrorf("empty password")
	}
	p2, err := a.readSecret(ctx, "Repeat password: ")
	if err != nil {
		return "", err
	}
	if p1 != p2 {
		return "", usageErrorf("the passwords do not match")
	}
	return p1, nil
}
