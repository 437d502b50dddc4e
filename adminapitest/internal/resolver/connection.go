package resolver

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
	"github.com/authgear-admin/adminapi/adminapitest/internal/graph"
)

// maxPageSize is the server's largest page of a database list; bigger
// requests are reduced to it, and it is the default page size. The
// resources list allows maxResourcePageSize.
const (
	maxPageSize         = 100
	maxResourcePageSize = 1000
)

// page is one page of a list: the positions [start, end) of the full list,
// with the data of the connection around it.
type page struct {
	start, end int
	cursors    []string
	info       *graph.PageInfo
	total      int
}

func ptr[T any](v T) *T { return &v }

// Database lists (users, roles, groups, resources, audit logs, a role's or
// group's users, a resource's scopes) page like the server's database lists: cursors are
// base64url("offset:N"), and only some argument combinations are accepted.

const offsetPrefix = "offset:"

func offsetCursor(n int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(offsetPrefix + strconv.Itoa(n)))
}

var errInvalidCursor = apierr.New(apierr.Invalid, "InvalidCursor", "invalid pagination cursor")

func parseOffsetCursor(c *string) (*int, error) {
	if c == nil || *c == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(*c)
	if err != nil {
		return nil, errInvalidCursor
	}
	s, ok := strings.CutPrefix(string(b), offsetPrefix)
	if !ok {
		return nil, errInvalidCursor
	}
	n, err := strconv.ParseUint(s, 10, 31)
	if err != nil {
		return nil, errInvalidCursor
	}
	v := int(n)
	return &v, nil
}

// pageSize is the server's reading of a first/last argument: negative means
// absent, and larger values are reduced to limit.
func pageSize(n *int, limit int) *int {
	if n == nil || *n < 0 {
		return nil
	}
	return ptr(min(*n, limit))
}

// offsetPage pages a list of total items.
//
// It reproduces two quirks of the server: hasPreviousPage is true whenever
// paging forward, and hasNextPage is true whenever the page is full, even if
// nothing follows. An empty page has empty (not null) start and end cursors.
func offsetPage(total int, first, last *int, after, before *string) (page, error) {
	return offsetPageMax(total, maxPageSize, first, last, after, before)
}

// offsetPageMax is offsetPage with pages of at most limit items.
func offsetPageMax(total, maxSize int, first, last *int, after, before *string) (page, error) {
	first, last = pageSize(first, maxSize), pageSize(last, maxSize)
	if first == nil && last == nil {
		first = ptr(maxSize)
	}
	a, err := parseOffsetCursor(after)
	if err != nil {
		return page{}, err
	}
	b, err := parseOffsetCursor(before)
	if err != nil {
		return page{}, err
	}
	var offset, limit int
	switch {
	case a == nil && b == nil && first != nil && last == nil:
		offset, limit = 0, *first
	case a != nil && b == nil && first != nil && last == nil:
		offset, limit = *a+1, *first
	case a != nil && b != nil:
		offset = *a + 1
		limit = max(*b-offset, 0)
		if first != nil && *first < limit {
			limit = *first
		}
		if last != nil && *last < limit {
			offset += limit - *last
			limit = *last
		}
	default:
		return page{}, apierr.New(apierr.BadRequest, "InvalidQuery", "unsupported pagination")
	}
	p := page{start: min(offset, total), total: total}
	p.end = min(offset+limit, total)
	for i := p.start; i < p.end; i++ {
		p.cursors = append(p.cursors, offsetCursor(i))
	}
	n := p.end - p.start
	hasPrev, hasNext := true, true
	if first != nil {
		hasNext = n >= *first
	} else if last != nil {
		hasPrev = n >= *last
	}
	p.info = &graph.PageInfo{HasNextPage: hasNext, HasPreviousPage: hasPrev, StartCursor: ptr(""), EndCursor: ptr("")}
	if n > 0 {
		p.info.StartCursor, p.info.EndCursor = &p.cursors[0], &p.cursors[n-1]
	}
	return p, nil
}

// Lists nested in an object (a user's identities, sessions,
// authenticators, authorizations, roles and groups; a role's groups; a
// group's roles) page like
// graphql-relay's connectionFromArray, which the server uses for them:
// cursors are base64("arrayconnection:N"), sizes are not capped, and
// hasPreviousPage/hasNextPage are true only when paging in that direction
// and items remain. Malformed cursors are ignored.

const arrayPrefix = "arrayconnection:"

func arrayCursor(n int) string {
	return base64.StdEncoding.EncodeToString([]byte(arrayPrefix + strconv.Itoa(n)))
}

func arrayOffset(c *string, def int) int {
	if c == nil || *c == "" {
		return def
	}
	b, err := base64.StdEncoding.DecodeString(*c)
	if err != nil {
		return def
	}
	s, ok := strings.CutPrefix(string(b), arrayPrefix)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}

func arrayPage(total int, first, last *int, after, before *string) page {
	beforeOffset := arrayOffset(before, total)
	afterOffset := arrayOffset(after, -1)
	start := max(afterOffset, -1) + 1
	end := min(beforeOffset, total)
	if first != nil && *first >= 0 {
		end = min(end, start+*first)
	}
	if last != nil && *last >= 0 {
		start = max(start, end-*last)
	}
	p := page{total: total, info: &graph.PageInfo{StartCursor: ptr(""), EndCursor: ptr("")}}
	if start > end {
		return p
	}
	if start < end {
		p.start, p.end = start, end
		for i := start; i < end; i++ {
			p.cursors = append(p.cursors, arrayCursor(i))
		}
		p.info.StartCursor, p.info.EndCursor = &p.cursors[0], &p.cursors[len(p.cursors)-1]
	}
	lower := 0
	if after != nil && *after != "" {
		lower = afterOffset + 1
	}
	upper := total
	if before != nil && *before != "" {
		upper = beforeOffset
	}
	if last != nil && *last >= 0 {
		p.info.HasPreviousPage = start > lower
	}
	if first != nil && *first >= 0 {
		p.info.HasNextPage = end < upper
	}
	return p
}
