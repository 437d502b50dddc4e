package adminapitest

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// seedN seeds n users created one second apart, oldest first, and returns
// their node ids in creation order.
func seedN(t *testing.T, s *Server, n int) []string {
	t.Helper()
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	ids := make([]string, n)
	for i := range n {
		u, err := s.SeedUser(SeedUser{Email: fmt.Sprintf("user%03d@example.com", i), CreatedAt: base.Add(time.Duration(i) * time.Second)})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = u.NodeID
	}
	return ids
}

const pageQuery = `query($first: Int, $last: Int, $after: String, $before: String, $dir: SortDirection) {
	users(first: $first, last: $last, after: $after, before: $before, sortBy: CREATED_AT, sortDirection: $dir) {
		totalCount
		pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
		edges { cursor node { id } }
	}
}`

type usersPage struct {
	ids       []string
	cursors   []string
	info      map[string]any
	total     float64
	endCursor string
}

func fetchPage(t *testing.T, s *Server, vars map[string]any) usersPage {
	t.Helper()
	users := gqlData(t, s, pageQuery, vars)["users"].(map[string]any)
	p := usersPage{info: users["pageInfo"].(map[string]any), total: users["totalCount"].(float64)}
	for _, e := range users["edges"].([]any) {
		e := e.(map[string]any)
		p.cursors = append(p.cursors, e["cursor"].(string))
		p.ids = append(p.ids, e["node"].(map[string]any)["id"].(string))
	}
	p.endCursor, _ = p.info["endCursor"].(string)
	return p
}

func TestPaginationAcross250Users(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	want := seedN(t, s, 250)

	var got []string
	seen := map[string]bool{}
	vars := map[string]any{"first": 150, "dir": "ASC"} // clamped to 100
	var sizes []int
	for {
		p := fetchPage(t, s, vars)
		if p.total != 250 {
			t.Fatalf("totalCount = %v, want 250", p.total)
		}
		sizes = append(sizes, len(p.ids))
		for _, id := range p.ids {
			if seen[id] {
				t.Fatalf("user %s listed twice", id)
			}
			seen[id] = true
		}
		got = append(got, p.ids...)
		if !p.info["hasNextPage"].(bool) {
			break
		}
		vars["after"] = p.endCursor
	}
	if diff := cmp.Diff([]int{100, 100, 50}, sizes); diff != "" {
		t.Errorf("page sizes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("users in creation order (-want +got):\n%s", diff)
	}
}

func TestPaginationCursorsAndPageInfo(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	ids := seedN(t, s, 5)
	cursor := func(n int) string { return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "offset:%d", n)) }
	if cursor(0) != "b2Zmc2V0OjA" {
		t.Fatalf("cursor(0) = %s", cursor(0))
	}
	tests := []struct {
		name     string
		vars     map[string]any
		want     []string
		hasNext  bool
		hasPrev  bool
		firstCur int
	}{
		// The server reports hasPreviousPage whenever paging forward, and
		// hasNextPage when a page is full.
		{"first 2", map[string]any{"first": 2, "dir": "ASC"}, ids[0:2], true, true, 0},
		{"after 1", map[string]any{"first": 2, "after": cursor(1), "dir": "ASC"}, ids[2:4], true, true, 2},
		{"last page not full", map[string]any{"first": 2, "after": cursor(3), "dir": "ASC"}, ids[4:5], false, true, 4},
		{"full last page", map[string]any{"first": 5, "dir": "ASC"}, ids, true, true, 0},
		{"default order is newest first", map[string]any{"first": 2}, []string{ids[4], ids[3]}, true, true, 0},
		{"between cursors", map[string]any{"after": cursor(0), "before": cursor(4), "dir": "ASC"}, ids[1:4], false, true, 1},
		{"between cursors, last 2", map[string]any{"after": cursor(0), "before": cursor(4), "last": 2, "dir": "ASC"}, ids[2:4], true, true, 2},
		{"first 0", map[string]any{"first": 0, "dir": "ASC"}, nil, true, true, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := fetchPage(t, s, tt.vars)
			if diff := cmp.Diff(tt.want, p.ids); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
			if p.info["hasNextPage"] != tt.hasNext || p.info["hasPreviousPage"] != tt.hasPrev {
				t.Errorf("pageInfo = %v, want hasNextPage %v hasPreviousPage %v", p.info, tt.hasNext, tt.hasPrev)
			}
			if tt.firstCur >= 0 && (len(p.cursors) == 0 || p.cursors[0] != cursor(tt.firstCur)) {
				t.Errorf("cursors = %v, want the first to be offset %d", p.cursors, tt.firstCur)
			}
		})
	}
}

func TestPaginationErrors(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	seedN(t, s, 3)
	tests := []struct {
		name    string
		vars    map[string]any
		message string
		reason  string
	}{
		{"last alone", map[string]any{"last": 2}, "unsupported pagination", "InvalidQuery"},
		{"before alone", map[string]any{"first": 2, "before": "b2Zmc2V0OjI"}, "unsupported pagination", "InvalidQuery"},
		{"garbage cursor", map[string]any{"first": 2, "after": "garbage!"}, "invalid pagination cursor", "InvalidCursor"},
		{"wrong prefix", map[string]any{"first": 2, "after": base64.RawURLEncoding.EncodeToString([]byte("page:1"))}, "invalid pagination cursor", "InvalidCursor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := gql(t, s, pageQuery, tt.vars)
			if got.status != http.StatusOK {
				t.Fatalf("status = %d", got.status)
			}
			errs, _ := decode(t, got.body)["errors"].([]any)
			if len(errs) != 1 {
				t.Fatalf("errors = %v, want one", errs)
			}
			e := errs[0].(map[string]any)
			ext := e["extensions"].(map[string]any)
			if e["message"] != tt.message || ext["reason"] != tt.reason {
				t.Errorf("error = %v, want %q (%s)", e, tt.message, tt.reason)
			}
		})
	}
}

// TestNestedConnection checks a user's identities, which the server pages
// with graphql-relay's array connections.
func TestNestedConnection(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u, err := s.SeedUser(SeedUser{Email: "a@example.com", Phone: "+85298765432", Username: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	data := gqlData(t, s, `query($id: ID!) { node(id: $id) { ... on User {
		identities(first: 2) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { claims } } }
	} } }`, map[string]any{"id": u.NodeID})
	conn := data["node"].(map[string]any)["identities"].(map[string]any)
	want := map[string]any{
		"totalCount": float64(3),
		"pageInfo":   map[string]any{"hasNextPage": true, "hasPreviousPage": false, "endCursor": "YXJyYXljb25uZWN0aW9uOjE="},
		"edges": []any{
			map[string]any{"cursor": "YXJyYXljb25uZWN0aW9uOjA=", "node": map[string]any{"claims": u.Identities[0].Claims}},
			map[string]any{"cursor": "YXJyYXljb25uZWN0aW9uOjE=", "node": map[string]any{"claims": u.Identities[1].Claims}},
		},
	}
	if diff := cmp.Diff(want, conn); diff != "" {
		t.Errorf("identities (-want +got):\n%s", diff)
	}
}
