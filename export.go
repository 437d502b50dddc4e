package adminapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"time"
)

// Export file formats, for [ExportRequest.Format].
const (
	ExportNDJSON = "ndjson"
	ExportCSV    = "csv"
)

// ErrExportInProgress: the project has an export running already, and the
// server runs at most one at a time (reason
// MaximumConcurrentJobLimitExceeded). Wait for it to finish. Since the
// server names the error TooManyRequest, it matches [ErrRateLimited] too;
// the limit of 24 exports started per 24 hours matches only ErrRateLimited.
var ErrExportInProgress = errors.New("adminapi: an export is running already")

const (
	reasonConcurrentJobs  = "MaximumConcurrentJobLimitExceeded"
	hintExportInProgress  = "the project has an export running already and the server runs one at a time; wait for it to complete"
	hintExportRateLimited = "the server starts at most 24 exports per project in any 24 hours"
	hintDownload          = "the file store refused the download; the URL is valid for 60 seconds after the job status was fetched"
)

// ExportRequest describes a user export for [Client.ExportUsers].
type ExportRequest struct {
	// Format is [ExportNDJSON] (one [ExportedUser] JSON object per line)
	// or [ExportCSV].
	Format string `json:"format"`
	// CSV chooses the columns of a CSV export. Without it the server
	// writes its default columns.
	CSV *CSVOptions `json:"csv,omitempty"`
}

// CSVOptions lists the columns of a CSV export.
type CSVOptions struct {
	Fields []CSVField `json:"fields"`
}

// CSVField is one column of a CSV export: the value at Pointer, a JSON
// pointer into the user's export record (such as "/email" or
// "/address/formatted"), headed FieldName. An empty FieldName is derived
// from the pointer ("address.formatted"). Strings, numbers and booleans
// are written as they are, arrays and objects as compact JSON, and null or
// missing values as empty cells. Column names must be unique.
type CSVField struct {
	Pointer   string `json:"pointer"`
	FieldName string `json:"field_name,omitempty"`
}

// ExportJob is the server's view of an export job.
//
// DownloadURL is a presigned URL, valid for 60 seconds from when the job was
// fetched; String and LogValue leave out its query, which holds the
// signature.
type ExportJob struct {
	ID          string
	Status      string // "pending" or "completed"
	CreatedAt   time.Time
	CompletedAt *time.Time // set when the export succeeded
	FailedAt    *time.Time // set when it failed
	Request     ExportRequest
	DownloadURL string
	// Error says why a failed export failed.
	Error *Error
}

// Done reports whether the job has completed or failed.
func (j ExportJob) Done() bool {
	return j.Status == jobCompleted || j.Status == jobFailed || j.CompletedAt != nil || j.FailedAt != nil || j.Error != nil
}

// String describes j without the download URL's signature.
func (j ExportJob) String() string {
	return fmt.Sprintf("adminapi.ExportJob{ID: %s, Status: %s, Format: %s, DownloadURL: %s}",
		j.ID, j.Status, j.Request.Format, redactRawURL(j.DownloadURL))
}

// GoString is like String, for %#v.
func (j ExportJob) GoString() string { return j.String() }

// LogValue describes j for log/slog without the download URL's signature.
func (j ExportJob) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("id", j.ID),
		slog.String("status", j.Status),
		slog.String("format", j.Request.Format),
		slog.String("download_url", redactRawURL(j.DownloadURL)),
	)
}

func redactRawURL(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "<unparsable URL>"
	}
	return redactURL(u)
}

// wireExportJob is an export job on the wire.
type wireExportJob struct {
	ID          string         `json:"id"`
	CreatedAt   time.Time      `json:"created_at"`
	CompletedAt *time.Time     `json:"completed_at"`
	FailedAt    *time.Time     `json:"failed_at"`
	Status      string         `json:"status"`
	Request     *ExportRequest `json:"request"`
	DownloadURL string         `json:"download_url"`
	Error       *wireRESTError `json:"error"`
}

func (w *wireExportJob) job(op string) *ExportJob {
	j := &ExportJob{
		ID: w.ID, Status: w.Status, CreatedAt: w.CreatedAt,
		CompletedAt: w.CompletedAt, FailedAt: w.FailedAt, DownloadURL: w.DownloadURL,
	}
	if w.Request != nil {
		j.Request = *w.Request
	}
	if w.Error != nil {
		j.Error = restError(op, 0, w.Error)
	}
	return j
}

// StartExport starts an export job (POST /_api/admin/users/export) and
// returns it, pending. The server runs at most one export per project at a
// time (an error matching [ErrExportInProgress]) and starts at most 24 per
// 24 hours ([ErrRateLimited]); a bad request is an [*Error] matching
// [ErrInvalidInput]. Most callers want [Client.ExportUsers].
func (c *Client) StartExport(ctx context.Context, req ExportRequest) (*ExportJob, error) {
	const op = "StartExport"
	body, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("adminapi: %s: encoding request: %w", op, err)
	}
	var w wireExportJob
	if err := c.rest(ctx, restRequest{op: op, method: http.MethodPost, path: exportPath, body: body}, &w); err != nil {
		var e *Error
		if errors.As(err, &e) && e.Name == nameTooManyRequest {
			if e.Reason == reasonConcurrentJobs {
				e.err, e.Hint = ErrExportInProgress, hintExportInProgress
			} else {
				e.Hint = hintExportRateLimited
			}
		}
		return nil, err
	}
	if w.ID == "" {
		return nil, &Error{Operation: op, Message: "the server started a job without an id", Hint: hintMalformed, err: ErrServer}
	}
	return w.job(op), nil
}

// GetExport fetches an export job (GET /_api/admin/users/export/{id}). A
// completed job carries a freshly signed DownloadURL, valid for 60 seconds.
// An unknown id, or a job older than 24 hours, is an [*Error] matching
// [ErrNotFound] (reason TaskNotFound).
func (c *Client) GetExport(ctx context.Context, id string) (*ExportJob, error) {
	return c.getExport(ctx, "GetExport", id)
}

func (c *Client) getExport(ctx context.Context, op, id string) (*ExportJob, error) {
	if id == "" {
		return nil, &Error{Operation: op, Message: "empty job id", err: ErrInvalidInput}
	}
	var w wireExportJob
	if err := c.rest(ctx, restRequest{op: op, method: http.MethodGet, path: exportPath + "/" + url.PathEscape(id)}, &w); err != nil {
		return nil, err
	}
	if w.ID == "" {
		w.ID = id
	}
	return w.job(op), nil
}

// WaitExport polls an export job until it is done (see
// [WithJobPollInterval]) and returns it. A failed export returns the job
// with its Error as the error.
func (c *Client) WaitExport(ctx context.Context, id string, opts ...JobOption) (*ExportJob, error) {
	const op = "WaitExport"
	cfg, err := newJobConfig(opts)
	if err != nil {
		return nil, err
	}
	var job *ExportJob
	err = cfg.poll(ctx, op, func() (bool, error) {
		j, err := c.getExport(ctx, op, id)
		if err != nil {
			return false, err
		}
		job = j
		return j.Done(), nil
	})
	if err != nil {
		return job, err
	}
	if job.Error != nil || job.DownloadURL == "" {
		return job, exportFailed(op, job)
	}
	return job, nil
}

func exportFailed(op string, job *ExportJob) error {
	if job.Error != nil {
		e := *job.Error
		e.Operation = op
		e.Message = "export " + job.ID + " failed: " + e.Message
		return &e
	}
	return &Error{Operation: op, Message: "export " + job.ID + " completed without a download URL", Hint: hintMalformed, err: ErrServer}
}

// ExportFile is a downloaded export: the file's contents, streamed from the
// file store. The caller must close it.
type ExportFile struct {
	// Job is the export job, as last fetched.
	Job *ExportJob
	// Filename is the file's name, such as
	// "myapp-userexport_...-20240909104651Z.ndjson".
	Filename string
	// ContentType is "application/x-ndjson" or "text/csv".
	ContentType string

	body io.ReadCloser
}

// Read reads the file's contents.
func (f *ExportFile) Read(p []byte) (int, error) { return f.body.Read(p) }

// Close closes the download.
func (f *ExportFile) Close() error { return f.body.Close() }

// DownloadExport opens the file of a completed export job. The download
// URL is presigned: it is fetched without the Admin API token, with a copy
// of the client's HTTP client that follows redirects and has no overall
// timeout (ctx bounds the download). If the URL has expired (the file store
// answers 403), the job is fetched again for a fresh URL, once.
func (c *Client) DownloadExport(ctx context.Context, job *ExportJob) (*ExportFile, error) {
	const op = "DownloadExport"
	if job == nil || job.ID == "" {
		return nil, &Error{Operation: op, Message: "no job", err: ErrInvalidInput}
	}
	if job.DownloadURL == "" {
		return nil, &Error{Operation: op, Message: "export " + job.ID + " has no download URL; wait for it to complete with WaitExport", err: ErrInvalidInput}
	}
	f, err := c.fetchExport(ctx, op, job)
	var e *Error
	if errors.As(err, &e) && e.StatusCode == http.StatusForbidden {
		fresh, gerr := c.getExport(ctx, op, job.ID)
		if gerr != nil {
			return nil, gerr
		}
		if fresh.DownloadURL == "" {
			return nil, exportFailed(op, fresh)
		}
		f, err = c.fetchExport(ctx, op, fresh)
	}
	return f, err
}

func (c *Client) fetchExport(ctx context.Context, op string, job *ExportJob) (*ExportFile, error) {
	u, err := checkPresignedURL(op, job.DownloadURL)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("adminapi: %s: %w", op, withoutQuery(err))
	}
	req.Header.Set("User-Agent", c.userAgent)
	start := time.Now()
	res, err := c.presignedClient(true).Do(req)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, fmt.Errorf("adminapi: %s: %w", op, ctxErr)
		}
		return nil, fmt.Errorf("adminapi: %s: %w", op, withoutQuery(err))
	}
	if res.StatusCode != http.StatusOK {
		data, _ := readLimited(res.Body, 4<<10)
		res.Body.Close()
		c.logREST(ctx, op, req, res.StatusCode, len(data), time.Since(start))
		return nil, downloadError(op, res, data)
	}
	c.logREST(ctx, op, req, res.StatusCode, -1, time.Since(start))
	f := &ExportFile{Job: job, ContentType: res.Header.Get("Content-Type"), body: res.Body}
	if _, params, err := mime.ParseMediaType(res.Header.Get("Content-Disposition")); err == nil {
		f.Filename = params["filename"]
	}
	return f, nil
}

// s3Code finds the error code in an S3-style XML error.
var s3Code = regexp.MustCompile(`<Code>([A-Za-z]{1,64})</Code>`)

func downloadError(op string, res *http.Response, data []byte) *Error {
	msg := "download: " + statusLine(res.StatusCode)
	if m := s3Code.FindSubmatch(data); m != nil {
		msg += " (" + string(m[1]) + ")"
	}
	e := &Error{StatusCode: res.StatusCode, Operation: op, Message: msg, Hint: hintDownload}
	if res.StatusCode >= 500 {
		e.err = ErrServer
	}
	return e
}

// ExportUsers exports every user of the project: it starts an export job,
// waits for it (see [WithJobPollInterval]) and opens its file (see
// [Client.DownloadExport]). The caller must close the file. Errors are as
// for [Client.StartExport], [Client.WaitExport] and
// [Client.DownloadExport].
func (c *Client) ExportUsers(ctx context.Context, req ExportRequest, opts ...JobOption) (*ExportFile, error) {
	if _, err := newJobConfig(opts); err != nil {
		return nil, err
	}
	job, err := c.StartExport(ctx, req)
	if err != nil {
		return nil, err
	}
	if job, err = c.WaitExport(ctx, job.ID, opts...); err != nil {
		return nil, err
	}
	return c.DownloadExport(ctx, job)
}

// ExportUsersIter exports every user of the project as NDJSON and yields
// them one by one, as [Client.ExportUsers] and [ReadExportedUsers] would.
// An error ends the sequence. Stopping early closes the download.
func (c *Client) ExportUsersIter(ctx context.Context, opts ...JobOption) iter.Seq2[ExportedUser, error] {
	return func(yield func(ExportedUser, error) bool) {
		f, err := c.ExportUsers(ctx, ExportRequest{Format: ExportNDJSON}, opts...)
		if err != nil {
			yield(ExportedUser{}, err)
			return
		}
		defer f.Close()
		for u, err := range ReadExportedUsers(f) {
			if err != nil && ctx.Err() != nil {
				err = fmt.Errorf("adminapi: ExportUsersIter: %w", ctx.Err())
			}
			if !yield(u, err) || err != nil {
				return
			}
		}
	}
}
