package adminapi

import (
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"
)

// NodeID returns the Relay global id of the object of GraphQL type typ whose
// raw id is rawID: the unpadded base64url encoding of "<typ>:<rawID>".
func NodeID(typ, rawID string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(typ + ":" + rawID))
}

// ParseNodeID splits a Relay global id into its GraphQL type and raw id. It
// accepts ids with or without base64 padding. A malformed id gives an
// [*Error] that matches [ErrInvalidInput].
func ParseNodeID(id string) (typ, rawID string, err error) {
	decoded, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(id, "="))
	if err != nil {
		return "", "", invalidIDError(id, "not unpadded base64url")
	}
	if !utf8.Valid(decoded) {
		return "", "", invalidIDError(id, "does not decode to text")
	}
	typ, rawID, ok := strings.Cut(string(decoded), ":")
	if !ok || typ == "" || rawID == "" {
		return "", "", invalidIDError(id, `does not decode to "<Type>:<id>"`)
	}
	return typ, rawID, nil
}

// UserNodeID returns the node id of a user given either its node id or its
// raw UUID (the "sub" claim of the user's tokens). It checks the shape of the
// id only, not that the user exists. A malformed id, or the node id of
// another type, gives an [*Error] that matches [ErrInvalidInput].
func UserNodeID(idOrUUID string) (string, error) {
	if isUUID(idOrUUID) {
		return NodeID("User", strings.ToLower(idOrUUID)), nil
	}
	typ, raw, err := ParseNodeID(idOrUUID)
	if err != nil {
		return "", invalidIDError(idOrUUID, "neither a user node id nor a UUID")
	}
	if typ != "User" {
		return "", invalidIDError(idOrUUID, fmt.Sprintf("the node id of a %s, not a User", typ))
	}
	if !isUUID(raw) {
		return "", invalidIDError(idOrUUID, "a User node id whose raw id is not a UUID")
	}
	return NodeID("User", strings.ToLower(raw)), nil
}

// userRawID returns the raw UUID inside a user node id, or "" when the id
// does not have that shape.
func userRawID(nodeID string) string {
	typ, raw, err := ParseNodeID(nodeID)
	if err != nil || typ != "User" {
		return ""
	}
	return raw
}

// isUUID reports whether s has the 8-4-4-4-12 hexadecimal shape of a UUID.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// invalidIDError reports a malformed id without sending a request. Long ids
// are shortened so that an accidental paste of a large value does not flood
// logs.
func invalidIDError(id, why string) *Error {
	shown := id
	if len(shown) > 80 {
		shown = shown[:80] + "..."
	}
	return &Error{
		Name:    nameInvalid,
		Message: fmt.Sprintf("invalid id %q: %s", shown, why),
		Hint:    "pass a user node id (as returned by this package) or the user's raw UUID",
	}
}
