package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi/adminapitest"
)

const twoProfiles = `default_profile: prod
profiles:
  prod:
    endpoint: https://prod.authgear.cloud
    project_id: prod-project
    key_id: prod-key
    key_file: prod.pem
    audit_context: {operator: alice}
  staging:
    endpoint: https://staging.authgear.cloud
    key_id: staging-key
    key_file: /keys/staging.pem
`

// viewSettings runs "config view -o json".
func viewSettings(t *testing.T, env map[string]string, args ...string) settings {
	t.Helper()
	r := invocation{env: env}.run(t, append([]string{"config", "view", "-o", "json"}, args...)...).want(t, exitOK)
	return decodeJSONOutput[settings](t, r.stdout)
}

func TestConfigPrecedence(t *testing.T) {
	t.Parallel()
	cfg := writeFile(t, "config.yaml", twoProfiles, 0o600)
	dir := filepath.Dir(cfg)
	env := with(emptyEnv(), envConfig, cfg)

	t.Run("default profile", func(t *testing.T) {
		t.Parallel()
		s := viewSettings(t, env)
		want := settings{
			ConfigFile:   cfg,
			Profile:      setting{"prod", "default_profile"},
			Endpoint:     setting{"https://prod.authgear.cloud", "profile prod"},
			ProjectID:    setting{"prod-project", "profile prod"},
			KeyID:        setting{"prod-key", "profile prod"},
			KeyFile:      setting{filepath.Join(dir, "prod.pem"), "profile prod"},
			AuditContext: setting{`{"operator":"alice"}`, "profile prod"},
		}
		if diff := cmp.Diff(want, s, cmp.AllowUnexported(settings{})); diff != "" {
			t.Errorf("settings (-want +got):\n%s", diff)
		}
	})
	t.Run("env beats profile, flag beats env", func(t *testing.T) {
		t.Parallel()
		s := viewSettings(t, with(env, envEndpoint, "https://env.authgear.cloud", envKeyID, "env-key"), "--key-id", "flag-key")
		if diff := cmp.Diff(setting{"https://env.authgear.cloud", "env " + envEndpoint}, s.Endpoint); diff != "" {
			t.Errorf("endpoint (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(setting{"flag-key", "flag --key-id"}, s.KeyID); diff != "" {
			t.Errorf("key id (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(setting{"prod-project", "profile prod"}, s.ProjectID); diff != "" {
			t.Errorf("project id (-want +got):\n%s", diff)
		}
	})
	t.Run("profile from env, then from flag", func(t *testing.T) {
		t.Parallel()
		s := viewSettings(t, with(env, envProfile, "staging"))
		if s.Profile != (setting{"staging", "env " + envProfile}) || s.KeyFile.Value != "/keys/staging.pem" {
			t.Errorf("profile %+v, key file %+v; want staging from the env", s.Profile, s.KeyFile)
		}
		s = viewSettings(t, with(env, envProfile, "staging"), "--profile", "prod")
		if s.Profile != (setting{"prod", "flag --profile"}) {
			t.Errorf("profile %+v, want prod from the flag", s.Profile)
		}
	})
	t.Run("key in env replaces the profile's key file", func(t *testing.T) {
		t.Parallel()
		s := viewSettings(t, with(env, envKey, "-----BEGIN PRIVATE KEY-----\nsecret\n-----END PRIVATE KEY-----"))
		if s.KeyFile.Value != "" || s.Key != (setting{"(set)", "env " + envKey}) {
			t.Errorf("key file %+v, key %+v; want the env key", s.KeyFile, s.Key)
		}
	})
	t.Run("config flag beats env", func(t *testing.T) {
		t.Parallel()
		other := writeFile(t, "other.yaml", "profiles:\n  only: {endpoint: https://other.authgear.cloud}\ndefault_profile: only\n", 0o600)
		s := viewSettings(t, env, "--config", other)
		if s.ConfigFile != other || s.Endpoint.Value != "https://other.authgear.cloud" {
			t.Errorf("config %q endpoint %q, want the --config file's", s.ConfigFile, s.Endpoint.Value)
		}
	})
	t.Run("table never shows the key", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: with(env, envKey, "-----BEGIN PRIVATE KEY-----\nsecret\n-----END PRIVATE KEY-----")}.run(t, "config", "view", "-o", "table").want(t, exitOK)
		if strings.Contains(r.stdout, "secret") || !strings.Contains(r.stdout, "(set)") {
			t.Errorf("config view table:\n%s", r.stdout)
		}
	})
	t.Run("profiles", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: env}.run(t, "config", "profiles").want(t, exitOK)
		type row struct {
			Name     string `json:"name"`
			Default  bool   `json:"default"`
			Endpoint string `json:"endpoint"`
		}
		want := []row{{"prod", true, "https://prod.authgear.cloud"}, {"staging", false, "https://staging.authgear.cloud"}}
		if diff := cmp.Diff(want, decodeJSONOutput[[]row](t, r.stdout)); diff != "" {
			t.Errorf("profiles (-want +got):\n%s", diff)
		}
	})
}

func TestConfigFileErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		content string
		mode    os.FileMode
		args    []string
		stderr  string
	}{
		{"unknown profile", twoProfiles, 0o600, []string{"--profile", "qa"}, `profile "qa" (from flag --profile) is not in config file`},
		{"unknown key", "profiles:\n  p:\n    endpont: https://x.authgear.cloud\n", 0o600, nil, "line 3"},
		{"bad default", "default_profile: x\nprofiles:\n  p: {}\n", 0o600, nil, `default_profile "x"`},
		{"key and key file", "profiles:\n  p: {key: abc, key_file: k.pem}\n", 0o600, nil, "both key and key_file"},
		{"not YAML", "profiles: [\n", 0o600, nil, "config file"},
	}
	if runtime.GOOS != "windows" {
		tests = append(tests, struct {
			name    string
			content string
			mode    os.FileMode
			args    []string
			stderr  string
		}{"readable key", "profiles:\n  p:\n    key: |\n      -----BEGIN PRIVATE KEY-----\n      c2VjcmV0\n      -----END PRIVATE KEY-----\n", 0o644, nil, "can be read by group or others"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := writeFile(t, "config.yaml", tt.content, tt.mode)
			r := invocation{env: with(emptyEnv(), envConfig, cfg)}.run(t, append([]string{"config", "view"}, tt.args...)...).want(t, exitUsage)
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr = %q, want it to contain %q", r.stderr, tt.stderr)
			}
			if strings.Contains(r.stderr, "c2VjcmV0") {
				t.Error("the error shows the key")
			}
		})
	}
	t.Run("missing explicit file", func(t *testing.T) {
		t.Parallel()
		r := invocation{env: emptyEnv()}.run(t, "config", "view", "--config", "/nonexistent/config.yaml").want(t, exitUsage)
		if !strings.Contains(r.stderr, "does not exist") {
			t.Errorf("stderr = %q", r.stderr)
		}
	})
}

// TestProfileAgainstServer checks that a profile alone is enough to reach
// a server, with a key inline in a private config file, and that a flag
// still wins over it.
func TestProfileAgainstServer(t *testing.T) {
	t.Parallel()
	srv := adminapitest.NewServer(t)
	seed(t, srv, adminapitest.SeedUser{Email: "p@example.com"})
	indented := "      " + strings.ReplaceAll(strings.TrimSpace(string(srv.PrivateKeyPEM())), "\n", "\n      ")
	cfg := writeFile(t, "config.yaml", "default_profile: local\nprofiles:\n  local:\n"+
		"    endpoint: "+srv.URL()+"\n    project_id: "+srv.ProjectID()+"\n    key_id: "+srv.KeyID()+"\n    key: |\n"+indented+"\n", 0o600)
	env := with(emptyEnv(), envConfig, cfg)
	r := invocation{env: env}.run(t, "users", "get", "--email", "p@example.com").want(t, exitOK)
	if u := decodeJSONOutput[listedUser](t, r.stdout); u.EndUserAccountID != "p@example.com" {
		t.Errorf("got %+v", u)
	}
	invocation{env: with(env, envKeyID, "env-wins")}.run(t, "users", "list").want(t, exitAuth)
	invocation{env: env}.run(t, "users", "list", "--project-id", "flag-wins").want(t, exitAuth)
}
