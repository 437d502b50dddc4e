package adminapitest

import (
	"encoding/base64"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNodesOfEveryType(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u := seed(t, s, SeedUser{Email: "a@example.com", Password: "secret123"})
	role := mustSeedRole(t, s, SeedRole{Key: "admin", UserIDs: []string{u.ID}})
	group := mustSeedGroup(t, s, SeedGroup{Key: "staff"})
	res, err := s.SeedResource(SeedResource{URI: "https://api.example.com", Scopes: []SeedScope{{Scope: "read"}}})
	if err != nil {
		t.Fatal(err)
	}
	authz, err := s.SeedAuthorization(SeedAuthorization{UserID: u.NodeID, ClientID: "third-party", Scopes: []string{"openid", "email"}})
	if err != nil {
		t.Fatal(err)
	}
	session := gqlData(t, s, `mutation($id: ID!) { createSession(input: {userID: $id, clientID: "web"}) { tokenType } }`, map[string]any{"id": u.NodeID})
	if session == nil {
		t.Fatal("no session")
	}
	sessionID := s.Sessions(u.ID)[0].NodeID
	auditID := s.AuditLogs()[0].NodeID
	fraud := base64.RawURLEncoding.EncodeToString([]byte("FraudProtectionDecisionRecord:x"))
	missingRole := base64.RawURLEncoding.EncodeToString([]byte("Role:nope"))

	ids := []string{
		u.NodeID, u.Identities[0].NodeID, u.Authenticators[0].NodeID, authz.NodeID, sessionID,
		role.NodeID, group.NodeID, res.NodeID, res.Scopes[0].NodeID, auditID,
		fraud, missingRole, "garbage",
	}
	got := gqlData(t, s, `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, map[string]any{"ids": ids})["nodes"].([]any)
	wantTypes := []any{"User", "Identity", "Authenticator", "Authorization", "Session", "Role", "Group", "Resource", "Scope", "AuditLog", nil, nil, nil}
	var gotTypes []any
	for i, n := range got {
		if n == nil {
			gotTypes = append(gotTypes, nil)
			continue
		}
		gotTypes = append(gotTypes, n.(map[string]any)["__typename"])
		if id := n.(map[string]any)["id"]; id != ids[i] {
			t.Errorf("node %d id = %v, want %v", i, id, ids[i])
		}
	}
	if diff := cmp.Diff(wantTypes, gotTypes); diff != "" {
		t.Errorf("node types (-want +got):\n%s", diff)
	}

	one := gqlData(t, s, `query($id: ID!) { node(id: $id) { ... on Authorization { clientID scopes } } }`, map[string]any{"id": authz.NodeID})
	if diff := cmp.Diff(map[string]any{"clientID": "third-party", "scopes": []any{"openid", "email"}}, one["node"]); diff != "" {
		t.Errorf("authorization (-want +got):\n%s", diff)
	}
	list := gqlData(t, s, `query($id: ID!) { node(id: $id) { ... on User { authorizations { totalCount edges { node { id } } } } } }`, map[string]any{"id": u.NodeID})
	if got := nodesOf(t, dig(t, list, "node", "authorizations"), "id"); !cmp.Equal(got, []any{authz.NodeID}) {
		t.Errorf("authorizations = %v", got)
	}
	del := gqlData(t, s, `mutation($id: ID!) { deleteAuthorization(input: {authorizationID: $id}) { user { authorizations { totalCount } } } }`, map[string]any{"id": authz.NodeID})
	if dig(t, del, "deleteAuthorization", "user", "authorizations", "totalCount") != float64(0) {
		t.Errorf("after delete = %v", del)
	}
	e := gqlError(t, s, `mutation($id: ID!) { deleteAuthorization(input: {authorizationID: $id}) { user { id } } }`, map[string]any{"id": authz.NodeID})
	checkAPIError(t, e, "authorization not found", "NotFound", "AuthorizationNotFound")
}

func TestFraudProtectionIsEmpty(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	got := gqlData(t, s, `{
		fraudProtectionLogs(first: 10, verdicts: [blocked]) { totalCount edges { cursor } pageInfo { hasNextPage } }
		fraudProtectionOverview { sendSMS { total blocked flagged timeBuckets { hour } topIPLocations { total } topSMSOrigins { total } topSourceIPs { total } } }
	}`, nil)
	want := map[string]any{
		"fraudProtectionLogs": map[string]any{"totalCount": float64(0), "edges": []any{}, "pageInfo": map[string]any{"hasNextPage": false}},
		"fraudProtectionOverview": map[string]any{"sendSMS": map[string]any{
			"total": float64(0), "blocked": float64(0), "flagged": float64(0),
			"timeBuckets": []any{}, "topIPLocations": []any{}, "topSMSOrigins": []any{}, "topSourceIPs": []any{},
		}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fraud protection (-want +got):\n%s", diff)
	}
}

func TestOAuthIdentities(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u := seed(t, s, SeedUser{Username: "alice"})
	id, err := s.SeedOAuthIdentity(SeedOAuthIdentity{UserID: u.NodeID, ProviderAlias: "google", SubjectID: "g-123",
		Email: "Alice@Example.com", Profile: map[string]any{"name": "Alice"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SeedOAuthIdentity(SeedOAuthIdentity{UserID: u.NodeID, ProviderAlias: "google", SubjectID: "g-123"}); err == nil {
		t.Error("the same provider account connected twice")
	}
	got := gqlData(t, s, `query($id: ID!) {
		getUserByOAuth(oauthProviderAlias: "google", oauthProviderUserID: "g-123") { id standardAttributes }
		none: getUserByOAuth(oauthProviderAlias: "google", oauthProviderUserID: "nope") { id }
		node(id: $id) { ... on User {
			oauthConnections { id type claims }
			loginIDs { type }
			passkeys { id }
			biometricRegistrations { id }
			oauth: identities(identityType: OAUTH) { totalCount }
			passkey: identities(identityType: PASSKEY) { totalCount }
			all: identities { totalCount }
		} }
	}`, map[string]any{"id": u.NodeID})
	if dig(t, got, "getUserByOAuth", "id") != u.NodeID || got["none"] != nil {
		t.Errorf("getUserByOAuth = %v, none = %v", got["getUserByOAuth"], got["none"])
	}
	if dig(t, got, "getUserByOAuth", "standardAttributes", "email") != "alice@example.com" {
		t.Errorf("email attribute from the provider = %v", dig(t, got, "getUserByOAuth", "standardAttributes"))
	}
	node := got["node"].(map[string]any)
	conn := dig(t, node, "oauthConnections", 0).(map[string]any)
	if conn["id"] != id.NodeID || conn["type"] != "OAUTH" ||
		dig(t, conn, "claims", "https://authgear.com/claims/oauth/subject_id") != "g-123" ||
		dig(t, conn, "claims", "https://authgear.com/claims/oauth/profile", "name") != "Alice" {
		t.Errorf("OAuth connection = %v", conn)
	}
	if diff := cmp.Diff(map[string]any{
		"loginIDs": []any{map[string]any{"type": "LOGIN_ID"}}, "passkeys": []any{}, "biometricRegistrations": []any{},
		"oauth": map[string]any{"totalCount": float64(1)}, "passkey": map[string]any{"totalCount": float64(0)},
		"all": map[string]any{"totalCount": float64(2)},
	}, node, cmpIgnoreKeys("oauthConnections")); diff != "" {
		t.Errorf("identities (-want +got):\n%s", diff)
	}
	gqlData(t, s, `mutation($id: ID!) { deleteIdentity(input: {identityID: $id}) { user { id } } }`, map[string]any{"id": id.NodeID})
	if got := s.AuditLogs()[0].ActivityType; got != "IDENTITY_OAUTH_DISCONNECTED" {
		t.Errorf("first audit entry = %s, want IDENTITY_OAUTH_DISCONNECTED", got)
	}
}
