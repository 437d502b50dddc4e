package adminapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"

	"github.com/Khan/genqlient/graphql"
)

// This file builds requests and reads answers with as little garbage as the
// standard library allows: request bodies are encoded into pooled buffers,
// headers are shared read-only slices, and answers are read into pooled
// buffers that are recycled once decoded (encoding/json copies what it
// keeps).

// maxPooledBuffer is the largest buffer put back into a pool; larger ones
// (big pages) are left to the garbage collector.
const maxPooledBuffer = 1 << 20

// headerJSON is shared by every request. Header value slices are only read
// by http.Client and its transports; cap == len makes an append copy.
var headerJSON = []string{"application/json"}[:1:1]

// reqBody is an encoded request body taken from a pool. Each reader over it
// holds a reference, and so does the call until it returns: a transport may
// go on reading a body after RoundTrip returns, and closes it when done, so
// the buffer goes back to the pool only after the last Close.
type reqBody struct {
	buf     bytes.Buffer
	enc     *json.Encoder
	refs    atomic.Int32
	getBody func() (io.ReadCloser, error) // b.newReader, made once per buffer
}

var reqBodyPool = sync.Pool{New: func() any {
	b := new(reqBody)
	b.enc = json.NewEncoder(&b.buf)
	b.getBody = b.newReader
	return b
}}

// encodeRequest encodes req as json.Marshal would. The caller must call
// release when done.
func encodeRequest(req *graphql.Request) (*reqBody, error) {
	b := reqBodyPool.Get().(*reqBody)
	b.buf.Reset()
	b.refs.Store(1)
	if err := b.enc.Encode(req); err != nil {
		b.release()
		return nil, err
	}
	b.buf.Truncate(b.buf.Len() - 1) // Encode's newline
	return b, nil
}

func (b *reqBody) bytes() []byte { return b.buf.Bytes() }

// release drops a reference, recycling the buffer after the last one.
func (b *reqBody) release() {
	if b.refs.Add(-1) == 0 && b.buf.Cap() <= maxPooledBuffer {
		reqBodyPool.Put(b)
	}
}

// reader returns a new reader over the body.
func (b *reqBody) reader() *bodyReader {
	b.refs.Add(1)
	r := &bodyReader{body: b}
	r.Reset(b.buf.Bytes())
	return r
}

// newReader is http.Request.GetBody, which a transport calls to resend the
// body on a fresh connection.
func (b *reqBody) newReader() (io.ReadCloser, error) { return b.reader(), nil }

// bodyReader is a request body that releases its reqBody when closed.
type bodyReader struct {
	bytes.Reader
	body   *reqBody
	closed atomic.Bool
}

// Close releases the body once, however often it is called.
func (r *bodyReader) Close() error {
	if r.closed.CompareAndSwap(false, true) {
		r.body.release()
	}
	return nil
}

// newRequestTemplate returns the request every call copies: POST to the
// endpoint. Its URL is shared, read-only, by all requests.
func newRequestTemplate(u *url.URL) *http.Request {
	return &http.Request{
		Method:     http.MethodPost,
		URL:        u,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Host:       u.Host,
	}
}

// authHeader caches the Authorization header value of the current token.
type authHeader struct {
	token string
	value []string
}

func (c *Client) authorization(token string) []string {
	// Comparing equal strings that share their bytes is a pointer check.
	if h := c.auth.Load(); h != nil && h.token == token {
		return h.value
	}
	h := &authHeader{token: token, value: []string{"Bearer " + token}[:1:1]}
	c.auth.Store(h)
	return h.value
}

// newHTTPRequest builds the request of one attempt. The client owns it, so
// it sets the Authorization header itself instead of cloning the request in
// a RoundTripper.
func (c *Client) newHTTPRequest(ctx context.Context, body *reqBody, token string) *http.Request {
	r := c.template.WithContext(ctx)
	r.Header = http.Header{
		"Content-Type":  headerJSON,
		"Accept":        headerJSON,
		"User-Agent":    c.uaHeader,
		"Authorization": c.authorization(token),
	}
	r.Body = body.reader()
	r.GetBody = body.getBody
	r.ContentLength = int64(len(body.bytes()))
	return r
}

// respBuf is a pooled buffer for reading an answer.
type respBuf struct {
	bytes.Buffer
	lr io.LimitedReader
}

var respBufPool = sync.Pool{New: func() any { return new(respBuf) }}

func getRespBuf() *respBuf {
	b := respBufPool.Get().(*respBuf)
	b.Reset()
	return b
}

func putRespBuf(b *respBuf) {
	b.lr.R = nil
	if b.Cap() <= maxPooledBuffer {
		respBufPool.Put(b)
	}
}

var errBodyTooLarge = errors.New("response body too large")

// readFrom reads at most limit bytes of the body of res into b.
func (b *respBuf) readFrom(res *http.Response, limit int64) error {
	if n := res.ContentLength; n > 0 && n <= limit {
		b.Grow(int(n) + bytes.MinRead) // so that ReadFrom sees EOF without growing
	}
	b.lr = io.LimitedReader{R: res.Body, N: limit + 1}
	_, err := b.ReadFrom(&b.lr)
	b.lr.R = nil
	if err != nil {
		return err
	}
	if int64(b.Len()) > limit {
		return errBodyTooLarge
	}
	return nil
}
