package adminapi_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi"
)

func TestE2ESessions(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	alice := seedUser(t, srv, "alice@example.com")

	tok := must[*adminapi.SessionTokens](t)(c.CreateSession(ctx, alice.ID, adminapi.NewSession{ClientID: "portal", DeviceInfo: "UGl4ZWw"}))
	if tok.TokenType != "Bearer" || tok.AccessToken == "" || tok.RefreshToken == "" || tok.ExpiresIn <= 0 {
		t.Errorf("tokens = %v", tok)
	}
	must[*adminapi.SessionTokens](t)(c.CreateSession(ctx, alice.NodeID, adminapi.NewSession{ClientID: "mobile"}))
	state := srv.Sessions(alice.ID)
	if len(state) != 2 || state[0].DeviceInfo != "UGl4ZWw" || state[1].DeviceInfo != "" {
		t.Fatalf("server sessions = %+v", state)
	}

	sessions := collectE2E(t, c.ListSessions(ctx, alice.ID, &adminapi.PageOptions{PageSize: 1}))
	clients := keysOf(sessions, sessionClient)
	slices.Sort(clients)
	if diff := cmp.Diff([]string{"mobile", "portal"}, clients); diff != "" {
		t.Errorf("ListSessions mismatch (-want +got):\n%s", diff)
	}
	s := must[*adminapi.Session](t)(c.GetSession(ctx, state[0].NodeID))
	if s.ClientID != "portal" || s.Type != adminapi.SessionTypeOfflineGrant || s.CreatedByIP == "" || s.CreatedAt.IsZero() {
		t.Errorf("GetSession = %+v", s)
	}

	mustOK(t, c.RevokeSession(ctx, state[0].NodeID))
	if left := srv.Sessions(alice.ID); len(left) != 1 || left[0].ClientID != "mobile" {
		t.Errorf("sessions after RevokeSession = %+v", left)
	}
	if err := c.RevokeSession(ctx, state[0].NodeID); !errors.Is(err, adminapi.ErrNotFound) {
		t.Errorf("second RevokeSession: %v; want ErrNotFound", err)
	}
	mustOK(t, c.RevokeAllSessions(ctx, alice.ID))
	if left := srv.Sessions(alice.ID); len(left) != 0 {
		t.Errorf("sessions after RevokeAllSessions = %+v", left)
	}
}

// ExampleClient_CreateSession signs a user in to a client on their behalf,
// lists their sessions and signs them out of one.
func ExampleClient_CreateSession() {
	srv := startEmulator()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	u, err := client.CreateUser(ctx, adminapi.NewUser{
		LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: "dave@example.com"},
	})
	if err != nil {
		log.Fatal(err)
	}
	tokens, err := client.CreateSession(ctx, u.ID, adminapi.NewSession{ClientID: "support-console"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tokens) // the tokens are never printed
	fmt.Println(tokens.ExpiresIn > time.Minute)

	for s, err := range client.ListSessions(ctx, u.ID, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(s.Type, s.ClientID)
		if err := client.RevokeSession(ctx, s.ID); err != nil {
			log.Fatal(err)
		}
	}
	n := 0
	for _, err := range client.ListSessions(ctx, u.ID, nil) {
		if err != nil {
			log.Fatal(err)
		}
		n++
	}
	fmt.Println(n, "sessions left")
	// Output:
	// adminapi.SessionTokens{AccessToken: [REDACTED], RefreshToken: [REDACTED], TokenType: "Bearer", ExpiresIn: 30m0s}
	// true
	// OFFLINE_GRANT support-console
	// 0 sessions left
}
