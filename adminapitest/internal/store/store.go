// Package store is the emulator's in-memory database: users with their
// identities, authenticators, sessions, authorizations and verified claims;
// roles and groups with their memberships; API resources and scopes with
// their client grants; the audit log and the outbox of messages the server
// would have sent. It applies the server's validation rules and returns its
// error values.
//
// A Store is not safe for concurrent use; the server serializes access with
// its own lock. Stored records are values that are never modified in place:
// every change builds a new record (and new maps inside it) and puts it back.
// That makes [Store.Snapshot] a cheap copy of a few maps, which is how a
// failed GraphQL request rolls back, audit log entries included.
package store

import (
	"maps"
	"slices"
	"time"
)

// link joins two records (a user and a role, a group and a role, a client
// and a scope, ...). The key of a link map names both ends.
type link struct {
	Seq       uint64
	CreatedAt time.Time
}

// pair is the key of a link map.
type pair struct{ A, B string }

// data is everything a snapshot captures.
type data struct {
	users          map[string]User
	identities     map[string]Identity
	sessions       map[string]Session
	authenticators map[string]Authenticator
	authorizations map[string]Authorization
	verifiedClaims map[string]VerifiedClaim

	roles      map[string]entity
	groups     map[string]entity
	userRoles  map[pair]link // {user, role}
	userGroups map[pair]link // {user, group}
	groupRoles map[pair]link // {group, role}

	resources       map[string]Resource
	scopes          map[string]Scope
	clientResources map[pair]link // {client, resource}
	clientScopes    map[pair]link // {client, scope}

	auditLogs []AuditLog // oldest first
	outbox    []Message  // oldest first
	otpCodes  map[string]OTPCode

	seq      uint64 // last sequence number handed out; orders records by creation
	auditSeq uint64 // last audit log sequence number
}

func newData() data {
	return data{
		users:           map[string]User{},
		identities:      map[string]Identity{},
		sessions:        map[string]Session{},
		authenticators:  map[string]Authenticator{},
		authorizations:  map[string]Authorization{},
		verifiedClaims:  map[string]VerifiedClaim{},
		roles:           map[string]entity{},
		groups:          map[string]entity{},
		userRoles:       map[pair]link{},
		userGroups:      map[pair]link{},
		groupRoles:      map[pair]link{},
		resources:       map[string]Resource{},
		scopes:          map[string]Scope{},
		clientResources: map[pair]link{},
		clientScopes:    map[pair]link{},
		otpCodes:        map[string]OTPCode{},
	}
}

func (d data) clone() data {
	return data{
		users:           maps.Clone(d.users),
		identities:      maps.Clone(d.identities),
		sessions:        maps.Clone(d.sessions),
		authenticators:  maps.Clone(d.authenticators),
		authorizations:  maps.Clone(d.authorizations),
		verifiedClaims:  maps.Clone(d.verifiedClaims),
		roles:           maps.Clone(d.roles),
		groups:          maps.Clone(d.groups),
		userRoles:       maps.Clone(d.userRoles),
		userGroups:      maps.Clone(d.userGroups),
		groupRoles:      maps.Clone(d.groupRoles),
		resources:       maps.Clone(d.resources),
		scopes:          maps.Clone(d.scopes),
		clientResources: maps.Clone(d.clientResources),
		clientScopes:    maps.Clone(d.clientScopes),
		// Clipped, so that appending to either copy never writes into the
		// other's backing array.
		auditLogs: slices.Clip(d.auditLogs),
		outbox:    slices.Clip(d.outbox),
		otpCodes:  maps.Clone(d.otpCodes),
		seq:       d.seq,
		auditSeq:  d.auditSeq,
	}
}

// Store holds the emulator's data. The zero value is not usable; call [New].
type Store struct {
	d   data
	now func() time.Time

	// Search index emulation: when lag is on, list queries read index, a copy
	// of d taken at the last RefreshIndex.
	lag   bool
	index data
}

// New returns an empty store reading time from now. With lag set, the user
// list reads a search index that sees writes only after [Store.RefreshIndex].
func New(now func() time.Time, lag bool) *Store {
	return &Store{d: newData(), now: now, lag: lag, index: newData()}
}

// Now is the store's clock, UTC and truncated to microseconds like the
// server's database timestamps.
func (s *Store) Now() time.Time {
	return s.now().UTC().Truncate(time.Microsecond)
}

func (s *Store) nextSeq() uint64 {
	s.d.seq++
	return s.d.seq
}

// Snapshot is a saved state of a store.
type Snapshot struct{ d data }

// Snapshot saves the current state; [Store.Restore] returns to it.
func (s *Store) Snapshot() Snapshot { return Snapshot{d: s.d.clone()} }

// Restore returns the store to a saved state.
func (s *Store) Restore(snap Snapshot) { s.d = snap.d.clone() }

// Reset deletes all data, including the search index.
func (s *Store) Reset() {
	s.d = newData()
	s.index = newData()
}

// RefreshIndex makes the search index catch up with every write so far.
func (s *Store) RefreshIndex() { s.index = s.d.clone() }

// searchable is the data list queries read.
func (s *Store) searchable() data {
	if s.lag {
		return s.index
	}
	return s.d
}

// IndexUser makes the search index see one user, with its identities and
// memberships, as stored now. Seeding uses it so that seeded users are
// listed at once.
func (s *Store) IndexUser(id string) {
	if !s.lag {
		return
	}
	u, ok := s.d.users[id]
	if !ok {
		return
	}
	s.index.users[id] = u
	for _, i := range identitiesOf(s.d, id) {
		s.index.identities[i.ID] = i
	}
	for k, l := range s.d.userRoles {
		if k.A == id {
			s.index.userRoles[k] = l
			s.index.roles[k.B] = s.d.roles[k.B]
		}
	}
	for k, l := range s.d.userGroups {
		if k.A == id {
			s.index.userGroups[k] = l
			s.index.groups[k.B] = s.d.groups[k.B]
			for gk, gl := range s.d.groupRoles {
				if gk.A == k.B {
					s.index.groupRoles[gk] = gl
					s.index.roles[gk.B] = s.d.roles[gk.B]
				}
			}
		}
	}
}
