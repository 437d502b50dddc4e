package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCompletions checks the dynamic flag completions, through the hidden
// command the shell scripts call.
func TestCompletions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"audit-logs", "list", "--activity", "identity_email_v"}, "IDENTITY_EMAIL_VERIFIED\n:4\n"},
		{[]string{"audit-logs", "list", "--activity", "sms-s"}, "SMS_SENT\nSMS_SUPPRESSED\n:4\n"},
		{[]string{"export", "--format", ""}, "ndjson\ncsv\n:4\n"},
		{[]string{"export", "--format", "c"}, "csv\n:4\n"},
		{[]string{"import", "x.ndjson", "--identifier", ""}, "email\nphone_number\npreferred_username\n:4\n"},
		{[]string{"identities", "list", "u", "--type", ""}, "anonymous\nbiometric\nldap\nlogin_id\noauth\npasskey\nsiwe\n:4\n"},
	}
	for _, tt := range tests {
		r := invocation{env: emptyEnv()}.run(t, append([]string{"__complete"}, tt.args...)...).want(t, exitOK)
		if diff := cmp.Diff(tt.want, r.stdout); diff != "" {
			t.Errorf("completions of %q (-want +got):\n%s", tt.args, diff)
		}
	}
}
