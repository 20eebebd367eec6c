package web

import (
	"net/http/httptest"
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

// A save's confirmation travels in a cookie the redirect sets, with the
// section the browser will scroll to; the URL carries no notice, so a link
// from elsewhere cannot make a page confirm what never happened.
func TestRedirectCarriesTheNoticeInACookie(t *testing.T) {
	tests := []struct{ to, want string }{
		{"/persons/p/goals/g#notes", "notice.saved|notes"},
		{"/home", "notice.saved|"},
		{"/home#<script>", "notice.saved|"},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		redirect(rec, httptest.NewRequest("POST", "/x", nil), tt.to, "notice.saved")
		if loc := rec.Header().Get("Location"); loc != tt.to || strings.Contains(loc, "notice") {
			t.Errorf("redirect to %q: Location %q", tt.to, loc)
		}
		cookies := rec.Result().Cookies()
		if len(cookies) != 1 || cookies[0].Name != noticeCookie || cookies[0].Value != tt.want || !cookies[0].HttpOnly || cookies[0].MaxAge != 60 {
			t.Errorf("redirect to %q: cookies %+v; want %s=%s", tt.to, cookies, noticeCookie, tt.want)
		}
	}
	rec := httptest.NewRecorder()
	redirect(rec, httptest.NewRequest("POST", "/x", nil), "/home", "")
	if len(rec.Result().Cookies()) != 0 {
		t.Error("a redirect without a notice set a cookie")
	}
}
