package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/authgear-admin/adminapi"
)

func (a *app) schemaCommand() *cobra.Command {
	cmd := groupCommand("schema", "Fetch the server's GraphQL schema, or compare it with this tool's")
	cmd.AddCommand(a.schemaPullCommand(), a.schemaDiffCommand())
	return cmd
}

func (a *app) schemaPullCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "pull",
		Short: "Introspect the project's Admin API and print its schema as SDL",
		Args:  noArgs,
		RunE: a.action(func(cmd *cobra.Command, _ []string) error {
			c, err := a.client()
			if err != nil {
				return err
			}
			s, err := pullSchema(cmd.Context(), c)
			if err != nil {
				return err
			}
			sdl := formatSDL(s)
			if out == "" || out == "-" {
				_, err = fmt.Fprint(a.stdout, sdl)
				return err
			}
			if err := os.WriteFile(out, []byte(sdl), 0o644); err != nil {
				return err
			}
			a.printf("wrote %s (%d types)\n", out, len(s.Types))
			return nil
		}),
	}
	cmd.Flags().StringVar(&out, "out", "", "write the SDL to this file instead of stdout")
	_ = cmd.MarkFlagFilename("out", "graphql")
	return cmd
}

func (a *app) schemaDiffCommand() *cobra.Command {
	var (
		base, target string
		exitCode     bool
	)
	cmd := &cobra.Command{
		Use:   "diff",
		Short: "Compare the server's schema with the one this tool was built with",
		Long: `Introspect the project's Admin API and list how its schema differs from the
schema embedded in this tool: types, fields, arguments, input fields, enum
values, union members and interfaces added, removed or changed. "added"
means present on the server and not in the tool. Descriptions are ignored.

--base compares against a schema file instead of the embedded schema, and
--target compares with a schema file instead of the server (no request).
With --exit-code the status is 1 when the schemas differ.`,
		Args: noArgs,
		RunE: a.action(func(cmd *cobra.Command, _ []string) error {
			baseName, baseSDL := "embedded schema", adminapi.SchemaSDL
			if base != "" {
				b, err := os.ReadFile(base)
				if err != nil {
					return usageErrorf("--base: %w", err)
				}
				baseName, baseSDL = base, string(b)
			}
			baseSchema, err := loadSDL(baseName, baseSDL)
			if err != nil {
				return err
			}
			targetName, targetSchema, err := a.diffTarget(cmd.Context(), target)
			if err != nil {
				return err
			}
			changes := diffSchemas(baseSchema, targetSchema)
			if len(changes) == 0 {
				a.printf("no differences between the %s and the %s\n", baseName, targetName)
			} else {
				a.printf("%d difference(s) from the %s to the %s\n", len(changes), baseName, targetName)
			}
			if f, _ := a.format(); len(changes) > 0 || f != formatTable {
				if err := a.printValue(changes, func() *table { return changesTable(changes) }); err != nil {
					return err
				}
			}
			if exitCode && len(changes) > 0 {
				return errSilent{code: exitAPI}
			}
			return nil
		}),
	}
	f := cmd.Flags()
	f.StringVar(&base, "base", "", "schema file to compare against instead of the embedded schema")
	f.StringVar(&target, "target", "", "schema file to compare instead of the server's schema")
	f.BoolVar(&exitCode, "exit-code", false, "exit with status 1 if the schemas differ")
	_ = cmd.MarkFlagFilename("base", "graphql")
	_ = cmd.MarkFlagFilename("target", "graphql")
	return cmd
}

func (a *app) diffTarget(ctx context.Context, path string) (string, *ast.Schema, error) {
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", nil, usageErrorf("--target: %w", err)
		}
		s, err := loadSDL(path, string(b))
		return path, s, err
	}
	c, err := a.client()
	if err != nil {
		return "", nil, err
	}
	s, err := pullSchema(ctx, c)
	return "server's schema", s, err
}

// loadSDL parses and validates a schema.
func loadSDL(name, sdl string) (*ast.Schema, error) {
	s, err := gqlparser.LoadSchema(&ast.Source{Name: name, Input: sdl})
	if err != nil {
		return nil, usageErrorf("schema %s: %v", name, err)
	}
	return s, nil
}

func changesTable(changes []schemaChange) *table {
	t := &table{header: []string{"CHANGE", "KIND", "PATH", "DETAIL"}}
	for _, c := range changes {
		detail := c.After
		switch {
		case c.Change == changeChanged:
			detail = c.Before + " -> " + c.After
		case c.Change == changeRemoved:
			detail = c.Before
		}
		t.append(c.Change, c.Kind, c.Path, detail)
	}
	return t
}
