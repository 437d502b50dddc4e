package adminapitest

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// importBodyLimit is the server's limit on an import request body: 500
// KB, in decimal.
const importBodyLimit = 500 * 1000

// importJob is a user import job. The emulator runs it while answering the
// request that creates it; the job still reports "pending" in that answer,
// like the server's, and "completed" when asked for.
type importJob struct {
	ID          string
	CreatedAt   time.Time
	CompletedAt time.Time
	Summary     importSummary
	Details     []importDetail
}

type importSummary struct {
	Total    int `json:"total"`
	Inserted int `json:"inserted"`
	Updated  int `json:"updated"`
	Skipped  int `json:"skipped"`
	Failed   int `json:"failed"`
}

// importDetail is one record's outcome, shaped like the server's.
type importDetail struct {
	Index    int             `json:"index"`
	Record   map[string]any  `json:"record,omitempty"`
	Outcome  string          `json:"outcome,omitempty"`
	UserID   string          `json:"user_id,omitempty"`
	Warnings []importWarning `json:"warnings,omitempty"`
	Errors   []jobError      `json:"errors,omitempty"`
}

type importWarning struct {
	Message string `json:"message,omitempty"`
}

// jobError is an API error inside a job's result.
type jobError struct {
	Name    string         `json:"name"`
	Reason  string         `json:"reason"`
	Message string         `json:"message"`
	Code    int            `json:"code"`
	Info    map[string]any `json:"info,omitempty"`
}

func newJobError(e *apierr.Error) jobError {
	return jobError{Name: e.Name, Reason: e.Reason, Message: e.Message, Code: e.Status(), Info: e.Info}
}

// importJobView is an import job as the server reports it.
type importJobView struct {
	ID          string         `json:"id"`
	CreatedAt   time.Time      `json:"created_at"`
	CompletedAt *time.Time     `json:"completed_at,omitempty"`
	Status      string         `json:"status"`
	Summary     *importSummary `json:"summary,omitempty"`
	Details     []importDetail `json:"details,omitempty"`
}

// createImport serves POST /_api/admin/users/import.
func (rs *restState) createImport(w http.ResponseWriter, r *http.Request) {
	body, apiErr := readJSONBody(w, r, importBodyLimit)
	if apiErr != nil {
		writeEnvelope(w, apiErr)
		return
	}
	if causes := store.ValidateImportRequest(body); len(causes) > 0 {
		writeEnvelope(w, apierr.ValidationFailed("invalid request body", causes...))
		return
	}
	req := body.(map[string]any)
	opts := store.ImportOptions{Identifier: req["identifier"].(string)}
	opts.Upsert, _ = req["upsert"].(bool)
	records := req["records"].([]any)
	raws := make([]json.RawMessage, len(records))
	for i, rec := range records {
		b, err := json.Marshal(rec)
		if err != nil {
			writeEnvelope(w, apierr.Unexpected())
			return
		}
		raws[i] = b
	}

	job := &importJob{ID: newTaskID("userimport"), CreatedAt: rs.now()}
	rs.s.mu.Lock()
	for i, raw := range raws {
		d := rs.s.store.ImportRecord(opts, i, raw)
		job.Details = append(job.Details, newImportDetail(d))
		job.Summary.add(d.Outcome)
	}
	rs.s.mu.Unlock()
	job.CompletedAt = rs.now()

	rs.mu.Lock()
	rs.expireJobs()
	rs.imports[job.ID] = job
	rs.mu.Unlock()
	writeResult(w, importJobView{ID: job.ID, CreatedAt: job.CreatedAt, Status: "pending"})
}

func (s *importSummary) add(outcome string) {
	s.Total++
	switch outcome {
	case store.OutcomeInserted:
		s.Inserted++
	case store.OutcomeUpdated:
		s.Updated++
	case store.OutcomeSkipped:
		s.Skipped++
	default:
		s.Failed++
	}
}

func newImportDetail(d store.ImportDetail) importDetail {
	out := importDetail{Index: d.Index, Record: d.Record, Outcome: d.Outcome, UserID: d.UserID}
	for _, m := range d.Warnings {
		out.Warnings = append(out.Warnings, importWarning{Message: m})
	}
	if d.Err != nil {
		out.Errors = []jobError{newJobError(d.Err)}
	}
	return out
}

// errTaskNotFound is the server's answer for an unknown or expired job.
var errTaskNotFound = apierr.New(apierr.NotFound, "TaskNotFound", "task not found")

// getImport serves GET /_api/admin/users/import/{id}.
func (rs *restState) getImport(w http.ResponseWriter, r *http.Request) {
	rs.mu.Lock()
	rs.expireJobs()
	job, ok := rs.imports[r.PathValue("id")]
	rs.mu.Unlock()
	if !ok {
		writeEnvelope(w, errTaskNotFound)
		return
	}
	completed := job.CompletedAt
	summary := job.Summary
	writeResult(w, importJobView{
		ID: job.ID, CreatedAt: job.CreatedAt, CompletedAt: &completed, Status: "completed",
		Summary: &summary, Details: job.Details,
	})
}

// expireJobs forgets jobs older than jobTTL by the server's clock. rs.mu
// must be held.
func (rs *restState) expireJobs() {
	cutoff := rs.now().Add(-jobTTL)
	for id, j := range rs.imports {
		if j.CreatedAt.Before(cutoff) {
			delete(rs.imports, id)
		}
	}
	for id, j := range rs.exports {
		if j.CreatedAt.Before(cutoff) {
			delete(rs.exports, id)
		}
	}
	kept := rs.exportStarts[:0]
	for _, t := range rs.exportStarts {
		if !t.Before(cutoff) {
			kept = append(kept, t)
		}
	}
	rs.exportStarts = kept
}
