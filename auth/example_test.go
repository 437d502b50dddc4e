package auth_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/authgear-admin/adminapi/auth"
	"github.com/golang-jwt/jwt/v5"
)

func ExampleParseKey() {
	// In a program, read the PEM file downloaded from the Authgear portal
	// with auth.LoadKeyFile. Here a key is generated instead.
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		log.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(rsaKey)
	if err != nil {
		log.Fatal(err)
	}
	pemData := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})

	key, err := auth.ParseKey(pemData)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d-bit RSA key, key id %q\n", key.Private.N.BitLen(), key.ID)

	// Errors say what was found instead, never what the key contains.
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		log.Fatal(err)
	}
	der, err = x509.MarshalPKCS8PrivateKey(ecKey)
	if err != nil {
		log.Fatal(err)
	}
	_, err = auth.ParseKey(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	fmt.Println(err)
	fmt.Println(errors.Is(err, auth.ErrInvalidKey))
	// Output:
	// 2048-bit RSA key, key id ""
	// auth: key data: found EC P-256 private key; need an RSA private key of at least 2048 bits
	// true
}

func ExampleNewJWTSource() {
	// In a program: key, err := auth.LoadKeyFile("admin-api-key.pem").
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		log.Fatal(err)
	}
	signer, err := auth.NewSigner("my-key-id", rsaKey)
	if err != nil {
		log.Fatal(err)
	}
	src, err := auth.NewJWTSource(signer, "myapp",
		auth.WithAuditContext(map[string]any{"service": "billing"}))
	if err != nil {
		log.Fatal(err)
	}

	token, err := src.Token(auth.ContextWithAuditContext(context.Background(), map[string]any{"operator": "alice"}))
	if err != nil {
		log.Fatal(err)
	}
	// Look inside the token (never log a real one).
	claims := new(auth.Claims)
	parsed, _, err := jwt.NewParser().ParseUnverified(token, claims)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("alg:", parsed.Header["alg"], "kid:", parsed.Header["kid"])
	fmt.Println("aud:", claims.Audience)
	// iat is backdated 30s; the default lifetime is 5 minutes.
	fmt.Println("exp - iat:", claims.ExpiresAt.Sub(claims.IssuedAt.Time))
	fmt.Println("audit_context:", claims.AuditContext)
	// Output:
	// alg: RS256 kid: my-key-id
	// aud: [myapp]
	// exp - iat: 5m30s
	// audit_context: map[operator:alice service:billing]
}

func ExampleTransport() {
	// A stand-in for the Admin API on the loopback interface.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "bearer token present: %v", strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ey"))
	}))
	defer srv.Close()

	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		log.Fatal(err)
	}
	signer, err := auth.NewSigner("my-key-id", rsaKey)
	if err != nil {
		log.Fatal(err)
	}
	src, err := auth.NewJWTSource(signer, "myapp")
	if err != nil {
		log.Fatal(err)
	}
	hc := &http.Client{Transport: &auth.Transport{Source: src}}

	resp, err := hc.Post(srv.URL+"/_api/admin/graphql", "application/json", strings.NewReader(`{"query":"{ users(first: 1) { totalCount } }"}`))
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.StatusCode, string(body))
	// Output:
	// 200 bearer token present: true
}
