package web

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every save confirms: each notice a handler redirects with must be one a
// page agrees to show, or the confirmation silently disappears.
func TestRedirectNoticesAreShown(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	used := regexp.MustCompile(`"(notice\.[a-z_]+)"`)
	// A key built at run time escapes this check (it once built
	// "notice.declineed"): notices are written out whole.
	built := regexp.MustCompile(`"notice\.[a-z_]*"\s*\+`)
	found := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "handler.go" { // handler.go lists noticeKeys
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if built.Match(src) {
			t.Errorf("%s builds a notice key at run time", f)
		}
		for _, m := range used.FindAllStringSubmatch(string(src), -1) {
			found++
			if !noticeKeys[m[1]] {
				t.Errorf("%s uses the notice %s, which no page shows", f, m[1])
			}
		}
	}
	if found < 10 {
		t.Fatalf("found only %d redirects with a notice: the pattern no longer matches the code", found)
	}
}

// The notice goes before a #fragment: after one the browser never sends
// it, and the save would not confirm (found walking the goal note and the
// restriction view at 360 px).
func TestWithNotice(t *testing.T) {
	tests := []struct{ to, want string }{
		{"/persons/p/goals/g#notes", "/persons/p/goals/g?notice=notice.saved&at=notes#notes"},
		{"/reviews?show=reviewed#r1", "/reviews?show=reviewed&notice=notice.saved&at=r1#r1"},
		{"/home", "/home?notice=notice.saved"},
	}
	for _, tt := range tests {
		if got := withNotice(tt.to, "notice.saved"); got != tt.want {
			t.Errorf("withNotice(%q) = %q, want %q", tt.to, got, tt.want)
		}
	}
}
