package adminapi_test

// Helpers of the end-to-end tests of the resource methods.

import (
	"context"
	"iter"
	"strings"
	"testing"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

// unsupportedMarker is how the emulator answers a field it does not model
// yet: "<Type>.<field> is not supported by the emulator".
const unsupportedMarker = "not supported by the emulator"

// skipIfUnsupported skips the test when err says that the emulator does not
// model a field yet, so that the test turns on by itself once it does. Any
// other error is left to the caller.
func skipIfUnsupported(t *testing.T, err error) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), unsupportedMarker) {
		t.Skipf("emulator: %v", err)
	}
}

// must fails t on an error that is not "unsupported" (which skips).
func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		skipIfUnsupported(t, err)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// mustOK is must for calls that return only an error.
func mustOK(t *testing.T, err error) {
	t.Helper()
	skipIfUnsupported(t, err)
	if err != nil {
		t.Fatal(err)
	}
}

// collectE2E drains an iterator, skipping on "unsupported" and failing on
// other errors.
func collectE2E[T any](t *testing.T, seq iter.Seq2[*T, error]) []*T {
	t.Helper()
	var out []*T
	for v, err := range seq {
		skipIfUnsupported(t, err)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// keysOf maps items to a string each, e.g. their keys.
func keysOf[T any](items []*T, key func(*T) string) []string {
	out := []string{}
	for _, it := range items {
		out = append(out, key(it))
	}
	return out
}

// newE2E starts an emulator and returns it with its client and the test's
// context.
func newE2E(t *testing.T) (*adminapitest.Server, *adminapi.Client, context.Context) {
	t.Helper()
	srv := adminapitest.NewServer(t)
	return srv, srv.Client(), t.Context()
}

// seedUser stores a user with an email login id and returns its state.
func seedUser(t *testing.T, srv *adminapitest.Server, email string) *adminapitest.UserState {
	t.Helper()
	u, err := srv.SeedUser(adminapitest.SeedUser{Email: email})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func roleKey(r *adminapi.Role) string                      { return r.Key }
func groupKey(g *adminapi.Group) string                    { return g.Key }
func userEmail(u *adminapi.User) string                    { return *u.StandardAttributes.Email }
func scopeName(s *adminapi.Scope) string                   { return s.Scope }
func sessionClient(s *adminapi.Session) string             { return s.ClientID }
func authorizationClient(a *adminapi.Authorization) string { return a.ClientID }
