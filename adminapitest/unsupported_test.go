package adminapitest

import "testing"

func TestUnsupportedFields(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	u := seed(t, s, SeedUser{Email: "a@example.com"})
	tests := []struct {
		query, message string
	}{
		{`{ auditLogs { totalCount } }`, "Query.auditLogs is not supported by the emulator"},
		{`{ roles { totalCount } }`, "Query.roles is not supported by the emulator"},
		{`mutation { createRole(input: {key: "r"}) { role { id } } }`, "Mutation.createRole is not supported by the emulator"},
		{`mutation { anonymizeUser(input: {userID: "x"}) { anonymizedUserID } }`, "Mutation.anonymizeUser is not supported by the emulator"},
		{`query($id: ID!) { node(id: $id) { ... on User { roles { totalCount } } } }`, "User.roles is not supported by the emulator"},
		{`query($id: ID!) { node(id: $id) { ... on User { primaryPassword { id } } } }`, "User.primaryPassword is not supported by the emulator"},
		{`query($id: ID!) { node(id: $id) { ... on User { accountLockout { isLocked } } } }`, "User.accountLockout is not supported by the emulator"},
	}
	for _, tt := range tests {
		t.Run(tt.message, func(t *testing.T) {
			t.Parallel()
			e := gqlError(t, s, tt.query, map[string]any{"id": u.NodeID})
			checkAPIError(t, e, tt.message, "BadRequest", "NotSupportedByEmulator")
			if e["path"] == nil || len(e["locations"].([]any)) == 0 {
				t.Errorf("error without path or locations: %v", e)
			}
		})
	}
}
