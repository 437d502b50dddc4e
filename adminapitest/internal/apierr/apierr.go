// Package apierr holds the error values the emulated server reports, shaped
// like Authgear's API errors: a name (the HTTP-level kind), a finer reason, a
// message and optional details.
//
// Inside GraphQL responses an *Error becomes an error with extensions
// {errorName, reason, info}; outside (requests refused before execution) it
// becomes the REST envelope {"error": {name, reason, message, code, ...}}.
package apierr

import (
	"errors"
	"net/http"
)

// Names of error kinds, as the server spells them.
const (
	BadRequest            = "BadRequest"
	Invalid               = "Invalid"
	Unauthorized          = "Unauthorized"
	Forbidden             = "Forbidden"
	NotFound              = "NotFound"
	AlreadyExists         = "AlreadyExists"
	DataRace              = "DataRace"
	TooManyRequest        = "TooManyRequest"
	InternalError         = "InternalError"
	ServiceUnavailable    = "ServiceUnavailable"
	RequestEntityTooLarge = "RequestEntityTooLarge"
)

// ReasonUnsupported is the reason of errors for parts of the API the emulator
// does not model. It is the emulator's own; the real server never sends it.
const ReasonUnsupported = "NotSupportedByEmulator"

// Error is an API error. Info, when non-empty, is reported as is.
type Error struct {
	Name    string
	Reason  string
	Message string
	Info    map[string]any
}

// Error returns the message, like the server's errors do.
func (e *Error) Error() string { return e.Message }

// Status is the HTTP status the server uses for the error's name.
func (e *Error) Status() int {
	switch e.Name {
	case BadRequest, Invalid:
		return http.StatusBadRequest
	case Unauthorized:
		return http.StatusUnauthorized
	case Forbidden:
		return http.StatusForbidden
	case NotFound:
		return http.StatusNotFound
	case AlreadyExists, DataRace:
		return http.StatusConflict
	case TooManyRequest:
		return http.StatusTooManyRequests
	case ServiceUnavailable:
		return http.StatusServiceUnavailable
	case RequestEntityTooLarge:
		return http.StatusRequestEntityTooLarge
	default:
		return http.StatusInternalServerError
	}
}

// New returns an error without details.
func New(name, reason, message string) *Error {
	return &Error{Name: name, Reason: reason, Message: message}
}

// WithInfo returns an error with details.
func WithInfo(name, reason, message string, info map[string]any) *Error {
	return &Error{Name: name, Reason: reason, Message: message, Info: info}
}

// As returns the *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Unexpected is what any other failure is reported as: the server masks
// internal faults.
func Unexpected() *Error {
	return New(InternalError, "UnexpectedError", "unexpected error occurred")
}

// Unsupported reports a GraphQL field the emulator does not model.
func Unsupported(typeName, field string) *Error {
	return New(BadRequest, ReasonUnsupported, typeName+"."+field+" is not supported by the emulator")
}

// Cause is one entry of info.causes in a validation error. It is a struct,
// not a map, because the server writes its fields in this order.
type Cause struct {
	Location string         `json:"location"`
	Kind     string         `json:"kind"`
	Details  map[string]any `json:"details,omitempty"`
}

// ValidationFailed returns an Invalid/ValidationFailed error listing causes.
func ValidationFailed(message string, causes ...Cause) *Error {
	return WithInfo(Invalid, "ValidationFailed", message, map[string]any{"causes": causes})
}
