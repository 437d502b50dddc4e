package adminapitest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestIdentityMutations(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u := seed(t, s, SeedUser{Email: "a@example.com"})
	other := seed(t, s, SeedUser{Email: "taken@example.com"})
	attrs := func() map[string]any {
		st, _ := s.User(u.ID)
		delete(st.StandardAttributes, "updated_at")
		return st.StandardAttributes
	}

	const create = `mutation($id: ID!, $key: String!, $value: String!, $pw: String) {
		createIdentity(input: {userID: $id, definition: {loginID: {key: $key, value: $value}}, password: $pw}) { identity { id type claims } user { id } }
	}`
	p := gqlData(t, s, create, map[string]any{"id": u.NodeID, "key": "phone", "value": "+85298765432", "pw": "first password"})["createIdentity"].(map[string]any)
	phoneID := p["identity"].(map[string]any)["id"].(string)
	if p["identity"].(map[string]any)["claims"].(map[string]any)["phone_number"] != "+85298765432" {
		t.Errorf("claims = %v", p["identity"])
	}
	if !s.CheckPassword(u.ID, "first password") {
		t.Error("createIdentity did not set the password of a user without one")
	}
	if diff := cmp.Diff(map[string]any{"email": "a@example.com", "email_verified": false, "phone_number": "+85298765432", "phone_number_verified": false}, attrs()); diff != "" {
		t.Errorf("after createIdentity (-want +got):\n%s", diff)
	}
	e := gqlError(t, s, create, map[string]any{"id": u.NodeID, "key": "email", "value": "TAKEN@example.com"})
	checkAPIError(t, e, "identity already exists", "Invalid", "InvariantViolated")

	emailID := u.Identities[0].NodeID
	const update = `mutation($uid: ID!, $iid: ID!, $value: String!) {
		updateIdentity(input: {userID: $uid, identityID: $iid, definition: {loginID: {key: "email", value: $value}}}) { identity { claims } }
	}`
	gqlData(t, s, update, map[string]any{"uid": u.NodeID, "iid": emailID, "value": "b@example.com"})
	if got := attrs()["email"]; got != "b@example.com" {
		t.Errorf("email after updateIdentity = %v", got)
	}
	checkAPIError(t, gqlError(t, s, update, map[string]any{"uid": other.NodeID, "iid": emailID, "value": "c@example.com"}), "identity not found", "NotFound", "IdentityNotFound")
	checkAPIError(t, gqlError(t, s, update, map[string]any{"uid": u.NodeID, "iid": "garbage", "value": "c@example.com"}), "invalid identity ID", "Invalid", "Invalid")

	const del = `mutation($id: ID!) { deleteIdentity(input: {identityID: $id}) { user { loginIDs { id } } } }`
	got := gqlData(t, s, del, map[string]any{"id": phoneID})["deleteIdentity"].(map[string]any)["user"]
	if diff := cmp.Diff(map[string]any{"loginIDs": []any{map[string]any{"id": emailID}}}, got); diff != "" {
		t.Errorf("after deleteIdentity (-want +got):\n%s", diff)
	}
	if _, ok := attrs()["phone_number"]; ok {
		t.Error("phone_number kept after its identity was deleted")
	}
	checkAPIError(t, gqlError(t, s, del, map[string]any{"id": phoneID}), "identity not found", "NotFound", "IdentityNotFound")
}
