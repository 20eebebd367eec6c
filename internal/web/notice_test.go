package web

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// Every save confirms: each notice a handler redirects with must be one a
// page agrees to show, or the confirmation silently disappears.
func TestRedirectNoticesAreShown(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	used := regexp.MustCompile(`redirect\([^\n]*"(notice\.[a-z_]+)"\)`)
	found := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllStringSubmatch(string(src), -1) {
			found++
			if !noticeKeys[m[1]] {
				t.Errorf("%s redirects with %s, which no page shows", f, m[1])
			}
		}
	}
	if found < 10 {
		t.Fatalf("found only %d redirects with a notice: the pattern no longer matches the code", found)
	}
}
