package resolver

import (
	"testing"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
	"github.com/authgear-admin/adminapi/adminapitest/internal/graph"
)

// The emulator models every field of the schema today; the generated stubs
// stay for fields a future schema adds. They must answer the emulator's
// own error.
func TestUnsupportedStubs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"Query.roles", func() error {
			_, err := unsupportedQuery{}.Roles(t.Context(), nil, nil, nil, nil, nil, nil)
			return err
		}, "Query.roles is not supported by the emulator"},
		{"Mutation.anonymizeUser", func() error {
			_, err := unsupportedMutation{}.AnonymizeUser(t.Context(), graphAnonymize())
			return err
		}, "Mutation.anonymizeUser is not supported by the emulator"},
		{"User.accountLockout", func() error {
			_, err := unsupportedUser{}.AccountLockout(t.Context(), nil)
			return err
		}, "User.accountLockout is not supported by the emulator"},
		{"AuditLog.activityType", func() error {
			_, err := unsupportedAuditLog{}.ActivityType(t.Context(), nil)
			return err
		}, "AuditLog.activityType is not supported by the emulator"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, ok := apierr.As(tt.call())
			if !ok || e.Message != tt.want || e.Name != apierr.BadRequest || e.Reason != apierr.ReasonUnsupported {
				t.Errorf("error = %+v, want %q BadRequest/%s", e, tt.want, apierr.ReasonUnsupported)
			}
		})
	}
}

func graphAnonymize() graph.AnonymizeUserInput { return graph.AnonymizeUserInput{UserID: "x"} }
