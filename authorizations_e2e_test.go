package adminapi_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

func TestE2EAuthorizations(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	alice := seedUser(t, srv, "alice@example.com")
	for _, client := range []string{"app-a", "app-b"} {
		if _, err := srv.SeedAuthorization(adminapitest.SeedAuthorization{UserID: alice.ID, ClientID: client, Scopes: []string{"openid"}}); err != nil {
			t.Fatal(err)
		}
	}
	authz := collectE2E(t, c.ListAuthorizations(ctx, alice.ID, nil))
	if diff := cmp.Diff([]string{"app-a", "app-b"}, keysOf(authz, authorizationClient)); diff != "" {
		t.Errorf("ListAuthorizations mismatch (-want +got):\n%s", diff)
	}
	got := must[*adminapi.Authorization](t)(c.GetAuthorization(ctx, authz[0].ID))
	if diff := cmp.Diff(authz[0], got); diff != "" || !slices.Equal(got.Scopes, []string{"openid"}) {
		t.Errorf("GetAuthorization mismatch (-want +got):\n%s", diff)
	}
	mustOK(t, c.DeleteAuthorization(ctx, authz[0].ID))
	if left := srv.Authorizations(alice.ID); len(left) != 1 || left[0].ClientID != "app-b" {
		t.Errorf("authorizations after delete = %+v", left)
	}
}
