package adminapi

import (
	"context"
	"iter"
	"time"
)

// Authenticator is one way a user proves who they are: a password, a
// one-time code sent by email or SMS, a TOTP app, a passkey.
type Authenticator struct {
	// ID is the authenticator's node id.
	ID   string
	Type AuthenticatorType
	// Kind says whether the authenticator is a first or a second factor.
	Kind AuthenticatorKind
	// IsDefault marks the default second factor.
	IsDefault bool
	// ExpireAfter is when a password expires, if it does.
	ExpireAfter *time.Time
	// Claims are the authenticator's claims as the server sends them, such
	// as the email address of an OOB OTP email authenticator.
	Claims    JSONObject
	CreatedAt time.Time
	UpdatedAt time.Time
}

func authenticatorFromFields(f *AuthenticatorFields) *Authenticator {
	return &Authenticator{
		ID:          f.Id,
		Type:        f.Type,
		Kind:        f.Kind,
		IsDefault:   f.IsDefault,
		ExpireAfter: f.ExpireAfter,
		Claims:      f.Claims,
		CreatedAt:   f.CreatedAt,
		UpdatedAt:   f.UpdatedAt,
	}
}

func authenticatorFieldsID(f *AuthenticatorFields) string { return f.Id }

// ListAuthenticatorsOptions tunes [Client.ListAuthenticators]. A nil
// *ListAuthenticatorsOptions means all defaults.
type ListAuthenticatorsOptions struct {
	// PageSize is the number of authenticators per request: 0 means 100,
	// larger values are reduced to 100.
	PageSize int
	// Kind and Type, if set, keep only authenticators of that kind and/or
	// type.
	Kind AuthenticatorKind
	Type AuthenticatorType
}

// ListAuthenticators iterates over a user's authenticators, requesting
// pages as the loop advances. On failure it yields (nil, err) once and
// stops; a user that does not exist gives an [*Error] matching
// [ErrNotFound].
func (c *Client) ListAuthenticators(ctx context.Context, userID string, opts *ListAuthenticatorsOptions) iter.Seq2[*Authenticator, error] {
	var o ListAuthenticatorsOptions
	if opts != nil {
		o = *opts
	}
	var (
		kind *AuthenticatorKind
		typ  *AuthenticatorType
	)
	if o.Kind != "" {
		kind = &o.Kind
	}
	if o.Type != "" {
		typ = &o.Type
	}
	vars := func(nodeID string, first int, after *string) any {
		return &__ListUserAuthenticatorsInput{Id: nodeID, First: &first, After: after, AuthenticatorKind: kind, AuthenticatorType: typ}
	}
	return nodeList(ctx, c, "ListUserAuthenticators", ListUserAuthenticators_Operation, typeUser, userID, "authenticators",
		o.PageSize, vars, authenticatorFieldsID, authenticatorFromFields)
}

// GetAuthenticator reads an authenticator by node id (or raw id). One that
// does not exist gives an [*Error] matching [ErrNotFound].
func (c *Client) GetAuthenticator(ctx context.Context, id string) (*Authenticator, error) {
	return getNode(ctx, c, "GetAuthenticatorNode", GetAuthenticatorNode_Operation, typeAuthenticator, id, authenticatorFromFields)
}

// CreatePasswordAuthenticator gives a user a password, as a first
// (AuthenticatorKindPrimary) or second (AuthenticatorKindSecondary)
// factor. The password never appears in errors or logs.
func (c *Client) CreatePasswordAuthenticator(ctx context.Context, userID string, kind AuthenticatorKind, password string) (*Authenticator, error) {
	if password == "" {
		return nil, invalidArgError("password must not be empty")
	}
	return c.createAuthenticator(ctx, userID, AuthenticatorDefinition{
		Kind: kind, Type: AuthenticatorTypePassword,
		Password: &AuthenticatorDefinitionPassword{Password: password},
	})
}

// CreateOOBOTPEmailAuthenticator lets a user sign in with one-time codes
// sent to email, as a first or second factor.
func (c *Client) CreateOOBOTPEmailAuthenticator(ctx context.Context, userID string, kind AuthenticatorKind, email string) (*Authenticator, error) {
	if email == "" {
		return nil, invalidArgError("email must not be empty")
	}
	return c.createAuthenticator(ctx, userID, AuthenticatorDefinition{
		Kind: kind, Type: AuthenticatorTypeOobOtpEmail,
		OobOtpEmail: &AuthenticatorDefinitionOOBOTPEmail{Email: email},
	})
}

// CreateOOBOTPSMSAuthenticator lets a user sign in with one-time codes sent
// by SMS to phone (E.164, e.g. "+85298765432"), as a first or second
// factor.
func (c *Client) CreateOOBOTPSMSAuthenticator(ctx context.Context, userID string, kind AuthenticatorKind, phone string) (*Authenticator, error) {
	if phone == "" {
		return nil, invalidArgError("phone must not be empty")
	}
	return c.createAuthenticator(ctx, userID, AuthenticatorDefinition{
		Kind: kind, Type: AuthenticatorTypeOobOtpSms,
		OobOtpSMS: &AuthenticatorDefinitionOOBOTPSMS{Phone: phone},
	})
}

func (c *Client) createAuthenticator(ctx context.Context, userID string, def AuthenticatorDefinition) (*Authenticator, error) {
	nodeID, err := UserNodeID(userID)
	if err != nil {
		return nil, err
	}
	if def.Kind != AuthenticatorKindPrimary && def.Kind != AuthenticatorKindSecondary {
		return nil, invalidArgError("authenticator kind must be AuthenticatorKindPrimary or AuthenticatorKindSecondary")
	}
	p, err := mutate[struct {
		Authenticator *AuthenticatorFields `json:"authenticator"`
	}](ctx, c, "CreateAuthenticator", CreateAuthenticator_Operation, "createAuthenticator",
		&__CreateAuthenticatorInput{Input: CreateAuthenticatorInput{UserID: nodeID, Definition: def}})
	if err != nil {
		return nil, err
	}
	if p.Authenticator == nil {
		return nil, answerError("CreateAuthenticator", "the answer has no authenticator", nil)
	}
	return authenticatorFromFields(p.Authenticator), nil
}

// DeleteAuthenticator deletes an authenticator.
func (c *Client) DeleteAuthenticator(ctx context.Context, id string) error {
	nodeID, err := nodeIDOf(typeAuthenticator, id)
	if err != nil {
		return err
	}
	_, err = mutate[struct{}](ctx, c, "DeleteAuthenticator", DeleteAuthenticator_Operation, "deleteAuthenticator",
		&__DeleteAuthenticatorInput{Input: DeleteAuthenticatorInput{AuthenticatorID: nodeID}})
	return err
}
