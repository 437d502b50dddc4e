package adminapitest

import (
	"net/http"

	"github.com/99designs/gqlgen/graphql/executor"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
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
	exec.SetErrorPresenter(presentError)
	exec.SetRecoverFunc(s.recoverResolverPanic)
	gql := graphQLHandler{transport: graphQLTransport{schema: es.Schema()}, exec: exec}

	mux := http.NewServeMux()
	for _, p := range []string{graphQLPath, graphQLAliasPath} {
		mux.Handle("POST "+p, gql)
		mux.HandleFunc("GET "+p, serveGraphiQL)
	}
	for _, p := range []string{
		"/_api/admin/users/import",
		"/_api/admin/users/import/{id}",
		"/_api/admin/users/export",
		"/_api/admin/users/export/{id}",
		"/_api/admin/images/upload",
	} {
		mux.HandleFunc(p, serveRESTUnsupported)
	}
	// Injected faults (fault.go) act after authentication, around the
	// routes.
	return s.record(s.requireAuth(s.injectFaults(mux)))
}

// serveRESTUnsupported answers the REST endpoints the emulator does not
// model yet (user import and export, image upload) with an error in the
// server's REST shape.
func serveRESTUnsupported(w http.ResponseWriter, r *http.Request) {
	writeEnvelope(w, apierr.New(apierr.NotFound, apierr.ReasonUnsupported,
		r.Method+" "+r.URL.Path+" is not supported by the emulator"))
}
