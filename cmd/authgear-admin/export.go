package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/authgear-admin/adminapi"
)

var exportFormats = []string{adminapi.ExportNDJSON, adminapi.ExportCSV}

func (a *app) exportCommand() *cobra.Command {
	var (
		format string
		fields []string
		out    string
	)
	cmd := &cobra.Command{
		Use:   "export [--format ndjson|csv] [--field POINTER[:NAME]]... [-O FILE]",
		Short: "Export every user to NDJSON or CSV",
		Long: `Export every user of the project with the server's export job, and write the
file to stdout or to -O FILE (created with mode 0600, as it holds personal
data; it appears only once the export is complete).

NDJSON has one user a line, in Authgear's export record format. CSV has the
server's default columns, or those given with --field: a JSON pointer into
the export record, optionally followed by :NAME for the column heading, e.g.
--field /email --field /custom_attributes/plan:plan. A pointer holding ":"
needs a NAME.

Progress shows on stderr: the server prepares the file first, then it is
downloaded. The server runs one export at a time and at most 24 a day.`,
		Example: `  authgear-admin export -O users.ndjson
  authgear-admin export --format csv --field /sub:id --field /email --field /name > users.csv`,
		Args: noArgs,
		RunE: a.action(func(cmd *cobra.Command, _ []string) error {
			req, err := exportRequest(format, fields, cmd.Flags().Changed("field"))
			if err != nil {
				return err
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			return a.runExport(cmd.Context(), c, req, out)
		}),
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", adminapi.ExportNDJSON, "file format: ndjson or csv")
	f.StringArrayVar(&fields, "field", nil, "CSV column: JSON pointer into the record, optionally :NAME (repeatable)")
	f.StringVarP(&out, "out", "O", "", "write to this file instead of stdout")
	_ = cmd.RegisterFlagCompletionFunc("format", completeExportFormat)
	_ = cmd.RegisterFlagCompletionFunc("field", completeExportField)
	_ = cmd.MarkFlagFilename("out", "ndjson", "jsonl", "csv")
	return cmd
}

func completeExportFormat(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, f := range exportFormats {
		if strings.HasPrefix(f, strings.ToLower(toComplete)) {
			out = append(out, f)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// exportPointers are the top-level keys of an export record, offered to
// complete --field.
var exportPointers = []string{
	"/sub", "/preferred_username", "/email", "/phone_number", "/email_verified", "/phone_number_verified",
	"/name", "/given_name", "/family_name", "/middle_name", "/nickname", "/profile", "/picture", "/website",
	"/gender", "/birthdate", "/zoneinfo", "/locale", "/address", "/custom_attributes/", "/roles", "/groups",
	"/disabled", "/identities", "/mfa", "/biometric_count", "/passkey_count",
}

func completeExportField(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return exportPointers, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// exportRequest checks the flags and builds the request.
func exportRequest(format string, fields []string, fieldsGiven bool) (adminapi.ExportRequest, error) {
	req := adminapi.ExportRequest{Format: strings.ToLower(format)}
	switch req.Format {
	case adminapi.ExportNDJSON, "jsonl":
		req.Format = adminapi.ExportNDJSON
		if fieldsGiven {
			return req, usageErrorf("--field chooses CSV columns; add --format csv")
		}
		return req, nil
	case adminapi.ExportCSV:
	default:
		return req, usageErrorf("--format %q: use ndjson or csv", format)
	}
	if len(fields) == 0 {
		return req, nil
	}
	req.CSV = &adminapi.CSVOptions{}
	seen := map[string]bool{}
	for _, f := range fields {
		field, err := parseCSVField(f)
		if err != nil {
			return req, err
		}
		name := field.FieldName
		if name == "" {
			name = strings.ReplaceAll(strings.TrimPrefix(field.Pointer, "/"), "/", ".")
		}
		if seen[name] {
			return req, usageErrorf("--field %q: column %q is given twice; name one with :NAME", f, name)
		}
		seen[name] = true
		req.CSV.Fields = append(req.CSV.Fields, field)
	}
	return req, nil
}

// parseCSVField reads POINTER or POINTER:NAME.
func parseCSVField(s string) (adminapi.CSVField, error) {
	pointer, name := s, ""
	if i := strings.LastIndexByte(s, ':'); i >= 0 && !strings.Contains(s[i+1:], "/") {
		pointer, name = s[:i], s[i+1:]
		if name == "" {
			return adminapi.CSVField{}, usageErrorf("--field %q: empty column name after ':'", s)
		}
	}
	if !strings.HasPrefix(pointer, "/") || pointer == "/" {
		return adminapi.CSVField{}, usageErrorf("--field %q: start with a JSON pointer such as /email or /custom_attributes/plan", s)
	}
	return adminapi.CSVField{Pointer: pointer, FieldName: name}, nil
}

func (a *app) runExport(ctx context.Context, c *adminapi.Client, req adminapi.ExportRequest, out string) error {
	job, err := c.StartExport(ctx, req)
	if err != nil {
		return err
	}
	bar := a.newProgress(-1, "preparing the export")
	if bar == nil {
		a.printf("export: job %s started; waiting for the server\n", job.ID)
	}
	job, err = c.WaitExport(ctx, job.ID, a.jobOptions...)
	bar.done()
	if err != nil {
		return err
	}
	file, err := c.DownloadExport(ctx, job)
	if err != nil {
		return err
	}
	defer file.Close()
	if bar == nil {
		a.printf("export: job %s completed; downloading %s\n", job.ID, file.Filename)
	}

	dest, where := a.stdout, "stdout"
	var tmp *os.File
	if out != "" && out != "-" {
		// Write next to the target and rename at the end, so that a failed
		// export leaves no partial file behind.
		tmp, err = os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.tmp") // mode 0600
		if err != nil {
			return usageErrorf("--out: %w", err)
		}
		defer func() {
			if tmp != nil {
				tmp.Close()
				os.Remove(tmp.Name())
			}
		}()
		dest, where = tmp, out
	}
	w := &countingWriter{w: dest, bar: a.newByteProgress("downloading")}
	_, err = io.Copy(w, file)
	w.bar.done()
	if err != nil {
		return fmt.Errorf("export: downloading %s: %w", file.Filename, err)
	}
	if tmp != nil {
		if err := tmp.Close(); err != nil {
			return err
		}
		if err := os.Rename(tmp.Name(), out); err != nil {
			return err
		}
		tmp = nil
	}
	what := fmt.Sprintf("%d bytes", w.n)
	if req.Format == adminapi.ExportNDJSON {
		what += " (" + count(w.lines, "user", "users") + ")"
	}
	a.printf("export: wrote %s to %s\n", what, where)
	return nil
}

// countingWriter counts the bytes and lines written through it and shows
// them on a progress bar.
type countingWriter struct {
	w     io.Writer
	bar   *progress
	n     int64
	lines int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.lines += bytes.Count(p[:n], []byte{'\n'})
	c.bar.add(n)
	return n, err
}
