package adminapi

import (
	"crypto"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// ConfigError reports a setting that [New] or [NewFromEnv] cannot use. The
// message says what to fix. It never contains key material.
type ConfigError struct {
	// Setting names the setting, e.g. "endpoint", "project id", "key id",
	// "private key".
	Setting string
	// Err says what is wrong with it.
	Err error
}

// Error returns "adminapi: <setting>: <problem>".
func (e *ConfigError) Error() string {
	return "adminapi: " + e.Setting + ": " + e.Err.Error()
}

// Unwrap returns e.Err.
func (e *ConfigError) Unwrap() error { return e.Err }

func configErrorf(setting, format string, args ...any) *ConfigError {
	return &ConfigError{Setting: setting, Err: fmt.Errorf(format, args...)}
}

// Settings named in ConfigError.Setting.
const (
	settingEndpoint      = "endpoint"
	settingProjectID     = "project id"
	settingKeyID         = "key id"
	settingPrivateKey    = "private key"
	settingKeyFile       = "private key file"
	settingHTTPClient    = "http client"
	settingUserAgent     = "user agent"
	settingTokenLifetime = "token lifetime"
	settingClock         = "clock"
	settingAuditContext  = "audit context"
	settingRetry         = "retry policy"
	settingKeyReload     = "key file reload"
)

// An Option configures a [Client] in [New] or [NewFromEnv]. Each option
// checks its argument and makes New fail with a [*ConfigError] if it is
// unusable. When an option is given twice, the later one wins; the three key
// options (WithPrivateKeyPEM, WithPrivateKeyFile, WithPrivateKey) replace each
// other.
type Option func(*config) error

// config collects the options; New turns it into a Client.
type config struct {
	projectID    string
	keyID        string
	key          keySource
	httpClient   *http.Client
	userAgent    string
	logger       *slog.Logger
	lifetime     time.Duration
	clock        func() time.Time
	insecureHTTP bool
	auditContext map[string]any
	retry        RetryPolicy
	debugBodies  bool
	keyReload    time.Duration
}

// keySource is where the private key comes from; exactly one field is set.
// Parsing waits until New so that a later option can replace an earlier one
// (NewFromEnv relies on this) without the earlier one being read.
type keySource struct {
	pem    []byte
	path   string
	signer crypto.Signer
}

func (k keySource) isSet() bool { return k.pem != nil || k.path != "" || k.signer != nil }

// WithProjectID sets the project id (the app id), which the server requires
// in the token audience. For an endpoint https://myapp.authgear.cloud it
// defaults to "myapp"; other endpoints (custom domains, self-hosted servers)
// must set it.
func WithProjectID(id string) Option {
	id = strings.TrimSpace(id) // here, not in the closure, which New calls may share
	return func(c *config) error {
		if id == "" {
			return configErrorf(settingProjectID, "empty; pass the project id shown in the Authgear portal")
		}
		if strings.ContainsAny(id, " \t\r\n/") {
			return configErrorf(settingProjectID, "%q contains whitespace or a slash; pass the project id shown in the Authgear portal, e.g. \"myapp\"", id)
		}
		c.projectID = id
		return nil
	}
}

// WithKeyID sets the id of the Admin API key, as shown in the Authgear portal
// next to the key. It is required unless the key is given as a JWK that names
// its "kid"; when both are present, this one wins.
func WithKeyID(id string) Option {
	id = strings.TrimSpace(id) // here, not in the closure, which New calls may share
	return func(c *config) error {
		if id == "" {
			return configErrorf(settingKeyID, "empty; pass the key id shown in the Authgear portal next to the Admin API key")
		}
		c.keyID = id
		return nil
	}
}

// WithPrivateKeyPEM sets the Admin API private key from its encoded form:
// PKCS #8 or PKCS #1 PEM, as downloaded from the portal, or a JWK or JWK set
// (see [auth.ParseKey]). data is copied; it is parsed in New.
func WithPrivateKeyPEM(data []byte) Option {
	return func(c *config) error {
		if len(strings.TrimSpace(string(data))) == 0 {
			return configErrorf(settingPrivateKey, "empty; pass the PEM file downloaded from the Authgear portal")
		}
		c.key = keySource{pem: append([]byte(nil), data...)}
		return nil
	}
}

// WithPrivateKeyFile sets the Admin API private key from a file in any form
// [WithPrivateKeyPEM] accepts. The file is read in New.
func WithPrivateKeyFile(path string) Option {
	return func(c *config) error {
		if strings.TrimSpace(path) == "" {
			return configErrorf(settingKeyFile, "empty path; pass the path of the PEM file downloaded from the Authgear portal")
		}
		c.key = keySource{path: path}
		return nil
	}
}

// WithPrivateKey sets the Admin API private key as a [crypto.Signer]: an
// *rsa.PrivateKey, or a signer whose key stays in a KMS or HSM (its public
// key must be RSA; see [auth.NewSigner]). [WithKeyID] is then required.
func WithPrivateKey(key crypto.Signer) Option {
	return func(c *config) error {
		if key == nil {
			return configErrorf(settingPrivateKey, "nil crypto.Signer")
		}
		c.key = keySource{signer: key}
		return nil
	}
}

// WithHTTPClient makes the client send requests through a copy of hc and
// its Transport (nil meaning [http.DefaultTransport]); the client puts the
// token on the requests it builds, so the Transport sees the Authorization
// header and must not log it. hc itself is not modified. The copy does not
// follow redirects, so that the token is never sent anywhere but the
// endpoint. The default is a client with a 60-second timeout over
// http.DefaultTransport.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return configErrorf(settingHTTPClient, "nil *http.Client; omit the option to use the default")
		}
		c.httpClient = hc
		return nil
	}
}

// WithUserAgent sets the User-Agent header, replacing the default
// "authgear-adminapi-go".
func WithUserAgent(ua string) Option {
	return func(c *config) error {
		if strings.TrimSpace(ua) == "" {
			return configErrorf(settingUserAgent, "empty; omit the option to use the default")
		}
		if strings.ContainsAny(ua, "\r\n\x00") {
			return configErrorf(settingUserAgent, "contains a line break or NUL")
		}
		c.userAgent = ua
		return nil
	}
}

// WithLogger makes the client log each request at level Debug: method,
// operation name, HTTP status, size and duration (see [WithDebugBodies] for
// more), and each retry at level Debug. Failed automatic key reloads
// ([WithKeyFileReload]) are logged at level Warn. Tokens, keys and
// passwords are never logged. A nil logger, like the default, discards.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithTokenLifetime sets how long each signed token is valid, between 1
// second and 1 hour. The default, 5 minutes, matches Authgear's own tokens.
// Tokens are cached and replaced shortly before they expire.
func WithTokenLifetime(d time.Duration) Option {
	return func(c *config) error {
		if d < time.Second || d > time.Hour {
			return configErrorf(settingTokenLifetime, "%v is out of range; use between 1s and 1h (default 5m)", d)
		}
		c.lifetime = d
		return nil
	}
}

// WithClock makes the client read the time from now, for the token's "iat"
// and "exp" claims. Tests use it; the default is [time.Now].
func WithClock(now func() time.Time) Option {
	return func(c *config) error {
		if now == nil {
			return configErrorf(settingClock, "nil function; omit the option to use time.Now")
		}
		c.clock = now
		return nil
	}
}

// WithInsecureHTTP allows a plain http endpoint on a host other than a
// loopback address. Tokens then cross the network unencrypted; use it only
// on a network you trust. Plain http to 127.0.0.0/8, ::1 and localhost is
// always allowed.
func WithInsecureHTTP() Option {
	return func(c *config) error {
		c.insecureHTTP = true
		return nil
	}
}

// WithAuditContext adds an "audit_context" claim to every token, which the
// server attaches to the audit log entries of each request, e.g.
// {"service": "billing-sync"}. For a single call use
// [auth.ContextWithAuditContext] on the call's context.
func WithAuditContext(ac map[string]any) Option {
	return func(c *config) error {
		if len(ac) == 0 {
			return configErrorf(settingAuditContext, "empty; omit the option instead")
		}
		c.auditContext = ac
		return nil
	}
}

var errNoKey = errors.New("not set: pass WithPrivateKeyFile, WithPrivateKeyPEM or WithPrivateKey, " +
	"or set " + EnvAdminKeyFile + " or " + EnvAdminKey)

// WithRetry sets when and how often failed requests are repeated; see
// [RetryPolicy], whose zero fields take the defaults. Without this option
// the client uses RetryPolicy{} (4 attempts, waits of up to 200ms growing
// to 5s).
func WithRetry(p RetryPolicy) Option {
	// The option may be applied by several New calls at once: it must not
	// change p.
	p = p.withDefaults()
	return func(c *config) error {
		if err := p.check(); err != nil {
			return err
		}
		c.retry = p
		return nil
	}
}

// WithoutRetry makes every call send its request once, except that a
// request refused with HTTP 403 is still resent once with a newly signed
// token (the server refuses such requests before running them). It is
// WithRetry(RetryPolicy{MaxAttempts: 1}).
func WithoutRetry() Option {
	return WithRetry(RetryPolicy{MaxAttempts: 1})
}

// WithDebugBodies(true) adds to each request logged by [WithLogger] the
// request and response headers and bodies, after redaction: the
// Authorization, Proxy-Authorization, Cookie and Set-Cookie headers, and the
// value of every JSON member named like a secret (password, newPassword,
// password_hash, code, otp, secret, totp, totpSecret, token, accessToken,
// refreshToken, key, privateKey, authorization, ... compared without case,
// '_' or '-') are replaced with "[REDACTED]". The GraphQL document is left
// out (it may hold literal arguments), and a body that is not JSON is shown
// only by its size. Off by default; meant for debugging, since bodies hold
// personal data such as email addresses.
func WithDebugBodies(on bool) Option {
	return func(c *config) error {
		c.debugBodies = on
		return nil
	}
}

// WithKeyFileReload makes the client check the key file of
// [WithPrivateKeyFile] for a new key every interval (at least 1 second),
// as [Client.ReloadKeyFile] does, so that a key rotated by rewriting the
// file is picked up without a restart. The check is made by the first
// request after the interval has passed, on its goroutine; the file is
// parsed only when its content changed. A failed reload keeps the current
// key and is logged at level Warn. Time is read from the clock of
// [WithClock].
func WithKeyFileReload(interval time.Duration) Option {
	return func(c *config) error {
		if interval < minKeyReload {
			return configErrorf(settingKeyReload, "interval %v is too short; use at least %v", interval, minKeyReload)
		}
		c.keyReload = interval
		return nil
	}
}
