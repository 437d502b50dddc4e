package resolver

import (
	"context"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
	"github.com/authgear-admin/adminapi/adminapitest/internal/graph"
	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

func (q *queryResolver) AuditLogs(_ context.Context, activityTypes []graph.AuditLogActivityType, after, before *string, emailAddresses []string, first, last *int, phoneNumbers []string, rangeFrom, rangeTo *time.Time, sortDirection *graph.SortDirection, userIDs []string) (*graph.AuditLogConnection, error) {
	aq := store.AuditQuery{
		EmailAddresses: emailAddresses,
		PhoneNumbers:   phoneNumbers,
		From:           rangeFrom,
		To:             rangeTo,
		Ascending:      sortDirection != nil && *sortDirection == graph.SortDirectionAsc,
	}
	for _, t := range activityTypes {
		aq.ActivityTypes = append(aq.ActivityTypes, string(t))
	}
	for _, id := range userIDs {
		raw, ok := model.DecodeIDOf(model.TypeUser, id)
		if !ok {
			return nil, apierr.New(apierr.Invalid, "Invalid", "invalid user IDs")
		}
		aq.UserIDs = append(aq.UserIDs, raw)
	}
	ls := q.r.Store.AuditLogs(aq)
	p, err := offsetPage(len(ls), first, last, after, before)
	if err != nil {
		return nil, err
	}
	return auditLogConnection(ls, p), nil
}

func (a *auditLogResolver) ActivityType(_ context.Context, obj *model.AuditLog) (graph.AuditLogActivityType, error) {
	return graph.AuditLogActivityType(obj.Record().ActivityType), nil
}

// User is the user the entry is about; null when there is none or the user
// was deleted since.
func (a *auditLogResolver) User(_ context.Context, obj *model.AuditLog) (*model.User, error) {
	if id := obj.Record().UserID; id != "" {
		return a.r.user(id), nil
	}
	return nil, nil
}

// The emulator records no fraud protection decisions: the log is empty and
// the overview is all zeros.

func (q *queryResolver) FraudProtectionLogs(_ context.Context, after, before *string, first, last *int, _, _ *int, _, _ *time.Time, _ []string, _ *string, _ *graph.SortDirection, _ []graph.FraudProtectionDecision) (*graph.FraudProtectionDecisionRecordConnection, error) {
	p, err := offsetPage(0, first, last, after, before)
	if err != nil {
		return nil, err
	}
	return &graph.FraudProtectionDecisionRecordConnection{
		Edges: []*graph.FraudProtectionDecisionRecordEdge{}, PageInfo: p.info, TotalCount: ptr(0),
	}, nil
}

func (q *queryResolver) FraudProtectionOverview(context.Context, *time.Time, *time.Time) (*graph.FraudProtectionOverview, error) {
	return &graph.FraudProtectionOverview{SendSms: &graph.FraudProtectionOverviewSendSms{
		TimeBuckets:    []*graph.FraudProtectionOverviewTimeBucket{},
		TopIPLocations: []*graph.FraudProtectionOverviewIPLocation{},
		TopSMSOrigins:  []*graph.FraudProtectionOverviewSMSOrigin{},
		TopSourceIPs:   []*graph.FraudProtectionOverviewTopSourceIP{},
	}}, nil
}
