package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// Output formats. Streams (lists) print JSON as NDJSON, one object a line,
// and YAML as a sequence of documents.
const (
	formatTable = "table"
	formatJSON  = "json"
	formatYAML  = "yaml"
)

var outputFormats = []string{formatTable, formatJSON, formatYAML}

// format returns the output format: -o if given, else a table when stdout
// is a terminal and JSON otherwise.
func (a *app) format() (string, error) {
	switch f := strings.ToLower(strings.TrimSpace(a.global.output)); f {
	case "":
		if a.stdoutIsTerminal() {
			return formatTable, nil
		}
		return formatJSON, nil
	case formatTable, formatJSON, formatYAML:
		return f, nil
	case "ndjson", "jsonl":
		return formatJSON, nil
	default:
		return "", usageErrorf("unknown output format %q; use one of %s", a.global.output, strings.Join(outputFormats, ", "))
	}
}

// printValue writes v as indented JSON or YAML, or, in table format, the
// table tbl returns.
func (a *app) printValue(v any, tbl func() *table) error {
	f, err := a.format()
	if err != nil {
		return err
	}
	switch f {
	case formatTable:
		if tbl != nil {
			return tbl().render(a.stdout)
		}
		fallthrough // values without a table form print as JSON
	case formatJSON:
		return writeJSON(a.stdout, v, "  ")
	default:
		return writeYAML(a.stdout, v)
	}
}

func writeJSON(w io.Writer, v any, indent string) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	return enc.Encode(v)
}

func writeYAML(w io.Writer, v any) error {
	// Through JSON, so that the json tags and MarshalJSON methods of the
	// values decide the shape, as in JSON output.
	var buf bytes.Buffer
	if err := writeJSON(&buf, v, ""); err != nil {
		return err
	}
	out, err := yaml.JSONToYAML(buf.Bytes())
	if err != nil {
		return fmt.Errorf("encoding YAML: %w", err)
	}
	_, err = w.Write(out)
	return err
}

// stream prints the items of a list as they arrive: NDJSON lines, YAML
// documents, or table rows, which are rendered together by close because a
// table needs every row to size its columns.
type stream struct {
	w      io.Writer
	format string
	tbl    *table
	n      int
}

func (a *app) newStream(header ...string) (*stream, error) {
	f, err := a.format()
	if err != nil {
		return nil, err
	}
	return &stream{w: a.stdout, format: f, tbl: &table{header: header}}, nil
}

// add prints v, or in table format keeps row for close.
func (s *stream) add(v any, row []string) error {
	s.n++
	switch s.format {
	case formatTable:
		s.tbl.rows = append(s.tbl.rows, row)
		return nil
	case formatYAML:
		if _, err := io.WriteString(s.w, "---\n"); err != nil {
			return err
		}
		return writeYAML(s.w, v)
	default:
		return writeJSON(s.w, v, "")
	}
}

// close renders the table, if any rows were added.
func (s *stream) close() error {
	if s.format != formatTable || len(s.tbl.rows) == 0 {
		return nil
	}
	return s.tbl.render(s.w)
}

// table is a plain table for terminals: left-aligned columns two spaces
// apart, no borders, multi-line cells allowed.
type table struct {
	header []string
	rows   [][]string
}

func (t *table) append(row ...string) { t.rows = append(t.rows, row) }

// render draws the table with tablewriter and strips the padding it leaves
// at the end of lines.
func (t *table) render(w io.Writer) error {
	var buf bytes.Buffer
	tb := tablewriter.NewTable(&buf,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: tw.NewSymbolCustom("plain").WithColumn("  ").WithRow("").WithCenter(""),
			Settings: tw.Settings{
				Separators: tw.Separators{BetweenColumns: tw.On, BetweenRows: tw.Off, ShowHeader: tw.Off},
				Lines:      tw.Lines{ShowHeaderLine: tw.Off, ShowTop: tw.Off, ShowBottom: tw.Off},
			},
		})),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithTrimSpace(tw.Off),
		tablewriter.WithPadding(tw.Padding{Overwrite: true}),
	)
	if len(t.header) > 0 {
		tb.Header(toAny(t.header)...)
	}
	for _, r := range t.rows {
		if err := tb.Append(toAny(r)...); err != nil {
			return fmt.Errorf("rendering table: %w", err)
		}
	}
	if err := tb.Render(); err != nil {
		return fmt.Errorf("rendering table: %w", err)
	}
	var out bytes.Buffer
	for line := range strings.Lines(buf.String()) {
		out.WriteString(strings.TrimRight(line, " \n"))
		out.WriteByte('\n')
	}
	_, err := w.Write(out.Bytes())
	return err
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
