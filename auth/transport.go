package auth

import (
	"errors"
	"net/http"
)

// Transport is an [http.RoundTripper] that authenticates each request with
// "Authorization: Bearer <token>", the token coming from Source.
//
// It follows the RoundTripper contract: the caller's request is never
// modified (a clone carries the header), and the request body is closed
// even when RoundTrip fails before reaching Base. A Transport is safe for
// concurrent use if Source and Base are.
type Transport struct {
	// Source supplies the tokens. It is required, typically a [*JWTSource].
	// Token is called with the request's context.
	Source TokenSource

	// Base makes the actual requests. If nil, [http.DefaultTransport] is
	// used.
	Base http.RoundTripper
}

var _ http.RoundTripper = (*Transport)(nil)

// RoundTrip implements [http.RoundTripper]. An error from Source is
// returned unchanged, so errors.Is finds [context.Canceled] and the like.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	delegated := false
	if req.Body != nil {
		defer func() {
			if !delegated {
				req.Body.Close()
			}
		}()
	}
	if t.Source == nil {
		return nil, errors.New("auth: Transport.Source is nil")
	}
	token, err := t.Source.Token(req.Context())
	if err != nil {
		return nil, err
	}
	req2 := req.Clone(req.Context()) // Clone copies the header map.
	if req2.Header == nil {
		req2.Header = make(http.Header)
	}
	req2.Header.Set("Authorization", "Bearer "+token)
	delegated = true
	return t.base().RoundTrip(req2)
}

func (t *Transport) base() http.RoundTripper {
	if t.Base != nil {
		return t.Base
	}
	return http.DefaultTransport
}
