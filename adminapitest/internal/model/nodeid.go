package model

import (
	"encoding/base64"
	"strings"
)

// Node types the emulator resolves.
const (
	TypeUser          = "User"
	TypeIdentity      = "Identity"
	TypeSession       = "Session"
	TypeAuthenticator = "Authenticator"
	TypeAuthorization = "Authorization"
	TypeRole          = "Role"
	TypeGroup         = "Group"
	TypeResource      = "Resource"
	TypeScope         = "Scope"
	TypeAuditLog      = "AuditLog"
)

// EncodeID returns the Relay global id of a node: base64url without padding
// of "<type>:<raw id>".
func EncodeID(typ, raw string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(typ + ":" + raw))
}

// DecodeID splits a Relay global id into type and raw id. It accepts padded
// and unpadded base64url; ok is false for anything else.
func DecodeID(id string) (typ, raw string, ok bool) {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(id, "="))
	if err != nil {
		return "", "", false
	}
	typ, raw, ok = strings.Cut(string(b), ":")
	if !ok || typ == "" || raw == "" {
		return "", "", false
	}
	return typ, raw, true
}

// DecodeIDOf returns the raw id of a global id of the given type.
func DecodeIDOf(typ, id string) (string, bool) {
	t, raw, ok := DecodeID(id)
	if !ok || t != typ {
		return "", false
	}
	return raw, true
}
