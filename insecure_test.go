package adminapi

import (
	"errors"
	"testing"
)

// TestPlainHTTPOnlyToLoopback checks that a token is never sent in clear
// text to a host that merely looks local, unless the caller opts in.
func TestPlainHTTPOnlyToLoopback(t *testing.T) {
	t.Parallel()
	tests := []struct {
		endpoint string
		insecure bool
		wantOK   bool
	}{
		{"http://127.0.0.1:8080", false, true},
		{"HTTP://LOCALHOST:8080", false, true},
		{"http://[::1]", false, true},
		{"http://localhost.attacker.example", false, false},
		{"http://127.0.0.1.nip.io", false, false},
		{"http://0.0.0.0", false, false},
		{"http://192.168.1.10", false, false},
		{"http://[fe80::1]", false, false},
		{"http://myapp.authgear.cloud", false, false},
		{"http://myapp.authgear.cloud", true, true},
		{"https://myapp.authgear.cloud", false, true},
	}
	for _, tt := range tests {
		opts := []Option{WithProjectID("p"), WithKeyID("k"), WithPrivateKey(testKey())}
		if tt.insecure {
			opts = append(opts, WithInsecureHTTP())
		}
		_, err := New(tt.endpoint, opts...)
		var ce *ConfigError
		switch {
		case tt.wantOK && err != nil:
			t.Errorf("New(%q, insecure %t): %v", tt.endpoint, tt.insecure, err)
		case !tt.wantOK && !(errors.As(err, &ce) && ce.Setting == settingEndpoint):
			t.Errorf("New(%q, insecure %t) error = %v; want a *ConfigError for the endpoint", tt.endpoint, tt.insecure, err)
		}
	}
}
