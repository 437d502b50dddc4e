package adminapi

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// item is the fragment type of the fake lists below.
type item struct{ ID string }

// fakeList serves pages of ids with offset cursors "offset:N" and records
// the arguments it was asked with.
type fakeList struct {
	ids []string
	// shift makes each later page start that many rows earlier, as rows
	// inserted before the cursor would.
	shift int
	// hasNextAlways reports a next page even at the end.
	hasNextAlways bool
	// noEndCursor leaves pageInfo.endCursor null.
	noEndCursor bool
	// staleCursor repeats the first page's end cursor.
	staleCursor bool
	// failAt is the 1-based call that fails; 0 for none.
	failAt int
	calls  []string // "first/after"
}

var errFake = errors.New("fake failure")

func (f *fakeList) fetch(_ context.Context, first int, after *string) (*connection[item], error) {
	a := "<nil>"
	if after != nil {
		a = *after
	}
	f.calls = append(f.calls, fmt.Sprintf("%d/%s", first, a))
	if len(f.calls) == f.failAt {
		return nil, errFake
	}
	start := 0
	if after != nil {
		fmt.Sscanf(*after, "offset:%d", &start)
		start = start + 1 - f.shift
	}
	conn := &connection[item]{}
	end := min(start+first, len(f.ids))
	for i := start; i < end; i++ {
		conn.Edges = append(conn.Edges, &struct {
			Cursor string `json:"cursor"`
			Node   *item  `json:"node"`
		}{fmt.Sprintf("offset:%d", i), &item{f.ids[i]}})
	}
	conn.PageInfo.HasNextPage = end < len(f.ids) || f.hasNextAlways
	if end > start && !f.noEndCursor {
		c := fmt.Sprintf("offset:%d", end-1)
		if f.staleCursor {
			c = fmt.Sprintf("offset:%d", first-1)
		}
		conn.PageInfo.EndCursor = &c
	}
	return conn, nil
}

func ids(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprint("id", i)
	}
	return out
}

func collectItems(seq func(func(*item, error) bool), limit int) (got []string, errs []error) {
	for it, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, it.ID)
		if limit > 0 && len(got) == limit {
			break
		}
	}
	return got, errs
}

func TestPager(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		list      fakeList
		size, max int
		limit     int // break after this many items; 0 for none
		want      []string
		wantCalls []string
		wantErr   error
	}{
		{name: "default size is max", list: fakeList{ids: ids(5)}, max: 2, want: ids(5),
			wantCalls: []string{"2/<nil>", "2/offset:1", "2/offset:3"}},
		{name: "size clamped to max", list: fakeList{ids: ids(3)}, size: 1000, max: 100, want: ids(3),
			wantCalls: []string{"100/<nil>"}},
		{name: "resource clamp", list: fakeList{ids: ids(3)}, size: 5000, max: 1000, want: ids(3),
			wantCalls: []string{"1000/<nil>"}},
		{name: "small pages", list: fakeList{ids: ids(3)}, size: 2, max: 100, want: ids(3),
			wantCalls: []string{"2/<nil>", "2/offset:1"}},
		{name: "negative size", list: fakeList{ids: ids(3)}, size: -1, max: 100, wantErr: ErrInvalidInput},
		{name: "empty list", list: fakeList{}, max: 100, wantCalls: []string{"100/<nil>"}},
		{name: "empty page ends despite hasNextPage", list: fakeList{ids: ids(2), hasNextAlways: true}, size: 2, max: 100,
			want: ids(2), wantCalls: []string{"2/<nil>", "2/offset:1"}},
		{name: "shifted rows de-duplicated", list: fakeList{ids: ids(6), shift: 1}, size: 3, max: 100, want: ids(6),
			wantCalls: []string{"3/<nil>", "3/offset:2", "3/offset:4"}},
		{name: "missing end cursor uses last edge", list: fakeList{ids: ids(3), noEndCursor: true}, size: 2, max: 100,
			want: ids(3), wantCalls: []string{"2/<nil>", "2/offset:1"}},
		{name: "stale cursor", list: fakeList{ids: ids(6), staleCursor: true}, size: 2, max: 100,
			want: ids(4), wantCalls: []string{"2/<nil>", "2/offset:1"}, wantErr: ErrServer},
		{name: "error stops", list: fakeList{ids: ids(5), failAt: 2}, size: 2, max: 100,
			want: ids(2), wantCalls: []string{"2/<nil>", "2/offset:1"}, wantErr: errFake},
		{name: "early break", list: fakeList{ids: ids(10)}, size: 3, max: 100, limit: 2,
			want: ids(2), wantCalls: []string{"3/<nil>"}},
		{name: "break at page end", list: fakeList{ids: ids(10)}, size: 3, max: 100, limit: 3,
			want: ids(3), wantCalls: []string{"3/<nil>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := tt.list
			p := pager[item, item]{
				op: "Fake", pageSize: tt.size, max: tt.max, fetch: l.fetch,
				id: func(i *item) string { return i.ID }, convert: func(i *item) *item { return i },
			}
			got, errs := collectItems(p.seq(t.Context()), tt.limit)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("items mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantCalls, l.calls); diff != "" {
				t.Errorf("requests mismatch (-want +got):\n%s", diff)
			}
			switch {
			case tt.wantErr == nil && len(errs) != 0:
				t.Errorf("errors %v; want none", errs)
			case tt.wantErr != nil && (len(errs) != 1 || !errors.Is(errs[0], tt.wantErr)):
				t.Errorf("errors %v; want exactly one matching %v", errs, tt.wantErr)
			}
		})
	}
}

func TestPageSize(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ n, max, want int }{{0, 100, 100}, {1, 100, 1}, {100, 100, 100}, {101, 100, 100}, {999, 1000, 999}, {1001, 1000, 1000}} {
		if got, err := pageSize(tt.n, tt.max); err != nil || got != tt.want {
			t.Errorf("pageSize(%d, %d) = %d, %v; want %d", tt.n, tt.max, got, err, tt.want)
		}
	}
	if _, err := pageSize(-5, 100); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("pageSize(-5) error = %v; want ErrInvalidInput", err)
	}
}
