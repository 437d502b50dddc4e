package main

import (
	"bytes"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi"
)

// fixedUsers are users with every field the tables show, for golden files.
func fixedUsers() []*adminapi.User {
	at := func(s string) *time.Time {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return &t
	}
	return []*adminapi.User{
		{
			ID:                 "VXNlcjo4ZTNlNjc4ZC03ZjBiLTRhMzktOWM1ZS03YTViM2MyZDFlMGY",
			RawID:              "8e3e678d-7f0b-4a39-9c5e-7a5b3c2d1e0f",
			CreatedAt:          *at("2024-03-01T09:30:00Z"),
			UpdatedAt:          *at("2024-06-01T12:00:00Z"),
			LastLoginAt:        at("2024-06-02T08:15:59+02:00"),
			FormattedName:      "Alice Liddell",
			EndUserAccountID:   "alice@example.com",
			StandardAttributes: adminapi.StandardAttributes{Email: adminapi.Ptr("alice@example.com"), EmailVerified: adminapi.Ptr(true), GivenName: adminapi.Ptr("Alice"), FamilyName: adminapi.Ptr("Liddell")},
			CustomAttributes:   adminapi.JSONObject{"plan": "pro", "seats": 5},
			VerifiedClaims:     []adminapi.Claim{{Name: "email", Value: "alice@example.com"}},
			Identities: []adminapi.Identity{
				{Type: adminapi.IdentityType("LOGIN_ID"), LoginIDKey: adminapi.LoginIDEmail, LoginIDValue: "alice@example.com"},
				{Type: adminapi.IdentityType("OAUTH")},
			},
		},
		{
			ID:               "VXNlcjoxYjJjM2Q0ZS01ZjZhLTRiN2MtOGQ5ZS0wZjFhMmIzYzRkNWU",
			RawID:            "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e",
			CreatedAt:        *at("2024-04-15T00:00:00Z"),
			UpdatedAt:        *at("2024-04-15T00:00:00Z"),
			IsDisabled:       true,
			DisableReason:    "chargeback",
			EndUserAccountID: "+14155550100",
		},
		{
			ID:        "VXNlcjoyYjJjM2Q0ZS01ZjZhLTRiN2MtOGQ5ZS0wZjFhMmIzYzRkNWU",
			RawID:     "2b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e",
			CreatedAt: *at("2024-05-20T23:59:00Z"),
			UpdatedAt: *at("2024-05-21T00:00:00Z"),
			DeleteAt:  at("2024-06-20T00:00:00Z"),
			Identities: []adminapi.Identity{
				{Type: adminapi.IdentityType("LOGIN_ID"), LoginIDKey: adminapi.LoginIDUsername, LoginIDValue: "carol"},
			},
		},
	}
}

func TestUserTablesGolden(t *testing.T) {
	t.Parallel()
	users := fixedUsers()
	list := &table{header: userListHeader}
	for _, u := range users {
		list.rows = append(list.rows, userRow(u))
	}
	var buf bytes.Buffer
	if err := list.render(&buf); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "user_rows.golden", buf.String())

	buf.Reset()
	if err := userTable(users[0]).render(&buf); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "user_get.golden", buf.String())
}

func TestUserViewJSON(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := writeJSON(&buf, viewUser(fixedUsers()[1]), "  "); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "user_view.json.golden", buf.String())
}

func TestOutputFormat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		flag string
		tty  bool
		want string
	}{
		{"", false, formatJSON},
		{"", true, formatTable},
		{"json", true, formatJSON},
		{"ndjson", true, formatJSON},
		{"YAML", false, formatYAML},
		{"table", false, formatTable},
	}
	for _, tt := range tests {
		a := &app{stdout: &bytes.Buffer{}}
		if tt.tty {
			a.stdout = &terminalBuffer{}
		}
		a.global.output = tt.flag
		got, err := a.format()
		if err != nil || got != tt.want {
			t.Errorf("format with -o %q, terminal %v = %q, %v; want %q", tt.flag, tt.tty, got, err, tt.want)
		}
	}
}

func TestStreamYAMLAndTable(t *testing.T) {
	t.Parallel()
	type item struct {
		Name string `json:"name"`
		N    int    `json:"count"`
	}
	for _, tt := range []struct {
		format, want string
	}{
		{formatYAML, "---\nname: a\ncount: 1\n---\nname: b\ncount: 22\n"},
		{formatJSON, "{\"name\":\"a\",\"count\":1}\n{\"name\":\"b\",\"count\":22}\n"},
		{formatTable, "NAME  N\na     1\nb     22\n"},
	} {
		var buf bytes.Buffer
		s := &stream{w: &buf, format: tt.format, tbl: &table{header: []string{"NAME", "N"}}}
		for _, it := range []item{{"a", 1}, {"b", 22}} {
			if err := s.add(it, []string{it.Name, strconv.Itoa(it.N)}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.close(); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, buf.String()); diff != "" {
			t.Errorf("%s stream (-want +got):\n%s", tt.format, diff)
		}
	}
}
