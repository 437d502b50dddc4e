package adminapitest

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// This file holds what the REST endpoints beside GraphQL share (user import
// and export in rest_import.go and rest_export.go, image upload in
// rest_upload.go): their state, the {"result": ...} envelope, reading JSON
// bodies like the server, and presigned URLs.

// restState is the state of the REST endpoints of one server: jobs, export
// files and uploaded images. Jobs are not part of the store, so GraphQL
// rollbacks and [Server.Reset] leave them alone, as the server keeps them
// in Redis.
type restState struct {
	s   *Server
	key []byte // signs presigned URLs

	mu           sync.Mutex
	imports      map[string]*importJob
	exports      map[string]*exportJob
	exportStarts []time.Time // creation times of exports in the last 24 hours
	images       map[string]storedImage
}

func newRESTState(s *Server) *restState {
	key := make([]byte, 32)
	_, _ = rand.Read(key) // crypto/rand.Read never fails
	return &restState{
		s:       s,
		key:     key,
		imports: map[string]*importJob{},
		exports: map[string]*exportJob{},
		images:  map[string]storedImage{},
	}
}

// register adds the authenticated REST routes.
func (rs *restState) register(mux *http.ServeMux) {
	mux.HandleFunc("POST /_api/admin/users/import", rs.createImport)
	mux.HandleFunc("GET /_api/admin/users/import/{id}", rs.getImport)
	mux.HandleFunc("POST /_api/admin/users/export", rs.createExport)
	mux.HandleFunc("GET /_api/admin/users/export/{id}", rs.getExport)
	mux.HandleFunc("GET /_api/admin/images/upload", rs.presignImageUpload)
	mux.HandleFunc("POST /_api/admin/images/upload", rs.presignImageUpload)
}

// registerPresigned adds the routes that presigned URLs point at. They
// take no token: the URL's signature grants access.
func (rs *restState) registerPresigned(mux *http.ServeMux) {
	mux.HandleFunc("GET "+exportBucketPath+"{name}", rs.downloadExport)
	mux.HandleFunc("HEAD "+exportBucketPath+"{name}", rs.downloadExport)
	mux.HandleFunc("POST /_images/{app}/{object}", rs.uploadImage)
	mux.HandleFunc("GET /_images/{app}/{object}", rs.serveImage)
	mux.HandleFunc("GET /_images/{app}/{object}/{options...}", rs.serveImage)
}

// jobTTL is how long the server keeps jobs and their results.
const jobTTL = 24 * time.Hour

// now is the server's clock in UTC.
func (rs *restState) now() time.Time { return rs.s.cfg.clock().UTC() }

// writeResult answers 200 with {"result": v}, encoded like the server:
// HTML characters escaped, a newline at the end.
func writeResult(w http.ResponseWriter, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(struct {
		Result any `json:"result"`
	}{v}); err != nil {
		writeEnvelope(w, apierr.Unexpected())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes())
}

// isJSONContentType accepts application/json, with charset=utf-8 as the
// only parameter allowed, like the server's REST endpoints.
func isJSONContentType(ct string) bool {
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/json" {
		return false
	}
	switch len(params) {
	case 0:
		return true
	case 1:
		return strings.EqualFold(params["charset"], "utf-8")
	}
	return false
}

// readJSONBody reads a REST request body of at most limit bytes like the
// server: the content type must be JSON, a larger body is 413
// RequestEntityTooLarge, and numbers stay exact (json.Number).
func readJSONBody(w http.ResponseWriter, r *http.Request, limit int64) (any, *apierr.Error) {
	if !isJSONContentType(r.Header.Get("Content-Type")) {
		return nil, apierr.New(apierr.BadRequest, apierr.BadRequest, "request content type is invalid")
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return nil, apierr.WithInfo(apierr.RequestEntityTooLarge, "JSONTooLarge", "request body too large", map[string]any{"limit": limit})
		}
		return nil, apierr.Unexpected()
	}
	var check any
	if err := json.Unmarshal(body, &check); err != nil {
		return nil, requestError(err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, requestError(err)
	}
	return v, nil
}

// crockford is the alphabet of the server's job ids.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// newTaskID returns an id like the server's: prefix, "_" and 32 random
// characters of Crockford's base32 alphabet.
func newTaskID(prefix string) string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	var sb strings.Builder
	sb.WriteString(prefix)
	sb.WriteByte('_')
	for _, c := range b {
		sb.WriteByte(crockford[c&31])
	}
	return sb.String()
}

// amzDate is the time format of presigned URLs.
const amzDate = "20060102T150405Z"

// sign returns the signature of a presigned URL for path, issued at date
// and valid for expires seconds.
func (rs *restState) sign(path, date, expires string) string {
	m := hmac.New(sha256.New, rs.key)
	m.Write([]byte(path + "\n" + date + "\n" + expires))
	return hex.EncodeToString(m.Sum(nil))
}

// presignStatus is the outcome of checking a presigned URL.
type presignStatus int

const (
	presignOK presignStatus = iota
	presignBad
	presignExpired
)

// verify checks the signature and expiry of a presigned request whose
// date, expiry and signature are given.
func (rs *restState) verify(path, date, expires, sig string) presignStatus {
	want := rs.sign(path, date, expires)
	if sig == "" || !hmac.Equal([]byte(sig), []byte(want)) {
		return presignBad
	}
	t, err := time.Parse(amzDate, date)
	secs, err2 := strconv.Atoi(expires)
	if err != nil || err2 != nil {
		return presignBad
	}
	if rs.now().After(t.Add(time.Duration(secs) * time.Second)) {
		return presignExpired
	}
	return presignOK
}
