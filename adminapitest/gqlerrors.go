package adminapitest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// unexpectedMessage is how the server masks faults inside GraphQL.
const unexpectedMessage = "unexpected error"

// errResolverPanic marks a recovered resolver panic, reported like any
// other fault.
var errResolverPanic = errors.New("adminapitest: resolver panicked")

// recoverResolverPanic logs a resolver panic (its type only: panic values
// may hold user input) and turns it into a masked error.
func (s *Server) recoverResolverPanic(ctx context.Context, v any) error {
	s.cfg.logger.LogAttrs(ctx, slog.LevelError, "adminapitest: resolver panicked", slog.String("type", fmt.Sprintf("%T", v)))
	return errResolverPanic
}

// presentError shapes an error raised while executing like the server:
// API errors carry extensions {errorName, reason, info}; faults are masked
// as "unexpected error"; errors of gqlgen's own argument checks keep their
// message. Path and locations are kept.
func presentError(ctx context.Context, err error) *gqlerror.Error {
	gqlErr := graphql.DefaultErrorPresenter(ctx, err)
	out := &gqlerror.Error{Message: gqlErr.Message, Path: gqlErr.Path, Locations: gqlErr.Locations, Err: err}
	switch ae, ok := apierr.As(err); {
	case ok:
		out.Message = ae.Message
		out.Extensions = map[string]any{"errorName": ae.Name, "reason": ae.Reason}
		if len(ae.Info) > 0 {
			out.Extensions["info"] = ae.Info
		}
	case errors.Is(err, errResolverPanic):
		out.Message = unexpectedMessage
	}
	// Any other error comes from gqlgen's checks of arguments (a malformed
	// DateTime, say), which the server reports during validation: keep its
	// message.
	return out
}

// validationErrors reports a document that fails validation like
// graphql-go: message and locations only, in graphql-go's wording where it
// differs from gqlparser's.
func validationErrors(errs gqlerror.List) gqlerror.List {
	out := make(gqlerror.List, 0, len(errs))
	for _, e := range errs {
		out = append(out, &gqlerror.Error{Message: graphqlGoWording(e), Locations: e.Locations})
	}
	return out
}

var unknownArgument = regexp.MustCompile(`^Unknown argument "(.*)" on field "(.*)\.(.*)"\.$`)

func graphqlGoWording(e *gqlerror.Error) string {
	switch e.Rule {
	case "ProvidedRequiredArguments":
		return strings.Replace(e.Message, "is required, but it was not provided.", "is required but not provided.", 1)
	case "KnownArgumentNames":
		return unknownArgument.ReplaceAllString(e.Message, `Unknown argument "$1" on field "$3" of type "$2".`)
	}
	return e.Message
}

// operationErrors reports why gqlgen could not prepare an operation.
func operationErrors(rc *graphql.OperationContext, errs gqlerror.List) gqlerror.List {
	switch {
	case rc == nil || rc.Doc == nil:
		return validationErrors(errs)
	case rc.Operation == nil:
		// An unknown operationName, or several operations and none named:
		// the server masks both.
		return gqlerror.List{{Message: unexpectedMessage}}
	default:
		return variableErrors(rc, errs)
	}
}

// variableErrors rewords gqlparser's variable coercion errors (path
// ["variable", name, field...]) in graphql-go's style.
func variableErrors(rc *graphql.OperationContext, errs gqlerror.List) gqlerror.List {
	out := make(gqlerror.List, 0, len(errs))
	for _, e := range errs {
		if len(e.Path) < 2 {
			out = append(out, &gqlerror.Error{Message: e.Message, Locations: e.Locations})
			continue
		}
		name := fmt.Sprint(e.Path[1])
		var fields []string
		for _, p := range e.Path[2:] {
			fields = append(fields, fmt.Sprint(p))
		}
		ge := &gqlerror.Error{}
		def := rc.Operation.VariableDefinitions.ForName(name)
		if def != nil && def.Position != nil {
			ge.Locations = []gqlerror.Location{{Line: def.Position.Line, Column: def.Position.Column}}
		}
		switch {
		case len(fields) == 0 && e.Message == "must be defined" && def != nil:
			ge.Message = fmt.Sprintf(`Variable "$%s" of required type "%s" was not provided.`, name, def.Type.String())
		case len(fields) == 0:
			ge.Message = fmt.Sprintf(`Variable "$%s" got invalid value: %s.`, name, e.Message)
		default:
			ge.Message = fmt.Sprintf("Variable \"$%s\" got invalid value.\nIn field %q: %s.", name, strings.Join(fields, "."), e.Message)
		}
		out = append(out, ge)
	}
	return out
}
