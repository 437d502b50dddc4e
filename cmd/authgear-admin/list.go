package main

import (
	"iter"

	"github.com/spf13/cobra"
)

// listFlags are the paging flags of the list commands.
type listFlags struct {
	limit    int
	pageSize int
}

func (l *listFlags) register(cmd *cobra.Command, noun string) {
	f := cmd.Flags()
	f.IntVarP(&l.limit, "limit", "n", 0, "stop after this many "+noun+" (0: all)")
	f.IntVar(&l.pageSize, "page-size", 0, noun+" per request, 1-100 (default 100)")
}

// check validates the flags and returns the page size to request: no more
// than the limit needs.
func (l *listFlags) check() (int, error) {
	if l.limit < 0 {
		return 0, usageErrorf("--limit must be 0 (no limit) or more, got %d", l.limit)
	}
	if l.pageSize < 0 || l.pageSize > 100 {
		return 0, usageErrorf("--page-size must be between 1 and 100, got %d", l.pageSize)
	}
	if l.limit > 0 && (l.pageSize == 0 || l.limit < l.pageSize) {
		return min(l.limit, 100), nil
	}
	return l.pageSize, nil
}

// listing says how the items of a list print.
type listing[T any] struct {
	noun   string   // plural, for "no roles" and the progress spinner
	header []string // table columns
	// view returns the JSON/YAML form of an item and its table row.
	view func(T) (any, []string)
}

// printList prints the items of seq as they arrive, up to limit (0: all):
// NDJSON lines or YAML documents as each page comes in, or a table at the
// end with a spinner on a terminal meanwhile. An empty table prints a note
// on stderr instead. An error ends the list after what was printed.
func printList[T any](a *app, seq iter.Seq2[T, error], limit int, l listing[T]) error {
	out, err := a.newStream(l.header...)
	if err != nil {
		return err
	}
	var bar *progress
	if out.format == formatTable {
		bar = a.newProgress(-1, "fetching "+l.noun)
	}
	for item, err := range seq {
		if err != nil {
			bar.done()
			// Print what arrived before the failure, then the error.
			if cerr := out.close(); cerr != nil {
				return cerr
			}
			return err
		}
		v, row := l.view(item)
		if err := out.add(v, row); err != nil {
			bar.done()
			return err
		}
		bar.add(1)
		if limit > 0 && out.n >= limit {
			break
		}
	}
	bar.done()
	if out.n == 0 && out.format == formatTable {
		a.printf("no %s\n", l.noun)
		return nil
	}
	return out.close()
}
