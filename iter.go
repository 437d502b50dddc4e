package adminapi

import (
	"context"
	"fmt"
	"iter"
)

// Page size limits of the server: larger requests are silently reduced to
// them.
const (
	maxPageSize         = 100
	maxResourcePageSize = 1000
)

// PageOptions tunes the iterators over lists that take no filter, such as
// [Client.ListUserRoles]. A nil *PageOptions means all defaults.
type PageOptions struct {
	// PageSize is the number of items per request: 0 means the server's
	// maximum (100), and larger values are reduced to it.
	PageSize int
}

func (o *PageOptions) size() int {
	if o == nil {
		return 0
	}
	return o.PageSize
}

// connection is the shape of every Relay connection this package reads; N is
// the generated fragment type of its nodes.
type connection[N any] struct {
	TotalCount *int `json:"totalCount"`
	PageInfo   struct {
		HasNextPage bool    `json:"hasNextPage"`
		EndCursor   *string `json:"endCursor"`
	} `json:"pageInfo"`
	Edges []*struct {
		Cursor string `json:"cursor"`
		Node   *N     `json:"node"`
	} `json:"edges"`
}

// pager describes a paged list: how to fetch one page of fragments N and
// how to turn a fragment into the T the iterator yields.
type pager[N, T any] struct {
	// op names the operation in errors.
	op string
	// pageSize is the caller's choice; 0 means max.
	pageSize, max int
	// fetch reads up to first items after the cursor after (nil for the
	// first page). A nil connection counts as an empty page.
	fetch func(ctx context.Context, first int, after *string) (*connection[N], error)
	// id returns a node's id, to skip nodes already yielded.
	id func(*N) string
	// convert makes the yielded value.
	convert func(*N) *T
}

// seq returns an iterator over every item of the list. It requests pages as
// the loop advances and stops at the first error (yielded once, with a nil
// item), when the server reports no next page or sends an empty page, or
// when the loop breaks. Because the server's cursors are offsets, rows
// inserted while paging can shift items onto the next page; items whose id
// was already yielded are skipped.
func (p pager[N, T]) seq(ctx context.Context) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		first, err := pageSize(p.pageSize, p.max)
		if err != nil {
			yield(nil, err)
			return
		}
		seen := make(map[string]struct{})
		var after *string
		for {
			conn, err := p.fetch(ctx, first, after)
			if err != nil {
				yield(nil, err)
				return
			}
			if conn == nil || len(conn.Edges) == 0 {
				return
			}
			last := ""
			for _, edge := range conn.Edges {
				if edge == nil {
					continue
				}
				last = edge.Cursor
				if edge.Node == nil {
					continue
				}
				id := p.id(edge.Node)
				if _, dup := seen[id]; dup {
					continue
				}
				seen[id] = struct{}{}
				if !yield(p.convert(edge.Node), nil) {
					return
				}
			}
			if !conn.PageInfo.HasNextPage {
				return
			}
			next := deref(conn.PageInfo.EndCursor)
			if next == "" {
				next = last
			}
			if next == "" || after != nil && next == *after {
				yield(nil, answerError(p.op, "the server reported more pages but gave no new cursor", nil))
				return
			}
			after = &next
		}
	}
}

// pageSize checks a caller's page size: 0 means max, larger values are
// reduced to max, negative ones are refused.
func pageSize(n, max int) (int, error) {
	switch {
	case n < 0:
		return 0, invalidArgError(fmt.Sprintf("page size %d is negative", n))
	case n == 0 || n > max:
		return max, nil
	}
	return n, nil
}

// nodeList returns the iterator over the connection field of the node id
// (of GraphQL type typ) that the generated operation op (query) reads;
// vars builds its variables for one page. A malformed id is reported by the
// iterator before any request; a node that does not exist as an [*Error]
// matching [ErrNotFound].
func nodeList[N, T any](ctx context.Context, c *Client, op, query, typ, id, field string, size int,
	vars func(nodeID string, first int, after *string) any, nodeID func(*N) string, convert func(*N) *T,
) iter.Seq2[*T, error] {
	nid, err := nodeIDOf(typ, id)
	if err != nil {
		return errSeq[T](err)
	}
	return pager[N, T]{
		op: op, pageSize: size, max: maxPageSize,
		fetch: func(ctx context.Context, first int, after *string) (*connection[N], error) {
			return nodeConnection[N](ctx, c, op, query, typ, id, field, vars(nid, first, after))
		},
		id:      nodeID,
		convert: convert,
	}.seq(ctx)
}

// pageVars are the variables of the generated operations that read one page
// of a node's connection without filters.
type pageVars struct {
	ID    string  `json:"id"`
	First int     `json:"first"`
	After *string `json:"after"`
}

func plainPageVars(nodeID string, first int, after *string) any {
	return &pageVars{ID: nodeID, First: first, After: after}
}

// errSeq is an iterator that yields err once.
func errSeq[T any](err error) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) { yield(nil, err) }
}
