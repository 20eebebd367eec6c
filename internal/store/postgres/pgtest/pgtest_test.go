package pgtest

import "testing"

// CI=false is not CI: only a set, non-false CI makes a missing PostgreSQL
// or Chromium a failure.
func TestInCI(t *testing.T) {
	for v, want := range map[string]bool{"": false, "false": false, "FALSE": false, "0": false, "true": true, "1": true, "yes": true} {
		t.Setenv("CI", v)
		if got := InCI(); got != want {
			t.Errorf("CI=%q: InCI() = %v, want %v", v, got, want)
		}
	}
}
