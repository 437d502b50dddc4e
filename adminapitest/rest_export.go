package adminapitest

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// Limits of user exports, as the server has them.
const (
	exportBodyLimit  = 10 << 20 // the server's default JSON body limit
	exportsPerDay    = 24
	downloadValidity = 60 * time.Second
	// exportBucketPath is where export files are served, like the bucket
	// of the server's object store.
	exportBucketPath = "/userexport/"
)

// exportJob is a user export job. It stays pending until its status is
// first asked for; then the emulator writes the file from the users of
// that moment. (The server's worker picks jobs up in the background; a
// pending job is what makes the one-export-at-a-time limit observable.)
type exportJob struct {
	ID          string
	CreatedAt   time.Time
	Request     exportRequest
	CompletedAt time.Time // zero while pending
	Failed      *apierr.Error
	Filename    string
	ContentType string
	Content     []byte
}

type exportRequest struct {
	Format string     `json:"format"`
	CSV    *exportCSV `json:"csv,omitempty"`
}

type exportCSV struct {
	Fields []store.CSVField `json:"fields"`
}

// exportJobView is an export job as the server reports it.
type exportJobView struct {
	ID          string        `json:"id"`
	CreatedAt   time.Time     `json:"created_at"`
	CompletedAt *time.Time    `json:"completed_at,omitempty"`
	FailedAt    *time.Time    `json:"failed_at,omitempty"`
	Status      string        `json:"status"`
	Request     exportRequest `json:"request"`
	DownloadURL string        `json:"download_url,omitempty"`
	Error       *jobError     `json:"error,omitempty"`
}

// createExport serves POST /_api/admin/users/export.
func (rs *restState) createExport(w http.ResponseWriter, r *http.Request) {
	body, apiErr := readJSONBody(w, r, exportBodyLimit)
	if apiErr != nil {
		writeEnvelope(w, apiErr)
		return
	}
	if causes := store.ValidateExportRequest(body); len(causes) > 0 {
		writeEnvelope(w, apierr.ValidationFailed("invalid request body", causes...))
		return
	}
	var req exportRequest
	b, _ := json.Marshal(body) // decoded JSON always encodes
	if err := json.Unmarshal(b, &req); err != nil {
		writeEnvelope(w, apierr.Unexpected())
		return
	}
	if req.CSV != nil {
		if names, ok := store.CSVFieldNames(req.CSV.Fields); !ok {
			msg, _ := json.Marshal(map[string]any{"field_names": names})
			writeEnvelope(w, apierr.New(apierr.Invalid, "UserExportNonUniqueFieldNames", string(msg)))
			return
		}
	}

	rs.mu.Lock()
	defer rs.mu.Unlock()
	rs.expireJobs()
	for _, j := range rs.exports {
		if j.CompletedAt.IsZero() {
			writeEnvelope(w, apierr.New(apierr.TooManyRequest, "MaximumConcurrentJobLimitExceeded", "maximum concurrent job limit exceeded"))
			return
		}
	}
	if len(rs.exportStarts) >= exportsPerDay {
		writeEnvelope(w, apierr.WithInfo(apierr.TooManyRequest, "RateLimited", "request rate limited", map[string]any{"bucket_name": "UserExport"}))
		return
	}
	job := &exportJob{ID: newTaskID("userexport"), CreatedAt: rs.now(), Request: req}
	rs.exports[job.ID] = job
	rs.exportStarts = append(rs.exportStarts, job.CreatedAt)
	writeResult(w, exportJobView{ID: job.ID, CreatedAt: job.CreatedAt, Status: "pending", Request: job.Request})
}

// getExport serves GET /_api/admin/users/export/{id}. A completed job gets
// a freshly signed download URL.
func (rs *restState) getExport(w http.ResponseWriter, r *http.Request) {
	rs.mu.Lock()
	rs.expireJobs()
	job, ok := rs.exports[r.PathValue("id")]
	if ok && job.CompletedAt.IsZero() {
		rs.runExport(job)
	}
	var view exportJobView
	if ok {
		view = rs.exportView(job)
	}
	rs.mu.Unlock()
	if !ok {
		writeEnvelope(w, errTaskNotFound)
		return
	}
	writeResult(w, view)
}

// runExport writes the file of a job. rs.mu must be held.
func (rs *restState) runExport(job *exportJob) {
	rs.s.mu.RLock()
	records := rs.s.store.ExportRecords(rs.s.url)
	rs.s.mu.RUnlock()
	var (
		content []byte
		err     error
		ext     string
	)
	switch job.Request.Format {
	case "csv":
		var fields []store.CSVField
		if job.Request.CSV != nil {
			fields = job.Request.CSV.Fields
		}
		content, err = store.ExportCSV(records, fields)
		job.ContentType, ext = "text/csv", "csv"
	default:
		content, err = store.ExportNDJSON(records)
		job.ContentType, ext = "application/x-ndjson", "ndjson"
	}
	job.CompletedAt = rs.now()
	if err != nil {
		// Like a failing worker: the job completes with an error.
		job.Failed = apierr.Unexpected()
		return
	}
	job.Content = content
	job.Filename = fmt.Sprintf("%s-%s-%s.%s", rs.s.cfg.projectID, job.ID, job.CompletedAt.Format("20060102150405Z"), ext)
}

// exportView reports a job. rs.mu must be held.
func (rs *restState) exportView(job *exportJob) exportJobView {
	v := exportJobView{ID: job.ID, CreatedAt: job.CreatedAt, Status: "pending", Request: job.Request}
	if job.CompletedAt.IsZero() {
		return v
	}
	v.Status = "completed"
	at := job.CompletedAt
	if job.Failed != nil {
		e := newJobError(job.Failed)
		v.FailedAt, v.Error = &at, &e
		return v
	}
	v.CompletedAt = &at
	v.DownloadURL = rs.presignDownload(job.Filename)
	return v
}

// presignDownload returns a URL for the export file, valid for 60 seconds
// from now by the server's clock, shaped like an S3 presigned URL.
func (rs *restState) presignDownload(name string) string {
	now := rs.now()
	path := exportBucketPath + name
	date := now.Format(amzDate)
	expires := strconv.Itoa(int(downloadValidity / time.Second))
	credential := "adminapitest/" + now.Format("20060102") + "/us-east-1/s3/aws4_request"
	// The server's store orders the parameters like this; url.Values would
	// sort them.
	q := "X-Amz-Algorithm=AWS4-HMAC-SHA256" +
		"&X-Amz-Credential=" + url.QueryEscape(credential) +
		"&X-Amz-Date=" + date +
		"&X-Amz-Expires=" + expires +
		"&X-Amz-SignedHeaders=host" +
		"&X-Amz-Signature=" + rs.sign(path, date, expires)
	return rs.s.url + path + "?" + q
}

// downloadExport serves a presigned export file URL like an S3-compatible
// store: no Authorization header allowed, the signature checked, 60
// seconds of validity.
func (rs *restState) downloadExport(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if r.Header.Get("Authorization") != "" {
		writeS3Error(w, http.StatusBadRequest, "InvalidArgument",
			"Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified", name)
		return
	}
	q := r.URL.Query()
	switch rs.verify(r.URL.Path, q.Get("X-Amz-Date"), q.Get("X-Amz-Expires"), q.Get("X-Amz-Signature")) {
	case presignBad:
		writeS3Error(w, http.StatusForbidden, "SignatureDoesNotMatch",
			"The request signature we calculated does not match the signature you provided.", name)
		return
	case presignExpired:
		writeS3Error(w, http.StatusForbidden, "AccessDenied", "Request has expired", name)
		return
	}
	rs.mu.Lock()
	rs.expireJobs()
	var file *exportJob
	for _, j := range rs.exports {
		if j.Filename == name && j.Content != nil {
			file = j
		}
	}
	rs.mu.Unlock()
	if file == nil {
		writeS3Error(w, http.StatusNotFound, "NoSuchKey", "The specified key does not exist.", name)
		return
	}
	sum := md5.Sum(file.Content)
	h := w.Header()
	h.Set("Content-Type", file.ContentType)
	h.Set("Content-Disposition", "attachment; filename="+file.Filename)
	h.Set("Etag", `"`+hex.EncodeToString(sum[:])+`"`)
	h.Set("Access-Control-Allow-Origin", "*")
	http.ServeContent(w, r, "", file.CompletedAt, bytes.NewReader(file.Content))
}

// writeS3Error answers like an S3-compatible object store.
func writeS3Error(w http.ResponseWriter, status int, code, message, key string) {
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<Error><Code>")
	buf.WriteString(code)
	buf.WriteString("</Code><Message>")
	buf.WriteString(message)
	buf.WriteString("</Message><Key>")
	_ = xml.EscapeText(&buf, []byte(key))
	buf.WriteString("</Key><BucketName>userexport</BucketName></Error>")
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
