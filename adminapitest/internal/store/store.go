// Package store is the emulator's in-memory database: users, their login-id
// identities and their sessions, with the server's validation rules and error
// values.
//
// A Store is not safe for concurrent use; the server serializes access with
// its own lock. Stored records are values that are never modified in place:
// every change builds a new record (and new maps inside it) and puts it back.
// That makes [Store.Snapshot] a cheap copy of three maps, which is how a
// failed GraphQL request rolls back.
package store

import (
	"maps"
	"time"
)

// data is everything a snapshot captures.
type data struct {
	users      map[string]User
	identities map[string]Identity
	sessions   map[string]Session
	seq        uint64 // last sequence number handed out; orders records by creation
}

func newData() data {
	return data{
		users:      map[string]User{},
		identities: map[string]Identity{},
		sessions:   map[string]Session{},
	}
}

func (d data) clone() data {
	return data{
		users:      maps.Clone(d.users),
		identities: maps.Clone(d.identities),
		sessions:   maps.Clone(d.sessions),
		seq:        d.seq,
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

// IndexUser makes the search index see one user, with its identities, as
// stored now. Seeding uses it so that seeded users are listed at once.
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
}
