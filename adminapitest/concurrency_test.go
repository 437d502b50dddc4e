package adminapitest

import (
	"fmt"
	"sync"
	"testing"

	"github.com/authgear-admin/adminapi"
)

func TestConcurrentCreates(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	const n = 50
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := range n {
		wg.Go(func() {
			u, err := s.Client().CreateUser(t.Context(), adminapi.NewUser{
				LoginID: adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: fmt.Sprintf("c%d@example.com", i)},
			})
			if err != nil {
				errs <- err
				return
			}
			if _, ok := s.User(u.ID); !ok {
				errs <- fmt.Errorf("created user %s not found", u.ID)
			}
		})
		wg.Go(func() {
			for _, err := range s.Client().ListUsers(t.Context(), nil) {
				if err != nil {
					errs <- err
					return
				}
			}
			_ = s.Users()
			_ = s.Requests()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	users := s.Users()
	if len(users) != n {
		t.Fatalf("%d users, want %d", len(users), n)
	}
	seen := map[string]bool{}
	for _, u := range users {
		if seen[u.ID] {
			t.Errorf("duplicate id %s", u.ID)
		}
		seen[u.ID] = true
	}
}
