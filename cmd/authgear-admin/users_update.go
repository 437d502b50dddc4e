package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/authgear-admin/adminapi"
)

// profileAttributes are the standard attributes "users update" sets with a
// flag of their own: flag name, attribute name.
var profileAttributes = [][2]string{
	{"name", "name"},
	{"given-name", "given_name"},
	{"family-name", "family_name"},
	{"middle-name", "middle_name"},
	{"nickname", "nickname"},
	{"picture", "picture"},
	{"profile", "profile"},
	{"website", "website"},
	{"gender", "gender"},
	{"birthdate", "birthdate"},
	{"zoneinfo", "zoneinfo"},
	{"locale", "locale"},
}

func (a *app) usersUpdateCommand() *cobra.Command {
	var (
		values       = make([]string, len(profileAttributes))
		standardJSON string
		customJSON   string
		replace      bool
		dryRun       bool
	)
	cmd := &cobra.Command{
		Use:   "update ID|UUID [--name NAME ...] [--standard-json FILE] [--custom-json FILE]",
		Short: "Change a user's standard or custom attributes",
		Long: `Change some of a user's attributes and keep the others.

Flags set single standard attributes; an empty value ("--nickname ''")
removes one. --standard-json and --custom-json read a JSON object from a file
("-" for stdin) whose keys are set, a null value removing the attribute.
With --replace the object from the file replaces all the attributes of its
kind instead, as the Admin API's updateUser does.

The change is made by reading the user, changing the attributes and writing
them back if the user did not change meanwhile (else it starts over).
Standard and custom attributes are written one after the other.`,
		Example: `  authgear-admin users update 8e3e678d-... --given-name Alice --family-name Liddell
  echo '{"plan":"pro","seats":5}' | authgear-admin users update 8e3e678d-... --custom-json -`,
		Args: exactArgs("ID|UUID"),
		RunE: a.action(func(cmd *cobra.Command, args []string) error {
			id := args[0]
			if err := checkUserIDs(args); err != nil {
				return err
			}
			std := map[string]any{}
			for i, pa := range profileAttributes {
				if cmd.Flags().Changed(pa[0]) {
					if values[i] == "" {
						std[pa[1]] = nil
					} else {
						std[pa[1]] = values[i]
					}
				}
			}
			stdFile, err := a.readJSONObjectFile("--standard-json", standardJSON)
			if err != nil {
				return err
			}
			custom, err := a.readJSONObjectFile("--custom-json", customJSON)
			if err != nil {
				return err
			}
			if len(std) == 0 && stdFile == nil && custom == nil {
				return usageErrorf("nothing to change: give an attribute flag, --standard-json or --custom-json")
			}
			if replace && stdFile == nil && custom == nil {
				return usageErrorf("--replace needs --standard-json or --custom-json")
			}
			if dryRun {
				a.describeUpdate(id, std, stdFile, custom, replace)
				return nil
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			var u *adminapi.User
			if len(std) > 0 || stdFile != nil {
				u, err = c.UpdateStandardAttributes(ctx, id, func(sa *adminapi.StandardAttributes) error {
					m, err := toJSONMap(sa)
					if err != nil {
						return err
					}
					if replace && stdFile != nil {
						m = map[string]any{}
					}
					mergeAttributes(m, stdFile)
					mergeAttributes(m, std)
					return fromJSONMap(m, sa)
				})
				if err != nil {
					return err
				}
			}
			if custom != nil {
				u, err = c.UpdateCustomAttributes(ctx, id, func(ca adminapi.JSONObject) error {
					if replace {
						clear(ca)
					}
					mergeAttributes(ca, custom)
					return nil
				})
				if err != nil {
					return err
				}
			}
			return a.printUser(u)
		}),
	}
	f := cmd.Flags()
	for i, pa := range profileAttributes {
		f.StringVar(&values[i], pa[0], "", "set standard attribute "+pa[1]+" (empty removes it)")
	}
	f.StringVar(&standardJSON, "standard-json", "", "JSON object file of standard attributes to set (- for stdin)")
	f.StringVar(&customJSON, "custom-json", "", "JSON object file of custom attributes to set (- for stdin)")
	f.BoolVar(&replace, "replace", false, "replace all attributes of the kind given by file instead of merging")
	f.BoolVar(&dryRun, "dry-run", false, "print what would be done and do nothing")
	_ = cmd.MarkFlagFilename("standard-json", "json")
	_ = cmd.MarkFlagFilename("custom-json", "json")
	return cmd
}

func (a *app) describeUpdate(id string, std, stdFile, custom map[string]any, replace bool) {
	verb := "set"
	if replace {
		verb = "replace with"
	}
	fmt.Fprintf(a.stdout, "dry run: would update user %s:\n", id)
	if stdFile != nil {
		fmt.Fprintf(a.stdout, "  standard attributes: %s %s\n", verb, compactJSON(stdFile))
	}
	if len(std) > 0 {
		fmt.Fprintf(a.stdout, "  standard attributes: set %s\n", compactJSON(std))
	}
	if custom != nil {
		fmt.Fprintf(a.stdout, "  custom attributes: %s %s\n", verb, compactJSON(custom))
	}
}

// readJSONObjectFile reads a JSON object from path ("-" is stdin), keeping
// numbers exact. An empty path gives nil.
func (a *app) readJSONObjectFile(flag, path string) (map[string]any, error) {
	if path == "" {
		return nil, nil
	}
	var (
		data []byte
		err  error
	)
	if path == "-" {
		data, err = io.ReadAll(a.input())
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, usageErrorf("%s: %w", flag, err)
	}
	var m map[string]any
	if err := decodeJSON(data, &m); err != nil || m == nil {
		return nil, usageErrorf("%s %s: not a JSON object", flag, path)
	}
	return m, nil
}

// decodeJSON decodes one JSON value, numbers as json.Number.
func decodeJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("more than one JSON value")
	}
	return nil
}

// mergeAttributes sets the keys of patch in m; a nil value deletes the key.
func mergeAttributes(m, patch map[string]any) {
	for k, v := range patch {
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
}

func toJSONMap(v any) (map[string]any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	m := map[string]any{}
	if err := decodeJSON(b, &m); err != nil {
		return nil, err
	}
	if m == nil {
		m = map[string]any{}
	}
	return m, nil
}

func fromJSONMap(m map[string]any, v any) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

func compactJSON(v any) string {
	var buf bytes.Buffer
	_ = writeJSON(&buf, v, "")
	return strings.TrimSpace(buf.String())
}

func (a *app) usersSetAttributeCommand() *cobra.Command {
	var custom, asJSON, unset, dryRun bool
	cmd := &cobra.Command{
		Use:   "set-attribute ID|UUID NAME [VALUE]",
		Short: "Set or remove one standard or custom attribute",
		Long: `Set one attribute of a user and keep the others. NAME is a standard attribute
(given_name, locale, ...) or, with --custom, a custom attribute. VALUE is a
string unless --json is given, when it is parsed as JSON (null removes the
attribute). --unset removes the attribute.`,
		Example: `  authgear-admin users set-attribute 8e3e678d-... locale ja
  authgear-admin users set-attribute 8e3e678d-... --custom --json seats 5
  authgear-admin users set-attribute 8e3e678d-... --custom --unset legacy_id`,
		Args: cobra.RangeArgs(2, 3),
		RunE: a.action(func(cmd *cobra.Command, args []string) error {
			id, name := args[0], args[1]
			if err := checkUserIDs(args[:1]); err != nil {
				return err
			}
			var value any
			switch {
			case unset && len(args) == 3:
				return usageErrorf("--unset takes no VALUE")
			case unset:
			case len(args) == 2:
				return usageErrorf("give a VALUE, or --unset to remove %s", name)
			case asJSON:
				if err := decodeJSON([]byte(args[2]), &value); err != nil {
					return usageErrorf("--json: VALUE is not JSON: %v", err)
				}
			default:
				value = args[2]
			}
			kind := "standard"
			if custom {
				kind = "custom"
			}
			if !custom && !slices.Contains(standardAttributeNames, name) {
				return usageErrorf("%q is not a standard attribute (%s); for a custom attribute add --custom", name, strings.Join(standardAttributeNames, ", "))
			}
			if dryRun {
				if value == nil {
					fmt.Fprintf(a.stdout, "dry run: would remove %s attribute %s of user %s\n", kind, name, id)
				} else {
					fmt.Fprintf(a.stdout, "dry run: would set %s attribute %s of user %s to %s\n", kind, name, id, compactJSON(value))
				}
				return nil
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			var u *adminapi.User
			if custom {
				u, err = c.SetCustomAttribute(cmd.Context(), id, name, value)
			} else {
				u, err = c.SetStandardAttribute(cmd.Context(), id, name, value)
			}
			if err != nil {
				return err
			}
			return a.printUser(u)
		}),
	}
	f := cmd.Flags()
	f.BoolVar(&custom, "custom", false, "NAME is a custom attribute")
	f.BoolVar(&asJSON, "json", false, "parse VALUE as JSON (numbers, booleans, objects, null)")
	f.BoolVar(&unset, "unset", false, "remove the attribute")
	f.BoolVar(&dryRun, "dry-run", false, "print what would be done and do nothing")
	cmd.MarkFlagsMutuallyExclusive("json", "unset")
	cmd.ValidArgsFunction = func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) == 1 {
			return standardAttributeNames, cobra.ShellCompDirectiveNoFileComp
		}
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return cmd
}

// standardAttributeNames are the OIDC standard claims a user may carry.
var standardAttributeNames = []string{
	"email", "email_verified", "phone_number", "phone_number_verified", "preferred_username",
	"name", "given_name", "family_name", "middle_name", "nickname", "picture", "profile", "website",
	"gender", "birthdate", "zoneinfo", "locale", "address",
}
