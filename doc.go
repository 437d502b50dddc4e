// Package adminapi is a typed client for the Authgear Admin API, the GraphQL API that
// manages the users of an Authgear project.
//
// A [Client] signs every request with a short-lived RS256 JWT made from the Admin API
// key you download from the Authgear portal, decodes the server's answers into Go
// types, and turns its errors into [*Error] values that [errors.Is] and [errors.As]
// understand.
//
//	c, err := adminapi.New("https://myapp.authgear.cloud",
//		adminapi.WithKeyID("my-key-id"),
//		adminapi.WithPrivateKeyFile("admin-key.pem"),
//	)
//	if err != nil {
//		return err // bad configuration fails here, not on the first call
//	}
//	u, err := c.GetUserByLoginID(ctx, adminapi.LoginIDEmail, "ada@example.com")
//
// # Authentication
//
// The Admin API accepts a JWT signed with one of the project's Admin API keys: header
// alg RS256, typ JWT and kid set to the key id; claims aud (the project id), iat and
// exp. The client mints such a token with package [github.com/authgear-admin/adminapi/auth],
// caches it, and signs a new one shortly before it expires, so the hot path costs an
// atomic load rather than an RSA signature. The key may be PEM (PKCS#8 or PKCS#1) or
// JWK bytes, a file, an [*rsa.PrivateKey], or any [crypto.Signer] such as a KMS key.
// [NewFromEnv] reads the same settings from AUTHGEAR_* environment variables.
//
// The project id defaults to the first label of a *.authgear.cloud host; self-hosted
// projects must set it with [WithProjectID].
//
// # Errors
//
// Every failure the server reports, whether a GraphQL error inside an HTTP 200, a REST
// style {"error": {...}} envelope, the plain-text 403 "Forbidden" of a rejected token,
// or an HTML page from a proxy, comes back as an [*Error] (or an [ErrorList] when the
// server reported several) carrying the status code, errorName, reason and info.
// Match classes of failure with the sentinels:
//
//	if errors.Is(err, adminapi.ErrNotFound) { ... }
//	if errors.Is(err, adminapi.ErrAlreadyExists) { ... }
//
// A 403 carries a hint listing the settings to check, because the server answers
// every authentication problem (wrong key id, wrong project id, wrong key, a clock out
// of step) with the same bare "Forbidden". No error ever contains a key, a token or a
// password.
//
// # Pagination
//
// List methods return an [iter.Seq2] that fetches pages as the loop needs them:
//
//	for u, err := range c.ListUsers(ctx, nil) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(u.ID)
//	}
//
// The server's cursors are offsets, so rows created or deleted while you page can shift
// between pages; the iterators sort by creation time and drop ids they have already
// yielded. The users list reads a search index that lags behind writes: to read what
// you just wrote, use [Client.GetUser] or [Client.GetUserByLoginID].
//
// # Generated operations
//
// The typed functions in generated.go are produced by genqlient from schema.graphql
// and queries/*.graphql. A [*Client] implements genqlient's graphql.Client, so every
// generated function accepts it directly.
//
// # Testing
//
// Package [github.com/authgear-admin/adminapi/adminapitest] runs an in-memory Admin API
// on loopback that verifies tokens like the real server and hands out a ready client:
//
//	srv := adminapitest.NewServer(t)
//	c := srv.Client()
package adminapi
