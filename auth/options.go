package auth

import (
	"encoding/json"
	"fmt"
	"maps"
	"time"
)

const (
	defaultLifetime = 5 * time.Minute // what Authgear's own tokens use
	defaultMargin   = time.Minute
	minLifetime     = time.Second // NumericDate has one-second precision
	maxLifetime     = time.Hour
)

// sourceConfig is what [SourceOption] values set.
type sourceConfig struct {
	lifetime  time.Duration
	margin    time.Duration
	marginSet bool
	now       func() time.Time
	audit     map[string]any
}

// SourceOption configures a [JWTSource] in [NewJWTSource]. Each option checks
// its argument; an invalid one makes NewJWTSource fail.
type SourceOption func(*sourceConfig) error

// WithLifetime sets how long each token is valid, between 1 second and 1
// hour. The default is 5 minutes, the lifetime of Authgear's own tokens.
func WithLifetime(d time.Duration) SourceOption {
	return func(c *sourceConfig) error {
		if d < minLifetime || d > maxLifetime {
			return fmt.Errorf("auth: WithLifetime(%v): lifetime must be between %v and %v", d, minLifetime, maxLifetime)
		}
		c.lifetime = d
		return nil
	}
}

// WithRefreshMargin sets how long before expiry a cached token is replaced:
// a token is re-signed once now >= exp - d. It must be at least 0 and less
// than the lifetime. The default is 1 minute, or a fifth of the lifetime if
// that is shorter.
func WithRefreshMargin(d time.Duration) SourceOption {
	return func(c *sourceConfig) error {
		if d < 0 {
			return fmt.Errorf("auth: WithRefreshMargin(%v): margin must not be negative", d)
		}
		c.margin, c.marginSet = d, true
		return nil
	}
}

// WithClock makes the source read the time from now instead of [time.Now].
// Tests use it to move time forward. now must not be nil.
func WithClock(now func() time.Time) SourceOption {
	return func(c *sourceConfig) error {
		if now == nil {
			return fmt.Errorf("auth: WithClock(nil): clock must not be nil")
		}
		c.now = now
		return nil
	}
}

// WithAuditContext sets an "audit_context" claim carried by every token of
// the source, e.g. the name of the service making the calls. ac must encode
// as JSON; it is copied (shallowly). See also [ContextWithAuditContext].
func WithAuditContext(ac map[string]any) SourceOption {
	return func(c *sourceConfig) error {
		if _, err := json.Marshal(ac); err != nil {
			return fmt.Errorf("auth: WithAuditContext: audit context does not encode as JSON: %w", err)
		}
		c.audit = maps.Clone(ac)
		return nil
	}
}

func newSourceConfig(opts []SourceOption) (*sourceConfig, error) {
	c := &sourceConfig{lifetime: defaultLifetime, now: time.Now}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(c); err != nil {
			return nil, err
		}
	}
	if !c.marginSet {
		c.margin = min(defaultMargin, c.lifetime/5)
	}
	if c.margin >= c.lifetime {
		return nil, fmt.Errorf("auth: refresh margin %v must be less than the token lifetime %v", c.margin, c.lifetime)
	}
	return c, nil
}
