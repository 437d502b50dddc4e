package adminapi

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// Node types of the Admin API schema that this package reads.
const (
	typeUser          = "User"
	typeIdentity      = "Identity"
	typeAuthenticator = "Authenticator"
	typeSession       = "Session"
	typeRole          = "Role"
	typeGroup         = "Group"
	typeAuditLog      = "AuditLog"
	typeResource      = "Resource"
	typeScope         = "Scope"
	typeAuthorization = "Authorization"
)

// nodeIDOf returns the node id of an object of GraphQL type typ given its
// node id or its raw UUID. It checks the shape only, and refuses the node id
// of another type, so that a mix-up is reported before any request.
func nodeIDOf(typ, id string) (string, error) {
	if typ == typeUser {
		return UserNodeID(id)
	}
	if isUUID(id) {
		return NodeID(typ, strings.ToLower(id)), nil
	}
	got, raw, err := ParseNodeID(id)
	switch {
	case err != nil:
		return "", invalidNodeIDError(typ, id, "neither a node id nor a UUID")
	case got != typ:
		return "", invalidNodeIDError(typ, id, fmt.Sprintf("the node id of a %s, not a %s", got, typ))
	}
	return NodeID(typ, raw), nil
}

// nodeIDsOf converts ids with nodeIDOf; nil stays nil.
func nodeIDsOf(typ string, ids []string) ([]string, error) {
	if ids == nil {
		return nil, nil
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		var err error
		if out[i], err = nodeIDOf(typ, id); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func invalidNodeIDError(typ, id, why string) *Error {
	e := invalidIDError(id, why)
	e.Message = "invalid " + typ + " " + strings.TrimPrefix(e.Message, "invalid ")
	e.Hint = "pass the " + typ + "'s node id as returned by this package, or its raw UUID"
	return e
}

// notFoundError reports a node lookup that found nothing, in the shape the
// server's own NotFound errors have.
func notFoundError(op, typ, id string) *Error {
	return &Error{
		StatusCode: 200,
		Operation:  op,
		Name:       nameNotFound,
		Message:    fmt.Sprintf("%s %s not found", strings.ToLower(typ), id),
	}
}

// answerError reports an answer whose data does not have the expected
// shape.
func answerError(op string, msg string, err error) *Error {
	cause := ErrServer
	if err != nil {
		cause = fmt.Errorf("%w: %w", ErrServer, err)
	}
	return &Error{StatusCode: 200, Operation: op, Message: msg, err: cause}
}

// typedNode is the "node" of a Get<Type>Node answer: the fragment fields of
// type F and the __typename that says whether they apply.
type typedNode[F any] struct {
	Typename string `json:"__typename"`
	Fields   F
}

// UnmarshalJSON decodes the fragment fields and the type name from the same
// object.
func (n *typedNode[F]) UnmarshalJSON(data []byte) error {
	var tn struct {
		Typename string `json:"__typename"`
	}
	if err := json.Unmarshal(data, &tn); err != nil {
		return err
	}
	n.Typename = tn.Typename
	return json.Unmarshal(data, &n.Fields)
}

// getNode reads the node id of GraphQL type typ with the generated
// operation op (query), whose answer's node spreads the fragment F. A node
// that is missing, or of another type, gives an [*Error] matching
// [ErrNotFound].
func getNode[F, T any](ctx context.Context, c *Client, op, query, typ, id string, convert func(*F) *T) (*T, error) {
	nodeID, err := nodeIDOf(typ, id)
	if err != nil {
		return nil, err
	}
	var data struct {
		Node *typedNode[F] `json:"node"`
	}
	if err := c.run(ctx, op, query, map[string]any{"id": nodeID}, &data); err != nil {
		return nil, err
	}
	if data.Node == nil || data.Node.Typename != typ {
		return nil, notFoundError(op, typ, id)
	}
	return convert(&data.Node.Fields), nil
}

// nodeConnection reads one page of the connection field of the node id
// with the generated operation op (query) and its variables vars. A node
// that does not exist gives an [*Error] matching [ErrNotFound].
func nodeConnection[N any](ctx context.Context, c *Client, op, query, typ, id, field string, vars any) (*connection[N], error) {
	var data struct {
		Node map[string]json.RawMessage `json:"node"`
	}
	if err := c.run(ctx, op, query, vars, &data); err != nil {
		return nil, err
	}
	if data.Node == nil {
		return nil, notFoundError(op, typ, id)
	}
	raw, ok := data.Node[field]
	if !ok {
		return nil, nil
	}
	var conn *connection[N]
	if err := json.Unmarshal(raw, &conn); err != nil {
		return nil, answerError(op, "malformed "+field+" connection", err)
	}
	return conn, nil
}

// maxNodesPerRequest is how many ids one nodes request carries.
const maxNodesPerRequest = 100

// GetUsers reads users from the database by node id or raw UUID, in the
// order of ids, sending one request per 100 ids. An entry is nil when no
// user has that id. A malformed id fails the whole call before any request
// with an [*Error] matching [ErrInvalidInput]; so does the node id of
// another type.
func (c *Client) GetUsers(ctx context.Context, ids []string) ([]*User, error) {
	nodeIDs, err := nodeIDsOf(typeUser, ids)
	if err != nil {
		return nil, err
	}
	users := make([]*User, 0, len(ids))
	for start := 0; start < len(nodeIDs); start += maxNodesPerRequest {
		chunk := nodeIDs[start:min(start+maxNodesPerRequest, len(nodeIDs))]
		var data struct {
			Nodes []*typedNode[UserFields] `json:"nodes"`
		}
		if err := c.run(ctx, "GetUserNodes", GetUserNodes_Operation, &__GetUserNodesInput{Ids: chunk}, &data); err != nil {
			return nil, err
		}
		if len(data.Nodes) != len(chunk) {
			return nil, answerError("GetUserNodes",
				fmt.Sprintf("asked for %d nodes, got %d", len(chunk), len(data.Nodes)), nil)
		}
		for _, n := range data.Nodes {
			if n == nil || n.Typename != typeUser {
				users = append(users, nil)
				continue
			}
			users = append(users, userFromFields(&n.Fields))
		}
	}
	return users, nil
}

// mutate runs a generated mutation and returns the payload of its one
// field; a null or missing payload is reported as a server fault.
func mutate[P any](ctx context.Context, c *Client, op, query, field string, vars any) (*P, error) {
	var data map[string]*P
	if err := c.run(ctx, op, query, vars, &data); err != nil {
		return nil, err
	}
	p := data[field]
	if p == nil {
		return nil, answerError(op, "the answer has no "+field+" payload", nil)
	}
	return p, nil
}

// userPayload is the payload of the mutations that return the user they
// changed.
type userPayload struct {
	User *UserFields `json:"user"`
}

// userMutation runs a generated mutation whose payload is a user, and
// converts it.
func (c *Client) userMutation(ctx context.Context, op, query, field string, vars any) (*User, error) {
	p, err := mutate[userPayload](ctx, c, op, query, field, vars)
	if err != nil {
		return nil, err
	}
	if p.User == nil {
		return nil, answerError(op, "the answer has no user", nil)
	}
	return userFromFields(p.User), nil
}

// optString sends "" as null, the server's "not given".
func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// checkKeys refuses an empty key or list before any request.
func checkKeys(what, key, listWhat string, list []string) error {
	if key == "" {
		return invalidArgError(what + " key must not be empty")
	}
	return checkList(listWhat, list)
}

// checkList refuses an empty list, or one with an empty entry, of a
// membership change, which would be a no-op or a mistake.
func checkList(what string, list []string) error {
	if len(list) == 0 {
		return invalidArgError("no " + what + " given")
	}
	for _, s := range list {
		if s == "" {
			return invalidArgError(what + " must not contain an empty string")
		}
	}
	return nil
}

func userFieldsID(f *UserFields) string { return f.Id }
