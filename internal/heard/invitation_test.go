package heard

import (
	"testing"
	"time"
)

func TestInvitation_PendingAndValidate(t *testing.T) {
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	inv := Invitation{Email: "liv@example.test", Name: "Liv", Relationship: "my mother", Scopes: []Scope{ScopeCrisisPlan}, Months: 12, Expires: now.Add(time.Hour)}
	if err := inv.Validate(); err != nil || !inv.Pending(now) {
		t.Fatalf("a good invitation: %v, pending %v", err, inv.Pending(now))
	}
	for name, i := range map[string]Invitation{
		"accepted":  {Expires: now.Add(time.Hour), Accepted: now},
		"withdrawn": {Expires: now.Add(time.Hour), Withdrawn: now},
		"expired":   {Expires: now},
	} {
		if i.Pending(now) {
			t.Errorf("%s invitation is pending", name)
		}
	}
	for name, i := range map[string]Invitation{
		"no e-mail":     {Name: "Liv"},
		"a bad e-mail":  {Email: "Liv <liv@example.test>", Name: "Liv"},
		"no name":       {Email: "liv@example.test", Name: " "},
		"unknown scope": {Email: "liv@example.test", Name: "Liv", Scopes: []Scope{"everything"}, Months: 12},
		"no period":     {Email: "liv@example.test", Name: "Liv", Months: 0},
		"odd period":    {Email: "liv@example.test", Name: "Liv", Months: 7},
	} {
		if len(Problems(i.Validate())) == 0 {
			t.Errorf("%s passes", name)
		}
	}
}

func TestNetworkLink_AccessPeriod(t *testing.T) {
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	for name, c := range map[string]struct {
		l                 NetworkLink
		current, endsSoon bool
	}{
		"months to go":        {NetworkLink{Until: now.AddDate(0, 6, 0)}, true, false},
		"ends within a month": {NetworkLink{Until: now.Add(10 * 24 * time.Hour)}, true, true},
		"ended":               {NetworkLink{Until: now}, false, true},
		"revoked":             {NetworkLink{Until: now.AddDate(1, 0, 0), Revoked: now}, false, false},
	} {
		if c.l.Current(now) != c.current || c.l.EndsSoon(now) != c.endsSoon {
			t.Errorf("%s: current %v ends soon %v, want %v %v", name, c.l.Current(now), c.l.EndsSoon(now), c.current, c.endsSoon)
		}
	}
}

func TestProposal_Validate(t *testing.T) {
	if err := (Proposal{Name: "Liv", Relationship: "aunt"}).Validate(); err != nil {
		t.Fatalf("a good proposal: %v", err)
	}
	if len(Problems((Proposal{Name: " "}).Validate())) == 0 {
		t.Error("a proposal without a name passes")
	}
}
