package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/auth"
)

func TestExitCode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, exitOK},
		{"usage", usageErrorf("bad flag"), exitUsage},
		{"wrapped usage", fmt.Errorf("x: %w", usageErrorf("bad")), exitUsage},
		{"config", &adminapi.ConfigError{Setting: "endpoint", Err: errors.New("empty")}, exitUsage},
		{"bad key in config", &adminapi.ConfigError{Setting: "private key", Err: &auth.KeyError{Source: "k.pem", Found: "EC key", Need: "RSA"}}, exitAuth},
		{"forbidden", &adminapi.Error{StatusCode: 403}, exitAuth},
		{"unauthorized", &adminapi.Error{StatusCode: 401}, exitAuth},
		{"not found", &adminapi.Error{StatusCode: 200, Name: "NotFound"}, exitAPI},
		{"invalid input from the server", &adminapi.Error{StatusCode: 200, Name: "Invalid"}, exitAPI},
		{"invalid argument before sending", &adminapi.Error{Name: "Invalid"}, exitUsage},
		{"network", errors.New("dial tcp: refused"), exitAPI},
		{"canceled", context.Canceled, exitAPI},
		{"silent", errSilent{code: exitAuth}, exitAuth},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := exitCode(tt.err); got != tt.want {
				t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}

// TestUsageErrors checks that mistakes in the command line exit with 2 and
// say what is wrong, before anything is sent (no endpoint is configured, so
// a request would fail differently).
func TestUsageErrors(t *testing.T) {
	t.Parallel()
	env := with(emptyEnv(), envEndpoint, "http://127.0.0.1:1", envProjectID, "p", envKeyID, "k", envKeyFile, "/nonexistent/key.pem")
	const uuid = "8e3e678d-7f0b-4a39-9c5e-7a5b3c2d1e0f"
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"unknown subcommand", []string{"users", "frob"}, `unknown command "frob" for "authgear-admin users"`},
		{"unknown flag", []string{"users", "list", "--bogus"}, "unknown flag: --bogus"},
		{"bad flag value", []string{"users", "list", "--limit", "many"}, `invalid argument "many"`},
		{"negative limit", []string{"users", "list", "--limit", "-1"}, "--limit"},
		{"page size too big", []string{"users", "list", "--page-size", "500"}, "--page-size"},
		{"bad sort", []string{"users", "list", "--sort", "name"}, `--sort "name"`},
		{"bad output", []string{"users", "list", "-o", "xml"}, `unknown output format "xml"`},
		{"get without user", []string{"users", "get"}, "name the user"},
		{"get with two login ids", []string{"users", "get", "--email", "a@example.com", "--phone", "+15551234567"}, "only one of"},
		{"get with id and login id", []string{"users", "get", uuid, "--email", "a@example.com"}, "not both"},
		{"get with two ids", []string{"users", "get", uuid, uuid}, "accepts at most 1 arg"},
		{"malformed id", []string{"users", "get", "not-a-user"}, `"not-a-user" is not a user id`},
		{"create without login id", []string{"users", "create"}, "--email, --phone or --username"},
		{"create with two password sources", []string{"users", "create", "--email", "a@example.com", "--password-stdin", "--generate-password"}, "none of the others can be"},
		{"send without password", []string{"users", "create", "--email", "a@example.com", "--send-password"}, "--send-password needs a password"},
		{"prompt without terminal", []string{"users", "create", "--email", "a@example.com", "--password-prompt"}, "needs a terminal"},
		{"bad valid-from", []string{"users", "create", "--email", "a@example.com", "--valid-from", "tomorrow"}, "RFC 3339"},
		{"update nothing", []string{"users", "update", uuid}, "nothing to change"},
		{"update bad id", []string{"users", "update", "x", "--name", "A"}, `"x" is not a user id`},
		{"update missing file", []string{"users", "update", uuid, "--custom-json", "/nonexistent.json"}, "--custom-json"},
		{"set-attribute unknown standard", []string{"users", "set-attribute", uuid, "plan", "pro"}, "add --custom"},
		{"set-attribute no value", []string{"users", "set-attribute", uuid, "locale"}, "give a VALUE"},
		{"set-attribute bad JSON", []string{"users", "set-attribute", uuid, "--custom", "--json", "n", "{"}, "not JSON"},
		{"delete without ids", []string{"users", "delete"}, "needs at least one user ID"},
		{"delete bad id", []string{"users", "delete", "--yes", "nope"}, `"nope" is not a user id`},
		{"delete without --yes off a terminal", []string{"users", "delete", uuid}, "without --yes"},
		{"reset-password without source", []string{"users", "reset-password", uuid, "--yes"}, "--prompt, --password-stdin or --generate"},
		{"reset-password stdin without --yes", []string{"users", "reset-password", uuid, "--password-stdin"}, "needs --yes"},
		{"query without file", []string{"query"}, "needs 1 argument"},
		{"query missing file", []string{"query", "/nonexistent.graphql"}, "query file"},
		{"query bad var", []string{"query", "-", "--var", "novalue"}, "NAME=VALUE"},
		{"token lifetime", []string{"token", "--lifetime", "2h"}, "--lifetime"},
		{"audit context not JSON", []string{"users", "list", "--audit-context", "alice"}, "--audit-context must be a JSON object"},
		{"emulator json and env", []string{"emulator", "--json", "--env"}, "not both"},
		{"emulator remote address", []string{"emulator", "--addr", "0.0.0.0:0"}, "loopback"},
		{"emulator missing seed", []string{"emulator", "--seed", "/nonexistent.json"}, "--seed"},
		{"schema extra arg", []string{"schema", "pull", "x"}, "takes no arguments"},
		{"profile without config", []string{"users", "list", "--profile", "prod"}, `profile "prod"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := invocation{env: env, stdin: "{ users { totalCount } }"}.run(t, tt.args...)
			r.want(t, exitUsage)
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr = %q, want it to contain %q", r.stderr, tt.stderr)
			}
			if !strings.Contains(r.stderr, "--help' for usage") {
				t.Errorf("stderr = %q, want a pointer to --help", r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
		})
	}
}

func TestNoEndpoint(t *testing.T) {
	t.Parallel()
	r := invocation{env: emptyEnv()}.run(t, "users", "list").want(t, exitUsage)
	if !strings.Contains(r.stderr, "no endpoint") || !strings.Contains(r.stderr, envEndpoint) {
		t.Errorf("stderr = %q, want it to explain how to set the endpoint", r.stderr)
	}
}

func TestHelpAndVersion(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{}, {"--help"}, {"users"}, {"help", "users"}, {"--version"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Parallel()
			r := invocation{env: emptyEnv()}.run(t, args...).want(t, exitOK)
			if r.stdout == "" {
				t.Error("no output")
			}
		})
	}
}

func TestCompletion(t *testing.T) {
	t.Parallel()
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		t.Run(shell, func(t *testing.T) {
			t.Parallel()
			r := invocation{env: emptyEnv()}.run(t, "completion", shell).want(t, exitOK)
			if !strings.Contains(r.stdout, "authgear-admin") {
				t.Errorf("%s completion script does not mention the program", shell)
			}
		})
	}
	t.Run("sort values", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: emptyEnv()}.run(t, "__complete", "users", "list", "--sort", "").want(t, exitOK)
		if !strings.Contains(r.stdout, "-last-login-at") {
			t.Errorf("completions = %q, want the sort keys", r.stdout)
		}
	})
	t.Run("profiles", func(t *testing.T) {
		t.Parallel()
		cfg := writeFile(t, "config.yaml", "profiles:\n  prod: {endpoint: https://a.authgear.cloud}\n  staging: {}\n", 0o600)
		r := invocation{env: with(emptyEnv(), envConfig, cfg)}.run(t, "__complete", "users", "list", "--profile", "").want(t, exitOK)
		if !strings.Contains(r.stdout, "prod\nstaging\n") {
			t.Errorf("completions = %q, want the profiles", r.stdout)
		}
	})
}
