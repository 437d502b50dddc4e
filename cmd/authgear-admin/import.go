package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/authgear-admin/adminapi"
)

var importIdentifiers = []string{adminapi.ImportByEmail, adminapi.ImportByPhoneNumber, adminapi.ImportByPreferredUsername}

func (a *app) importCommand() *cobra.Command {
	var (
		identifier string
		upsert     bool
		batchKB    int
		dryRun     bool
	)
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Create or update users in bulk from an NDJSON or JSON file",
		Long: `Import users with the server's bulk import: FILE ("-" for stdin) holds one
record a line (NDJSON) or a JSON array of records, in Authgear's import
record format ({"email": ..., "name": ..., "password": {"type": "bcrypt",
"password_hash": ...}, "custom_attributes": {...}, "roles": [...], ...}).
Imports do not fire hooks, and passwords can only be imported as bcrypt
hashes.

--identifier names the field that finds an existing user (every record must
have it). Existing users are skipped unless --upsert is given, which updates
them with the fields their record gives.

The records are sent in jobs of up to --batch-kb kilobytes, one after another.
Progress shows on stderr: a bar on a terminal, one line per job otherwise. At
the end a summary and the failed records (index from 0, and why) are printed;
the exit status is 1 if any record failed. A record is imported whole or not
at all.`,
		Example: `  authgear-admin import users.ndjson
  authgear-admin import users.json --identifier preferred_username --upsert
  jq -c '.[]' legacy.json | authgear-admin import - -o json > result.json`,
		Args: exactArgs("FILE"),
		RunE: a.action(func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(importIdentifiers, identifier) {
				return usageErrorf("--identifier %q: use one of %s", identifier, strings.Join(importIdentifiers, ", "))
			}
			if batchKB < 1 || batchKB > 500 {
				return usageErrorf("--batch-kb must be between 1 and 500, got %d", batchKB)
			}
			name := args[0]
			if name == "-" {
				name = "stdin"
			}
			records, err := a.readImportFile(args[0])
			if err != nil {
				return err
			}
			if len(records) == 0 {
				return usageErrorf("%s holds no records", name)
			}
			if dryRun {
				a.describeImport(name, identifier, upsert, records)
				return nil
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			req := adminapi.ImportRequest{Identifier: identifier, Upsert: upsert, Records: records}
			return a.runImport(cmd, c, req, batchKB)
		}),
	}
	f := cmd.Flags()
	f.StringVar(&identifier, "identifier", adminapi.ImportByEmail, "record field that finds existing users: "+strings.Join(importIdentifiers, ", "))
	f.BoolVar(&upsert, "upsert", false, "update existing users instead of skipping them")
	f.IntVar(&batchKB, "batch-kb", 500, "largest request body in KB, 1-500; smaller jobs make progress finer")
	f.BoolVar(&dryRun, "dry-run", false, "read and check the file, print what would be imported, and send nothing")
	_ = cmd.RegisterFlagCompletionFunc("identifier", fixedCompletions(importIdentifiers...))
	cmd.ValidArgsFunction = func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return []cobra.Completion{"ndjson", "jsonl", "json"}, cobra.ShellCompDirectiveFilterFileExt
	}
	return cmd
}

// readImportFile reads the records of path ("-" is stdin): a JSON array, or
// a stream of JSON objects such as NDJSON. A record that cannot be read is
// a usage error naming its index.
func (a *app) readImportFile(path string) ([]adminapi.ImportRecord, error) {
	var (
		data []byte
		err  error
	)
	if path == "-" {
		data, err = io.ReadAll(a.input())
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, usageErrorf("import file: %w", err)
	}
	data = bytes.TrimSpace(data)
	var raws []json.RawMessage
	if len(data) > 0 && data[0] == '[' {
		if err := json.Unmarshal(data, &raws); err != nil {
			return nil, usageErrorf("import file %s: not a JSON array of records: %v", path, err)
		}
	} else {
		dec := json.NewDecoder(bytes.NewReader(data))
		for {
			var raw json.RawMessage
			err := dec.Decode(&raw)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return nil, usageErrorf("import file %s: record %d: %v", path, len(raws), err)
			}
			raws = append(raws, raw)
		}
	}
	records := make([]adminapi.ImportRecord, len(raws))
	for i, raw := range raws {
		if err := json.Unmarshal(raw, &records[i]); err != nil {
			return nil, usageErrorf("import file %s: record %d: %v", path, i, err)
		}
	}
	return records, nil
}

// identifierOf returns the value of the record's identifier field.
func identifierOf(r *adminapi.ImportRecord, identifier string) string {
	var v *string
	switch identifier {
	case adminapi.ImportByEmail:
		v = r.Email
	case adminapi.ImportByPhoneNumber:
		v = r.PhoneNumber
	case adminapi.ImportByPreferredUsername:
		v = r.PreferredUsername
	}
	if v == nil {
		return ""
	}
	return *v
}

func (a *app) describeImport(name, identifier string, upsert bool, records []adminapi.ImportRecord) {
	existing := "skip existing users"
	if upsert {
		existing = "update existing users"
	}
	fmt.Fprintf(a.stdout, "dry run: would import %s from %s by %s, and %s\n", count(len(records), "record", "records"), name, identifier, existing)
	for i := range records {
		if identifierOf(&records[i], identifier) == "" {
			fmt.Fprintf(a.stdout, "dry run: record %d has no %s and would fail\n", i, identifier)
		}
	}
}

// importFailure is a record that failed, as printed.
type importFailure struct {
	Index      int    `json:"index"`
	Identifier string `json:"identifier"`
	Reason     string `json:"reason"`
}

// importReport is what "import" prints at the end.
type importReport struct {
	Summary  adminapi.ImportSummary `json:"summary"`
	Failures []importFailure        `json:"failures"`
	JobIDs   []string               `json:"jobIDs"`
}

func (a *app) runImport(cmd *cobra.Command, c *adminapi.Client, req adminapi.ImportRequest, batchKB int) error {
	total := len(req.Records)
	bar := a.newProgress(total, "importing")
	opts := append([]adminapi.JobOption{
		adminapi.WithImportBatchBytes(batchKB * 1000),
		adminapi.WithImportProgress(func(p adminapi.ImportProgress) {
			if bar != nil {
				bar.set(p.RecordsDone)
				return
			}
			s := p.Summary
			a.printf("import: %d/%d records, job %d/%d: %d inserted, %d updated, %d skipped, %d failed\n",
				p.RecordsDone, p.RecordsTotal, p.JobsDone, p.JobsTotal, s.Inserted, s.Updated, s.Skipped, s.Failed)
		}),
	}, a.jobOptions...)
	res, err := c.ImportUsers(cmd.Context(), req, opts...)
	bar.done()
	if res != nil && len(res.JobIDs) > 0 {
		if perr := a.printImportReport(req, res); perr != nil {
			return perr
		}
	}
	if err != nil {
		if res != nil && res.Summary.Total > 0 {
			a.printf("authgear-admin: the import stopped after %d of %d records\n", res.Summary.Total, total)
		}
		return err
	}
	if res.Summary.Failed > 0 {
		a.printf("authgear-admin: %d of %s failed\n", res.Summary.Failed, count(total, "record", "records"))
		return errSilent{code: exitAPI}
	}
	return nil
}

func (a *app) printImportReport(req adminapi.ImportRequest, res *adminapi.ImportResult) error {
	rep := importReport{Summary: res.Summary, Failures: []importFailure{}, JobIDs: res.JobIDs}
	for _, o := range res.Outcomes {
		if o.Outcome != adminapi.ImportFailed {
			continue
		}
		f := importFailure{Index: o.Index, Reason: importReason(o)}
		if o.Index >= 0 && o.Index < len(req.Records) {
			f.Identifier = identifierOf(&req.Records[o.Index], req.Identifier)
		}
		rep.Failures = append(rep.Failures, f)
	}
	format, err := a.format()
	if err != nil {
		return err
	}
	if format != formatTable {
		return a.printValue(rep, nil)
	}
	s := rep.Summary
	if _, err := fmt.Fprintf(a.stdout, "Imported %s: %d inserted, %d updated, %d skipped, %d failed\n",
		count(s.Total, "record", "records"), s.Inserted, s.Updated, s.Skipped, s.Failed); err != nil {
		return err
	}
	if len(rep.Failures) == 0 {
		return nil
	}
	t := &table{header: []string{"INDEX", strings.ToUpper(req.Identifier), "REASON"}}
	for _, f := range rep.Failures {
		t.append(fmt.Sprint(f.Index), f.Identifier, f.Reason)
	}
	fmt.Fprintln(a.stdout)
	return t.render(a.stdout)
}

// importReason says why a record failed, from the server's errors.
func importReason(o adminapi.ImportOutcome) string {
	var reasons []string
	for _, e := range o.Errors {
		r := e.Message
		if r == "" {
			r = e.Reason
		}
		if cause := causeKind(e); cause != "" && !strings.Contains(r, cause) {
			r += " (" + cause + ")"
		}
		reasons = append(reasons, r)
	}
	if len(reasons) == 0 {
		return "failed"
	}
	return strings.Join(reasons, "; ")
}

// causeKind returns the kind of the server's cause of an error, such as
// "DuplicatedIdentity" or "required", if it gives one.
func causeKind(e *adminapi.Error) string {
	if cause, ok := e.Info["cause"].(map[string]any); ok {
		if kind, ok := cause["kind"].(string); ok {
			return kind
		}
	}
	if causes, ok := e.Info["causes"].([]any); ok {
		var kinds []string
		for _, c := range causes {
			m, _ := c.(map[string]any)
			kind, _ := m["kind"].(string)
			loc, _ := m["location"].(string)
			if kind != "" {
				kinds = append(kinds, strings.TrimSpace(kind+" "+loc))
			}
		}
		return strings.Join(kinds, ", ")
	}
	return ""
}
