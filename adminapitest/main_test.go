package adminapitest

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package if a test leaves goroutines behind, such as a
// server that was not closed.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
