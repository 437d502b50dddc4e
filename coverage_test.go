package adminapi

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
)

// loadOperations parses queries/*.graphql as one document, as genqlient
// reads them.
func loadOperations(t *testing.T) *ast.QueryDocument {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("queries", "*.graphql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no operation files: %v", err)
	}
	var sb strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sb.Write(b)
		sb.WriteString("\n")
	}
	doc, err := parser.ParseQuery(&ast.Source{Name: "queries", Input: sb.String()})
	if err != nil {
		t.Fatalf("parsing queries/*.graphql: %v", err)
	}
	return doc
}

// rootFields returns the root fields an operation selects, looking through
// fragments spread or inlined at the top level.
func rootFields(set ast.SelectionSet, frags ast.FragmentDefinitionList, out map[string]bool) {
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			out[s.Name] = true
		case *ast.InlineFragment:
			rootFields(s.SelectionSet, frags, out)
		case *ast.FragmentSpread:
			if f := frags.ForName(s.Name); f != nil {
				rootFields(f.SelectionSet, frags, out)
			}
		}
	}
}

// schemaRootFields returns the fields of the schema's Query and Mutation
// types, as "Query.x" and "Mutation.y".
func schemaRootFields(t *testing.T) []string {
	t.Helper()
	schema := loadTestSchema(t)
	var out []string
	for _, root := range []*ast.Definition{schema.Query, schema.Mutation} {
		for _, f := range root.Fields {
			if !strings.HasPrefix(f.Name, "__") {
				out = append(out, root.Name+"."+f.Name)
			}
		}
	}
	return out
}

// TestEveryRootFieldHasAnOperation fails when a Query or Mutation field of
// schema.graphql is used by no operation in queries/, so that coverage of
// the Admin API cannot silently regress.
func TestEveryRootFieldHasAnOperation(t *testing.T) {
	t.Parallel()
	doc := loadOperations(t)
	if errs := validator.ValidateWithRules(loadTestSchema(t), doc, nil); len(errs) > 0 {
		t.Fatalf("queries/*.graphql do not validate against schema.graphql: %v", errs)
	}
	used := map[string]bool{}
	for _, op := range doc.Operations {
		fields := map[string]bool{}
		rootFields(op.SelectionSet, doc.Fragments, fields)
		typ := map[ast.Operation]string{ast.Query: "Query", ast.Mutation: "Mutation", ast.Subscription: "Subscription"}[op.Operation]
		for f := range fields {
			used[typ+"."+f] = true
		}
	}
	all := schemaRootFields(t)
	if len(all) < 70 {
		t.Fatalf("schema has %d root fields; expected at least 70 (12 queries, 58 mutations)", len(all))
	}
	for _, f := range all {
		if !used[f] {
			t.Errorf("%s is not used by any operation in queries/*.graphql", f)
		}
	}
}

// TestEveryRootFieldIsInTheREADME checks that the README's Operations table
// has a row for every root field.
func TestEveryRootFieldIsInTheREADME(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n## Operations\n")
	if !ok {
		t.Fatal(`README.md has no "## Operations" section`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	row := regexp.MustCompile("(?m)^\\| `(query|mutation) ([A-Za-z]+)`")
	var listed []string
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		typ := map[string]string{"query": "Query", "mutation": "Mutation"}[m[1]]
		listed = append(listed, typ+"."+m[2])
	}
	for _, f := range schemaRootFields(t) {
		if !slices.Contains(listed, f) {
			t.Errorf("README.md's Operations table has no row for %s", f)
		}
	}
}
