package adminapitest

import (
	"fmt"
	"time"
)

// seedTx runs a seeding change under the server's lock; if it fails, the
// change is undone whole and the error is wrapped as "adminapitest: seed
// <what>: ...".
func (s *Server) seedTx(what string, change func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	snap := s.store.Snapshot()
	if err := change(); err != nil {
		s.store.Restore(snap)
		return fmt.Errorf("adminapitest: seed %s: %w", what, err)
	}
	return nil
}

// ptrOrNil is nil for "", else a pointer to a copy of v.
func ptrOrNil(v string) *string {
	if v == "" {
		return nil
	}
	return &v
}

// utc is t in UTC, zero kept.
func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC()
}
