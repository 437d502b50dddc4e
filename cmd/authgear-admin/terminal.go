package main

import (
	"bufio"
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

// input returns stdin, buffered for line reads.
func (a *app) input() *bufio.Reader {
	if a.in == nil {
		a.in = bufio.NewReader(a.stdin)
	}
	return a.in
}

// readLine reads one line from stdin without its line ending. At the end of
// input it returns what it read, or io.EOF if nothing.
func (a *app) readLine() (string, error) {
	line, err := a.input().ReadString('\n')
	if err != nil && (!errors.Is(err, io.EOF) || line == "") {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// confirm asks a yes/no question on the terminal; only "y" or "yes" agree.
func (a *app) confirm(question string) (bool, error) {
	a.printf("%s [y/N] ", question)
	answer, err := a.readLine()
	if err != nil {
		if errors.Is(err, io.EOF) {
			a.printf("\n")
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
func (a *app) readSecret(prompt string) (string, error) {
	a.printf("%s", prompt)
	if f, ok := a.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		b, err := term.ReadPassword(int(f.Fd()))
		a.printf("\n")
		if err != nil {
			return "", fmt.Errorf("reading from the terminal: %w", err)
		}
		return string(b), nil
	}
	return a.readLine()
}

// readSecretStdin reads a secret from stdin: its first line, without the
// line ending. An empty secret is an error. If stdin is a terminal the
// secret is read without echo.
func (a *app) readSecretStdin(what string) (string, error) {
	if f, ok := a.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return a.readSecret(capitalize(what) + ": ")
	}
	s, err := a.readLine()
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("reading the %s from stdin: %w", what, err)
	}
	if s == "" {
		return "", usageErrorf("no %s on stdin", what)
	}
	return s, nil
}

// promptNewPassword asks twice for a new password on the terminal.
func (a *app) promptNewPassword() (string, error) {
	if !a.stdinIsTerminal() {
		return "", usageErrorf("--password-prompt needs a terminal on stdin; use --password-stdin in scripts")
	}
	p1, err := a.readSecret("New password: ")
	if err != nil {
		return "", err
	}
	if p1 == "" {
		return "", usageErrorf("empty password")
	}
	p2, err := a.readSecret("Repeat password: ")
	if err != nil {
		return "", err
	}
	if p1 != p2 {
		return "", usageErrorf("the passwords do not match")
	}
	return p1, nil
}
