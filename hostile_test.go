package adminapi

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkErrorText fails t if an error's text could garble a log: invalid
// UTF-8 or control characters.
func checkErrorText(t *testing.T, err error) {
	t.Helper()
	text := err.Error()
	if !utf8.ValidString(text) {
		t.Errorf("error text is not valid UTF-8: %q", text)
	}
	if i := strings.IndexFunc(text, func(r rune) bool { return r < 0x20 || r == 0x7f }); i >= 0 {
		t.Errorf("error text has a control character at %d: %q", i, text)
	}
}

// TestHostileAnswers sends answers a broken or hostile server or proxy
// might: each must give a typed error, never a panic or a hang.
func TestHostileAnswers(t *testing.T) {
	t.Parallel()
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	tests := []struct {
		name   string
		x      exchange
		wantIs error // nil: any *Error
	}{
		{"truncated JSON", exchange{200, ctJSON, `{"data":{"node":{"id":"VXNlcjox","createdAt":`}, ErrServer},
		{"id of the wrong type", exchange{200, ctJSON, `{"data":{"node":{"id":5}}}`}, ErrServer},
		{"data is a list", exchange{200, ctJSON, `{"data":[1,2,3]}`}, ErrServer},
		{"errors is a string", exchange{200, ctJSON, `{"errors":"boom"}`}, ErrServer},
		{"errors of numbers", exchange{200, ctJSON, `{"errors":[1,2]}`}, ErrServer},
		{"error envelope is a string", exchange{500, ctJSON, `{"error":"boom"}`}, ErrServer},
		{"bad time", exchange{200, ctJSON, `{"data":{"node":{"id":"VXNlcjox","createdAt":"yesterday"}}}`}, ErrServer},
		{"huge number", exchange{200, ctJSON, `{"data":{"node":{"id":"VXNlcjox","isDisabled":1e400}}}`}, ErrServer},
		{"deeply nested", exchange{200, ctJSON, `{"data":{"node":` + deep + `}}`}, ErrServer},
		{"deeply nested errors", exchange{200, ctJSON, `{"errors":[{"message":"x","extensions":{"info":{"a":` + deep + `}}}]}`}, ErrServer},
		{"invalid UTF-8 message", exchange{200, ctJSON, "{\"errors\":[{\"message\":\"bad \xff\xfe bytes\"}]}"}, nil},
		{"control characters", exchange{200, ctJSON, `{"errors":[{"message":"line1\nFAKE LOG LINE\r\u0000\u001b[31m","path":["a\nb",1,{"x":"\n"}],` +
			`"extensions":{"errorName":"Invalid","reason":"R\t"}}]}`}, ErrInvalidInput},
		{"REST control characters", exchange{503, ctJSON, `{"error":{"name":"ServiceUnavailable","message":"down\nnow","tracking_id":"t\n1"}}`}, ErrServer},
		{"plain text with control characters", exchange{502, ctText, "bad\x00gateway\x1b[2J\n"}, ErrServer},
		{"invalid UTF-8 text", exchange{502, ctText, "bad \xff gateway"}, ErrServer},
		{"binary", exchange{200, "application/octet-stream", "\x00\x01\x02\xff"}, ErrServer},
		{"JSON null", exchange{200, ctJSON, `null`}, ErrNotFound},
		{"empty object", exchange{200, ctJSON, `{}`}, ErrNotFound},
		{"two objects", exchange{200, ctJSON, `{"data":null} {"data":null}`}, ErrServer},
		{"HTML in a 200", exchange{200, "text/html", "<html>maintenance</html>"}, ErrServer},
		{"JSON labelled HTML", exchange{200, "text/html", `{"data":{"node":null}}`}, ErrServer},
		{"redirect", exchange{302, ctText, "moved"}, nil},
		{"informational status", exchange{299, ctJSON, `{"data":{"node":null}}`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, _ := newFakeServer(t, replay(tt.x), WithoutRetry())
			_, err := c.GetUser(t.Context(), recordedUserNodeID)
			var apiErr *Error
			if !errors.As(err, &apiErr) {
				t.Fatalf("error = %v (%T); want an *Error", err, err)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("error = %v; want one matching %v", err, tt.wantIs)
			}
			checkErrorText(t, err)
		})
	}
}

// TestHostileHugeAnswer streams an answer far over the limit without a
// Content-Length: reading stops at the limit.
func TestHostileHugeAnswer(t *testing.T) {
	t.Parallel()
	chunk := []byte(`{"data":{"node":{"id":"` + strings.Repeat("x", 64<<10))
	var written int
	c, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctJSON)
		for range 64 { // 4 MiB
			n, err := w.Write(chunk)
			written += n
			if err != nil {
				return
			}
		}
	}, WithoutRetry())
	c.maxBody = 256 << 10
	_, err := c.GetUser(t.Context(), recordedUserNodeID)
	var apiErr *Error
	if !errors.As(err, &apiErr) || !errors.Is(err, ErrServer) || apiErr.Hint != hintTooLarge {
		t.Fatalf("error = %v; want an *Error matching ErrServer with the size hint", err)
	}
	checkErrorText(t, err)
}
