package store

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"time"
)

// Message is a message the server would have sent (the emulator sends
// none): its kind, channel, recipient and the code it carried.
type Message struct {
	Seq       uint64
	CreatedAt time.Time
	Type      string // "forgot_password"
	Channel   string // "email" or "sms"
	Recipient string
	UserID    string
	Code      string
}

// OTPCode is a one-time code generated with generateOOBOTPCode.
type OTPCode struct {
	Target    string
	Purpose   string // "login" or "verification"
	Code      string
	CreatedAt time.Time
}

// newCode returns a random six-digit code.
func newCode() string {
	n, _ := rand.Int(rand.Reader, big.NewInt(1_000_000)) // crypto/rand.Int never fails on rand.Reader
	return fmt.Sprintf("%06d", n.Int64())
}

// SendResetPasswordMessage "sends" a reset password message to the email
// address or phone number of a login ID and records it in the outbox. The
// login ID must belong to a user.
func (s *Store) SendResetPasswordMessage(loginID string) (Message, error) {
	for _, key := range []string{"email", "phone"} {
		l, err := ParseLoginID(key, loginID)
		if err != nil {
			continue
		}
		for _, i := range s.d.identities {
			if i.Type != IdentityLoginID || i.LoginID.Type != l.Type || i.LoginID.Value != l.Value {
				continue
			}
			channel := "email"
			if l.Type == LoginIDTypePhone {
				channel = "sms"
			}
			m := Message{Seq: s.nextSeq(), CreatedAt: s.Now(), Type: "forgot_password", Channel: channel,
				Recipient: l.Value, UserID: i.UserID, Code: newCode()}
			s.d.outbox = append(s.d.outbox, m)
			return m, nil
		}
	}
	return Message{}, ErrUserNotFound
}

// Outbox returns the messages "sent" so far, oldest first.
func (s *Store) Outbox() []Message { return append([]Message(nil), s.d.outbox...) }

// GenerateOTPCode generates a six-digit code for an email address or phone
// number, replacing the target's previous one.
func (s *Store) GenerateOTPCode(target, purpose string) OTPCode {
	c := OTPCode{Target: target, Purpose: purpose, Code: newCode(), CreatedAt: s.Now()}
	s.d.otpCodes[target] = c
	return c
}

// OTPCodeFor returns the last code generated for a target.
func (s *Store) OTPCodeFor(target string) (OTPCode, bool) {
	c, ok := s.d.otpCodes[target]
	return c, ok
}
