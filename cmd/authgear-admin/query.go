package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/Khan/genqlient/graphql"
	"github.com/goccy/go-yaml"
	"github.com/spf13/cobra"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

func (a *app) queryCommand() *cobra.Command {
	var (
		vars      []string
		varsFile  string
		operation string
	)
	cmd := &cobra.Command{
		Use:   "query FILE.graphql",
		Short: "Run a GraphQL operation from a file and print its data",
		Long: `Run the GraphQL operation in FILE ("-" for stdin) against the Admin API and
print the "data" of the answer as JSON (or YAML with -o yaml).

Variables come from --vars-file (a JSON object) and then --var NAME=VALUE,
which wins. A VALUE that parses as JSON is used as such (numbers, booleans,
null, objects, lists, "quoted strings"); anything else is a string.

A file with several operations needs --operation to say which one to run.

If the server reports errors, the data it returned anyway is printed and the
errors go to stderr with exit status 1.`,
		Example: `  authgear-admin query users.graphql --var first=10 --var keyword=alice
  echo '{ users(first: 1) { totalCount } }' | authgear-admin query -
  authgear-admin query reports.graphql --operation WeeklySignups`,
		Args: exactArgs("FILE"),
		RunE: a.action(func(cmd *cobra.Command, args []string) error {
			doc, err := a.readQueryFile(args[0])
			if err != nil {
				return err
			}
			opName, err := pickOperation(doc, operation)
			if err != nil {
				return err
			}
			variables, err := a.queryVariables(varsFile, vars)
			if err != nil {
				return err
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			var data json.RawMessage
			// Client.Do names the first operation of the document; the
			// graphql.Client interface lets the request name any.
			req := &graphql.Request{Query: doc, OpName: opName}
			if variables != nil {
				req.Variables = variables
			}
			qerr := c.MakeRequest(cmd.Context(), req, &graphql.Response{Data: &data})
			if len(data) > 0 && string(data) != "null" {
				if err := a.printRawJSON(data); err != nil {
					return err
				}
			}
			return qerr
		}),
	}
	f := cmd.Flags()
	f.StringArrayVar(&vars, "var", nil, "variable NAME=VALUE, VALUE as JSON if it parses, else a string (repeatable)")
	f.StringVar(&varsFile, "vars-file", "", "JSON object file of variables")
	f.StringVar(&operation, "operation", "", "name of the operation to run, when the file has several")
	_ = cmd.MarkFlagFilename("vars-file", "json")
	cmd.ValidArgsFunction = func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return []cobra.Completion{"graphql", "gql"}, cobra.ShellCompDirectiveFilterFileExt
	}
	return cmd
}

func (a *app) readQueryFile(path string) (string, error) {
	var (
		b   []byte
		err error
	)
	if path == "-" {
		b, err = io.ReadAll(a.input())
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return "", usageErrorf("query file: %w", err)
	}
	if strings.TrimSpace(string(b)) == "" {
		return "", usageErrorf("query file %s is empty", path)
	}
	return string(b), nil
}

// pickOperation returns the name of the operation of doc to run: the one
// asked for, which must be in doc, or the only one. A document that does
// not parse is left for the server to judge.
func pickOperation(doc, asked string) (string, error) {
	parsed, err := parser.ParseQuery(&ast.Source{Name: "query", Input: doc})
	if err != nil {
		return asked, nil
	}
	var names []string
	for _, op := range parsed.Operations {
		if op.Name == asked && asked != "" {
			return asked, nil
		}
		if op.Name != "" {
			names = append(names, op.Name)
		}
	}
	switch {
	case asked != "" && len(names) == 0:
		return "", usageErrorf("--operation %q: the document has no named operations", asked)
	case asked != "":
		return "", usageErrorf("--operation %q is not in the document; it has %s", asked, strings.Join(names, ", "))
	case len(parsed.Operations) > 1:
		return "", usageErrorf("the document has %d operations (%s); choose one with --operation", len(parsed.Operations), strings.Join(names, ", "))
	case len(parsed.Operations) == 1:
		return parsed.Operations[0].Name, nil
	}
	return "", nil
}

// queryVariables merges --vars-file and the --var flags.
func (a *app) queryVariables(varsFile string, vars []string) (map[string]any, error) {
	variables := map[string]any{}
	if varsFile != "" {
		m, err := a.readJSONObjectFile("--vars-file", varsFile)
		if err != nil {
			return nil, err
		}
		variables = m
	}
	for _, kv := range vars {
		name, value, ok := strings.Cut(kv, "=")
		name = strings.TrimPrefix(strings.TrimSpace(name), "$")
		if !ok || name == "" {
			return nil, usageErrorf("--var %q: use NAME=VALUE", kv)
		}
		variables[name] = parseVarValue(value)
	}
	if len(variables) == 0 {
		return nil, nil
	}
	return variables, nil
}

// printRawJSON prints JSON as the server sent it, keys in the server's
// order: indented, or as YAML with -o yaml.
func (a *app) printRawJSON(data []byte) error {
	f, err := a.format()
	if err != nil {
		return err
	}
	if f == formatYAML {
		out, err := yaml.JSONToYAML(data)
		if err != nil {
			return fmt.Errorf("encoding YAML: %w", err)
		}
		_, err = a.stdout.Write(out)
		return err
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, data, "", "  "); err != nil {
		return fmt.Errorf("query: the data is not JSON: %w", err)
	}
	buf.WriteByte('\n')
	_, err = a.stdout.Write(buf.Bytes())
	return err
}

// parseVarValue returns value decoded as JSON if it is JSON, else value.
func parseVarValue(value string) any {
	var v any
	if err := decodeJSON([]byte(value), &v); err == nil {
		return v
	}
	return value
}
