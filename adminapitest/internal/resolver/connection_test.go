package resolver

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestArrayPage follows graphql-relay's connectionFromArray over five items.
func TestArrayPage(t *testing.T) {
	t.Parallel()
	n := func(v int) *int { return &v }
	c := func(i int) *string { s := arrayCursor(i); return &s }
	tests := []struct {
		name                 string
		first, last          *int
		after, before        *string
		start, end           int
		hasPrev, hasNext     bool
		startCursor, endCurs string
	}{
		{"all", nil, nil, nil, nil, 0, 5, false, false, arrayCursor(0), arrayCursor(4)},
		{"first 2", n(2), nil, nil, nil, 0, 2, false, true, arrayCursor(0), arrayCursor(1)},
		{"first 2 after 2", n(2), nil, c(2), nil, 3, 5, false, false, arrayCursor(3), arrayCursor(4)},
		{"last 2", nil, n(2), nil, nil, 3, 5, true, false, arrayCursor(3), arrayCursor(4)},
		{"last 2 before 3", nil, n(2), nil, c(3), 1, 3, true, false, arrayCursor(1), arrayCursor(2)},
		{"after the end", n(2), nil, c(9), nil, 0, 0, false, false, "", ""},
		{"bad cursor is ignored", n(1), nil, ptr("garbage"), nil, 0, 1, false, true, arrayCursor(0), arrayCursor(0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := arrayPage(5, tt.first, tt.last, tt.after, tt.before)
			got := []any{p.start, p.end, p.info.HasPreviousPage, p.info.HasNextPage, *p.info.StartCursor, *p.info.EndCursor, p.total}
			want := []any{tt.start, tt.end, tt.hasPrev, tt.hasNext, tt.startCursor, tt.endCurs, 5}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got) [start end hasPrev hasNext startCursor endCursor total]:\n%s", diff)
			}
		})
	}
	if arrayCursor(0) != "YXJyYXljb25uZWN0aW9uOjA=" {
		t.Errorf("arrayCursor(0) = %s", arrayCursor(0))
	}
}

func TestOffsetPageClamps(t *testing.T) {
	t.Parallel()
	n := 250
	p, err := offsetPage(300, &n, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.end-p.start != maxPageSize {
		t.Errorf("page of %d, want %d", p.end-p.start, maxPageSize)
	}
	neg := -1
	if p, err := offsetPage(300, &neg, nil, nil, nil); err != nil || p.end != maxPageSize {
		t.Errorf("negative first: %+v, %v; want the default page size", p, err)
	}
}
