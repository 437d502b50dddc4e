package adminapi_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
	"github.com/authgear-admin/adminapi/auth"
)

func newUserItem(email string) adminapi.NewUser {
	return adminapi.NewUser{LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: email}}
}

// TestE2EBatch sends twelve mutations, one of which fails: the server must
// see three requests of at most five fields, roll back only the failed one,
// and every request must carry the call's audit context.
func TestE2EBatch(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	taken := seedUser(t, srv, "taken@example.com")
	if _, err := srv.SeedRole(adminapitest.SeedRole{Key: "admin"}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.SeedGroup(adminapitest.SeedGroup{Key: "staff"}); err != nil {
		t.Fatal(err)
	}

	var b adminapi.Batch
	for i := range 5 { // request 0
		b.CreateUser(newUserItem(fmt.Sprintf("u%d@example.com", i)))
	}
	b.CreateUser(newUserItem("u5@example.com")) // request 1, rolled back
	b.CreateUser(newUserItem("taken@example.com"))
	b.Flush()
	b.AddRoleToUsers("admin", []string{taken.ID}) // request 2
	b.AddUserToGroups(taken.ID, []string{"staff"})
	b.DisableUser(taken.ID, "batch")
	b.UpdateUser(taken.ID, adminapi.UserUpdate{CustomAttributes: adminapi.JSONObject{"tier": "gold"}})
	b.EnableUser(taken.ID)

	bctx := auth.ContextWithAuditContext(ctx, map[string]any{"job": "nightly-sync"})
	results, err := c.RunBatch(bctx, &b)
	skipIfUnsupported(t, err)
	var be *adminapi.BatchError
	if !errors.As(err, &be) || be.Requests != 3 || len(be.Errs) != 1 || !errors.Is(err, adminapi.ErrAlreadyExists) {
		t.Fatalf("RunBatch error = %v; want one of three requests failed with ErrAlreadyExists", err)
	}
	for i, r := range results {
		wantReq := []int{0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 2, 2}[i]
		if r.Request != wantReq || (r.Err != nil) != (wantReq == 1) {
			t.Errorf("result %d (%s): request %d, err %v", i, r.Field, r.Request, r.Err)
		}
	}
	// Request 0 applied, request 1 rolled back as a whole.
	for i := range 6 {
		_, err := c.GetUserByLoginID(ctx, adminapi.LoginIDEmail, fmt.Sprintf("u%d@example.com", i))
		if exists := err == nil; exists != (i < 5) {
			t.Errorf("u%d exists: %t (%v)", i, exists, err)
		}
	}
	if results[0].User == nil || *results[0].User.StandardAttributes.Email != "u0@example.com" {
		t.Errorf("first result user = %+v", results[0].User)
	}
	// Request 2 applied in order: disabled, then re-enabled.
	st := userState(t, srv, taken.ID)
	if st.Disabled || st.CustomAttributes["tier"] != "gold" {
		t.Errorf("taken after the batch: disabled %t, custom %v", st.Disabled, st.CustomAttributes)
	}
	if r := roleState(srv, "admin"); r == nil || !cmp.Equal(r.UserIDs, []string{taken.ID}) {
		t.Errorf("admin role = %+v", r)
	}
	if g := groupState(srv, "staff"); g == nil || !cmp.Equal(g.UserIDs, []string{taken.ID}) {
		t.Errorf("staff group = %+v", g)
	}
	if results[7].Role == nil || results[7].Role.Key != "admin" || results[8].User == nil {
		t.Errorf("membership results = %+v, %+v", results[7], results[8])
	}

	var batches int
	for _, r := range srv.Requests() {
		if r.OperationName != "Batch" {
			continue
		}
		batches++
		if r.TokenClaims == nil || r.TokenClaims.AuditContext["job"] != "nightly-sync" {
			t.Errorf("batch request without the audit context: %+v", r.TokenClaims)
		}
	}
	if batches != 3 {
		t.Errorf("server saw %d batch requests, want 3", batches)
	}
}

// TestE2EBatchInvalidItem checks that nothing is sent when an item is
// invalid.
func TestE2EBatchInvalidItem(t *testing.T) {
	t.Parallel()
	srv, c, ctx := newE2E(t)
	var b adminapi.Batch
	b.CreateUser(newUserItem("a@example.com"))
	b.DeleteUser("not-an-id")
	if _, err := c.RunBatch(ctx, &b); !errors.Is(err, adminapi.ErrInvalidInput) {
		t.Errorf("RunBatch error = %v; want ErrInvalidInput", err)
	}
	if n := len(srv.Requests()); n != 0 || len(srv.Users()) != 0 {
		t.Errorf("%d requests, %d users; want none", n, len(srv.Users()))
	}
}

// ExampleBatch creates users and gives them a role in as few requests as the
// server allows.
func ExampleBatch() {
	srv := startEmulator()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	if _, err := client.CreateRole(ctx, adminapi.NewRole{Key: "beta_tester"}); err != nil {
		log.Fatal(err)
	}

	var create adminapi.Batch
	for _, email := range []string{"a@example.com", "b@example.com", "c@example.com", "d@example.com", "e@example.com", "f@example.com"} {
		create.CreateUser(adminapi.NewUser{LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: email}})
	}
	results, err := client.RunBatch(ctx, &create)
	if err != nil {
		log.Fatal(err)
	}
	var ids []string
	for _, r := range results {
		ids = append(ids, r.User.ID)
	}
	fmt.Println(len(results), "users created in", results[len(results)-1].Request+1, "requests")

	var grant adminapi.Batch
	grant.AddRoleToUsers("beta_tester", ids)
	if _, err := client.RunBatch(ctx, &grant); err != nil {
		log.Fatal(err)
	}
	n := 0
	for _, err := range client.ListUsers(ctx, &adminapi.ListUsersOptions{RoleKeys: []string{"beta_tester"}}) {
		if err != nil {
			log.Fatal(err)
		}
		n++
	}
	fmt.Println(n, "beta testers")
	// Output:
	// 6 users created in 2 requests
	// 6 beta testers
}
