package adminapi_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authgear-admin/adminapi"
)

// fakeServer serves handler as a project's origin and returns a client for
// it. The handler sees the requests the client sends; tokens are not
// checked.
func fakeServer(t *testing.T, handler http.HandlerFunc) (*adminapi.Client, *httptest.Server) {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	c, err := adminapi.New(srv.URL,
		adminapi.WithProjectID("fake"),
		adminapi.WithKeyID("fake-key"),
		adminapi.WithPrivateKeyPEM(otherKeyPEM()),
	)
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

const completedImport = `{"result":{"id":"userimport_A","created_at":"2026-01-01T00:00:00Z","completed_at":"2026-01-01T00:00:01Z","status":"completed",` +
	`"summary":{"total":1,"inserted":1,"updated":0,"skipped":0,"failed":0},` +
	`"details":[{"index":0,"record":{"email":"a@example.com"},"outcome":"inserted","user_id":"u1"}]}}`

func TestImportPollsPendingAndTransientFailures(t *testing.T) {
	t.Parallel()
	var gets atomic.Int32
	c, _ := fakeServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/_api/admin/users/import":
			if r.Header.Get("Content-Type") != "application/json" || !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
				http.Error(w, "bad request headers", http.StatusBadRequest)
				return
			}
			writeJSON(w, 200, `{"result":{"id":"userimport_A","created_at":"2026-01-01T00:00:00Z","status":"pending"}}`)
		case r.Method == http.MethodGet && r.URL.Path == "/_api/admin/users/import/userimport_A":
			switch gets.Add(1) {
			case 1, 2:
				writeJSON(w, 200, `{"result":{"id":"userimport_A","created_at":"2026-01-01T00:00:00Z","status":"pending"}}`)
			case 3:
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(http.StatusBadGateway)
				_, _ = io.WriteString(w, "<html>bad gateway</html>")
			default:
				writeJSON(w, 200, completedImport)
			}
		default:
			http.NotFound(w, r)
		}
	})
	res, err := c.ImportUsers(t.Context(), adminapi.ImportRequest{
		Identifier: adminapi.ImportByEmail,
		Records:    []adminapi.ImportRecord{{Email: adminapi.Ptr("a@example.com")}},
	}, fastPoll)
	if err != nil {
		t.Fatal(err)
	}
	if gets.Load() != 4 || res.Summary.Inserted != 1 || len(res.Outcomes) != 1 || res.Outcomes[0].UserID != "u1" {
		t.Errorf("%d polls, result %+v; want 4 polls and one inserted user", gets.Load(), res)
	}
}

func TestImportJobFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		get     string // answer to polls; "" never completes
		timeout time.Duration
		check   func(error) bool
	}{
		{
			name: "job error",
			get:  `{"result":{"id":"userimport_A","created_at":"2026-01-01T00:00:00Z","completed_at":"2026-01-01T00:00:01Z","status":"completed","error":{"name":"InternalError","reason":"UnexpectedError","message":"unexpected error occurred","code":500}}}`,
			check: func(err error) bool {
				var e *adminapi.Error
				return errors.As(err, &e) && errors.Is(err, adminapi.ErrServer) && strings.Contains(e.Message, "job failed") &&
					strings.Contains(e.Message, "userimport_A")
			},
		},
		{
			name:    "deadline",
			timeout: 50 * time.Millisecond,
			check:   func(err error) bool { return errors.Is(err, context.DeadlineExceeded) },
		},
		{
			name:  "job gone",
			get:   `!404`,
			check: func(err error) bool { return errors.Is(err, adminapi.ErrNotFound) },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, _ := fakeServer(t, func(w http.ResponseWriter, r *http.Request) {
				switch {
				case r.Method == http.MethodPost:
					writeJSON(w, 200, `{"result":{"id":"userimport_A","created_at":"2026-01-01T00:00:00Z","status":"pending"}}`)
				case tt.get == "":
					writeJSON(w, 200, `{"result":{"id":"userimport_A","created_at":"2026-01-01T00:00:00Z","status":"pending"}}`)
				case tt.get == "!404":
					writeJSON(w, 404, `{"error":{"name":"NotFound","reason":"TaskNotFound","message":"task not found","code":404}}`)
				default:
					writeJSON(w, 200, tt.get)
				}
			})
			ctx := t.Context()
			if tt.timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.timeout)
				defer cancel()
			}
			res, err := c.ImportUsers(ctx, adminapi.ImportRequest{
				Identifier: adminapi.ImportByEmail,
				Records:    []adminapi.ImportRecord{{Email: adminapi.Ptr("a@example.com")}},
			}, fastPoll)
			if !tt.check(err) {
				t.Errorf("err = %v", err)
			}
			if res == nil || len(res.JobIDs) != 1 || res.JobIDs[0] != "userimport_A" {
				t.Errorf("result = %+v, want it to name the job", res)
			}
		})
	}
}

func TestRESTAnswersThatAreNotREST(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		want        error
		hint        string
	}{
		{"html 200", 200, "text/html", "<html>login page</html>", adminapi.ErrServer, "not a REST response"},
		{"bare 404", 404, "text/plain; charset=utf-8", "404 page not found\n", adminapi.ErrNotFound, "no such endpoint"},
		{"json without result", 200, "application/json", `{"data":null}`, adminapi.ErrServer, "no result"},
		{"truncated json", 200, "application/json", `{"result":{"id":`, adminapi.ErrServer, "cut short"},
		{"proxy 429", 429, "text/html", "<html>slow down</html>", adminapi.ErrRateLimited, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, _ := fakeServer(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.contentType)
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, tt.body)
			})
			_, err := c.StartExport(t.Context(), adminapi.ExportRequest{Format: adminapi.ExportNDJSON})
			var e *adminapi.Error
			if !errors.As(err, &e) || !errors.Is(err, tt.want) || !strings.Contains(e.Hint, tt.hint) {
				t.Errorf("err = %v, want %v with a hint containing %q", err, tt.want, tt.hint)
			}
		})
	}
}

func TestRESTBareForbiddenResignsOnce(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	c, _ := fakeServer(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			http.Error(w, "Forbidden", http.StatusForbidden)
			return
		}
		writeJSON(w, 200, `{"result":{"upload_url":"http://127.0.0.1:1/x"}}`)
	})
	_, err := c.UploadProfilePicture(t.Context(), strings.NewReader("GIF89a"), "image/gif")
	if calls.Load() != 2 {
		t.Errorf("%d calls, want a second one after the bare 403", calls.Load())
	}
	// The upload URL points at a closed port.
	if err == nil || errors.Is(err, adminapi.ErrForbidden) {
		t.Errorf("err = %v, want the upload's network error", err)
	}
}

func TestDownloadExportErrors(t *testing.T) {
	t.Parallel()
	const secret = "X-Amz-Signature=0123456789abcdef"
	closed := func() string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		return "http://" + addr
	}()
	store := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/moved":
			http.Redirect(w, r, "/file?"+r.URL.RawQuery, http.StatusTemporaryRedirect)
		case "/file":
			if r.Header.Get("Authorization") != "" {
				http.Error(w, "two auth mechanisms", http.StatusBadRequest)
				return
			}
			w.Header().Set("Content-Type", "application/x-ndjson")
			w.Header().Set("Content-Disposition", "attachment; filename=p-userexport_A-20260101000000Z.ndjson")
			_, _ = io.WriteString(w, `{"sub":"u1"}`+"\n")
		case "/broken":
			w.Header().Set("Content-Type", "application/xml")
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = io.WriteString(w, "<Error><Code>InternalError</Code></Error>")
		default:
			w.Header().Set("Content-Type", "application/xml")
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, "<Error><Code>NoSuchKey</Code></Error>")
		}
	}))
	t.Cleanup(store.Close)
	c, _ := fakeServer(t, http.NotFound)

	t.Run("redirect followed without token", func(t *testing.T) {
		f, err := c.DownloadExport(t.Context(), &adminapi.ExportJob{ID: "userexport_A", DownloadURL: store.URL + "/moved?" + secret})
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		if string(b) != `{"sub":"u1"}`+"\n" || f.Filename != "p-userexport_A-20260101000000Z.ndjson" || f.ContentType != "application/x-ndjson" {
			t.Errorf("file %q (%s): %q", f.Filename, f.ContentType, b)
		}
	})
	for _, tt := range []struct {
		name, url string
		want      func(error) bool
	}{
		{"missing", store.URL + "/gone?" + secret, func(err error) bool { return strings.Contains(err.Error(), "NoSuchKey") }},
		{"store fault", store.URL + "/broken?" + secret, func(err error) bool { return errors.Is(err, adminapi.ErrServer) }},
		{"network", closed + "/file?" + secret, func(err error) bool { return !errors.Is(err, adminapi.ErrServer) }},
		{"not http", "ftp://example.com/file?" + secret, func(err error) bool { return errors.Is(err, adminapi.ErrServer) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.DownloadExport(t.Context(), &adminapi.ExportJob{ID: "userexport_A", DownloadURL: tt.url})
			if err == nil || !tt.want(err) {
				t.Fatalf("err = %v", err)
			}
			if strings.Contains(err.Error(), "0123456789abcdef") {
				t.Errorf("the error shows the URL's signature: %v", err)
			}
		})
	}
	if _, err := c.DownloadExport(t.Context(), &adminapi.ExportJob{ID: "userexport_A"}); !errors.Is(err, adminapi.ErrInvalidInput) {
		t.Errorf("DownloadExport(no URL) = %v, want ErrInvalidInput", err)
	}
}

func TestJobOptionsChecked(t *testing.T) {
	t.Parallel()
	c, _ := fakeServer(t, http.NotFound)
	for _, opt := range []adminapi.JobOption{
		adminapi.WithJobPollInterval(0, time.Second),
		adminapi.WithJobPollInterval(time.Second, time.Millisecond),
		adminapi.WithImportBatchBytes(999),
		adminapi.WithImportBatchBytes(500_001),
	} {
		_, err := c.ImportUsers(t.Context(), adminapi.ImportRequest{Identifier: "email", Records: twoRecords()}, opt)
		if !errors.Is(err, adminapi.ErrInvalidInput) {
			t.Errorf("err = %v, want ErrInvalidInput", err)
		}
	}
}
