package auth_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/authgear-admin/adminapi/auth"
	"github.com/golang-jwt/jwt/v5"
	"github.com/google/go-cmp/cmp"
)

func TestClaimsMarshalJSON(t *testing.T) {
	t.Parallel()
	at := time.Unix(1700000000, 0)
	tests := []struct {
		name   string
		claims auth.Claims
		want   string
	}{
		{
			name:   "single audience is an array",
			claims: auth.Claims{RegisteredClaims: jwt.RegisteredClaims{Audience: jwt.ClaimStrings{"myapp"}}},
			want:   `{"aud":["myapp"]}`,
		},
		{
			name:   "several audiences",
			claims: auth.Claims{RegisteredClaims: jwt.RegisteredClaims{Audience: jwt.ClaimStrings{"a", "b"}}},
			want:   `{"aud":["a","b"]}`,
		},
		{
			name:   "empty",
			claims: auth.Claims{},
			want:   `{}`,
		},
		{
			name: "all fields",
			claims: auth.Claims{
				RegisteredClaims: jwt.RegisteredClaims{
					Issuer: "iss", Subject: "sub", ID: "jti",
					Audience:  jwt.ClaimStrings{"myapp"},
					IssuedAt:  jwt.NewNumericDate(at),
					NotBefore: jwt.NewNumericDate(at),
					ExpiresAt: jwt.NewNumericDate(at.Add(time.Minute)),
				},
				AuditContext: map[string]any{"ticket": "T-1"},
			},
			want: `{"iss":"iss","sub":"sub","exp":1700000060,"nbf":1700000000,"iat":1700000000,"jti":"jti","audit_context":{"ticket":"T-1"},"aud":["myapp"]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, v := range []any{tt.claims, &tt.claims} {
				got, err := json.Marshal(v)
				if err != nil {
					t.Fatalf("Marshal(%T): %v", v, err)
				}
				if diff := cmp.Diff(tt.want, string(got)); diff != "" {
					t.Errorf("Marshal(%T) (-want +got):\n%s", v, diff)
				}
				var back auth.Claims
				if err := json.Unmarshal(got, &back); err != nil {
					t.Fatalf("Unmarshal: %v", err)
				}
				if diff := cmp.Diff(tt.claims, back); diff != "" {
					t.Errorf("round trip (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// TestClaimsAudienceIgnoresGlobal flips golang-jwt's global switch, which
// another package in the same program might do. It is not parallel: no
// other test of this package runs while it holds the global.
func TestClaimsAudienceIgnoresGlobal(t *testing.T) {
	old := jwt.MarshalSingleStringAsArray
	jwt.MarshalSingleStringAsArray = false
	t.Cleanup(func() { jwt.MarshalSingleStringAsArray = old })

	// Without the guard, ClaimStrings now marshals as a bare string.
	if got, _ := json.Marshal(jwt.ClaimStrings{"myapp"}); string(got) != `"myapp"` {
		t.Fatalf("precondition: ClaimStrings marshals as %s, want a bare string", got)
	}
	got, err := json.Marshal(auth.Claims{RegisteredClaims: jwt.RegisteredClaims{Audience: jwt.ClaimStrings{"myapp"}}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`{"aud":["myapp"]}`, string(got)); diff != "" {
		t.Errorf("Marshal (-want +got):\n%s", diff)
	}
}

func TestAuditContextInContext(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	if ac, ok := auth.AuditContextFrom(ctx); ok || ac != nil {
		t.Errorf("AuditContextFrom(plain ctx) = %v, %v; want nil, false", ac, ok)
	}

	in := map[string]any{"operator": "alice"}
	ctx = auth.ContextWithAuditContext(ctx, in)
	in["operator"] = "mallory" // The context holds a copy.
	ac, ok := auth.AuditContextFrom(ctx)
	if !ok {
		t.Fatal("AuditContextFrom = _, false; want true")
	}
	if diff := cmp.Diff(map[string]any{"operator": "alice"}, ac); diff != "" {
		t.Errorf("AuditContextFrom (-want +got):\n%s", diff)
	}

	for _, empty := range []map[string]any{nil, {}} {
		inner := auth.ContextWithAuditContext(ctx, empty)
		if ac, ok := auth.AuditContextFrom(inner); ok || ac != nil {
			t.Errorf("after ContextWithAuditContext(ctx, %#v): AuditContextFrom = %v, %v; want nil, false", empty, ac, ok)
		}
	}
}
