package adminapi_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/authgear-admin/adminapi"
)

// TestE2EGetUsers reads more users than one nodes request holds, with
// missing ids in between, and checks the order is kept.
func TestE2EGetUsers(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	var ids, want []string
	for i := range 230 {
		if i%7 == 3 {
			missing := fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
			ids, want = append(ids, missing), append(want, "")
			continue
		}
		u := seedUser(t, srv, fmt.Sprintf("user%03d@example.com", i))
		// Alternate node ids and raw UUIDs.
		id := u.ID
		if i%2 == 0 {
			id = u.NodeID
		}
		ids, want = append(ids, id), append(want, u.NodeID)
	}
	users := must[[]*adminapi.User](t)(c.GetUsers(ctx, ids))
	if len(users) != len(ids) {
		t.Fatalf("%d users for %d ids", len(users), len(ids))
	}
	for i, u := range users {
		got := ""
		if u != nil {
			got = u.ID
		}
		if got != want[i] {
			t.Errorf("users[%d] = %q, want %q", i, got, want[i])
		}
	}
	n := 0
	for _, r := range srv.Requests() {
		if r.OperationName == "GetUserNodes" {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d nodes requests for 230 ids, want 3", n)
	}
	if _, err := c.GetUsers(ctx, []string{ids[0], "garbage"}); !errors.Is(err, adminapi.ErrInvalidInput) {
		t.Errorf("GetUsers(garbage) error = %v; want ErrInvalidInput", err)
	}
}

// TestE2EFraudProtection calls the two generated fraud protection
// operations; the emulator records no decisions, so both are empty.
func TestE2EFraudProtection(t *testing.T) {
	t.Parallel()
	_, c, ctx := newE2E(t)
	from, to := time.Now().Add(-24*time.Hour), time.Now()
	first := 10
	logs, err := adminapi.FraudProtectionLogs(ctx, c, &first, nil, &from, &to,
		[]adminapi.FraudProtectionDecision{adminapi.FraudProtectionDecisionBlocked}, nil, nil, nil, nil, nil)
	skipIfUnsupported(t, err)
	if err != nil {
		t.Fatal(err)
	}
	if conn := logs.FraudProtectionLogs; conn == nil || len(conn.Edges) != 0 || conn.TotalCount == nil || *conn.TotalCount != 0 {
		t.Errorf("fraud protection logs = %+v", conn)
	}
	overview, err := adminapi.FraudProtectionOverview(ctx, c, &from, &to)
	skipIfUnsupported(t, err)
	if err != nil {
		t.Fatal(err)
	}
	if sms := overview.FraudProtectionOverview.SendSMS; sms.Total != 0 || sms.TimeBuckets == nil {
		t.Errorf("SMS overview = %+v", sms)
	}
}
