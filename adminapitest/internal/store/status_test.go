package store

import (
	"testing"
	"time"
)

func TestAccountStatusTransitions(t *testing.T) {
	t.Parallel()
	now := time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)
	at := func(d time.Duration) *time.Time { v := now.Add(d); return &v }
	reason := "r"
	normal := AccountStatus{}
	disabled := AccountStatus{IndefinitelyDisabled: true, DisableReason: &reason}
	tempNow := AccountStatus{TemporarilyDisabledFrom: at(-time.Hour), TemporarilyDisabledUntil: at(time.Hour)}
	tempLater := AccountStatus{TemporarilyDisabledFrom: at(time.Hour), TemporarilyDisabledUntil: at(2 * time.Hour)}

	tests := []struct {
		name         string
		change       func() (AccountStatus, error)
		wantErr      string
		wantDisabled bool
	}{
		{"disable normal", func() (AccountStatus, error) { return normal.DisableIndefinitely(now, &reason) }, "", true},
		{"disable disabled", func() (AccountStatus, error) { return disabled.DisableIndefinitely(now, nil) }, "invalid account status transition: disabled -> disabled", false},
		{"disable temporarily disabled", func() (AccountStatus, error) { return tempNow.DisableIndefinitely(now, nil) }, "", true},
		{"re-enable disabled", func() (AccountStatus, error) { return disabled.Reenable(now) }, "", false},
		{"re-enable temporarily disabled", func() (AccountStatus, error) { return tempNow.Reenable(now) }, "", false},
		{"re-enable normal", func() (AccountStatus, error) { return normal.Reenable(now) }, "invalid account status transition: normal -> normal", false},
		{"re-enable before the window", func() (AccountStatus, error) { return tempLater.Reenable(now) }, "invalid account status transition: normal -> normal", false},
		{"window now", func() (AccountStatus, error) {
			return normal.DisableTemporarily(now, at(-time.Minute), at(time.Minute), nil)
		}, "", true},
		{"window later", func() (AccountStatus, error) {
			return normal.DisableTemporarily(now, at(time.Hour), at(2*time.Hour), nil)
		}, "", false},
		{"window reversed", func() (AccountStatus, error) {
			return normal.DisableTemporarily(now, at(time.Hour), at(-time.Hour), nil)
		},
			"the start timestamp of temporarily disabled period must be less than the end timestamp of temporarily disabled period", false},
		{"window without end", func() (AccountStatus, error) { return normal.DisableTemporarily(now, at(time.Hour), nil, nil) },
			"temporarily disabled period is missing the end timestamp", false},
		{"valid from later", func() (AccountStatus, error) { return normal.SetValidPeriod(now, at(time.Hour), nil) }, "", true},
		{"valid until now", func() (AccountStatus, error) { return normal.SetValidPeriod(now, nil, at(0)) }, "", true},
		{"valid period reversed", func() (AccountStatus, error) { return normal.SetValidPeriod(now, at(time.Hour), at(time.Minute)) },
			"the start timestamp of account valid period must be less than the end timestamp of the account valid period", false},
		{"window outside valid period", func() (AccountStatus, error) {
			st := AccountStatus{AccountValidUntil: at(90 * time.Minute)}
			return st.DisableTemporarily(now, at(time.Hour), at(2*time.Hour), nil)
		}, "the end timestamp of temporarily disabled period must be less than the end timestamp of account valid period", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st, err := tt.change()
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := st.IsDisabled(now); got != tt.wantDisabled {
				t.Errorf("IsDisabled = %v, want %v", got, tt.wantDisabled)
			}
		})
	}
}

func TestNormalizedDropsPastWindow(t *testing.T) {
	t.Parallel()
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	from, until := now.Add(-2*time.Hour), now.Add(-time.Hour)
	st := AccountStatus{TemporarilyDisabledFrom: &from, TemporarilyDisabledUntil: &until}.Normalized(now)
	if st.TemporarilyDisabledFrom != nil || st.TemporarilyDisabledUntil != nil {
		t.Errorf("past window kept: %+v", st)
	}
}
