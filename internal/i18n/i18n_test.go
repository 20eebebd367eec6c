package i18n

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
)

func TestCatalogues_SameKeys(t *testing.T) {
	enKeys, nbKeys := Keys(EN), Keys(NB)
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
	for _, l := range Langs {
		for k, v := range catalogs[l] {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: key %q is empty", l, k)
			}
			if strings.Count(v, "%") != strings.Count(catalogs[EN][k], "%") {
				t.Errorf("%s: key %q has different placeholders from en: %q", l, k, v)
			}
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
	if got := New(NB, oslo).T("team.since", "i går"); got != "siden i går" {
		t.Errorf("nb T with argument = %q", got)
	}
	if got := New(EN, nil).T("no.such.key"); got != "[[no.such.key]]" {
		t.Errorf("missing key = %q, want it marked", got)
	}
	if got := New("xx", nil).Lang(); got != EN {
		t.Errorf("unknown language falls back to %s, want en", got)
	}
}
