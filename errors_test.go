package adminapi

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// exchange is an HTTP answer of the real server, copied byte for byte from
// the recorded exchanges (shared/reference/recorded/<name>.txt).
type exchange struct {
	status      int
	contentType string
	body        string
}

const (
	ctJSONUTF8 = "application/json; charset=utf-8"
	ctJSON     = "application/json"
	ctText     = "text/plain; charset=utf-8"
)

var recorded = map[string]exchange{
	"1a_users_query":              {200, ctJSONUTF8, `{"data":{"users":{"edges":[],"totalCount":0}}}`},
	"1b_create_user":              {200, ctJSONUTF8, `{"data":{"createUser":{"user":{"id":"VXNlcjphODQ3MWIwMy00Y2QwLTRkZTQtOGYwYi1kZTcxMjQ0ZTgwZDM"}}}}`},
	"1c_node_fetch":               {200, ctJSONUTF8, `{"data":{"node":{"__typename":"User","createdAt":"2026-12-03T15:34:57.016501Z","id":"VXNlcjphODQ3MWIwMy00Y2QwLTRkZTQtOGYwYi1kZTcxMjQ0ZTgwZDM","identities":{"edges":[{"node":{"claims":{"email":"a@example.com","https://authgear.com/claims/login_id/key":"email","https://authgear.com/claims/login_id/original_value":"a@example.com","https://authgear.com/claims/login_id/type":"email","https://authgear.com/claims/login_id/value":"a@example.com"},"id":"SWRlbnRpdHk6NmVmMjM1MWItYzJlMy00OWI2LWE1MTktYmJiNWYzOTI4YWVj","type":"LOGIN_ID"}}]},"standardAttributes":{"email":"a@example.com","email_verified":false,"updated_at":1796312097}}}}`},
	"1d_users_list":               {200, ctJSONUTF8, `{"data":{"users":{"edges":[{"cursor":"b2Zmc2V0OjA","node":{"id":"VXNlcjphODQ3MWIwMy00Y2QwLTRkZTQtOGYwYi1kZTcxMjQ0ZTgwZDM","standardAttributes":{"email":"a@example.com","email_verified":false,"updated_at":1796312097}}}],"pageInfo":{"endCursor":"b2Zmc2V0OjA","hasNextPage":false},"totalCount":1}}}`},
	"1e_delete_user":              {200, ctJSONUTF8, `{"data":{"deleteUser":{"deletedUserID":"VXNlcjphODQ3MWIwMy00Y2QwLTRkZTQtOGYwYi1kZTcxMjQ0ZTgwZDM"}}}`},
	"1f_users_after_delete":       {200, ctJSONUTF8, `{"data":{"users":{"edges":[],"totalCount":0}}}`},
	"2a_no_auth":                  {403, ctText, "Forbidden\n"},
	"2b_wrong_kid":                {403, ctText, "Forbidden\n"},
	"2c_wrong_aud":                {403, ctText, "Forbidden\n"},
	"2d_expired":                  {403, ctText, "Forbidden\n"},
	"2e_iat_future":               {403, ctText, "Forbidden\n"},
	"2f_hs256":                    {403, ctText, "Forbidden\n"},
	"2g_other_key":                {403, ctText, "Forbidden\n"},
	"2h_lowercase_bearer":         {403, ctText, "Forbidden\n"},
	"2i_syntax_error":             {500, ctJSON, `{"error":{"name":"InternalError","reason":"UnexpectedError","message":"unexpected error occurred","code":500,"tracking_id":"480a9902345d11f13c3600ff50ce41a2-11e7ec1fb295a4dc"}}`},
	"2j_unknown_field":            {200, ctJSONUTF8, `{"data":null,"errors":[{"message":"Cannot query field \"noSuchField\" on type \"UserConnection\".","locations":[{"line":1,"column":32}]}]}`},
	"2k2_five_mutations":          {200, ctJSONUTF8, `{"data":null,"errors":[{"message":"user not found","locations":[{"line":1,"column":12}],"path":["m1"],"extensions":{"errorName":"NotFound","reason":"UserNotFound"}}]}`},
	"2k_six_mutations":            {400, ctJSON, `{"error":{"name":"BadRequest","reason":"BadRequest","message":"too many mutation fields in one request: got 6, limit is 5","code":400,"tracking_id":"162d8b3d4c7fb5dfd53556c93369a723-8b16027df4306241"}}`},
	"2l_duplicate_create":         {200, ctJSONUTF8, `{"data":null,"errors":[{"message":"identity already exists","locations":[{"line":1,"column":12}],"path":["createUser"],"extensions":{"errorName":"Invalid","info":{"IdentityTypeExisting":"login_id","IdentityTypeIncoming":"login_id","LoginIDTypeExisting":"email","LoginIDTypeIncoming":"email","cause":{"kind":"DuplicatedIdentity"}},"reason":"InvariantViolated"}}]}`},
	"2m2_node_wellformed_missing": {200, ctJSONUTF8, `{"data":{"node":null}}`},
	"2m_node_garbage":             {200, ctJSONUTF8, `{"data":{"node":null}}`},
	"2n2_no_content_type":         {415, ctText, "invalid content type:\n"},
	"2n_text_plain":               {415, ctText, "invalid content type: text/plain\n"},
	"2o_graphql_content_type":     {200, ctJSONUTF8, `{"data":{"users":{"totalCount":0}}}`},
	"2r_no_exp":                   {200, ctJSONUTF8, `{"data":{"users":{"totalCount":0}}}`},
	"2s_no_iat":                   {200, ctJSONUTF8, `{"data":{"users":{"totalCount":0}}}`},
	"2t_exp_past_4m":              {200, ctJSONUTF8, `{"data":{"users":{"totalCount":0}}}`},
	"4e_import_invalid":           {400, ctJSON, `{"error":{"name":"Invalid","reason":"ValidationFailed","message":"invalid request body","code":400,"tracking_id":"9d6b83bff9047ad2167ef8c53d76434e-22e6966e5620f28f","info":{"causes":[{"location":"","kind":"required","details":{"actual":["records"],"expected":["identifier","records"],"missing":["identifier"]}}]}}}`},
	"4f_import_unknown_job":       {404, ctJSON, `{"error":{"name":"NotFound","reason":"TaskNotFound","message":"task not found","code":404,"tracking_id":"0926fc4f4cd1ce9ce21448e1315427b3-73cec1724055df20"}}`},
	"4m_export_invalid":           {400, ctJSON, `{"error":{"name":"Invalid","reason":"ValidationFailed","message":"invalid request body","code":400,"tracking_id":"ad7d334e413b683357c987cd15f23ed6-f2c3b2d9c952f965","info":{"causes":[{"location":"/format","kind":"enum","details":{"actual":"xml","expected":["ndjson","csv"]}}]}}}`},
	"4n_import_no_auth":           {403, ctText, "Forbidden\n"},
	"x1_malformed_json":           {400, ctJSON, `{"error":{"name":"BadRequest","reason":"InvalidJSON","message":"unexpected end of JSON input","code":400,"tracking_id":"dc0e1846bbc753b03eddda36d2491e12-50aa31c36caff503","info":{"byte_offset":36}}}`},
	"x2_variables_as_string":      {200, ctJSONUTF8, `{"data":{"users":{"totalCount":2}}}`},
	"x3_delete_garbage_id":        {200, ctJSONUTF8, `{"data":null,"errors":[{"message":"invalid user ID","locations":[{"line":1,"column":12}],"path":["deleteUser"],"extensions":{"errorName":"Invalid","reason":"Invalid"}}]}`},
	"x4_unknown_operation_name":   {200, ctJSONUTF8, `{"data":null,"errors":[{"message":"unexpected error","locations":[]}]}`},
	"x5_missing_required_arg":     {200, ctJSONUTF8, `{"data":null,"errors":[{"message":"Field \"createUser\" argument \"input\" of type \"CreateUserInput!\" is required but not provided.","locations":[{"line":1,"column":12}]}]}`},
	"x6_invalid_email":            {200, ctJSONUTF8, `{"data":null,"errors":[{"message":"invalid login ID","locations":[{"line":1,"column":12}],"path":["createUser"],"extensions":{"errorName":"Invalid","info":{"causes":[{"location":"/login_id","kind":"format","details":{"format":"email"}}]},"reason":"ValidationFailed"}}]}`},
	"x7_graphql_path_alias":       {200, ctJSONUTF8, `{"data":{"users":{"totalCount":2}}}`},
	"x8_empty_body":               {200, ctJSONUTF8, `{"data":null,"errors":[{"message":"Must provide an operation.","locations":[]}]}`},
}

// serve answers with the exchange.
func (x exchange) serve(w http.ResponseWriter) {
	w.Header().Set("Content-Type", x.contentType)
	w.WriteHeader(x.status)
	_, _ = w.Write([]byte(x.body))
}

// TestRecordedMatchesReference checks the copies above against the recorded
// files, when the shared reference is beside the repository.
func TestRecordedMatchesReference(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("..", "shared", "reference", "recorded")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("reference not available: %v", err)
	}
	for name, x := range recorded {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f, err := os.Open(filepath.Join(dir, name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			status, ct, body := parseRecorded(t, bufio.NewReader(f))
			if status != x.status || ct != x.contentType {
				t.Errorf("status, content type = %d %q; recorded %d %q", x.status, x.contentType, status, ct)
			}
			// The files end the body with a newline of their own.
			if got, want := strings.TrimRight(x.body, "\n"), strings.TrimRight(body, "\n"); got != want {
				t.Errorf("body differs from the recording:\n got: %s\nwant: %s", got, want)
			}
		})
	}
}

func parseRecorded(t *testing.T, r *bufio.Reader) (status int, contentType, body string) {
	t.Helper()
	inHeaders := false
	var b strings.Builder
	for {
		line, err := r.ReadString('\n')
		switch {
		case status == 0 && strings.HasPrefix(line, "HTTP/1.1 "):
			status, _ = strconv.Atoi(strings.Fields(line)[1])
			inHeaders = true
		case inHeaders && strings.TrimSpace(line) == "":
			inHeaders = false
		case inHeaders:
			if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(k, "Content-Type") {
				contentType = strings.TrimSpace(v)
			}
		case status != 0:
			b.WriteString(line)
		}
		if err != nil {
			break
		}
	}
	return status, contentType, b.String()
}

var sentinels = []error{ErrNotFound, ErrAlreadyExists, ErrInvalidInput, ErrUnauthorized, ErrForbidden, ErrRateLimited, ErrServer, ErrConflict}

// kindsOf returns the sentinels err matches.
func kindsOf(err error) []error {
	var out []error
	for _, s := range sentinels {
		if errors.Is(err, s) {
			out = append(out, s)
		}
	}
	return out
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	html := "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>secret-looking-page</body></html>"
	tests := []struct {
		name     string
		answer   exchange
		wantKind error // nil: no sentinel
		want     Error // compared field by field where set
		wantText []string
	}{
		{"2a 403 plain text", recorded["2a_no_auth"], ErrForbidden,
			Error{StatusCode: 403, Message: "HTTP 403 Forbidden"},
			[]string{"key id", "project id", "clock", "portal"}},
		{"4n 403 REST endpoint", recorded["4n_import_no_auth"], ErrForbidden, Error{StatusCode: 403}, nil},
		{"2i syntax error envelope", recorded["2i_syntax_error"], ErrServer,
			Error{StatusCode: 500, Name: "InternalError", Reason: "UnexpectedError", Message: "unexpected error occurred",
				TrackingID: "480a9902345d11f13c3600ff50ce41a2-11e7ec1fb295a4dc"},
			[]string{"tracking id 480a9902345d11f13c3600ff50ce41a2-11e7ec1fb295a4dc", "HTTP 500"}},
		{"2j unknown field", recorded["2j_unknown_field"], nil,
			Error{StatusCode: 200, Message: `Cannot query field "noSuchField" on type "UserConnection".`},
			[]string{"schema"}},
		{"2k six mutations", recorded["2k_six_mutations"], ErrInvalidInput,
			Error{StatusCode: 400, Name: "BadRequest", Reason: "BadRequest", Message: "too many mutation fields in one request: got 6, limit is 5",
				TrackingID: "162d8b3d4c7fb5dfd53556c93369a723-8b16027df4306241"},
			[]string{"got 6, limit is 5"}},
		{"2k2 five mutations, user not found", recorded["2k2_five_mutations"], ErrNotFound,
			Error{StatusCode: 200, Name: "NotFound", Reason: "UserNotFound", Message: "user not found", Path: []string{"m1"}},
			[]string{"NotFound/UserNotFound", "path m1"}},
		{"2l duplicate create", recorded["2l_duplicate_create"], ErrAlreadyExists,
			Error{StatusCode: 200, Name: "Invalid", Reason: "InvariantViolated", Message: "identity already exists", Path: []string{"createUser"}},
			[]string{"GetUserByLoginID"}},
		{"2n 415 text/plain", recorded["2n_text_plain"], ErrInvalidInput,
			Error{StatusCode: 415, Message: "HTTP 415 Unsupported Media Type: invalid content type: text/plain"},
			[]string{"Content-Type"}},
		{"2n2 415 no content type", recorded["2n2_no_content_type"], ErrInvalidInput,
			Error{StatusCode: 415, Message: "HTTP 415 Unsupported Media Type: invalid content type:"}, nil},
		{"x1 malformed JSON body", recorded["x1_malformed_json"], ErrInvalidInput,
			Error{StatusCode: 400, Name: "BadRequest", Reason: "InvalidJSON", Message: "unexpected end of JSON input"}, nil},
		{"x3 delete garbage id", recorded["x3_delete_garbage_id"], ErrInvalidInput,
			Error{StatusCode: 200, Name: "Invalid", Reason: "Invalid", Message: "invalid user ID", Path: []string{"deleteUser"}},
			[]string{"(Invalid, path deleteUser)"}},
		{"x4 unknown operation name", recorded["x4_unknown_operation_name"], ErrServer,
			Error{StatusCode: 200, Message: "unexpected error"}, []string{"server logs"}},
		{"x5 missing argument", recorded["x5_missing_required_arg"], nil, Error{StatusCode: 200}, []string{"is required but not provided"}},
		{"x6 invalid email", recorded["x6_invalid_email"], ErrInvalidInput,
			Error{StatusCode: 200, Name: "Invalid", Reason: "ValidationFailed", Message: "invalid login ID", Path: []string{"createUser"}}, nil},
		{"x8 no operation", recorded["x8_empty_body"], nil, Error{StatusCode: 200, Message: "Must provide an operation."}, nil},
		{"4e REST validation", recorded["4e_import_invalid"], ErrInvalidInput,
			Error{StatusCode: 400, Name: "Invalid", Reason: "ValidationFailed", TrackingID: "9d6b83bff9047ad2167ef8c53d76434e-22e6966e5620f28f"}, nil},
		{"4f REST not found", recorded["4f_import_unknown_job"], ErrNotFound,
			Error{StatusCode: 404, Name: "NotFound", Reason: "TaskNotFound", Message: "task not found"}, nil},
		{"proxy HTML 502", exchange{502, "text/html; charset=utf-8", html}, ErrServer,
			Error{StatusCode: 502, Message: "HTTP 502 Bad Gateway (text/html, 123 bytes)"}, []string{"retry"}},
		{"proxy HTML 504", exchange{504, "text/html", html}, ErrServer, Error{StatusCode: 504}, nil},
		{"empty 503", exchange{503, "", ""}, ErrServer,
			Error{StatusCode: 503, Message: "HTTP 503 Service Unavailable with an empty body"}, nil},
		{"proxy 429", exchange{429, "text/html", html}, ErrRateLimited, Error{StatusCode: 429}, []string{"back off"}},
		{"empty 200", exchange{200, ctJSONUTF8, ""}, ErrServer, Error{StatusCode: 200}, []string{"empty body"}},
		{"HTML 200 (GraphiQL page)", exchange{200, "text/html", html}, ErrServer, Error{StatusCode: 200}, []string{"endpoint"}},
		{"truncated JSON", exchange{200, ctJSONUTF8, `{"data":{"users":{"totalCou`}, ErrServer, Error{StatusCode: 200},
			[]string{"malformed JSON response", "unexpected end of JSON input"}},
		{"JSON of wrong shape", exchange{200, ctJSONUTF8, `[1,2]`}, ErrServer, Error{StatusCode: 200}, []string{"malformed"}},
		{"JSON 502 neither shape", exchange{502, ctJSON, `{"message":"upstream"}`}, ErrServer, Error{StatusCode: 502}, nil},
		{"rate limited in GraphQL", exchange{200, ctJSONUTF8, `{"data":null,"errors":[{"message":"rate limited","extensions":{"errorName":"TooManyRequest","reason":"RateLimited","info":{"bucket":"AdminAPI"}}}]}`},
			ErrRateLimited, Error{StatusCode: 200, Name: "TooManyRequest", Reason: "RateLimited", Info: map[string]any{"bucket": "AdminAPI"}}, nil},
		{"data race", exchange{200, ctJSONUTF8, `{"data":null,"errors":[{"message":"race","extensions":{"errorName":"DataRace"}}]}`},
			ErrConflict, Error{StatusCode: 200, Name: "DataRace"}, nil},
		{"unauthorized envelope", exchange{401, ctJSON, `{"error":{"name":"Unauthorized","reason":"Unauthorized","message":"unauthorized","code":401}}`},
			ErrUnauthorized, Error{StatusCode: 401, Name: "Unauthorized"}, nil},
		{"forbidden in GraphQL", exchange{200, ctJSONUTF8, `{"data":null,"errors":[{"message":"forbidden","extensions":{"errorName":"Forbidden"}}]}`},
			ErrForbidden, Error{StatusCode: 200, Name: "Forbidden"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, _ := newFakeServer(t, replay(tt.answer))
			var out map[string]any
			err := c.Do(t.Context(), "query Q { users { totalCount } }", nil, &out)
			var got *Error
			if !errors.As(err, &got) {
				t.Fatalf("error = %#v; want an *Error", err)
			}
			kinds := kindsOf(err)
			if tt.wantKind == nil && len(kinds) != 0 || tt.wantKind != nil && (len(kinds) != 1 || kinds[0] != tt.wantKind) {
				t.Errorf("error %q matches %v; want exactly %v", err, kinds, tt.wantKind)
			}
			if got.Operation != "Q" {
				t.Errorf("Operation = %q, want Q", got.Operation)
			}
			w := tt.want
			check := func(field string, want, have any, set bool) {
				if set {
					if diff := cmp.Diff(want, have); diff != "" {
						t.Errorf("%s mismatch (-want +got):\n%s", field, diff)
					}
				}
			}
			check("StatusCode", w.StatusCode, got.StatusCode, true)
			check("Name", w.Name, got.Name, w.Name != "")
			check("Reason", w.Reason, got.Reason, w.Reason != "")
			check("Message", w.Message, got.Message, w.Message != "")
			check("Path", w.Path, got.Path, w.Path != nil)
			check("TrackingID", w.TrackingID, got.TrackingID, w.TrackingID != "")
			check("Info", w.Info, got.Info, w.Info != nil)
			for _, s := range tt.wantText {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not contain %q", err, s)
				}
			}
			if strings.Contains(err.Error(), "<html") || strings.Contains(err.Error(), "secret-looking-page") {
				t.Errorf("error %q quotes the HTML body", err)
			}
		})
	}
}

func TestDuplicateInfo(t *testing.T) {
	t.Parallel()
	c, _ := newFakeServer(t, replay(recorded["2l_duplicate_create"]))
	_, err := c.CreateUser(t.Context(), NewUser{LoginID: LoginID{LoginIDEmail, "a@example.com"}})
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v", err)
	}
	want := map[string]any{
		"IdentityTypeExisting": "login_id", "IdentityTypeIncoming": "login_id",
		"LoginIDTypeExisting": "email", "LoginIDTypeIncoming": "email",
		"cause": map[string]any{"kind": "DuplicatedIdentity"},
	}
	if diff := cmp.Diff(want, e.Info); diff != "" {
		t.Errorf("Info mismatch (-want +got):\n%s", diff)
	}
	if errors.Is(err, ErrInvalidInput) {
		t.Error("a duplicate also matches ErrInvalidInput; want ErrAlreadyExists only")
	}
}

func TestErrorListAndPartialData(t *testing.T) {
	t.Parallel()
	body := `{"data":{"a":{"deletedUserID":"x"},"b":null},"errors":[` +
		`{"message":"user not found","path":["b"],"extensions":{"errorName":"NotFound","reason":"UserNotFound"}},` +
		`{"message":"invalid user ID","path":["c",0,"d"],"extensions":{"errorName":"Invalid","reason":"Invalid"}}]}`
	c, _ := newFakeServer(t, replay(exchange{200, ctJSONUTF8, body}))
	var out struct {
		A *struct {
			DeletedUserID string `json:"deletedUserID"`
		} `json:"a"`
	}
	err := c.Do(t.Context(), "mutation M { a: x b: y }", nil, &out)
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("error = %#v; want ErrorList of 2", err)
	}
	if !errors.Is(err, ErrNotFound) || !errors.Is(err, ErrInvalidInput) || errors.Is(err, ErrServer) {
		t.Errorf("ErrorList kinds = %v; want NotFound and InvalidInput", kindsOf(err))
	}
	var first *Error
	if !errors.As(err, &first) || first.Reason != "UserNotFound" {
		t.Errorf("errors.As found %v; want the first error", first)
	}
	if diff := cmp.Diff([]string{"c", "0", "d"}, list[1].Path); diff != "" {
		t.Errorf("Path mismatch (-want +got):\n%s", diff)
	}
	if out.A == nil || out.A.DeletedUserID != "x" {
		t.Errorf("partial data lost: %+v", out.A)
	}
	for _, s := range []string{"2 errors", "user not found", "invalid user ID", "path c.0.d"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not contain %q", err, s)
		}
	}
}

func TestOversizeBody(t *testing.T) {
	t.Parallel()
	big := `{"data":{"users":{"totalCount":1}},"pad":"` + strings.Repeat("x", 4096) + `"}`
	c, _ := newFakeServer(t, replay(exchange{200, ctJSONUTF8, big}))
	c.maxBody = 1024
	err := c.Do(t.Context(), "query Q { users { totalCount } }", nil, nil)
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrServer) || !strings.Contains(err.Error(), "exceeds 1024 bytes") {
		t.Fatalf("error = %v; want *Error about the size limit matching ErrServer", err)
	}
	c.maxBody = int64(len(big))
	if err := c.Do(t.Context(), "query Q { users { totalCount } }", nil, nil); err != nil {
		t.Errorf("body of exactly the limit: %v", err)
	}
}

func TestOversizeBodyDefaultLimit(t *testing.T) {
	t.Parallel()
	c, _ := newFakeServer(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", ctJSON)
		chunk := bytes.Repeat([]byte(" "), 1<<20)
		_, _ = w.Write([]byte(`{"data":`))
		for range 17 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
		_, _ = w.Write([]byte(`null}`))
	})
	err := c.Do(t.Context(), "query Q { users { totalCount } }", nil, nil)
	if !strings.Contains(fmt.Sprint(err), "exceeds 16777216 bytes") {
		t.Fatalf("error = %v; want the 16 MiB limit", err)
	}
}

func TestErrorFormatting(t *testing.T) {
	t.Parallel()
	e := &Error{StatusCode: 409, Operation: "Op", Name: "AlreadyExists", Reason: "AlreadyExists", Message: "m", TrackingID: "t", Hint: "h"}
	if got, want := e.Error(), "adminapi: Op: m (AlreadyExists, HTTP 409, tracking id t); h"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := (&Error{}).Error(), "adminapi: request failed"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got := printable("a\nb\x00c\xff"); got != "a b c\uFFFD" {
		t.Errorf("printable = %q", got)
	}
}
