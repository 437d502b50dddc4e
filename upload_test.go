package adminapi_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

// tinyPNG returns a 2x2 PNG image.
func tinyPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.RGBA{R: 255, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestUploadProfilePicture(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	c := srv.Client()
	img := tinyPNG(t)

	for _, contentType := range []string{"", "image/png"} {
		url, err := c.UploadProfilePicture(t.Context(), bytes.NewReader(img), contentType)
		if err != nil {
			t.Fatal(err)
		}
		object, ok := strings.CutPrefix(url, "authgearimages:///"+srv.ProjectID()+"/")
		if !ok || object == "" {
			t.Fatalf("url = %q, want authgearimages:///%s/<object>", url, srv.ProjectID())
		}
		// The emulator serves the image where the server's images
		// endpoint would.
		res, err := http.Get(srv.URL() + "/_images/" + srv.ProjectID() + "/" + object + "/profile")
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "image/png" || !bytes.Equal(got, img) {
			t.Errorf("served image: %d %q, %d bytes; want the uploaded PNG", res.StatusCode, res.Header.Get("Content-Type"), len(got))
		}
	}

	// The upload itself carries no Admin API token.
	for _, r := range srv.Requests() {
		if strings.HasPrefix(r.Path, "/_images/") && r.Method == http.MethodPost && r.TokenClaims != nil {
			t.Errorf("the upload to %s carried the Admin API token", r.Path)
		}
	}
}

func TestUploadProfilePictureRefused(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	c := srv.Client()
	tests := []struct {
		name        string
		body        io.Reader
		contentType string
	}{
		{"too large", bytes.NewReader(make([]byte, adminapi.MaxProfilePictureBytes+1)), "image/png"},
		{"empty", bytes.NewReader(nil), "image/png"},
		{"bad content type", strings.NewReader("GIF89a"), "image/png; x=\"unterminated"},
		{"nil reader", nil, "image/png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.UploadProfilePicture(t.Context(), tt.body, tt.contentType)
			if !errors.Is(err, adminapi.ErrInvalidInput) {
				t.Errorf("err = %v, want ErrInvalidInput", err)
			}
		})
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}
