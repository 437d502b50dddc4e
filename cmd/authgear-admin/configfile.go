package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
)

// configFile is the YAML config file:
//
//	default_profile: prod
//	profiles:
//	  prod:
//	    endpoint: https://myapp.authgear.cloud
//	    key_id: 3b0c...
//	    key_file: ~/.config/authgear-admin/prod-key.pem
//	  local:
//	    endpoint: http://127.0.0.1:3002
//	    project_id: accounts
//	    key_id: local-key
//	    key_file: local-key.pem   # relative to the config file
//
// The file names key files; it may hold a key itself ("key", PEM or JWK),
// but is then refused unless only its owner can read it.
type configFile struct {
	DefaultProfile string              `yaml:"default_profile"`
	Profiles       map[string]*profile `yaml:"profiles"`

	path string // where it was read from
}

// profile is one named set of connection settings.
type profile struct {
	Endpoint  string `yaml:"endpoint"`
	ProjectID string `yaml:"project_id"`
	KeyID     string `yaml:"key_id"`
	KeyFile   string `yaml:"key_file"`
	// Key is the private key itself. Discouraged; see configFile.
	Key string `yaml:"key"`
	// AuditContext is sent with every request of the profile, unless
	// --audit-context is given.
	AuditContext map[string]any `yaml:"audit_context"`
}

const (
	configDirName  = "authgear-admin"
	configFileName = "config.yaml"
	// defaultConfigHint describes the default path in help texts.
	defaultConfigHint = "<user config dir>/" + configDirName + "/" + configFileName
)

// defaultConfigPath returns os.UserConfigDir()/authgear-admin/config.yaml.
func defaultConfigPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, configDirName, configFileName), nil
}

// loadConfigFile reads and checks the config file at path. It returns
// fs.ErrNotExist (wrapped) if there is no file.
func loadConfigFile(path string) (*configFile, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cf configFile
	if err := yaml.UnmarshalWithOptions(data, &cf, yaml.Strict()); err != nil {
		// The error quotes the offending line; a key never has to be on
		// one, but do not risk it: say where, not what.
		return nil, fmt.Errorf("config file %s: %s", path, yamlErrorSummary(err))
	}
	cf.path = path
	for name, p := range cf.Profiles {
		if p == nil {
			cf.Profiles[name] = &profile{}
			continue
		}
		if strings.TrimSpace(p.Key) == "" {
			continue
		}
		if p.KeyFile != "" {
			return nil, fmt.Errorf("config file %s: profile %q sets both key and key_file; keep only key_file", path, name)
		}
		if runtime.GOOS != "windows" && info.Mode().Perm()&0o077 != 0 {
			return nil, fmt.Errorf("config file %s holds a private key (profile %q) and can be read by group or others (mode %04o); "+
				"run chmod 600 on it, or better, move the key to its own file and name it with key_file", path, name, info.Mode().Perm())
		}
	}
	if cf.DefaultProfile != "" && cf.Profiles[cf.DefaultProfile] == nil {
		return nil, fmt.Errorf("config file %s: default_profile %q is not one of its profiles (%s)", path, cf.DefaultProfile, cf.profileList())
	}
	return &cf, nil
}

// yamlErrorSummary keeps the position of a YAML error and drops the quoted
// source lines.
func yamlErrorSummary(err error) string {
	var ye yaml.Error
	if errors.As(err, &ye) {
		msg := ye.GetMessage()
		if tok := ye.GetToken(); tok != nil && tok.Position != nil {
			return fmt.Sprintf("line %d: %s", tok.Position.Line, msg)
		}
		return msg
	}
	first, _, _ := strings.Cut(err.Error(), "\n")
	return first
}

// profileNames returns the profile names, sorted.
func (cf *configFile) profileNames() []string {
	if cf == nil {
		return nil
	}
	names := make([]string, 0, len(cf.Profiles))
	for n := range cf.Profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func (cf *configFile) profileList() string {
	names := cf.profileNames()
	if len(names) == 0 {
		return "none defined"
	}
	return strings.Join(names, ", ")
}

// resolvePath makes a key_file path usable: "~/" is the home directory, and
// a relative path is relative to the config file's directory.
func (cf *configFile) resolvePath(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	if filepath.IsAbs(p) || cf.path == "" {
		return p
	}
	return filepath.Join(filepath.Dir(cf.path), p)
}
