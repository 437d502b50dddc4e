package adminapitest

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// fetchWith sends a request without a body to an absolute URL.
func fetchWith(t *testing.T, method, rawURL string, header map[string]string) answer {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), body: string(b), header: resp.Header}
}

// completedExport starts an export and returns its id and download URL.
func completedExport(t *testing.T, s *Server, body string) (id, link string) {
	t.Helper()
	id = resultID(t, restPost(t, s, exportsPath, body))
	return id, resultField(t, restGet(t, s, exportsPath+"/"+id), "download_url")
}

func TestExportDownloads(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2031, 2, 3, 4, 5, 6, 0, time.UTC)}
	s := newTestServer(t, WithClock(clock.Now))
	seed(t, s, SeedUser{Email: "a@example.com"})
	id, link := completedExport(t, s, `{"format":"ndjson"}`)
	if !strings.HasPrefix(link, s.URL()+"/userexport/emulator-userexport_") ||
		!strings.Contains(link, ".ndjson?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=") ||
		!strings.Contains(link, "&X-Amz-Date=20310203T040506Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=") {
		t.Fatalf("download URL %s", link)
	}

	ok := fetch(t, link)
	if ok.status != 200 || ok.contentType != "application/x-ndjson" || !strings.Contains(ok.body, `"email":"a@example.com"`) ||
		ok.header.Get("Etag") == "" || ok.header.Get("Last-Modified") != "Mon, 03 Feb 2031 04:05:06 GMT" {
		t.Errorf("download: %d %q %v %s", ok.status, ok.contentType, ok.header, ok.body)
	}
	if part := fetchWith(t, http.MethodGet, link, map[string]string{"Range": "bytes=0-5"}); part.status != http.StatusPartialContent || part.body != `{"sub"` {
		t.Errorf("range request: %d %q", part.status, part.body)
	}
	if head := fetchWith(t, http.MethodHead, link, nil); head.status != 200 || head.body != "" {
		t.Errorf("HEAD: %d %q", head.status, head.body)
	}

	refused := []struct {
		name, url string
		header    map[string]string
		status    int
		code      string
	}{
		{"with a token", link, map[string]string{"Authorization": "Bearer " + token(t, s, nil)}, 400, "InvalidArgument"},
		{"tampered", strings.Replace(link, "X-Amz-Expires=60", "X-Amz-Expires=6000", 1), nil, 403, "SignatureDoesNotMatch"},
		{"unsigned", strings.Split(link, "?")[0], nil, 403, "SignatureDoesNotMatch"},
	}
	for _, tt := range refused {
		got := fetchWith(t, http.MethodGet, tt.url, tt.header)
		if got.status != tt.status || got.contentType != "application/xml" || !strings.Contains(got.body, "<Code>"+tt.code+"</Code>") {
			t.Errorf("%s: %d %q %s; want %d %s", tt.name, got.status, got.contentType, got.body, tt.status, tt.code)
		}
	}

	clock.Add(61 * time.Second)
	if got := fetch(t, link); got.status != 403 || !strings.Contains(got.body, "<Code>AccessDenied</Code><Message>Request has expired</Message>") {
		t.Errorf("after 61 s: %d %s", got.status, got.body)
	}
	// The job hands out a fresh URL.
	fresh := resultField(t, restGet(t, s, exportsPath+"/"+id), "download_url")
	if got := fetch(t, fresh); got.status != 200 || got.body != ok.body {
		t.Errorf("fresh URL: %d %s", got.status, got.body)
	}
	// After 24 hours the job is gone.
	clock.Add(24 * time.Hour)
	if e := restError(t, restGet(t, s, exportsPath+"/"+id), 404); e["reason"] != "TaskNotFound" {
		t.Errorf("a day later: %v", e)
	}
}

func TestExportJobStates(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)

	first := resultID(t, restPost(t, s, exportsPath, `{"format":"ndjson"}`))
	e := restError(t, restPost(t, s, exportsPath, `{"format":"ndjson"}`), 429)
	if e["name"] != "TooManyRequest" || e["reason"] != "MaximumConcurrentJobLimitExceeded" {
		t.Errorf("second running export: %v", e)
	}
	restGet(t, s, exportsPath+"/"+first)

	// A pointer that is not a JSON pointer fails the job, not the request.
	id := resultID(t, restPost(t, s, exportsPath, `{"format":"csv","csv":{"fields":[{"pointer":"sub"}]}}`))
	got := decode(t, restGet(t, s, exportsPath+"/"+id).body)["result"].(map[string]any)
	errObj, _ := got["error"].(map[string]any)
	if got["status"] != "completed" || got["failed_at"] == nil || got["completed_at"] != nil || got["download_url"] != nil ||
		errObj["reason"] != "UnexpectedError" {
		t.Errorf("failed job = %v", got)
	}

	e = restError(t, restPost(t, s, exportsPath, `{"format":"csv","csv":{"fields":[{"pointer":"/a/b"},{"pointer":"/x","field_name":"a.b"}]}}`), 400)
	if e["reason"] != "UserExportNonUniqueFieldNames" || e["message"] != `{"field_names":["a.b","a.b"]}` {
		t.Errorf("duplicate names: %v", e)
	}
	e = restError(t, restPost(t, s, exportsPath, `{"csv":{}}`), 400)
	if e["reason"] != "ValidationFailed" {
		t.Errorf("no format: %v", e)
	}
}
