package adminapi

import _ "embed"

// SchemaSDL is the Admin API schema this package was generated from, in GraphQL SDL.
// Tools compare it with what a server publishes to detect drift.
//
//go:embed schema.graphql
var SchemaSDL string
