package adminapi

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// jsonDiff reports the difference between two JSON documents compared as
// values (key order and spacing ignored, numbers exact).
func jsonDiff(t *testing.T, want, got []byte) string {
	t.Helper()
	var w, g any
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("want is not JSON: %v", err)
	}
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("got is not JSON: %v\n%s", err, got)
	}
	return cmp.Diff(w, g)
}

func TestStandardAttributesRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
	}{
		// As the real server sent them (recorded/1c, 1d).
		{"recorded node fetch", `{"email":"a@example.com","email_verified":false,"updated_at":1796312097}`},
		{"empty", `{}`},
		{"all known", `{"email":"a@b.c","email_verified":true,"phone_number":"+85298765432","phone_number_verified":false,
			"preferred_username":"alice","name":"Alice Liddell","given_name":"Alice","family_name":"Liddell","middle_name":"P",
			"nickname":"al","picture":"https://example.com/a.png","profile":"https://example.com/alice","website":"https://alice.example",
			"gender":"female","birthdate":"1852-05-04","zoneinfo":"Europe/London","locale":"en-GB",
			"address":{"formatted":"1 Road","street_address":"1 Road","locality":"Oxford","region":"Oxon","postal_code":"OX1","country":"GB"},
			"updated_at":1796312097}`},
		{"empty address", `{"address":{}}`},
		{"unknown keys kept", `{"email":"a@b.c","x_custom":{"deep":[1,2.50,"3"]},"address":{"country":"HK","planet":"Earth"}}`},
		{"zero values kept", `{"email":"","email_verified":false,"name":"","updated_at":0}`},
		{"null kept", `{"name":null,"address":null}`},
		{"wrong type kept", `{"email_verified":"yes","updated_at":1.5,"address":"somewhere"}`},
		{"big number kept", `{"updated_at":1796312097,"x":123456789012345678901234567890}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var sa StandardAttributes
			if err := json.Unmarshal([]byte(tt.in), &sa); err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			out, err := json.Marshal(sa)
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			if diff := jsonDiff(t, []byte(tt.in), out); diff != "" {
				t.Errorf("round trip mismatch (-want +got):\n%s", diff)
			}
			// A clone encodes the same.
			cloned, err := json.Marshal(sa.Clone())
			if err != nil {
				t.Fatalf("Marshal clone: %v", err)
			}
			if diff := jsonDiff(t, []byte(tt.in), cloned); diff != "" {
				t.Errorf("clone mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStandardAttributesFields(t *testing.T) {
	t.Parallel()
	var sa StandardAttributes
	in := `{"email":"a@example.com","email_verified":false,"updated_at":1796312097,"address":{"country":"HK"},"custom":1}`
	if err := json.Unmarshal([]byte(in), &sa); err != nil {
		t.Fatal(err)
	}
	want := StandardAttributes{
		Email:         Ptr("a@example.com"),
		EmailVerified: Ptr(false),
		UpdatedAt:     Ptr(int64(1796312097)),
		Address:       &Address{Country: Ptr("HK")},
		Extra:         map[string]json.RawMessage{"custom": json.RawMessage("1")},
	}
	if diff := cmp.Diff(want, sa); diff != "" {
		t.Errorf("decoded mismatch (-want +got):\n%s", diff)
	}

	// A set field wins over an Extra entry of the same key.
	sa.Extra["email"] = json.RawMessage(`"old@example.com"`)
	out, err := json.Marshal(sa)
	if err != nil {
		t.Fatal(err)
	}
	if diff := jsonDiff(t, []byte(in), out); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestStandardAttributesErrors(t *testing.T) {
	t.Parallel()
	for _, in := range []string{`[]`, `"x"`, `{`, `1`} {
		var sa StandardAttributes
		if err := json.Unmarshal([]byte(in), &sa); err == nil {
			t.Errorf("Unmarshal(%s) succeeded; want an error", in)
		}
	}
	sa := StandardAttributes{Extra: map[string]json.RawMessage{"bad": json.RawMessage("{")}}
	if _, err := json.Marshal(sa); err == nil {
		t.Error("Marshal with invalid Extra succeeded; want an error")
	}
}

func TestStandardAttributesCloneIsDeep(t *testing.T) {
	t.Parallel()
	orig := StandardAttributes{
		Name:    Ptr("a"),
		Address: &Address{Country: Ptr("HK")},
		Extra:   map[string]json.RawMessage{"x": json.RawMessage(`1`)},
	}
	c := orig.Clone()
	*c.Name = "b"
	*c.Address.Country = "GB"
	c.Extra["x"] = json.RawMessage(`2`)
	if *orig.Name != "a" || *orig.Address.Country != "HK" || string(orig.Extra["x"]) != "1" {
		t.Errorf("Clone shares memory with the original: %+v", orig)
	}
	a := Address{Locality: Ptr("x"), Extra: map[string]json.RawMessage{"k": json.RawMessage(`true`)}}
	ac := a.Clone()
	*ac.Locality = "y"
	if *a.Locality != "x" {
		t.Error("Address.Clone shares memory with the original")
	}
}

func TestJSONObject(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		wantNil bool
	}{
		// Identity claims as the real server sent them (recorded/1c).
		{"recorded claims", `{"email":"a@example.com","https://authgear.com/claims/login_id/key":"email","https://authgear.com/claims/login_id/original_value":"a@example.com","https://authgear.com/claims/login_id/type":"email","https://authgear.com/claims/login_id/value":"a@example.com"}`, false},
		{"numbers exact", `{"big":12345678901234567890123,"float":0.1000000000000000055511151231257827,"neg":-0,"exp":1e400}`, false},
		{"nested", `{"a":{"b":[1,{"c":null}]},"d":true}`, false},
		{"empty", `{}`, false},
		{"null", `null`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var o JSONObject
			if err := json.Unmarshal([]byte(tt.in), &o); err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			if (o == nil) != tt.wantNil {
				t.Fatalf("Unmarshal(%s) = %#v; want nil %t", tt.in, o, tt.wantNil)
			}
			out, err := json.Marshal(o)
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			if tt.wantNil {
				if string(out) != "null" {
					t.Errorf("Marshal(nil) = %s, want null", out)
				}
				return
			}
			// Compare as text after normalizing through the same decoder:
			// numbers must survive digit for digit.
			var want, got JSONObject
			_ = json.Unmarshal([]byte(tt.in), &want)
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("round trip mismatch (-want +got):\n%s", diff)
			}
		})
	}

	var o JSONObject
	if err := json.Unmarshal([]byte(`{"n":12345678901234567890}`), &o); err != nil {
		t.Fatal(err)
	}
	if n, ok := o["n"].(json.Number); !ok || n.String() != "12345678901234567890" {
		t.Errorf(`o["n"] = %#v; want json.Number("12345678901234567890")`, o["n"])
	}
	for _, bad := range []string{`[]`, `"s"`, `1`, `{`} {
		if err := json.Unmarshal([]byte(bad), &o); err == nil {
			t.Errorf("Unmarshal(%s) succeeded; want an error", bad)
		}
	}
}

func TestJSONObjectClone(t *testing.T) {
	t.Parallel()
	o := JSONObject{"a": map[string]any{"b": []any{"c"}}, "n": json.Number("1")}
	c := o.Clone()
	c["a"].(map[string]any)["b"].([]any)[0] = "changed"
	if o["a"].(map[string]any)["b"].([]any)[0] != "c" {
		t.Error("Clone shares nested values with the original")
	}
	if JSONObject(nil).Clone() != nil {
		t.Error("Clone(nil) != nil")
	}
}
