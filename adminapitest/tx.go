package adminapitest

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// txExtension gives every GraphQL request the server's transaction
// semantics: a request runs under the store lock (exclusive for mutations),
// and a mutation request that reports any error is rolled back whole. Like
// the server, it also stops running mutation fields after one fails.
type txExtension struct{ s *Server }

var (
	_ graphql.HandlerExtension     = txExtension{}
	_ graphql.ResponseInterceptor  = txExtension{}
	_ graphql.RootFieldInterceptor = txExtension{}
)

func (txExtension) ExtensionName() string { return "EmulatorTransaction" }

func (txExtension) Validate(graphql.ExecutableSchema) error { return nil }

func isMutation(ctx context.Context) bool {
	if !graphql.HasOperationContext(ctx) {
		return false
	}
	op := graphql.GetOperationContext(ctx).Operation
	return op != nil && op.Operation == ast.Mutation
}

func (t txExtension) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	s := t.s
	if !isMutation(ctx) {
		s.mu.RLock()
		defer s.mu.RUnlock()
		return next(ctx)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	snap := s.store.Snapshot()
	committed := false
	defer func() {
		if !committed {
			s.store.Restore(snap)
		}
	}()
	resp := next(ctx)
	committed = resp != nil && len(resp.Errors) == 0
	return resp
}

// InterceptRootField skips the remaining fields of a mutation once one has
// failed: they would be rolled back anyway, and the server does not run
// them either.
func (t txExtension) InterceptRootField(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
	if isMutation(ctx) && len(graphql.GetErrors(ctx)) > 0 {
		return graphql.Null
	}
	return next(ctx)
}

// introspection enables introspection queries, which gqlgen disables by
// default and the server allows.
type introspection struct{}

var _ graphql.OperationContextMutator = introspection{}

func (introspection) ExtensionName() string { return "Introspection" }

func (introspection) Validate(graphql.ExecutableSchema) error { return nil }

func (introspection) MutateOperationContext(_ context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	rc.DisableIntrospection = false
	return nil
}
