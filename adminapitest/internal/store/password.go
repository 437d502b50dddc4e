package store

import (
	"crypto/rand"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
)

// minPasswordLength is the default password policy's only rule that the
// emulator enforces.
const minPasswordLength = 8

// hashNewPassword checks password against the policy (when asked) and hashes
// it with bcrypt at the minimum cost, so tests stay fast. An empty password
// is replaced by a generated one, as the server does.
func hashNewPassword(password string, checkPolicy bool) ([]byte, error) {
	if password == "" {
		password = generatePassword()
	} else if n := utf8.RuneCountInString(password); checkPolicy && n < minPasswordLength {
		return nil, apierr.WithInfo(apierr.Invalid, "PasswordPolicyViolated", "password policy violated", map[string]any{
			"causes": []any{map[string]any{"kind": "PasswordTooShort", "min_length": minPasswordLength, "pw_length": n}},
		})
	}
	// bcrypt accepts at most 72 bytes; the server pre-hashes longer ones, the
	// emulator keeps the first 72 so long passwords still work.
	b := []byte(password)
	if len(b) > 72 {
		b = b[:72]
	}
	return bcrypt.GenerateFromPassword(b, bcrypt.MinCost)
}

func checkPassword(hash []byte, password string) bool {
	if hash == nil {
		return false
	}
	b := []byte(password)
	if len(b) > 72 {
		b = b[:72]
	}
	return bcrypt.CompareHashAndPassword(hash, b) == nil
}

// generatePassword returns a random 26-character password.
func generatePassword() string { return rand.Text() }
