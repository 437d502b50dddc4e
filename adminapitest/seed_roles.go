package adminapitest

import (
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// SeedRole describes a role for [Server.SeedRole]. The key is validated
// like in createRole; empty name and description mean none.
type SeedRole struct {
	Key         string
	Name        string
	Description string
	// UserIDs (node ids or raw UUIDs) get the role directly; GroupKeys name
	// seeded groups that get it. Every one must exist.
	UserIDs   []string
	GroupKeys []string
	// CreatedAt backdates the role; zero means now.
	CreatedAt time.Time
}

// SeedGroup describes a group for [Server.SeedGroup]. The key is validated
// like in createGroup; empty name and description mean none.
type SeedGroup struct {
	Key         string
	Name        string
	Description string
	// UserIDs (node ids or raw UUIDs) join the group; RoleKeys name seeded
	// roles the group gets. Every one must exist.
	UserIDs  []string
	RoleKeys []string
	// CreatedAt backdates the group; zero means now.
	CreatedAt time.Time
}

// RoleState is a snapshot of a role and its links.
type RoleState struct {
	ID          string // raw UUID
	NodeID      string
	Key         string
	Name        string
	Description string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	// UserIDs are the raw ids of the users given the role directly, and
	// GroupKeys the keys of the groups given it, in the order they got it.
	UserIDs   []string
	GroupKeys []string
}

// GroupState is a snapshot of a group and its links.
type GroupState struct {
	ID          string // raw UUID
	NodeID      string
	Key         string
	Name        string
	Description string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	// UserIDs are the raw ids of the members, in the order they joined, and
	// RoleKeys the keys of the roles given to the group.
	UserIDs  []string
	RoleKeys []string
}

func rawUserIDs(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = rawUserID(id)
	}
	return out
}

// SeedRole stores a role with its links directly and returns its state.
// Users given the role are visible to the users list's roleKeys filter at
// once, whether or not [WithSearchIndexLag] is on.
func (s *Server) SeedRole(r SeedRole) (*RoleState, error) {
	var out RoleState
	err := s.seedTx("role", func() error {
		rec, err := s.store.CreateRole(store.NewEntity{Key: r.Key, Name: ptrOrNil(r.Name), Description: ptrOrNil(r.Description), CreatedAt: r.CreatedAt})
		if err != nil {
			return err
		}
		users := rawUserIDs(r.UserIDs)
		if _, err := s.store.AddRoleToUsers(rec.Key, users); err != nil {
			return err
		}
		if _, err := s.store.AddRoleToGroups(rec.Key, r.GroupKeys); err != nil {
			return err
		}
		s.indexMembers(users, s.store.UsersOfGroups(r.GroupKeys))
		out = s.roleState(rec)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// SeedGroup stores a group with its links directly and returns its state.
// Its members are visible to the users list's groupKeys and roleKeys
// filters at once, whether or not [WithSearchIndexLag] is on.
func (s *Server) SeedGroup(g SeedGroup) (*GroupState, error) {
	var out GroupState
	err := s.seedTx("group", func() error {
		rec, err := s.store.CreateGroup(store.NewEntity{Key: g.Key, Name: ptrOrNil(g.Name), Description: ptrOrNil(g.Description), CreatedAt: g.CreatedAt})
		if err != nil {
			return err
		}
		users := rawUserIDs(g.UserIDs)
		if _, err := s.store.AddGroupToUsers(rec.Key, users); err != nil {
			return err
		}
		if _, err := s.store.AddGroupToRoles(rec.Key, g.RoleKeys); err != nil {
			return err
		}
		s.indexMembers(users)
		out = s.groupState(rec)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// indexMembers makes the search index see the users as stored now.
func (s *Server) indexMembers(lists ...[]string) {
	for _, ids := range lists {
		for _, id := range ids {
			s.store.IndexUser(id)
		}
	}
}

// Roles returns the state of every role, by key.
func (s *Server) Roles() []RoleState {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []RoleState
	for _, r := range s.store.AllRoles() {
		out = append(out, s.roleState(r))
	}
	return out
}

// Groups returns the state of every group, by key.
func (s *Server) Groups() []GroupState {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []GroupState
	for _, g := range s.store.AllGroups() {
		out = append(out, s.groupState(g))
	}
	return out
}

// roleState copies a stored role; s.mu must be held.
func (s *Server) roleState(r store.Role) RoleState {
	st := RoleState{
		ID: r.ID, NodeID: model.EncodeID(model.TypeRole, r.ID), Key: r.Key,
		Name: deref(r.Name), Description: deref(r.Description), CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		UserIDs: append([]string(nil), s.store.UsersOfRole(r.ID)...),
	}
	for _, g := range s.store.GroupsOfRole(r.ID) {
		st.GroupKeys = append(st.GroupKeys, g.Key)
	}
	return st
}

// groupState copies a stored group; s.mu must be held.
func (s *Server) groupState(g store.Group) GroupState {
	st := GroupState{
		ID: g.ID, NodeID: model.EncodeID(model.TypeGroup, g.ID), Key: g.Key,
		Name: deref(g.Name), Description: deref(g.Description), CreatedAt: g.CreatedAt, UpdatedAt: g.UpdatedAt,
		UserIDs: append([]string(nil), s.store.UsersOfGroup(g.ID)...),
	}
	for _, r := range s.store.RolesOfGroup(g.ID) {
		st.RoleKeys = append(st.RoleKeys, r.Key)
	}
	return st
}
