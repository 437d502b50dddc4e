package adminapitest

import (
	"net/http"
	"sync"
	"testing"
	"time"
)

// fakeClock is a settable clock, safe for concurrent use.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestWithClock(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2031, 2, 3, 4, 5, 6, 789000000, time.UTC)}
	s := newTestServer(t, WithClock(clock.Now))

	// Tokens are checked against the server's clock.
	realTime := token(t, s, func(o *tokenOpts) {
		o.claims["iat"], o.claims["exp"] = time.Now().Unix(), time.Now().Add(5*time.Minute).Unix()
	})
	if got := postUsersQuery(t, s, map[string]string{"Content-Type": "application/json", "Authorization": "Bearer " + realTime}); got.status != http.StatusForbidden {
		t.Errorf("token of the real time: %d, want 403", got.status)
	}

	// The ready client signs with the same clock.
	u, err := s.Client().CreateUser(t.Context(), newUser("clock@example.com"))
	if err != nil {
		t.Fatal(err)
	}
	if !u.CreatedAt.Equal(clock.Now()) {
		t.Errorf("createdAt = %v, want %v", u.CreatedAt, clock.Now())
	}
	if got := s.Requests()[1].Time; !got.Equal(clock.Now()) {
		t.Errorf("recorded time = %v, want %v", got, clock.Now())
	}

	// Time-dependent state follows the clock.
	from, until := clock.Now().Add(time.Hour), clock.Now().Add(2*time.Hour)
	gqlData(t, s, `mutation($id: ID!, $from: DateTime, $until: DateTime) {
		setDisabledStatus(input: {userID: $id, isDisabled: true, temporarilyDisabledFrom: $from, temporarilyDisabledUntil: $until}) { user { id } }
	}`, map[string]any{"id": u.ID, "from": from.Format(time.RFC3339), "until": until.Format(time.RFC3339)})
	disabled := func() bool { st, _ := s.User(u.ID); return st.Disabled }
	if disabled() {
		t.Error("disabled before the window")
	}
	clock.Add(90 * time.Minute)
	if !disabled() {
		t.Error("not disabled inside the window")
	}
	clock.Add(time.Hour)
	if disabled() {
		t.Error("disabled after the window")
	}
	if st, _ := s.User(u.ID); !st.TemporarilyDisabledFrom.IsZero() {
		t.Error("a window in the past is still reported")
	}

	// A token expired by more than the skew on the server's clock fails.
	old := token(t, s, nil)
	clock.Add(11 * time.Minute)
	if got := postUsersQuery(t, s, map[string]string{"Content-Type": "application/json", "Authorization": "Bearer " + old}); got.status != http.StatusForbidden {
		t.Errorf("token expired on the server's clock: %d, want 403", got.status)
	}
}
