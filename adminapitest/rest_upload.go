package adminapitest

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// Limits of image uploads.
const (
	// uploadValidity is how long a presigned upload URL is valid, as on
	// the server.
	uploadValidity = 15 * time.Minute
	// maxImageBytes bounds an upload body; the server documents 10 MB
	// images, the emulator allows some slack for the form around it.
	maxImageBytes = 11 << 20
)

// storedImage is an uploaded image.
type storedImage struct {
	contentType string
	data        []byte
}

// presignImageUpload serves GET and POST /_api/admin/images/upload: it
// returns a presigned URL to post an image to.
func (rs *restState) presignImageUpload(w http.ResponseWriter, _ *http.Request) {
	path := "/_images/" + url.PathEscape(rs.s.cfg.projectID) + "/" + store.NewUUID()
	date := rs.now().Format(amzDate)
	expires := strconv.Itoa(int(uploadValidity / time.Second))
	q := url.Values{"x_date": {date}, "x_expires": {expires}, "x_signature": {rs.sign(path, date, expires)}}
	writeResult(w, map[string]string{"upload_url": rs.s.url + path + "?" + q.Encode()})
}

// uploadImage serves the presigned upload URL: a multipart/form-data body
// with exactly one file part, named file. It answers with the image's
// authgearimages URL.
func (rs *restState) uploadImage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if rs.verify(r.URL.Path, q.Get("x_date"), q.Get("x_expires"), q.Get("x_signature")) != presignOK {
		writeEnvelope(w, apierr.New(apierr.Forbidden, apierr.Forbidden, "invalid or expired signature"))
		return
	}
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		writeEnvelope(w, apierr.New(apierr.Invalid, apierr.Invalid, "invalid content-type"))
		return
	}
	if params["boundary"] == "" {
		writeEnvelope(w, apierr.New(apierr.Invalid, apierr.Invalid, "invalid boundary"))
		return
	}
	form, err := multipart.NewReader(http.MaxBytesReader(w, r.Body, maxImageBytes), params["boundary"]).ReadForm(maxImageBytes)
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			writeEnvelope(w, apierr.New(apierr.RequestEntityTooLarge, apierr.RequestEntityTooLarge, "request body too large"))
			return
		}
		writeEnvelope(w, apierr.New(apierr.Invalid, apierr.Invalid, "failed to read request body"))
		return
	}
	defer form.RemoveAll()
	if len(form.File) != 1 {
		writeEnvelope(w, apierr.New(apierr.Invalid, apierr.Invalid, "expected exactly 1 file part"))
		return
	}
	files, ok := form.File["file"]
	if !ok || len(files) != 1 {
		writeEnvelope(w, apierr.New(apierr.Invalid, apierr.Invalid, "invalid file field"))
		return
	}
	f, err := files[0].Open()
	if err != nil {
		writeEnvelope(w, apierr.Unexpected())
		return
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		writeEnvelope(w, apierr.Unexpected())
		return
	}
	key := r.PathValue("app") + "/" + r.PathValue("object")
	rs.mu.Lock()
	rs.images[key] = storedImage{contentType: files[0].Header.Get("Content-Type"), data: data}
	rs.mu.Unlock()
	writeResult(w, map[string]string{"url": "authgearimages:///" + key})
}

// serveImage serves an uploaded image at /_images/{app}/{object}, with any
// trailing options (the server's resizing options) ignored.
func (rs *restState) serveImage(w http.ResponseWriter, r *http.Request) {
	rs.mu.Lock()
	img, ok := rs.images[r.PathValue("app")+"/"+r.PathValue("object")]
	rs.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	ct := img.contentType
	if ct == "" {
		ct = http.DetectContentType(img.data)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(len(img.data)))
	_, _ = w.Write(img.data)
}
