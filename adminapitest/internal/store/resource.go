package store

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// Resource is a stored API resource, named by its URI.
type Resource struct {
	ID        string
	Seq       uint64
	CreatedAt time.Time
	UpdatedAt time.Time
	URI       string
	Name      *string
}

// Errors of resources and scopes, as the server names them.
var (
	ErrResourceNotFound      = apierr.New(apierr.NotFound, "ResourceNotFound", "resource not found")
	errResourceDuplicateURI  = apierr.New(apierr.BadRequest, "ResourceDuplicateURI", "duplicate resource uri")
	errResourceNotAssociated = apierr.New(apierr.BadRequest, "ResourceNotAssociatedWithClient", "resource is not associated with client")
	errClientNotFound        = apierr.New(apierr.NotFound, "ClientNotFound", "client not found")
)

const resourceURIMaxLength = 100

// ValidateResourceURI checks a resource URI like the server: at most 100
// characters, an absolute https URI with a host and without user info,
// query or fragment.
func ValidateResourceURI(uri string) error {
	fail := func(kind string, details map[string]any) error {
		return apierr.ValidationFailed("invalid value", apierr.Cause{Location: "/resourceURI", Kind: kind, Details: details})
	}
	if n := utf8.RuneCountInString(uri); n < 1 {
		return fail("minLength", map[string]any{"actual": n, "expected": 1})
	} else if n > resourceURIMaxLength {
		return fail("maxLength", map[string]any{"actual": n, "expected": resourceURIMaxLength})
	}
	format := func(msg string) error {
		return fail("format", map[string]any{"error": msg, "format": "x_resource_uri"})
	}
	u, err := url.Parse(uri)
	switch {
	case err != nil:
		return format("invalid URI")
	case u.Opaque != "":
		return format("resource URI must start with https://")
	case u.User != nil:
		return format("resource URI must not have user info")
	case u.Host == "":
		return format("resource URI must have non-empty host")
	case u.Scheme != "https":
		return format("invalid scheme: " + u.Scheme)
	case u.RawQuery != "" || u.ForceQuery:
		return format("resource URI must not have query")
	case u.Fragment != "" || u.RawFragment != "" || strings.Contains(uri, "#"):
		return format("resource URI must not have fragment")
	}
	return nil
}

// checkClient refuses an empty client id. The emulator has no OAuth client
// configuration, so it takes any other client id as configured.
func checkClient(clientID string) error {
	if clientID == "" {
		return errClientNotFound
	}
	return nil
}

// CreateResource validates and stores a resource with a unique URI; an
// empty name is no name.
func (s *Store) CreateResource(uri string, name *string, createdAt time.Time) (Resource, error) {
	if err := ValidateResourceURI(uri); err != nil {
		return Resource{}, err
	}
	if _, ok := s.ResourceByURI(uri); ok {
		return Resource{}, errResourceDuplicateURI
	}
	if createdAt.IsZero() {
		createdAt = s.Now()
	}
	createdAt = createdAt.UTC().Truncate(time.Microsecond)
	r := Resource{ID: NewUUID(), Seq: s.nextSeq(), CreatedAt: createdAt, UpdatedAt: createdAt, URI: uri, Name: nonEmpty(name)}
	s.d.resources[r.ID] = r
	return r, nil
}

// UpdateResource changes a resource's name: nil keeps it, "" removes it.
func (s *Store) UpdateResource(uri string, name *string) (Resource, error) {
	r, ok := s.ResourceByURI(uri)
	if !ok {
		return Resource{}, ErrResourceNotFound
	}
	if name != nil {
		r.Name = nonEmpty(name)
	}
	r.UpdatedAt = s.Now()
	s.d.resources[r.ID] = r
	return r, nil
}

// DeleteResource deletes a resource with its scopes and client grants.
func (s *Store) DeleteResource(uri string) (Resource, error) {
	r, ok := s.ResourceByURI(uri)
	if !ok {
		return Resource{}, ErrResourceNotFound
	}
	for id, sc := range s.d.scopes {
		if sc.ResourceID == r.ID {
			deleteLinks(s.d.clientScopes, func(k pair) bool { return k.B == id })
			delete(s.d.scopes, id)
		}
	}
	deleteLinks(s.d.clientResources, func(k pair) bool { return k.B == r.ID })
	delete(s.d.resources, r.ID)
	return r, nil
}

// Resource returns the resource with the raw id.
func (s *Store) Resource(id string) (Resource, bool) {
	r, ok := s.d.resources[id]
	return r, ok
}

// ResourceByURI returns the resource with the URI.
func (s *Store) ResourceByURI(uri string) (Resource, bool) {
	for _, r := range s.d.resources {
		if r.URI == uri {
			return r, true
		}
	}
	return Resource{}, false
}

// ListResources returns the resources whose URI or name contains keyword
// (ignoring case) and, if clientID is not empty, that the client may
// access; newest first.
func (s *Store) ListResources(keyword, clientID string) []Resource {
	kw := strings.ToLower(keyword)
	var out []Resource
	for _, r := range s.d.resources {
		if kw != "" && !strings.Contains(strings.ToLower(r.URI), kw) &&
			(r.Name == nil || !strings.Contains(strings.ToLower(*r.Name), kw)) {
			continue
		}
		if _, ok := s.d.clientResources[pair{clientID, r.ID}]; clientID != "" && !ok {
			continue
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b Resource) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return cmp.Compare(b.Seq, a.Seq)
	})
	return out
}

// ClientsOfResource returns the ids of the clients that may access a
// resource, sorted.
func (s *Store) ClientsOfResource(resourceID string) []string {
	out := []string{}
	for k := range s.d.clientResources {
		if k.B == resourceID {
			out = append(out, k.A)
		}
	}
	slices.Sort(out)
	return out
}

// AddResourceToClient lets a client access a resource.
func (s *Store) AddResourceToClient(uri, clientID string) (Resource, error) {
	if err := checkClient(clientID); err != nil {
		return Resource{}, err
	}
	r, ok := s.ResourceByURI(uri)
	if !ok {
		return Resource{}, ErrResourceNotFound
	}
	s.addLink(s.d.clientResources, clientID, r.ID)
	return r, nil
}

// RemoveResourceFromClient withdraws a client's access to a resource and
// to its scopes.
func (s *Store) RemoveResourceFromClient(uri, clientID string) (Resource, error) {
	if err := checkClient(clientID); err != nil {
		return Resource{}, err
	}
	r, ok := s.ResourceByURI(uri)
	if !ok {
		return Resource{}, ErrResourceNotFound
	}
	deleteLinks(s.d.clientScopes, func(k pair) bool { return k.A == clientID && s.d.scopes[k.B].ResourceID == r.ID })
	delete(s.d.clientResources, pair{clientID, r.ID})
	return r, nil
}
