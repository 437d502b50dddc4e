package adminapi_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

// tokenRecorder is a RoundTripper that keeps every bearer token sent, so
// that the test knows which strings must never be logged.
type tokenRecorder struct {
	mu     sync.Mutex
	tokens map[string]bool
}

func (r *tokenRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if tok, ok := strings.CutPrefix(req.Header.Get("Authorization"), "Bearer "); ok {
		r.mu.Lock()
		r.tokens[tok] = true
		r.mu.Unlock()
	}
	return http.DefaultTransport.RoundTrip(req)
}

func (r *tokenRecorder) all() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for t := range r.tokens {
		out = append(out, t)
	}
	return out
}

// TestNoSecretsInLogsOrErrors runs a user's whole life with passwords,
// plus failing calls, with every log at level Debug and bodies on, and
// checks that no password, token or piece of the private key shows up in
// the logs (the client's and the emulator's) or in any error.
func TestNoSecretsInLogsOrErrors(t *testing.T) {
	t.Parallel()
	logs := &lockedBuffer{}
	logger := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv := adminapitest.NewServer(t, adminapitest.WithLogger(logger))
	rec := &tokenRecorder{tokens: map[string]bool{}}
	opts := []adminapi.Option{
		adminapi.WithLogger(logger), adminapi.WithDebugBodies(true),
		adminapi.WithHTTPClient(&http.Client{Transport: rec}),
	}
	c, err := srv.NewClient(opts...)
	if err != nil {
		t.Fatal(err)
	}
	bad, err := srv.NewClient(append(opts, adminapi.WithKeyID("not-the-key"))...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()

	const (
		pw1 = "first-Secret-passw0rd!"
		pw2 = "second-Secret-passw0rd!"
		pw3 = "third-Secret-passw0rd!"
		pw4 = "fourth-Secret-passw0rd!"
		pw5 = "fifth-Secret-passw0rd!"
		pw6 = "sixth-Secret-passw0rd!"
		tk1 = "opaque-Secret-token-value-1"
	)
	var errs []error
	keep := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}

	nu := adminapi.NewUser{
		LoginID:  adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "grace@example.com"},
		Password: adminapi.Password(pw1),
	}
	logger.Info("creating user", "user", nu)
	u, err := c.CreateUser(ctx, nu)
	if err != nil {
		t.Fatalf("CreateUser: %v", err)
	}
	if !srv.CheckPassword(u.ID, pw1) {
		t.Fatal("the emulator did not get the password")
	}
	if _, err := c.GetUser(ctx, u.RawID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SetCustomAttribute(ctx, u.ID, "plan", "pro"); err != nil {
		t.Fatal(err)
	}
	reset := adminapi.PasswordReset{Password: adminapi.Password(pw2)}
	logger.Info("resetting password", "reset", reset)
	if _, err := c.ResetPassword(ctx, u.ID, reset); err != nil {
		t.Fatal(err)
	}
	if !srv.CheckPassword(u.ID, pw2) {
		t.Fatal("the emulator did not get the new password")
	}
	// A raw operation with secrets in variables and in the document.
	var out struct {
		Users struct{ TotalCount int } `json:"users"`
	}
	if err := c.Do(ctx, `query Q($keyword: String) { users(searchKeyword: $keyword) { totalCount } }`,
		map[string]any{"keyword": "grace", "token": tk1, "nested": map[string]any{"accessToken": tk1, "password": pw3}}, &out); err != nil {
		t.Fatal(err)
	}
	keep(c.Do(ctx, `mutation { resetPassword(input: {userID: "`+u.ID+`", password: "`+pw3+`"}) { user { id } } }`, nil, nil))

	// Failures: a duplicate user, a missing user, a refused key, a
	// malformed document, an invalid argument.
	_, err = c.CreateUser(ctx, adminapi.NewUser{LoginID: nu.LoginID, Password: adminapi.Password(pw4)})
	if !errors.Is(err, adminapi.ErrAlreadyExists) {
		t.Errorf("duplicate CreateUser: %v", err)
	}
	keep(err)
	_, err = c.ResetPassword(ctx, "00000000-0000-4000-8000-000000000000", adminapi.PasswordReset{Password: adminapi.Password(pw5)})
	keep(err)
	_, err = bad.CreateUser(ctx, adminapi.NewUser{LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "x@example.com"}, Password: adminapi.Password(pw6)})
	if !errors.Is(err, adminapi.ErrForbidden) {
		t.Errorf("CreateUser with a wrong key id: %v", err)
	}
	keep(err)
	keep(c.Do(ctx, `mutation { createUser(input: {password: "`+pw6+`"`, nil, nil))
	_, err = c.ResetPassword(ctx, "not an id", adminapi.PasswordReset{Password: adminapi.Password(pw6)})
	keep(err)
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = c.CreateUser(cancelled, adminapi.NewUser{LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "y@example.com"}, Password: adminapi.Password(pw6)})
	keep(err)
	if err := c.DeleteUser(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		logger.Error("call failed", "err", e)
	}

	// Collect what must never appear.
	secrets := []string{pw1, pw2, pw3, pw4, pw5, pw6, tk1}
	tokens := rec.all()
	if len(tokens) < 2 {
		t.Fatalf("recorded %d tokens, want at least 2", len(tokens))
	}
	secrets = append(secrets, tokens...)
	for _, tok := range tokens {
		// Any part of a token: its signature, and its header and claims
		// together.
		parts := strings.Split(tok, ".")
		secrets = append(secrets, parts[2], parts[0]+"."+parts[1])
	}
	for _, line := range strings.Split(string(srv.PrivateKeyPEM()), "\n") {
		if strings.HasPrefix(line, "-----") {
			continue
		}
		for i := 0; i+20 <= len(line); i++ {
			secrets = append(secrets, line[i:i+20])
		}
	}

	logged := logs.String()
	if !strings.Contains(logged, `"msg":"adminapi request"`) || !strings.Contains(logged, "[REDACTED]") {
		t.Fatalf("the test logged no redacted requests:\n%s", logged)
	}
	var texts []string
	for _, e := range errs {
		texts = append(texts, e.Error(), fmt.Sprintf("%+v", e), fmt.Sprintf("%#v", e))
	}
	if len(errs) < 6 {
		t.Errorf("got %d errors, want 6", len(errs))
	}
	for _, s := range secrets {
		if strings.Contains(logged, s) {
			t.Errorf("logs contain a secret (%.6s...)", s)
		}
		for _, text := range texts {
			if strings.Contains(text, s) {
				t.Errorf("an error contains a secret (%.6s...): %s", s, text)
			}
		}
	}
	for _, marker := range []string{"Bearer ", "BEGIN PRIVATE KEY", "eyJhbGci"} {
		if strings.Contains(logged, marker) {
			t.Errorf("logs contain %q", marker)
		}
	}
}
