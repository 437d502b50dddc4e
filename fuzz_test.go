package adminapi

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/Khan/genqlient/graphql"
)

// FuzzDecodeErrorBody feeds the answer decoder any status, content type and
// body. It must never panic; every failure must be an *Error or an
// ErrorList whose text is safe to log; and an answer that is not 200 must
// never pass as a success. The seeds are the recorded answers of the real
// server and answers of broken proxies.
//
//	go test -run '^$' -fuzz FuzzDecodeErrorBody -fuzztime 1m .
func FuzzDecodeErrorBody(f *testing.F) {
	for _, x := range recorded {
		f.Add(x.status, x.contentType, []byte(x.body))
	}
	f.Add(200, ctJSON, []byte(`{"data":{"node":{"id":5}}}`))
	f.Add(200, ctJSON, []byte(`{"errors":[{"message":"a\nb","path":[1,"x",{}],"extensions":{"errorName":"TooManyRequest","info":{"k":[]}}}]}`))
	f.Add(200, ctJSON, []byte(`{"data":null,"errors":[{"message":"x"},{"message":"y","extensions":{"errorName":"NotFound"}}]}`))
	f.Add(429, "text/html", []byte("<html>slow down</html>"))
	f.Add(503, "", []byte{})
	f.Add(302, ctText, []byte("moved"))
	f.Add(200, "", []byte(" {\"data\":{}}"))
	f.Add(500, ctJSON, []byte(`{"error":{"name":"InternalError","info":null,"code":"x"}}`))
	f.Add(200, ctJSON, []byte(strings.Repeat("[", 10001)))
	f.Add(-1, "application/problem+json", []byte("{\"error\":{\"message\":\"\xff\"}}"))

	f.Fuzz(func(t *testing.T, status int, contentType string, body []byte) {
		res := &http.Response{StatusCode: status, Header: http.Header{}}
		if contentType != "" {
			res.Header.Set("Content-Type", contentType)
		}
		var data struct {
			Node *UserFields `json:"node"`
		}
		err := decodeResponse("GetUserNode", res, body, &graphql.Response{Data: &data})
		if err == nil {
			if status != http.StatusOK {
				t.Fatalf("status %d decoded as a success", status)
			}
			return
		}
		switch e := err.(type) {
		case *Error:
		case ErrorList:
			if len(e) < 2 {
				t.Fatalf("ErrorList of %d", len(e))
			}
		default:
			t.Fatalf("error %T, want *Error or ErrorList", err)
		}
		var apiErr *Error
		if !errors.As(err, &apiErr) {
			t.Fatal("errors.As finds no *Error")
		}
		checkErrorText(t, err)
		_ = apiErr.LogValue()
		_ = errors.Is(err, ErrServer)

		// Without a destination for "data" the same holds.
		if err2 := decodeResponse("", res, body, nil); err2 == nil && status != http.StatusOK {
			t.Fatalf("status %d decoded as a success without data", status)
		}
	})
}
