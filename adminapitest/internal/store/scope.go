package store

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// Scope is a stored scope of a resource.
type Scope struct {
	ID          string
	Seq         uint64
	CreatedAt   time.Time
	UpdatedAt   time.Time
	ResourceID  string // raw id of the resource
	Scope       string
	Description *string
}

// Errors of scopes, as the server names them.
var (
	ErrScopeNotFound = apierr.New(apierr.NotFound, "ScopeNotFound", "scope not found")
	errScopeExists   = apierr.New(apierr.BadRequest, "ScopeDuplicate", "duplicate scope")
)

// scopeToken is RFC 6749's scope-token: printable ASCII but space, " and \.
var scopeToken = regexp.MustCompile(`^[\x21\x23-\x5B\x5D-\x7E]+$`)

const scopeMaxLength = 100

// ValidateScope checks a scope like the server: an RFC 6749 scope-token of
// at most 100 characters.
func ValidateScope(scope string) error {
	fail := func(kind string, details map[string]any) error {
		return apierr.ValidationFailed("invalid value", apierr.Cause{Location: "/scope", Kind: kind, Details: details})
	}
	if n := utf8.RuneCountInString(scope); n < 1 {
		return fail("minLength", map[string]any{"actual": n, "expected": 1})
	} else if n > scopeMaxLength {
		return fail("maxLength", map[string]any{"actual": n, "expected": scopeMaxLength})
	}
	if !scopeToken.MatchString(scope) {
		return fail("format", map[string]any{"error": "invalid scope-token: forbidden character", "format": "x_scope_token"})
	}
	return nil
}

// CreateScope validates and adds a scope to the resource with the URI.
func (s *Store) CreateScope(uri, scope string, description *string, createdAt time.Time) (Scope, error) {
	r, ok := s.ResourceByURI(uri)
	if !ok {
		return Scope{}, ErrResourceNotFound
	}
	if err := ValidateScope(scope); err != nil {
		return Scope{}, err
	}
	if _, ok := s.scopeOf(r.ID, scope); ok {
		return Scope{}, errScopeExists
	}
	if createdAt.IsZero() {
		createdAt = s.Now()
	}
	createdAt = createdAt.UTC().Truncate(time.Microsecond)
	sc := Scope{ID: NewUUID(), Seq: s.nextSeq(), CreatedAt: createdAt, UpdatedAt: createdAt, ResourceID: r.ID, Scope: scope, Description: nonEmpty(description)}
	s.d.scopes[sc.ID] = sc
	return sc, nil
}

// UpdateScope changes a scope's description: nil keeps it, "" removes it.
func (s *Store) UpdateScope(uri, scope string, description *string) (Scope, error) {
	sc, err := s.findScope(uri, scope)
	if err != nil {
		return Scope{}, err
	}
	if description != nil {
		sc.Description = nonEmpty(description)
	}
	sc.UpdatedAt = s.Now()
	s.d.scopes[sc.ID] = sc
	return sc, nil
}

// DeleteScope deletes a scope with its client grants.
func (s *Store) DeleteScope(uri, scope string) error {
	sc, err := s.findScope(uri, scope)
	if err != nil {
		return err
	}
	deleteLinks(s.d.clientScopes, func(k pair) bool { return k.B == sc.ID })
	delete(s.d.scopes, sc.ID)
	return nil
}

func (s *Store) findScope(uri, scope string) (Scope, error) {
	r, ok := s.ResourceByURI(uri)
	if !ok {
		return Scope{}, ErrResourceNotFound
	}
	sc, ok := s.scopeOf(r.ID, scope)
	if !ok {
		return Scope{}, ErrScopeNotFound
	}
	return sc, nil
}

func (s *Store) scopeOf(resourceID, scope string) (Scope, bool) {
	for _, sc := range s.d.scopes {
		if sc.ResourceID == resourceID && sc.Scope == scope {
			return sc, true
		}
	}
	return Scope{}, false
}

// Scope returns the scope with the raw id.
func (s *Store) Scope(id string) (Scope, bool) {
	sc, ok := s.d.scopes[id]
	return sc, ok
}

// ListScopes returns a resource's scopes whose scope or description
// contains keyword (ignoring case) and, if clientID is not empty, that are
// granted to the client; by scope.
func (s *Store) ListScopes(resourceID, keyword, clientID string) []Scope {
	kw := strings.ToLower(keyword)
	var out []Scope
	for _, sc := range s.d.scopes {
		if sc.ResourceID != resourceID {
			continue
		}
		if kw != "" && !strings.Contains(strings.ToLower(sc.Scope), kw) &&
			(sc.Description == nil || !strings.Contains(strings.ToLower(*sc.Description), kw)) {
			continue
		}
		if _, ok := s.d.clientScopes[pair{clientID, sc.ID}]; clientID != "" && !ok {
			continue
		}
		out = append(out, sc)
	}
	slices.SortFunc(out, func(a, b Scope) int { return cmp.Compare(a.Scope, b.Scope) })
	return out
}

// ClientScopeChange is how [Store.ChangeClientScopes] changes the scopes a
// client is granted.
type ClientScopeChange int

// Ways to change a client's scopes.
const (
	AddScopes ClientScopeChange = iota
	RemoveScopes
	ReplaceScopes
)

// ChangeClientScopes adds, removes or replaces the scopes of the resource
// with the URI that a client is granted, and returns the scopes granted
// afterwards. The client must be allowed to access the resource, and every
// scope named must exist.
func (s *Store) ChangeClientScopes(change ClientScopeChange, uri, clientID string, scopes []string) ([]Scope, error) {
	if err := checkClient(clientID); err != nil {
		return nil, err
	}
	r, ok := s.ResourceByURI(uri)
	if !ok {
		return nil, ErrResourceNotFound
	}
	if _, ok := s.d.clientResources[pair{clientID, r.ID}]; !ok {
		return nil, errResourceNotAssociated
	}
	named := make([]Scope, 0, len(scopes))
	for _, name := range scopes {
		sc, ok := s.scopeOf(r.ID, name)
		if !ok {
			return nil, ErrScopeNotFound
		}
		named = append(named, sc)
	}
	if change == ReplaceScopes {
		deleteLinks(s.d.clientScopes, func(k pair) bool {
			return k.A == clientID && s.d.scopes[k.B].ResourceID == r.ID &&
				!slices.ContainsFunc(named, func(sc Scope) bool { return sc.ID == k.B })
		})
	}
	for _, sc := range named {
		if change == RemoveScopes {
			delete(s.d.clientScopes, pair{clientID, sc.ID})
		} else {
			s.addLink(s.d.clientScopes, clientID, sc.ID)
		}
	}
	return s.ListScopes(r.ID, "", clientID), nil
}

// ClientsOfScope returns the ids of the clients granted a scope, sorted.
func (s *Store) ClientsOfScope(scopeID string) []string {
	var out []string
	for k := range s.d.clientScopes {
		if k.B == scopeID {
			out = append(out, k.A)
		}
	}
	slices.Sort(out)
	return out
}
