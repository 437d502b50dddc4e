package adminapi

import (
	"context"
	"fmt"
	"iter"
	"log/slog"
)

func identityFromFields(f *IdentityFields) *Identity {
	key, _ := f.Claims[claimLoginIDKey].(string)
	value, _ := f.Claims[claimLoginIDValue].(string)
	return &Identity{
		ID:           f.Id,
		Type:         f.Type,
		Claims:       f.Claims,
		LoginIDKey:   LoginIDKey(key),
		LoginIDValue: value,
		CreatedAt:    f.CreatedAt,
		UpdatedAt:    f.UpdatedAt,
	}
}

func identityFieldsID(f *IdentityFields) string { return f.Id }

// ListIdentitiesOptions tunes [Client.ListIdentities]. A nil
// *ListIdentitiesOptions means all defaults.
type ListIdentitiesOptions struct {
	// PageSize is the number of identities per request: 0 means 100,
	// larger values are reduced to 100.
	PageSize int
	// Type, if set, keeps only identities of that type, e.g.
	// IdentityTypeOauth for the user's OAuth connections.
	Type IdentityType
}

// ListIdentities iterates over a user's identities (login ids, OAuth
// connections, passkeys, ...), requesting pages as the loop advances. On
// failure it yields (nil, err) once and stops; a user that does not exist
// gives an [*Error] matching [ErrNotFound].
func (c *Client) ListIdentities(ctx context.Context, userID string, opts *ListIdentitiesOptions) iter.Seq2[*Identity, error] {
	var o ListIdentitiesOptions
	if opts != nil {
		o = *opts
	}
	var typ *IdentityType
	if o.Type != "" {
		typ = &o.Type
	}
	vars := func(nodeID string, first int, after *string) any {
		return &__ListUserIdentitiesInput{Id: nodeID, First: &first, After: after, IdentityType: typ}
	}
	return nodeList(ctx, c, "ListUserIdentities", ListUserIdentities_Operation, typeUser, userID, "identities",
		o.PageSize, vars, identityFieldsID, identityFromFields)
}

// GetIdentity reads an identity by node id (or raw id). An identity that
// does not exist gives an [*Error] matching [ErrNotFound].
func (c *Client) GetIdentity(ctx context.Context, id string) (*Identity, error) {
	return getNode(ctx, c, "GetIdentityNode", GetIdentityNode_Operation, typeIdentity, id, identityFromFields)
}

// NewIdentity describes a login id identity for [Client.CreateIdentity].
// Its String, GoString and LogValue methods never show the password.
type NewIdentity struct {
	// LoginID is the new login id. Required.
	LoginID LoginID
	// Password, if not nil, becomes the user's password when the user has
	// none yet; nil sets no password.
	Password *string
}

// String describes n without its password.
func (n NewIdentity) String() string {
	return fmt.Sprintf("adminapi.NewIdentity{LoginID: %s %q, Password: %s}",
		n.LoginID.Key, n.LoginID.Value, describePassword(n.Password))
}

// GoString is like String, for %#v.
func (n NewIdentity) GoString() string { return n.String() }

// LogValue describes n for log/slog without its password.
func (n NewIdentity) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("login_id_key", string(n.LoginID.Key)),
		slog.String("login_id_value", n.LoginID.Value),
		slog.String("password", describePassword(n.Password)),
	)
}

// CreateIdentity adds a login id to a user. A login id another user holds
// gives an [*Error] matching [ErrAlreadyExists].
func (c *Client) CreateIdentity(ctx context.Context, userID string, n NewIdentity) (*Identity, error) {
	nodeID, err := UserNodeID(userID)
	if err != nil {
		return nil, err
	}
	def, err := loginIDDefinition(n.LoginID)
	if err != nil {
		return nil, err
	}
	return identityMutation(ctx, c, "CreateIdentity", CreateIdentity_Operation, "createIdentity",
		&__CreateIdentityInput{Input: CreateIdentityInput{UserID: nodeID, Definition: def, Password: n.Password}})
}

// UpdateIdentity replaces the login id of one of a user's login id
// identities.
func (c *Client) UpdateIdentity(ctx context.Context, userID, identityID string, loginID LoginID) (*Identity, error) {
	nodeID, err := UserNodeID(userID)
	if err != nil {
		return nil, err
	}
	iid, err := nodeIDOf(typeIdentity, identityID)
	if err != nil {
		return nil, err
	}
	def, err := loginIDDefinition(loginID)
	if err != nil {
		return nil, err
	}
	return identityMutation(ctx, c, "UpdateIdentity", UpdateIdentity_Operation, "updateIdentity",
		&__UpdateIdentityInput{Input: UpdateIdentityInput{UserID: nodeID, IdentityID: iid, Definition: def}})
}

// DeleteIdentity deletes an identity. The server refuses to delete a
// user's last way to sign in.
func (c *Client) DeleteIdentity(ctx context.Context, identityID string) error {
	iid, err := nodeIDOf(typeIdentity, identityID)
	if err != nil {
		return err
	}
	_, err = mutate[struct{}](ctx, c, "DeleteIdentity", DeleteIdentity_Operation, "deleteIdentity",
		&__DeleteIdentityInput{Input: DeleteIdentityInput{IdentityID: iid}})
	return err
}

// GetUserByOAuth reads from the database the user connected to the
// account providerUserID (the provider's "sub") of the OAuth provider
// configured with alias providerAlias. No such user gives an [*Error]
// matching [ErrNotFound].
func (c *Client) GetUserByOAuth(ctx context.Context, providerAlias, providerUserID string) (*User, error) {
	if providerAlias == "" || providerUserID == "" {
		return nil, invalidArgError("OAuth provider alias and user id must not be empty")
	}
	var data struct {
		User *UserFields `json:"getUserByOAuth"`
	}
	vars := &__GetUserByOAuthInput{OauthProviderAlias: providerAlias, OauthProviderUserID: providerUserID}
	if err := c.run(ctx, "GetUserByOAuth", GetUserByOAuth_Operation, vars, &data); err != nil {
		return nil, err
	}
	if data.User == nil {
		return nil, notFoundError("GetUserByOAuth", "user of "+providerAlias+" account", providerUserID)
	}
	return userFromFields(data.User), nil
}

// GetWeb3Claims reads a user's blockchain account claims (the "web3"
// field), exactly as the server sends them.
func (c *Client) GetWeb3Claims(ctx context.Context, userID string) (JSONObject, error) {
	nodeID, err := UserNodeID(userID)
	if err != nil {
		return nil, err
	}
	var data struct {
		Node *struct {
			Web3 JSONObject `json:"web3"`
		} `json:"node"`
	}
	if err := c.run(ctx, "GetUserWeb3", GetUserWeb3_Operation, &__GetUserWeb3Input{Id: nodeID}, &data); err != nil {
		return nil, err
	}
	if data.Node == nil {
		return nil, notFoundError("GetUserWeb3", typeUser, userID)
	}
	return data.Node.Web3, nil
}

func loginIDDefinition(l LoginID) (IdentityDefinition, error) {
	if l.Key == "" || l.Value == "" {
		return IdentityDefinition{}, invalidArgError("the login id needs a key and a value")
	}
	return IdentityDefinition{LoginID: &IdentityDefinitionLoginID{Key: string(l.Key), Value: l.Value}}, nil
}

// identityMutation runs a generated mutation whose payload is an identity.
func identityMutation(ctx context.Context, c *Client, op, query, field string, vars any) (*Identity, error) {
	p, err := mutate[struct {
		Identity *IdentityFields `json:"identity"`
	}](ctx, c, op, query, field, vars)
	if err != nil {
		return nil, err
	}
	if p.Identity == nil {
		return nil, answerError(op, "the answer has no identity", nil)
	}
	return identityFromFields(p.Identity), nil
}
