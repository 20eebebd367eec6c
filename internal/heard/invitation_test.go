package heard

import (
	"testing"
	"time"
)

func TestInvitation_PendingAndValidate(t *testing.T) {
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	inv := Invitation{Email: "liv@example.test", Name: "Liv", Relationship: "my mother", Scopes: []Scope{ScopeCrisisPlan}, Expires: now.Add(time.Hour)}
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
		"unknown scope": {Email: "liv@example.test", Name: "Liv", Scopes: []Scope{"everything"}},
	} {
		if len(Problems(i.Validate())) == 0 {
			t.Errorf("%s passes", name)
		}
	}
}
