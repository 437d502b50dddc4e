package store

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

func TestValidateResourceURI(t *testing.T) {
	t.Parallel()
	tests := []struct {
		uri  string
		kind string // "" when valid
	}{
		{"https://api.example.com", ""},
		{"https://api.example.com/v1/orders", ""},
		{"", "minLength"},
		{"https://example.com/" + strings.Repeat("a", 100), "maxLength"},
		{"http://api.example.com", "format"},
		{"api.example.com", "format"},
		{"urn:example:api", "format"},
		{"https://user@api.example.com", "format"},
		{"https://api.example.com?x=1", "format"},
		{"https://api.example.com#top", "format"},
		{"https:///path", "format"},
	}
	for _, tt := range tests {
		err := ValidateResourceURI(tt.uri)
		if tt.kind == "" {
			if err != nil {
				t.Errorf("ValidateResourceURI(%q) = %v, want nil", tt.uri, err)
			}
			continue
		}
		e, ok := apierr.As(err)
		if !ok || e.Reason != "ValidationFailed" {
			t.Errorf("ValidateResourceURI(%q) = %v, want ValidationFailed", tt.uri, err)
			continue
		}
		if c := e.Info["causes"].([]apierr.Cause); len(c) != 1 || c[0].Kind != tt.kind || c[0].Location != "/resourceURI" {
			t.Errorf("ValidateResourceURI(%q) causes = %+v, want one %s at /resourceURI", tt.uri, c, tt.kind)
		}
	}
}

func TestResourcesAndScopes(t *testing.T) {
	t.Parallel()
	s := newTestStore()
	const uri = "https://api.example.com"
	if _, err := s.CreateResource(uri, ptrTo("API"), time.Time{}); err != nil {
		t.Fatal(err)
	}
	_, err := s.CreateResource(uri, nil, time.Time{})
	wantReason(t, err, "ResourceDuplicateURI")
	if _, err := s.CreateResource("https://other.example.com", nil, testNow.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	for _, sc := range []string{"write", "read", "admin"} {
		if _, err := s.CreateScope(uri, sc, nil, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	_, err = s.CreateScope(uri, "read", nil, time.Time{})
	wantReason(t, err, "ScopeDuplicate")
	_, err = s.CreateScope(uri, "bad scope", nil, time.Time{})
	wantReason(t, err, "ValidationFailed")
	_, err = s.CreateScope("https://missing.example.com", "x", nil, time.Time{})
	wantReason(t, err, "ResourceNotFound")

	// Granting scopes needs the resource granted first.
	_, err = s.ChangeClientScopes(AddScopes, uri, "web", []string{"read"})
	wantReason(t, err, "ResourceNotAssociatedWithClient")
	r, err := s.AddResourceToClient(uri, "web")
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.ChangeClientScopes(AddScopes, uri, "web", []string{"read", "nope"})
	wantReason(t, err, "ScopeNotFound")
	names := func(ss []Scope) []string {
		var out []string
		for _, sc := range ss {
			out = append(out, sc.Scope)
		}
		return out
	}
	for _, step := range []struct {
		change ClientScopeChange
		scopes []string
		want   []string
	}{
		{AddScopes, []string{"write", "read"}, []string{"read", "write"}},
		{RemoveScopes, []string{"write"}, []string{"read"}},
		{ReplaceScopes, []string{"admin", "write"}, []string{"admin", "write"}},
	} {
		got, err := s.ChangeClientScopes(step.change, uri, "web", step.scopes)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(step.want, names(got)); diff != "" {
			t.Errorf("scopes after change %d of %v (-want +got):\n%s", step.change, step.scopes, diff)
		}
	}
	if diff := cmp.Diff([]string{"admin", "write"}, names(s.ListScopes(r.ID, "", "web"))); diff != "" {
		t.Errorf("scopes of web (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"write"}, names(s.ListScopes(r.ID, "RIT", ""))); diff != "" {
		t.Errorf("scopes matching RIT (-want +got):\n%s", diff)
	}

	// The resources list is newest first and filters by client.
	var uris []string
	for _, x := range s.ListResources("", "") {
		uris = append(uris, x.URI)
	}
	if diff := cmp.Diff([]string{"https://other.example.com", uri}, uris); diff != "" {
		t.Errorf("resources (-want +got):\n%s", diff)
	}
	if got := s.ListResources("", "web"); len(got) != 1 || got[0].URI != uri {
		t.Errorf("resources of web = %v", got)
	}

	// Removing the resource from the client drops its scope grants too.
	if _, err := s.RemoveResourceFromClient(uri, "web"); err != nil {
		t.Fatal(err)
	}
	if got := s.ListScopes(r.ID, "", "web"); len(got) != 0 {
		t.Errorf("scopes of web after removal = %v", names(got))
	}
	if _, err := s.DeleteResource(uri); err != nil {
		t.Fatal(err)
	}
	if got := s.ListScopes(r.ID, "", ""); len(got) != 0 {
		t.Errorf("scopes left by a deleted resource: %v", names(got))
	}
}
