package i18n

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
)

// Both catalogues have the same keys, each message the same placeholder
// names in every language, and a message with plural forms has the forms
// its language's CLDR rules need (English and Norwegian: one, other).
func TestCatalogues_SameKeysAndPlaceholders(t *testing.T) {
	enKeys, nbKeys := Keys(EN), Keys(NB)
	if len(enKeys) < 500 {
		t.Fatalf("only %d messages in en", len(enKeys))
	}
	if !slices.Equal(enKeys, nbKeys) {
		for _, k := range enKeys {
			if !slices.Contains(nbKeys, k) {
				t.Errorf("key %q is in en but not nb", k)
			}
		}
		for _, k := range nbKeys {
			if !slices.Contains(enKeys, k) {
				t.Errorf("key %q is in nb but not en", k)
			}
		}
	}
	plurals := 0
	for _, l := range Langs {
		for _, k := range Keys(l) {
			forms := Forms(l, k)
			for form, v := range forms {
				if strings.TrimSpace(v) == "" {
					t.Errorf("%s: %q (%s) is empty", l, k, form)
				}
				if strings.Contains(v, "%") && !strings.Contains(v, "% ") {
					t.Errorf("%s: %q still has a printf verb: %q", l, k, v)
				}
			}
			if got, want := Placeholders(l, k), Placeholders(EN, k); !slices.Equal(got, want) {
				t.Errorf("%s: %q names %v; en names %v", l, k, got, want)
			}
			if len(forms) > 1 {
				plurals++
				if forms["one"] == "" || forms["other"] == "" || !slices.Contains(Placeholders(l, k), "Count") {
					t.Errorf("%s: plural message %q needs one and other forms with {{.Count}}: %v", l, k, forms)
				}
			}
		}
	}
	if plurals < 10 {
		t.Errorf("only %d plural messages in both languages", plurals)
	}
}

// Plural forms follow the count; a placeholder not given, or an argument
// the message does not name, shows as [[…]] instead of a wrong sentence.
func TestLocalizer_PluralsAndNames(t *testing.T) {
	en, nb := New(EN, nil), New(NB, nil)
	for _, tt := range []struct {
		l    Localizer
		n    int
		want string
	}{
		{en, 1, "1 restriction is past its review date."},
		{en, 2, "2 restrictions are past their review date."},
		{en, 0, "0 restrictions are past their review date."},
		{nb, 1, "1 begrensning har passert vurderingsdatoen."},
		{nb, 3, "3 begrensninger har passert vurderingsdatoen."},
	} {
		if got := tt.l.N("person.flag.restrictions", tt.n); got != tt.want {
			t.Errorf("%s N(%d) = %q, want %q", tt.l.Lang(), tt.n, got, tt.want)
		}
	}
	if got := en.T("team.since", "Date", "today"); got != "since today" {
		t.Errorf("named argument: %q", got)
	}
	for _, bad := range [][]any{nil, {"When", "today"}, {"Date", "today", "Extra", 1}, {"Date"}} {
		if got := en.T("team.since", bad...); !strings.HasPrefix(got, "[[team.since") {
			t.Errorf("T(team.since, %v) = %q; want it marked", bad, got)
		}
	}
}

// Every value of every domain enumeration that pages show by name.
func TestCatalogues_CoverDomainValues(t *testing.T) {
	var keys []string
	for _, r := range append(slices.Clone(heard.Roles), heard.RoleSystem) {
		keys = append(keys, "role."+string(r))
	}
	for _, b := range []heard.Basis{heard.BasisNone, heard.BasisSelf, heard.BasisCare, heard.BasisNetwork, heard.BasisEmergency,
		heard.BasisAdmin, heard.BasisLeader, heard.BasisSystem, heard.BasisOrganisation} {
		keys = append(keys, "basis."+string(b))
	}
	for _, r := range heard.EmergencyReasons {
		keys = append(keys, "reason."+string(r))
	}
	for _, s := range heard.Scopes {
		keys = append(keys, "scope."+string(s))
	}
	for _, k := range heard.UnitKinds {
		keys = append(keys, "unit_kind."+string(k))
	}
	for _, a := range heard.LoggedActions {
		keys = append(keys, "did."+string(a), "what."+string(a))
	}
	for _, l := range Langs {
		loc := New(l, nil)
		for _, k := range keys {
			if !loc.Has(k) {
				t.Errorf("%s: missing %q", l, k)
			}
		}
	}
}

func TestNegotiate(t *testing.T) {
	tests := map[string]Lang{
		"":                        EN,
		"nb-NO,nb;q=0.9,en;q=0.8": NB,
		"en-GB,en;q=0.9,nb;q=0.8": EN,
		"de-DE,no;q=0.5,en;q=0.4": NB,
		"nn":                      NB,
		"fr, de":                  EN,
		"en;q=0.2, nb;q=0.7":      NB,
		"nb;q=0, en;q=0.1":        EN,
	}
	for header, want := range tests {
		if got := Negotiate(header); got != want {
			t.Errorf("Negotiate(%q) = %s, want %s", header, got, want)
		}
	}
}

func TestLocalizer(t *testing.T) {
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Skip("no time zone data")
	}
	at := time.Date(2026, 11, 23, 13, 5, 0, 0, time.UTC)
	if got := New(EN, oslo).DateTime(at); got != "23 Nov 2026, 14:05" {
		t.Errorf("en DateTime = %q", got)
	}
	if got := New(NB, oslo).DateTime(at); got != "23. nov. 2026 kl. 14:05" {
		t.Errorf("nb DateTime = %q", got)
	}
	if got := New(NB, oslo).T("team.since", "Date", "i går"); got != "siden i går" {
		t.Errorf("nb T with argument = %q", got)
	}
	if got := New(EN, nil).T("no.such.key"); got != "[[no.such.key]]" {
		t.Errorf("missing key = %q, want it marked", got)
	}
	if got := New("xx", nil).Lang(); got != EN {
		t.Errorf("unknown language falls back to %s, want en", got)
	}
}

// Norwegian that reads as Norwegian: Heard is not the legal health record
// (pasientjournal), so it never calls itself a journal; and phrasings found
// clumsy in review stay out.
func TestNorwegian_Wording(t *testing.T) {
	for key, msg := range Messages(NB) {
		for _, bad := range []string{"journal", "med deres ord", "de de ", "ditt rom", "akuttilgang"} {
			if strings.Contains(strings.ToLower(msg), bad) {
				t.Errorf("nb %q says %q: %q", key, bad, msg)
			}
		}
	}
}
