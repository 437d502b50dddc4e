package adminapitest

import (
	"net/http"

	"github.com/99designs/gqlgen/graphql/executor"

	"github.com/authgear-admin/adminapi/adminapitest/internal/graph"
	"github.com/authgear-admin/adminapi/adminapitest/internal/resolver"
)

// GraphQL paths the server answers on, like the real one.
const (
	graphQLPath      = "/_api/admin/graphql"
	graphQLAliasPath = "/graphql"
)

// handler is the server's HTTP handler: every request is recorded, then
// authenticated, then exposed to injected faults, then routed.
func (s *Server) handler() http.Handler {
	es := graph.NewExecutableSchema(graph.Config{Resolvers: &resolver.Resolver{Store: s.store}})
	exec := executor.New(es)
	exec.Use(introspection{})
	exec.Use(txExtension{s: s})
	exec.Use(resolver.AuditTrail{Store: s.store})
	exec.SetErrorPresenter(presentError)
	exec.SetRecoverFunc(s.recoverResolverPanic)
	gql := graphQLHandler{transport: graphQLTransport{schema: es.Schema()}, exec: exec}

	mux := http.NewServeMux()
	for _, p := range []string{graphQLPath, graphQLAliasPath} {
		mux.Handle("POST "+p, withAuditRequest(gql))
		mux.HandleFunc("GET "+p, serveGraphiQL)
	}
	// User import and export, image upload (rest*.go).
	rest := newRESTState(s)
	rest.register(mux)
	// Injected faults (fault.go) act after authentication, around the
	// routes. Presigned URLs (export files, image uploads) carry their own
	// signature instead of a token.
	root := http.NewServeMux()
	root.Handle("/", s.requireAuth(s.injectFaults(mux)))
	rest.registerPresigned(root)
	return s.record(root)
}
