package adminapi

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Fixed times of the fake answers.
var (
	t1     = time.Date(2026, 12, 3, 15, 34, 57, 0, time.UTC)
	t2     = time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)
	t1JSON = t1.Format(time.RFC3339)
	t2JSON = t2.Format(time.RFC3339)
)

// opCase is one call of a method against a fake server: the operation and
// variables it must send, the data the server answers, and the result the
// method must return.
type opCase struct {
	name   string
	call   func(ctx context.Context, c *Client) (any, error)
	op     string
	vars   map[string]any // as JSON-decoded; nil skips the check
	answer any            // "data" of the answer
	want   any            // nil skips the check
}

func runOpCases(t *testing.T, cases []opCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, fs := newFakeServer(t, graphqlHandler(t, func(string, map[string]any) any { return tc.answer }))
			got, err := tc.call(t.Context(), c)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			reqs := fs.Requests()
			if len(reqs) != 1 || reqs[0].Body.OperationName != tc.op {
				t.Fatalf("requests %d, operation %q; want one %s", len(reqs), reqs[0].Body.OperationName, tc.op)
			}
			if tc.vars != nil {
				if diff := cmp.Diff(tc.vars, reqs[0].Body.Variables); diff != "" {
					t.Errorf("variables mismatch (-want +got):\n%s", diff)
				}
			}
			if tc.want != nil {
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("result mismatch (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// refusedCase is a call that must fail with ErrInvalidInput before sending.
type refusedCase struct {
	name string
	call func(ctx context.Context, c *Client) error
}

func runRefusedCases(t *testing.T, cases []refusedCase) {
	t.Helper()
	c, fs := newFakeServer(t, noRequest(t))
	for _, tc := range cases {
		if err := tc.call(t.Context(), c); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: error = %v; want ErrInvalidInput", tc.name, err)
		}
	}
	if n := len(fs.Requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// drain collects an iterator, failing on an error.
func drain[T any](t *testing.T, seq func(func(*T, error) bool)) []*T {
	t.Helper()
	var out []*T
	for v, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// firstErr returns the first error an iterator yields.
func firstErr[T any](seq func(func(*T, error) bool)) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}

// page returns a connection answer holding nodes, with offset cursors
// starting at start.
func page(start int, hasNext bool, nodes ...any) map[string]any {
	edges := []any{}
	for i, n := range nodes {
		edges = append(edges, map[string]any{"cursor": fmt.Sprintf("offset:%d", start+i), "node": n})
	}
	return map[string]any{
		"totalCount": nil,
		"pageInfo":   map[string]any{"hasNextPage": hasNext, "endCursor": fmt.Sprintf("offset:%d", start+len(nodes)-1)},
		"edges":      edges,
	}
}

func TestNodeIDOf(t *testing.T) {
	t.Parallel()
	u := uuidN(7)
	tests := []struct {
		typ, in, want string
	}{
		{typeRole, u, NodeID("Role", u)},
		{typeRole, strings.ToUpper(u), NodeID("Role", u)},
		{typeRole, NodeID("Role", "r1"), NodeID("Role", "r1")},
		{typeRole, NodeID("Role", "r1") + "==", NodeID("Role", "r1")},
		{typeUser, u, NodeID("User", u)},
		{typeSession, NodeID("Session", "s"), NodeID("Session", "s")},
	}
	for _, tt := range tests {
		got, err := nodeIDOf(tt.typ, tt.in)
		if err != nil || got != tt.want {
			t.Errorf("nodeIDOf(%s, %q) = %q, %v; want %q", tt.typ, tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []struct{ typ, in, why string }{
		{typeRole, "", "neither"},
		{typeRole, "garbage!", "neither"},
		{typeRole, NodeID("Group", "g"), "the node id of a Group, not a Role"},
		{typeIdentity, NodeID("User", u), "not a Identity"},
	} {
		_, err := nodeIDOf(bad.typ, bad.in)
		var e *Error
		if !errors.Is(err, ErrInvalidInput) || !errors.As(err, &e) || !strings.Contains(e.Message, bad.why) || !strings.Contains(e.Hint, bad.typ) {
			t.Errorf("nodeIDOf(%s, %q) error = %v; want ErrInvalidInput saying %q", bad.typ, bad.in, err, bad.why)
		}
	}
}

func TestGetNodeTypeMismatch(t *testing.T) {
	t.Parallel()
	// The server answers a Role id with a node of type Role only; any other
	// __typename (or null) means there is no such role.
	for _, node := range []any{nil, map[string]any{"__typename": "User", "id": "x"}} {
		c, _ := newFakeServer(t, graphqlHandler(t, func(string, map[string]any) any { return map[string]any{"node": node} }))
		if _, err := c.GetRole(t.Context(), NodeID("Role", "r1")); !errors.Is(err, ErrNotFound) {
			t.Errorf("node %v: error = %v; want ErrNotFound", node, err)
		}
	}
}

func TestGetUsers(t *testing.T) {
	t.Parallel()
	const n = 250
	var ids []string
	for i := range n {
		ids = append(ids, uuidN(i))
	}
	var (
		mu     sync.Mutex
		chunks []int
	)
	c, _ := newFakeServer(t, graphqlHandler(t, func(op string, vars map[string]any) any {
		if op != "GetUserNodes" {
			t.Errorf("operation %q", op)
		}
		asked := vars["ids"].([]any)
		mu.Lock()
		chunks = append(chunks, len(asked))
		mu.Unlock()
		nodes := []any{}
		for _, id := range asked {
			_, raw, _ := ParseNodeID(id.(string))
			var i int
			fmt.Sscanf(raw[len(raw)-12:], "%d", &i)
			if i%3 == 0 {
				nodes = append(nodes, nil) // missing
				continue
			}
			nodes = append(nodes, fakeUser(raw, t1, `{}`, `{}`))
		}
		return map[string]any{"nodes": nodes}
	}))
	users, err := c.GetUsers(t.Context(), ids)
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if diff := cmp.Diff([]int{100, 100, 50}, chunks); diff != "" {
		t.Errorf("chunk sizes (-want +got):\n%s", diff)
	}
	if len(users) != n {
		t.Fatalf("%d users for %d ids", len(users), n)
	}
	for i, u := range users {
		switch {
		case i%3 == 0 && u != nil:
			t.Errorf("users[%d] = %s; want nil", i, u.RawID)
		case i%3 != 0 && (u == nil || u.RawID != ids[i]):
			t.Errorf("users[%d] = %v; want %s", i, u, ids[i])
		}
	}
	if got, err := c.GetUsers(t.Context(), nil); err != nil || len(got) != 0 {
		t.Errorf("GetUsers(nil) = %v, %v", got, err)
	}
	if _, err := c.GetUsers(t.Context(), []string{ids[0], "garbage"}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("GetUsers(garbage) error = %v; want ErrInvalidInput", err)
	}
}

func TestGetUsersShortAnswer(t *testing.T) {
	t.Parallel()
	c, _ := newFakeServer(t, graphqlHandler(t, func(string, map[string]any) any {
		return map[string]any{"nodes": []any{}}
	}))
	if _, err := c.GetUsers(t.Context(), []string{uuidN(1)}); !errors.Is(err, ErrServer) {
		t.Errorf("error = %v; want ErrServer", err)
	}
}

func TestNodeListNotFound(t *testing.T) {
	t.Parallel()
	c, _ := newFakeServer(t, graphqlHandler(t, func(string, map[string]any) any { return map[string]any{"node": nil} }))
	err := firstErr(c.ListUserRoles(t.Context(), uuidN(1), nil))
	var e *Error
	if !errors.Is(err, ErrNotFound) || !errors.As(err, &e) || e.Operation != "ListUserRoles" {
		t.Errorf("error = %v; want ErrNotFound from ListUserRoles", err)
	}
	if err := firstErr(c.ListRoleUsers(t.Context(), NodeID("User", uuidN(1)), nil)); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("user id as role id: error = %v; want ErrInvalidInput", err)
	}
}

// TestMutateMissingPayload checks that a null payload is an error, not a
// nil result.
func TestMutateMissingPayload(t *testing.T) {
	t.Parallel()
	c, _ := newFakeServer(t, graphqlHandler(t, func(string, map[string]any) any {
		return map[string]any{"createRole": nil}
	}))
	if _, err := c.CreateRole(t.Context(), NewRole{Key: "r"}); !errors.Is(err, ErrServer) {
		t.Errorf("error = %v; want ErrServer", err)
	}
}

// collectSeq collects an iterator up to its first error.
func collectSeq[T any](seq func(func(*T, error) bool)) ([]*T, error) {
	var out []*T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}
