package adminapi

import (
	"context"
	"iter"
	"time"
)

// Authorization is a user's consent that an OAuth client may access their
// account with some scopes.
type Authorization struct {
	// ID is the authorization's node id, which
	// [Client.DeleteAuthorization] accepts.
	ID        string
	ClientID  string
	Scopes    []string
	CreatedAt time.Time
	UpdatedAt time.Time
}

func authorizationFromFields(f *AuthorizationFields) *Authorization {
	return &Authorization{
		ID:        f.Id,
		ClientID:  f.ClientID,
		Scopes:    f.Scopes,
		CreatedAt: f.CreatedAt,
		UpdatedAt: f.UpdatedAt,
	}
}

func authorizationFieldsID(f *AuthorizationFields) string { return f.Id }

// ListAuthorizations iterates over the clients a user has authorized,
// requesting pages as the loop advances. On failure it yields (nil, err)
// once and stops; a user that does not exist gives an [*Error] matching
// [ErrNotFound].
func (c *Client) ListAuthorizations(ctx context.Context, userID string, opts *PageOptions) iter.Seq2[*Authorization, error] {
	return nodeList(ctx, c, "ListUserAuthorizations", ListUserAuthorizations_Operation, typeUser, userID, "authorizations",
		opts.size(), plainPageVars, authorizationFieldsID, authorizationFromFields)
}

// GetAuthorization reads an authorization by node id (or raw id). One that
// does not exist gives an [*Error] matching [ErrNotFound].
func (c *Client) GetAuthorization(ctx context.Context, id string) (*Authorization, error) {
	return getNode(ctx, c, "GetAuthorizationNode", GetAuthorizationNode_Operation, typeAuthorization, id, authorizationFromFields)
}

// DeleteAuthorization withdraws a client's access to a user's account; the
// client's refresh tokens for the user stop working.
func (c *Client) DeleteAuthorization(ctx context.Context, id string) error {
	nodeID, err := nodeIDOf(typeAuthorization, id)
	if err != nil {
		return err
	}
	_, err = mutate[struct{}](ctx, c, "DeleteAuthorization", DeleteAuthorization_Operation, "deleteAuthorization",
		&__DeleteAuthorizationInput{Input: DeleteAuthorizationInput{AuthorizationID: nodeID}})
	return err
}
