package auth

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// TokenSource supplies the bearer token for one Admin API request.
// Implementations must be safe for concurrent use.
type TokenSource interface {
	Token(ctx context.Context) (string, error)
}

// issuedAtBackdate is how far in the past "iat" is put. The server allows
// 5 minutes of clock skew, but a verifier whose clock lags ours would
// otherwise see a token "issued in the future" and refuse it; backdating
// costs nothing because "exp" is computed from the real time.
const issuedAtBackdate = 30 * time.Second

// JWTSource mints Admin API tokens for one project and caches them until
// shortly before they expire. It is safe for concurrent use: a cached token
// is returned without locking or allocating, and however many goroutines ask
// at once, a token is signed at most once per refresh window.
type JWTSource struct {
	projectID string
	cfg       sourceConfig

	// mu is held across signing so that concurrent callers wait for one
	// signature instead of each making their own. It also orders SetSigner.
	mu     sync.Mutex
	signer atomic.Pointer[signerBox]
	cached atomic.Pointer[cachedToken] // nil when there is no usable token
}

// signerBox lets a Signer interface value live in an atomic.Pointer.
type signerBox struct{ Signer }

// cachedToken is immutable once published.
type cachedToken struct {
	token     string
	refreshAt time.Time // sign a new token at or after this time
}

var _ TokenSource = (*JWTSource)(nil)

// NewJWTSource returns a token source for the project projectID (the app id;
// for https://myapp.authgear.cloud it is "myapp") whose tokens are signed by
// signer. Each token has aud [projectID], "iat" 30 seconds in the past and
// "exp" one lifetime ahead (see [WithLifetime]).
//
// NewJWTSource signs the first token at once, so a key that cannot sign
// makes it fail here rather than on the first request.
func NewJWTSource(signer Signer, projectID string, opts ...SourceOption) (*JWTSource, error) {
	if signer == nil {
		return nil, errors.New("auth: signer is nil; create one with NewSigner")
	}
	if projectID == "" {
		return nil, errors.New("auth: project id is empty; it is the app id, e.g. \"myapp\" for https://myapp.authgear.cloud")
	}
	if strings.TrimSpace(projectID) != projectID {
		return nil, fmt.Errorf("auth: project id %q has surrounding whitespace", projectID)
	}
	cfg, err := newSourceConfig(opts)
	if err != nil {
		return nil, err
	}
	s := &JWTSource{projectID: projectID, cfg: *cfg}
	s.signer.Store(&signerBox{signer})
	ct, err := s.mint(signer, s.cfg.audit)
	if err != nil {
		return nil, err
	}
	s.cached.Store(ct)
	return s, nil
}

// ProjectID returns the project id put in the "aud" claim.
func (s *JWTSource) ProjectID() string { return s.projectID }

// Token returns a token valid for at least the refresh margin. A cached
// token is returned as is; otherwise a new one is signed, unless ctx is done
// first, in which case Token returns ctx.Err().
//
// If ctx carries an audit context ([ContextWithAuditContext]), Token signs
// a token for this call alone, with that audit context merged over the one
// set by [WithAuditContext], and does not cache it.
func (s *JWTSource) Token(ctx context.Context) (string, error) {
	if ac, ok := AuditContextFrom(ctx); ok {
		return s.tokenWithAudit(ctx, ac)
	}
	if ct := s.cached.Load(); ct != nil && s.cfg.now().Before(ct.refreshAt) {
		return ct.token, nil
	}
	return s.refresh(ctx)
}

// refresh signs and publishes a new token, once for all waiting callers.
func (s *JWTSource) refresh(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// Another caller may have refreshed while this one waited for mu.
	if ct := s.cached.Load(); ct != nil && s.cfg.now().Before(ct.refreshAt) {
		return ct.token, nil
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	ct, err := s.mint(s.signer.Load().Signer, s.cfg.audit)
	if err != nil {
		return "", err
	}
	s.cached.Store(ct)
	return ct.token, nil
}

func (s *JWTSource) tokenWithAudit(ctx context.Context, ac map[string]any) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	merged := maps.Clone(s.cfg.audit)
	if merged == nil {
		merged = make(map[string]any, len(ac))
	}
	maps.Copy(merged, ac)
	ct, err := s.mint(s.signer.Load().Signer, merged)
	if err != nil {
		return "", err
	}
	return ct.token, nil
}

// mint signs a token valid from now.
func (s *JWTSource) mint(signer Signer, audit map[string]any) (*cachedToken, error) {
	now := s.cfg.now()
	claims := &Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Audience:  jwt.ClaimStrings{s.projectID},
			IssuedAt:  jwt.NewNumericDate(now.Add(-issuedAtBackdate)),
			ExpiresAt: jwt.NewNumericDate(now.Add(s.cfg.lifetime)),
		},
		AuditContext: audit,
	}
	token, err := signer.Sign(claims)
	if err != nil {
		return nil, fmt.Errorf("auth: sign token for project %q: %w", s.projectID, err)
	}
	return &cachedToken{token: token, refreshAt: now.Add(s.cfg.lifetime - s.cfg.margin)}, nil
}

// Invalidate drops the cached token so that the next [JWTSource.Token] signs
// a new one. Call it when the server refused a token (HTTP 403), in case the
// key or the clocks changed.
func (s *JWTSource) Invalidate() { s.cached.Store(nil) }

// SetSigner replaces the signer, e.g. to rotate to a new key without a
// restart. It signs a token with the new signer first; if that fails it
// returns the error and keeps the old signer and token. Otherwise the new
// signer and its token are used from then on.
func (s *JWTSource) SetSigner(signer Signer) error {
	if signer == nil {
		return errors.New("auth: SetSigner: signer is nil")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ct, err := s.mint(signer, s.cfg.audit)
	if err != nil {
		return err
	}
	s.signer.Store(&signerBox{signer})
	s.cached.Store(ct)
	return nil
}
