package model

import (
	"time"

	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// Role is the GraphQL Role object.
type Role struct{ r store.Role }

// NewRole returns the view of r.
func NewRole(r store.Role) *Role { return &Role{r: r} }

// Record is the stored role behind the view.
func (r *Role) Record() store.Role { return r.r }

// IsNode marks Role as a GraphQL Node.
func (*Role) IsNode() {}

// IsEntity marks Role as a GraphQL Entity.
func (*Role) IsEntity() {}

// ID is the role's node id.
func (r *Role) ID() string { return EncodeID(TypeRole, r.r.ID) }

// CreatedAt is when the role was created.
func (r *Role) CreatedAt() time.Time { return r.r.CreatedAt }

// UpdatedAt is when the role last changed.
func (r *Role) UpdatedAt() time.Time { return r.r.UpdatedAt }

// Key is the role's unique key.
func (r *Role) Key() string { return r.r.Key }

// Name is the role's optional name.
func (r *Role) Name() *string { return r.r.Name }

// Description is the role's optional description.
func (r *Role) Description() *string { return r.r.Description }

// Group is the GraphQL Group object.
type Group struct{ g store.Group }

// NewGroup returns the view of g.
func NewGroup(g store.Group) *Group { return &Group{g: g} }

// Record is the stored group behind the view.
func (g *Group) Record() store.Group { return g.g }

// IsNode marks Group as a GraphQL Node.
func (*Group) IsNode() {}

// IsEntity marks Group as a GraphQL Entity.
func (*Group) IsEntity() {}

// ID is the group's node id.
func (g *Group) ID() string { return EncodeID(TypeGroup, g.g.ID) }

// CreatedAt is when the group was created.
func (g *Group) CreatedAt() time.Time { return g.g.CreatedAt }

// UpdatedAt is when the group last changed.
func (g *Group) UpdatedAt() time.Time { return g.g.UpdatedAt }

// Key is the group's unique key.
func (g *Group) Key() string { return g.g.Key }

// Name is the group's optional name.
func (g *Group) Name() *string { return g.g.Name }

// Description is the group's optional description.
func (g *Group) Description() *string { return g.g.Description }

// Authenticator is the GraphQL Authenticator object. It never shows a
// password hash or a TOTP secret.
type Authenticator struct{ a store.Authenticator }

// NewAuthenticator returns the view of a.
func NewAuthenticator(a store.Authenticator) *Authenticator { return &Authenticator{a: a} }

// Record is the stored authenticator behind the view.
func (a *Authenticator) Record() store.Authenticator { return a.a }

// IsNode marks Authenticator as a GraphQL Node.
func (*Authenticator) IsNode() {}

// IsEntity marks Authenticator as a GraphQL Entity.
func (*Authenticator) IsEntity() {}

// ID is the authenticator's node id.
func (a *Authenticator) ID() string { return EncodeID(TypeAuthenticator, a.a.ID) }

// CreatedAt is when the authenticator was added.
func (a *Authenticator) CreatedAt() time.Time { return a.a.CreatedAt }

// UpdatedAt is when the authenticator last changed.
func (a *Authenticator) UpdatedAt() time.Time { return a.a.UpdatedAt }

// IsDefault reports whether the authenticator is the user's default
// secondary authenticator.
func (a *Authenticator) IsDefault() bool { return a.a.IsDefault }

// ExpireAfter is when a password must be changed; null if never.
func (a *Authenticator) ExpireAfter() *time.Time { return a.a.ExpireAfter }

// Authorization is the GraphQL Authorization object.
type Authorization struct{ a store.Authorization }

// NewAuthorization returns the view of a.
func NewAuthorization(a store.Authorization) *Authorization { return &Authorization{a: a} }

// Record is the stored authorization behind the view.
func (a *Authorization) Record() store.Authorization { return a.a }

// IsNode marks Authorization as a GraphQL Node.
func (*Authorization) IsNode() {}

// IsEntity marks Authorization as a GraphQL Entity.
func (*Authorization) IsEntity() {}

// ID is the authorization's node id.
func (a *Authorization) ID() string { return EncodeID(TypeAuthorization, a.a.ID) }

// CreatedAt is when the authorization was granted.
func (a *Authorization) CreatedAt() time.Time { return a.a.CreatedAt }

// UpdatedAt is when the authorization last changed.
func (a *Authorization) UpdatedAt() time.Time { return a.a.UpdatedAt }

// ClientID is the client granted access.
func (a *Authorization) ClientID() string { return a.a.ClientID }

// Scopes are the scopes granted.
func (a *Authorization) Scopes() []string { return append([]string{}, a.a.Scopes...) }

// Resource is the GraphQL Resource object.
type Resource struct{ r store.Resource }

// NewResource returns the view of r.
func NewResource(r store.Resource) *Resource { return &Resource{r: r} }

// Record is the stored resource behind the view.
func (r *Resource) Record() store.Resource { return r.r }

// IsNode marks Resource as a GraphQL Node.
func (*Resource) IsNode() {}

// IsEntity marks Resource as a GraphQL Entity.
func (*Resource) IsEntity() {}

// ID is the resource's node id.
func (r *Resource) ID() string { return EncodeID(TypeResource, r.r.ID) }

// CreatedAt is when the resource was created.
func (r *Resource) CreatedAt() time.Time { return r.r.CreatedAt }

// UpdatedAt is when the resource last changed.
func (r *Resource) UpdatedAt() time.Time { return r.r.UpdatedAt }

// ResourceURI is the resource's URI.
func (r *Resource) ResourceURI() string { return r.r.URI }

// Name is the resource's optional name.
func (r *Resource) Name() *string { return r.r.Name }

// Scope is the GraphQL Scope object.
type Scope struct{ s store.Scope }

// NewScope returns the view of s.
func NewScope(s store.Scope) *Scope { return &Scope{s: s} }

// Record is the stored scope behind the view.
func (s *Scope) Record() store.Scope { return s.s }

// IsNode marks Scope as a GraphQL Node.
func (*Scope) IsNode() {}

// IsEntity marks Scope as a GraphQL Entity.
func (*Scope) IsEntity() {}

// ID is the scope's node id.
func (s *Scope) ID() string { return EncodeID(TypeScope, s.s.ID) }

// CreatedAt is when the scope was created.
func (s *Scope) CreatedAt() time.Time { return s.s.CreatedAt }

// UpdatedAt is when the scope last changed.
func (s *Scope) UpdatedAt() time.Time { return s.s.UpdatedAt }

// ResourceID is the node id of the scope's resource.
func (s *Scope) ResourceID() string { return EncodeID(TypeResource, s.s.ResourceID) }

// Scope is the scope string.
func (s *Scope) Scope() string { return s.s.Scope }

// Description is the scope's optional description.
func (s *Scope) Description() *string { return s.s.Description }

// AuditLog is the GraphQL AuditLog object.
type AuditLog struct{ l store.AuditLog }

// NewAuditLog returns the view of l.
func NewAuditLog(l store.AuditLog) *AuditLog { return &AuditLog{l: l} }

// Record is the stored entry behind the view.
func (l *AuditLog) Record() store.AuditLog { return l.l }

// IsNode marks AuditLog as a GraphQL Node.
func (*AuditLog) IsNode() {}

// ID is the entry's node id.
func (l *AuditLog) ID() string { return EncodeID(TypeAuditLog, l.l.ID) }

// CreatedAt is when the event happened, in whole seconds.
func (l *AuditLog) CreatedAt() time.Time { return l.l.CreatedAt }

// IPAddress is the address of the request that caused the event.
func (l *AuditLog) IPAddress() *string { return optional(l.l.IPAddress) }

// UserAgent is the User-Agent of the request that caused the event.
func (l *AuditLog) UserAgent() *string { return optional(l.l.UserAgent) }

// ClientID is the OAuth client of the event; null for Admin API events.
func (l *AuditLog) ClientID() *string { return optional(l.l.ClientID) }

// Data is the event as recorded: {id, seq, type, payload, context}. It is
// a deep copy.
func (l *AuditLog) Data() map[string]any {
	out, _ := store.DeepCopy(l.l.Data).(map[string]any)
	return out
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
