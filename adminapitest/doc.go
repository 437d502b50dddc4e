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
// Every field of the schema. The emulated project has a default
// configuration: login IDs email, phone and username; a password policy of
// 8 characters at least; 30-day grace periods for scheduled deletion and
// anonymization; every client id is taken as a configured OAuth client.
//
//   - Users: login-ID identities (validated and normalized like a default
//     project), standard and custom attributes (updateUser replaces each
//     object given), disabled status with reason, temporary disable
//     windows, account valid periods, scheduled deletion (with its reason)
//     and anonymization, anonymizeUser (identities, authenticators,
//     sessions, authorizations, verified claims, memberships and attributes
//     go; the record stays, anonymized), MFA grace periods (between now and
//     90 days ahead), verified claims (setVerifiedStatus needs an identity
//     with the value; standardAttributes' email_verified and
//     phone_number_verified follow), an account lockout that is never
//     locked, empty web3 claims, and the server's status transition rules
//     and errors throughout.
//   - Authenticators: primary and secondary passwords (bcrypt, the password
//     of the user is its primary password; setPasswordExpired sets
//     expireAfter) and OOB OTP email and SMS authenticators created through
//     the API; TOTP authenticators seeded with [Server.SeedTOTP]. Claims
//     show display names, addresses and numbers, never a secret.
//   - Identities: login IDs through the API, OAuth connections seeded with
//     [Server.SeedOAuthIdentity] (found by getUserByOAuth); no passkeys,
//     biometric registrations or other types.
//   - Sessions created with createSession (offline grants), and
//     authorizations seeded with [Server.SeedAuthorization].
//   - Roles and groups: keys validated like the server (1 to 40 letters,
//     digits, _ and :, not starting with a digit, not "authgear:"), null
//     keeps and "" clears names and descriptions, memberships in every
//     direction, effective roles (roles of groups, then direct ones, each
//     once), the users list's roleKeys and groupKeys filters, and the
//     server's errors for unknown keys and ids (RoleUnknownKeys,
//     GroupUnknownKeys, UserUnknownKeys with the keys or ids in info) and
//     duplicates (RoleDuplicateKey, GroupDuplicateKey).
//   - Resources and scopes: https URIs of at most 100 characters without
//     user info, query or fragment; RFC 6749 scope tokens; client grants of
//     resources and of their scopes (a scope needs its resource granted);
//     the resources list pages up to 1000.
//   - The audit log: every successful mutation appends an
//     ADMIN_API_MUTATION_*_EXECUTED entry (setMFAGracePeriod and
//     removeMFAGracePeriod have no activity type and add none), after the
//     side events the server records (USER_CREATED, USER_PROFILE_UPDATED,
//     USER_DELETED, USER_DISABLED, USER_REENABLED, IDENTITY_*_ADDED,
//     _UPDATED and _REMOVED, IDENTITY_*_VERIFIED and _UNVERIFIED,
//     USER_DELETION_*, USER_ANONYMIZATION_*, USER_ANONYMIZED, EMAIL_SENT,
//     SMS_SENT). An entry links the user it is about (like the server, not
//     for addUserToRoles, addUserToGroups, their removals and
//     setVerifiedStatus, whose payload names the user), is timed in whole
//     seconds, and its data is the event: {id, seq, type, payload,
//     context}, where context.audit_context is the audit_context claim of
//     the request's token plus http_url. Entries are part of the
//     transaction: a failed request leaves none. auditLogs filters by
//     activity type, user, recipient address and time, in either order.
//   - Messages: sendResetPasswordMessage records the message it would
//     send in an outbox ([Server.Outbox]) and answers null;
//     generateOOBOTPCode returns a six-digit code ([Server.LastOOBOTPCode]).
//   - node and nodes resolve every node type; fraud protection answers an
//     empty log and an all-zero overview.
//   - The REST endpoints beside GraphQL, with the same token checks: user
//     import jobs (POST and GET /_api/admin/users/import; validated like the
//     server, 500 KB body limit, upsert and skip rules, password hashes shown
//     as REDACTED), user export jobs (POST and GET /_api/admin/users/export;
//     NDJSON or CSV, one running export and 24 a day, a download URL that the
//     emulator serves itself without a token and that expires after 60
//     seconds by the server clock) and profile picture uploads (POST
//     /_api/admin/images/upload, then the presigned upload URL).
//
// Lists stored in the database (users, roles, groups, resources, audit
// logs, a role's or group's users, a resource's scopes) page with offset
// cursors; lists inside a user and a role's groups or a group's roles page
// like arrays.
//
// Known differences: phone numbers are checked against an E.164 pattern,
// not libphonenumber; a few validation errors point at a field where the
// server points at an argument; the users search matches substrings of
// login IDs, email, phone number, username and names; the payload of an
// ADMIN_API_MUTATION entry is the mutation's input (passwords "REDACTED"),
// not the server's per-event payload, and side events carry a minimal
// payload; no failed sign-in is ever recorded, so nothing is locked out;
// client ids are not checked against a configuration; the order of records
// created in the same instant follows their creation, where the server may
// differ. Should the schema grow a field the emulator does not model, that
// field fails with "<Type>.<field> is not supported by the emulator"
// (errorName BadRequest, reason NotSupportedByEmulator); the emulator never
// returns made-up data.
//
// # Seeding and inspection
//
// [Server.SeedUser] stores a user directly (no password policy, optional
// creation time); [Server.SeedRole], [Server.SeedGroup],
// [Server.SeedAuthenticator], [Server.SeedTOTP], [Server.SeedOAuthIdentity],
// [Server.SeedAuthorization] and [Server.SeedResource] store the rest, all
// or nothing. [Server.User], [Server.Users], [Server.Sessions],
// [Server.Authorizations], [Server.Roles], [Server.Groups],
// [Server.Resources], [Server.AuditLogs], [Server.Outbox],
// [Server.LastOOBOTPCode] and [Server.CheckPassword] read the data; the
// states they return are deep copies. [Server.Requests] lists what the
// server received (operation, variables, status, token claims such as
// audit_context) with passwords redacted and without tokens.
// [Server.Reset] empties the server.
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
