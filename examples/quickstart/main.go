// Command quickstart walks one user through its whole life with the Admin API:
// create, read back, list, update and delete.
//
// With no AUTHGEAR_* variables set it starts the in-process emulator from package
// adminapitest and runs against that, so it works on a fresh machine:
//
//	go run ./examples/quickstart
//
// With AUTHGEAR_ENDPOINT, AUTHGEAR_ADMIN_KEY_ID and AUTHGEAR_ADMIN_KEY_FILE (and
// AUTHGEAR_PROJECT_ID for self-hosted projects) set, it runs the same steps against
// that project, using a unique throwaway email address and deleting the user it
// created even when a step fails.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/authgear-admin/adminapi"
	"github.com/authgear-admin/adminapi/adminapitest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// run picks the target (a real project or the emulator) and runs the walkthrough.
func run(ctx context.Context, out io.Writer, getenv func(string) string) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()

	var client *adminapi.Client
	if getenv(adminapi.EnvEndpoint) == "" {
		srv, err := adminapitest.Start()
		if err != nil {
			return fmt.Errorf("start emulator: %w", err)
		}
		defer srv.Close()
		fmt.Fprintf(out, "No %s set: using the in-process emulator at %s\n", adminapi.EnvEndpoint, srv.URL())
		client = srv.Client()
	} else {
		c, err := adminapi.NewFromEnv()
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "Using project %q at %s\n", c.ProjectID(), c.Endpoint())
		client = c
	}
	email, err := throwawayEmail()
	if err != nil {
		return err
	}
	return walkthrough(ctx, out, client, email)
}

// walkthrough runs create -> get -> list -> update -> delete for one new user.
func walkthrough(ctx context.Context, out io.Writer, c *adminapi.Client, email string) (err error) {
	u, err := c.CreateUser(ctx, adminapi.NewUser{
		LoginID:  adminapi.LoginID{Key: adminapi.LoginIDEmail, Value: email},
		Password: adminapi.GeneratePassword(),
	})
	if err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	fmt.Fprintf(out, "1. created user %s (%s)\n", u.RawID, email)

	deleted := false
	defer func() {
		// Never leave the throwaway user behind, whichever step failed.
		if !deleted {
			if derr := c.DeleteUser(context.WithoutCancel(ctx), u.ID); derr != nil {
				err = errors.Join(err, fmt.Errorf("clean up user %s: %w", u.RawID, derr))
			}
		}
	}()

	// Read-your-writes goes through lookups that read the database, never the
	// search-index backed list.
	byID, err := c.GetUser(ctx, u.RawID)
	if err != nil {
		return fmt.Errorf("get user by id: %w", err)
	}
	byEmail, err := c.GetUserByLoginID(ctx, adminapi.LoginIDEmail, email)
	if err != nil {
		return fmt.Errorf("get user by email: %w", err)
	}
	fmt.Fprintf(out, "2. read it back by id and by email: same user: %t\n", byID.ID == byEmail.ID && byID.ID == u.ID)

	n := 0
	for _, err := range c.ListUsers(ctx, &adminapi.ListUsersOptions{PageSize: 10}) {
		if err != nil {
			return fmt.Errorf("list users: %w", err)
		}
		n++
		if n == 10 {
			break
		}
	}
	fmt.Fprintf(out, "3. listed users: saw %d (the list reads a search index and may lag behind writes)\n", n)

	updated, err := c.UpdateStandardAttributes(ctx, u.ID, func(a *adminapi.StandardAttributes) error {
		name := "Quickstart User"
		a.Name = &name
		return nil
	})
	if err != nil {
		return fmt.Errorf("update user: %w", err)
	}
	fmt.Fprintf(out, "4. set name to %q, email kept: %t\n", deref(updated.StandardAttributes.Name), deref(updated.StandardAttributes.Email) == email)

	if err := c.DeleteUser(ctx, u.ID); err != nil {
		return fmt.Errorf("delete user: %w", err)
	}
	deleted = true
	_, err = c.GetUser(ctx, u.ID)
	if !errors.Is(err, adminapi.ErrNotFound) {
		return fmt.Errorf("user still readable after delete (err = %v)", err)
	}
	fmt.Fprintln(out, "5. deleted it; reading it again gives adminapi.ErrNotFound")
	return nil
}

// throwawayEmail returns an address that no real person owns (example.com is reserved).
func throwawayEmail() (string, error) {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return "quickstart-" + hex.EncodeToString(b[:]) + "@example.com", nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
