package adminapitest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// envelope is the server's shape for errors outside GraphQL:
// {"error": {name, reason, message, code, tracking_id, info}}.
type envelope struct {
	Error envelopeError `json:"error"`
}

type envelopeError struct {
	Name       string         `json:"name"`
	Reason     string         `json:"reason"`
	Message    string         `json:"message"`
	Code       int            `json:"code"`
	TrackingID string         `json:"tracking_id"`
	Info       map[string]any `json:"info,omitempty"`
}

// trackingID returns a random id shaped like the server's (a trace id and a
// span id in hex).
func trackingID() string {
	var b [24]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return hex.EncodeToString(b[:16]) + "-" + hex.EncodeToString(b[16:])
}

// writeEnvelope answers with e in the REST error shape and e's status.
func writeEnvelope(w http.ResponseWriter, e *apierr.Error) {
	body, err := json.Marshal(envelope{Error: envelopeError{
		Name:       e.Name,
		Reason:     e.Reason,
		Message:    e.Message,
		Code:       e.Status(),
		TrackingID: trackingID(),
		Info:       e.Info,
	}})
	if err != nil {
		// Info comes from the emulator itself and always encodes; keep the
		// answer well-formed anyway.
		body = []byte(`{"error":{"name":"InternalError","reason":"UnexpectedError","message":"unexpected error occurred","code":500}}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.Status())
	_, _ = w.Write(body)
}
