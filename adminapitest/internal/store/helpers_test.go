package store

import (
	"testing"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// testNow is the frozen time of test stores.
var testNow = time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)

// newTestStore returns an empty store at testNow.
func newTestStore() *Store { return New(func() time.Time { return testNow }, false) }

// mustCreateUser creates a user with an email login ID or fails the test.
func mustCreateUser(t *testing.T, s *Store, email string) User {
	t.Helper()
	u, err := s.CreateUser(NewUser{LoginIDs: [][2]string{{"email", email}}})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// wantReason checks that err is an API error with the reason.
func wantReason(t *testing.T, err error, reason string) {
	t.Helper()
	e, ok := apierr.As(err)
	if !ok || e.Reason != reason {
		t.Errorf("error = %v, want reason %s", err, reason)
	}
}

func ptrTo[T any](v T) *T { return &v }
