package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

const configHelp = `Show the configuration in effect and the config file's profiles.

Each connection setting comes from the first of:
  1. its flag: --endpoint, --project-id, --key-id, --key-file
  2. its environment variable: AUTHGEAR_ENDPOINT, AUTHGEAR_PROJECT_ID,
     AUTHGEAR_ADMIN_KEY_ID, AUTHGEAR_ADMIN_KEY_FILE (or AUTHGEAR_ADMIN_KEY,
     the key itself)
  3. the selected profile of the config file

The config file is --config, else AUTHGEAR_CONFIG, else
` + defaultConfigHint + ` (os.UserConfigDir: ~/.config on
Linux). The profile is --profile, else AUTHGEAR_PROFILE, else the file's
default_profile. Example:

  default_profile: prod
  profiles:
    prod:
      endpoint: https://myapp.authgear.cloud
      key_id: 3b0c6f0e-...
      key_file: ~/.config/authgear-admin/prod-key.pem
      audit_context: {operator: alice}
    local:
      endpoint: http://127.0.0.1:3002
      project_id: accounts
      key_id: local
      key_file: local-key.pem    # relative to this file

Name key files with key_file. A profile may hold the key itself (key: |
-----BEGIN PRIVATE KEY-----...), but then the file must be readable by its
owner only (chmod 600), or it is refused.`

func (a *app) configCommand() *cobra.Command {
	cmd := groupCommand("config", "Show the configuration in effect and the config file's profiles")
	cmd.Long = configHelp
	cmd.AddCommand(
		&cobra.Command{
			Use:   "view",
			Short: "Show each connection setting and where it comes from (never the key)",
			Args:  noArgs,
			RunE: a.action(func(*cobra.Command, []string) error {
				s, err := a.settings()
				if err != nil {
					return err
				}
				return a.printValue(s, func() *table {
					t := &table{header: []string{"SETTING", "VALUE", "SOURCE"}}
					t.append("config file", valueOr(s.ConfigFile, "(none)"), "")
					for _, row := range []struct {
						name string
						s    setting
					}{
						{"profile", s.Profile}, {"endpoint", s.Endpoint}, {"project id", s.ProjectID},
						{"key id", s.KeyID}, {"key file", s.KeyFile}, {"key", s.Key}, {"audit context", s.AuditContext},
					} {
						t.append(row.name, valueOr(row.s.Value, "-"), row.s.Source)
					}
					return t
				})
			}),
		},
		&cobra.Command{
			Use:   "profiles",
			Short: "List the config file's profiles",
			Args:  noArgs,
			RunE: a.action(func(*cobra.Command, []string) error {
				cf, err := a.configFile()
				if err != nil {
					return err
				}
				if cf == nil {
					return usageErrorf("no config file (looked for %s)", a.configPathForHelp())
				}
				type row struct {
					Name     string `json:"name"`
					Default  bool   `json:"default"`
					Endpoint string `json:"endpoint"`
				}
				rows := []row{}
				t := &table{header: []string{"PROFILE", "DEFAULT", "ENDPOINT"}}
				for _, name := range cf.profileNames() {
					r := row{Name: name, Default: name == cf.DefaultProfile, Endpoint: cf.Profiles[name].Endpoint}
					rows = append(rows, r)
					def := ""
					if r.Default {
						def = "*"
					}
					t.append(name, def, r.Endpoint)
				}
				return a.printValue(rows, func() *table { return t })
			}),
		},
		&cobra.Command{
			Use:   "path",
			Short: "Print the path of the config file in use",
			Args:  noArgs,
			RunE: a.action(func(*cobra.Command, []string) error {
				_, err := fmt.Fprintln(a.stdout, a.configPathForHelp())
				return err
			}),
		},
	)
	return cmd
}

func valueOr(v, alt string) string {
	if v == "" {
		return alt
	}
	return v
}

// completeProfiles completes --profile with the config file's profiles.
func (a *app) completeProfiles(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	cf, err := a.configFile()
	if err != nil || cf == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return cf.profileNames(), cobra.ShellCompDirectiveNoFileComp
}
