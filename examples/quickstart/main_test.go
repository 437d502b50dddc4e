package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

func TestQuickstartAgainstEmulator(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	noEnv := func(string) string { return "" }
	if err := run(t.Context(), &out, noEnv); err != nil {
		t.Fatalf("run: %v\noutput:\n%s", err, out.String())
	}
	got := out.String()
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^No AUTHGEAR_ENDPOINT set: using the in-process emulator at http://127\.0\.0\.1:\d+$`),
		regexp.MustCompile(`(?m)^1\. created user [0-9a-f-]{36} \(quickstart-[0-9a-f]{12}@example\.com\)$`),
		regexp.MustCompile(`(?m)^2\. read it back by id and by email: same user: true$`),
		regexp.MustCompile(`(?m)^3\. listed users: saw 1 `),
		regexp.MustCompile(`(?m)^4\. set name to "Quickstart User", email kept: true$`),
		regexp.MustCompile(`(?m)^5\. deleted it; reading it again gives adminapi.ErrNotFound$`),
	} {
		if !want.MatchString(got) {
			t.Errorf("output does not match %s\noutput:\n%s", want, got)
		}
	}
	if strings.Contains(strings.ToLower(got), "password") {
		t.Errorf("output mentions a password:\n%s", got)
	}
}
