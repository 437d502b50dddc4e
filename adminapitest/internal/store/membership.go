package store

import (
	"cmp"
	"maps"
	"slices"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// Errors for keys and ids of a membership change that name nothing. Like
// the server, a change that names some unknown ones still fails whole.
func unknownKeys(reason, message string, keys []string) *apierr.Error {
	return apierr.WithInfo(apierr.NotFound, reason, message, map[string]any{"keys": keys})
}

func unknownUserIDs(ids []string) *apierr.Error {
	return apierr.WithInfo(apierr.NotFound, "UserUnknownKeys", "unknown user ids", map[string]any{"ids": ids})
}

func deleteLinks(m map[pair]link, match func(pair) bool) {
	maps.DeleteFunc(m, func(k pair, _ link) bool { return match(k) })
}

// addLink links a and b unless they are linked already.
func (s *Store) addLink(m map[pair]link, a, b string) {
	k := pair{a, b}
	if _, ok := m[k]; !ok {
		m[k] = link{Seq: s.nextSeq(), CreatedAt: s.Now()}
	}
}

// linked returns the far ends of the links whose near end is id (A when
// fromA, else B), in the order the links were made.
func linked(m map[pair]link, id string, fromA bool) []string {
	type end struct {
		id  string
		seq uint64
	}
	var ends []end
	for k, l := range m {
		switch {
		case fromA && k.A == id:
			ends = append(ends, end{k.B, l.Seq})
		case !fromA && k.B == id:
			ends = append(ends, end{k.A, l.Seq})
		}
	}
	slices.SortFunc(ends, func(a, b end) int { return cmp.Compare(a.seq, b.seq) })
	out := make([]string, len(ends))
	for i, e := range ends {
		out[i] = e.id
	}
	return out
}

// missing returns the wanted values not in found, in order.
func missing(wanted []string, found func(string) bool) []string {
	out := []string{}
	for _, w := range wanted {
		if !found(w) {
			out = append(out, w)
		}
	}
	return out
}

// linkUsers links (or, with remove, unlinks) users to the entity id in m,
// where users are the A end. Unknown users fail the change.
func (s *Store) linkUsers(m map[pair]link, id string, userIDs []string, remove bool) error {
	for _, u := range userIDs {
		if _, ok := s.d.users[u]; !ok {
			continue
		}
		if remove {
			delete(m, pair{u, id})
		} else {
			s.addLink(m, u, id)
		}
	}
	if gone := missing(userIDs, func(u string) bool { _, ok := s.d.users[u]; return ok }); len(gone) > 0 {
		return unknownUserIDs(gone)
	}
	return nil
}

// linkKeys links (or unlinks) the entities of k with the keys to the near
// end id; near is the A end when nearIsA.
func (s *Store) linkKeys(m map[pair]link, id string, nearIsA bool, k kind, keys []string, remove bool, unknown func([]string) error) error {
	for _, key := range keys {
		e, ok := s.byKey(k, key)
		if !ok {
			continue
		}
		p := pair{e.ID, id}
		if nearIsA {
			p = pair{id, e.ID}
		}
		if remove {
			delete(m, p)
		} else {
			s.addLink(m, p.A, p.B)
		}
	}
	if gone := missing(keys, func(key string) bool { _, ok := s.byKey(k, key); return ok }); len(gone) > 0 {
		return unknown(gone)
	}
	return nil
}

func roleUnknown(keys []string) error {
	return unknownKeys("RoleUnknownKeys", "unknown role keys", keys)
}

func groupUnknown(keys []string) error {
	return unknownKeys("GroupUnknownKeys", "unknown group keys", keys)
}

// The server reports unknown role keys of addGroupToRoles and
// removeGroupFromRoles with the reason of unknown group keys; so does the
// emulator.
func groupRoleUnknown(keys []string) error {
	return unknownKeys("GroupUnknownKeys", "unknown role keys", keys)
}

// AddRoleToUsers gives the role with the key to users (raw ids).
func (s *Store) AddRoleToUsers(roleKey string, userIDs []string) (Role, error) {
	return s.roleUsers(roleKey, userIDs, false)
}

// RemoveRoleFromUsers takes the role with the key from users.
func (s *Store) RemoveRoleFromUsers(roleKey string, userIDs []string) (Role, error) {
	return s.roleUsers(roleKey, userIDs, true)
}

func (s *Store) roleUsers(roleKey string, userIDs []string, remove bool) (Role, error) {
	r, ok := s.byKey(roleKind, roleKey)
	if !ok {
		return Role{}, ErrRoleNotFound
	}
	return Role(r), s.linkUsers(s.d.userRoles, r.ID, userIDs, remove)
}

// AddUserToRoles gives the roles with the keys to a user.
func (s *Store) AddUserToRoles(userID string, roleKeys []string) error {
	return s.userRoles(userID, roleKeys, false)
}

// RemoveUserFromRoles takes the roles with the keys from a user.
func (s *Store) RemoveUserFromRoles(userID string, roleKeys []string) error {
	return s.userRoles(userID, roleKeys, true)
}

func (s *Store) userRoles(userID string, roleKeys []string, remove bool) error {
	if _, err := s.mustUser(userID); err != nil {
		return err
	}
	return s.linkKeys(s.d.userRoles, userID, true, roleKind, roleKeys, remove, roleUnknown)
}

// AddGroupToUsers adds users to the group with the key.
func (s *Store) AddGroupToUsers(groupKey string, userIDs []string) (Group, error) {
	return s.groupUsers(groupKey, userIDs, false)
}

// RemoveGroupFromUsers removes users from the group with the key.
func (s *Store) RemoveGroupFromUsers(groupKey string, userIDs []string) (Group, error) {
	return s.groupUsers(groupKey, userIDs, true)
}

func (s *Store) groupUsers(groupKey string, userIDs []string, remove bool) (Group, error) {
	g, ok := s.byKey(groupKind, groupKey)
	if !ok {
		return Group{}, ErrGroupNotFound
	}
	return Group(g), s.linkUsers(s.d.userGroups, g.ID, userIDs, remove)
}

// AddUserToGroups adds a user to the groups with the keys.
func (s *Store) AddUserToGroups(userID string, groupKeys []string) error {
	return s.userGroups(userID, groupKeys, false)
}

// RemoveUserFromGroups removes a user from the groups with the keys.
func (s *Store) RemoveUserFromGroups(userID string, groupKeys []string) error {
	return s.userGroups(userID, groupKeys, true)
}

func (s *Store) userGroups(userID string, groupKeys []string, remove bool) error {
	if _, err := s.mustUser(userID); err != nil {
		return err
	}
	return s.linkKeys(s.d.userGroups, userID, true, groupKind, groupKeys, remove, groupUnknown)
}

// AddRoleToGroups gives the role with the key to the groups with the keys.
func (s *Store) AddRoleToGroups(roleKey string, groupKeys []string) (Role, error) {
	return s.roleGroups(roleKey, groupKeys, false)
}

// RemoveRoleFromGroups takes the role with the key from the groups.
func (s *Store) RemoveRoleFromGroups(roleKey string, groupKeys []string) (Role, error) {
	return s.roleGroups(roleKey, groupKeys, true)
}

func (s *Store) roleGroups(roleKey string, groupKeys []string, remove bool) (Role, error) {
	r, ok := s.byKey(roleKind, roleKey)
	if !ok {
		return Role{}, ErrRoleNotFound
	}
	return Role(r), s.linkKeys(s.d.groupRoles, r.ID, false, groupKind, groupKeys, remove, groupUnknown)
}

// AddGroupToRoles gives the roles with the keys to the group with the key.
func (s *Store) AddGroupToRoles(groupKey string, roleKeys []string) (Group, error) {
	return s.groupRoles(groupKey, roleKeys, false)
}

// RemoveGroupFromRoles takes the roles with the keys from the group.
func (s *Store) RemoveGroupFromRoles(groupKey string, roleKeys []string) (Group, error) {
	return s.groupRoles(groupKey, roleKeys, true)
}

func (s *Store) groupRoles(groupKey string, roleKeys []string, remove bool) (Group, error) {
	g, ok := s.byKey(groupKind, groupKey)
	if !ok {
		return Group{}, ErrGroupNotFound
	}
	return Group(g), s.linkKeys(s.d.groupRoles, g.ID, true, roleKind, roleKeys, remove, groupRoleUnknown)
}

// RolesOfUser returns the roles given to a user directly, in the order they
// were given.
func (s *Store) RolesOfUser(userID string) []Role {
	return rolesByID(s.d, linked(s.d.userRoles, userID, true))
}

// GroupsOfUser returns the groups of a user, in the order the user joined.
func (s *Store) GroupsOfUser(userID string) []Group {
	return groupsByID(s.d, linked(s.d.userGroups, userID, true))
}

// EffectiveRoles returns the roles a user holds directly or through a
// group, once each. Like the server, it lists the roles of groups first,
// then the direct ones, and orders them by the second their role was
// created in.
func (s *Store) EffectiveRoles(userID string) []Role {
	return effectiveRoles(s.d, userID)
}

func effectiveRoles(d data, userID string) []Role {
	var all []Role
	for _, g := range linked(d.userGroups, userID, true) {
		all = append(all, rolesByID(d, linked(d.groupRoles, g, true))...)
	}
	all = append(all, rolesByID(d, linked(d.userRoles, userID, true))...)
	slices.SortStableFunc(all, func(a, b Role) int { return cmp.Compare(a.CreatedAt.Unix(), b.CreatedAt.Unix()) })
	seen := map[string]bool{}
	out := []Role{}
	for _, r := range all {
		if !seen[r.Key] {
			seen[r.Key] = true
			out = append(out, r)
		}
	}
	return out
}

// UsersOfRole returns the ids of the users given a role directly, in the
// order they got it.
func (s *Store) UsersOfRole(roleID string) []string {
	return existingUsers(s.d, linked(s.d.userRoles, roleID, false))
}

// GroupsOfRole returns the groups given a role.
func (s *Store) GroupsOfRole(roleID string) []Group {
	return groupsByID(s.d, linked(s.d.groupRoles, roleID, false))
}

// UsersOfGroup returns the ids of a group's members, in the order they
// joined.
func (s *Store) UsersOfGroup(groupID string) []string {
	return existingUsers(s.d, linked(s.d.userGroups, groupID, false))
}

// RolesOfGroup returns the roles given to a group.
func (s *Store) RolesOfGroup(groupID string) []Role {
	return rolesByID(s.d, linked(s.d.groupRoles, groupID, true))
}

func rolesByID(d data, ids []string) []Role {
	out := []Role{}
	for _, id := range ids {
		if e, ok := d.roles[id]; ok {
			out = append(out, Role(e))
		}
	}
	return out
}

func groupsByID(d data, ids []string) []Group {
	out := []Group{}
	for _, id := range ids {
		if e, ok := d.groups[id]; ok {
			out = append(out, Group(e))
		}
	}
	return out
}

func existingUsers(d data, ids []string) []string {
	out := []string{}
	for _, id := range ids {
		if _, ok := d.users[id]; ok {
			out = append(out, id)
		}
	}
	return out
}

// UsersOfGroups returns the ids of the members of the groups with the keys.
func (s *Store) UsersOfGroups(keys []string) []string {
	var out []string
	for _, k := range keys {
		if g, ok := s.byKey(groupKind, k); ok {
			out = append(out, s.UsersOfGroup(g.ID)...)
		}
	}
	return out
}
