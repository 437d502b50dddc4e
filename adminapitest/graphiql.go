package adminapitest

import (
	_ "embed"
	"net/http"
)

//go:embed graphiql.html
var graphiQLPage []byte

// serveGraphiQL answers GET on the GraphQL paths with a small page for
// trying queries by hand, as the server serves GraphiQL there.
func serveGraphiQL(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(graphiQLPage)
}
