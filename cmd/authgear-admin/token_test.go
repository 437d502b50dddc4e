package main

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi"
)

func TestToken(t *testing.T) {
	t.Parallel()
	srv, env := serverEnv(t)

	t.Run("the server accepts it", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "token").want(t, exitOK)
		tok := strings.TrimSpace(r.stdout)
		if strings.Count(tok, ".") != 2 || r.stderr != "" {
			t.Fatalf("stdout %q, stderr %q; want one JWT on stdout only", r.stdout, r.stderr)
		}
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL()+adminapi.GraphQLPath,
			strings.NewReader(`{"query":"{ users(first: 1) { totalCount } }"}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tok)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "totalCount") {
			t.Errorf("HTTP %d %s, want the server to accept the token", res.StatusCode, body)
		}
	})
	t.Run("decode", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "token", "--decode", "--lifetime", "90s", "--audit-context", `{"operator":"alice","ticket":42}`).want(t, exitOK)
		var d struct {
			Header map[string]string `json:"header"`
			Claims struct {
				Aud          []string       `json:"aud"`
				Iat          int64          `json:"iat"`
				Exp          int64          `json:"exp"`
				AuditContext map[string]any `json:"audit_context"`
			} `json:"claims"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
			t.Fatalf("%v\n%s", err, r.stdout)
		}
		if diff := cmp.Diff(map[string]string{"alg": "RS256", "kid": srv.KeyID(), "typ": "JWT"}, d.Header); diff != "" {
			t.Errorf("header (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{srv.ProjectID()}, d.Claims.Aud); diff != "" {
			t.Errorf("aud (-want +got):\n%s", diff)
		}
		// iat is backdated 30 s against clock drift.
		if got := time.Duration(d.Claims.Exp-d.Claims.Iat) * time.Second; got != 90*time.Second+30*time.Second {
			t.Errorf("exp - iat = %v, want the 90s lifetime plus 30s", got)
		}
		if diff := cmp.Diff(map[string]any{"operator": "alice", "ticket": float64(42)}, d.Claims.AuditContext); diff != "" {
			t.Errorf("audit_context (-want +got):\n%s", diff)
		}
		if strings.Contains(r.stdout, "eyJ") { // base64url of `{"`, how a JWS starts
			t.Error("--decode printed the token or its signature")
		}
	})
	t.Run("needs no endpoint with a project id", func(t *testing.T) {
		t.Parallel()
		invocation{env: with(env, envEndpoint, "")}.run(t, "token").want(t, exitOK)
	})
	t.Run("derives the project id from an authgear.cloud endpoint", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: with(env, envProjectID, "", envEndpoint, "https://myapp.authgear.cloud")}.run(t, "token", "--decode").want(t, exitOK)
		if !strings.Contains(r.stdout, `"myapp"`) {
			t.Errorf("claims %s, want aud myapp", r.stdout)
		}
	})
	t.Run("no project id", func(t *testing.T) {
		t.Parallel()
		invocation{env: with(env, envProjectID, "", envEndpoint, "")}.run(t, "token").want(t, exitUsage)
	})
	t.Run("bad key", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: with(env, envKeyFile, writeFile(t, "bad.pem", "not a key", 0o600))}.run(t, "token").want(t, exitAuth)
		if r.stdout != "" {
			t.Errorf("stdout = %q, want nothing", r.stdout)
		}
	})
	t.Run("no key", func(t *testing.T) {
		t.Parallel()
		invocation{env: with(env, envKeyFile, "")}.run(t, "token").want(t, exitUsage)
	})
}
