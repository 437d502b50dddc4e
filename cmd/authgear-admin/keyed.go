package main

import (
	"context"
	"iter"
	"regexp"
	"time"

	"github.com/authgear-admin/adminapi"
)

// keyed is a role or a group: the two have the same fields, and the
// commands that manage them are the same but for names.
type keyed struct {
	ID          string
	Key         string
	Name        string
	Description string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func fromRole(r *adminapi.Role) *keyed {
	return &keyed{ID: r.ID, Key: r.Key, Name: r.Name, Description: r.Description, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func fromGroup(g *adminapi.Group) *keyed {
	return &keyed{ID: g.ID, Key: g.Key, Name: g.Name, Description: g.Description, CreatedAt: g.CreatedAt, UpdatedAt: g.UpdatedAt}
}

// keyedView is a role or group as printed in JSON and YAML. Every key is
// always present, null when unset.
type keyedView struct {
	ID          string    `json:"id"`
	Key         string    `json:"key"`
	Name        *string   `json:"name"`
	Description *string   `json:"description"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
}

func viewKeyed(k *keyed) keyedView {
	return keyedView{ID: k.ID, Key: k.Key, Name: nonEmpty(k.Name), Description: nonEmpty(k.Description), CreatedAt: k.CreatedAt, UpdatedAt: k.UpdatedAt}
}

var keyedListHeader = []string{"KEY", "NAME", "DESCRIPTION", "CREATED"}

func keyedRow(k *keyed) []string {
	return []string{k.Key, k.Name, k.Description, fmtTime(&k.CreatedAt)}
}

func keyedTable(k *keyed) *table {
	t := &table{header: []string{"FIELD", "VALUE"}}
	t.append("ID", k.ID)
	t.append("Key", k.Key)
	t.append("Name", k.Name)
	t.append("Description", k.Description)
	t.append("Created", fmtTime(&k.CreatedAt))
	t.append("Updated", fmtTime(&k.UpdatedAt))
	return t
}

// keyedUpdate is a change to a role or group; nil fields are kept.
type keyedUpdate struct {
	Key, Name, Description *string
}

// kind is what the role and group commands need to know about their
// objects: names, and the library calls for each operation.
type kind struct {
	noun     string // "role"
	plural   string // "roles"
	nodeType string // "Role", the node id type

	list    func(ctx context.Context, c *adminapi.Client, pageSize int) iter.Seq2[*keyed, error]
	search  func(ctx context.Context, c *adminapi.Client, keyword string, pageSize int) iter.Seq2[*keyed, error]
	get     func(ctx context.Context, c *adminapi.Client, id string) (*keyed, error)
	byKey   func(ctx context.Context, c *adminapi.Client, key string) (*keyed, error)
	create  func(ctx context.Context, c *adminapi.Client, key string, name, description *string) (*keyed, error)
	update  func(ctx context.Context, c *adminapi.Client, id string, u keyedUpdate) (*keyed, error)
	delete  func(ctx context.Context, c *adminapi.Client, id string) error
	members func(ctx context.Context, c *adminapi.Client, id string, pageSize int) iter.Seq2[*adminapi.User, error]
	// addUsers and removeUsers change the members of the object with key.
	addUsers    func(ctx context.Context, c *adminapi.Client, key string, userIDs []string) error
	removeUsers func(ctx context.Context, c *adminapi.Client, key string, userIDs []string) error

	// The objects of the other kind linked to this one (a role's groups,
	// a group's roles), and changes to the links.
	other        *kind
	linked       func(ctx context.Context, c *adminapi.Client, id string, pageSize int) iter.Seq2[*keyed, error]
	addLinked    func(ctx context.Context, c *adminapi.Client, key string, otherKeys []string) error
	removeLinked func(ctx context.Context, c *adminapi.Client, key string, otherKeys []string) error

	// Of a user: the objects they have, and changes to them.
	ofUser         func(ctx context.Context, c *adminapi.Client, userID string, pageSize int) iter.Seq2[*keyed, error]
	addToUser      func(ctx context.Context, c *adminapi.Client, userID string, keys []string) error
	removeFromUser func(ctx context.Context, c *adminapi.Client, userID string, keys []string) error
}

// listing returns how a list of objects of the kind prints.
func (k *kind) listing() listing[*keyed] {
	return listing[*keyed]{
		noun:   k.plural,
		header: keyedListHeader,
		view:   func(v *keyed) (any, []string) { return viewKeyed(v), keyedRow(v) },
	}
}

var uuidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// isID reports whether arg is an id (a raw UUID or a node id of type typ)
// rather than a key. Keys cannot contain "-", and a key that happened to
// decode as a node id would also have to name the type.
func isID(typ, arg string) bool {
	if uuidRE.MatchString(arg) {
		return true
	}
	t, _, err := adminapi.ParseNodeID(arg)
	return err == nil && t == typ
}

// resolve finds the object named by arg, a key or an id.
func (k *kind) resolve(ctx context.Context, c *adminapi.Client, arg string) (*keyed, error) {
	if isID(k.nodeType, arg) {
		return k.get(ctx, c, arg)
	}
	return k.byKey(ctx, c, arg)
}

// keys returns the keys of the objects named by args, keys or ids; only
// ids are looked up.
func (k *kind) keys(ctx context.Context, c *adminapi.Client, args []string) ([]string, error) {
	out := make([]string, 0, len(args))
	for _, arg := range args {
		if !isID(k.nodeType, arg) {
			out = append(out, arg)
			continue
		}
		obj, err := k.get(ctx, c, arg)
		if err != nil {
			return nil, err
		}
		out = append(out, obj.Key)
	}
	return out, nil
}

// mapSeq converts the items of seq with f.
func mapSeq[T, U any](seq iter.Seq2[T, error], f func(T) U) iter.Seq2[U, error] {
	return func(yield func(U, error) bool) {
		for v, err := range seq {
			var u U
			if err == nil {
				u = f(v)
			}
			if !yield(u, err) {
				return
			}
		}
	}
}
