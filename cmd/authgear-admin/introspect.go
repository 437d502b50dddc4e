package main

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/authgear-admin/adminapi"
)

// introspectionQuery is the standard introspection query in the form every
// server supports, including graphql-go, which the Authgear server uses:
// without the fields added to the spec in 2021 (specifiedByURL,
// isRepeatable, deprecated arguments).
const introspectionQuery = `query IntrospectionQuery {
  __schema {
    queryType { name }
    mutationType { name }
    subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind
  name
  description
  fields(includeDeprecated: true) {
    name
    description
    args { ...InputValue }
    type { ...TypeRef }
    isDeprecated
    deprecationReason
  }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue {
  name
  description
  type { ...TypeRef }
  defaultValue
}
fragment TypeRef on __Type {
  kind name ofType { kind name ofType { kind name ofType { kind name ofType {
  kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
}`

// The introspection result, as far as the SDL needs it.
type introspection struct {
	Schema struct {
		QueryType        *namedRef        `json:"queryType"`
		MutationType     *namedRef        `json:"mutationType"`
		SubscriptionType *namedRef        `json:"subscriptionType"`
		Types            []introType      `json:"types"`
		Directives       []introDirective `json:"directives"`
	} `json:"__schema"`
}

type namedRef struct {
	Name string `json:"name"`
}

type introType struct {
	Kind          string           `json:"kind"`
	Name          string           `json:"name"`
	Description   *string          `json:"description"`
	Fields        []introField     `json:"fields"`
	InputFields   []introInput     `json:"inputFields"`
	Interfaces    []typeRef        `json:"interfaces"`
	EnumValues    []introEnumValue `json:"enumValues"`
	PossibleTypes []typeRef        `json:"possibleTypes"`
}

type introField struct {
	Name              string       `json:"name"`
	Description       *string      `json:"description"`
	Args              []introInput `json:"args"`
	Type              typeRef      `json:"type"`
	IsDeprecated      bool         `json:"isDeprecated"`
	DeprecationReason *string      `json:"deprecationReason"`
}

type introInput struct {
	Name         string  `json:"name"`
	Description  *string `json:"description"`
	Type         typeRef `json:"type"`
	DefaultValue *string `json:"defaultValue"`
}

type introEnumValue struct {
	Name              string  `json:"name"`
	Description       *string `json:"description"`
	IsDeprecated      bool    `json:"isDeprecated"`
	DeprecationReason *string `json:"deprecationReason"`
}

type introDirective struct {
	Name        string       `json:"name"`
	Description *string      `json:"description"`
	Locations   []string     `json:"locations"`
	Args        []introInput `json:"args"`
}

type typeRef struct {
	Kind   string   `json:"kind"`
	Name   *string  `json:"name"`
	OfType *typeRef `json:"ofType"`
}

// builtinScalars and builtinDirectives are part of every schema and are
// left out of the SDL, as in a hand-written schema file.
var (
	builtinScalars    = map[string]bool{"String": true, "Int": true, "Float": true, "Boolean": true, "ID": true}
	builtinDirectives = map[string]bool{"skip": true, "include": true, "deprecated": true, "specifiedBy": true, "oneOf": true, "defer": true, "stream": true}
)

func isBuiltinType(name string) bool { return builtinScalars[name] || strings.HasPrefix(name, "__") }

// pullSchema introspects the server and returns its schema.
func pullSchema(ctx context.Context, c *adminapi.Client) (*ast.Schema, error) {
	var data introspection
	if err := c.Do(ctx, introspectionQuery, nil, &data); err != nil {
		return nil, err
	}
	if len(data.Schema.Types) == 0 {
		return nil, fmt.Errorf("schema: the server's introspection answer has no types")
	}
	return schemaFromIntrospection(&data)
}

// schemaFromIntrospection builds the schema an introspection result
// describes, without the built-in types and directives.
func schemaFromIntrospection(in *introspection) (*ast.Schema, error) {
	s := &ast.Schema{
		Types:      map[string]*ast.Definition{},
		Directives: map[string]*ast.DirectiveDefinition{},
	}
	for _, t := range in.Schema.Types {
		if isBuiltinType(t.Name) {
			continue
		}
		def, err := definitionFrom(t)
		if err != nil {
			return nil, err
		}
		s.Types[t.Name] = def
	}
	root := func(r *namedRef) *ast.Definition {
		if r == nil {
			return nil
		}
		return s.Types[r.Name]
	}
	s.Query, s.Mutation, s.Subscription = root(in.Schema.QueryType), root(in.Schema.MutationType), root(in.Schema.SubscriptionType)
	if s.Query == nil {
		return nil, fmt.Errorf("schema: the introspection answer names no query type")
	}
	for _, d := range in.Schema.Directives {
		if builtinDirectives[d.Name] {
			continue
		}
		dd := &ast.DirectiveDefinition{Name: d.Name, Description: deref(d.Description)}
		for _, l := range d.Locations {
			dd.Locations = append(dd.Locations, ast.DirectiveLocation(l))
		}
		for _, a := range d.Args {
			arg, err := argumentFrom(a)
			if err != nil {
				return nil, fmt.Errorf("schema: directive @%s: %w", d.Name, err)
			}
			dd.Arguments = append(dd.Arguments, arg)
		}
		s.Directives[d.Name] = dd
	}
	return s, nil
}

func definitionFrom(t introType) (*ast.Definition, error) {
	def := &ast.Definition{Name: t.Name, Description: deref(t.Description)}
	switch t.Kind {
	case "SCALAR":
		def.Kind = ast.Scalar
	case "OBJECT":
		def.Kind = ast.Object
	case "INTERFACE":
		def.Kind = ast.Interface
	case "UNION":
		def.Kind = ast.Union
	case "ENUM":
		def.Kind = ast.Enum
	case "INPUT_OBJECT":
		def.Kind = ast.InputObject
	default:
		return nil, fmt.Errorf("schema: type %s has unknown kind %q", t.Name, t.Kind)
	}
	for _, f := range t.Fields {
		typ, err := astType(f.Type)
		if err != nil {
			return nil, fmt.Errorf("schema: field %s.%s: %w", t.Name, f.Name, err)
		}
		fd := &ast.FieldDefinition{Name: f.Name, Description: deref(f.Description), Type: typ}
		for _, a := range f.Args {
			arg, err := argumentFrom(a)
			if err != nil {
				return nil, fmt.Errorf("schema: field %s.%s: %w", t.Name, f.Name, err)
			}
			fd.Arguments = append(fd.Arguments, arg)
		}
		if f.IsDeprecated {
			fd.Directives = deprecated(f.DeprecationReason)
		}
		def.Fields = append(def.Fields, fd)
	}
	for _, in := range t.InputFields {
		arg, err := argumentFrom(in)
		if err != nil {
			return nil, fmt.Errorf("schema: input field %s.%s: %w", t.Name, in.Name, err)
		}
		def.Fields = append(def.Fields, &ast.FieldDefinition{
			Name: arg.Name, Description: arg.Description, Type: arg.Type, DefaultValue: arg.DefaultValue,
		})
	}
	for _, i := range t.Interfaces {
		def.Interfaces = append(def.Interfaces, deref(i.Name))
	}
	if def.Kind == ast.Union {
		for _, p := range t.PossibleTypes {
			def.Types = append(def.Types, deref(p.Name))
		}
	}
	for _, v := range t.EnumValues {
		ev := &ast.EnumValueDefinition{Name: v.Name, Description: deref(v.Description)}
		if v.IsDeprecated {
			ev.Directives = deprecated(v.DeprecationReason)
		}
		def.EnumValues = append(def.EnumValues, ev)
	}
	return def, nil
}

func argumentFrom(in introInput) (*ast.ArgumentDefinition, error) {
	typ, err := astType(in.Type)
	if err != nil {
		return nil, fmt.Errorf("argument %s: %w", in.Name, err)
	}
	arg := &ast.ArgumentDefinition{Name: in.Name, Description: deref(in.Description), Type: typ}
	if in.DefaultValue != nil {
		v, err := parseLiteral(*in.DefaultValue)
		if err != nil {
			return nil, fmt.Errorf("argument %s: default value: %w", in.Name, err)
		}
		arg.DefaultValue = v
	}
	return arg, nil
}

// astType converts a type reference, whose nesting the query bounds.
func astType(r typeRef) (*ast.Type, error) {
	switch r.Kind {
	case "NON_NULL":
		if r.OfType == nil {
			return nil, fmt.Errorf("NON_NULL type without ofType")
		}
		t, err := astType(*r.OfType)
		if err != nil {
			return nil, err
		}
		t.NonNull = true
		return t, nil
	case "LIST":
		if r.OfType == nil {
			return nil, fmt.Errorf("LIST type without ofType (nested too deep?)")
		}
		elem, err := astType(*r.OfType)
		if err != nil {
			return nil, err
		}
		return &ast.Type{Elem: elem}, nil
	default:
		if r.Name == nil || *r.Name == "" {
			return nil, fmt.Errorf("%s type without a name", r.Kind)
		}
		return &ast.Type{NamedType: *r.Name}, nil
	}
}

// parseLiteral parses a GraphQL value literal, as introspection prints
// default values, by reading it as the default of a variable.
func parseLiteral(lit string) (*ast.Value, error) {
	doc, err := parser.ParseQuery(&ast.Source{Input: "query($v: Any = " + lit + ") { a }"})
	if err != nil {
		return nil, fmt.Errorf("%q is not a GraphQL value", lit)
	}
	if len(doc.Operations) != 1 || len(doc.Operations[0].VariableDefinitions) != 1 {
		return nil, fmt.Errorf("%q is not a GraphQL value", lit)
	}
	return doc.Operations[0].VariableDefinitions[0].DefaultValue, nil
}

func deprecated(reason *string) ast.DirectiveList {
	d := &ast.Directive{Name: "deprecated"}
	if reason != nil && *reason != "" && *reason != "No longer supported" {
		d.Arguments = ast.ArgumentList{{Name: "reason", Value: &ast.Value{Kind: ast.StringValue, Raw: *reason}}}
	}
	return ast.DirectiveList{d}
}

// formatSDL prints a schema as SDL: the schema block and directives if
// any, then the types sorted by name, a blank line between definitions.
func formatSDL(s *ast.Schema) string {
	format := func(part *ast.Schema) string {
		var buf bytes.Buffer
		formatter.NewFormatter(&buf, formatter.WithIndent("  ")).FormatSchema(part)
		return buf.String()
	}
	var parts []string
	if head := format(&ast.Schema{Query: s.Query, Mutation: s.Mutation, Subscription: s.Subscription, Directives: s.Directives}); head != "" {
		parts = append(parts, head)
	}
	names := make([]string, 0, len(s.Types))
	for name := range s.Types {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if def := format(&ast.Schema{Types: map[string]*ast.Definition{name: s.Types[name]}}); def != "" {
			parts = append(parts, def)
		}
	}
	return strings.Join(parts, "\n")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
