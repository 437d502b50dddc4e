package adminapi_test

// End-to-end tests of every Client method against the in-process emulator.

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
	"github.com/authgear-admin/adminapi/auth"
)

var otherKeyPEM = sync.OnceValue(func() []byte {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		panic(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
})

// userMust returns a function that fails t on an error and otherwise
// returns the user, so calls read mustUser(c.GetUser(ctx, id)).
func userMust(t *testing.T) func(*adminapi.User, error) *adminapi.User {
	return func(u *adminapi.User, err error) *adminapi.User {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if u == nil {
			t.Fatal("nil user without error")
		}
		return u
	}
}

func TestE2EUserLifecycle(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	mustUser := userMust(t)
	c := srv.Client()
	ctx := t.Context()

	created := mustUser(c.CreateUser(ctx, adminapi.NewUser{
		LoginID:  adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "alice@example.com"},
		Password: adminapi.Password("correct horse battery staple"),
	}))
	if created.RawID == "" || adminapi.NodeID("User", created.RawID) != created.ID {
		t.Fatalf("created user ids %q / %q", created.ID, created.RawID)
	}
	if len(created.Identities) != 1 || created.Identities[0].LoginIDKey != adminapi.LoginIDEmail ||
		created.Identities[0].LoginIDValue != "alice@example.com" || created.Identities[0].Type != adminapi.IdentityTypeLoginId {
		t.Errorf("identities = %+v", created.Identities)
	}
	if e := created.StandardAttributes.Email; e == nil || *e != "alice@example.com" {
		t.Errorf("standard attributes = %+v", created.StandardAttributes)
	}

	// Reads: node id, raw UUID, login id, standard attribute.
	for _, id := range []string{created.ID, created.RawID} {
		got := mustUser(c.GetUser(ctx, id))
		if diff := cmp.Diff(created, got); diff != "" {
			t.Errorf("GetUser(%s) mismatch (-created +got):\n%s", id, diff)
		}
	}
	byLogin := mustUser(c.GetUserByLoginID(ctx, adminapi.LoginIDEmail, "alice@example.com"))
	if byLogin.ID != created.ID {
		t.Errorf("GetUserByLoginID = %s, want %s", byLogin.ID, created.ID)
	}
	if _, err := c.GetUserByLoginID(ctx, adminapi.LoginIDEmail, "nobody@example.com"); !errors.Is(err, adminapi.ErrNotFound) {
		t.Errorf("GetUserByLoginID(nobody) error = %v; want ErrNotFound", err)
	}
	byAttr, err := c.GetUsersByStandardAttribute(ctx, "email", "alice@example.com")
	if err != nil || len(byAttr) != 1 || byAttr[0].ID != created.ID {
		t.Errorf("GetUsersByStandardAttribute = %v, %v", byAttr, err)
	}

	// List and search.
	var listed []string
	for u, err := range c.ListUsers(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		listed = append(listed, u.ID)
	}
	if diff := cmp.Diff([]string{created.ID}, listed); diff != "" {
		t.Errorf("ListUsers mismatch (-want +got):\n%s", diff)
	}
	var found []string
	for u, err := range c.SearchUsers(ctx, "alice", nil) {
		if err != nil {
			t.Fatal(err)
		}
		found = append(found, u.ID)
	}
	if diff := cmp.Diff([]string{created.ID}, found); diff != "" {
		t.Errorf("SearchUsers mismatch (-want +got):\n%s", diff)
	}

	// Whole-object update, then patches that keep the other attributes.
	updated := mustUser(c.UpdateUser(ctx, created.RawID, adminapi.UserUpdate{
		StandardAttributes: &adminapi.StandardAttributes{
			Email:     adminapi.Ptr("alice@example.com"),
			GivenName: adminapi.Ptr("Alice"),
		},
		// Exact digits of large numbers are covered by the unit tests; the
		// emulator stores numbers as float64.
		CustomAttributes: adminapi.JSONObject{"tier": "gold", "score": json.Number("42")},
	}))
	if g := updated.StandardAttributes.GivenName; g == nil || *g != "Alice" {
		t.Errorf("given_name after UpdateUser = %v", g)
	}
	patched := mustUser(c.SetStandardAttribute(ctx, created.ID, "family_name", "Liddell"))
	if g, f := patched.StandardAttributes.GivenName, patched.StandardAttributes.FamilyName; g == nil || *g != "Alice" || f == nil || *f != "Liddell" {
		t.Errorf("after SetStandardAttribute: given %v, family %v", g, f)
	}
	patched = mustUser(c.UpdateCustomAttributes(ctx, created.ID, func(o adminapi.JSONObject) error {
		o["plan"] = "pro"
		delete(o, "tier")
		return nil
	}))
	wantCustom := adminapi.JSONObject{"plan": "pro", "score": json.Number("42")}
	if diff := cmp.Diff(wantCustom, patched.CustomAttributes); diff != "" {
		t.Errorf("custom attributes mismatch (-want +got):\n%s", diff)
	}
	patched = mustUser(c.SetCustomAttribute(ctx, created.ID, "plan", nil))
	if diff := cmp.Diff(adminapi.JSONObject{"score": json.Number("42")}, patched.CustomAttributes); diff != "" {
		t.Errorf("custom attributes after delete mismatch (-want +got):\n%s", diff)
	}
	patched = mustUser(c.UpdateStandardAttributes(ctx, created.ID, func(sa *adminapi.StandardAttributes) error {
		sa.Nickname = adminapi.Ptr("al")
		return nil
	}))
	if sa := patched.StandardAttributes; sa.Nickname == nil || sa.GivenName == nil || sa.FamilyName == nil || sa.Email == nil {
		t.Errorf("UpdateStandardAttributes lost attributes: %+v", sa)
	}

	// Disable, enable.
	disabled := mustUser(c.DisableUser(ctx, created.ID, "suspicious activity"))
	if !disabled.IsDisabled || disabled.DisableReason != "suspicious activity" {
		t.Errorf("after DisableUser: disabled %t, reason %q", disabled.IsDisabled, disabled.DisableReason)
	}
	enabled := mustUser(c.EnableUser(ctx, created.RawID))
	if enabled.IsDisabled || enabled.DisableReason != "" {
		t.Errorf("after EnableUser: disabled %t, reason %q", enabled.IsDisabled, enabled.DisableReason)
	}

	// Passwords and sessions.
	mustUser(c.ResetPassword(ctx, created.ID, adminapi.PasswordReset{Password: adminapi.Password("another long passphrase")}))
	mustUser(c.ResetPassword(ctx, created.ID, adminapi.PasswordReset{Password: adminapi.GeneratePassword(), SetPasswordExpired: true}))
	if err := c.RevokeAllSessions(ctx, created.ID); err != nil {
		t.Fatal(err)
	}

	// Delete.
	if err := c.DeleteUser(ctx, created.RawID); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetUser(ctx, created.ID)
	var apiErr *adminapi.Error
	if !errors.Is(err, adminapi.ErrNotFound) || !errors.As(err, &apiErr) || !strings.Contains(apiErr.Message, created.ID) {
		t.Errorf("GetUser after delete: %v; want ErrNotFound naming the id", err)
	}
	if err := c.DeleteUser(ctx, created.ID); !errors.Is(err, adminapi.ErrNotFound) {
		t.Errorf("second DeleteUser: %v; want ErrNotFound", err)
	}

	// No password ever reached the server's request log unredacted.
	for _, r := range srv.Requests() {
		b, _ := json.Marshal(r)
		if strings.Contains(string(b), "horse battery") || strings.Contains(string(b), "long passphrase") {
			t.Errorf("request log holds a password: %s", b)
		}
	}
}

func TestE2ECreateUserErrors(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	mustUser := userMust(t)
	c := srv.Client()
	ctx := t.Context()
	nu := adminapi.NewUser{LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "dup@example.com"}}
	mustUser(c.CreateUser(ctx, nu))
	_, err := c.CreateUser(ctx, nu)
	if !errors.Is(err, adminapi.ErrAlreadyExists) || errors.Is(err, adminapi.ErrInvalidInput) {
		t.Errorf("duplicate CreateUser error = %v; want ErrAlreadyExists only", err)
	}
	_, err = c.CreateUser(ctx, adminapi.NewUser{LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "not-an-email"}})
	if !errors.Is(err, adminapi.ErrInvalidInput) {
		t.Errorf("invalid email error = %v; want ErrInvalidInput", err)
	}
	u := mustUser(c.CreateUser(ctx, adminapi.NewUser{
		LoginID:  adminapi.LoginID{Key: adminapi.LoginIDUsername, Value: "bob"},
		Password: adminapi.GeneratePassword(),
	}))
	if len(u.Identities) != 1 || u.Identities[0].LoginIDKey != adminapi.LoginIDUsername {
		t.Errorf("identities = %+v", u.Identities)
	}
	if _, err := c.GetUser(ctx, "00000000-0000-4000-8000-000000000000"); !errors.Is(err, adminapi.ErrNotFound) {
		t.Errorf("GetUser(unknown uuid) error = %v; want ErrNotFound", err)
	}
}

// TestE2EPaging lists more users than one page holds.
func TestE2EPaging(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	mustUser := userMust(t)
	c := srv.Client()
	ctx := t.Context()
	const n = 230
	var want []string
	for i := range n {
		u := mustUser(c.CreateUser(ctx, adminapi.NewUser{
			LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: fmt.Sprintf("user%03d@example.com", i)},
		}))
		want = append(want, u.ID)
	}
	for _, pageSize := range []int{0, 100, 1000, 37} {
		t.Run(fmt.Sprint("page size ", pageSize), func(t *testing.T) {
			var got []string
			for u, err := range c.ListUsers(ctx, &adminapi.ListUsersOptions{PageSize: pageSize}) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, u.ID)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ListUsers mismatch (-want +got):\n%s", diff)
			}
		})
	}
	var matched int
	for u, err := range c.SearchUsers(ctx, "user1", &adminapi.ListUsersOptions{PageSize: 30}) {
		if err != nil {
			t.Fatal(err)
		}
		if e := u.StandardAttributes.Email; e == nil || !strings.HasPrefix(*e, "user1") {
			t.Errorf("SearchUsers(user1) yielded %v", e)
		}
		matched++
	}
	if matched != 100 {
		t.Errorf("SearchUsers(user1) yielded %d users, want 100", matched)
	}

	// Users created while paging do not make the iterator repeat anyone.
	seen := map[string]bool{}
	i := 0
	for u, err := range c.ListUsers(ctx, &adminapi.ListUsersOptions{PageSize: 50, SortDirection: adminapi.SortDirectionDesc}) {
		if err != nil {
			t.Fatal(err)
		}
		if seen[u.ID] {
			t.Errorf("user %s yielded twice", u.ID)
		}
		seen[u.ID] = true
		if i++; i%50 == 1 {
			mustUser(c.CreateUser(ctx, adminapi.NewUser{
				LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: fmt.Sprintf("late%03d@example.com", i)},
			}))
		}
	}
	for _, id := range want {
		if !seen[id] {
			t.Errorf("user %s missed while users were being created", id)
		}
	}
	ops := 0
	for _, r := range srv.Requests() {
		if r.OperationName == "ListUsers" {
			ops++
		}
	}
	if ops == 0 {
		t.Error("the server recorded no ListUsers request")
	}
}

func TestE2EForbidden(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	tests := []struct {
		name string
		opts []adminapi.Option
	}{
		{"wrong key id", []adminapi.Option{adminapi.WithKeyID("wrong-kid")}},
		{"wrong project id", []adminapi.Option{adminapi.WithProjectID("another-project")}},
		{"clock 10 minutes ahead", []adminapi.Option{adminapi.WithClock(func() time.Time { return time.Now().Add(10 * time.Minute) })}},
		{"clock 10 minutes behind", []adminapi.Option{adminapi.WithClock(func() time.Time { return time.Now().Add(-10 * time.Minute) })}},
		{"key not registered", []adminapi.Option{adminapi.WithPrivateKeyPEM(otherKeyPEM())}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := srv.NewClient(tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.GetUser(t.Context(), "00000000-0000-4000-8000-000000000000")
			var apiErr *adminapi.Error
			if !errors.Is(err, adminapi.ErrForbidden) || !errors.As(err, &apiErr) || apiErr.StatusCode != 403 {
				t.Fatalf("error = %v; want a 403 *Error matching ErrForbidden", err)
			}
			for _, hint := range []string{"key id", "project id", "clock", "portal"} {
				if !strings.Contains(apiErr.Hint, hint) {
					t.Errorf("hint %q does not mention %q", apiErr.Hint, hint)
				}
			}
		})
	}
	// The correct configuration works, also 4 minutes off (within the skew).
	c, err := srv.NewClient(adminapi.WithClock(func() time.Time { return time.Now().Add(-4 * time.Minute) }))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetUser(t.Context(), "00000000-0000-4000-8000-000000000000"); !errors.Is(err, adminapi.ErrNotFound) {
		t.Errorf("clock 4 minutes behind: error = %v; want ErrNotFound", err)
	}
}

func TestE2EConfigErrors(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pub := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: []byte("x")})
	files := map[string]string{
		"missing":     filepath.Join(dir, "missing.pem"),
		"empty":       write("empty.pem", ""),
		"text":        write("text.pem", "hello"),
		"public key":  write("pub.pem", string(pub)),
		"truncated":   write("trunc.pem", string(srv.PrivateKeyPEM()[:200])),
		"a directory": dir,
	}
	for name, path := range files {
		_, err := adminapi.New(srv.URL(),
			adminapi.WithProjectID(srv.ProjectID()), adminapi.WithKeyID(srv.KeyID()), adminapi.WithPrivateKeyFile(path))
		var ce *adminapi.ConfigError
		if !errors.As(err, &ce) || ce.Setting != "private key file" {
			t.Errorf("%s: error = %v; want *ConfigError for the private key file", name, err)
		}
	}
	good := write("good.pem", string(srv.PrivateKeyPEM()))
	c, err := adminapi.New(srv.URL(), adminapi.WithProjectID(srv.ProjectID()), adminapi.WithKeyID(srv.KeyID()), adminapi.WithPrivateKeyFile(good))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetUser(t.Context(), "00000000-0000-4000-8000-000000000000"); !errors.Is(err, adminapi.ErrNotFound) {
		t.Errorf("client from key file: error = %v; want ErrNotFound", err)
	}
}

// TestE2EInvalidIDs checks that malformed ids never reach the server.
func TestE2EInvalidIDs(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	c := srv.Client()
	for _, id := range []string{"garbage", "", adminapi.NodeID("Role", "00000000-0000-4000-8000-000000000000")} {
		if _, err := c.GetUser(t.Context(), id); !errors.Is(err, adminapi.ErrInvalidInput) {
			t.Errorf("GetUser(%q) error = %v; want ErrInvalidInput", id, err)
		}
		if err := c.DeleteUser(t.Context(), id); !errors.Is(err, adminapi.ErrInvalidInput) {
			t.Errorf("DeleteUser(%q) error = %v; want ErrInvalidInput", id, err)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("server saw %d requests, want 0", n)
	}
}

// TestE2EConcurrentUse runs many calls at once on one client.
func TestE2EConcurrentUse(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	c := srv.Client()
	ctx := t.Context()
	var wg sync.WaitGroup
	ids := make([]string, 20)
	errs := make([]error, 20)
	for i := range ids {
		wg.Go(func() {
			u, err := c.CreateUser(ctx, adminapi.NewUser{
				LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: fmt.Sprintf("c%d@example.com", i)},
			})
			if err == nil {
				ids[i] = u.ID
				_, err = c.GetUser(ctx, u.RawID)
			}
			errs[i] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	slices.Sort(ids)
	if len(slices.Compact(ids)) != 20 {
		t.Errorf("ids not distinct: %v", ids)
	}
}

// TestE2EAuditContext checks that audit contexts reach the server in the
// token, both the client-wide one and a per-call one.
func TestE2EAuditContext(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	c, err := srv.NewClient(adminapi.WithAuditContext(map[string]any{"service": "billing-sync"}))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	const id = "00000000-0000-4000-8000-000000000000"
	if _, err := c.GetUser(ctx, id); !errors.Is(err, adminapi.ErrNotFound) {
		t.Fatal(err)
	}
	if _, err := c.GetUser(auth.ContextWithAuditContext(ctx, map[string]any{"operator": "alice"}), id); !errors.Is(err, adminapi.ErrNotFound) {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 || reqs[0].TokenClaims == nil || reqs[1].TokenClaims == nil {
		t.Fatalf("requests = %+v", reqs)
	}
	if diff := cmp.Diff(map[string]any{"service": "billing-sync"}, reqs[0].TokenClaims.AuditContext); diff != "" {
		t.Errorf("client-wide audit context mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{"service": "billing-sync", "operator": "alice"}, reqs[1].TokenClaims.AuditContext); diff != "" {
		t.Errorf("per-call audit context mismatch (-want +got):\n%s", diff)
	}
	if reqs[0].TokenClaims.KeyID != srv.KeyID() || !slices.Equal(reqs[0].TokenClaims.Audience, []string{srv.ProjectID()}) {
		t.Errorf("token claims = %+v", reqs[0].TokenClaims)
	}
}
