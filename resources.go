package adminapi

import (
	"context"
	"iter"
	"time"
)

// Resource is an API resource protected by Authgear: clients request
// access tokens for it with its scopes.
type Resource struct {
	// ID is the resource's node id.
	ID string
	// URI identifies the resource; the mutations take it.
	URI string
	// Name is empty when unset.
	Name string
	// ClientIDs are the OAuth clients allowed to access the resource.
	ClientIDs []string
	CreatedAt time.Time
	UpdatedAt time.Time
}

func resourceFromFields(f *ResourceFields) *Resource {
	return &Resource{
		ID:        f.Id,
		URI:       f.ResourceURI,
		Name:      deref(f.Name),
		ClientIDs: f.ClientIDs,
		CreatedAt: f.CreatedAt,
		UpdatedAt: f.UpdatedAt,
	}
}

func resourceFieldsID(f *ResourceFields) string { return f.Id }

// Scope is a scope of a [Resource].
type Scope struct {
	// ID is the scope's node id.
	ID string
	// ResourceID is the node id of the scope's resource.
	ResourceID string
	// Scope is the scope's name, e.g. "read:orders".
	Scope string
	// Description is empty when unset.
	Description string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func scopeFromFields(f *ScopeFields) *Scope {
	return &Scope{
		ID:          f.Id,
		ResourceID:  f.ResourceID,
		Scope:       f.Scope,
		Description: deref(f.Description),
		CreatedAt:   f.CreatedAt,
		UpdatedAt:   f.UpdatedAt,
	}
}

func scopeFieldsID(f *ScopeFields) string { return f.Id }

// NewResource describes a resource for [Client.CreateResource].
type NewResource struct {
	// URI identifies the resource, e.g. "https://api.example.com".
	// Required.
	URI string
	// Name is optional: nil leaves it unset.
	Name *string
}

// CreateResource creates an API resource.
func (c *Client) CreateResource(ctx context.Context, r NewResource) (*Resource, error) {
	if r.URI == "" {
		return nil, invalidArgError("NewResource.URI must not be empty")
	}
	return resourceMutation(ctx, c, "CreateResource", CreateResource_Operation, "createResource",
		&__CreateResourceInput{Input: CreateResourceInput{ResourceURI: r.URI, Name: r.Name}})
}

// GetResource reads a resource by node id (or raw id). One that does not
// exist gives an [*Error] matching [ErrNotFound].
func (c *Client) GetResource(ctx context.Context, id string) (*Resource, error) {
	return getNode(ctx, c, "GetResourceNode", GetResourceNode_Operation, typeResource, id, resourceFromFields)
}

// GetResourceByURI finds the resource with the given URI. No such resource
// gives an [*Error] matching [ErrNotFound].
func (c *Client) GetResourceByURI(ctx context.Context, uri string) (*Resource, error) {
	if uri == "" {
		return nil, invalidArgError("resource URI must not be empty")
	}
	for r, err := range c.ListResources(ctx, &ListResourcesOptions{SearchKeyword: uri}) {
		if err != nil {
			return nil, err
		}
		if r.URI == uri {
			return r, nil
		}
	}
	return nil, notFoundError("ListResources", "resource", uri)
}

// UpdateResource changes the name of the resource with the given URI: nil
// keeps it, a pointer to "" clears it, a value replaces it.
func (c *Client) UpdateResource(ctx context.Context, uri string, name *string) (*Resource, error) {
	if uri == "" {
		return nil, invalidArgError("resource URI must not be empty")
	}
	return resourceMutation(ctx, c, "UpdateResource", UpdateResource_Operation, "updateResource",
		&__UpdateResourceInput{Input: UpdateResourceInput{ResourceURI: uri, Name: name}})
}

// DeleteResource deletes the resource with the given URI, with its scopes.
func (c *Client) DeleteResource(ctx context.Context, uri string) error {
	if uri == "" {
		return invalidArgError("resource URI must not be empty")
	}
	_, err := mutate[struct{}](ctx, c, "DeleteResource", DeleteResource_Operation, "deleteResource",
		&__DeleteResourceInput{Input: DeleteResourceInput{ResourceURI: uri}})
	return err
}

// ListResourcesOptions filters and tunes [Client.ListResources]. A nil
// *ListResourcesOptions means all resources.
type ListResourcesOptions struct {
	// PageSize is the number of resources per request: 0 means 1000,
	// larger values are reduced to 1000.
	PageSize int
	// ClientID, if set, keeps only the resources that client may access.
	ClientID string
	// SearchKeyword, if set, keeps only the resources whose URI or name
	// matches it.
	SearchKeyword string
}

// ListResources iterates over the project's API resources, requesting
// pages as the loop advances. On failure it yields (nil, err) once and
// stops; breaking out of the loop stops it too.
func (c *Client) ListResources(ctx context.Context, opts *ListResourcesOptions) iter.Seq2[*Resource, error] {
	var o ListResourcesOptions
	if opts != nil {
		o = *opts
	}
	return pager[ResourceFields, Resource]{
		op: "ListResources", pageSize: o.PageSize, max: maxResourcePageSize,
		fetch: func(ctx context.Context, first int, after *string) (*connection[ResourceFields], error) {
			var data struct {
				Resources *connection[ResourceFields] `json:"resources"`
			}
			vars := &__ListResourcesInput{First: &first, After: after, ClientID: optString(o.ClientID), SearchKeyword: optString(o.SearchKeyword)}
			err := c.run(ctx, "ListResources", ListResources_Operation, vars, &data)
			return data.Resources, err
		},
		id: resourceFieldsID, convert: resourceFromFields,
	}.seq(ctx)
}

// AddResourceToClientID lets the OAuth client clientID access the resource
// with the given URI, and returns the resource.
func (c *Client) AddResourceToClientID(ctx context.Context, uri, clientID string) (*Resource, error) {
	if uri == "" || clientID == "" {
		return nil, invalidArgError("resource URI and client id must not be empty")
	}
	return resourceMutation(ctx, c, "AddResourceToClientID", AddResourceToClientID_Operation, "addResourceToClientID",
		&__AddResourceToClientIDInput{Input: AddResourceToClientIDInput{ResourceURI: uri, ClientID: clientID}})
}

// RemoveResourceFromClientID withdraws the OAuth client clientID's access to
// the resource with the given URI, and returns the resource.
func (c *Client) RemoveResourceFromClientID(ctx context.Context, uri, clientID string) (*Resource, error) {
	if uri == "" || clientID == "" {
		return nil, invalidArgError("resource URI and client id must not be empty")
	}
	return resourceMutation(ctx, c, "RemoveResourceFromClientID", RemoveResourceFromClientID_Operation, "removeResourceFromClientID",
		&__RemoveResourceFromClientIDInput{Input: RemoveResourceFromClientIDInput{ResourceURI: uri, ClientID: clientID}})
}

func resourceMutation(ctx context.Context, c *Client, op, query, field string, vars any) (*Resource, error) {
	p, err := mutate[struct {
		Resource *ResourceFields `json:"resource"`
	}](ctx, c, op, query, field, vars)
	if err != nil {
		return nil, err
	}
	if p.Resource == nil {
		return nil, answerError(op, "the answer has no resource", nil)
	}
	return resourceFromFields(p.Resource), nil
}

// NewScope describes a scope for [Client.CreateScope].
type NewScope struct {
	// Scope is the scope's name, unique within its resource. Required.
	Scope string
	// Description is optional: nil leaves it unset.
	Description *string
}

// CreateScope adds a scope to the resource with the given URI.
func (c *Client) CreateScope(ctx context.Context, uri string, s NewScope) (*Scope, error) {
	if uri == "" || s.Scope == "" {
		return nil, invalidArgError("resource URI and NewScope.Scope must not be empty")
	}
	p, err := mutate[struct {
		Scope *ScopeFields `json:"scope"`
	}](ctx, c, "CreateScope", CreateScope_Operation, "createScope",
		&__CreateScopeInput{Input: CreateScopeInput{ResourceURI: uri, Scope: s.Scope, Description: s.Description}})
	return scopePayload("CreateScope", p, err)
}

// GetScope reads a scope by node id (or raw id). One that does not exist
// gives an [*Error] matching [ErrNotFound].
func (c *Client) GetScope(ctx context.Context, id string) (*Scope, error) {
	return getNode(ctx, c, "GetScopeNode", GetScopeNode_Operation, typeScope, id, scopeFromFields)
}

// UpdateScope changes the description of a scope of the resource with the
// given URI: nil keeps it, a pointer to "" clears it, a value replaces it.
func (c *Client) UpdateScope(ctx context.Context, uri, scope string, description *string) (*Scope, error) {
	if uri == "" || scope == "" {
		return nil, invalidArgError("resource URI and scope must not be empty")
	}
	p, err := mutate[struct {
		Scope *ScopeFields `json:"scope"`
	}](ctx, c, "UpdateScope", UpdateScope_Operation, "updateScope",
		&__UpdateScopeInput{Input: UpdateScopeInput{ResourceURI: uri, Scope: scope, Description: description}})
	return scopePayload("UpdateScope", p, err)
}

func scopePayload(op string, p *struct {
	Scope *ScopeFields `json:"scope"`
}, err error,
) (*Scope, error) {
	if err != nil {
		return nil, err
	}
	if p.Scope == nil {
		return nil, answerError(op, "the answer has no scope", nil)
	}
	return scopeFromFields(p.Scope), nil
}

// DeleteScope deletes a scope of the resource with the given URI.
func (c *Client) DeleteScope(ctx context.Context, uri, scope string) error {
	if uri == "" || scope == "" {
		return invalidArgError("resource URI and scope must not be empty")
	}
	_, err := mutate[struct{}](ctx, c, "DeleteScope", DeleteScope_Operation, "deleteScope",
		&__DeleteScopeInput{Input: DeleteScopeInput{ResourceURI: uri, Scope: scope}})
	return err
}

// ListScopesOptions filters and tunes [Client.ListScopes]. A nil
// *ListScopesOptions means all the resource's scopes.
type ListScopesOptions struct {
	// PageSize is the number of scopes per request: 0 means 100, larger
	// values are reduced to 100.
	PageSize int
	// ClientID, if set, keeps only the scopes granted to that client.
	ClientID string
	// SearchKeyword, if set, keeps only the scopes matching it.
	SearchKeyword string
}

// ListScopes iterates over the scopes of the resource with node id
// resourceID ([Resource.ID]). On failure it yields (nil, err) once and
// stops; a resource that does not exist gives an [*Error] matching
// [ErrNotFound].
func (c *Client) ListScopes(ctx context.Context, resourceID string, opts *ListScopesOptions) iter.Seq2[*Scope, error] {
	var o ListScopesOptions
	if opts != nil {
		o = *opts
	}
	vars := func(nodeID string, first int, after *string) any {
		return &__ListResourceScopesInput{Id: nodeID, First: &first, After: after,
			ClientID: optString(o.ClientID), SearchKeyword: optString(o.SearchKeyword)}
	}
	return nodeList(ctx, c, "ListResourceScopes", ListResourceScopes_Operation, typeResource, resourceID, "scopes",
		o.PageSize, vars, scopeFieldsID, scopeFromFields)
}

// AddScopesToClientID grants the OAuth client clientID scopes of the
// resource with the given URI, and returns the scopes the server reports.
func (c *Client) AddScopesToClientID(ctx context.Context, uri, clientID string, scopes []string) ([]*Scope, error) {
	if err := checkClientScopes(uri, clientID, scopes, false); err != nil {
		return nil, err
	}
	return scopesMutation(ctx, c, "AddScopesToClientID", AddScopesToClientID_Operation, "addScopesToClientID",
		&__AddScopesToClientIDInput{Input: AddScopesToClientIDInput{ResourceURI: uri, ClientID: clientID, Scopes: scopes}})
}

// RemoveScopesFromClientID withdraws scopes of the resource with the given
// URI from the OAuth client clientID, and returns the scopes the server
// reports.
func (c *Client) RemoveScopesFromClientID(ctx context.Context, uri, clientID string, scopes []string) ([]*Scope, error) {
	if err := checkClientScopes(uri, clientID, scopes, false); err != nil {
		return nil, err
	}
	return scopesMutation(ctx, c, "RemoveScopesFromClientID", RemoveScopesFromClientID_Operation, "removeScopesFromClientID",
		&__RemoveScopesFromClientIDInput{Input: RemoveScopesFromClientIDInput{ResourceURI: uri, ClientID: clientID, Scopes: scopes}})
}

// ReplaceScopesOfClientID sets the scopes of the resource with the given
// URI that the OAuth client clientID is granted; an empty list withdraws
// them all. It returns the scopes the server reports.
func (c *Client) ReplaceScopesOfClientID(ctx context.Context, uri, clientID string, scopes []string) ([]*Scope, error) {
	if err := checkClientScopes(uri, clientID, scopes, true); err != nil {
		return nil, err
	}
	if scopes == nil {
		scopes = []string{} // the list is required: null would be refused
	}
	return scopesMutation(ctx, c, "ReplaceScopesOfClientID", ReplaceScopesOfClientID_Operation, "replaceScopesOfClientID",
		&__ReplaceScopesOfClientIDInput{Input: ReplaceScopesOfClientIDInput{ResourceURI: uri, ClientID: clientID, Scopes: scopes}})
}

func checkClientScopes(uri, clientID string, scopes []string, emptyOK bool) error {
	if uri == "" || clientID == "" {
		return invalidArgError("resource URI and client id must not be empty")
	}
	if emptyOK && len(scopes) == 0 {
		return nil
	}
	return checkList("scopes", scopes)
}

func scopesMutation(ctx context.Context, c *Client, op, query, field string, vars any) ([]*Scope, error) {
	p, err := mutate[struct {
		Scopes []*ScopeFields `json:"scopes"`
	}](ctx, c, op, query, field, vars)
	if err != nil {
		return nil, err
	}
	out := make([]*Scope, 0, len(p.Scopes))
	for _, s := range p.Scopes {
		if s != nil {
			out = append(out, scopeFromFields(s))
		}
	}
	return out, nil
}
