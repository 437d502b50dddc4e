package main

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/auth"
)

func (a *app) tokenCommand() *cobra.Command {
	var (
		decode   bool
		lifetime time.Duration
	)
	cmd := &cobra.Command{
		Use:   "token",
		Short: "Print a signed Admin API token (JWT) for curl or GraphiQL",
		Long: `Sign an Admin API token with the configured key and print it on stdout, for
tools that take a bearer token:

  curl -H "Authorization: Bearer $(authgear-admin token)" ...

The token is printed on stdout only, never in errors or logs. With --decode
the token is not printed; its header and claims are, to check what the
server will see (key id, audience, times, audit context).

The endpoint is needed only to derive the project id of a *.authgear.cloud
project; otherwise --project-id is enough.`,
		Args: noArgs,
		RunE: a.action(func(cmd *cobra.Command, _ []string) error {
			if lifetime < time.Second || lifetime > time.Hour {
				return usageErrorf("--lifetime %v is out of range; use between 1s and 1h", lifetime)
			}
			s, err := a.settings()
			if err != nil {
				return err
			}
			src, err := a.tokenSource(s, lifetime)
			if err != nil {
				return err
			}
			tok, err := src.Token(cmd.Context())
			if err != nil {
				return err
			}
			if !decode {
				_, err = fmt.Fprintln(a.stdout, tok)
				return err
			}
			d, err := decodeJWT(tok)
			if err != nil {
				return err
			}
			return a.printValue(d, nil)
		}),
	}
	f := cmd.Flags()
	f.BoolVar(&decode, "decode", false, "print the token's header and claims instead of the token")
	f.DurationVar(&lifetime, "lifetime", 5*time.Minute, "how long the token is valid, 1s to 1h")
	return cmd
}

// tokenSource builds the signer and token source from the settings.
func (a *app) tokenSource(s *settings, lifetime time.Duration) (*auth.JWTSource, error) {
	var (
		key *auth.Key
		err error
	)
	switch {
	case s.KeyFile.Value != "":
		key, err = auth.LoadKeyFile(s.KeyFile.Value)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
			return nil, usageErrorf("key file (from %s): %w", s.KeyFile.Source, err)
		}
	case s.keyPEM != nil:
		key, err = auth.ParseKey(s.keyPEM)
	default:
		return nil, usageErrorf("no private key: pass --key-file, set %s or %s, or select a profile with key_file", envKeyFile, envKey)
	}
	if err != nil {
		return nil, err
	}
	keyID := s.KeyID.Value
	if keyID == "" {
		keyID = key.ID
	}
	if keyID == "" {
		return nil, usageErrorf("no key id: pass --key-id or set %s to the key id shown in the portal", envKeyID)
	}
	projectID := s.ProjectID.Value
	if projectID == "" {
		if s.Endpoint.Value == "" {
			return nil, usageErrorf("no project id: pass --project-id, set %s, or give the endpoint of a *.authgear.cloud project", envProjectID)
		}
		// The library derives the project id from a *.authgear.cloud
		// endpoint, and says what to do otherwise.
		c, err := adminapi.New(s.Endpoint.Value, a.keyOptions(s)...)
		if err != nil {
			return nil, err
		}
		projectID = c.ProjectID()
	}
	signer, err := auth.NewSigner(keyID, key.Private)
	if err != nil {
		return nil, err
	}
	opts := []auth.SourceOption{auth.WithLifetime(lifetime)}
	if s.auditContext != nil {
		opts = append(opts, auth.WithAuditContext(s.auditContext))
	}
	src, err := auth.NewJWTSource(signer, projectID, opts...)
	if err != nil {
		return nil, usageError{err}
	}
	return src, nil
}

// decodedJWT is what "token --decode" prints: never the signature.
type decodedJWT struct {
	Header map[string]any `json:"header"`
	Claims map[string]any `json:"claims"`
}

// decodeJWT decodes the header and claims of a compact JWS without
// verifying it. Errors never quote the token.
func decodeJWT(tok string) (*decodedJWT, error) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return nil, errors.New("token: not a compact JWS")
	}
	var d decodedJWT
	for i, dst := range []*map[string]any{&d.Header, &d.Claims} {
		raw, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil {
			return nil, fmt.Errorf("token: part %d is not base64url", i+1)
		}
		if err := decodeJSON(raw, dst); err != nil {
			return nil, fmt.Errorf("token: part %d is not a JSON object", i+1)
		}
	}
	return &d, nil
}
