package store

import (
	"fmt"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// AccountStatus is the part of a user that decides whether it may sign in:
// an indefinite disable, a temporary disable window, an account valid
// period, a scheduled deletion or anonymization, and anonymization. It
// follows the server's state machine, including which transitions are
// refused.
type AccountStatus struct {
	IndefinitelyDisabled     bool
	DisableReason            *string
	TemporarilyDisabledFrom  *time.Time
	TemporarilyDisabledUntil *time.Time
	AccountValidFrom         *time.Time
	AccountValidUntil        *time.Time

	// IsDeactivated is set when the end user scheduled the deletion; the
	// Admin API never sets it.
	IsDeactivated bool
	DeleteAt      *time.Time
	AnonymizeAt   *time.Time
	IsAnonymized  bool
	AnonymizedAt  *time.Time
}

// Status kinds, named like the server names them in transition errors.
const (
	statusNormal                         = "normal"
	statusDisabled                       = "disabled"
	statusDisabledTemporarily            = "disabled_temporarily"
	statusOutsideValidPeriod             = "outside_valid_period"
	statusDeactivated                    = "deactivated"
	statusScheduledDeletionDisabled      = "scheduled_deletion_disabled"
	statusScheduledDeletionDeactivated   = "scheduled_deletion_deactivated"
	statusAnonymized                     = "anonymized"
	statusScheduledAnonymizationDisabled = "scheduled_anonymization_disabled"
)

// Normalized drops a temporary disable window that is over by now, as the
// server does whenever it reads or changes a status.
func (st AccountStatus) Normalized(now time.Time) AccountStatus {
	if st.TemporarilyDisabledFrom != nil && st.TemporarilyDisabledUntil != nil &&
		now.After(*st.TemporarilyDisabledFrom) && now.After(*st.TemporarilyDisabledUntil) {
		st.TemporarilyDisabledFrom = nil
		st.TemporarilyDisabledUntil = nil
	}
	return st
}

// IsDisabled reports whether the user cannot sign in at now: disabled, inside
// a temporary disable window, or outside the account valid period.
func (st AccountStatus) IsDisabled(now time.Time) bool {
	return st.outsideValidPeriod(now) || st.variant(now) != statusNormal
}

func (st AccountStatus) outsideValidPeriod(now time.Time) bool {
	if st.AccountValidFrom != nil && now.Before(*st.AccountValidFrom) {
		return true
	}
	return st.AccountValidUntil != nil && !now.Before(*st.AccountValidUntil)
}

func (st AccountStatus) variant(now time.Time) string {
	if st.IndefinitelyDisabled {
		switch {
		case st.DeleteAt != nil && st.IsDeactivated:
			return statusScheduledDeletionDeactivated
		case st.DeleteAt != nil:
			return statusScheduledDeletionDisabled
		case st.IsAnonymized:
			return statusAnonymized
		case st.AnonymizeAt != nil:
			return statusScheduledAnonymizationDisabled
		case st.IsDeactivated:
			return statusDeactivated
		}
		return statusDisabled
	}
	if st.TemporarilyDisabledFrom != nil && st.TemporarilyDisabledUntil != nil &&
		!now.Before(*st.TemporarilyDisabledFrom) && now.Before(*st.TemporarilyDisabledUntil) {
		return statusDisabledTemporarily
	}
	return statusNormal
}

// kind is the status name used as "from" in transition errors.
func (st AccountStatus) kind(now time.Time) string {
	if v := st.variant(now); v != statusNormal {
		return v
	}
	if st.outsideValidPeriod(now) {
		return statusOutsideValidPeriod
	}
	return statusNormal
}

func invalidTransition(message string) *apierr.Error {
	return apierr.New(apierr.Invalid, "InvalidAccountStatusTransition", message)
}

func transitionError(from, to string) *apierr.Error {
	return apierr.WithInfo(apierr.Invalid, "InvalidAccountStatusTransition",
		fmt.Sprintf("invalid account status transition: %v -> %v", from, to),
		map[string]any{"from": from, "to": to})
}

func (st AccountStatus) checkTimestamps() error {
	if st.AccountValidFrom != nil && st.AccountValidUntil != nil && !st.AccountValidFrom.Before(*st.AccountValidUntil) {
		return invalidTransition("the start timestamp of account valid period must be less than the end timestamp of the account valid period")
	}
	from, until := st.TemporarilyDisabledFrom, st.TemporarilyDisabledUntil
	if from != nil && until == nil {
		return invalidTransition("temporarily disabled period is missing the end timestamp")
	}
	if until != nil && from == nil {
		return invalidTransition("temporarily disabled period is missing the start timestamp")
	}
	if from == nil {
		return nil
	}
	if !from.Before(*until) {
		return invalidTransition("the start timestamp of temporarily disabled period must be less than the end timestamp of temporarily disabled period")
	}
	if st.AccountValidFrom != nil && !st.AccountValidFrom.Before(*from) {
		return invalidTransition("the start timestamp of account valid period must be less than the start timestamp of temporarily disabled period")
	}
	if st.AccountValidUntil != nil && !until.Before(*st.AccountValidUntil) {
		return invalidTransition("the end timestamp of temporarily disabled period must be less than the end timestamp of account valid period")
	}
	return nil
}

// transition validates a change from st to target; allowed lists the
// variants st may be in.
func (st AccountStatus) transition(now time.Time, target AccountStatus, allowed ...string) (AccountStatus, error) {
	target = target.Normalized(now)
	if err := target.checkTimestamps(); err != nil {
		return AccountStatus{}, err
	}
	cur := st.Normalized(now)
	v := cur.variant(now)
	for _, a := range allowed {
		if v == a {
			return target, nil
		}
	}
	return AccountStatus{}, transitionError(cur.kind(now), target.variant(now))
}

// transitionUnless is transition with the variants st may not be in.
func (st AccountStatus) transitionUnless(now time.Time, target AccountStatus, refused ...string) (AccountStatus, error) {
	cur := st.Normalized(now)
	v := cur.variant(now)
	for _, r := range refused {
		if v == r {
			return AccountStatus{}, transitionError(cur.kind(now), target.Normalized(now).variant(now))
		}
	}
	return target.Normalized(now), nil
}

// clearScheduling drops a scheduled deletion or anonymization and the
// end user's deactivation.
func (st AccountStatus) clearScheduling() AccountStatus {
	st.IsDeactivated = false
	st.DeleteAt, st.AnonymizeAt = nil, nil
	return st
}

// DisableIndefinitely disables the account until it is re-enabled.
func (st AccountStatus) DisableIndefinitely(now time.Time, reason *string) (AccountStatus, error) {
	target := st.clearScheduling()
	target.IndefinitelyDisabled = true
	target.DisableReason = reason
	target.TemporarilyDisabledFrom, target.TemporarilyDisabledUntil = nil, nil
	return st.transition(now, target, statusNormal, statusDisabledTemporarily)
}

// DisableTemporarily disables the account from from until until.
func (st AccountStatus) DisableTemporarily(now time.Time, from, until *time.Time, reason *string) (AccountStatus, error) {
	target := st
	target.IndefinitelyDisabled = false
	target.DisableReason = reason
	target.TemporarilyDisabledFrom, target.TemporarilyDisabledUntil = from, until
	return st.transition(now, target, statusNormal, statusDisabled, statusDisabledTemporarily)
}

// Reenable lifts an indefinite or temporary disable.
func (st AccountStatus) Reenable(now time.Time) (AccountStatus, error) {
	target := st.clearScheduling()
	target.IndefinitelyDisabled = false
	target.DisableReason = nil
	target.TemporarilyDisabledFrom, target.TemporarilyDisabledUntil = nil, nil
	return st.transition(now, target, statusDisabled, statusDisabledTemporarily, statusDeactivated)
}

// SetValidPeriod replaces the account valid period; it may be set in any
// state.
func (st AccountStatus) SetValidPeriod(now time.Time, from, until *time.Time) (AccountStatus, error) {
	target := st
	target.AccountValidFrom, target.AccountValidUntil = from, until
	target = target.Normalized(now)
	if err := target.checkTimestamps(); err != nil {
		return AccountStatus{}, err
	}
	return target, nil
}

// ScheduleDeletion disables the account until deleteAt, when it is to be
// deleted. It is refused if a deletion is scheduled already.
func (st AccountStatus) ScheduleDeletion(now, deleteAt time.Time) (AccountStatus, error) {
	target := st.clearScheduling()
	target.IndefinitelyDisabled = true
	target.DisableReason = nil
	target.TemporarilyDisabledFrom, target.TemporarilyDisabledUntil = nil, nil
	target.DeleteAt = &deleteAt
	return st.transitionUnless(now, target, statusScheduledDeletionDisabled, statusScheduledDeletionDeactivated)
}

// UnscheduleDeletion cancels a scheduled deletion; the account is enabled
// again unless it is anonymized.
func (st AccountStatus) UnscheduleDeletion(now time.Time) (AccountStatus, error) {
	target := st.clearScheduling()
	target.IndefinitelyDisabled = st.IsAnonymized
	target.DisableReason = nil
	target.TemporarilyDisabledFrom, target.TemporarilyDisabledUntil = nil, nil
	return st.transition(now, target, statusScheduledDeletionDisabled, statusScheduledDeletionDeactivated)
}

// ScheduleAnonymization disables the account until anonymizeAt, when it is
// to be anonymized.
func (st AccountStatus) ScheduleAnonymization(now, anonymizeAt time.Time) (AccountStatus, error) {
	target := st.clearScheduling()
	target.IndefinitelyDisabled = true
	target.DisableReason = nil
	target.TemporarilyDisabledFrom, target.TemporarilyDisabledUntil = nil, nil
	target.AnonymizeAt = &anonymizeAt
	return st.transitionUnless(now, target, statusAnonymized, statusScheduledAnonymizationDisabled)
}

// UnscheduleAnonymization cancels a scheduled anonymization.
func (st AccountStatus) UnscheduleAnonymization(now time.Time) (AccountStatus, error) {
	target := st.clearScheduling()
	target.IndefinitelyDisabled = false
	target.DisableReason = nil
	target.TemporarilyDisabledFrom, target.TemporarilyDisabledUntil = nil, nil
	return st.transition(now, target, statusScheduledAnonymizationDisabled)
}

// Anonymize marks the account anonymized (and so disabled for good); a
// scheduled deletion stays.
func (st AccountStatus) Anonymize(now time.Time) (AccountStatus, error) {
	target := st
	target.IndefinitelyDisabled = true
	target.IsDeactivated = false
	target.DisableReason = nil
	target.TemporarilyDisabledFrom, target.TemporarilyDisabledUntil = nil, nil
	target.AnonymizeAt = nil
	target.IsAnonymized = true
	target.AnonymizedAt = &now
	return st.transitionUnless(now, target, statusAnonymized)
}
