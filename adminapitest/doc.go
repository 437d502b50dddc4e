// Package adminapitest is an in-process emulator of the Authgear Admin API
// for tests, in the spirit of [net/http/httptest] and miniredis: one line
// starts a server on a loopback port, a ready [adminapi.Client] talks to it,
// and methods seed and inspect its data.
//
//	srv := adminapitest.NewServer(t) // closed when the test ends
//	srv.SeedUser(adminapitest.SeedUser{Email: "alice@example.com"})
//	u, err := srv.Client().GetUserByLoginID(ctx, adminapi.LoginIDEmail, "alice@example.com")
//
// Code that builds its own client points it at [Server.URL] with
// [Server.ProjectID], [Server.KeyID] and [Server.PrivateKeyPEM], exactly as
// it would at a project's origin with a key downloaded from the portal.
//
// # Fidelity
//
// The emulator answers like the real server, checked against exchanges
// recorded from one (testdata/recorded): the same status codes, content
// types, JSON shapes (down to key order) and messages.
//
//   - Authentication comes before routing: the Authorization header must
//     match ^Bearer (.*)$; the token must be RS256, signed by a key of the
//     server named by its kid, with the project id in aud; exp, nbf and iat
//     are checked with five minutes of leeway. Any failure is 403 text/plain
//     "Forbidden".
//   - POST /_api/admin/graphql (and /graphql) takes application/json or
//     application/graphql bodies; GET serves a small query page. Malformed
//     JSON is a 400 InvalidJSON error, a GraphQL syntax error a 500, a
//     mutation with more than five top-level fields a 400; all in the
//     server's {"error": {...}} shape.
//   - Errors raised while executing carry extensions {errorName, reason,
//     info}; faults are masked as "unexpected error".
//   - A mutation request that reports any error changes nothing: it is
//     rolled back whole, and fields after the failing one do not run.
//   - Node ids are Relay global ids. The users list pages with offset
//     cursors ("offset:N"), at most 100 a page, with the server's quirks:
//     hasPreviousPage is true whenever paging forward, hasNextPage is true
//     for any full page, only first/after, after/before (with first or last)
//     combinations are accepted, and the default order is newest first.
//     Lists inside a user (identities, sessions) page like graphql-relay's
//     array connections ("arrayconnection:N").
//
// # What is modelled
//
// Users with login-ID identities (email, phone, username, validated and
// normalized like a default project), standard and custom attributes
// (updateUser replaces each object given), disabled status with reason,
// temporary disable windows and account valid periods (with the server's
// status transition rules), passwords (bcrypt; the default policy's minimum
// length of 8) and sessions created with createSession.
//
// Queries: node, nodes, users (search keyword, sort, page), getUserByLoginID
// and getUsersByStandardAttribute. Mutations: createUser, updateUser,
// deleteUser, setDisabledStatus, setAccountValidFrom, setAccountValidUntil,
// setAccountValidPeriod, resetPassword, createSession, revokeSession,
// revokeAllSessions, createIdentity, updateIdentity and deleteIdentity.
//
// # What is not
//
// Roles, groups, authenticators, authorizations, audit logs, resources,
// fraud protection, OAuth/passkey/biometric identities, verification,
// anonymization, scheduled deletion, messages (sendPassword is ignored),
// web3 claims, account lockout, and the REST endpoints (user import and
// export, image upload). Every GraphQL field the emulator does not model
// fails with "<Type>.<field> is not supported by the emulator" (errorName
// BadRequest, reason NotSupportedByEmulator); it never returns made-up
// data. The REST endpoints answer 404 with that reason, after checking the
// token.
//
// Known differences: phone numbers are checked against an E.164 pattern,
// not libphonenumber; a few validation errors point at a field where the
// server points at an argument; the users search matches substrings of
// login IDs, email, phone number, username and names.
//
// # Seeding and inspection
//
// [Server.SeedUser] stores a user directly (no password policy, optional
// creation time). [Server.User], [Server.Users], [Server.Sessions] and
// [Server.CheckPassword] read the data; the states they return are deep
// copies. [Server.Requests] lists what the server received (operation,
// variables, status, token claims such as audit_context) with passwords
// redacted and without tokens. [Server.Reset] empties the server.
//
// # Time and faults
//
// [WithClock] sets the clock used for token checks, timestamps and
// time-dependent state (temporary disables, valid periods); the server's
// clients sign with it too. [WithSearchIndexLag] makes the users list stale
// until [Server.RefreshSearchIndex], like the server's search index.
// [Server.AddKey] and [Server.RemoveKey] rotate keys, so tests can exercise
// refused credentials; [Server.Close] makes every later request fail to
// connect.
//
// # Fault injection
//
// [Server.InjectFault] makes the server fail chosen requests the way
// networks, proxies and the rate limiter do, to test that a client retries
// what is safe to retry and never applies a mutation twice. A [Fault]
// matches requests by operation type ([MatchQueries], [MatchMutations]),
// operation name and path, and acts on the next Times of them (all, until
// removed, when Times is 0). Its kinds:
//
//   - [FaultLatency]: a delay, then normal handling.
//   - [FaultStatus]: a proxy's answer (say an HTML 502 page, an empty 503,
//     or a 429 with Retry-After) instead of handling.
//   - [FaultRateLimited]: the server's TooManyRequest GraphQL error inside
//     an HTTP 200; nothing runs.
//   - [FaultDropBefore]: the connection is closed before handling; a
//     mutation does not run.
//   - [FaultDropAfter]: the connection is closed after a mutation has been
//     committed; the client sees a network error although it ran.
//   - [FaultTruncate]: the status and headers arrive, the body stops
//     mid-JSON and the connection closes.
//   - [FaultSlowBody]: the body arrives in small chunks with pauses.
//
// Every wait ends when the request's context does. Faults act after
// authentication; [Server.Requests] records which kind acted on each
// request, and a status of 0 for requests left unanswered.
//
// A Server is safe for concurrent use. GraphQL requests run under a lock
// that is exclusive for mutations and shared for queries.
package adminapitest
