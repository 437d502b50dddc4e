package adminapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestIsSecretKey(t *testing.T) {
	t.Parallel()
	for _, k := range []string{
		"password", "Password", "PASSWORD", "newPassword", "new_password", "password_hash", "passwordHash",
		"password-hash", "code", "otp", "OTP", "secret", "totp", "totpSecret", "totp_secret", "token",
		"accessToken", "access_token", "refreshToken", "refresh_token", "key", "privateKey", "private_key",
		"authorization", "Authorization", "client_secret", "id_token", "api_key",
	} {
		if !isSecretKey(k) {
			t.Errorf("isSecretKey(%q) = false", k)
		}
	}
	for _, k := range []string{
		"", "email", "value", "loginID", "passwords", "tokens", "keyword", "sendPassword", "id",
		"setPasswordExpired", "https://authgear.com/claims/login_id/key", strings.Repeat("password", 10),
	} {
		if isSecretKey(k) {
			t.Errorf("isSecretKey(%q) = true", k)
		}
	}
}

func TestRedactJSON(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{`{"a":1}`, `{"a":1}`},
		{`{"password":"hunter2","Password":"x","email":"a@example.com"}`,
			`{"Password":"[REDACTED]","email":"a@example.com","password":"[REDACTED]"}`},
		{`{"input":{"definition":{"loginID":{"key":"email","value":"a@example.com"}},"password":"p"}}`,
			`{"input":{"definition":{"loginID":{"key":"[REDACTED]","value":"a@example.com"}},"password":"[REDACTED]"}}`},
		{`[{"token":{"nested":"x"}},{"totpSecret":123},{"otp":null}]`,
			`[{"token":"[REDACTED]"},{"totpSecret":"[REDACTED]"},{"otp":null}]`},
		{`{"n":12345678901234567890}`, `{"n":12345678901234567890}`},
		{`<html>password=hunter2</html>`, `[29 bytes, not JSON]`},
		{`{"password":"x"} {"password":"y"}`, `[33 bytes, not JSON]`},
		{`{"password":"x"`, `[15 bytes, not JSON]`},
		{``, `[0 bytes, not JSON]`},
	}
	for _, tt := range tests {
		if got := redactJSON([]byte(tt.in)); got != tt.want {
			t.Errorf("redactJSON(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestRedactRequestBody(t *testing.T) {
	t.Parallel()
	body := `{"query":"mutation { createUser(input: {password: \"inline-secret\"}) { user { id } } }",` +
		`"variables":{"input":{"password":"hunter2","sendPassword":true}},"operationName":"CreateUser"}`
	got := redactRequestBody([]byte(body))
	want := `{"operationName":"CreateUser","query":"[75 bytes of GraphQL]",` +
		`"variables":{"input":{"password":"[REDACTED]","sendPassword":true}}}`
	if got != want {
		t.Errorf("redactRequestBody = %s, want %s", got, want)
	}
}

// logRecords returns the JSON records a client logged.
func logRecords(t *testing.T, buf *bytes.Buffer, mu *sync.Mutex) []map[string]any {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	var recs []map[string]any
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	for dec.More() {
		var r map[string]any
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("log is not JSON records: %v\n%s", err, buf.String())
		}
		recs = append(recs, r)
	}
	return recs
}

func TestDebugBodies(t *testing.T) {
	t.Parallel()
	var (
		buf bytes.Buffer
		mu  sync.Mutex
	)
	logger := slog.New(slog.NewJSONHandler(&lockedWriter{w: &buf, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Set-Cookie", "session=s3cr3t-cookie")
		exchange{200, ctJSONUTF8, `{"data":{"createUser":{"user":{"id":"VXNlcjox","token":"srv-token-1"}}}}`}.serve(w)
	}, WithLogger(logger), WithDebugBodies(true))
	err := c.Do(t.Context(), `mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { user { id } } }`,
		map[string]any{"input": map[string]any{"password": "hunter2-secret", "definition": map[string]any{
			"loginID": map[string]any{"key": "email", "value": "a@example.com"}}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	recs := logRecords(t, &buf, &mu)
	if len(recs) != 1 {
		t.Fatalf("got %d log records, want 1", len(recs))
	}
	rec := recs[0]
	reqHeaders, _ := rec["request_headers"].(map[string]any)
	resHeaders, _ := rec["response_headers"].(map[string]any)
	got := map[string]any{
		"authorization": reqHeaders["Authorization"],
		"content-type":  reqHeaders["Content-Type"],
		"set-cookie":    resHeaders["Set-Cookie"],
		"request":       rec["request"],
		"response":      rec["response"],
	}
	want := map[string]any{
		"authorization": redacted,
		"content-type":  "application/json",
		"set-cookie":    redacted,
		"request": `{"operationName":"CreateUser","query":"[91 bytes of GraphQL]","variables":{"input":{"definition":` +
			`{"loginID":{"key":"[REDACTED]","value":"a@example.com"}},"password":"[REDACTED]"}}}`,
		"response": `{"data":{"createUser":{"user":{"id":"VXNlcjox","token":"[REDACTED]"}}}}`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("logged record mismatch (-want +got):\n%s", diff)
	}
	for _, secret := range []string{"hunter2-secret", "srv-token-1", "s3cr3t-cookie", "Bearer", "eyJ"} {
		if strings.Contains(buf.String(), secret) {
			t.Errorf("log contains %q", secret)
		}
	}
}

// TestLogRetries checks the Debug record of a retry and of a transport
// failure.
func TestLogRetries(t *testing.T) {
	t.Parallel()
	var (
		buf bytes.Buffer
		mu  sync.Mutex
	)
	logger := slog.New(slog.NewJSONHandler(&lockedWriter{w: &buf, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	seq := &sequence{xs: []exchange{proxy503, okCount}}
	c, _, _ := retryClient(t, seq, WithLogger(logger))
	if err := c.Do(t.Context(), countQuery, nil, nil); err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, r := range logRecords(t, &buf, &mu) {
		msgs = append(msgs, r["msg"].(string))
		if r["msg"] == "adminapi retry" && (r["attempt"] != float64(1) || r["operation"] != "Count") {
			t.Errorf("retry record = %v", r)
		}
	}
	if diff := cmp.Diff([]string{"adminapi request", "adminapi retry", "adminapi request"}, msgs); diff != "" {
		t.Errorf("log messages mismatch (-want +got):\n%s", diff)
	}
}

func TestErrorLogValue(t *testing.T) {
	t.Parallel()
	e := &Error{
		StatusCode: 200, Operation: "CreateUser", Name: "Invalid", Reason: "ValidationFailed",
		Message: "invalid password", Path: []string{"createUser"},
		Info: map[string]any{"causes": []any{map[string]any{"password": "hunter2", "kind": "format"}}},
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("failed", "err", e, "client", &Client{endpoint: "https://x.example", projectID: "x"})
	var rec struct {
		Err    map[string]any `json:"err"`
		Client map[string]any `json:"client"`
	}
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"message": e.Error(), "status": float64(200), "operation": "CreateUser", "name": "Invalid",
		"reason": "ValidationFailed", "path": "createUser",
		"info": `{"causes":[{"kind":"format","password":"[REDACTED]"}]}`,
	}
	if diff := cmp.Diff(want, rec.Err); diff != "" {
		t.Errorf("logged error mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{"endpoint": "https://x.example", "project_id": "x"}, rec.Client); diff != "" {
		t.Errorf("logged client mismatch (-want +got):\n%s", diff)
	}
	if errors.Is(e, ErrServer) {
		t.Error("LogValue changed the error")
	}
}
