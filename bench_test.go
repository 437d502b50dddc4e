package adminapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/authgear-admin/adminapi/auth"
)

// benchUserAnswer is a small, fixed answer to GetUserNode.
var benchUserAnswer = func() []byte {
	u := fakeUser(recordedUserUUID, time.Date(2026, 12, 3, 15, 34, 57, 0, time.UTC),
		`{"email":"a@example.com","email_verified":false,"updated_at":1796312097}`, `{}`)
	u["identities"] = json.RawMessage(`{"edges":[{"node":{"id":"SWRlbnRpdHk6NmVmMjM1MWItYzJlMy00OWI2LWE1MTktYmJiNWYzOTI4YWVj","type":"LOGIN_ID",` +
		`"claims":{"email":"a@example.com","https://authgear.com/claims/login_id/key":"email","https://authgear.com/claims/login_id/value":"a@example.com"},` +
		`"createdAt":"2026-12-03T15:34:57.016501Z","updatedAt":"2026-12-03T15:34:57.016501Z"}}]}`)
	b, err := json.Marshal(map[string]any{"data": map[string]any{"node": u}})
	if err != nil {
		panic(err)
	}
	return b
}()

// everyTimeSource signs a new token for every request, as the documented
// sample does.
type everyTimeSource struct {
	signer    auth.Signer
	projectID string
}

func (s everyTimeSource) Token(context.Context) (string, error) {
	now := time.Now()
	return s.signer.Sign(auth.Claims{RegisteredClaims: jwt.RegisteredClaims{
		Audience:  jwt.ClaimStrings{s.projectID},
		IssuedAt:  jwt.NewNumericDate(now.Add(-30 * time.Second)),
		ExpiresAt: jwt.NewNumericDate(now.Add(5 * time.Minute)),
	}})
}

// rawUser mirrors the fields the hand-written baseline decodes.
type rawUser struct {
	Data struct {
		Node *struct {
			ID                 string         `json:"id"`
			CreatedAt          time.Time      `json:"createdAt"`
			UpdatedAt          time.Time      `json:"updatedAt"`
			IsDisabled         bool           `json:"isDisabled"`
			StandardAttributes map[string]any `json:"standardAttributes"`
			CustomAttributes   map[string]any `json:"customAttributes"`
			Identities         struct {
				Edges []struct {
					Node struct {
						ID     string         `json:"id"`
						Type   string         `json:"type"`
						Claims map[string]any `json:"claims"`
					} `json:"node"`
				} `json:"edges"`
			} `json:"identities"`
		} `json:"node"`
	} `json:"data"`
	Errors []json.RawMessage `json:"errors"`
}

// BenchmarkGetUser compares, against the same loopback handler:
//
//   - raw: net/http and encoding/json by hand, with a static Authorization
//     header (the floor);
//   - client: Client.GetUser with its cached token;
//   - sign-per-request: the same call signing a new JWT for every request.
func BenchmarkGetUser(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != GraphQLPath || r.Header.Get("Authorization") == "" {
			http.Error(w, "Forbidden", http.StatusForbidden)
			return
		}
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", ctJSONUTF8)
		_, _ = w.Write(benchUserAnswer)
	}))
	b.Cleanup(srv.Close)
	newTransport := func() *http.Transport {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = 16
		return t
	}
	newClient := func(b *testing.B) *Client {
		c, err := New(srv.URL, WithProjectID(testProjectID), WithKeyID(testKeyID), WithPrivateKey(testKey()),
			WithHTTPClient(&http.Client{Transport: newTransport()}))
		if err != nil {
			b.Fatal(err)
		}
		return c
	}
	ctx := context.Background()

	b.Run("raw", func(b *testing.B) {
		hc := &http.Client{Transport: newTransport()}
		c := newClient(b)
		token, err := c.source.Token(ctx)
		if err != nil {
			b.Fatal(err)
		}
		auth := "Bearer " + token
		endpoint := c.Endpoint()
		b.ReportAllocs()
		for b.Loop() {
			body, err := json.Marshal(map[string]any{
				"query":         GetUserNode_Operation,
				"operationName": "GetUserNode",
				"variables":     map[string]any{"id": recordedUserNodeID},
			})
			if err != nil {
				b.Fatal(err)
			}
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", auth)
			res, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var out rawUser
			err = json.NewDecoder(res.Body).Decode(&out)
			res.Body.Close()
			if err != nil || res.StatusCode != 200 || out.Data.Node == nil {
				b.Fatalf("status %d, err %v", res.StatusCode, err)
			}
		}
	})

	b.Run("client", func(b *testing.B) {
		c := newClient(b)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.GetUser(ctx, recordedUserNodeID); err != nil {
				b.Fatal(err)
			}
		}
	})

	b.Run("sign-per-request", func(b *testing.B) {
		c := newClient(b)
		signer, err := auth.NewSigner(testKeyID, testKey())
		if err != nil {
			b.Fatal(err)
		}
		hc := *c.hc
		hc.Transport = &auth.Transport{Source: everyTimeSource{signer, testProjectID}, Base: newTransport()}
		c.hc = &hc
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.GetUser(ctx, recordedUserNodeID); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// Example-style sanity check that the benchmark's answer decodes fully, so
// the comparison is not between a full decode and an empty one.
func TestBenchAnswerDecodes(t *testing.T) {
	t.Parallel()
	c, _ := newFakeServer(t, replay(exchange{200, ctJSONUTF8, string(benchUserAnswer)}))
	u, err := c.GetUser(t.Context(), recordedUserNodeID)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(u.RawID, " ", *u.StandardAttributes.Email, " ", u.Identities[0].LoginIDValue); got != recordedUserUUID+" a@example.com a@example.com" {
		t.Errorf("decoded %q", got)
	}
}
