package adminapi

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewFromEnv(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "key.pem")
	if err := os.WriteFile(keyFile, testKeyPEM(t), 0o600); err != nil {
		t.Fatal(err)
	}
	badFile := filepath.Join(dir, "bad.pem")
	if err := os.WriteFile(badFile, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	base := map[string]string{
		EnvEndpoint:     "https://myapp.authgear.cloud",
		EnvAdminKeyID:   "kid",
		EnvAdminKeyFile: keyFile,
	}
	with := func(changes map[string]string) func(string) string {
		env := map[string]string{}
		for k, v := range base {
			env[k] = v
		}
		for k, v := range changes {
			env[k] = v
		}
		return func(k string) string { return env[k] }
	}

	tests := []struct {
		name          string
		getenv        func(string) string
		opts          []Option
		wantSetting   string
		wantProjectID string
	}{
		{"key file", with(nil), nil, "", "myapp"},
		{"key inline", with(map[string]string{EnvAdminKeyFile: "", EnvAdminKey: string(testKeyPEM(t))}), nil, "", "myapp"},
		{"project id", with(map[string]string{EnvProjectID: "proj", EnvEndpoint: "https://auth.example.com"}), nil, "", "proj"},
		{"option overrides project id", with(map[string]string{EnvProjectID: "proj"}), []Option{WithProjectID("mine")}, "", "mine"},
		{"option key replaces bad env key", with(map[string]string{EnvAdminKeyFile: badFile}), []Option{WithPrivateKey(testKey())}, "", "myapp"},
		{"option key with both env keys", with(map[string]string{EnvAdminKey: "x"}), []Option{WithPrivateKey(testKey())}, "", "myapp"},
		{"no endpoint", with(map[string]string{EnvEndpoint: ""}), nil, "endpoint", ""},
		{"bad endpoint", with(map[string]string{EnvEndpoint: "myapp.authgear.cloud"}), nil, "endpoint", ""},
		{"no project id", with(map[string]string{EnvEndpoint: "https://auth.example.com"}), nil, "project id", ""},
		{"no key id", with(map[string]string{EnvAdminKeyID: ""}), nil, "key id", ""},
		{"no key", with(map[string]string{EnvAdminKeyFile: ""}), nil, "private key", ""},
		{"both keys", with(map[string]string{EnvAdminKey: "x"}), nil, "private key", ""},
		{"bad key file", with(map[string]string{EnvAdminKeyFile: badFile}), nil, "private key file", ""},
		{"bad option", with(nil), []Option{WithKeyID("")}, "key id", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := newFromEnv(tt.getenv, tt.opts...)
			if tt.wantSetting != "" {
				var ce *ConfigError
				if !errors.As(err, &ce) || ce.Setting != tt.wantSetting {
					t.Fatalf("newFromEnv error = %v; want *ConfigError for %q", err, tt.wantSetting)
				}
				return
			}
			if err != nil {
				t.Fatalf("newFromEnv: %v", err)
			}
			if got := c.ProjectID(); got != tt.wantProjectID {
				t.Errorf("ProjectID() = %q, want %q", got, tt.wantProjectID)
			}
		})
	}
}

func TestNewFromEnvErrorsNameVariables(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, EnvEndpoint},
		{map[string]string{EnvEndpoint: "https://auth.example.com"}, EnvProjectID},
		{map[string]string{EnvEndpoint: "https://x.authgear.cloud", EnvAdminKeyID: "k"}, EnvAdminKeyFile},
	} {
		_, err := newFromEnv(func(k string) string { return tt.env[k] })
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("newFromEnv(%v) error = %v; want it to name %s", tt.env, err, tt.want)
		}
	}
}

// TestNewFromEnvProcess uses the real environment once.
func TestNewFromEnvProcess(t *testing.T) {
	t.Setenv(EnvEndpoint, "https://myapp.authgear.cloud")
	t.Setenv(EnvAdminKeyID, "kid")
	t.Setenv(EnvAdminKey, string(testKeyPEM(t)))
	t.Setenv(EnvAdminKeyFile, "")
	t.Setenv(EnvProjectID, "")
	c, err := NewFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Endpoint(); got != "https://myapp.authgear.cloud/_api/admin/graphql" {
		t.Errorf("Endpoint() = %q", got)
	}
}
