package adminapitest

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// dig walks a decoded JSON value along keys (strings for objects, ints for
// arrays) and fails the test if the path does not exist.
func dig(t *testing.T, v any, path ...any) any {
	t.Helper()
	for _, p := range path {
		switch p := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("dig %v: %v is not an object", path, v)
			}
			if v, ok = m[p]; !ok {
				t.Fatalf("dig %v: no key %q in %v", path, p, m)
			}
		case int:
			a, ok := v.([]any)
			if !ok || p >= len(a) {
				t.Fatalf("dig %v: no index %d in %v", path, p, v)
			}
			v = a[p]
		}
	}
	return v
}

// nodesOf returns the field of every node of a connection.
func nodesOf(t *testing.T, conn any, field string) []any {
	t.Helper()
	var out []any
	for _, e := range dig(t, conn, "edges").([]any) {
		out = append(out, dig(t, e, "node", field))
	}
	return out
}

// mustSeedRole seeds a role or fails the test.
func mustSeedRole(t *testing.T, s *Server, r SeedRole) *RoleState {
	t.Helper()
	st, err := s.SeedRole(r)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// mustSeedGroup seeds a group or fails the test.
func mustSeedGroup(t *testing.T, s *Server, g SeedGroup) *GroupState {
	t.Helper()
	st, err := s.SeedGroup(g)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// cmpIgnoreKeys makes cmp.Diff of map[string]any ignore the keys.
func cmpIgnoreKeys(keys ...string) cmp.Option {
	return cmpopts.IgnoreMapEntries(func(k string, _ any) bool { return slices.Contains(keys, k) })
}
