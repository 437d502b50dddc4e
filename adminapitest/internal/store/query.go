package store

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// ListOptions filter and order the user list.
type ListOptions struct {
	// SearchKeyword, when set, keeps users whose raw id equals it or whose
	// login IDs, email, phone number, username or name contain it, ignoring
	// case.
	SearchKeyword string
	// ByLastLogin sorts by last login time (users that never logged in last)
	// instead of creation time.
	ByLastLogin bool
	Ascending   bool
	// RoleKeys keeps users holding one of the roles, directly or through a
	// group; GroupKeys keeps members of one of the groups. Both apply when
	// both are given.
	RoleKeys  []string
	GroupKeys []string
}

// ListUsers returns the ids of the users matching o, in order. It reads the
// search index, which lags behind writes when the store was made with lag.
func (s *Store) ListUsers(o ListOptions) []string {
	d := s.searchable()
	kw := strings.ToLower(o.SearchKeyword)
	users := make([]User, 0, len(d.users))
	for _, u := range d.users {
		if (kw == "" || matches(d, u, kw)) && inRoles(d, u.ID, o.RoleKeys) && inGroups(d, u.ID, o.GroupKeys) {
			users = append(users, u)
		}
	}
	slices.SortFunc(users, func(a, b User) int {
		c := 0
		if o.ByLastLogin {
			c = compareLastLogin(a.LastLoginAt, b.LastLoginAt, o.Ascending)
		} else {
			c = a.CreatedAt.Compare(b.CreatedAt)
			if !o.Ascending {
				c = -c
			}
		}
		if c != 0 {
			return c
		}
		if o.Ascending {
			return cmp.Compare(a.Seq, b.Seq)
		}
		return cmp.Compare(b.Seq, a.Seq)
	})
	ids := make([]string, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	return ids
}

// compareLastLogin orders by time in the given direction, nulls last either
// way (the server sorts "NULLS LAST").
func compareLastLogin(a, b *time.Time, asc bool) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	case asc:
		return a.Compare(*b)
	default:
		return b.Compare(*a)
	}
}

func matches(d data, u User, kw string) bool {
	if strings.ToLower(u.ID) == kw {
		return true
	}
	for _, k := range []string{"email", "phone_number", "preferred_username", "name", "given_name", "family_name", "nickname"} {
		if v, ok := u.StandardAttributes[k].(string); ok && strings.Contains(strings.ToLower(v), kw) {
			return true
		}
	}
	for _, i := range identitiesOf(d, u.ID) {
		if strings.Contains(strings.ToLower(i.LoginID.Value), kw) {
			return true
		}
	}
	return false
}

func inRoles(d data, userID string, keys []string) bool {
	if len(keys) == 0 {
		return true
	}
	for _, r := range effectiveRoles(d, userID) {
		if slices.Contains(keys, r.Key) {
			return true
		}
	}
	return false
}

func inGroups(d data, userID string, keys []string) bool {
	if len(keys) == 0 {
		return true
	}
	for _, g := range groupsByID(d, linked(d.userGroups, userID, true)) {
		if slices.Contains(keys, g.Key) {
			return true
		}
	}
	return false
}

// errGetUsers is the server's error for bad arguments of the get-user
// queries.
func errGetUsers(message string) *apierr.Error {
	return apierr.New(apierr.Invalid, "GetUsersInvalidArgument", message)
}

// UserByLoginID returns the id of the user owning the login ID, or "" if
// nobody does.
func (s *Store) UserByLoginID(key, value string) (string, error) {
	l, err := ParseLoginID(key, value)
	if err != nil {
		return "", errGetUsers("invalid Login ID key")
	}
	for _, i := range s.d.identities {
		if i.Type == IdentityLoginID && i.LoginID.Key == l.Key && i.LoginID.Value == l.Value {
			return i.UserID, nil
		}
	}
	return "", nil
}

// UsersByStandardAttribute returns the ids of the users with an identity
// whose claim name has the value, oldest user first. Like the server, it
// looks at identities, not at the stored standard attributes.
func (s *Store) UsersByStandardAttribute(name, value string) ([]string, error) {
	key, ok := map[string]string{"email": "email", "phone_number": "phone", "preferred_username": "username"}[name]
	if !ok {
		return nil, errGetUsers("attributeName must be email, phone_number or preferred_username")
	}
	l, err := ParseLoginID(key, value)
	if err != nil {
		return nil, errGetUsers("invalid attributeValue")
	}
	var users []User
	seen := map[string]bool{}
	for _, i := range s.d.identities {
		oauthEmail := i.Type == IdentityOAuth && name == "email" && i.OAuth.Email == l.Value
		if (oauthEmail || i.Type == IdentityLoginID && i.LoginID.Type == l.Type && i.LoginID.Value == l.Value) && !seen[i.UserID] {
			seen[i.UserID] = true
			if u, ok := s.d.users[i.UserID]; ok {
				users = append(users, u)
			}
		}
	}
	slices.SortFunc(users, func(a, b User) int { return cmp.Compare(a.Seq, b.Seq) })
	ids := make([]string, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	return ids, nil
}

// Users returns every user, by creation time (then insertion order).
func (s *Store) Users() []User {
	users := make([]User, 0, len(s.d.users))
	for _, u := range s.d.users {
		users = append(users, u)
	}
	slices.SortFunc(users, func(a, b User) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return cmp.Compare(a.Seq, b.Seq)
	})
	return users
}
