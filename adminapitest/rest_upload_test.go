package adminapitest

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"testing"
	"time"
)

// multipartBody builds a form with the given file parts (field name,
// content type, data).
func multipartBody(t *testing.T, parts ...[3]string) (string, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="`+p[0]+`"; filename="f.png"`)
		h.Set("Content-Type", p[1])
		pw, err := w.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := pw.Write([]byte(p[2])); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String(), w.FormDataContentType()
}

// postTo posts body to an absolute URL without a token.
func postTo(t *testing.T, rawURL, contentType, body string) answer {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, rawURL, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(resp.Body); err != nil {
		t.Fatal(err)
	}
	return answer{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), body: b.String(), header: resp.Header}
}

func TestImageUpload(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2031, 2, 3, 4, 5, 6, 0, time.UTC)}
	s := newTestServer(t, WithClock(clock.Now))
	presign := func(method string) string {
		t.Helper()
		a := do(t, s, method, "/_api/admin/images/upload", map[string]string{"Authorization": "Bearer " + token(t, s, nil)}, "")
		u := resultField(t, a, "upload_url")
		if !strings.HasPrefix(u, s.URL()+"/_images/emulator/") || !strings.Contains(u, "x_signature=") {
			t.Fatalf("upload URL %s", u)
		}
		return u
	}
	good, goodType := multipartBody(t, [3]string{"file", "image/png", "PNGDATA"})

	upload := presign(http.MethodGet)
	got := postTo(t, upload, goodType, good)
	url := resultField(t, got, "url")
	object, ok := strings.CutPrefix(url, "authgearimages:///emulator/")
	if !ok || !strings.Contains(upload, "/_images/emulator/"+object+"?") {
		t.Fatalf("image url %q for upload URL %s", url, upload)
	}
	img := fetchWith(t, http.MethodGet, s.URL()+"/_images/emulator/"+object+"/profile", nil)
	if img.status != 200 || img.contentType != "image/png" || img.body != "PNGDATA" {
		t.Errorf("image: %d %q %q", img.status, img.contentType, img.body)
	}
	if missing := fetchWith(t, http.MethodGet, s.URL()+"/_images/emulator/nothing", nil); missing.status != 404 {
		t.Errorf("unknown image: %d", missing.status)
	}

	upload = presign(http.MethodPost)
	two, twoType := multipartBody(t, [3]string{"file", "image/png", "A"}, [3]string{"other", "image/png", "B"})
	named, namedType := multipartBody(t, [3]string{"picture", "image/png", "A"})
	refused := []struct {
		name, url, contentType, body string
		status                       int
		message                      string
	}{
		{"unsigned", strings.Split(upload, "?")[0], goodType, good, 403, "invalid or expired signature"},
		{"tampered", strings.Replace(upload, "x_expires=900", "x_expires=9000", 1), goodType, good, 403, "invalid or expired signature"},
		{"not multipart", upload, "image/png", "PNGDATA", 400, "invalid content-type"},
		{"two files", upload, twoType, two, 400, "expected exactly 1 file part"},
		{"wrong field", upload, namedType, named, 400, "invalid file field"},
	}
	for _, tt := range refused {
		e := restError(t, postTo(t, tt.url, tt.contentType, tt.body), tt.status)
		if e["message"] != tt.message {
			t.Errorf("%s: %v, want %q", tt.name, e, tt.message)
		}
	}
	clock.Add(15*time.Minute + time.Second)
	if e := restError(t, postTo(t, upload, goodType, good), 403); e["name"] != "Forbidden" {
		t.Errorf("expired upload URL: %v", e)
	}
}
