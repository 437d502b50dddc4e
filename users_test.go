package adminapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fakeUser returns the UserFields JSON of a user.
func fakeUser(uuid string, updatedAt time.Time, std, custom string) map[string]any {
	return map[string]any{
		"__typename":         "User",
		"id":                 NodeID("User", uuid),
		"createdAt":          "2026-12-03T15:34:57.016501Z",
		"updatedAt":          updatedAt.UTC().Format(time.RFC3339Nano),
		"lastLoginAt":        nil,
		"isDisabled":         false,
		"disableReason":      nil,
		"isAnonymized":       false,
		"isDeactivated":      false,
		"isAnonymous":        false,
		"standardAttributes": json.RawMessage(std),
		"customAttributes":   json.RawMessage(custom),
		"verifiedClaims":     []any{},
		"identities":         map[string]any{"edges": []any{}},
	}
}

func uuidN(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }

// graphqlHandler answers by operation name with data, or fails the test
// for unexpected operations.
func graphqlHandler(t *testing.T, answer func(op string, vars map[string]any) any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			OperationName string         `json:"operationName"`
			Variables     map[string]any `json:"variables"`
		}
		dec := json.NewDecoder(r.Body)
		dec.UseNumber() // so that tests see numbers exactly as sent
		if err := dec.Decode(&req); err != nil {
			t.Errorf("decoding request: %v", err)
		}
		data := answer(req.OperationName, req.Variables)
		if x, ok := data.(exchange); ok {
			x.serve(w)
			return
		}
		w.Header().Set("Content-Type", ctJSONUTF8)
		_ = json.NewEncoder(w).Encode(map[string]any{"data": data})
	}
}

func noRequest(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("unexpected request")
		http.Error(w, "no", http.StatusTeapot)
	}
}

func TestGetUserRecorded(t *testing.T) {
	t.Parallel()
	c, _ := newFakeServer(t, replay(recorded["1c_node_fetch"]))
	u, err := c.GetUser(t.Context(), recordedUserUUID)
	if err != nil {
		t.Fatalf("GetUser: %v", err)
	}
	want := &User{
		ID:        recordedUserNodeID,
		RawID:     recordedUserUUID,
		CreatedAt: time.Date(2026, 12, 3, 15, 34, 57, 16501000, time.UTC),
		StandardAttributes: StandardAttributes{
			Email: Ptr("a@example.com"), EmailVerified: Ptr(false), UpdatedAt: Ptr(int64(1796312097)),
		},
		Identities: []Identity{{
			ID:   "SWRlbnRpdHk6NmVmMjM1MWItYzJlMy00OWI2LWE1MTktYmJiNWYzOTI4YWVj",
			Type: IdentityTypeLoginId,
			Claims: JSONObject{
				"email": "a@example.com",
				"https://authgear.com/claims/login_id/key":            "email",
				"https://authgear.com/claims/login_id/original_value": "a@example.com",
				"https://authgear.com/claims/login_id/type":           "email",
				"https://authgear.com/claims/login_id/value":          "a@example.com",
			},
			LoginIDKey:   LoginIDEmail,
			LoginIDValue: "a@example.com",
		}},
	}
	if diff := cmp.Diff(want, u); diff != "" {
		t.Errorf("GetUser mismatch (-want +got):\n%s", diff)
	}
}

func TestGetUserNotFound(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"2m_node_garbage", "2m2_node_wellformed_missing"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, _ := newFakeServer(t, replay(recorded[name]))
			_, err := c.GetUser(t.Context(), recordedUserNodeID)
			var e *Error
			if !errors.Is(err, ErrNotFound) || !errors.As(err, &e) || !strings.Contains(e.Message, recordedUserNodeID) {
				t.Errorf("GetUser error = %v; want an *Error matching ErrNotFound that names the id", err)
			}
		})
	}
}

// TestInvalidIDsSendNothing checks that every method refuses a malformed id
// before sending a request.
func TestInvalidIDsSendNothing(t *testing.T) {
	t.Parallel()
	c, _ := newFakeServer(t, noRequest(t))
	ctx := t.Context()
	const bad = "garbage"
	calls := map[string]func() error{
		"GetUser":     func() error { _, err := c.GetUser(ctx, bad); return err },
		"UpdateUser":  func() error { _, err := c.UpdateUser(ctx, bad, UserUpdate{CustomAttributes: JSONObject{}}); return err },
		"DeleteUser":  func() error { return c.DeleteUser(ctx, bad) },
		"DisableUser": func() error { _, err := c.DisableUser(ctx, bad, "x"); return err },
		"EnableUser":  func() error { _, err := c.EnableUser(ctx, bad); return err },
		"ResetPassword": func() error {
			_, err := c.ResetPassword(ctx, bad, PasswordReset{Password: Password("pw")})
			return err
		},
		"RevokeAllSessions":  func() error { return c.RevokeAllSessions(ctx, bad) },
		"UpdateCustomAttrs":  func() error { _, err := c.SetCustomAttribute(ctx, bad, "k", 1); return err },
		"UpdateStandardAttr": func() error { _, err := c.SetStandardAttribute(ctx, bad, "name", "x"); return err },
		"role node id":       func() error { _, err := c.GetUser(ctx, NodeID("Role", uuidN(1))); return err },
		"empty login id":     func() error { _, err := c.GetUserByLoginID(ctx, LoginIDEmail, ""); return err },
		"empty attribute":    func() error { _, err := c.GetUsersByStandardAttribute(ctx, "", "x"); return err },
		"empty new user":     func() error { _, err := c.CreateUser(ctx, NewUser{}); return err },
		"empty update": func() error {
			_, err := c.UpdateUser(ctx, recordedUserUUID, UserUpdate{})
			return err
		},
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: error = %v; want ErrInvalidInput", name, err)
		}
	}
}

func TestGetUserByLoginID(t *testing.T) {
	t.Parallel()
	var found bool
	var mu sync.Mutex
	c, fs := newFakeServer(t, graphqlHandler(t, func(op string, vars map[string]any) any {
		mu.Lock()
		defer mu.Unlock()
		if op != "GetUserByLoginID" {
			t.Errorf("operation %q", op)
		}
		if !found {
			return map[string]any{"getUserByLoginID": nil}
		}
		return map[string]any{"getUserByLoginID": fakeUser(uuidN(1), time.Now(), `{}`, `{}`)}
	}))
	_, err := c.GetUserByLoginID(t.Context(), LoginIDPhone, "+85298765432")
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "+85298765432") {
		t.Errorf("error = %v; want ErrNotFound naming the login id", err)
	}
	mu.Lock()
	found = true
	mu.Unlock()
	u, err := c.GetUserByLoginID(t.Context(), LoginIDPhone, "+85298765432")
	if err != nil || u.RawID != uuidN(1) {
		t.Fatalf("GetUserByLoginID = %+v, %v", u, err)
	}
	want := map[string]any{"loginIDKey": "phone", "loginIDValue": "+85298765432"}
	if diff := cmp.Diff(want, fs.Requests()[0].Body.Variables); diff != "" {
		t.Errorf("variables mismatch (-want +got):\n%s", diff)
	}
}

func TestGetUsersByStandardAttribute(t *testing.T) {
	t.Parallel()
	c, fs := newFakeServer(t, graphqlHandler(t, func(op string, vars map[string]any) any {
		return map[string]any{"getUsersByStandardAttribute": []any{
			fakeUser(uuidN(1), time.Now(), `{}`, `{}`), fakeUser(uuidN(2), time.Now(), `{}`, `{}`),
		}}
	}))
	users, err := c.GetUsersByStandardAttribute(t.Context(), "email", "a@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 2 || users[0].RawID != uuidN(1) || users[1].RawID != uuidN(2) {
		t.Errorf("users = %+v", users)
	}
	want := map[string]any{"attributeName": "email", "attributeValue": "a@example.com"}
	if diff := cmp.Diff(want, fs.Requests()[0].Body.Variables); diff != "" {
		t.Errorf("variables mismatch (-want +got):\n%s", diff)
	}
}

func TestCreateUserVariables(t *testing.T) {
	t.Parallel()
	from := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name string
		nu   NewUser
		want map[string]any
	}{
		{"no password", NewUser{LoginID: LoginID{LoginIDEmail, "a@example.com"}},
			map[string]any{"password": nil, "sendPassword": nil, "setPasswordExpired": nil, "accountValidFrom": nil, "accountValidUntil": nil,
				"definition": map[string]any{"loginID": map[string]any{"key": "email", "value": "a@example.com"}}}},
		{"generated password", NewUser{LoginID: LoginID{LoginIDUsername, "alice"}, Password: GeneratePassword(), SendPassword: true, SetPasswordExpired: true, AccountValidFrom: &from},
			map[string]any{"password": "", "sendPassword": true, "setPasswordExpired": true, "accountValidFrom": "2030-01-02T03:04:05Z", "accountValidUntil": nil,
				"definition": map[string]any{"loginID": map[string]any{"key": "username", "value": "alice"}}}},
		{"given password", NewUser{LoginID: LoginID{LoginIDPhone, "+85298765432"}, Password: Password("s3cret!")},
			map[string]any{"password": "s3cret!", "sendPassword": nil, "setPasswordExpired": nil, "accountValidFrom": nil, "accountValidUntil": nil,
				"definition": map[string]any{"loginID": map[string]any{"key": "phone", "value": "+85298765432"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, fs := newFakeServer(t, graphqlHandler(t, func(op string, vars map[string]any) any {
				return map[string]any{"createUser": map[string]any{"user": fakeUser(uuidN(1), time.Now(), `{}`, `{}`)}}
			}))
			u, err := c.CreateUser(t.Context(), tt.nu)
			if err != nil {
				t.Fatal(err)
			}
			if u.RawID != uuidN(1) {
				t.Errorf("RawID = %q", u.RawID)
			}
			if diff := cmp.Diff(map[string]any{"input": tt.want}, fs.Requests()[0].Body.Variables); diff != "" {
				t.Errorf("variables mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNewUserRedacts(t *testing.T) {
	t.Parallel()
	nu := NewUser{LoginID: LoginID{LoginIDEmail, "a@example.com"}, Password: Password("hunter2")}
	pr := PasswordReset{Password: Password("hunter2")}
	var logged strings.Builder
	slog.New(slog.NewTextHandler(&logged, nil)).Info("x", "user", nu, "reset", pr)
	for _, s := range []string{
		fmt.Sprint(nu), fmt.Sprintf("%+v", nu), fmt.Sprintf("%#v", nu), fmt.Sprintf("%v", &nu), fmt.Sprintf("%s", nu),
		fmt.Sprint(pr), fmt.Sprintf("%#v", pr), fmt.Sprintf("%+v", &pr), logged.String(),
	} {
		if strings.Contains(s, "hunter2") {
			t.Errorf("formatted value shows the password: %s", s)
		}
		if !strings.Contains(s, "REDACTED") {
			t.Errorf("formatted value does not say the password is redacted: %s", s)
		}
	}
	if got := fmt.Sprint(NewUser{Password: GeneratePassword()}); !strings.Contains(got, "generated") {
		t.Errorf("String() = %q; want it to say the password is generated", got)
	}
}

func TestUpdateUserVariables(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		upd  UserUpdate
		want map[string]any
	}{
		{"custom only", UserUpdate{CustomAttributes: JSONObject{"tier": "gold"}},
			map[string]any{"userID": recordedUserNodeID, "standardAttributes": nil, "customAttributes": map[string]any{"tier": "gold"}}},
		{"clear custom", UserUpdate{CustomAttributes: JSONObject{}},
			map[string]any{"userID": recordedUserNodeID, "standardAttributes": nil, "customAttributes": map[string]any{}}},
		{"standard only", UserUpdate{StandardAttributes: &StandardAttributes{GivenName: Ptr("Alice"), EmailVerified: Ptr(false)}},
			map[string]any{"userID": recordedUserNodeID, "customAttributes": nil, "standardAttributes": map[string]any{"given_name": "Alice", "email_verified": false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, fs := newFakeServer(t, graphqlHandler(t, func(op string, vars map[string]any) any {
				return map[string]any{"updateUser": map[string]any{"user": fakeUser(recordedUserUUID, time.Now(), `{}`, `{}`)}}
			}))
			if _, err := c.UpdateUser(t.Context(), recordedUserUUID, tt.upd); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(map[string]any{"input": tt.want}, fs.Requests()[0].Body.Variables); diff != "" {
				t.Errorf("variables mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// patchServer serves one user whose attributes change on UpdateUser, and
// whose updatedAt can be made to move on every read.
type patchServer struct {
	mu        sync.Mutex
	std       string
	custom    string
	updatedAt time.Time
	moving    bool
	reads     int
	writes    []map[string]any
}

func (p *patchServer) answer(op string, vars map[string]any) any {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch op {
	case "GetUserNode":
		p.reads++
		if p.moving {
			p.updatedAt = p.updatedAt.Add(time.Millisecond)
		}
		return map[string]any{"node": fakeUser(recordedUserUUID, p.updatedAt, p.std, p.custom)}
	case "UpdateUser":
		in := vars["input"].(map[string]any)
		p.writes = append(p.writes, in)
		if s := in["standardAttributes"]; s != nil {
			b, _ := json.Marshal(s)
			p.std = string(b)
		}
		if s := in["customAttributes"]; s != nil {
			b, _ := json.Marshal(s)
			p.custom = string(b)
		}
		p.updatedAt = p.updatedAt.Add(time.Second)
		return map[string]any{"updateUser": map[string]any{"user": fakeUser(recordedUserUUID, p.updatedAt, p.std, p.custom)}}
	}
	return exchange{200, ctJSONUTF8, `{"data":null,"errors":[{"message":"unexpected error"}]}`}
}

func TestPatchKeepsOtherAttributes(t *testing.T) {
	t.Parallel()
	ps := &patchServer{
		std:       `{"email":"a@example.com","email_verified":false,"updated_at":1796312097,"x_unknown":[1]}`,
		custom:    `{"tier":"gold","score":12345678901234567890}`,
		updatedAt: time.Now(),
	}
	c, _ := newFakeServer(t, graphqlHandler(t, ps.answer))
	ctx := t.Context()

	u, err := c.SetCustomAttribute(ctx, recordedUserUUID, "plan", "pro")
	if err != nil {
		t.Fatal(err)
	}
	wantCustom := JSONObject{"tier": "gold", "score": json.Number("12345678901234567890"), "plan": "pro"}
	if diff := cmp.Diff(wantCustom, u.CustomAttributes); diff != "" {
		t.Errorf("custom attributes mismatch (-want +got):\n%s", diff)
	}
	if _, err := c.SetCustomAttribute(ctx, recordedUserUUID, "tier", nil); err != nil {
		t.Fatal(err)
	}

	u, err = c.SetStandardAttribute(ctx, recordedUserUUID, "given_name", "Alice")
	if err != nil {
		t.Fatal(err)
	}
	if u.StandardAttributes.GivenName == nil || *u.StandardAttributes.GivenName != "Alice" || *u.StandardAttributes.Email != "a@example.com" {
		t.Errorf("standard attributes = %s", mustJSON(t, u.StandardAttributes))
	}
	u, err = c.UpdateStandardAttributes(ctx, recordedUserUUID, func(sa *StandardAttributes) error {
		sa.EmailVerified = Ptr(true)
		sa.GivenName = nil
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"email":"a@example.com","email_verified":true,"updated_at":1796312097,"x_unknown":[1]}`
	if diff := jsonDiff(t, []byte(want), mustJSON(t, u.StandardAttributes)); diff != "" {
		t.Errorf("standard attributes mismatch (-want +got):\n%s", diff)
	}

	ps.mu.Lock()
	defer ps.mu.Unlock()
	if len(ps.writes) != 4 {
		t.Fatalf("%d writes, want 4", len(ps.writes))
	}
	if ps.writes[0]["standardAttributes"] != nil || ps.writes[2]["customAttributes"] != nil {
		t.Errorf("a patch of one object also sent the other: %v", ps.writes)
	}
	if diff := cmp.Diff(map[string]any{"score": json.Number("12345678901234567890"), "plan": "pro"}, ps.writes[1]["customAttributes"]); diff != "" {
		t.Errorf("second write mismatch (-want +got):\n%s", diff)
	}
}

func TestPatchConflict(t *testing.T) {
	t.Parallel()
	ps := &patchServer{std: `{}`, custom: `{}`, updatedAt: time.Now(), moving: true}
	c, _ := newFakeServer(t, graphqlHandler(t, ps.answer))
	calls := 0
	_, err := c.UpdateCustomAttributes(t.Context(), recordedUserNodeID, func(o JSONObject) error {
		calls++
		o["k"] = "v"
		return nil
	})
	if !errors.Is(err, ErrConflict) {
		t.Fatalf("error = %v; want ErrConflict", err)
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if calls != 4 || ps.reads != 8 || len(ps.writes) != 0 {
		t.Errorf("calls=%d reads=%d writes=%d; want 4, 8, 0", calls, ps.reads, len(ps.writes))
	}
}

func TestPatchChangeError(t *testing.T) {
	t.Parallel()
	ps := &patchServer{std: `{}`, custom: `{}`, updatedAt: time.Now()}
	c, _ := newFakeServer(t, graphqlHandler(t, ps.answer))
	boom := errors.New("boom")
	_, err := c.UpdateStandardAttributes(t.Context(), recordedUserNodeID, func(*StandardAttributes) error { return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("error = %v; want the callback's error", err)
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if len(ps.writes) != 0 {
		t.Error("wrote despite the callback's error")
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestMutationVariables(t *testing.T) {
	t.Parallel()
	c, fs := newFakeServer(t, graphqlHandler(t, func(op string, vars map[string]any) any {
		user := map[string]any{"user": fakeUser(recordedUserUUID, time.Now(), `{}`, `{}`)}
		switch op {
		case "DeleteUser":
			return map[string]any{"deleteUser": map[string]any{"deletedUserID": recordedUserNodeID}}
		case "SetDisabledStatus":
			return map[string]any{"setDisabledStatus": user}
		case "ResetPassword":
			return map[string]any{"resetPassword": user}
		case "RevokeAllSessions":
			return map[string]any{"revokeAllSessions": map[string]any{"user": map[string]any{"id": recordedUserNodeID}}}
		}
		t.Errorf("operation %q", op)
		return nil
	}))
	ctx := t.Context()
	id := recordedUserUUID
	mustOK := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := c.DisableUser(ctx, id, "fraud")
	mustOK(err)
	_, err = c.DisableUser(ctx, id, "")
	mustOK(err)
	_, err = c.EnableUser(ctx, id)
	mustOK(err)
	_, err = c.ResetPassword(ctx, id, PasswordReset{Password: Password("n3w"), SetPasswordExpired: true})
	mustOK(err)
	_, err = c.ResetPassword(ctx, id, PasswordReset{SendPassword: true})
	mustOK(err)
	mustOK(c.RevokeAllSessions(ctx, id))
	mustOK(c.DeleteUser(ctx, id))

	nid := recordedUserNodeID
	want := []map[string]any{
		{"userID": nid, "isDisabled": true, "reason": "fraud", "temporarilyDisabledFrom": nil, "temporarilyDisabledUntil": nil},
		{"userID": nid, "isDisabled": true, "reason": nil, "temporarilyDisabledFrom": nil, "temporarilyDisabledUntil": nil},
		{"userID": nid, "isDisabled": false, "reason": nil, "temporarilyDisabledFrom": nil, "temporarilyDisabledUntil": nil},
		{"userID": nid, "password": "n3w", "sendPassword": nil, "setPasswordExpired": true},
		{"userID": nid, "password": nil, "sendPassword": true, "setPasswordExpired": nil},
		{"userID": nid},
		{"userID": nid, "reason": nil},
	}
	var got []map[string]any
	for _, r := range fs.Requests() {
		got = append(got, r.Body.Variables["input"].(map[string]any))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("variables mismatch (-want +got):\n%s", diff)
	}
}

// listServer pages through n users with offset cursors, like the server.
// shift moves every later page back by that many rows, as rows inserted
// before the cursor would.
type listServer struct {
	t       *testing.T
	mu      sync.Mutex
	n       int
	shift   int
	failAt  int // page number (1-based) answered with an error; 0 for none
	noCurs  bool
	pages   int
	lastVar []map[string]any
}

func (l *listServer) answer(op string, vars map[string]any) any {
	l.mu.Lock()
	defer l.mu.Unlock()
	if op != "ListUsers" {
		l.t.Errorf("operation %q", op)
	}
	l.pages++
	l.lastVar = append(l.lastVar, vars)
	if l.pages == l.failAt {
		return recorded["2i_syntax_error"]
	}
	first, _ := vars["first"].(json.Number).Int64()
	offset := 0
	if after, ok := vars["after"].(string); ok {
		fmt.Sscanf(after, "offset:%d", &offset)
		offset = offset + 1 - l.shift
	}
	var edges []any
	for i := offset; i < offset+int(first) && i < l.n; i++ {
		edges = append(edges, map[string]any{
			"cursor": fmt.Sprintf("offset:%d", i),
			"node":   fakeUser(uuidN(i), time.Now(), `{}`, `{}`),
		})
	}
	end := any(nil)
	if len(edges) > 0 && !l.noCurs {
		end = fmt.Sprintf("offset:%d", offset+len(edges)-1)
	}
	return map[string]any{"users": map[string]any{
		"totalCount": l.n,
		"pageInfo":   map[string]any{"hasNextPage": offset+len(edges) < l.n, "endCursor": end},
		"edges":      edges,
	}}
}

func collect(t *testing.T, seq func(func(*User, error) bool)) (ids []string, errs []error) {
	t.Helper()
	for u, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, u.RawID)
	}
	return ids, errs
}

func TestListUsersPaging(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		n, shift  int
		opts      *ListUsersOptions
		wantFirst int64
		wantPages int
	}{
		{"defaults", 250, 0, nil, 100, 3},
		{"shifted pages de-duplicated", 250, 7, nil, 100, 3},
		{"small pages", 25, 0, &ListUsersOptions{PageSize: 10}, 10, 3},
		{"page size clamped", 150, 0, &ListUsersOptions{PageSize: 1000}, 100, 2},
		{"exact page", 100, 0, nil, 100, 1},
		{"empty", 0, 0, nil, 100, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ls := &listServer{t: t, n: tt.n, shift: tt.shift}
			c, _ := newFakeServer(t, graphqlHandler(t, ls.answer))
			ids, errs := collect(t, c.ListUsers(t.Context(), tt.opts))
			if len(errs) != 0 {
				t.Fatalf("errors: %v", errs)
			}
			var want []string
			for i := range tt.n {
				want = append(want, uuidN(i))
			}
			if diff := cmp.Diff(want, ids); diff != "" {
				t.Errorf("ids mismatch (-want +got):\n%s", diff)
			}
			ls.mu.Lock()
			defer ls.mu.Unlock()
			if tt.shift == 0 && ls.pages != tt.wantPages {
				t.Errorf("%d requests, want %d", ls.pages, tt.wantPages)
			}
			v := ls.lastVar[0]
			if first, _ := v["first"].(json.Number).Int64(); first != tt.wantFirst || v["sortBy"] != "CREATED_AT" || v["sortDirection"] != "ASC" || v["after"] != nil || v["searchKeyword"] != nil {
				t.Errorf("first page variables = %v", v)
			}
		})
	}
}

func TestListUsersStops(t *testing.T) {
	t.Parallel()
	t.Run("early break", func(t *testing.T) {
		t.Parallel()
		ls := &listServer{t: t, n: 250}
		c, _ := newFakeServer(t, graphqlHandler(t, ls.answer))
		n := 0
		for _, err := range c.ListUsers(t.Context(), nil) {
			if err != nil {
				t.Fatal(err)
			}
			if n++; n == 5 {
				break
			}
		}
		ls.mu.Lock()
		defer ls.mu.Unlock()
		if ls.pages != 1 {
			t.Errorf("%d requests after breaking on the first page, want 1", ls.pages)
		}
	})
	t.Run("error on second page", func(t *testing.T) {
		t.Parallel()
		ls := &listServer{t: t, n: 250, failAt: 2}
		c, _ := newFakeServer(t, graphqlHandler(t, ls.answer))
		ids, errs := collect(t, c.ListUsers(t.Context(), nil))
		if len(ids) != 100 || len(errs) != 1 || !errors.Is(errs[0], ErrServer) {
			t.Errorf("got %d users and errors %v; want 100 users then one ErrServer", len(ids), errs)
		}
	})
	t.Run("more pages without cursor", func(t *testing.T) {
		t.Parallel()
		ls := &listServer{t: t, n: 250, noCurs: true}
		c, _ := newFakeServer(t, graphqlHandler(t, ls.answer))
		_, errs := collect(t, c.ListUsers(t.Context(), nil))
		// The last edge's cursor is used instead of the missing endCursor.
		if len(errs) != 0 {
			t.Errorf("errors %v", errs)
		}
	})
	t.Run("negative page size", func(t *testing.T) {
		t.Parallel()
		c, _ := newFakeServer(t, noRequest(t))
		_, errs := collect(t, c.ListUsers(t.Context(), &ListUsersOptions{PageSize: -1}))
		if len(errs) != 1 || !errors.Is(errs[0], ErrInvalidInput) {
			t.Errorf("errors %v; want one ErrInvalidInput", errs)
		}
	})
	t.Run("recorded list", func(t *testing.T) {
		t.Parallel()
		c, _ := newFakeServer(t, replay(recorded["1d_users_list"]))
		ids, errs := collect(t, c.ListUsers(t.Context(), nil))
		if diff := cmp.Diff([]string{recordedUserUUID}, ids); diff != "" || errs != nil {
			t.Errorf("ids mismatch (-want +got):\n%s\nerrors: %v", diff, errs)
		}
	})
	t.Run("recorded empty list without pageInfo", func(t *testing.T) {
		t.Parallel()
		c, _ := newFakeServer(t, replay(recorded["1f_users_after_delete"]))
		ids, errs := collect(t, c.ListUsers(t.Context(), nil))
		if ids != nil || errs != nil {
			t.Errorf("got %v, %v; want nothing", ids, errs)
		}
	})
}

func TestSearchUsersVariables(t *testing.T) {
	t.Parallel()
	ls := &listServer{t: t, n: 3}
	c, _ := newFakeServer(t, graphqlHandler(t, ls.answer))
	opts := &ListUsersOptions{SortBy: UserSortByLastLoginAt, SortDirection: SortDirectionDesc, RoleKeys: []string{"admin"}, GroupKeys: []string{"staff"}}
	if _, errs := collect(t, c.SearchUsers(t.Context(), "alice", opts)); errs != nil {
		t.Fatal(errs)
	}
	ls.mu.Lock()
	defer ls.mu.Unlock()
	want := map[string]any{
		"first": json.Number("100"), "after": nil, "searchKeyword": "alice", "sortBy": "LAST_LOGIN_AT", "sortDirection": "DESC",
		"roleKeys": []any{"admin"}, "groupKeys": []any{"staff"},
	}
	if diff := cmp.Diff(want, ls.lastVar[0]); diff != "" {
		t.Errorf("variables mismatch (-want +got):\n%s", diff)
	}
}

// TestLeanDecodingMatchesGenerated checks that the methods, which decode
// answers into their own lean structs, read the same user as genqlient's
// generated response types would.
func TestLeanDecodingMatchesGenerated(t *testing.T) {
	t.Parallel()
	var sample map[string]any
	if err := json.Unmarshal(sampleUserAnswer, &sample); err != nil {
		t.Fatal(err)
	}
	user := sample["data"].(map[string]any)["node"]
	payload := map[string]any{"user": user}
	data := map[string]any{
		"GetUserNode":                 map[string]any{"node": user},
		"GetUserByLoginID":            map[string]any{"getUserByLoginID": user},
		"GetUsersByStandardAttribute": map[string]any{"getUsersByStandardAttribute": []any{user}},
		"ListUsers": map[string]any{"users": map[string]any{
			"totalCount": 1, "pageInfo": map[string]any{"hasNextPage": false, "endCursor": "b2Zmc2V0OjA"},
			"edges": []any{map[string]any{"cursor": "b2Zmc2V0OjA", "node": user}},
		}},
		"CreateUser":        map[string]any{"createUser": payload},
		"UpdateUser":        map[string]any{"updateUser": payload},
		"SetDisabledStatus": map[string]any{"setDisabledStatus": payload},
		"ResetPassword":     map[string]any{"resetPassword": payload},
	}
	generated := func(op string) *User {
		b, err := json.Marshal(data[op])
		if err != nil {
			t.Fatal(err)
		}
		var f *UserFields
		switch op {
		case "GetUserNode":
			var r GetUserNodeResponse
			err = json.Unmarshal(b, &r)
			f = &(*r.Node).(*GetUserNodeNodeUser).UserFields
		case "GetUserByLoginID":
			var r GetUserByLoginIDResponse
			err = json.Unmarshal(b, &r)
			f = &r.GetUserByLoginID.UserFields
		case "GetUsersByStandardAttribute":
			var r GetUsersByStandardAttributeResponse
			err = json.Unmarshal(b, &r)
			f = &r.GetUsersByStandardAttribute[0].UserFields
		case "ListUsers":
			var r ListUsersResponse
			err = json.Unmarshal(b, &r)
			f = &r.Users.Edges[0].Node.UserFields
		case "CreateUser":
			var r CreateUserResponse
			err = json.Unmarshal(b, &r)
			f = &r.CreateUser.User.UserFields
		case "UpdateUser":
			var r UpdateUserResponse
			err = json.Unmarshal(b, &r)
			f = &r.UpdateUser.User.UserFields
		case "SetDisabledStatus":
			var r SetDisabledStatusResponse
			err = json.Unmarshal(b, &r)
			f = &r.SetDisabledStatus.User.UserFields
		case "ResetPassword":
			var r ResetPasswordResponse
			err = json.Unmarshal(b, &r)
			f = &r.ResetPassword.User.UserFields
		}
		if err != nil {
			t.Fatalf("%s: generated type: %v", op, err)
		}
		return userFromFields(f)
	}
	c, _ := newFakeServer(t, graphqlHandler(t, func(op string, _ map[string]any) any { return data[op] }))
	ctx := t.Context()
	id := recordedUserNodeID
	calls := map[string]func() (*User, error){
		"GetUserNode":      func() (*User, error) { return c.GetUser(ctx, id) },
		"GetUserByLoginID": func() (*User, error) { return c.GetUserByLoginID(ctx, LoginIDEmail, "a@example.com") },
		"GetUsersByStandardAttribute": func() (*User, error) {
			us, err := c.GetUsersByStandardAttribute(ctx, "email", "a@example.com")
			if err != nil || len(us) != 1 {
				return nil, fmt.Errorf("got %d users, %v", len(us), err)
			}
			return us[0], nil
		},
		"ListUsers": func() (*User, error) {
			for u, err := range c.ListUsers(ctx, nil) {
				return u, err
			}
			return nil, errors.New("no user")
		},
		"CreateUser": func() (*User, error) {
			return c.CreateUser(ctx, NewUser{LoginID: LoginID{LoginIDEmail, "a@example.com"}})
		},
		"UpdateUser": func() (*User, error) {
			return c.UpdateUser(ctx, id, UserUpdate{CustomAttributes: JSONObject{}})
		},
		"SetDisabledStatus": func() (*User, error) { return c.DisableUser(ctx, id, "") },
		"ResetPassword":     func() (*User, error) { return c.ResetPassword(ctx, id, PasswordReset{}) },
	}
	for op, call := range calls {
		got, err := call()
		if err != nil {
			t.Fatalf("%s: %v", op, err)
		}
		if diff := cmp.Diff(generated(op), got); diff != "" {
			t.Errorf("%s mismatch (-generated +method):\n%s", op, diff)
		}
		if got.RawID != recordedUserUUID || len(got.Identities) != 1 {
			t.Errorf("%s: decoded %+v", op, got)
		}
	}
}

func TestListUsersNoNewCursor(t *testing.T) {
	t.Parallel()
	c, _ := newFakeServer(t, graphqlHandler(t, func(op string, vars map[string]any) any {
		return map[string]any{"users": map[string]any{
			"pageInfo": map[string]any{"hasNextPage": true, "endCursor": nil},
			"edges":    []any{map[string]any{"cursor": "", "node": fakeUser(uuidN(1), time.Now(), `{}`, `{}`)}},
		}}
	}))
	ids, errs := collect(t, c.ListUsers(t.Context(), nil))
	if len(ids) != 1 || len(errs) != 1 || !errors.Is(errs[0], ErrServer) {
		t.Errorf("got %v, %v; want one user, then one ErrServer", ids, errs)
	}
}

// sampleUserAnswer is a fixed answer to GetUserNode holding one user with a
// login-id identity, shaped like the recorded node fetch.
var sampleUserAnswer = func() []byte {
	u := fakeUser(recordedUserUUID, time.Date(2026, 12, 3, 15, 34, 57, 0, time.UTC),
		`{"email":"a@example.com","email_verified":false,"updated_at":1796312097}`, `{}`)
	u["identities"] = json.RawMessage(`{"edges":[{"node":{"id":"SWRlbnRpdHk6NmVmMjM1MWItYzJlMy00OWI2LWE1MTktYmJiNWYzOTI4YWVj","type":"LOGIN_ID",` +
		`"claims":{"email":"a@example.com","https://authgear.com/claims/login_id/key":"email","https://authgear.com/claims/login_id/value":"a@example.com"},` +
		`"createdAt":"2026-12-03T15:34:57.016501Z","updatedAt":"2026-12-03T15:34:57.016501Z"}}]}`)
	b, err := json.Marshal(map[string]any{"data": map[string]any{"node": u}})
	if err != nil {
		panic(err)
	}
	return b
}()
