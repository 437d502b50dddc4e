package adminapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
)

// MaxProfilePictureBytes is the largest picture [Client.UploadProfilePicture]
// sends: Authgear's documentation asks for images under 10 MB.
const MaxProfilePictureBytes = 10 * 1000 * 1000

// UploadProfilePicture uploads an image for use as a user's profile picture
// and returns its URL, of the form "authgearimages:///<project>/<object>".
// Set it as the user's picture standard attribute, for example with
// [Client.SetStandardAttribute](ctx, id, "picture", url).
//
// It asks the Admin API for a presigned upload URL (POST
// /_api/admin/images/upload), then posts the image there as the file field
// of a multipart/form-data body, without the Admin API token. contentType
// is the image's media type, such as "image/png"; when empty it is sniffed
// from the first bytes. The image is read into memory first; one larger
// than [MaxProfilePictureBytes] fails with an error matching
// [ErrInvalidInput] before anything is sent. Crop it to a square first.
func (c *Client) UploadProfilePicture(ctx context.Context, r io.Reader, contentType string) (string, error) {
	const op = "UploadProfilePicture"
	if r == nil {
		return "", &Error{Operation: op, Message: "nil reader", err: ErrInvalidInput}
	}
	img, err := readLimited(r, MaxProfilePictureBytes)
	if err != nil {
		if errors.Is(err, errBodyTooLarge) {
			return "", &Error{Operation: op, Message: fmt.Sprintf("image larger than %d bytes", MaxProfilePictureBytes), err: ErrInvalidInput}
		}
		return "", fmt.Errorf("adminapi: %s: reading image: %w", op, err)
	}
	if len(img) == 0 {
		return "", &Error{Operation: op, Message: "empty image", err: ErrInvalidInput}
	}
	if contentType == "" {
		contentType = http.DetectContentType(img)
	}
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return "", &Error{Operation: op, Message: fmt.Sprintf("content type %q: %v", printable(contentType), err), err: ErrInvalidInput}
	}
	body, formType, err := pictureForm(img, mime.FormatMediaType(mt, params), mt)
	if err != nil {
		return "", fmt.Errorf("adminapi: %s: %w", op, err)
	}

	var presigned struct {
		UploadURL string `json:"upload_url"`
	}
	if err := c.rest(ctx, restRequest{op: op, method: http.MethodPost, path: imagesUploadPath}, &presigned); err != nil {
		return "", err
	}
	u, err := checkPresignedURL(op, presigned.UploadURL)
	if err != nil {
		return "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return "", fmt.Errorf("adminapi: %s: %w", op, withoutQuery(err))
	}
	req.Header.Set("Content-Type", formType)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	res, data, err := c.send(ctx, c.presignedClient(false), op, req)
	if err != nil {
		return "", err
	}
	var result struct {
		URL string `json:"url"`
	}
	if err := decodeREST(op, res, data, &result); err != nil {
		if e, ok := err.(*Error); ok && e.StatusCode == http.StatusForbidden {
			e.Hint = hintPresign
		}
		return "", err
	}
	if result.URL == "" {
		return "", &Error{StatusCode: res.StatusCode, Operation: op, Message: "the upload answer has no url", Hint: hintNoResult, err: ErrServer}
	}
	return result.URL, nil
}

// pictureForm encodes img as the single file field of a multipart form,
// and returns the body and its content type.
func pictureForm(img []byte, contentType, mediaType string) ([]byte, string, error) {
	name := "picture"
	if exts, _ := mime.ExtensionsByType(mediaType); len(exts) > 0 {
		name += exts[0]
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename="`+name+`"`)
	h.Set("Content-Type", contentType)
	part, err := w.CreatePart(h)
	if err != nil {
		return nil, "", err
	}
	if _, err := part.Write(img); err != nil {
		return nil, "", err
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}
