package adminapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/Khan/genqlient/graphql"
)

// Sentinel errors for the kinds of failure callers branch on. Test with
// [errors.Is]: every [*Error] matches at most one of them (see [Error.Is]),
// and an [ErrorList] matches each kind any of its errors matches.
var (
	// ErrNotFound: the user or object does not exist.
	ErrNotFound = errors.New("adminapi: not found")

	// ErrAlreadyExists: the object already exists, for example a login id
	// that another user holds.
	ErrAlreadyExists = errors.New("adminapi: already exists")

	// ErrInvalidInput: the server, or this package before sending, refused
	// an argument (a malformed id, an invalid email, ...).
	ErrInvalidInput = errors.New("adminapi: invalid input")

	// ErrUnauthorized: the server did not accept the credentials.
	ErrUnauthorized = errors.New("adminapi: unauthorized")

	// ErrForbidden: the server refused the token. The Admin API answers
	// every authentication failure with the same bare 403, so the cause can
	// only be narrowed down by checking the configuration. The client has
	// already resent the request once with a newly signed token.
	ErrForbidden = errors.New("adminapi: forbidden: check the key id (kid), " +
		"the project id (the token audience), that the private key belongs to a key pair " +
		"registered for the project in the portal, and that this machine's clock is right")

	// ErrRateLimited: too many requests. The client retries queries with
	// backoff (see [RetryPolicy]), so this means the attempts ran out, or
	// the call was a mutation, which is not retried unless marked with
	// [ContextWithIdempotent]. The server sends no Retry-After; back off
	// before trying again.
	ErrRateLimited = errors.New("adminapi: rate limited")

	// ErrServer: the server, or a proxy in front of it, failed or sent an
	// answer that could not be read. Queries answered 502, 503 or 504 have
	// been retried already (see [RetryPolicy]); retrying later may help.
	ErrServer = errors.New("adminapi: server error")

	// ErrConflict: the object changed while this package was changing it,
	// and retrying did not settle it.
	ErrConflict = errors.New("adminapi: conflict")
)

// Error names and reasons the server sends (extensions.errorName and
// extensions.reason, or error.name and error.reason).
const (
	nameBadRequest         = "BadRequest"
	nameInvalid            = "Invalid"
	nameUnauthorized       = "Unauthorized"
	nameForbidden          = "Forbidden"
	nameNotFound           = "NotFound"
	nameAlreadyExists      = "AlreadyExists"
	nameDataRace           = "DataRace"
	nameTooManyRequest     = "TooManyRequest"
	nameInternalError      = "InternalError"
	nameServiceUnavailable = "ServiceUnavailable"
	nameTooLarge           = "RequestEntityTooLarge"

	reasonValidationFailed   = "ValidationFailed"
	causeDuplicatedIdentity  = "DuplicatedIdentity"
	maskedUnexpectedErrorMsg = "unexpected error"
)

// Error is a failed Admin API call: an error the server reported (a GraphQL
// error or a REST error envelope), an HTTP answer that was not a GraphQL
// response, or an argument this package refused before sending. Find it with
// [errors.As]; test its kind with [errors.Is] and the sentinels above.
//
// Error never holds request variables, tokens, keys or passwords.
type Error struct {
	// StatusCode is the HTTP status of the answer; GraphQL errors usually
	// arrive with 200. It is 0 when no request was sent.
	StatusCode int

	// Operation is the GraphQL operation name, when known.
	Operation string

	// Name is the server's error name (extensions.errorName or error.name),
	// such as "NotFound" or "Invalid"; empty when the server gave none.
	Name string

	// Reason is the server's finer error code (extensions.reason or
	// error.reason), such as "UserNotFound" or "ValidationFailed".
	Reason string

	// Message is the human-readable description.
	Message string

	// Info holds the server's details (extensions.info or error.info), if
	// any, such as {"cause": {"kind": "DuplicatedIdentity"}}.
	Info map[string]any

	// Path is the GraphQL response path of the failing field, with list
	// indexes in decimal, e.g. ["createUser"].
	Path []string

	// TrackingID is the server's tracking id for the failure, when given;
	// quote it when asking for support.
	TrackingID string

	// Hint says what to check, when this package has something to suggest.
	Hint string

	// err is a wrapped cause, if any (a JSON syntax error, or a sentinel
	// for answers whose fields alone do not classify them).
	err error
}

// Error formats the message, the server's error name and reason, the HTTP
// status, the GraphQL path, the tracking id and the hint.
func (e *Error) Error() string {
	return "adminapi: " + e.text()
}

func (e *Error) text() string {
	var b strings.Builder
	if e.Operation != "" {
		b.WriteString(e.Operation)
		b.WriteString(": ")
	}
	if e.Message != "" {
		b.WriteString(e.Message)
	} else {
		b.WriteString("request failed")
	}
	var details []string
	if e.Name != "" {
		d := e.Name
		if e.Reason != "" && e.Reason != e.Name {
			d += "/" + e.Reason
		}
		details = append(details, d)
	}
	if e.StatusCode != 0 && e.StatusCode != http.StatusOK && !strings.Contains(e.Message, "HTTP "+strconv.Itoa(e.StatusCode)) {
		details = append(details, "HTTP "+strconv.Itoa(e.StatusCode))
	}
	if len(e.Path) > 0 {
		details = append(details, "path "+strings.Join(e.Path, "."))
	}
	if e.TrackingID != "" {
		details = append(details, "tracking id "+e.TrackingID)
	}
	if len(details) > 0 {
		b.WriteString(" (")
		b.WriteString(strings.Join(details, ", "))
		b.WriteString(")")
	}
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Unwrap returns the wrapped cause, if any.
func (e *Error) Unwrap() error { return e.err }

// Is reports whether e is of the kind of the sentinel target:
//
//   - [ErrNotFound]: name NotFound, or HTTP 404.
//   - [ErrAlreadyExists]: name AlreadyExists, or a duplicate identity
//     (name Invalid with info.cause.kind DuplicatedIdentity, as the server
//     answers a duplicate createUser).
//   - [ErrInvalidInput]: name Invalid or BadRequest, reason
//     ValidationFailed, name RequestEntityTooLarge, or HTTP 400, 413, 415.
//   - [ErrUnauthorized]: name Unauthorized, or HTTP 401.
//   - [ErrForbidden]: name Forbidden, or HTTP 403.
//   - [ErrConflict]: name DataRace, or HTTP 409 without a name.
//   - [ErrRateLimited]: name TooManyRequest, or HTTP 429.
//   - [ErrServer]: name InternalError or ServiceUnavailable, HTTP 5xx, the
//     server's masked "unexpected error", or an unreadable answer.
func (e *Error) Is(target error) bool {
	k := e.kind()
	return k != nil && k == target
}

func (e *Error) kind() error {
	switch e.Name {
	case nameNotFound:
		return ErrNotFound
	case nameAlreadyExists:
		return ErrAlreadyExists
	case nameInvalid, nameBadRequest, nameTooLarge:
		if e.isDuplicate() {
			return ErrAlreadyExists
		}
		return ErrInvalidInput
	case nameUnauthorized:
		return ErrUnauthorized
	case nameForbidden:
		return ErrForbidden
	case nameDataRace:
		return ErrConflict
	case nameTooManyRequest:
		return ErrRateLimited
	case nameInternalError, nameServiceUnavailable:
		return ErrServer
	}
	if e.Reason == reasonValidationFailed {
		return ErrInvalidInput
	}
	switch {
	case e.StatusCode == http.StatusNotFound:
		return ErrNotFound
	case e.StatusCode == http.StatusBadRequest,
		e.StatusCode == http.StatusRequestEntityTooLarge,
		e.StatusCode == http.StatusUnsupportedMediaType:
		return ErrInvalidInput
	case e.StatusCode == http.StatusUnauthorized:
		return ErrUnauthorized
	case e.StatusCode == http.StatusForbidden:
		return ErrForbidden
	case e.StatusCode == http.StatusConflict:
		return ErrConflict
	case e.StatusCode == http.StatusTooManyRequests:
		return ErrRateLimited
	case e.StatusCode >= 500:
		return ErrServer
	case e.Name == "" && e.Message == maskedUnexpectedErrorMsg:
		return ErrServer
	}
	return nil
}

// isDuplicate reports the server's answer to a login id that another
// identity already holds: info.cause.kind is DuplicatedIdentity.
func (e *Error) isDuplicate() bool {
	cause, _ := e.Info["cause"].(map[string]any)
	kind, _ := cause["kind"].(string)
	return kind == causeDuplicatedIdentity
}

// ErrorList is returned when a response carries several GraphQL errors. Its
// Unwrap exposes each [*Error] to [errors.Is] and [errors.As].
type ErrorList []*Error

// Error joins the errors' messages.
func (l ErrorList) Error() string {
	texts := make([]string, len(l))
	for i, e := range l {
		texts[i] = e.text()
	}
	return fmt.Sprintf("adminapi: %d errors: %s", len(l), strings.Join(texts, "; "))
}

// Unwrap returns the errors of the list.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// Hints attached to errors whose cause the answer does not reveal.
const (
	hintForbidden = "the server refuses any bad token with a bare 403: check the key id (kid), " +
		"the project id (the token audience), that the private key belongs to a key pair " +
		"registered for this project in the portal, and that this machine's clock is within " +
		"5 minutes of the right time"
	hintUnauthorized  = "check the credentials: key id, project id and private key"
	hintContentType   = "the server refused the request's Content-Type; this is a bug in the client, please report it"
	hintRateLimited   = "too many requests: back off before retrying (the server sends no Retry-After)"
	hintServer        = "the server or a proxy in front of it failed; retry later with backoff, and quote the tracking id if given"
	hintMasked        = "the server hid an internal fault (an unknown operation name also gives this); check the server logs"
	hintSchema        = "the operation does not match the server's schema; check that the server version supports it"
	hintNotGraphQL    = "the answer is not a GraphQL response: check that the endpoint is the project's origin, e.g. https://myapp.authgear.cloud"
	hintRedirect      = "the endpoint redirects; configure the final origin as the endpoint (redirects are not followed, so the token is never sent elsewhere)"
	hintMalformed     = "the answer was cut short or is not valid JSON; a proxy may have interfered; retry later"
	hintTooLarge      = "the answer exceeds the size limit; ask for smaller pages"
	hintDuplicateUser = "a user with this login id already exists; look it up with GetUserByLoginID"
)

// hintFor suggests what to check for a server error without a hint.
func hintFor(e *Error) string {
	switch {
	case e.StatusCode == http.StatusForbidden && e.Name == "":
		return hintForbidden
	case e.StatusCode == http.StatusUnsupportedMediaType:
		return hintContentType
	case e.StatusCode >= 300 && e.StatusCode < 400:
		return hintRedirect
	}
	switch e.kind() {
	case ErrAlreadyExists:
		if e.isDuplicate() {
			return hintDuplicateUser
		}
	case ErrUnauthorized:
		return hintUnauthorized
	case ErrRateLimited:
		return hintRateLimited
	case ErrServer:
		if e.Name == "" && e.Message == maskedUnexpectedErrorMsg {
			return hintMasked
		}
		return hintServer
	}
	return ""
}

// wireGraphQLError is one member of a GraphQL response's "errors".
type wireGraphQLError struct {
	Message    string `json:"message"`
	Path       []any  `json:"path"`
	Extensions struct {
		ErrorName string         `json:"errorName"`
		Reason    string         `json:"reason"`
		Info      map[string]any `json:"info"`
	} `json:"extensions"`
}

// wireRESTError is the server's error envelope outside GraphQL:
// {"error": {"name", "reason", "message", "code", "info", "tracking_id"}}.
type wireRESTError struct {
	Name       string         `json:"name"`
	Reason     string         `json:"reason"`
	Message    string         `json:"message"`
	Code       int            `json:"code"`
	Info       map[string]any `json:"info"`
	TrackingID string         `json:"tracking_id"`
}

// decodeResponse turns an HTTP answer into resp.Data and an error. body has
// been read in full.
func decodeResponse(op string, res *http.Response, body []byte, resp *graphql.Response) error {
	status := res.StatusCode
	ct := res.Header.Get("Content-Type")
	if len(body) == 0 || !isJSONContentType(ct) && !(ct == "" && looksLikeJSONObject(body)) {
		return nonJSONError(op, res, body)
	}

	var env struct {
		Data       any                `json:"data"`
		Errors     []wireGraphQLError `json:"errors"`
		Extensions map[string]any     `json:"extensions"`
		Error      *wireRESTError     `json:"error"`
	}
	var discard json.RawMessage
	env.Data = &discard // "data" is skipped cheaply when nobody wants it
	if resp != nil && resp.Data != nil {
		// Decoding into an interface holding a non-nil pointer fills the
		// pointed-to value, so the data is decoded in the same pass.
		env.Data = resp.Data
	}
	err := json.Unmarshal(body, &env)
	var typeErr *json.UnmarshalTypeError
	if err != nil && !(errors.As(err, &typeErr) && isDataField(typeErr.Field) && len(env.Errors) > 0) {
		// A type mismatch in "data" with GraphQL errors present is
		// reported through those errors; anything else, including an
		// "errors" member of the wrong shape, means the answer is
		// unusable.
		return &Error{
			StatusCode: status,
			Operation:  op,
			Message:    fmt.Sprintf("malformed JSON response (%s, %s, %d bytes): %v", statusLine(status), mediaType(ct), len(body), err),
			Hint:       hintMalformed,
			err:        fmt.Errorf("%w: %w", ErrServer, err),
		}
	}
	if resp != nil {
		resp.Extensions = env.Extensions
	}

	if env.Error != nil {
		e := &Error{
			StatusCode: status,
			Operation:  op,
			Name:       clean(env.Error.Name),
			Reason:     clean(env.Error.Reason),
			Message:    clean(env.Error.Message),
			Info:       env.Error.Info,
			TrackingID: clean(env.Error.TrackingID),
		}
		if e.Message == "" {
			e.Message = statusLine(status)
		}
		e.Hint = hintFor(e)
		return e
	}

	if len(env.Errors) > 0 {
		list := make(ErrorList, len(env.Errors))
		for i, w := range env.Errors {
			e := &Error{
				StatusCode: status,
				Operation:  op,
				Name:       clean(w.Extensions.ErrorName),
				Reason:     clean(w.Extensions.Reason),
				Message:    clean(w.Message),
				Info:       w.Extensions.Info,
				Path:       stringPath(w.Path),
			}
			e.Hint = hintFor(e)
			if e.Hint == "" && e.Name == "" && e.kind() == nil {
				// A GraphQL error without a name comes from parsing or
				// validating the operation against the schema.
				e.Hint = hintSchema
			}
			list[i] = e
		}
		if len(list) == 1 {
			return list[0]
		}
		return list
	}

	if status != http.StatusOK {
		return &Error{
			StatusCode: status,
			Operation:  op,
			Message:    "unexpected " + statusLine(status) + " with a JSON body that is neither a GraphQL response nor an error",
			Hint:       hintNotGraphQL,
		}
	}
	return nil
}

// isDataField reports whether a json.UnmarshalTypeError's field lies in
// the "data" member.
func isDataField(field string) bool {
	return field == "data" || strings.HasPrefix(field, "data.")
}

// nonJSONError describes an answer that is not JSON without quoting it,
// except short plain-text bodies such as the server's "Forbidden".
func nonJSONError(op string, res *http.Response, body []byte) *Error {
	status := res.StatusCode
	ct := res.Header.Get("Content-Type")
	msg := statusLine(status)
	switch {
	case len(body) == 0:
		msg += " with an empty body"
	case isPlainText(ct) && len(body) <= 200:
		if text := printable(string(body)); text != "" && text != http.StatusText(status) {
			msg += ": " + text
		}
	default:
		msg += fmt.Sprintf(" (%s, %d bytes)", mediaType(ct), len(body))
	}
	e := &Error{StatusCode: status, Operation: op, Message: msg}
	switch {
	case status >= 300 && status < 400:
		if loc := res.Header.Get("Location"); loc != "" {
			e.Message += " redirecting to " + printable(loc)
		}
		e.Hint = hintRedirect
	case status == http.StatusOK:
		e.Hint = hintNotGraphQL
		e.err = ErrServer
	default:
		e.Hint = hintFor(e)
	}
	return e
}

func statusLine(status int) string {
	if text := http.StatusText(status); text != "" {
		return fmt.Sprintf("HTTP %d %s", status, text)
	}
	return fmt.Sprintf("HTTP %d", status)
}

// mediaType returns the media type of a Content-Type without parameters.
func mediaType(ct string) string {
	mt, _, _ := strings.Cut(ct, ";")
	mt = strings.TrimSpace(mt)
	if mt == "" {
		return "no content type"
	}
	return printable(mt)
}

func isJSONContentType(ct string) bool {
	mt, _, _ := strings.Cut(ct, ";")
	mt = strings.TrimSpace(mt)
	return strings.EqualFold(mt, "application/json") ||
		len(mt) > 5 && strings.EqualFold(mt[len(mt)-5:], "+json")
}

func isPlainText(ct string) bool {
	mt, _, _ := strings.Cut(ct, ";")
	return strings.EqualFold(strings.TrimSpace(mt), "text/plain")
}

func looksLikeJSONObject(body []byte) bool {
	body = bytes.TrimLeft(body, " \t\r\n")
	return len(body) > 0 && body[0] == '{'
}

// printable trims s and replaces control characters, so that a server's
// text cannot forge log lines.
func printable(s string) string {
	s = strings.ToValidUTF8(strings.TrimSpace(s), "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

// clean replaces control characters in a server's string, so that an
// error's text cannot forge log lines. Strings decoded from JSON are valid
// UTF-8 already.
func clean(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			return strings.Map(func(r rune) rune {
				if r < 0x20 || r == 0x7f {
					return ' '
				}
				return r
			}, s)
		}
	}
	return s
}

func stringPath(path []any) []string {
	if len(path) == 0 {
		return nil
	}
	out := make([]string, len(path))
	for i, p := range path {
		switch p := p.(type) {
		case string:
			out[i] = clean(p)
		case float64:
			out[i] = strconv.FormatFloat(p, 'f', -1, 64)
		default:
			out[i] = clean(fmt.Sprint(p))
		}
	}
	return out
}
