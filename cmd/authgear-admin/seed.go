package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"time"

	"github.com/authgear-admin/adminapi/adminapitest"
)

var errSeedEmpty = errors.New("no users in the file")

// seedRecord is one user of an emulator --seed file.
type seedRecord struct {
	Email              string         `json:"email"`
	Phone              string         `json:"phone"`
	Username           string         `json:"username"`
	Password           string         `json:"password"`
	PasswordExpired    bool           `json:"passwordExpired"`
	StandardAttributes map[string]any `json:"standardAttributes"`
	CustomAttributes   map[string]any `json:"customAttributes"`
	Disabled           bool           `json:"disabled"`
	DisableReason      string         `json:"disableReason"`
	AccountValidFrom   *time.Time     `json:"accountValidFrom"`
	AccountValidUntil  *time.Time     `json:"accountValidUntil"`
	CreatedAt          *time.Time     `json:"createdAt"`
}

func (r *seedRecord) seedUser() adminapitest.SeedUser {
	su := adminapitest.SeedUser{
		Email:              r.Email,
		Phone:              r.Phone,
		Username:           r.Username,
		Password:           r.Password,
		PasswordExpired:    r.PasswordExpired,
		StandardAttributes: r.StandardAttributes,
		CustomAttributes:   r.CustomAttributes,
		Disabled:           r.Disabled,
		DisableReason:      r.DisableReason,
	}
	if r.AccountValidFrom != nil {
		su.AccountValidFrom = *r.AccountValidFrom
	}
	if r.AccountValidUntil != nil {
		su.AccountValidUntil = *r.AccountValidUntil
	}
	if r.CreatedAt != nil {
		su.CreatedAt = *r.CreatedAt
	}
	return su
}

// readSeedFile reads users from a JSON array or a stream of JSON objects
// (NDJSON). Unknown keys are errors, to catch typos. An empty path gives no
// users.
func readSeedFile(path string) ([]adminapitest.SeedUser, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usageErrorf("--seed: %w", err)
	}
	trimmed := bytes.TrimSpace(data)
	var records []seedRecord
	if len(trimmed) > 0 && trimmed[0] == '[' {
		dec := json.NewDecoder(bytes.NewReader(trimmed))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&records); err != nil {
			return nil, usageErrorf("--seed %s: %v", path, err)
		}
	} else {
		dec := json.NewDecoder(bytes.NewReader(trimmed))
		dec.DisallowUnknownFields()
		for {
			var r seedRecord
			err := dec.Decode(&r)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return nil, usageErrorf("--seed %s: user %d: %v", path, len(records)+1, err)
			}
			records = append(records, r)
		}
	}
	if len(records) == 0 {
		return nil, usageErrorf("--seed %s: %w", path, errSeedEmpty)
	}
	users := make([]adminapitest.SeedUser, len(records))
	for i := range records {
		users[i] = records[i].seedUser()
	}
	return users, nil
}
