package adminapitest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
	"github.com/authgear-admin/adminapi/adminapitest/internal/resolver"
)

// maxBodyBytes bounds a request body.
const maxBodyBytes = 32 << 20

// graphQLTransport is a gqlgen transport that reads POST requests and writes
// answers the way the Admin API server does, before handing valid operations
// to gqlgen's executor:
//
//   - only application/json and application/graphql bodies are accepted
//     (415 text/plain otherwise);
//   - a body that is not JSON is a 400 InvalidJSON error in the REST shape,
//     variables may also come as a JSON string holding an object;
//   - a GraphQL syntax error is a 500 in the REST shape (the server fails
//     while counting mutation fields);
//   - a mutation with more than five top-level fields is a 400 in the REST
//     shape, and nothing runs;
//   - everything else is a 200 GraphQL response.
type graphQLTransport struct {
	schema *ast.Schema
}

var _ graphql.Transport = graphQLTransport{}

// graphQLHandler serves GraphQL requests with a transport and an executor.
type graphQLHandler struct {
	transport graphQLTransport
	exec      graphql.GraphExecutor
}

func (h graphQLHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r = r.WithContext(graphql.StartOperationTrace(r.Context()))
	h.transport.Do(w, r, h.exec)
}

func (graphQLTransport) Supports(r *http.Request) bool { return r.Method == http.MethodPost }

func (t graphQLTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	start := graphql.Now()
	params, ok := readParams(w, r)
	if !ok {
		return
	}
	if rec := recordFrom(r.Context()); rec != nil {
		rec.OperationName = params.OperationName
		rec.Query = redactQuery(params.Query)
		rec.Variables = redactVariables(params.Variables)
	}
	if !t.preflight(w, params) {
		return
	}
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	rc, errs := exec.CreateOperationContext(r.Context(), params)
	if errs != nil {
		writeResponse(w, &graphql.Response{Errors: operationErrors(rc, errs)})
		return
	}
	ctx := resolver.WithClientIP(r.Context(), remoteIP(r))
	responses, ctx := exec.DispatchOperation(ctx, rc)
	writeResponse(w, responses(ctx))
}

// readParams checks the content type and reads the body. On failure it
// answers the request itself and returns false.
func readParams(w http.ResponseWriter, r *http.Request) (*graphql.RawParams, bool) {
	ct := r.Header.Get("Content-Type")
	isGraphQL := false
	switch mediaType(ct) {
	case "application/json":
	case "application/graphql":
		isGraphQL = true
	default:
		http.Error(w, strings.TrimSpace("invalid content type: "+ct), http.StatusUnsupportedMediaType)
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			writeEnvelope(w, apierr.New(apierr.RequestEntityTooLarge, apierr.RequestEntityTooLarge, "request body too large"))
		} else {
			writeEnvelope(w, apierr.Unexpected())
		}
		return nil, false
	}
	if isGraphQL {
		return &graphql.RawParams{Query: string(body)}, true
	}
	params, err := decodeParams(body)
	if err != nil {
		writeEnvelope(w, requestError(err))
		return nil, false
	}
	return params, true
}

// preflight does what the server does before executing: it parses the
// document (a syntax error is a fault there), counts mutation fields and
// refuses a document without operations. On failure it answers the request
// itself and returns false.
func (t graphQLTransport) preflight(w http.ResponseWriter, params *graphql.RawParams) bool {
	doc, err := parser.ParseQuery(&ast.Source{Input: params.Query})
	if err != nil {
		writeEnvelope(w, apierr.Unexpected())
		return false
	}
	n, capErr := countMutationFields(doc, params.OperationName)
	if capErr == nil && n > maxMutationFields {
		capErr = apierr.New(apierr.BadRequest, apierr.BadRequest,
			fmt.Sprintf("too many mutation fields in one request: got %d, limit is %d", n, maxMutationFields))
	}
	if capErr != nil {
		writeEnvelope(w, capErr)
		return false
	}
	if len(doc.Operations) == 0 {
		// The server validates first, then finds no operation.
		errs := validator.Validate(t.schema, doc)
		if len(errs) == 0 {
			errs = gqlerror.List{{Message: "Must provide an operation."}}
		}
		writeResponse(w, &graphql.Response{Errors: validationErrors(errs)})
		return false
	}
	return true
}

// mediaType is the lower-cased media type of a Content-Type header value.
func mediaType(ct string) string {
	if mt, _, err := mime.ParseMediaType(ct); err == nil {
		return mt
	}
	mt, _, _ := strings.Cut(ct, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

func remoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// decodeParams reads a JSON request body like the server: variables may be
// an object or a JSON string holding one. Numbers stay exact (json.Number).
func decodeParams(body []byte) (*graphql.RawParams, error) {
	var req struct {
		Query         string          `json:"query"`
		Variables     json.RawMessage `json:"variables"`
		OperationName string          `json:"operationName"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, err
	}
	p := &graphql.RawParams{Query: req.Query, OperationName: req.OperationName}
	raw := bytes.TrimSpace(req.Variables)
	switch {
	case len(raw) == 0 || bytes.Equal(raw, []byte("null")):
		return p, nil
	case raw[0] == '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		raw = []byte(s)
	case raw[0] != '{':
		return nil, errors.New("variables is neither an object nor a string")
	}
	// Unmarshal first for the server's error values, then decode again
	// keeping numbers exact.
	var check map[string]any
	if err := json.Unmarshal(raw, &check); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&p.Variables); err != nil {
		return nil, err
	}
	return p, nil
}

// requestError is the server's error for a body it cannot read: a JSON
// syntax error is a 400 InvalidJSON naming the byte offset, anything else an
// unexpected error.
func requestError(err error) *apierr.Error {
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		return apierr.WithInfo(apierr.BadRequest, "InvalidJSON", se.Error(), map[string]any{"byte_offset": se.Offset})
	}
	return apierr.Unexpected()
}
