package adminapitest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/go-cmp/cmp"
)

// fuzzSeeds are the requests of the recorded exchanges (testdata/recorded,
// named by their recording) and a few more edge cases. With an operation
// name, body is a GraphQL document sent as {"query": body,
// "operationName": operation}; without, body is sent as it is.
var fuzzSeeds = []struct {
	recording   string
	contentType string
	body        string
	operation   string
}{
	{"1a_users_query", "application/json", `{"query":"{ users(first: 2) { edges { node { id } } totalCount } }"}`, ""},
	{"1b_create_user", "application/json", `{"query":"mutation { createUser(input: {definition: {loginID: {key: \"email\", value: \"a@example.com\"}}}) { user { id } } }"}`, ""},
	{"1c_node_fetch", "application/json", `{"query":"query($id: ID!) { node(id: $id) { __typename id ... on User { createdAt standardAttributes } } }","variables":{"id":"VXNlcjowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA"}}`, ""},
	{"1d_users_list", "application/json", `{"query":"{ users(first: 10, after: \"b2Zmc2V0OjA\") { edges { cursor node { id } } pageInfo { endCursor hasNextPage } totalCount } }"}`, ""},
	{"1e_delete_user", "application/json", `{"query":"mutation($id: ID!) { deleteUser(input: {userID: $id}) { deletedUserID } }","variables":{"id":"VXNlcjowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA"}}`, ""},
	{"2i_syntax_error", "application/json", `{"query":"{ users { totalCount "}`, ""},
	{"2j_unknown_field", "application/json", `{"query":"{ users(first: 2) { totalCount noSuchField } }"}`, ""},
	{"2k_six_mutations", "application/graphql", `mutation { a: deleteUser(input: {userID: "x"}) { deletedUserID } b: deleteUser(input: {userID: "x"}) { deletedUserID } c: deleteUser(input: {userID: "x"}) { deletedUserID } d: deleteUser(input: {userID: "x"}) { deletedUserID } e: deleteUser(input: {userID: "x"}) { deletedUserID } f: deleteUser(input: {userID: "x"}) { deletedUserID } }`, ""},
	{"2k2_five_mutations", "application/json", `mutation M { a: createUser(input: {definition: {loginID: {key: "email", value: "ok@example.com"}}}) { user { id } } b: createUser(input: {definition: {loginID: {key: "email", value: "bad"}}}) { user { id } } }`, "M"},
	{"2l_duplicate_create", "application/json", `mutation D { a: createUser(input: {definition: {loginID: {key: "email", value: "d@example.com"}}}) { user { id } } b: createUser(input: {definition: {loginID: {key: "email", value: "d@example.com"}}}) { user { id } } }`, "D"},
	{"2m_node_garbage", "application/json", `{"query":"{ node(id: \"garbage\") { id } }"}`, ""},
	{"2n_text_plain", "text/plain", `{"query":"{ users { totalCount } }"}`, ""},
	{"2n2_no_content_type", "", `{"query":"{ users { totalCount } }"}`, ""},
	{"2o_graphql_content_type", "application/graphql", `{ users { totalCount } }`, ""},
	{"x1_malformed_json", "application/json", `{"query": "{ users { totalCount } }"`, ""},
	{"x2_variables_as_string", "application/json; charset=utf-8", `{"query":"query($n: Int) { users(first: $n) { totalCount } }","variables":"{\"n\":1}"}`, ""},
	{"x3_delete_garbage_id", "application/json", `mutation X { deleteUser(input: {userID: "garbage"}) { deletedUserID } }`, "X"},
	{"x4_unknown_operation_name", "application/json", `query A { users { totalCount } }`, "B"},
	{"x5_missing_required_arg", "application/json", `{"query":"mutation { createUser { user { id } } }"}`, ""},
	{"x6_invalid_email", "application/json", `{"query":"mutation { createUser(input: {definition: {loginID: {key: \"email\", value: \"not-an-email\"}}}) { user { id } } }"}`, ""},
	{"x8_empty_body", "application/json", `{}`, ""},
	{"", "application/json", ``, ""},
	{"", "application/json", `null`, ""},
	{"", "application/json", `{"query":"{ users { totalCount } }","variables":[1]}`, ""},
	{"", "application/json", `{"query":"{ users { totalCount } }","variables":"not json"}`, ""},
	{"", "application/json", `{"query":123}`, ""},
	{"", "APPLICATION/JSON ; charset=latin1", `{"query":"{ users { totalCount } }"}`, ""},
	{"", "application/json", `query Q($id: ID!) { node(id: $id) { id } }`, "Q"},
	{"", "application/json", `subscription S { users { totalCount } }`, "S"},
	{"", "application/json", `fragment F on Query { users { totalCount } }`, "F"},
}

// wellFormedStatus lists the statuses the GraphQL endpoint may answer a POST
// with a valid token.
var wellFormedStatus = map[int]bool{
	http.StatusOK:                    true,
	http.StatusBadRequest:            true,
	http.StatusRequestEntityTooLarge: true,
	http.StatusUnsupportedMediaType:  true,
	http.StatusInternalServerError:   true,
}

// FuzzHandleRequest sends arbitrary content types, bodies and operation
// names to the GraphQL endpoint with a valid token. Whatever the input, the
// emulator must answer with a known status in the server's shape for it
// (a GraphQL response, the REST error envelope, or text/plain for a refused
// content type), never panic, and leave the data unchanged unless the
// request succeeded without errors.
func FuzzHandleRequest(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s.contentType, []byte(s.body), s.operation)
	}
	// A fixed clock keeps the token valid and time-dependent state still,
	// so that a snapshot taken before a request compares with one after.
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	s := NewServer(f, withKeyGenerator(cachedKeys()), WithClock(func() time.Time { return now }))
	if _, err := s.SeedUser(SeedUser{Email: "seed@example.com", Phone: "+14155550100", Password: "password1"}); err != nil {
		f.Fatal(err)
	}
	handler := s.http.Handler
	k := s.keys.first()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{
		"aud": []string{s.ProjectID()}, "iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix(),
	})
	tok.Header["kid"] = k.id
	signed, err := tok.SignedString(k.key)
	if err != nil {
		f.Fatal(err)
	}
	bearer := "Bearer " + signed

	f.Fuzz(func(t *testing.T, contentType string, body []byte, operation string) {
		if len(s.Users()) > 100 {
			s.Reset()
		}
		if operation != "" {
			var err error
			if body, err = json.Marshal(map[string]string{"query": string(body), "operationName": operation}); err != nil {
				t.Fatal(err)
			}
		}
		req := httptest.NewRequestWithContext(t.Context(), http.MethodPost, graphQLPath, bytes.NewReader(body))
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		req.Header.Set("Authorization", bearer)
		before := snapshotData(s)
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)

		ok := checkWellFormed(t, rec)
		after := snapshotData(s)
		if !ok {
			if diff := cmp.Diff(before, after); diff != "" {
				t.Errorf("a request that failed changed the data (-before +after):\n%s", diff)
			}
		}
		checkConsistent(t, s, after)
	})
}

// checkWellFormed checks an answer's status, content type and body shape,
// and reports whether it is a success without errors.
func checkWellFormed(t *testing.T, rec *httptest.ResponseRecorder) (success bool) {
	t.Helper()
	status, ct, body := rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes()
	if !wellFormedStatus[status] {
		t.Fatalf("status %d is not one the endpoint answers; body %q", status, body)
	}
	switch status {
	case http.StatusUnsupportedMediaType:
		if ct != "text/plain; charset=utf-8" || !strings.HasPrefix(string(body), "invalid content type:") {
			t.Errorf("415 answer: Content-Type %q, body %q", ct, body)
		}
		return false
	case http.StatusOK:
		if ct != "application/json; charset=utf-8" {
			t.Errorf("200 answer: Content-Type %q", ct)
		}
		var resp struct {
			Errors []struct {
				Message   *string           `json:"message"`
				Locations []json.RawMessage `json:"locations"`
			} `json:"errors"`
		}
		var members map[string]json.RawMessage
		if err := json.Unmarshal(body, &members); err != nil || members["data"] == nil {
			t.Fatalf("200 answer is not a GraphQL response (%v): %q", err, body)
		}
		if err := json.Unmarshal(body, &resp); err != nil {
			t.Fatalf("200 answer has malformed errors (%v): %q", err, body)
		}
		for _, e := range resp.Errors {
			if e.Message == nil || e.Locations == nil {
				t.Errorf("GraphQL error without message or locations: %q", body)
			}
		}
		return len(resp.Errors) == 0
	default:
		if ct != "application/json" {
			t.Errorf("%d answer: Content-Type %q", status, ct)
		}
		var env struct {
			Error *envelopeError `json:"error"`
		}
		if err := json.Unmarshal(body, &env); err != nil || env.Error == nil {
			t.Fatalf("%d answer is not an error envelope (%v): %q", status, err, body)
		}
		if e := env.Error; e.Code != status || e.Name == "" || e.Reason == "" || e.Message == "" || e.TrackingID == "" {
			t.Errorf("%d answer: incomplete envelope %q", status, body)
		}
		return false
	}
}

// dataSnapshot is everything a request may change.
type dataSnapshot struct {
	Users    []*UserState
	Sessions map[string][]SessionState
}

func snapshotData(s *Server) dataSnapshot {
	d := dataSnapshot{Users: s.Users(), Sessions: map[string][]SessionState{}}
	for _, u := range d.Users {
		if ss := s.Sessions(u.ID); len(ss) > 0 {
			d.Sessions[u.ID] = ss
		}
	}
	return d
}

// checkConsistent checks invariants of the data: users are found by id,
// identities belong to one user each, and login IDs are unique.
func checkConsistent(t *testing.T, s *Server, d dataSnapshot) {
	t.Helper()
	loginIDs := map[[2]string]string{}
	identities := map[string]string{}
	for _, u := range d.Users {
		if got, ok := s.User(u.NodeID); !ok || got.ID != u.ID {
			t.Errorf("user %s is listed but not found by its node id", u.ID)
		}
		for _, id := range u.Identities {
			if other, dup := identities[id.ID]; dup {
				t.Errorf("identity %s belongs to users %s and %s", id.ID, other, u.ID)
			}
			identities[id.ID] = u.ID
			k := [2]string{id.LoginIDType, id.LoginID}
			if other, dup := loginIDs[k]; dup {
				t.Errorf("login ID %v is held by users %s and %s", k, other, u.ID)
			}
			loginIDs[k] = u.ID
		}
	}
}
