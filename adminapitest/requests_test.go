package adminapitest

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRequestsRedactSecrets(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	const secret = "s3cret-Passw0rd"
	tok := token(t, s, func(o *tokenOpts) { o.claims["audit_context"] = map[string]any{"ticket": "T-1"} })
	post := func(body string) {
		t.Helper()
		do(t, s, http.MethodPost, graphQLPath, map[string]string{"Content-Type": "application/json", "Authorization": "Bearer " + tok}, body)
	}
	post(`{"query":"mutation M($in: CreateUserInput!) { createUser(input: $in) { user { id } } }","operationName":"M","variables":{"in":{"definition":{"loginID":{"key":"email","value":"a@example.com"}},"password":"` + secret + `"}}}`)
	post(`{"query":"mutation { createUser(input: {definition: {loginID: {key: \"email\", value: \"b@example.com\"}}, password: \"` + secret + `\"}) { user { id } } }"}`)
	post(`{"query":"mutation { createUser(input: {password: \"` + secret + `\" `) // syntax error
	do(t, s, http.MethodPost, graphQLPath, map[string]string{"Content-Type": "application/json"}, `{}`)

	reqs := s.Requests()
	if len(reqs) != 4 {
		t.Fatalf("%d requests recorded, want 4", len(reqs))
	}
	dump := fmt.Sprintf("%#v", reqs)
	for _, r := range reqs {
		if r.TokenClaims != nil {
			dump += fmt.Sprintf("%#v", *r.TokenClaims)
		}
	}
	if strings.Contains(dump, secret) {
		t.Errorf("a password leaked into Requests(): %s", dump)
	}
	if strings.Contains(dump, tok) || strings.Contains(dump, strings.Split(tok, ".")[2]) {
		t.Error("the token leaked into Requests()")
	}

	first := reqs[0]
	if first.Method != http.MethodPost || first.Path != graphQLPath || first.OperationName != "M" || first.Status != http.StatusOK {
		t.Errorf("first request = %+v", first)
	}
	wantVars := map[string]any{"in": map[string]any{
		"definition": map[string]any{"loginID": map[string]any{"key": "email", "value": "a@example.com"}},
		"password":   "REDACTED",
	}}
	if diff := cmp.Diff(wantVars, first.Variables); diff != "" {
		t.Errorf("variables (-want +got):\n%s", diff)
	}
	if tc := first.TokenClaims; tc == nil || tc.KeyID != s.KeyID() || !cmp.Equal(tc.Audience, []string{s.ProjectID()}) ||
		!cmp.Equal(tc.AuditContext, map[string]any{"ticket": "T-1"}) {
		t.Errorf("token claims = %+v", first.TokenClaims)
	}
	if !strings.Contains(reqs[1].Query, `password: "REDACTED"`) {
		t.Errorf("inline password not redacted: %s", reqs[1].Query)
	}
	if reqs[3].Status != http.StatusForbidden || reqs[3].TokenClaims != nil {
		t.Errorf("refused request = %+v, want status 403 and no claims", reqs[3])
	}
}

func TestRedactQuery(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{`{password: "x"}`, `{password: "REDACTED"}`},
		{`{newPassword:"a\"b"}`, `{newPassword:"REDACTED"}`},
		{`{password: """multi
line"""}`, `{password: "REDACTED"}`},
		{`{password: $p}`, `{password: $p}`},
		{`{ primaryPassword { id } }`, `{ primaryPassword { id } }`},
	}
	for _, tt := range tests {
		if got := redactQuery(tt.in); got != tt.want {
			t.Errorf("redactQuery(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
