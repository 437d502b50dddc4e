// Package adminapi is a typed client for the Authgear Admin API.
package adminapi
