package adminapitest

import (
	"net/http"

	"github.com/authgear-admin/adminapi/adminapitest/internal/resolver"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// withAuditRequest passes what the audit log records about a request (the
// caller's address and User-Agent, the URL and the audit_context claim of
// the token, which requireAuth verified) to the resolvers.
func withAuditRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info := store.RequestInfo{
			IPAddress: remoteIP(r),
			UserAgent: r.UserAgent(),
			URL:       requestURL(r),
		}
		if rec := recordFrom(r.Context()); rec != nil && rec.TokenClaims != nil {
			info.AuditContext = rec.TokenClaims.AuditContext
		}
		next.ServeHTTP(w, r.WithContext(resolver.WithRequest(r.Context(), info)))
	})
}

// requestURL is the URL the request was sent to, as the server sees it.
func requestURL(r *http.Request) string {
	u := *r.URL
	u.Scheme, u.Host = "http", r.Host
	if r.TLS != nil {
		u.Scheme = "https"
	}
	return u.String()
}
