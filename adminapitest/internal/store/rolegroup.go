package store

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// entity is the shape roles and groups share.
type entity struct {
	ID          string
	Seq         uint64
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Key         string
	Name        *string
	Description *string
}

// Role is a stored role.
type Role entity

// Group is a stored group of users; roles given to a group apply to its
// members.
type Group entity

// kind tells roles and groups apart in the code they share: where they are
// stored and how their errors read.
type kind struct {
	name      string // "role" or "group"
	items     func(d *data) map[string]entity
	notFound  *apierr.Error
	duplicate *apierr.Error
}

var (
	roleKind = kind{
		name:      "role",
		items:     func(d *data) map[string]entity { return d.roles },
		notFound:  apierr.New(apierr.NotFound, "RoleNotFound", "role not found"),
		duplicate: apierr.New(apierr.BadRequest, "RoleDuplicateKey", "duplicate role key"),
	}
	groupKind = kind{
		name:      "group",
		items:     func(d *data) map[string]entity { return d.groups },
		notFound:  apierr.New(apierr.NotFound, "GroupNotFound", "group not found"),
		duplicate: apierr.New(apierr.BadRequest, "GroupDuplicateKey", "duplicate group key"),
	}
)

// Errors of roles and groups.
var (
	ErrRoleNotFound  = roleKind.notFound
	ErrGroupNotFound = groupKind.notFound
)

// Key rules of roles and groups: 1 to 40 characters of letters, digits, _
// and :, not starting with a digit or :, and not with the reserved prefix
// "authgear:".
var keyPattern = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9:_]*$`)

const (
	keyPatternText = `^[a-zA-Z_][a-zA-Z0-9:_]*$`
	keyMaxLength   = 40
	reservedPrefix = "authgear:"
)

// ValidateKey checks a role or group key like the server's JSON schema,
// reporting every broken rule.
func ValidateKey(key string) error {
	var causes []apierr.Cause
	n := utf8.RuneCountInString(key)
	if n < 1 {
		causes = append(causes, apierr.Cause{Kind: "minLength", Details: map[string]any{"actual": n, "expected": 1}})
	}
	if n > keyMaxLength {
		causes = append(causes, apierr.Cause{Kind: "maxLength", Details: map[string]any{"actual": n, "expected": keyMaxLength}})
	}
	if !keyPattern.MatchString(key) {
		causes = append(causes, apierr.Cause{Kind: "pattern", Details: map[string]any{"actual": key, "expected": keyPatternText}})
	}
	if strings.HasPrefix(key, reservedPrefix) {
		causes = append(causes, apierr.Cause{Kind: "format", Details: map[string]any{
			"error":  fmt.Sprintf("key cannot start with the preserved prefix: `%s`", reservedPrefix),
			"format": "x_role_group_key",
		}})
	}
	if len(causes) == 0 {
		return nil
	}
	return apierr.ValidationFailed("invalid value", causes...)
}

// nonEmpty is nil for nil or "", else a copy of the pointed-to string.
func nonEmpty(p *string) *string {
	if p == nil || *p == "" {
		return nil
	}
	v := *p
	return &v
}

// NewEntity describes a role or group to create.
type NewEntity struct {
	Key         string
	Name        *string // nil or "": none
	Description *string // nil or "": none
	CreatedAt   time.Time
}

// EntityUpdate is a change to a role or group: nil keeps a field, "" clears
// the name or description.
type EntityUpdate struct {
	Key         *string
	Name        *string
	Description *string
}

func (s *Store) byKey(k kind, key string) (entity, bool) {
	for _, e := range k.items(&s.d) {
		if e.Key == key {
			return e, true
		}
	}
	return entity{}, false
}

func (s *Store) create(k kind, n NewEntity) (entity, error) {
	if err := ValidateKey(n.Key); err != nil {
		return entity{}, err
	}
	if _, ok := s.byKey(k, n.Key); ok {
		return entity{}, k.duplicate
	}
	created := s.Now()
	if !n.CreatedAt.IsZero() {
		created = n.CreatedAt.UTC().Truncate(time.Microsecond)
	}
	e := entity{ID: NewUUID(), Seq: s.nextSeq(), CreatedAt: created, UpdatedAt: created, Key: n.Key,
		Name: nonEmpty(n.Name), Description: nonEmpty(n.Description)}
	k.items(&s.d)[e.ID] = e
	return e, nil
}

func (s *Store) update(k kind, id string, u EntityUpdate) (entity, error) {
	items := k.items(&s.d)
	e, ok := items[id]
	if !ok {
		return entity{}, k.notFound
	}
	if u.Key != nil {
		if err := ValidateKey(*u.Key); err != nil {
			return entity{}, err
		}
		if other, ok := s.byKey(k, *u.Key); ok && other.ID != id {
			return entity{}, k.duplicate
		}
		e.Key = *u.Key
	}
	if u.Name != nil {
		e.Name = nonEmpty(u.Name)
	}
	if u.Description != nil {
		e.Description = nonEmpty(u.Description)
	}
	e.UpdatedAt = s.Now()
	items[id] = e
	return e, nil
}

func (s *Store) list(k kind, d data, keyword string, excluded []string) []entity {
	kw := strings.ToLower(keyword)
	var out []entity
	for _, e := range k.items(&d) {
		if slices.Contains(excluded, e.ID) {
			continue
		}
		if kw != "" && !strings.Contains(strings.ToLower(e.Key), kw) &&
			(e.Name == nil || !strings.Contains(strings.ToLower(*e.Name), kw)) {
			continue
		}
		out = append(out, e)
	}
	// Ordered by key, as the server sorts them for a stable order.
	slices.SortFunc(out, func(a, b entity) int { return cmp.Compare(a.Key, b.Key) })
	return out
}

// CreateRole validates and stores a new role with a unique key.
func (s *Store) CreateRole(n NewEntity) (Role, error) {
	e, err := s.create(roleKind, n)
	return Role(e), err
}

// UpdateRole changes a role.
func (s *Store) UpdateRole(id string, u EntityUpdate) (Role, error) {
	e, err := s.update(roleKind, id, u)
	return Role(e), err
}

// DeleteRole deletes a role with its user and group links.
func (s *Store) DeleteRole(id string) (Role, error) {
	e, ok := s.d.roles[id]
	if !ok {
		return Role{}, ErrRoleNotFound
	}
	delete(s.d.roles, id)
	deleteLinks(s.d.userRoles, func(k pair) bool { return k.B == id })
	deleteLinks(s.d.groupRoles, func(k pair) bool { return k.B == id })
	return Role(e), nil
}

// Role returns the role with the raw id.
func (s *Store) Role(id string) (Role, bool) {
	e, ok := s.d.roles[id]
	return Role(e), ok
}

// RoleByKey returns the role with the key.
func (s *Store) RoleByKey(key string) (Role, bool) {
	e, ok := s.byKey(roleKind, key)
	return Role(e), ok
}

// ListRoles returns the roles whose key or name contains keyword (ignoring
// case), except those with the excluded ids, by key.
func (s *Store) ListRoles(keyword string, excluded []string) []Role {
	es := s.list(roleKind, s.d, keyword, excluded)
	out := make([]Role, len(es))
	for i, e := range es {
		out[i] = Role(e)
	}
	return out
}

// CreateGroup validates and stores a new group with a unique key.
func (s *Store) CreateGroup(n NewEntity) (Group, error) {
	e, err := s.create(groupKind, n)
	return Group(e), err
}

// UpdateGroup changes a group.
func (s *Store) UpdateGroup(id string, u EntityUpdate) (Group, error) {
	e, err := s.update(groupKind, id, u)
	return Group(e), err
}

// DeleteGroup deletes a group with its user and role links.
func (s *Store) DeleteGroup(id string) (Group, error) {
	e, ok := s.d.groups[id]
	if !ok {
		return Group{}, ErrGroupNotFound
	}
	delete(s.d.groups, id)
	deleteLinks(s.d.userGroups, func(k pair) bool { return k.B == id })
	deleteLinks(s.d.groupRoles, func(k pair) bool { return k.A == id })
	return Group(e), nil
}

// Group returns the group with the raw id.
func (s *Store) Group(id string) (Group, bool) {
	e, ok := s.d.groups[id]
	return Group(e), ok
}

// GroupByKey returns the group with the key.
func (s *Store) GroupByKey(key string) (Group, bool) {
	e, ok := s.byKey(groupKind, key)
	return Group(e), ok
}

// ListGroups returns the groups whose key or name contains keyword
// (ignoring case), except those with the excluded ids, by key.
func (s *Store) ListGroups(keyword string, excluded []string) []Group {
	es := s.list(groupKind, s.d, keyword, excluded)
	out := make([]Group, len(es))
	for i, e := range es {
		out[i] = Group(e)
	}
	return out
}

// AllRoles returns every role, by key.
func (s *Store) AllRoles() []Role { return s.ListRoles("", nil) }

// AllGroups returns every group, by key.
func (s *Store) AllGroups() []Group { return s.ListGroups("", nil) }
