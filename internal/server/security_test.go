package server

import (
	"net/url"
	"testing"
)

// Defect 5: a next= with a tab, line break or backslash must not leave the
// site, on the login page (GET and POST) and the language switch.
func TestRedirect_StaysOnSite(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	form := "application/x-www-form-urlencoded"
	for _, next := range []string{"/\t/evil.example", "/\n/evil.example", "/\\evil.example", "//evil.example", "https://evil.example"} {
		q := url.QueryEscape(next)
		checks := []struct {
			name string
			do   func() (int, string)
		}{
			{"GET /login logged in", func() (int, string) {
				rec := w.do(s, "pro1", "GET", "/login?next="+q, "", "")
				return rec.Code, rec.Header().Get("Location")
			}},
			{"POST /login", func() (int, string) {
				rec := w.do(s, "", "POST", "/login", form, url.Values{"email": {"person2@demo.test"}, "password": {"heard-demo-password"}, "next": {next}, "csrf_token": {anonCSRF}}.Encode())
				return rec.Code, rec.Header().Get("Location")
			}},
			{"POST /language", func() (int, string) {
				rec := w.do(s, "pro1", "POST", "/language", form, url.Values{"lang": {"nb"}, "next": {next}, "csrf_token": {w.csrf["pro1"]}}.Encode())
				return rec.Code, rec.Header().Get("Location")
			}},
		}
		for _, c := range checks {
			code, loc := c.do()
			if code != 303 || loc != "/home" {
				t.Errorf("%s with next=%q = %d Location %q, want 303 to /home", c.name, next, code, loc)
			}
		}
	}
}
