package adminapitest

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// wireResponse is a GraphQL answer as the server (graphql-go) writes it.
type wireResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []wireError     `json:"errors,omitempty"`
}

// wireError lists its fields in the server's order and always carries
// locations, empty if unknown.
type wireError struct {
	Message    string              `json:"message"`
	Locations  []gqlerror.Location `json:"locations"`
	Path       ast.Path            `json:"path,omitempty"`
	Extensions map[string]any      `json:"extensions,omitempty"`
}

// writeResponse writes a GraphQL answer: HTTP 200, JSON with every object's
// keys sorted, as the server's answers have them.
func writeResponse(w http.ResponseWriter, resp *graphql.Response) {
	out := wireResponse{Data: json.RawMessage("null")}
	if resp != nil {
		if data, err := sortedJSON(resp.Data); err == nil {
			out.Data = data
		}
		for _, e := range resp.Errors {
			if e == nil {
				continue
			}
			we := wireError{Message: e.Message, Locations: e.Locations, Path: e.Path, Extensions: e.Extensions}
			if we.Locations == nil {
				we.Locations = []gqlerror.Location{}
			}
			out.Errors = append(out.Errors, we)
		}
	}
	body, err := json.Marshal(out)
	if err != nil {
		body = []byte(`{"data":null,"errors":[{"message":"unexpected error","locations":[]}]}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// sortedJSON re-encodes a JSON value with the keys of every object sorted
// (encoding/json sorts map keys) and numbers kept exact.
func sortedJSON(raw json.RawMessage) (json.RawMessage, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return json.RawMessage("null"), nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return json.Marshal(v)
}
