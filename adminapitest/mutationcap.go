package adminapitest

import (
	"fmt"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// maxMutationFields is the server's limit on top-level fields in one
// mutation request.
const maxMutationFields = 5

// countMutationFields counts the top-level fields of the operation the
// request selects, if it is a mutation, the way the server does before
// executing anything: every field counts (aliases and repeats too), and
// fields reached through fragment spreads and inline fragments count. An
// operation that cannot be selected counts zero; the executor reports it.
func countMutationFields(doc *ast.QueryDocument, operationName string) (int, *apierr.Error) {
	var op *ast.OperationDefinition
	switch {
	case operationName == "" && len(doc.Operations) == 1:
		op = doc.Operations[0]
	case operationName != "":
		op = doc.Operations.ForName(operationName)
	}
	if op == nil || op.Operation != ast.Mutation {
		return 0, nil
	}
	return countFields(op.SelectionSet, doc.Fragments, map[string]bool{})
}

func countFields(set ast.SelectionSet, frags ast.FragmentDefinitionList, visiting map[string]bool) (int, *apierr.Error) {
	n := 0
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			n++
		case *ast.InlineFragment:
			m, err := countFields(sel.SelectionSet, frags, visiting)
			if err != nil {
				return 0, err
			}
			n += m
		case *ast.FragmentSpread:
			if visiting[sel.Name] {
				return 0, apierr.New(apierr.BadRequest, apierr.BadRequest,
					fmt.Sprintf("graphql fragment cycle detected at %q", sel.Name))
			}
			f := frags.ForName(sel.Name)
			if f == nil {
				continue
			}
			visiting[sel.Name] = true
			m, err := countFields(f.SelectionSet, frags, visiting)
			delete(visiting, sel.Name)
			if err != nil {
				return 0, err
			}
			n += m
		}
	}
	return n, nil
}
