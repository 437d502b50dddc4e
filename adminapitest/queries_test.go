package adminapitest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestGetUserByLoginID(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u := seed(t, s, SeedUser{Email: "a@example.com", Phone: "+14155550100", Username: "alice"})
	const q = `query($key: String!, $value: String!) { getUserByLoginID(loginIDKey: $key, loginIDValue: $value) { id } }`
	for _, tt := range []struct{ key, value string }{{"email", "A@Example.com"}, {"phone", "+14155550100"}, {"username", "ALICE"}} {
		got := gqlData(t, s, q, map[string]any{"key": tt.key, "value": tt.value})["getUserByLoginID"]
		if diff := cmp.Diff(map[string]any{"id": u.NodeID}, got); diff != "" {
			t.Errorf("%s=%s (-want +got):\n%s", tt.key, tt.value, diff)
		}
	}
	if got := gqlData(t, s, q, map[string]any{"key": "email", "value": "b@example.com"})["getUserByLoginID"]; got != nil {
		t.Errorf("unknown login id: %v, want null", got)
	}
	checkAPIError(t, gqlError(t, s, q, map[string]any{"key": "nickname", "value": "x"}), "invalid Login ID key", "Invalid", "GetUsersInvalidArgument")
}

func TestGetUsersByStandardAttribute(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u := seed(t, s, SeedUser{Email: "a@example.com"})
	seed(t, s, SeedUser{Email: "b@example.com"})
	const q = `query($name: String!, $value: String!) { getUsersByStandardAttribute(attributeName: $name, attributeValue: $value) { id } }`
	got := gqlData(t, s, q, map[string]any{"name": "email", "value": "A@example.com"})["getUsersByStandardAttribute"]
	if diff := cmp.Diff([]any{map[string]any{"id": u.NodeID}}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := gqlData(t, s, q, map[string]any{"name": "phone_number", "value": "+14155550199"})["getUsersByStandardAttribute"]; !cmp.Equal(got, []any{}) {
		t.Errorf("no match: %v, want []", got)
	}
	checkAPIError(t, gqlError(t, s, q, map[string]any{"name": "name", "value": "x"}), "attributeName must be email, phone_number or preferred_username", "Invalid", "GetUsersInvalidArgument")
	checkAPIError(t, gqlError(t, s, q, map[string]any{"name": "email", "value": "nonsense"}), "invalid attributeValue", "Invalid", "GetUsersInvalidArgument")
}

func TestNodes(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u := seed(t, s, SeedUser{Email: "a@example.com"})
	got := gqlData(t, s, `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, map[string]any{
		"ids": []string{u.Identities[0].NodeID, "garbage", u.NodeID},
	})["nodes"]
	want := []any{
		map[string]any{"__typename": "Identity", "id": u.Identities[0].NodeID},
		nil,
		map[string]any{"__typename": "User", "id": u.NodeID},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}
}

func listEmails(t *testing.T, s *Server, args string) []string {
	t.Helper()
	if args != "" {
		args = "(" + args + ")"
	}
	data := gqlData(t, s, `{ users`+args+` { edges { node { standardAttributes } } } }`, nil)
	var out []string
	for _, e := range data["users"].(map[string]any)["edges"].([]any) {
		out = append(out, e.(map[string]any)["node"].(map[string]any)["standardAttributes"].(map[string]any)["email"].(string))
	}
	return out
}

func TestUsersSearchAndSort(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	seedN(t, s, 3) // user000..user002, oldest first
	seed(t, s, SeedUser{Email: "zed@example.com", StandardAttributes: map[string]any{"name": "Zed Smith"}})
	tests := []struct {
		args string
		want []string
	}{
		{`searchKeyword: "USER00", sortBy: CREATED_AT, sortDirection: ASC`, []string{"user000@example.com", "user001@example.com", "user002@example.com"}},
		{`searchKeyword: "smith"`, []string{"zed@example.com"}},
		{`sortBy: CREATED_AT, sortDirection: DESC, first: 2`, []string{"zed@example.com", "user002@example.com"}},
		{`sortBy: LAST_LOGIN_AT, sortDirection: ASC, first: 2`, []string{"user000@example.com", "user001@example.com"}},
		{`roleKeys: ["admin"]`, nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, listEmails(t, s, tt.args)); diff != "" {
			t.Errorf("users(%s) (-want +got):\n%s", tt.args, diff)
		}
	}
}

func TestSearchIndexLag(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithSearchIndexLag(true))
	seeded := seed(t, s, SeedUser{Email: "seeded@example.com"})
	created := createdID(t, gqlData(t, s, createA, nil))

	if got := listEmails(t, s, ""); !cmp.Equal(got, []string{"seeded@example.com"}) {
		t.Errorf("before refresh: %v, want only the seeded user", got)
	}
	if u := gqlData(t, s, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": created})["node"]; u == nil {
		t.Error("node does not read its own write")
	}
	s.RefreshSearchIndex()
	if got := listEmails(t, s, "sortBy: CREATED_AT, sortDirection: ASC"); !cmp.Equal(got, []string{"seeded@example.com", "a@example.com"}) {
		t.Errorf("after refresh: %v", got)
	}

	// A user deleted since the last refresh is still listed, as a null node.
	gqlData(t, s, `mutation($id: ID!) { deleteUser(input: {userID: $id}) { deletedUserID } }`, map[string]any{"id": seeded.NodeID})
	data := gqlData(t, s, `{ users(sortBy: CREATED_AT, sortDirection: ASC) { totalCount edges { node { id } } } }`, nil)
	users := data["users"].(map[string]any)
	if users["totalCount"] != float64(2) || users["edges"].([]any)[0].(map[string]any)["node"] != nil {
		t.Errorf("stale index: %v", users)
	}
}
