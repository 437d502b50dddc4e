package store

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseLoginID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		key, value string
		want       LoginID
		wantErr    bool
	}{
		{"email", " Alice@Example.COM ", LoginID{"email", "email", "Alice@Example.COM", "alice@example.com"}, false},
		{"email", "no-at-sign", LoginID{}, true},
		{"email", "Alice <a@example.com>", LoginID{}, true},
		{"phone", "+85298765432", LoginID{"phone", "phone", "+85298765432", "+85298765432"}, false},
		{"phone", "+0123456789", LoginID{}, true},
		{"phone", "+1 415 555 0100", LoginID{}, true},
		{"username", "Bob.Smith_1", LoginID{"username", "username", "Bob.Smith_1", "bob.smith_1"}, false},
		{"username", "bob smith", LoginID{}, true},
		{"username", "", LoginID{}, true},
		{"other", "x", LoginID{}, true},
	}
	for _, tt := range tests {
		got, err := ParseLoginID(tt.key, tt.value)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseLoginID(%q, %q) error = %v, want error %v", tt.key, tt.value, err, tt.wantErr)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseLoginID(%q, %q) (-want +got):\n%s", tt.key, tt.value, diff)
		}
	}
}

func TestSnapshotRestore(t *testing.T) {
	t.Parallel()
	s := New(func() time.Time { return time.Unix(0, 0) }, false)
	if _, err := s.CreateUser(NewUser{LoginIDs: [][2]string{{"email", "a@example.com"}}}); err != nil {
		t.Fatal(err)
	}
	snap := s.Snapshot()
	u, err := s.CreateUser(NewUser{LoginIDs: [][2]string{{"email", "b@example.com"}}})
	if err != nil {
		t.Fatal(err)
	}
	first := s.Users()[0]
	if _, err := s.UpdateAttributes(first.ID, map[string]any{"name": "changed"}, nil); err != nil {
		t.Fatal(err)
	}
	s.Restore(snap)
	if _, ok := s.User(u.ID); ok {
		t.Error("user created after the snapshot survived Restore")
	}
	if got := s.Users()[0].StandardAttributes; !cmp.Equal(got, map[string]any{"email": "a@example.com"}) {
		t.Errorf("attributes after Restore = %v", got)
	}
	if _, err := s.CreateUser(NewUser{LoginIDs: [][2]string{{"email", "b@example.com"}}}); err != nil {
		t.Errorf("login id of a rolled-back user is still taken: %v", err)
	}
}
