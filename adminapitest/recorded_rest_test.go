package adminapitest

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// REST paths of the recordings.
const (
	importsPath = "/_api/admin/users/import"
	exportsPath = "/_api/admin/users/export"
)

// restReplayCases rebuild the requests of the user import and export
// recordings (4*). Each runs on a fresh server; the ones that poll or
// download first repeat the requests that came before them in the
// recording session.
var restReplayCases = map[string]replayCase{
	"4a_import_create": func(t *testing.T, s *Server) answer {
		return restPost(t, s, importsPath, importRequestBody(t))
	},
	"4b_import_get": func(t *testing.T, s *Server) answer {
		id := resultID(t, restPost(t, s, importsPath, importRequestBody(t)))
		return restGet(t, s, importsPath+"/"+id)
	},
	"4c_import_dup": func(t *testing.T, s *Server) answer {
		restPost(t, s, importsPath, importRequestBody(t))
		return restPost(t, s, importsPath, importRequestBody(t))
	},
	"4d_import_dup_get": func(t *testing.T, s *Server) answer {
		restPost(t, s, importsPath, importRequestBody(t))
		id := resultID(t, restPost(t, s, importsPath, importRequestBody(t)))
		return restGet(t, s, importsPath+"/"+id)
	},
	"4e_import_invalid": func(t *testing.T, s *Server) answer {
		return restPost(t, s, importsPath, `{"records":[{"email":"imp1@example.com"}]}`)
	},
	"4f_import_unknown_job": func(t *testing.T, s *Server) answer {
		return restGet(t, s, importsPath+"/userimport_00000000000000000000000000000000")
	},
	"4g_export_create": func(t *testing.T, s *Server) answer {
		return restPost(t, s, exportsPath, `{"format":"ndjson"}`)
	},
	"4h_export_get": func(t *testing.T, s *Server) answer {
		id := resultID(t, restPost(t, s, exportsPath, `{"format":"ndjson"}`))
		return restGet(t, s, exportsPath+"/"+id)
	},
	"4i_export_download": func(t *testing.T, s *Server) answer {
		return exportAndDownload(t, s, `{"format":"ndjson"}`, "ndjson")
	},
	"4j_export_csv_create": func(t *testing.T, s *Server) answer {
		return restPost(t, s, exportsPath, csvExportBody)
	},
	"4k_export_csv_get": func(t *testing.T, s *Server) answer {
		id := resultID(t, restPost(t, s, exportsPath, csvExportBody))
		return restGet(t, s, exportsPath+"/"+id)
	},
	"4l_export_csv_download": func(t *testing.T, s *Server) answer {
		return exportAndDownload(t, s, csvExportBody, "csv")
	},
	"4m_export_invalid": func(t *testing.T, s *Server) answer {
		return restPost(t, s, exportsPath, `{"format":"xml"}`)
	},
}

const csvExportBody = `{"format":"csv","csv":{"fields":[{"pointer":"/sub"},{"pointer":"/email","field_name":"email_address"},{"pointer":"/name"}]}}`

// importRequestBody is the body sent to the real server's import endpoint.
func importRequestBody(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(recordedDir, "4_import_request_body.json"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

func restPost(t *testing.T, s *Server, path, body string) answer {
	t.Helper()
	return do(t, s, http.MethodPost, path, withAuth(t, s, nil), body)
}

func restGet(t *testing.T, s *Server, path string) answer {
	t.Helper()
	return do(t, s, http.MethodGet, path, map[string]string{"Authorization": "Bearer " + token(t, s, nil)}, "")
}

// resultField returns a string member of a successful REST answer's result.
func resultField(t *testing.T, a answer, key string) string {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("status = %d, want 200; body %s", a.status, a.body)
	}
	result, _ := decode(t, a.body)["result"].(map[string]any)
	v, ok := result[key].(string)
	if !ok {
		t.Fatalf("result has no string %q: %s", key, a.body)
	}
	return v
}

func resultID(t *testing.T, a answer) string {
	t.Helper()
	return resultField(t, a, "id")
}

// fetch GETs an absolute URL without any header.
func fetch(t *testing.T, rawURL string) answer {
	t.Helper()
	return fetchWith(t, http.MethodGet, rawURL, nil)
}

// exportFilename matches the name of an export file of project agreal.
var exportFilename = regexp.MustCompile(`^attachment; filename=agreal-userexport_[0-9A-HJKMNP-TV-Z]{32}-[0-9]{8}[0-9]{6}Z\.([a-z]+)$`)

// exportAndDownload imports the recorded users, exports them and
// downloads the file.
func exportAndDownload(t *testing.T, s *Server, exportBody, ext string) answer {
	t.Helper()
	imp := resultID(t, restPost(t, s, importsPath, importRequestBody(t)))
	restGet(t, s, importsPath+"/"+imp)
	id := resultID(t, restPost(t, s, exportsPath, exportBody))
	url := resultField(t, restGet(t, s, exportsPath+"/"+id), "download_url")
	got := fetch(t, url)
	cd := got.header.Get("Content-Disposition")
	if m := exportFilename.FindStringSubmatch(cd); m == nil || m[1] != ext {
		t.Errorf("Content-Disposition = %q, want an attachment named agreal-userexport_<id>-<time>.%s", cd, ext)
	}
	return got
}
