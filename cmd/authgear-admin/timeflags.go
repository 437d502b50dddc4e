package main

import (
	"strconv"
	"strings"
	"time"
)

// parseWhen reads a --since or --until value: an RFC 3339 time, a date
// (midnight UTC), or a duration before now such as 90m, 24h, 7d or 2w.
func parseWhen(flag, v string, now time.Time) (time.Time, error) {
	v = strings.TrimSpace(v)
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	if d, ok := parseAgo(v); ok {
		return now.Add(-d), nil
	}
	return time.Time{}, usageErrorf("--%s %q: give an RFC 3339 time (2025-01-31T09:00:00Z), a date (2025-01-31) or a duration before now (90m, 24h, 7d)", flag, v)
}

// parseAgo reads a non-negative duration; besides time.ParseDuration's
// units it takes whole days (d) and weeks (w).
func parseAgo(v string) (time.Duration, bool) {
	for unit, size := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour} {
		if n, ok := strings.CutSuffix(v, unit); ok {
			i, err := strconv.Atoi(n)
			if err != nil || i < 0 || i > 100*365 {
				return 0, false
			}
			return time.Duration(i) * size, true
		}
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return 0, false
	}
	return d, true
}
