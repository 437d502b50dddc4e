package main

import (
	"cmp"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// schemaChange is one difference between two schemas. Descriptions are not
// compared: our schema states the contract in its own words.
type schemaChange struct {
	// Change is "added", "removed" or "changed", from the base schema to
	// the other one.
	Change string `json:"change"`
	// Kind is what changed: "type", "field", "input field", "argument",
	// "enum value", "union member", "interface" or "directive".
	Kind string `json:"kind"`
	// Path names it: "User", "User.email", "Query.users(first)".
	Path   string `json:"path"`
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`
}

const (
	changeAdded   = "added"
	changeRemoved = "removed"
	changeChanged = "changed"
)

// diffSchemas lists the differences from base to other, sorted by path.
func diffSchemas(base, other *ast.Schema) []schemaChange {
	d := &differ{changes: []schemaChange{}}
	for _, name := range unionKeys(userTypes(base), userTypes(other)) {
		a, b := base.Types[name], other.Types[name]
		switch {
		case a == nil:
			d.add(changeAdded, "type", name, "", kindName(b.Kind))
		case b == nil:
			d.add(changeRemoved, "type", name, kindName(a.Kind), "")
		case a.Kind != b.Kind:
			d.add(changeChanged, "type", name, kindName(a.Kind), kindName(b.Kind))
		default:
			d.definition(a, b)
		}
	}
	for _, name := range unionKeys(userDirectives(base), userDirectives(other)) {
		a, b := base.Directives[name], other.Directives[name]
		switch {
		case a == nil:
			d.add(changeAdded, "directive", "@"+name, "", "")
		case b == nil:
			d.add(changeRemoved, "directive", "@"+name, "", "")
		default:
			d.arguments("@"+name, a.Arguments, b.Arguments)
		}
	}
	slices.SortStableFunc(d.changes, func(x, y schemaChange) int {
		return cmp.Or(cmp.Compare(x.Path, y.Path), cmp.Compare(x.Kind, y.Kind))
	})
	return d.changes
}

type differ struct{ changes []schemaChange }

func (d *differ) add(change, kind, path, before, after string) {
	d.changes = append(d.changes, schemaChange{Change: change, Kind: kind, Path: path, Before: before, After: after})
}

func (d *differ) definition(a, b *ast.Definition) {
	fieldKind := "field"
	if a.Kind == ast.InputObject {
		fieldKind = "input field"
	}
	af, bf := fieldMap(a.Fields), fieldMap(b.Fields)
	for _, name := range unionKeys(af, bf) {
		path := a.Name + "." + name
		x, y := af[name], bf[name]
		switch {
		case x == nil:
			d.add(changeAdded, fieldKind, path, "", y.Type.String())
		case y == nil:
			d.add(changeRemoved, fieldKind, path, x.Type.String(), "")
		default:
			if x.Type.String() != y.Type.String() {
				d.add(changeChanged, fieldKind, path, x.Type.String(), y.Type.String())
			}
			if dx, dy := valueString(x.DefaultValue), valueString(y.DefaultValue); dx != dy {
				d.add(changeChanged, fieldKind, path, "default "+dx, "default "+dy)
			}
			if dx, dy := isDeprecated(x.Directives), isDeprecated(y.Directives); dx != dy {
				d.add(changeChanged, fieldKind, path, deprecation(dx), deprecation(dy))
			}
			d.arguments(path, x.Arguments, y.Arguments)
		}
	}
	d.nameSet("interface", a.Name, a.Interfaces, b.Interfaces)
	d.nameSet("union member", a.Name, a.Types, b.Types)
	var av, bv []string
	for _, v := range a.EnumValues {
		av = append(av, v.Name)
	}
	for _, v := range b.EnumValues {
		bv = append(bv, v.Name)
	}
	d.nameSet("enum value", a.Name, av, bv)
}

func (d *differ) arguments(owner string, a, b ast.ArgumentDefinitionList) {
	am, bm := map[string]*ast.ArgumentDefinition{}, map[string]*ast.ArgumentDefinition{}
	for _, x := range a {
		am[x.Name] = x
	}
	for _, y := range b {
		bm[y.Name] = y
	}
	for _, name := range unionKeys(am, bm) {
		path := owner + "(" + name + ")"
		x, y := am[name], bm[name]
		switch {
		case x == nil:
			d.add(changeAdded, "argument", path, "", y.Type.String())
		case y == nil:
			d.add(changeRemoved, "argument", path, x.Type.String(), "")
		default:
			if x.Type.String() != y.Type.String() {
				d.add(changeChanged, "argument", path, x.Type.String(), y.Type.String())
			}
			if dx, dy := valueString(x.DefaultValue), valueString(y.DefaultValue); dx != dy {
				d.add(changeChanged, "argument", path, "default "+dx, "default "+dy)
			}
		}
	}
}

// nameSet compares two sets of names belonging to owner.
func (d *differ) nameSet(kind, owner string, a, b []string) {
	for _, n := range b {
		if !slices.Contains(a, n) {
			d.add(changeAdded, kind, owner+"."+n, "", "")
		}
	}
	for _, n := range a {
		if !slices.Contains(b, n) {
			d.add(changeRemoved, kind, owner+"."+n, "", "")
		}
	}
}

// userTypes are the types a schema defines itself.
func userTypes(s *ast.Schema) map[string]*ast.Definition {
	m := map[string]*ast.Definition{}
	for name, def := range s.Types {
		if !def.BuiltIn && !isBuiltinType(name) {
			m[name] = def
		}
	}
	return m
}

func userDirectives(s *ast.Schema) map[string]*ast.DirectiveDefinition {
	m := map[string]*ast.DirectiveDefinition{}
	for name, def := range s.Directives {
		if builtinDirectives[name] || def.Position != nil && def.Position.Src != nil && def.Position.Src.BuiltIn {
			continue
		}
		m[name] = def
	}
	return m
}

func fieldMap(fields ast.FieldList) map[string]*ast.FieldDefinition {
	m := map[string]*ast.FieldDefinition{}
	for _, f := range fields {
		if !strings.HasPrefix(f.Name, "__") {
			m[f.Name] = f
		}
	}
	return m
}

// unionKeys returns the keys of both maps, sorted.
func unionKeys[V any](a, b map[string]V) []string {
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

func valueString(v *ast.Value) string {
	if v == nil {
		return "none"
	}
	return v.String()
}

func isDeprecated(dl ast.DirectiveList) bool { return dl.ForName("deprecated") != nil }

func deprecation(dep bool) string {
	if dep {
		return "deprecated"
	}
	return "not deprecated"
}

func kindName(k ast.DefinitionKind) string { return strings.ToLower(string(k)) }
