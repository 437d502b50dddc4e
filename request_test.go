package adminapi

import (
	"encoding/json"
	"io"
	"testing"

	"github.com/Khan/genqlient/graphql"
	"github.com/google/go-cmp/cmp"
)

// TestEncodeRequest checks that pooled encoding gives json.Marshal's bytes,
// also when a buffer is reused for a shorter body.
func TestEncodeRequest(t *testing.T) {
	t.Parallel()
	reqs := []*graphql.Request{
		{Query: GetUserNode_Operation, OpName: "GetUserNode", Variables: map[string]any{"id": "VXNlcjox"}},
		{Query: "{ a }"},
		{Query: `query Q($s: String) { a(s: $s) }`, OpName: "Q", Variables: map[string]any{"s": "<&> \u2028 \"x\""}},
	}
	for _, req := range reqs {
		want, err := json.Marshal(req)
		if err != nil {
			t.Fatal(err)
		}
		b, err := encodeRequest(req)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), string(b.bytes())); diff != "" {
			t.Errorf("encoded body mismatch (-want +got):\n%s", diff)
		}
		b.release()
	}
	if _, err := encodeRequest(&graphql.Request{Query: "{ a }", Variables: map[string]any{"f": func() {}}}); err == nil {
		t.Error("encoding a func succeeded")
	}
}

// TestRequestBodyReferences checks that a body is recycled only after the
// call and every reader (the request's and GetBody's) are done with it,
// however often each reader is closed.
func TestRequestBodyReferences(t *testing.T) {
	t.Parallel()
	b, err := encodeRequest(&graphql.Request{Query: "{ a }", OpName: "A"})
	if err != nil {
		t.Fatal(err)
	}
	want := string(b.bytes())
	r1 := b.reader()
	rc, err := b.getBody()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []io.Reader{r1, rc} {
		got, err := io.ReadAll(r)
		if err != nil || string(got) != want {
			t.Errorf("reader gave %q, %v; want %q", got, err, want)
		}
	}
	b.release() // the call is done; both readers still hold it
	if got := b.refs.Load(); got != 2 {
		t.Fatalf("references = %d, want 2", got)
	}
	r1.Close()
	r1.Close()
	if got := b.refs.Load(); got != 1 {
		t.Fatalf("references after closing one reader twice = %d, want 1", got)
	}
	rc.Close()
	if got := b.refs.Load(); got != 0 {
		t.Fatalf("references after the last close = %d, want 0", got)
	}
}
