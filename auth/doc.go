// Package auth authenticates requests to the Authgear Admin API.
//
// The Admin API accepts a request when its "Authorization: Bearer <token>"
// header carries a JWT signed with RS256 by one of the project's Admin API
// keys. The token names the key in its "kid" header and the project in its
// "aud" claim (a JSON array), and carries "iat" and "exp"; the server allows
// 5 minutes of clock skew. Any failure gets the same bare HTTP 403, so check
// the key id, the project id and the clock when that happens.
//
// The package has three layers, each usable alone, in the manner of
// golang.org/x/oauth2: a [Signer] signs claims, a [JWTSource] mints and
// caches tokens, and a [Transport] attaches them to HTTP requests.
//
// # Keys
//
// The Authgear portal lets you download a key pair's private key as PEM and
// shows its key id. [LoadKeyFile] and [ParseKey] read PKCS #8 and PKCS #1
// PEM, a JWK or a JWK set, and accept only RSA keys of at least [MinKeyBits]
// bits. Errors are [*KeyError] values matching [ErrInvalidKey]; they say what
// was found and what is needed, and never contain key material.
//
// # Signing
//
// [NewSigner] pairs a key with its key id. Besides an [*rsa.PrivateKey] it
// accepts any [crypto.Signer] with an RSA public key, so the key can stay in
// a KMS or HSM. Implement [Signer] to sign some other way altogether.
//
// # Token caching
//
// [NewJWTSource] signs tokens for one project, by default valid for 5
// minutes (the lifetime of Authgear's own tokens) and replaced 1 minute
// before they expire. A cached token is returned without locks or
// allocations; when it is due, one caller signs a new token while the others
// wait for it. "iat" is set 30 seconds in the past to tolerate a server
// clock that lags behind. [WithAuditContext] adds an "audit_context" claim
// to every token, and [ContextWithAuditContext] adds one to the token of a
// single call, e.g. to record which operator acted.
//
// # Transport
//
// [Transport] adds the header to every request and delegates to a base
// [net/http.RoundTripper]. Use it as the transport of an [net/http.Client]:
//
//	key, err := auth.LoadKeyFile("admin-api-key.pem")
//	...
//	signer, err := auth.NewSigner("<key id from the portal>", key.Private)
//	...
//	src, err := auth.NewJWTSource(signer, "myapp")
//	...
//	hc := &http.Client{Transport: &auth.Transport{Source: src}}
//
// # Key rotation
//
// The portal can hold two key pairs at once, and the server accepts tokens
// from either until one is deleted. To rotate, create the new key pair, hand
// a signer for it to [JWTSource.SetSigner] (it signs a token with the new key
// before switching, and keeps the old one if that fails), then delete the old
// key pair in the portal. If the server starts refusing tokens,
// [JWTSource.Invalidate] makes the next call sign afresh.
package auth
