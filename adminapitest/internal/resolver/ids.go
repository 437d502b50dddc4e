package resolver

import (
	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
)

// decodeID returns the raw id of a node id of the given type; anything
// else is the server's "invalid <what> ID" error.
func decodeID(typ, id, what string) (string, error) {
	raw, ok := model.DecodeIDOf(typ, id)
	if !ok {
		return "", apierr.New(apierr.Invalid, "Invalid", "invalid "+what+" ID")
	}
	return raw, nil
}

// userID decodes a user node id; the server refuses raw UUIDs too.
func userID(id string) (string, error) { return decodeID(model.TypeUser, id, "user") }

func identityID(id string) (string, error) { return decodeID(model.TypeIdentity, id, "identity") }

// userIDs decodes a list of user node ids.
func userIDs(ids []string) ([]string, error) {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		raw, err := userID(id)
		if err != nil {
			return nil, err
		}
		out = append(out, raw)
	}
	return out, nil
}
