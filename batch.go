package adminapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
	"github.com/vektah/gqlparser/v2/parser"
)

// MaxMutationFields is the largest number of top-level mutation fields the
// server accepts in one request; it refuses more with HTTP 400 before
// running any.
const MaxMutationFields = 5

// Batch collects mutations for [Client.RunBatch], which sends them in as
// few requests as the server allows: up to [MaxMutationFields] mutations
// per request, each an aliased field of one GraphQL document.
//
// Each request is atomic on the server: if any of its mutations fails, the
// server rolls back all of them, and every item of that request reports
// that request's error. The batch as a whole is NOT atomic: requests that
// succeeded before or after a failed one stay applied. Requests are sent
// one after another, and the mutations of a request run one after another,
// in the order the items were added. [Batch.Flush] starts a new request, to
// keep items from being rolled back together.
//
// The zero Batch is empty and ready to use. Its methods check their
// arguments at once; an invalid one makes [Client.RunBatch] fail before
// sending anything. A Batch is not safe for concurrent use.
type Batch struct {
	items     []batchItem
	flushNext bool
}

type batchItem struct {
	op    *batchOp
	input any   // the generated input struct, sent as a variable
	err   error // an argument error found when the item was added
	flush bool  // start a new request with this item
}

// batchOp is a mutation a Batch can hold: the generated operation whose
// root field, input type, selection and fragments it reuses, and how to
// read that field's payload.
type batchOp struct {
	query  string
	result func(raw json.RawMessage, r *BatchResult) error
}

// Len returns the number of items added so far.
func (b *Batch) Len() int { return len(b.items) }

// Flush makes the next item start a new request, so that a failure of it
// or of a later item does not roll back the items added before.
func (b *Batch) Flush() { b.flushNext = true }

func (b *Batch) add(op *batchOp, input any, err error) int {
	b.items = append(b.items, batchItem{op: op, input: input, err: err, flush: b.flushNext})
	b.flushNext = false
	return len(b.items) - 1
}

// BatchResult is the outcome of one item of a [Batch].
type BatchResult struct {
	// Field is the item's mutation, e.g. "createUser".
	Field string
	// Request is the 0-based number of the request the item was sent in.
	Request int
	// User is the user the mutation returned, for items that return one
	// (create/update/disable/enable user, add/remove a user to/from roles
	// or groups). Role and Group likewise.
	User  *User
	Role  *Role
	Group *Group
	// Err is nil when the item's request succeeded. Otherwise it is that
	// request's error, and the server changed nothing for any item of the
	// request.
	Err error
}

// BatchError reports the requests of a batch that failed. Each failed
// request's error is in Errs, and in the [BatchResult.Err] of its items.
type BatchError struct {
	// Requests is the number of requests sent.
	Requests int
	// Errs holds one error per failed request.
	Errs []error
}

// Error summarizes the failures.
func (e *BatchError) Error() string {
	msg := fmt.Sprintf("adminapi: batch: %d of %d requests failed (their items were rolled back, the others applied)",
		len(e.Errs), e.Requests)
	if len(e.Errs) > 0 {
		msg += ": " + strings.TrimPrefix(e.Errs[0].Error(), "adminapi: ")
	}
	return msg
}

// Unwrap returns the requests' errors, so that [errors.Is] and [errors.As]
// see each of them.
func (e *BatchError) Unwrap() []error { return e.Errs }

// RunBatch sends the items of b, [MaxMutationFields] per request, in order,
// and returns one result per item. The error is nil when every request
// succeeded, a [*BatchError] when some failed (see each result's Err), or
// an [*Error] matching [ErrInvalidInput] when an item was invalid, in which
// case nothing was sent. RunBatch does not empty b.
//
// Every request carries the audit context of ctx, if any (see
// [github.com/authgear-admin/adminapi/auth.ContextWithAuditContext]).
func (c *Client) RunBatch(ctx context.Context, b *Batch) ([]BatchResult, error) {
	if b == nil || len(b.items) == 0 {
		return nil, nil
	}
	parsed, err := batchOpsParsed()
	if err != nil {
		return nil, err
	}
	for i, it := range b.items {
		if it.err != nil {
			msg := it.err.Error()
			var e *Error
			if errors.As(it.err, &e) {
				msg = e.Message
			}
			return nil, &Error{Name: nameInvalid, Message: fmt.Sprintf("batch item %d (%s): %s", i, parsed[it.op].field, msg)}
		}
	}
	results := make([]BatchResult, len(b.items))
	berr := &BatchError{}
	for _, chunk := range splitBatch(b.items) {
		req := berr.Requests
		berr.Requests++
		items := b.items[chunk[0]:chunk[1]]
		query, vars := batchDocument(parsed, items)
		var data map[string]json.RawMessage
		err := c.run(ctx, "Batch", query, vars, &data)
		for k := range items {
			r := &results[chunk[0]+k]
			r.Field, r.Request, r.Err = parsed[items[k].op].field, req, err
			if err == nil {
				if rerr := items[k].op.result(data["m"+strconv.Itoa(k)], r); rerr != nil {
					r.Err = answerError("Batch", "malformed "+r.Field+" result", rerr)
				}
			}
		}
		if err != nil {
			berr.Errs = append(berr.Errs, err)
		}
	}
	if len(berr.Errs) > 0 {
		return results, berr
	}
	return results, nil
}

// splitBatch returns the [start, end) index ranges of the requests: at most
// MaxMutationFields items each, and a new one at every flushed item.
func splitBatch(items []batchItem) [][2]int {
	var chunks [][2]int
	start := 0
	for i := range items {
		if i > start && (i-start == MaxMutationFields || items[i].flush) {
			chunks = append(chunks, [2]int{start, i})
			start = i
		}
	}
	if start < len(items) {
		chunks = append(chunks, [2]int{start, len(items)})
	}
	return chunks
}

// parsedBatchOp is a generated operation taken apart.
type parsedBatchOp struct {
	field     string
	inputType *ast.Type
	selection ast.SelectionSet
	fragments ast.FragmentDefinitionList
}

// batchOpsParsed parses the generated operations of the batchable
// mutations once.
var batchOpsParsed = sync.OnceValues(func() (map[*batchOp]parsedBatchOp, error) {
	out := make(map[*batchOp]parsedBatchOp, len(batchOps))
	for _, op := range batchOps {
		doc, err := parser.ParseQuery(&ast.Source{Input: op.query})
		if err != nil {
			return nil, fmt.Errorf("adminapi: parsing a generated operation: %w", err)
		}
		if len(doc.Operations) != 1 || len(doc.Operations[0].SelectionSet) != 1 || len(doc.Operations[0].VariableDefinitions) != 1 {
			return nil, errors.New("adminapi: a generated batch operation does not have one field and one variable")
		}
		o := doc.Operations[0]
		f, ok := o.SelectionSet[0].(*ast.Field)
		if !ok {
			return nil, errors.New("adminapi: a generated batch operation's root selection is not a field")
		}
		out[op] = parsedBatchOp{field: f.Name, inputType: o.VariableDefinitions[0].Type, selection: f.SelectionSet, fragments: doc.Fragments}
	}
	return out, nil
})

// batchDocument builds the GraphQL document of one request: field k is
// aliased mk and takes its input from the variable $inputk. Only the
// generated operations' parsed syntax trees go into the document; every
// value travels in the variables.
func batchDocument(parsed map[*batchOp]parsedBatchOp, items []batchItem) (string, map[string]any) {
	op := &ast.OperationDefinition{Operation: ast.Mutation, Name: "Batch"}
	doc := &ast.QueryDocument{Operations: ast.OperationList{op}}
	vars := make(map[string]any, len(items))
	haveFragment := map[string]bool{}
	for k, it := range items {
		p := parsed[it.op]
		v := "input" + strconv.Itoa(k)
		vars[v] = it.input
		op.VariableDefinitions = append(op.VariableDefinitions, &ast.VariableDefinition{Variable: v, Type: p.inputType})
		op.SelectionSet = append(op.SelectionSet, &ast.Field{
			Alias:        "m" + strconv.Itoa(k),
			Name:         p.field,
			Arguments:    ast.ArgumentList{{Name: "input", Value: &ast.Value{Kind: ast.Variable, Raw: v}}},
			SelectionSet: p.selection,
		})
		for _, f := range p.fragments {
			if !haveFragment[f.Name] {
				haveFragment[f.Name] = true
				doc.Fragments = append(doc.Fragments, f)
			}
		}
	}
	var sb strings.Builder
	formatter.NewFormatter(&sb, formatter.WithIndent("  ")).FormatQueryDocument(doc)
	return sb.String(), vars
}

// The mutations a Batch can hold.
var (
	batchCreateUser           = &batchOp{CreateUser_Operation, userResult}
	batchUpdateUser           = &batchOp{UpdateUser_Operation, userResult}
	batchDeleteUser           = &batchOp{DeleteUser_Operation, noResult}
	batchSetDisabledStatus    = &batchOp{SetDisabledStatus_Operation, userResult}
	batchAddRoleToUsers       = &batchOp{AddRoleToUsers_Operation, roleResult}
	batchRemoveRoleFromUsers  = &batchOp{RemoveRoleFromUsers_Operation, roleResult}
	batchAddUserToRoles       = &batchOp{AddUserToRoles_Operation, userResult}
	batchRemoveUserFromRoles  = &batchOp{RemoveUserFromRoles_Operation, userResult}
	batchAddRoleToGroups      = &batchOp{AddRoleToGroups_Operation, roleResult}
	batchRemoveRoleFromGroups = &batchOp{RemoveRoleFromGroups_Operation, roleResult}
	batchAddGroupToUsers      = &batchOp{AddGroupToUsers_Operation, groupResult}
	batchRemoveGroupFromUsers = &batchOp{RemoveGroupFromUsers_Operation, groupResult}
	batchAddUserToGroups      = &batchOp{AddUserToGroups_Operation, userResult}
	batchRemoveUserFromGroups = &batchOp{RemoveUserFromGroups_Operation, userResult}
	batchAddGroupToRoles      = &batchOp{AddGroupToRoles_Operation, groupResult}
	batchRemoveGroupFromRoles = &batchOp{RemoveGroupFromRoles_Operation, groupResult}

	batchOps = []*batchOp{
		batchCreateUser, batchUpdateUser, batchDeleteUser, batchSetDisabledStatus,
		batchAddRoleToUsers, batchRemoveRoleFromUsers, batchAddUserToRoles, batchRemoveUserFromRoles,
		batchAddRoleToGroups, batchRemoveRoleFromGroups,
		batchAddGroupToUsers, batchRemoveGroupFromUsers, batchAddUserToGroups, batchRemoveUserFromGroups,
		batchAddGroupToRoles, batchRemoveGroupFromRoles,
	}
)

func noResult(json.RawMessage, *BatchResult) error { return nil }

// payloadResult returns a result reader that decodes a payload P and lets
// set copy its object into the result; set reports whether there was one.
func payloadResult[P any](set func(*P, *BatchResult) bool) func(json.RawMessage, *BatchResult) error {
	return func(raw json.RawMessage, r *BatchResult) error {
		var p P
		if err := json.Unmarshal(raw, &p); err != nil {
			return err
		}
		if !set(&p, r) {
			return errors.New("empty payload")
		}
		return nil
	}
}

var (
	userResult = payloadResult(func(p *userPayload, r *BatchResult) bool {
		if p.User != nil {
			r.User = userFromFields(p.User)
		}
		return p.User != nil
	})
	roleResult = payloadResult(func(p *rolePayload, r *BatchResult) bool {
		if p.Role != nil {
			r.Role = roleFromFields(p.Role)
		}
		return p.Role != nil
	})
	groupResult = payloadResult(func(p *groupPayload, r *BatchResult) bool {
		if p.Group != nil {
			r.Group = groupFromFields(p.Group)
		}
		return p.Group != nil
	})
)

// The methods below add one item each and return its index in the results
// of [Client.RunBatch]. They take the arguments of the [Client] methods of
// the same names.

// CreateUser adds [Client.CreateUser].
func (b *Batch) CreateUser(nu NewUser) int {
	var err error
	if nu.LoginID.Key == "" || nu.LoginID.Value == "" {
		err = invalidArgError("NewUser.LoginID needs a key and a value")
	}
	return b.add(batchCreateUser, CreateUserInput{
		Definition: IdentityDefinition{LoginID: &IdentityDefinitionLoginID{
			Key: string(nu.LoginID.Key), Value: nu.LoginID.Value,
		}},
		Password:           nu.Password,
		SendPassword:       trueOrNil(nu.SendPassword),
		SetPasswordExpired: trueOrNil(nu.SetPasswordExpired),
		AccountValidFrom:   nu.AccountValidFrom,
		AccountValidUntil:  nu.AccountValidUntil,
	}, err)
}

// UpdateUser adds [Client.UpdateUser]: each attribute object given
// replaces the stored one whole.
func (b *Batch) UpdateUser(userID string, upd UserUpdate) int {
	id, err := UserNodeID(userID)
	if err == nil && upd.StandardAttributes == nil && upd.CustomAttributes == nil {
		err = invalidArgError("UserUpdate is empty: set StandardAttributes or CustomAttributes")
	}
	in := UpdateUserInput{UserID: id, StandardAttributes: upd.StandardAttributes}
	if upd.CustomAttributes != nil {
		in.CustomAttributes = &upd.CustomAttributes
	}
	return b.add(batchUpdateUser, in, err)
}

// DeleteUser adds [Client.DeleteUser].
func (b *Batch) DeleteUser(userID string) int {
	id, err := UserNodeID(userID)
	return b.add(batchDeleteUser, DeleteUserInput{UserID: id}, err)
}

// DisableUser adds [Client.DisableUser].
func (b *Batch) DisableUser(userID, reason string) int {
	id, err := UserNodeID(userID)
	return b.add(batchSetDisabledStatus, SetDisabledStatusInput{UserID: id, IsDisabled: true, Reason: optString(reason)}, err)
}

// EnableUser adds [Client.EnableUser].
func (b *Batch) EnableUser(userID string) int {
	id, err := UserNodeID(userID)
	return b.add(batchSetDisabledStatus, SetDisabledStatusInput{UserID: id}, err)
}

// AddRoleToUsers adds [Client.AddRoleToUsers].
func (b *Batch) AddRoleToUsers(roleKey string, userIDs []string) int {
	in, err := roleUsersInput(roleKey, userIDs)
	return b.add(batchAddRoleToUsers, AddRoleToUsersInput(in), err)
}

// RemoveRoleFromUsers adds [Client.RemoveRoleFromUsers].
func (b *Batch) RemoveRoleFromUsers(roleKey string, userIDs []string) int {
	in, err := roleUsersInput(roleKey, userIDs)
	return b.add(batchRemoveRoleFromUsers, RemoveRoleFromUsersInput(in), err)
}

// AddUserToRoles adds [Client.AddUserToRoles].
func (b *Batch) AddUserToRoles(userID string, roleKeys []string) int {
	in, err := userRolesInput(userID, roleKeys)
	return b.add(batchAddUserToRoles, AddUserToRolesInput(in), err)
}

// RemoveUserFromRoles adds [Client.RemoveUserFromRoles].
func (b *Batch) RemoveUserFromRoles(userID string, roleKeys []string) int {
	in, err := userRolesInput(userID, roleKeys)
	return b.add(batchRemoveUserFromRoles, RemoveUserFromRolesInput(in), err)
}

// AddRoleToGroups adds [Client.AddRoleToGroups].
func (b *Batch) AddRoleToGroups(roleKey string, groupKeys []string) int {
	err := checkKeys("role", roleKey, "group keys", groupKeys)
	return b.add(batchAddRoleToGroups, AddRoleToGroupsInput{RoleKey: roleKey, GroupKeys: groupKeys}, err)
}

// RemoveRoleFromGroups adds [Client.RemoveRoleFromGroups].
func (b *Batch) RemoveRoleFromGroups(roleKey string, groupKeys []string) int {
	err := checkKeys("role", roleKey, "group keys", groupKeys)
	return b.add(batchRemoveRoleFromGroups, RemoveRoleFromGroupsInput{RoleKey: roleKey, GroupKeys: groupKeys}, err)
}

// AddGroupToUsers adds [Client.AddGroupToUsers].
func (b *Batch) AddGroupToUsers(groupKey string, userIDs []string) int {
	in, err := groupUsersInput(groupKey, userIDs)
	return b.add(batchAddGroupToUsers, AddGroupToUsersInput(in), err)
}

// RemoveGroupFromUsers adds [Client.RemoveGroupFromUsers].
func (b *Batch) RemoveGroupFromUsers(groupKey string, userIDs []string) int {
	in, err := groupUsersInput(groupKey, userIDs)
	return b.add(batchRemoveGroupFromUsers, RemoveGroupFromUsersInput(in), err)
}

// AddUserToGroups adds [Client.AddUserToGroups].
func (b *Batch) AddUserToGroups(userID string, groupKeys []string) int {
	in, err := userGroupsInput(userID, groupKeys)
	return b.add(batchAddUserToGroups, AddUserToGroupsInput(in), err)
}

// RemoveUserFromGroups adds [Client.RemoveUserFromGroups].
func (b *Batch) RemoveUserFromGroups(userID string, groupKeys []string) int {
	in, err := userGroupsInput(userID, groupKeys)
	return b.add(batchRemoveUserFromGroups, RemoveUserFromGroupsInput(in), err)
}

// AddGroupToRoles adds [Client.AddGroupToRoles].
func (b *Batch) AddGroupToRoles(groupKey string, roleKeys []string) int {
	err := checkKeys("group", groupKey, "role keys", roleKeys)
	return b.add(batchAddGroupToRoles, AddGroupToRolesInput{GroupKey: groupKey, RoleKeys: roleKeys}, err)
}

// RemoveGroupFromRoles adds [Client.RemoveGroupFromRoles].
func (b *Batch) RemoveGroupFromRoles(groupKey string, roleKeys []string) int {
	err := checkKeys("group", groupKey, "role keys", roleKeys)
	return b.add(batchRemoveGroupFromRoles, RemoveGroupFromRolesInput{GroupKey: groupKey, RoleKeys: roleKeys}, err)
}
