package store

import (
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// Grace periods of a default project: a scheduled deletion or
// anonymization happens 30 days later.
const (
	deletionGracePeriod      = 30 * 24 * time.Hour
	anonymizationGracePeriod = 30 * 24 * time.Hour
)

// maxMFAGracePeriod is how far ahead an MFA grace period may end.
const maxMFAGracePeriod = 90 * 24 * time.Hour

// Errors of account operations, as the server names them.
var (
	ErrUserIsAnonymized      = apierr.New(apierr.Invalid, "UserIsAnonymized", "user is anonymized")
	errMFAGracePeriodInvalid = apierr.New(apierr.Invalid, "MFAGracePeriodInvalid", "MFA grace period is invalid")
)

// updateStatus applies a status change to a user and, when the change
// disables the account, signs it out everywhere, as the server does.
func (s *Store) updateStatus(id string, change func(u User, now time.Time) (AccountStatus, error)) (User, error) {
	u, err := s.mustUser(id)
	if err != nil {
		return User{}, err
	}
	now := s.Now()
	st, err := change(u, now)
	if err != nil {
		return User{}, err
	}
	u.Status, u.UpdatedAt = st, now
	s.d.users[id] = u
	return u, nil
}

func (s *Store) revokeSessions(userID string) {
	for id, ss := range s.d.sessions {
		if ss.UserID == userID {
			delete(s.d.sessions, id)
		}
	}
}

// ScheduleDeletion schedules a user's deletion in 30 days with an optional
// reason, and signs the user out.
func (s *Store) ScheduleDeletion(id string, reason *string) (User, error) {
	u, err := s.updateStatus(id, func(u User, now time.Time) (AccountStatus, error) {
		return u.Status.ScheduleDeletion(now, now.Add(deletionGracePeriod))
	})
	if err != nil {
		return User{}, err
	}
	u.DeleteReason = reason
	s.d.users[id] = u
	s.revokeSessions(id)
	return u, nil
}

// UnscheduleDeletion cancels a scheduled deletion.
func (s *Store) UnscheduleDeletion(id string) (User, error) {
	u, err := s.updateStatus(id, func(u User, now time.Time) (AccountStatus, error) {
		return u.Status.UnscheduleDeletion(now)
	})
	if err != nil {
		return User{}, err
	}
	u.DeleteReason = nil
	s.d.users[id] = u
	return u, nil
}

// ScheduleAnonymization schedules a user's anonymization in 30 days, and
// signs the user out.
func (s *Store) ScheduleAnonymization(id string) (User, error) {
	u, err := s.updateStatus(id, func(u User, now time.Time) (AccountStatus, error) {
		if u.Status.IsAnonymized {
			return AccountStatus{}, ErrUserIsAnonymized
		}
		return u.Status.ScheduleAnonymization(now, now.Add(anonymizationGracePeriod))
	})
	if err != nil {
		return User{}, err
	}
	s.revokeSessions(id)
	return u, nil
}

// UnscheduleAnonymization cancels a scheduled anonymization.
func (s *Store) UnscheduleAnonymization(id string) (User, error) {
	return s.updateStatus(id, func(u User, now time.Time) (AccountStatus, error) {
		if u.Status.IsAnonymized {
			return AccountStatus{}, ErrUserIsAnonymized
		}
		return u.Status.UnscheduleAnonymization(now)
	})
}

// Anonymize anonymizes a user at once: everything that identifies the user
// goes (identities, authenticators, sessions, authorizations, verified
// claims, role and group memberships, standard and custom attributes); the
// record stays, disabled and marked anonymized.
func (s *Store) Anonymize(id string) (User, error) {
	u, err := s.updateStatus(id, func(u User, now time.Time) (AccountStatus, error) {
		if u.Status.IsAnonymized {
			return AccountStatus{}, ErrUserIsAnonymized
		}
		return u.Status.Anonymize(now)
	})
	if err != nil {
		return User{}, err
	}
	s.deleteDependents(id)
	u.StandardAttributes, u.CustomAttributes = map[string]any{}, map[string]any{}
	s.d.users[id] = u
	return u, nil
}

// SetMFAGracePeriod lets a user sign in without MFA until endAt (nil ends
// the grace period). endAt must be between now and 90 days ahead.
func (s *Store) SetMFAGracePeriod(id string, endAt *time.Time) (User, error) {
	u, err := s.mustUser(id)
	if err != nil {
		return User{}, err
	}
	now := s.Now()
	if endAt != nil {
		if endAt.Before(now) || endAt.After(now.Add(maxMFAGracePeriod)) {
			return User{}, errMFAGracePeriodInvalid
		}
		t := endAt.UTC().Truncate(time.Microsecond)
		endAt = &t
	}
	u.MFAGracePeriodEndAt, u.UpdatedAt = endAt, now
	s.d.users[id] = u
	return u, nil
}

// ResetLockout clears a user's account lockout. The emulator records no
// failed sign-ins, so no account is ever locked; it only checks the user.
func (s *Store) ResetLockout(id string) (User, error) {
	return s.mustUser(id)
}
