package resolver

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/authgear-admin/adminapi/adminapitest/internal/graph"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// AuditTrail is a gqlgen extension that appends an entry to the audit log
// for every mutation field that succeeds, like the server's
// ADMIN_API_MUTATION_*_EXECUTED events: the entry links the user the
// mutation was about (if any) and its data records the mutation's input
// (passwords redacted) with the request's details and audit_context.
// Events a mutation causes on the side (USER_CREATED, ...) come first, as
// on the server.
//
// The entries are written inside the request's transaction, so a request
// that fails leaves none.
type AuditTrail struct{ Store *store.Store }

var (
	_ graphql.HandlerExtension     = AuditTrail{}
	_ graphql.RootFieldInterceptor = AuditTrail{}
)

// ExtensionName names the extension for gqlgen.
func (AuditTrail) ExtensionName() string { return "EmulatorAuditTrail" }

// Validate accepts any schema.
func (AuditTrail) Validate(graphql.ExecutableSchema) error { return nil }

// auditRecord collects, while a mutation field runs, what its entry needs.
type auditRecord struct {
	userID string
	events []store.Event // side events, in order
}

type auditKey struct{}

// noteUser records the user a mutation is about.
func noteUser(ctx context.Context, id string) {
	if rec, _ := ctx.Value(auditKey{}).(*auditRecord); rec != nil {
		rec.userID = id
	}
}

// noteEvent records a side event of a mutation.
func noteEvent(ctx context.Context, activity graph.AuditLogActivityType, userID string, payload map[string]any) {
	if rec, _ := ctx.Value(auditKey{}).(*auditRecord); rec != nil {
		rec.events = append(rec.events, store.Event{ActivityType: string(activity), UserID: userID, Payload: payload})
	}
}

// InterceptRootField runs a root field and, for a mutation that succeeded,
// appends its audit log entries.
func (a AuditTrail) InterceptRootField(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
	if !graphql.HasOperationContext(ctx) {
		return next(ctx)
	}
	op := graphql.GetOperationContext(ctx)
	if op.Operation == nil || op.Operation.Operation != ast.Mutation {
		return next(ctx)
	}
	rec := &auditRecord{}
	before := len(graphql.GetErrors(ctx))
	res := next(context.WithValue(ctx, auditKey{}, rec))
	if len(graphql.GetErrors(ctx)) > before {
		return res
	}
	info := requestInfo(ctx)
	for _, e := range rec.events {
		e.Request = info
		a.Store.AppendAuditLog(e)
	}
	fc := graphql.GetRootFieldContext(ctx)
	if fc == nil {
		return res
	}
	activity, ok := mutationActivity(fc.Field.Name)
	if !ok {
		return res
	}
	payload := redact(fc.Field.ArgumentMap(op.Variables))
	if in, ok := payload["input"].(map[string]any); ok {
		payload = in
	}
	a.Store.AppendAuditLog(store.Event{ActivityType: string(activity), UserID: rec.userID, Payload: payload, Request: info})
	return res
}

// mutationActivity is the activity type of a mutation field:
// createUser is ADMIN_API_MUTATION_CREATE_USER_EXECUTED. Mutations without
// one (setMFAGracePeriod, removeMFAGracePeriod) are not logged.
func mutationActivity(field string) (graph.AuditLogActivityType, bool) {
	want := strings.ToLower(field)
	for _, t := range graph.AllAuditLogActivityType {
		name, ok := strings.CutPrefix(string(t), "ADMIN_API_MUTATION_")
		if !ok {
			continue
		}
		name = strings.TrimSuffix(name, "_EXECUTED")
		if strings.ToLower(strings.ReplaceAll(name, "_", "")) == want {
			return t, true
		}
	}
	return "", false
}

// redact copies a JSON-like value with every string password or
// newPassword replaced by "REDACTED".
func redact(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if _, ok := v.(string); ok && (strings.EqualFold(k, "password") || strings.EqualFold(k, "newPassword")) {
			out[k] = "REDACTED"
			continue
		}
		out[k] = redactValue(v)
	}
	return out
}

func redactValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		return redact(v)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = redactValue(e)
		}
		return out
	default:
		return store.DeepCopy(v)
	}
}
