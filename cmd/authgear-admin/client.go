package main

import (
	"log/slog"

	"github.com/authgear-admin/adminapi"
)

// client builds an Admin API client from the settings in effect. A missing
// or unusable setting is a usage error (exit 2), an unusable key an
// authentication failure (exit 3).
func (a *app) client() (*adminapi.Client, error) {
	s, err := a.settings()
	if err != nil {
		return nil, err
	}
	if s.Endpoint.Value == "" {
		return nil, usageErrorf("no endpoint: pass --endpoint, set %s, or select a config file profile that has one (looked for %s)",
			envEndpoint, a.configPathForHelp())
	}
	opts := append(a.keyOptions(s), adminapi.WithUserAgent("authgear-admin/"+version()))
	if a.global.verbose {
		opts = append(opts, adminapi.WithLogger(slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	if a.clock != nil {
		opts = append(opts, adminapi.WithClock(a.clock))
	}
	if s.auditContext != nil {
		opts = append(opts, adminapi.WithAuditContext(s.auditContext))
	}
	return adminapi.New(s.Endpoint.Value, opts...)
}

// keyOptions returns the options for the project id, key id and key.
func (a *app) keyOptions(s *settings) []adminapi.Option {
	var opts []adminapi.Option
	if s.ProjectID.Value != "" {
		opts = append(opts, adminapi.WithProjectID(s.ProjectID.Value))
	}
	if s.KeyID.Value != "" {
		opts = append(opts, adminapi.WithKeyID(s.KeyID.Value))
	}
	switch {
	case s.KeyFile.Value != "":
		opts = append(opts, adminapi.WithPrivateKeyFile(s.KeyFile.Value))
	case s.keyPEM != nil:
		opts = append(opts, adminapi.WithPrivateKeyPEM(s.keyPEM))
	}
	return opts
}
