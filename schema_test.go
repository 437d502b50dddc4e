package adminapi_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
)

// referenceSchema is the schema as the Authgear server publishes it. It lives in the
// project's shared reference folder beside the repository, not in the module.
const referenceSchema = "../shared/reference/authgear-admin-schema.graphql"

// loadContract parses an SDL file and prints it back without descriptions, so that two
// files that state the same wire contract in different words compare equal.
func loadContract(t *testing.T, path string) string {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	schema, gqlErr := gqlparser.LoadSchema(&ast.Source{Name: filepath.Base(path), Input: string(src)})
	if gqlErr != nil {
		t.Fatalf("%s: %v", path, gqlErr)
	}
	var buf bytes.Buffer
	formatter.NewFormatter(&buf, formatter.WithIndent("  "), formatter.WithoutDescription()).FormatSchema(schema)
	return buf.String()
}

func TestSchemaMatchesPublishedContract(t *testing.T) {
	if _, err := os.Stat(referenceSchema); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("reference schema %s not present (only in the project checkout)", referenceSchema)
	}
	want := loadContract(t, referenceSchema)
	got := loadContract(t, "schema.graphql")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("schema.graphql drifted from the published Admin API contract (-want +got):\n%s", diff)
	}
}

func TestSchemaIsOurOwnText(t *testing.T) {
	// The contract must match, but the prose must be ours: no description of the
	// published file may appear verbatim in schema.graphql.
	if _, err := os.Stat(referenceSchema); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("reference schema %s not present", referenceSchema)
	}
	ref, err := os.ReadFile(referenceSchema)
	if err != nil {
		t.Fatal(err)
	}
	ours, err := os.ReadFile("schema.graphql")
	if err != nil {
		t.Fatal(err)
	}
	doc, gqlErr := gqlparser.LoadSchema(&ast.Source{Name: "ref", Input: string(ref)})
	if gqlErr != nil {
		t.Fatal(gqlErr)
	}
	check := func(where, desc string) {
		if len(desc) >= 30 && bytes.Contains(ours, []byte(desc)) {
			t.Errorf("%s: description copied from the published schema: %q", where, desc)
		}
	}
	for name, def := range doc.Types {
		if def.BuiltIn {
			continue
		}
		check(name, def.Description)
		for _, f := range def.Fields {
			check(name+"."+f.Name, f.Description)
		}
	}
}
