package heard

import "testing"

// A unit's number is shown as written and dialled as its digits, so only
// a plain number is taken: what is shown is what a tap dials.
func TestValidUnitContact(t *testing.T) {
	for _, ok := range []string{"", "+47 000 00 100", "22 00 00 00", "116117", "+47-22-00-00-00", "113"} {
		if err := ValidUnitContact(ok, ""); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"call the ward", "+47 000 00 100 +1", "113 -- 22 33", "++47 123", "(((((( 1 2 3", "12", "1234567890123456", " 113", "113 "} {
		if p := Problems(ValidUnitContact(bad, "")); len(p) != 1 || p[0].Field != "phone" {
			t.Errorf("%q: problems %v, want one on phone", bad, p)
		}
	}
	long := make([]rune, 201)
	for i := range long {
		long[i] = 'å'
	}
	if p := Problems(ValidUnitContact("", string(long))); len(p) != 1 || p[0].Field != "reach" {
		t.Errorf("201 characters of reach: %v", p)
	}
}
