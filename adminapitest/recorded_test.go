package adminapitest

import (
	"bufio"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
)

// recordedDir holds exchanges recorded against a real Authgear server,
// copied from the project's shared reference folder (sharedRecordedDir),
// which only exists beside the project checkout.
const (
	recordedDir       = "testdata/recorded"
	sharedRecordedDir = "../../shared/reference/recorded"
)

// recording is one recorded exchange: what was sent (a comment) and the
// answer.
type recording struct {
	name, sent  string
	status      int
	contentType string
	header      http.Header
	body        string
}

func readRecording(t *testing.T, path string) recording {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := recording{header: http.Header{}}
	sc := bufio.NewScanner(f)
	var body []string
	inBody := false
	for sc.Scan() {
		line := sc.Text()
		switch {
		case inBody:
			body = append(body, line)
		case strings.HasPrefix(line, "=== "):
			r.name = strings.TrimPrefix(line, "=== ")
		case strings.HasPrefix(line, "# "):
			r.sent = strings.TrimPrefix(line, "# ")
		case strings.HasPrefix(line, "HTTP/"):
			f := strings.Fields(line)
			if r.status, err = strconv.Atoi(f[1]); err != nil {
				t.Fatalf("%s: status line %q", path, line)
			}
		case line == "":
			inBody = true
		default:
			k, v, _ := strings.Cut(line, ": ")
			r.header.Add(k, v)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	r.contentType = r.header.Get("Content-Type")
	r.body = strings.Join(body, "\n") + "\n"
	return r
}

// volatile matches the parts of an answer that differ between runs: ids,
// tracking ids, timestamps and presigned URLs; uuid matches the user ids
// of CSV exports.
var (
	volatile = regexp.MustCompile(`"(id|tracking_id|createdAt|updatedAt|deletedUserID|created_at|completed_at|user_id|sub|download_url)":"[^"]*"|"updated_at":[0-9]+`)
	uuid     = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
)

func normalizeBody(body string) string {
	body = volatile.ReplaceAllStringFunc(strings.TrimRight(body, "\n"), func(m string) string {
		k, _, _ := strings.Cut(m, ":")
		return k + ":<volatile>"
	})
	return uuid.ReplaceAllString(body, "<uuid>")
}

// replayCase rebuilds the request of a recording; the recording's comment
// says what was sent to the real server.
type replayCase func(t *testing.T, s *Server) answer

const usersTotalCount = `{ users { totalCount } }`

func withAuth(t *testing.T, s *Server, edit func(*tokenOpts)) map[string]string {
	return map[string]string{"Content-Type": "application/json", "Authorization": "Bearer " + token(t, s, edit)}
}

func postUsersQuery(t *testing.T, s *Server, header map[string]string) answer {
	return do(t, s, http.MethodPost, graphQLPath, header, `{"query":"`+usersTotalCount+`"}`)
}

// queryWithToken posts the users query with a token changed by edit.
func queryWithToken(edit func(*tokenOpts)) replayCase {
	return func(t *testing.T, s *Server) answer {
		return postUsersQuery(t, s, withAuth(t, s, edit))
	}
}

const createA = `mutation { createUser(input: {definition: {loginID: {key: "email", value: "a@example.com"}}}) { user { id } } }`

func seedTwo(t *testing.T, s *Server) {
	t.Helper()
	for _, e := range []string{"one@example.com", "two@example.com"} {
		if _, err := s.SeedUser(SeedUser{Email: e}); err != nil {
			t.Fatal(err)
		}
	}
}

var replayCases = map[string]replayCase{
	"2a_no_auth": func(t *testing.T, s *Server) answer {
		return postUsersQuery(t, s, map[string]string{"Content-Type": "application/json"})
	},
	"2b_wrong_kid": queryWithToken(func(o *tokenOpts) { o.kid = "wrong-kid" }),
	"2c_wrong_aud": queryWithToken(func(o *tokenOpts) { o.claims["aud"] = []string{"wrong-app"} }),
	"2d_expired": queryWithToken(func(o *tokenOpts) {
		now := time.Now()
		o.claims["iat"], o.claims["exp"] = now.Add(-15*time.Minute).Unix(), now.Add(-10*time.Minute).Unix()
	}),
	"2e_iat_future": queryWithToken(func(o *tokenOpts) {
		now := time.Now()
		o.claims["iat"], o.claims["exp"] = now.Add(10*time.Minute).Unix(), now.Add(15*time.Minute).Unix()
	}),
	"2f_hs256":     queryWithToken(func(o *tokenOpts) { o.method, o.key = jwt.SigningMethodHS256, []byte("secret") }),
	"2g_other_key": queryWithToken(func(o *tokenOpts) { o.key = otherKey() }),
	"2h_lowercase_bearer": func(t *testing.T, s *Server) answer {
		return postUsersQuery(t, s, map[string]string{"Content-Type": "application/json", "Authorization": "bearer " + token(t, s, nil)})
	},
	"2r_no_exp":      queryWithToken(func(o *tokenOpts) { delete(o.claims, "exp") }),
	"2s_no_iat":      queryWithToken(func(o *tokenOpts) { delete(o.claims, "iat") }),
	"2t_exp_past_4m": queryWithToken(func(o *tokenOpts) { o.claims["exp"] = time.Now().Add(-4 * time.Minute).Unix() }),
	"2i_syntax_error": func(t *testing.T, s *Server) answer {
		return gql(t, s, `{ users { totalCount `, nil)
	},
	"2j_unknown_field": func(t *testing.T, s *Server) answer {
		return gql(t, s, `{ users(first: 2) { totalCount noSuchField } }`, nil)
	},
	"2k_six_mutations": func(t *testing.T, s *Server) answer {
		var b strings.Builder
		b.WriteString("mutation {")
		for i := range 6 {
			b.WriteString(` c` + strconv.Itoa(i) + `: createUser(input: {definition: {loginID: {key: "email", value: "six` + strconv.Itoa(i) + `@example.com"}}}) { user { id } }`)
		}
		b.WriteString(" }")
		return gql(t, s, b.String(), nil)
	},
	"2k2_five_mutations": func(t *testing.T, s *Server) answer {
		missing := model.EncodeID(model.TypeUser, "00000000-0000-0000-0000-000000000000")
		var b strings.Builder
		b.WriteString("mutation {")
		for i := 1; i <= 5; i++ {
			b.WriteString(` m` + strconv.Itoa(i) + `: deleteUser(input: {userID: "` + missing + `"}) { deletedUserID }`)
		}
		b.WriteString(" }")
		return gql(t, s, b.String(), nil)
	},
	"2l_duplicate_create": func(t *testing.T, s *Server) answer {
		gqlData(t, s, createA, nil)
		return gql(t, s, createA, nil)
	},
	"2m_node_garbage": func(t *testing.T, s *Server) answer {
		return gql(t, s, `{ node(id: "garbage") { id } }`, nil)
	},
	"2m2_node_wellformed_missing": func(t *testing.T, s *Server) answer {
		return gql(t, s, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": model.EncodeID(model.TypeUser, "00000000-0000-0000-0000-000000000000")})
	},
	"2n_text_plain": func(t *testing.T, s *Server) answer {
		return do(t, s, http.MethodPost, graphQLPath, map[string]string{"Content-Type": "text/plain", "Authorization": "Bearer " + token(t, s, nil)}, `{"query":"`+usersTotalCount+`"}`)
	},
	"2n2_no_content_type": func(t *testing.T, s *Server) answer {
		return do(t, s, http.MethodPost, graphQLPath, map[string]string{"Authorization": "Bearer " + token(t, s, nil)}, `{"query":"`+usersTotalCount+`"}`)
	},
	"2o_graphql_content_type": func(t *testing.T, s *Server) answer {
		return do(t, s, http.MethodPost, graphQLPath, map[string]string{"Content-Type": "application/graphql", "Authorization": "Bearer " + token(t, s, nil)}, usersTotalCount)
	},
	"4n_import_no_auth": func(t *testing.T, s *Server) answer {
		return do(t, s, http.MethodPost, "/_api/admin/users/import", map[string]string{"Content-Type": "application/json"}, `{"identifier":"email","records":[]}`)
	},
	"x1_malformed_json": func(t *testing.T, s *Server) answer {
		return do(t, s, http.MethodPost, graphQLPath, withAuth(t, s, nil), `{"query": "{ users { totalCount } }"`) // 36 bytes, unterminated
	},
	"x2_variables_as_string": func(t *testing.T, s *Server) answer {
		seedTwo(t, s)
		return do(t, s, http.MethodPost, graphQLPath, withAuth(t, s, nil), `{"query":"query($n: Int) { users(first: $n) { totalCount } }","variables":"{\"n\":1}"}`)
	},
	"x3_delete_garbage_id": func(t *testing.T, s *Server) answer {
		return gql(t, s, `mutation { deleteUser(input: {userID: "garbage"}) { deletedUserID } }`, nil)
	},
	"x4_unknown_operation_name": func(t *testing.T, s *Server) answer {
		return do(t, s, http.MethodPost, graphQLPath, withAuth(t, s, nil), `{"query":"query A { users { totalCount } }","operationName":"B"}`)
	},
	"x5_missing_required_arg": func(t *testing.T, s *Server) answer {
		return gql(t, s, `mutation { createUser { user { id } } }`, nil)
	},
	"x6_invalid_email": func(t *testing.T, s *Server) answer {
		return gql(t, s, `mutation { createUser(input: {definition: {loginID: {key: "email", value: "not-an-email"}}}) { user { id } } }`, nil)
	},
	"x7_graphql_path_alias": func(t *testing.T, s *Server) answer {
		seedTwo(t, s)
		return do(t, s, http.MethodPost, graphQLAliasPath, withAuth(t, s, nil), `{"query":"`+usersTotalCount+`"}`)
	},
	"x8_empty_body": func(t *testing.T, s *Server) answer {
		return do(t, s, http.MethodPost, graphQLPath, withAuth(t, s, nil), `{}`)
	},
}

// happyPath replays 1a-1f in order on one server.
var happyPath = []struct {
	name  string
	query string
}{
	{"1a_users_query", `{ users(first: 2) { edges { node { id } } totalCount } }`},
	{"1b_create_user", createA},
	{"1c_node_fetch", `query($id: ID!) { node(id: $id) { __typename id ... on User { createdAt standardAttributes identities { edges { node { id type claims } } } } } }`},
	{"1d_users_list", `{ users(first: 10) { edges { cursor node { id standardAttributes } } pageInfo { endCursor hasNextPage } totalCount } }`},
	{"1e_delete_user", `mutation($id: ID!) { deleteUser(input: {userID: $id}) { deletedUserID } }`},
	{"1f_users_after_delete", `{ users(first: 2) { edges { node { id } } totalCount } }`},
}

func checkAnswer(t *testing.T, want recording, got answer) {
	t.Helper()
	if got.status != want.status {
		t.Errorf("status = %d, want %d; body %s", got.status, want.status, got.body)
	}
	if got.contentType != want.contentType {
		t.Errorf("Content-Type = %q, want %q", got.contentType, want.contentType)
	}
	if h := got.header.Get("WWW-Authenticate"); h != "" {
		t.Errorf("WWW-Authenticate = %q, want none", h)
	}
	if diff := cmp.Diff(normalizeBody(want.body), normalizeBody(got.body)); diff != "" {
		t.Errorf("body mismatch (-want +got):\n%s", diff)
	}
}

// TestRecordedCopiesAreCurrent checks that testdata/recorded matches the
// shared reference recordings, when those are present.
func TestRecordedCopiesAreCurrent(t *testing.T) {
	t.Parallel()
	shared, err := filepath.Glob(filepath.Join(sharedRecordedDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(shared) == 0 {
		t.Skipf("shared recordings %s not present (only in the project checkout)", sharedRecordedDir)
	}
	for _, f := range shared {
		want, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(recordedDir, filepath.Base(f)))
		if err != nil {
			t.Errorf("copy of %s: %v", filepath.Base(f), err)
			continue
		}
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("%s differs from the shared recording (-shared +copy):\n%s", filepath.Base(f), diff)
		}
	}
}

// TestRecordedExchanges replays every exchange recorded against the real
// server and compares status, content type and body byte for byte, except
// ids, tracking ids and timestamps.
func TestRecordedExchanges(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join(recordedDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no recordings in %s", recordedDir)
	}
	recs := map[string]recording{}
	for _, f := range files {
		r := readRecording(t, f)
		recs[r.name] = r
	}
	for _, step := range happyPath {
		if _, ok := recs[step.name]; !ok {
			t.Errorf("recording %s is missing", step.name)
		}
	}

	t.Run("happy path", func(t *testing.T) {
		t.Parallel()
		s := newTestServer(t, WithProjectID("agreal"))
		var userID string
		for _, step := range happyPath {
			var vars map[string]any
			if userID != "" {
				vars = map[string]any{"id": userID}
			}
			got := gql(t, s, step.query, vars)
			checkAnswer(t, recs[step.name], got)
			if step.name == "1b_create_user" {
				userID = decode(t, got.body)["data"].(map[string]any)["createUser"].(map[string]any)["user"].(map[string]any)["id"].(string)
			}
		}
	})

	for name, rec := range recs {
		if strings.HasPrefix(name, "1") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			replay, ok := replayCases[name]
			if !ok {
				replay, ok = restReplayCases[name]
			}
			if !ok {
				t.Fatalf("no replay for recording %s (%s)", name, rec.sent)
			}
			s := newTestServer(t, WithProjectID("agreal"))
			checkAnswer(t, rec, replay(t, s))
		})
	}
}
