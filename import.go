package adminapi

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
)

// Identifiers for [ImportRequest.Identifier]: the record field that finds
// an existing user.
const (
	ImportByEmail             = "email"
	ImportByPhoneNumber       = "phone_number"
	ImportByPreferredUsername = "preferred_username"
)

// Outcomes of an imported record, in [ImportOutcome.Outcome].
const (
	ImportInserted = "inserted"
	ImportUpdated  = "updated"
	ImportSkipped  = "skipped"
	ImportFailed   = "failed"
)

// ImportRequest describes a bulk user import for [Client.ImportUsers].
type ImportRequest struct {
	// Identifier names the record field that finds an existing user:
	// [ImportByEmail], [ImportByPhoneNumber] or [ImportByPreferredUsername].
	// Every record must have it.
	Identifier string
	// Upsert updates users that exist already. Without it they are
	// skipped, with a warning.
	Upsert bool
	// Records are the users, in order.
	Records []ImportRecord
}

// ImportSummary counts the records of an import by outcome.
type ImportSummary struct {
	Total    int `json:"total"`
	Inserted int `json:"inserted"`
	Updated  int `json:"updated"`
	Skipped  int `json:"skipped"`
	Failed   int `json:"failed"`
}

func (s *ImportSummary) add(o ImportSummary) {
	s.Total += o.Total
	s.Inserted += o.Inserted
	s.Updated += o.Updated
	s.Skipped += o.Skipped
	s.Failed += o.Failed
}

// ImportOutcome is what became of one record.
type ImportOutcome struct {
	// Index is the record's index in the caller's records.
	Index int
	// Outcome is [ImportInserted], [ImportUpdated], [ImportSkipped] or
	// [ImportFailed].
	Outcome string
	// UserID is the raw id (a UUID) of the inserted, updated or skipped
	// user.
	UserID string
	// Record is the record as the server read it, with password hashes and
	// TOTP secrets replaced by "REDACTED".
	Record ImportRecord
	// Warnings are the server's remarks, such as "skipping because upsert
	// = false and user exists".
	Warnings []string
	// Errors say why a failed record failed. Their Path is
	// ["records", "<Index>"].
	Errors []*Error
	// JobID is the id of the server job that imported the record.
	JobID string
}

// ImportResult is the outcome of [Client.ImportUsers]: the summary of all
// jobs and one outcome per record, in the order of the caller's records.
type ImportResult struct {
	Summary ImportSummary
	// Outcomes has one entry per record that a completed job reported, by
	// Index.
	Outcomes []ImportOutcome
	// JobIDs are the server's ids of the jobs, in order. The server keeps
	// their results for 24 hours.
	JobIDs []string
}

// ImportProgress is reported by [WithImportProgress] after each job.
type ImportProgress struct {
	JobsDone, JobsTotal       int
	RecordsDone, RecordsTotal int
	// Summary counts the records of the completed jobs.
	Summary ImportSummary
}

// ImportUsers imports users in bulk with the server's user import jobs
// (POST /_api/admin/users/import), which create and update users without
// firing hooks. Passwords can only be imported as bcrypt hashes.
//
// The records are split into as few jobs as fit the server's limit of 500
// KB per request body; a single record too large for a request fails the
// call before anything is sent, with an error matching [ErrInvalidInput].
// The jobs run one after another: each is started, then its status is
// polled (see [WithJobPollInterval]) until it completes, and progress is
// reported (see [WithImportProgress]). The result merges the jobs: the
// summary adds up, and each outcome's Index is the record's index in
// req.Records.
//
// A record that fails is reported in the result, not as an error. An error
// means a job could not be started or completed, such as a request the
// server refused ([*Error] with reason ValidationFailed for a bad
// identifier) or ctx ending. The result returned with such an error
// describes the jobs completed before it, whose records were imported;
// later records were not sent. Password hashes and TOTP secrets never
// appear in results, errors or logs.
//
// No records is a no-op.
func (c *Client) ImportUsers(ctx context.Context, req ImportRequest, opts ...JobOption) (*ImportResult, error) {
	const op = "ImportUsers"
	cfg, err := newJobConfig(opts)
	if err != nil {
		return nil, err
	}
	batches, secrets, err := splitImport(op, req, cfg.batchBytes)
	if err != nil {
		return nil, err
	}
	res := &ImportResult{Outcomes: make([]ImportOutcome, 0, len(req.Records))}
	done := 0
	for i, b := range batches {
		job, err := c.runImportJob(ctx, op, cfg, b.body)
		if job != nil {
			res.JobIDs = append(res.JobIDs, job.ID)
		}
		if err != nil {
			where := fmt.Sprintf("records %d to %d", b.first, b.first+b.count-1)
			if job != nil {
				where += " (job " + job.ID + ")"
			}
			return res, inContext(err, where)
		}
		if job.Summary != nil {
			res.Summary.add(*job.Summary)
		}
		for _, d := range job.Details {
			res.Outcomes = append(res.Outcomes, d.outcome(op, job.ID, b.first, secrets))
		}
		done += b.count
		if cfg.progress != nil {
			cfg.progress(ImportProgress{
				JobsDone: i + 1, JobsTotal: len(batches),
				RecordsDone: done, RecordsTotal: len(req.Records),
				Summary: res.Summary,
			})
		}
	}
	return res, nil
}

// ImportUsersNDJSON is [Client.ImportUsers] with records read from r:
// newline-delimited JSON (one record object per line; blank lines are
// skipped) or a JSON array of record objects. All records are read before
// the first job starts. A record that cannot be read fails the call, naming
// its index.
func (c *Client) ImportUsersNDJSON(ctx context.Context, identifier string, upsert bool, r io.Reader, opts ...JobOption) (*ImportResult, error) {
	records, err := readImportRecords(r)
	if err != nil {
		return nil, err
	}
	return c.ImportUsers(ctx, ImportRequest{Identifier: identifier, Upsert: upsert, Records: records}, opts...)
}

func readImportRecords(r io.Reader) ([]ImportRecord, error) {
	br := bufio.NewReader(r)
	dec := json.NewDecoder(br)
	first, err := peekNonSpace(br)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, fmt.Errorf("adminapi: reading import records: %w", err)
	}
	var records []ImportRecord
	if first == '[' {
		if _, err := dec.Token(); err != nil {
			return nil, fmt.Errorf("adminapi: reading import records: %w", err)
		}
		for dec.More() {
			var rec ImportRecord
			if err := dec.Decode(&rec); err != nil {
				return nil, fmt.Errorf("adminapi: reading import record %d: %w", len(records), err)
			}
			if err := rec.checkKnownTypes(len(records)); err != nil {
				return nil, err
			}
			records = append(records, rec)
		}
		if _, err := dec.Token(); err != nil {
			return nil, fmt.Errorf("adminapi: reading import records: %w", err)
		}
		return records, nil
	}
	for {
		var rec ImportRecord
		err := dec.Decode(&rec)
		if errors.Is(err, io.EOF) {
			return records, nil
		}
		if err != nil {
			return nil, fmt.Errorf("adminapi: reading import record %d: %w", len(records), err)
		}
		if err := rec.checkKnownTypes(len(records)); err != nil {
			return nil, err
		}
		records = append(records, rec)
	}
}

// checkKnownTypes reports a record read from the caller's input whose known
// field holds a value of the wrong JSON type, such as "email": 5. Decoding
// keeps such a value in Extra (so that records the server echoes round-trip),
// but in input it is a mistake to report before anything is sent. Explicit
// nulls are allowed: they clear the field in an upsert.
func (r *ImportRecord) checkKnownTypes(index int) error {
	for _, f := range r.fields() {
		raw, ok := r.Extra[f.key]
		if !ok || isJSONNull(raw) {
			continue
		}
		want := reflect.TypeOf(f.ptr).Elem()
		for want.Kind() == reflect.Pointer {
			want = want.Elem()
		}
		e := invalidArgError(fmt.Sprintf("import record %d: field %q has a JSON %s where %s is expected",
			index, f.key, jsonKind(raw), describeGoType(want)))
		e.Path = []string{"records", strconv.Itoa(index), f.key}
		return e
	}
	return nil
}

// jsonKind names the JSON type of raw for error messages, without its value
// (which may be a secret).
func jsonKind(raw json.RawMessage) string {
	switch b := bytes.TrimSpace(raw); {
	case len(b) == 0:
		return "empty value"
	case b[0] == '"':
		return "string"
	case b[0] == '{':
		return "object"
	case b[0] == '[':
		return "array"
	case b[0] == 't' || b[0] == 'f':
		return "boolean"
	default:
		return "number"
	}
}

// describeGoType names the JSON shape a Go field type takes.
func describeGoType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Float64, reflect.Float32:
		return "a number"
	case reflect.Slice:
		return "an array"
	default:
		return "an object"
	}
}

// peekNonSpace returns the first byte of r that is not JSON whitespace,
// without consuming it.
func peekNonSpace(r *bufio.Reader) (byte, error) {
	for {
		b, err := r.ReadByte()
		if err != nil {
			return 0, err
		}
		if b != ' ' && b != '\t' && b != '\r' && b != '\n' {
			return b, r.UnreadByte()
		}
	}
}

// importBatch is one import request: records first to first+count-1.
type importBatch struct {
	first, count int
	body         []byte
}

// splitImport encodes the records and packs them into request bodies of at
// most limit bytes. It also collects the secrets of the records.
func splitImport(op string, req ImportRequest, limit int) ([]importBatch, map[string]bool, error) {
	if len(req.Records) == 0 {
		return nil, nil, nil
	}
	id, err := json.Marshal(req.Identifier)
	if err != nil {
		return nil, nil, fmt.Errorf("adminapi: %s: encoding identifier: %w", op, err)
	}
	prefix := `{"identifier":` + string(id) + `,"upsert":` + strconv.FormatBool(req.Upsert) + `,"records":[`
	const suffix = `]}`
	room := limit - len(prefix) - len(suffix)
	secrets := map[string]bool{}
	var (
		batches []importBatch
		cur     = importBatch{}
		buf     bytes.Buffer
	)
	flush := func() {
		if cur.count == 0 {
			return
		}
		buf.WriteString(suffix)
		cur.body = bytes.Clone(buf.Bytes())
		batches = append(batches, cur)
		cur = importBatch{}
	}
	for i := range req.Records {
		rec := &req.Records[i]
		for _, s := range rec.secrets() {
			secrets[s] = true
		}
		b, err := json.Marshal(rec)
		if err != nil {
			// The error names a Go type or a key, never a value.
			return nil, nil, &Error{Operation: op, Message: "encoding record: " + err.Error(), Path: recordPath(i), err: ErrInvalidInput}
		}
		if len(b) > room {
			return nil, nil, &Error{
				Operation: op,
				Message:   fmt.Sprintf("record encodes to %d bytes, more than fits in one request (%d bytes with the request's other fields)", len(b), room),
				Path:      recordPath(i),
				Hint:      "the server accepts import requests of at most 500 KB; make the record smaller",
				err:       ErrInvalidInput,
			}
		}
		used := buf.Len() - len(prefix)
		if cur.count > 0 && used+1+len(b) > room {
			flush()
		}
		if cur.count == 0 {
			buf.Reset()
			buf.WriteString(prefix)
			cur.first = i
		} else {
			buf.WriteByte(',')
		}
		buf.Write(b)
		cur.count++
	}
	flush()
	return batches, secrets, nil
}

// inContext says where err happened: in the message of an [*Error], else
// not at all (the error already names the call).
func inContext(err error, where string) error {
	if e, ok := err.(*Error); ok {
		c := *e
		c.Message = where + ": " + c.Message
		return &c
	}
	return err
}

func recordPath(i int) []string { return []string{"records", strconv.Itoa(i)} }

// importJob is the server's view of an import job.
type importJob struct {
	ID      string         `json:"id"`
	Status  string         `json:"status"`
	Error   *wireRESTError `json:"error"`
	Summary *ImportSummary `json:"summary"`
	Details []importDetail `json:"details"`
}

type importDetail struct {
	Index    int             `json:"index"`
	Record   json.RawMessage `json:"record"`
	Outcome  string          `json:"outcome"`
	UserID   string          `json:"user_id"`
	Warnings []struct {
		Message string `json:"message"`
	} `json:"warnings"`
	Errors []wireRESTError `json:"errors"`
}

// Job statuses the server reports.
const (
	jobPending   = "pending"
	jobCompleted = "completed"
	jobFailed    = "failed" // not sent by current servers; accepted anyway
)

// runImportJob starts one import job and waits for it to complete. It
// returns the job as far as it is known, also with an error.
func (c *Client) runImportJob(ctx context.Context, op string, cfg *jobConfig, body []byte) (*importJob, error) {
	var started importJob
	if err := c.rest(ctx, restRequest{op: op, method: http.MethodPost, path: importPath, body: body}, &started); err != nil {
		return nil, err
	}
	if started.ID == "" {
		return nil, &Error{Operation: op, Message: "the server started a job without an id", Hint: hintMalformed, err: ErrServer}
	}
	job := &started
	path := importPath + "/" + url.PathEscape(started.ID)
	err := cfg.poll(ctx, op, func() (bool, error) {
		var got importJob
		if err := c.rest(ctx, restRequest{op: op, method: http.MethodGet, path: path}, &got); err != nil {
			return false, err
		}
		if got.ID == "" {
			got.ID = started.ID
		}
		job = &got
		return got.Status == jobCompleted || got.Status == jobFailed || got.Error != nil, nil
	})
	if err != nil {
		return job, err
	}
	if job.Error != nil {
		e := restError(op, 0, job.Error)
		e.Message = "job failed: " + e.Message
		return job, e
	}
	return job, nil
}

// outcome converts a detail of a job whose first record is the caller's
// record first.
func (d importDetail) outcome(op, jobID string, first int, secrets map[string]bool) ImportOutcome {
	idx := first + d.Index
	o := ImportOutcome{Index: idx, Outcome: d.Outcome, UserID: d.UserID, JobID: jobID}
	if len(d.Record) > 0 {
		var rec ImportRecord
		if err := json.Unmarshal(scrubSecrets(d.Record, secrets), &rec); err == nil {
			o.Record = rec.redacted()
		}
	}
	for _, w := range d.Warnings {
		o.Warnings = append(o.Warnings, w.Message)
	}
	for _, w := range d.Errors {
		e := restError(op, 0, &w)
		e.Path = recordPath(idx)
		e.Info = scrubInfo(e.Info, secrets)
		e.Message = scrubString(e.Message, secrets)
		o.Errors = append(o.Errors, e)
	}
	return o
}

// scrubSecrets replaces any secret the caller sent that appears in raw
// JSON. The server redacts them itself; this is a second line of defence.
func scrubSecrets(raw json.RawMessage, secrets map[string]bool) json.RawMessage {
	if len(secrets) == 0 {
		return raw
	}
	s := string(raw)
	for sec := range secrets {
		enc, _ := json.Marshal(sec) // a string always encodes
		inner := string(enc[1 : len(enc)-1])
		s = strings.ReplaceAll(s, inner, redactedValue)
	}
	return json.RawMessage(s)
}

func scrubString(s string, secrets map[string]bool) string {
	for sec := range secrets {
		s = strings.ReplaceAll(s, sec, redactedValue)
	}
	return s
}

func scrubInfo(info map[string]any, secrets map[string]bool) map[string]any {
	if len(secrets) == 0 || info == nil {
		return info
	}
	return scrubValue(info, secrets).(map[string]any)
}

func scrubValue(v any, secrets map[string]bool) any {
	switch v := v.(type) {
	case string:
		return scrubString(v, secrets)
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = scrubValue(e, secrets)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = scrubValue(e, secrets)
		}
		return out
	default:
		return v
	}
}
