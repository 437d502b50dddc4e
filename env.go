package adminapi

import (
	"os"
	"strings"
)

// Environment variables read by [NewFromEnv].
const (
	// EnvEndpoint holds the project's origin, e.g.
	// https://myapp.authgear.cloud. Required.
	EnvEndpoint = "AUTHGEAR_ENDPOINT"
	// EnvProjectID holds the project id; optional for *.authgear.cloud
	// endpoints.
	EnvProjectID = "AUTHGEAR_PROJECT_ID"
	// EnvAdminKeyID holds the Admin API key id shown in the portal.
	EnvAdminKeyID = "AUTHGEAR_ADMIN_KEY_ID"
	// EnvAdminKeyFile holds the path of the private key file (PEM or JWK).
	EnvAdminKeyFile = "AUTHGEAR_ADMIN_KEY_FILE"
	// EnvAdminKey holds the private key itself (PEM or JWK), for platforms
	// that pass secrets as variables. Set it or EnvAdminKeyFile, not both.
	EnvAdminKey = "AUTHGEAR_ADMIN_KEY"
)

// NewFromEnv is like [New] but reads the configuration from the environment
// variables [EnvEndpoint], [EnvProjectID], [EnvAdminKeyID], and
// [EnvAdminKeyFile] or [EnvAdminKey]. Options given explicitly override the
// environment: a key option replaces the key from the environment, which is
// then not read. Unset and empty variables count as absent.
func NewFromEnv(opts ...Option) (*Client, error) {
	return newFromEnv(os.Getenv, opts...)
}

func newFromEnv(getenv func(string) string, opts ...Option) (*Client, error) {
	get := func(name string) string { return strings.TrimSpace(getenv(name)) }
	endpoint := get(EnvEndpoint)
	if endpoint == "" {
		return nil, configErrorf(settingEndpoint, "%s is not set; set it to the project's origin, e.g. https://myapp.authgear.cloud", EnvEndpoint)
	}
	var envOpts []Option
	if v := get(EnvProjectID); v != "" {
		envOpts = append(envOpts, WithProjectID(v))
	}
	if v := get(EnvAdminKeyID); v != "" {
		envOpts = append(envOpts, WithKeyID(v))
	}
	// Apply the explicit options to a scratch config to learn whether they
	// bring their own key; if so the environment's key is not looked at.
	var explicit config
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&explicit); err != nil {
			return nil, err
		}
	}
	keyFile, key := get(EnvAdminKeyFile), getenv(EnvAdminKey)
	switch {
	case explicit.key.isSet():
	case keyFile != "" && strings.TrimSpace(key) != "":
		return nil, configErrorf(settingPrivateKey, "both %s and %s are set; set only one", EnvAdminKeyFile, EnvAdminKey)
	case keyFile != "":
		envOpts = append(envOpts, WithPrivateKeyFile(keyFile))
	case strings.TrimSpace(key) != "":
		envOpts = append(envOpts, WithPrivateKeyPEM([]byte(key)))
	}
	return New(endpoint, append(envOpts, opts...)...)
}
