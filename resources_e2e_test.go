package adminapi_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

const apiURI = "https://api.example.com"

// resourceState returns the emulator's state of the resource with uri, or
// nil.
func resourceState(srv *adminapitest.Server, uri string) *adminapitest.ResourceState {
	for _, r := range srv.Resources() {
		if r.URI == uri {
			return &r
		}
	}
	return nil
}

func TestE2EResources(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	res := must[*adminapi.Resource](t)(c.CreateResource(ctx, adminapi.NewResource{URI: apiURI, Name: adminapi.Ptr("Orders API")}))
	if res.URI != apiURI || res.Name != "Orders API" || len(res.ClientIDs) != 0 {
		t.Errorf("created = %+v", res)
	}
	if st := resourceState(srv, apiURI); st == nil || st.NodeID != res.ID {
		t.Fatalf("server state = %+v", st)
	}
	got := must[*adminapi.Resource](t)(c.GetResource(ctx, res.ID))
	if diff := cmp.Diff(res, got); diff != "" {
		t.Errorf("GetResource mismatch (-want +got):\n%s", diff)
	}
	if r := must[*adminapi.Resource](t)(c.GetResourceByURI(ctx, apiURI)); r.ID != res.ID {
		t.Errorf("GetResourceByURI = %+v", r)
	}

	// nil keeps the name; "" clears it.
	if r := must[*adminapi.Resource](t)(c.UpdateResource(ctx, apiURI, nil)); r.Name != "Orders API" {
		t.Errorf("UpdateResource(nil) name = %q", r.Name)
	}
	if r := must[*adminapi.Resource](t)(c.UpdateResource(ctx, apiURI, adminapi.Ptr(""))); r.Name != "" || resourceState(srv, apiURI).Name != "" {
		t.Errorf("UpdateResource(\"\") name = %q", r.Name)
	}

	// Client links.
	r := must[*adminapi.Resource](t)(c.AddResourceToClientID(ctx, apiURI, "web"))
	if !slices.Equal(r.ClientIDs, []string{"web"}) {
		t.Errorf("client ids after add = %v", r.ClientIDs)
	}
	if _, err := srv.SeedResource(adminapitest.SeedResource{URI: "https://other.example.com"}); err != nil {
		t.Fatal(err)
	}
	forWeb := keysOf(collectE2E(t, c.ListResources(ctx, &adminapi.ListResourcesOptions{ClientID: "web"})), func(r *adminapi.Resource) string { return r.URI })
	all := collectE2E(t, c.ListResources(ctx, &adminapi.ListResourcesOptions{PageSize: 1}))
	if !slices.Equal(forWeb, []string{apiURI}) || len(all) != 2 {
		t.Errorf("resources for web %v, all %d", forWeb, len(all))
	}
	r = must[*adminapi.Resource](t)(c.RemoveResourceFromClientID(ctx, apiURI, "web"))
	if len(r.ClientIDs) != 0 || len(resourceState(srv, apiURI).ClientIDs) != 0 {
		t.Errorf("client ids after remove = %v", r.ClientIDs)
	}

	mustOK(t, c.DeleteResource(ctx, apiURI))
	if resourceState(srv, apiURI) != nil {
		t.Error("resource kept after DeleteResource")
	}
	if _, err := c.GetResource(ctx, res.ID); !errors.Is(err, adminapi.ErrNotFound) {
		t.Errorf("GetResource after delete: %v; want ErrNotFound", err)
	}
}

func TestE2EScopes(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	st, err := srv.SeedResource(adminapitest.SeedResource{URI: apiURI, ClientIDs: []string{"web"}})
	if err != nil {
		t.Fatal(err)
	}
	read := must[*adminapi.Scope](t)(c.CreateScope(ctx, apiURI, adminapi.NewScope{Scope: "read", Description: adminapi.Ptr("Read orders")}))
	if read.Scope != "read" || read.Description != "Read orders" || read.ResourceID != st.NodeID {
		t.Errorf("created scope = %+v", read)
	}
	must[*adminapi.Scope](t)(c.CreateScope(ctx, apiURI, adminapi.NewScope{Scope: "write"}))
	if got := must[*adminapi.Scope](t)(c.GetScope(ctx, read.ID)); got.Scope != "read" {
		t.Errorf("GetScope = %+v", got)
	}
	if s := must[*adminapi.Scope](t)(c.UpdateScope(ctx, apiURI, "read", adminapi.Ptr(""))); s.Description != "" {
		t.Errorf("description after clearing = %q", s.Description)
	}

	names := func(opts *adminapi.ListScopesOptions) []string {
		out := keysOf(collectE2E(t, c.ListScopes(ctx, st.NodeID, opts)), scopeName)
		slices.Sort(out)
		return out
	}
	if diff := cmp.Diff([]string{"read", "write"}, names(&adminapi.ListScopesOptions{PageSize: 1})); diff != "" {
		t.Errorf("ListScopes mismatch (-want +got):\n%s", diff)
	}

	granted := must[[]*adminapi.Scope](t)(c.AddScopesToClientID(ctx, apiURI, "web", []string{"read", "write"}))
	if len(granted) != 2 {
		t.Errorf("AddScopesToClientID returned %v", keysOf(granted, scopeName))
	}
	if diff := cmp.Diff([]string{"read", "write"}, names(&adminapi.ListScopesOptions{ClientID: "web"})); diff != "" {
		t.Errorf("web's scopes mismatch (-want +got):\n%s", diff)
	}
	must[[]*adminapi.Scope](t)(c.RemoveScopesFromClientID(ctx, apiURI, "web", []string{"write"}))
	if diff := cmp.Diff([]string{"read"}, names(&adminapi.ListScopesOptions{ClientID: "web"})); diff != "" {
		t.Errorf("web's scopes after removal mismatch (-want +got):\n%s", diff)
	}
	must[[]*adminapi.Scope](t)(c.ReplaceScopesOfClientID(ctx, apiURI, "web", []string{"write"}))
	if diff := cmp.Diff([]string{"write"}, names(&adminapi.ListScopesOptions{ClientID: "web"})); diff != "" {
		t.Errorf("web's scopes after replace mismatch (-want +got):\n%s", diff)
	}
	must[[]*adminapi.Scope](t)(c.ReplaceScopesOfClientID(ctx, apiURI, "web", nil))
	if got := names(&adminapi.ListScopesOptions{ClientID: "web"}); len(got) != 0 {
		t.Errorf("web's scopes after replacing with none: %v", got)
	}

	mustOK(t, c.DeleteScope(ctx, apiURI, "write"))
	if diff := cmp.Diff([]string{"read"}, names(nil)); diff != "" {
		t.Errorf("scopes after delete mismatch (-want +got):\n%s", diff)
	}
}

// ExampleClient_CreateResource declares an API with a scope and lets a
// client use it.
func ExampleClient_CreateResource() {
	srv := startEmulator()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	if _, err := client.CreateResource(ctx, adminapi.NewResource{URI: "https://api.example.com", Name: adminapi.Ptr("Orders")}); err != nil {
		fmt.Println(err)
		return
	}
	if _, err := client.CreateScope(ctx, "https://api.example.com", adminapi.NewScope{Scope: "orders:read"}); err != nil {
		fmt.Println(err)
		return
	}
	if _, err := client.AddResourceToClientID(ctx, "https://api.example.com", "web-app"); err != nil {
		fmt.Println(err)
		return
	}
	scopes, err := client.AddScopesToClientID(ctx, "https://api.example.com", "web-app", []string{"orders:read"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for r, err := range client.ListResources(ctx, &adminapi.ListResourcesOptions{ClientID: "web-app"}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(r.URI, r.Name, r.ClientIDs, len(scopes))
	}
	// Output:
	// https://api.example.com Orders [web-app] 1
}
