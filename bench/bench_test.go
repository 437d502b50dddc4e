package bench

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/go-cmp/cmp"

	"github.com/authgear-admin/adminapi"
)

const (
	projectID = "bench"
	keyID     = "bench-kid"
	userUUID  = "8e3e678d-1d2c-4b6e-9f3a-2f0c5d6e7a81"
)

var (
	userNodeID = adminapi.NodeID("User", userUUID)

	// benchKey is generated once per test binary.
	benchKey = sync.OnceValue(func() *rsa.PrivateKey {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		return k
	})
)

// userAnswer is the server's fixed answer: one user as GetUserNode selects
// it, with two identities and a few attributes.
var userAnswer = []byte(`{"data":{"node":{"__typename":"User",` +
	`"id":"` + userNodeID + `","createdAt":"2026-12-03T15:34:57.016501Z","updatedAt":"2026-12-03T15:40:12.5Z",` +
	`"lastLoginAt":"2026-12-03T16:00:00Z","isDisabled":false,"disableReason":null,"isAnonymized":false,` +
	`"isDeactivated":false,"isAnonymous":false,"accountValidFrom":null,"accountValidUntil":null,` +
	`"temporarilyDisabledFrom":null,"temporarilyDisabledUntil":null,"deleteAt":null,"deleteReason":null,` +
	`"anonymizeAt":null,"standardAttributes":{"email":"ada@example.com","email_verified":true,` +
	`"given_name":"Ada","family_name":"Lovelace","updated_at":1796312097},` +
	`"customAttributes":{"plan":"pro","seats":12},"formattedName":"Ada Lovelace",` +
	`"endUserAccountID":"ada@example.com","verifiedClaims":[{"name":"email","value":"ada@example.com"}],` +
	`"identities":{"edges":[` +
	`{"node":{"id":"SWRlbnRpdHk6NmVmMjM1MWItYzJlMy00OWI2LWE1MTktYmJiNWYzOTI4YWVj","type":"LOGIN_ID",` +
	`"claims":{"email":"ada@example.com","https://authgear.com/claims/login_id/key":"email",` +
	`"https://authgear.com/claims/login_id/value":"ada@example.com"},` +
	`"createdAt":"2026-12-03T15:34:57.016501Z","updatedAt":"2026-12-03T15:34:57.016501Z"}},` +
	`{"node":{"id":"SWRlbnRpdHk6N2FmMjM1MWItYzJlMy00OWI2LWE1MTktYmJiNWYzOTI4YWVk","type":"OAUTH",` +
	`"claims":{"email":"ada@example.com","https://authgear.com/claims/oauth/provider_alias":"google"},` +
	`"createdAt":"2026-12-03T15:35:00Z","updatedAt":"2026-12-03T15:35:00Z"}}` +
	`]}}}}`)

// floorUser is the hand-written equivalent of what the client decodes: the
// same fields with the same Go types.
type floorUser struct {
	ID                       string                      `json:"id"`
	CreatedAt                time.Time                   `json:"createdAt"`
	UpdatedAt                time.Time                   `json:"updatedAt"`
	LastLoginAt              *time.Time                  `json:"lastLoginAt"`
	IsDisabled               bool                        `json:"isDisabled"`
	DisableReason            *string                     `json:"disableReason"`
	IsAnonymized             bool                        `json:"isAnonymized"`
	IsDeactivated            bool                        `json:"isDeactivated"`
	IsAnonymous              bool                        `json:"isAnonymous"`
	AccountValidFrom         *time.Time                  `json:"accountValidFrom"`
	AccountValidUntil        *time.Time                  `json:"accountValidUntil"`
	TemporarilyDisabledFrom  *time.Time                  `json:"temporarilyDisabledFrom"`
	TemporarilyDisabledUntil *time.Time                  `json:"temporarilyDisabledUntil"`
	DeleteAt                 *time.Time                  `json:"deleteAt"`
	DeleteReason             *string                     `json:"deleteReason"`
	AnonymizeAt              *time.Time                  `json:"anonymizeAt"`
	StandardAttributes       adminapi.StandardAttributes `json:"standardAttributes"`
	CustomAttributes         adminapi.JSONObject         `json:"customAttributes"`
	FormattedName            *string                     `json:"formattedName"`
	EndUserAccountID         *string                     `json:"endUserAccountID"`
	VerifiedClaims           []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"verifiedClaims"`
	Identities *struct {
		Edges []*struct {
			Node *struct {
				ID        string              `json:"id"`
				Type      string              `json:"type"`
				Claims    adminapi.JSONObject `json:"claims"`
				CreatedAt time.Time           `json:"createdAt"`
				UpdatedAt time.Time           `json:"updatedAt"`
			} `json:"node"`
		} `json:"edges"`
	} `json:"identities"`
}

// floorRequest has the shape of the client's request body.
type floorRequest struct {
	Query     string `json:"query"`
	Variables struct {
		ID string `json:"id"`
	} `json:"variables"`
	OperationName string `json:"operationName"`
}

type floorResponse struct {
	Data struct {
		Node *floorUser `json:"node"`
	} `json:"data"`
	Errors []json.RawMessage `json:"errors"`
}

// env is the server and the three callers under test.
type env struct {
	srv    *httptest.Server
	client *adminapi.Client
	floor  *rawCaller // static token
	signed *rawCaller // a new token per call
}

func newTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 64
	return t
}

func newEnv(b testing.TB) *env {
	b.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != adminapi.GraphQLPath || r.Header.Get("Authorization") == "" {
			http.Error(w, "Forbidden", http.StatusForbidden)
			return
		}
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(userAnswer)
	}))
	b.Cleanup(srv.Close)
	c, err := adminapi.New(srv.URL,
		adminapi.WithProjectID(projectID), adminapi.WithKeyID(keyID), adminapi.WithPrivateKey(benchKey()),
		adminapi.WithHTTPClient(&http.Client{Transport: newTransport()}))
	if err != nil {
		b.Fatal(err)
	}
	token, err := signToken()
	if err != nil {
		b.Fatal(err)
	}
	endpoint := c.Endpoint()
	return &env{
		srv:    srv,
		client: c,
		floor: &rawCaller{endpoint: endpoint, hc: &http.Client{Transport: newTransport()},
			token: func() (string, error) { return token, nil }},
		signed: &rawCaller{endpoint: endpoint, hc: &http.Client{Transport: newTransport()}, token: signToken},
	}
}

// signToken signs a token the way Authgear's documented sample does, with
// golang-jwt, for every request.
func signToken() (string, error) {
	now := time.Now()
	t := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.RegisteredClaims{
		Audience:  jwt.ClaimStrings{projectID},
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(5 * time.Minute)),
	})
	t.Header["kid"] = keyID
	return t.SignedString(benchKey())
}

// rawCaller does the client's job with net/http and encoding/json only.
type rawCaller struct {
	endpoint string
	hc       *http.Client
	token    func() (string, error)
}

func (r *rawCaller) getUser(ctx context.Context, id string) (*floorUser, error) {
	token, err := r.token()
	if err != nil {
		return nil, err
	}
	reqBody := floorRequest{Query: adminapi.GetUserNode_Operation, OperationName: "GetUserNode"}
	reqBody.Variables.ID = id
	body, err := json.Marshal(&reqBody)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := r.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	var out floorResponse
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return nil, err
	}
	if res.StatusCode != http.StatusOK || len(out.Errors) > 0 || out.Data.Node == nil {
		return nil, fmt.Errorf("status %d, %d errors", res.StatusCode, len(out.Errors))
	}
	return out.Data.Node, nil
}

func (e *env) callFloor(b testing.TB, ctx context.Context) {
	if _, err := e.floor.getUser(ctx, userNodeID); err != nil {
		b.Fatal(err)
	}
}

func (e *env) callClient(b testing.TB, ctx context.Context) {
	if _, err := e.client.GetUser(ctx, userNodeID); err != nil {
		b.Fatal(err)
	}
}

func (e *env) callSigned(b testing.TB, ctx context.Context) {
	if _, err := e.signed.getUser(ctx, userNodeID); err != nil {
		b.Fatal(err)
	}
}

type variant struct {
	name string
	call func(*env, testing.TB, context.Context)
}

var variants = []variant{
	{"floor", (*env).callFloor},
	{"client", (*env).callClient},
	{"signed", (*env).callSigned},
}

// BenchmarkGetUser runs each variant alone, one call at a time.
func BenchmarkGetUser(b *testing.B) {
	e := newEnv(b)
	ctx := context.Background()
	for _, v := range variants {
		b.Run(v.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				v.call(e, b, ctx)
			}
		})
	}
}

// BenchmarkGetUserParallel runs each variant from 4 goroutines per CPU.
func BenchmarkGetUserParallel(b *testing.B) {
	e := newEnv(b)
	ctx := context.Background()
	for _, v := range variants {
		b.Run(v.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetParallelism(4)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					v.call(e, b, ctx)
				}
			})
		})
	}
}

// BenchmarkInterleaved makes one call of each variant per iteration and
// times each on its own, so that a slow moment of the machine slows all
// three alike. It reports each variant's time per call and the ratios
// client/floor and signed/client.
func BenchmarkInterleaved(b *testing.B) {
	e := newEnv(b)
	ctx := context.Background()
	var spent [3]time.Duration
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		for i, v := range variants {
			start := time.Now()
			v.call(e, b, ctx)
			spent[i] += time.Since(start)
		}
		n++
	}
	per := func(i int) float64 { return float64(spent[i]) / float64(n) }
	b.ReportMetric(per(0), "floor-ns/op")
	b.ReportMetric(per(1), "client-ns/op")
	b.ReportMetric(per(2), "signed-ns/op")
	b.ReportMetric(per(1)/per(0), "client/floor")
	b.ReportMetric(per(2)/per(1), "signed/client")
}

// TestVariantsDecodeAlike checks that the floor and the client decode the
// answer to the same values, so that the benchmarks compare equal jobs.
func TestVariantsDecodeAlike(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	raw, err := e.floor.getUser(t.Context(), userNodeID)
	if err != nil {
		t.Fatal(err)
	}
	u, err := e.client.GetUser(t.Context(), userNodeID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.signed.getUser(t.Context(), userNodeID); err != nil {
		t.Fatal(err)
	}
	type summary struct {
		ID, Email, Name   string
		Custom            adminapi.JSONObject
		Identities        int
		FirstIdentityType string
		Created           time.Time
	}
	want := summary{raw.ID, *raw.StandardAttributes.Email, *raw.FormattedName, raw.CustomAttributes,
		len(raw.Identities.Edges), raw.Identities.Edges[0].Node.Type, raw.CreatedAt}
	got := summary{u.ID, *u.StandardAttributes.Email, u.FormattedName, u.CustomAttributes,
		len(u.Identities), string(u.Identities[0].Type), u.CreatedAt}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("client and floor decode differently (-want +got):\n%s", diff)
	}
}
