package adminapitest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSessions(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u := seed(t, s, SeedUser{Email: "a@example.com"})
	const create = `mutation($id: ID!, $device: String) {
		createSession(input: {userID: $id, clientID: "portal", deviceInfo: $device}) { accessToken refreshToken expiresIn tokenType }
	}`
	p := gqlData(t, s, create, map[string]any{"id": u.NodeID, "device": "Pixel"})["createSession"].(map[string]any)
	if p["tokenType"] != "Bearer" || p["expiresIn"] != float64(1800) || p["accessToken"] == "" || p["refreshToken"] == "" || p["accessToken"] == p["refreshToken"] {
		t.Errorf("createSession = %v", p)
	}
	gqlData(t, s, create, map[string]any{"id": u.NodeID})

	sessions := s.Sessions(u.NodeID)
	if len(sessions) != 2 || sessions[0].ClientID != "portal" || sessions[0].DeviceInfo != "Pixel" || sessions[0].CreatedByIP != "127.0.0.1" || sessions[0].UserID != u.ID {
		t.Fatalf("Sessions = %+v", sessions)
	}

	data := gqlData(t, s, `query($id: ID!) { node(id: $id) { ... on User {
		sessions { totalCount edges { node { id type clientID displayName amr } } }
	} } }`, map[string]any{"id": u.NodeID})
	want := map[string]any{"totalCount": float64(2), "edges": []any{
		map[string]any{"node": map[string]any{"id": sessions[0].NodeID, "type": "OFFLINE_GRANT", "clientID": "portal", "displayName": "Pixel", "amr": []any{}}},
		map[string]any{"node": map[string]any{"id": sessions[1].NodeID, "type": "OFFLINE_GRANT", "clientID": "portal", "displayName": "portal", "amr": []any{}}},
	}}
	if diff := cmp.Diff(want, data["node"].(map[string]any)["sessions"]); diff != "" {
		t.Errorf("sessions (-want +got):\n%s", diff)
	}

	const revoke = `mutation($id: ID!) { revokeSession(input: {sessionID: $id}) { user { id } } }`
	got := gqlData(t, s, revoke, map[string]any{"id": sessions[0].NodeID})
	if id := got["revokeSession"].(map[string]any)["user"].(map[string]any)["id"]; id != u.NodeID {
		t.Errorf("revokeSession user = %v", id)
	}
	checkAPIError(t, gqlError(t, s, revoke, map[string]any{"id": sessions[0].NodeID}), "session not found", "NotFound", "SessionNotFound")
	checkAPIError(t, gqlError(t, s, revoke, map[string]any{"id": u.NodeID}), "invalid session ID", "Invalid", "Invalid")

	gqlData(t, s, `mutation($id: ID!) { revokeAllSessions(input: {userID: $id}) { user { id } } }`, map[string]any{"id": u.NodeID})
	if n := len(s.Sessions(u.ID)); n != 0 {
		t.Errorf("%d sessions after revokeAllSessions", n)
	}
}
