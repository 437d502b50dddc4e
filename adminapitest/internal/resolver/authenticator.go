package resolver

import (
	"context"

	"github.com/authgear-admin/adminapi/adminapitest/internal/apierr"
	"github.com/authgear-admin/adminapi/adminapitest/internal/graph"
	"github.com/authgear-admin/adminapi/adminapitest/internal/model"
	"github.com/authgear-admin/adminapi/adminapitest/internal/store"
)

// Authenticator types and kinds in GraphQL and in the store.
var (
	authenticatorTypes = map[graph.AuthenticatorType]string{
		graph.AuthenticatorTypePassword:    store.AuthenticatorPassword,
		graph.AuthenticatorTypeTotp:        store.AuthenticatorTOTP,
		graph.AuthenticatorTypeOobOtpEmail: store.AuthenticatorOOBEmail,
		graph.AuthenticatorTypeOobOtpSms:   store.AuthenticatorOOBSMS,
		graph.AuthenticatorTypePasskey:     store.AuthenticatorPasskey,
	}
	authenticatorKinds = map[graph.AuthenticatorKind]string{
		graph.AuthenticatorKindPrimary:   store.KindPrimary,
		graph.AuthenticatorKindSecondary: store.KindSecondary,
	}
)

func reverse[K comparable, V comparable](m map[K]V, v V) K {
	for k, x := range m {
		if x == v {
			return k
		}
	}
	var zero K
	return zero
}

func (a *authenticatorResolver) Type(_ context.Context, obj *model.Authenticator) (graph.AuthenticatorType, error) {
	return reverse(authenticatorTypes, obj.Record().Type), nil
}

func (a *authenticatorResolver) Kind(_ context.Context, obj *model.Authenticator) (graph.AuthenticatorKind, error) {
	return reverse(authenticatorKinds, obj.Record().Kind), nil
}

func (a *authenticatorResolver) Claims(_ context.Context, obj *model.Authenticator, names []string) (map[string]any, error) {
	return filterClaims(obj.Record().Claims(), names), nil
}

func (u *userResolver) Authenticators(_ context.Context, obj *model.User, after *string, kind *graph.AuthenticatorKind, typ *graph.AuthenticatorType, before *string, first, last *int) (*graph.AuthenticatorConnection, error) {
	var t, k string
	if typ != nil {
		t = authenticatorTypes[*typ]
	}
	if kind != nil {
		k = authenticatorKinds[*kind]
	}
	as := u.r.Store.Authenticators(obj.Record().ID, t, k)
	return authenticatorConnection(as, arrayPage(len(as), first, last, after, before)), nil
}

// authenticators returns the user's authenticators of a type and kind.
func (u *userResolver) authenticators(obj *model.User, typ, kind string) []*model.Authenticator {
	out := []*model.Authenticator{}
	for _, a := range u.r.Store.Authenticators(obj.Record().ID, typ, kind) {
		out = append(out, model.NewAuthenticator(a))
	}
	return out
}

// authenticator returns the user's first authenticator of a type and kind.
func (u *userResolver) authenticator(obj *model.User, typ, kind string) *model.Authenticator {
	if as := u.authenticators(obj, typ, kind); len(as) > 0 {
		return as[0]
	}
	return nil
}

func (u *userResolver) PrimaryPassword(_ context.Context, obj *model.User) (*model.Authenticator, error) {
	return u.authenticator(obj, store.AuthenticatorPassword, store.KindPrimary), nil
}

func (u *userResolver) SecondaryPassword(_ context.Context, obj *model.User) (*model.Authenticator, error) {
	return u.authenticator(obj, store.AuthenticatorPassword, store.KindSecondary), nil
}

func (u *userResolver) PrimaryOOBOTPEmailAuthenticator(_ context.Context, obj *model.User) (*model.Authenticator, error) {
	return u.authenticator(obj, store.AuthenticatorOOBEmail, store.KindPrimary), nil
}

func (u *userResolver) PrimaryOOBOTPSMSAuthenticator(_ context.Context, obj *model.User) (*model.Authenticator, error) {
	return u.authenticator(obj, store.AuthenticatorOOBSMS, store.KindPrimary), nil
}

func (u *userResolver) SecondaryTOTPAuthenticators(_ context.Context, obj *model.User) ([]*model.Authenticator, error) {
	return u.authenticators(obj, store.AuthenticatorTOTP, store.KindSecondary), nil
}

func (u *userResolver) SecondaryOOBOTPEmailAuthenticators(_ context.Context, obj *model.User) ([]*model.Authenticator, error) {
	return u.authenticators(obj, store.AuthenticatorOOBEmail, store.KindSecondary), nil
}

func (u *userResolver) SecondaryOOBOTPSMSAuthenticators(_ context.Context, obj *model.User) ([]*model.Authenticator, error) {
	return u.authenticators(obj, store.AuthenticatorOOBSMS, store.KindSecondary), nil
}

func (m *mutationResolver) CreateAuthenticator(ctx context.Context, in graph.CreateAuthenticatorInput) (*graph.CreateAuthenticatorPayload, error) {
	uid, err := userID(in.UserID)
	if err != nil {
		return nil, err
	}
	def := in.Definition
	n := store.NewAuthenticator{UserID: uid, Kind: authenticatorKinds[def.Kind], CheckPolicy: true}
	switch def.Type {
	case graph.AuthenticatorTypePassword:
		if def.Password == nil {
			return nil, apierr.New(apierr.Invalid, "Invalid", "definition/password is required")
		}
		n.Type, n.Password = store.AuthenticatorPassword, def.Password.Password
	case graph.AuthenticatorTypeOobOtpEmail:
		if def.OobOtpEmail == nil {
			return nil, apierr.New(apierr.Invalid, "Invalid", "definition/oobOtpEmail is required")
		}
		n.Type, n.Email = store.AuthenticatorOOBEmail, def.OobOtpEmail.Email
	case graph.AuthenticatorTypeOobOtpSms:
		if def.OobOtpSms == nil {
			return nil, apierr.New(apierr.Invalid, "Invalid", "definition/oobOtpSMS is required")
		}
		n.Type, n.Phone = store.AuthenticatorOOBSMS, def.OobOtpSms.Phone
	default:
		return nil, apierr.New(apierr.Invalid, "Invalid", "unsupported authenticator type")
	}
	a, err := m.r.Store.CreateAuthenticator(n)
	if err != nil {
		return nil, err
	}
	noteUser(ctx, uid)
	return &graph.CreateAuthenticatorPayload{Authenticator: model.NewAuthenticator(a)}, nil
}

func (m *mutationResolver) DeleteAuthenticator(ctx context.Context, in graph.DeleteAuthenticatorInput) (*graph.DeleteAuthenticatorPayload, error) {
	id, err := decodeID(model.TypeAuthenticator, in.AuthenticatorID, "authenticator")
	if err != nil {
		return nil, err
	}
	uid, err := m.r.Store.DeleteAuthenticator(id)
	if err != nil {
		return nil, err
	}
	noteUser(ctx, uid)
	user, err := m.r.mustUser(uid)
	return &graph.DeleteAuthenticatorPayload{User: user}, err
}
