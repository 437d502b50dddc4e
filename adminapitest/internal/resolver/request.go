package resolver

import (
	"context"

	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

type requestKey struct{}

type clientIPKey struct{}

// WithRequest returns a context carrying what the server records about a
// request in the audit log: the caller's address and User-Agent, the URL
// and the audit_context claim of its token.
func WithRequest(ctx context.Context, info store.RequestInfo) context.Context {
	return context.WithValue(ctx, requestKey{}, info)
}

// WithClientIP returns a context carrying the caller's IP address, which
// createSession records and audit log entries show.
func WithClientIP(ctx context.Context, ip string) context.Context {
	return context.WithValue(ctx, clientIPKey{}, ip)
}

func clientIP(ctx context.Context) string {
	if ip, _ := ctx.Value(clientIPKey{}).(string); ip != "" {
		return ip
	}
	info, _ := ctx.Value(requestKey{}).(store.RequestInfo)
	return info.IPAddress
}

// requestInfo returns the request's details for the audit log.
func requestInfo(ctx context.Context) store.RequestInfo {
	info, _ := ctx.Value(requestKey{}).(store.RequestInfo)
	if info.IPAddress == "" {
		info.IPAddress = clientIP(ctx)
	}
	return info
}
