package main

import (
	"encoding/json"
	"errors"
	"io/fs"
	"strings"

	"github.com/authgear-admin/adminapi"
)

// Environment variables. The connection ones are the library's.
const (
	envEndpoint  = adminapi.EnvEndpoint
	envProjectID = adminapi.EnvProjectID
	envKeyID     = adminapi.EnvAdminKeyID
	envKeyFile   = adminapi.EnvAdminKeyFile
	envKey       = adminapi.EnvAdminKey
	envConfig    = "AUTHGEAR_CONFIG"
	envProfile   = "AUTHGEAR_PROFILE"
)

// setting is one resolved value and where it came from, e.g. "flag
// --endpoint", "env AUTHGEAR_ENDPOINT" or "profile prod".
type setting struct {
	Value  string `json:"value"`
	Source string `json:"source"`
}

// settings are the connection settings in effect. keyPEM holds a key given
// inline (env AUTHGEAR_ADMIN_KEY or a profile's key); it is never printed.
type settings struct {
	ConfigFile   string  `json:"configFile"`
	Profile      setting `json:"profile"`
	Endpoint     setting `json:"endpoint"`
	ProjectID    setting `json:"projectID"`
	KeyID        setting `json:"keyID"`
	KeyFile      setting `json:"keyFile"`
	Key          setting `json:"key"` // Value is "(set)" or empty, never the key
	AuditContext setting `json:"auditContext"`

	keyPEM       []byte
	auditContext map[string]any
}

// settings resolves each connection setting from, in order, its flag, its
// environment variable and the selected profile of the config file. The key
// is one setting: --key-file, else AUTHGEAR_ADMIN_KEY_FILE or
// AUTHGEAR_ADMIN_KEY, else the profile's key_file or key.
func (a *app) settings() (*settings, error) {
	g := &a.global
	s := &settings{}
	cf, err := a.configFile()
	if err != nil {
		return nil, err
	}
	var p *profile
	if cf != nil {
		s.ConfigFile = cf.path
		name, source := g.profile, "flag --profile"
		if name == "" {
			name, source = a.env(envProfile), "env "+envProfile
		}
		if name == "" {
			name, source = cf.DefaultProfile, "default_profile"
		}
		if name != "" {
			if p = cf.Profiles[name]; p == nil {
				return nil, usageErrorf("profile %q (from %s) is not in config file %s (profiles: %s)", name, source, cf.path, cf.profileList())
			}
			s.Profile = setting{name, source}
		}
	} else if name := firstNonEmpty(g.profile, a.env(envProfile)); name != "" {
		return nil, usageErrorf("profile %q requested but there is no config file (looked for %s)", name, a.configPathForHelp())
	}
	if p == nil {
		p = &profile{}
	}
	fromProfile := "profile " + s.Profile.Value

	pick := func(flagVal, flagName, envName, profVal string) setting {
		switch {
		case strings.TrimSpace(flagVal) != "":
			return setting{strings.TrimSpace(flagVal), "flag --" + flagName}
		case a.env(envName) != "":
			return setting{a.env(envName), "env " + envName}
		case strings.TrimSpace(profVal) != "":
			return setting{strings.TrimSpace(profVal), fromProfile}
		}
		return setting{}
	}
	s.Endpoint = pick(g.endpoint, "endpoint", envEndpoint, p.Endpoint)
	s.ProjectID = pick(g.projectID, "project-id", envProjectID, p.ProjectID)
	s.KeyID = pick(g.keyID, "key-id", envKeyID, p.KeyID)

	envFile, envPEM := a.env(envKeyFile), a.getenv(envKey)
	switch {
	case strings.TrimSpace(g.keyFile) != "":
		s.KeyFile = setting{g.keyFile, "flag --key-file"}
	case envFile != "" && strings.TrimSpace(envPEM) != "":
		return nil, usageErrorf("both %s and %s are set; set only one", envKeyFile, envKey)
	case envFile != "":
		s.KeyFile = setting{envFile, "env " + envKeyFile}
	case strings.TrimSpace(envPEM) != "":
		s.Key = setting{"(set)", "env " + envKey}
		s.keyPEM = []byte(envPEM)
	case p.KeyFile != "":
		s.KeyFile = setting{cf.resolvePath(p.KeyFile), fromProfile}
	case strings.TrimSpace(p.Key) != "":
		s.Key = setting{"(set)", fromProfile}
		s.keyPEM = []byte(p.Key)
	}

	switch {
	case g.auditContext != "":
		ac, err := parseAuditContext(g.auditContext)
		if err != nil {
			return nil, err
		}
		s.auditContext = ac
		s.AuditContext = setting{g.auditContext, "flag --audit-context"}
	case len(p.AuditContext) > 0:
		s.auditContext = p.AuditContext
		b, _ := json.Marshal(p.AuditContext)
		s.AuditContext = setting{string(b), fromProfile}
	}
	return s, nil
}

// configFile loads the config file named by --config or AUTHGEAR_CONFIG,
// which must exist, or the default one, which may be absent (nil, nil).
func (a *app) configFile() (*configFile, error) {
	path, source := a.global.configPath, "flag --config"
	if path == "" {
		path, source = a.env(envConfig), "env "+envConfig
	}
	explicit := path != ""
	if !explicit {
		var err error
		if path, err = defaultConfigPath(); err != nil {
			return nil, nil // no home directory: no default config file
		}
	}
	cf, err := loadConfigFile(path)
	switch {
	case err == nil:
		return cf, nil
	case errors.Is(err, fs.ErrNotExist) && !explicit:
		return nil, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, usageErrorf("config file %s (from %s) does not exist", path, source)
	default:
		return nil, usageError{err}
	}
}

func (a *app) configPathForHelp() string {
	if p := firstNonEmpty(a.global.configPath, a.env(envConfig)); p != "" {
		return p
	}
	if p, err := defaultConfigPath(); err == nil {
		return p
	}
	return defaultConfigHint
}

// env returns the trimmed value of an environment variable.
func (a *app) env(name string) string {
	return strings.TrimSpace(a.getenv(name))
}

func parseAuditContext(s string) (map[string]any, error) {
	var ac map[string]any
	if err := json.Unmarshal([]byte(s), &ac); err != nil || ac == nil {
		return nil, usageErrorf("--audit-context must be a JSON object, e.g. '{\"operator\":\"alice\"}'")
	}
	if len(ac) == 0 {
		return nil, usageErrorf("--audit-context is an empty object; omit it instead")
	}
	return ac, nil
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
