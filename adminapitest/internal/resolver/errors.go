package resolver

import "github.com/authgear-admin/adminapi/adminapitest/internal/apierr"

// unsupported is the error of every resolver the emulator does not model.
func unsupported(typeName, field string) error { return apierr.Unsupported(typeName, field) }
