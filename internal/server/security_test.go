package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
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

// Defect 15: one rule for text on both surfaces. Control characters,
// direction overrides and broken UTF-8 are refused with a clear error,
// from a form as from JSON (escaped or not), and nothing is saved.
func TestText_OneRuleForBothSurfaces(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	notes := "/persons/" + w.ids["person1"] + "/goals/" + w.ids["goal1"] + "/notes"
	api := "/api/v1" + notes
	count := func() int {
		rec := w.do(s, "person1", "GET", "/api/v1/persons/"+w.ids["person1"]+"/goals/"+w.ids["goal1"], "", "")
		var g struct{ Notes []struct{ Text string } }
		if err := json.Unmarshal(rec.Body.Bytes(), &g); err != nil {
			t.Fatalf("goal: %d %s", rec.Code, rec.Body)
		}
		return len(g.Notes)
	}
	before := count()
	form := "application/x-www-form-urlencoded"
	for _, bad := range []string{"nul \x00 here", "reversed \u202e txt.exe", "broken \xff\xfe", "bell \a"} {
		rec := w.do(s, "person1", "POST", notes, form, url.Values{"text": {bad}, "csrf_token": {w.csrf["person1"]}}.Encode())
		if rec.Code != 400 || !strings.Contains(rec.Body.String(), "Nothing was saved") {
			t.Errorf("form note %q = %d, want 400 with the explanation", bad, rec.Code)
		}
		raw := `{"text":"` + bad + `"}`
		bodies := []string{raw}
		if utf8.ValidString(bad) { // json.Marshal would make broken UTF-8 into U+FFFD, which is fine text
			escaped, _ := json.Marshal(map[string]string{"text": bad})
			bodies = append(bodies, string(escaped))
		}
		for _, body := range bodies {
			rec := w.do(s, "person1", "POST", api, "application/json", body)
			if rec.Code != 400 || !strings.Contains(rec.Body.String(), `"code":"invalid"`) {
				t.Errorf("API note %q = %d %s, want 400 invalid", body, rec.Code, rec.Body)
			}
		}
	}
	// The bypasses the attacker review found: another content type, text
	// after the JSON value, a multipart form, a form that does not parse.
	for _, c := range []struct{ ct, body string }{
		{"text/plain", `{"text":"plain \u0000 nul"}`},
		{"application/json, text/plain", `{"text":"two types \u202e"}`},
		{"application/json", `{"text":"trailing \u0000 nul"}}`},
		{"application/vnd.api+json", `{"text":"vendor \u0000"}`},
	} {
		if rec := w.do(s, "person1", "POST", api, c.ct, c.body); rec.Code != 400 {
			t.Errorf("API note as %q %s = %d %s, want 400", c.ct, c.body, rec.Code, rec.Body)
		}
	}
	multipart := "--X\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" + w.csrf["person1"] +
		"\r\n--X\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nmultipart \x01 control\r\n--X--\r\n"
	if rec := w.do(s, "person1", "POST", notes, "multipart/form-data; boundary=X", multipart); rec.Code != 400 {
		t.Errorf("multipart note with a control character = %d, want 400", rec.Code)
	}
	if rec := w.do(s, "person1", "POST", notes, form, "text=broken%00nul&x=%zz&csrf_token="+w.csrf["person1"]); rec.Code != 400 {
		t.Errorf("a form that does not parse = %d, want 400", rec.Code)
	}
	if after := count(); after != before {
		t.Errorf("notes went from %d to %d: a refused text was saved", before, after)
	}
	if rec := w.do(s, "person1", "POST", api, "application/json", `{"text":"Sang «Danny Boy» — right-to-left mark \u200f kept"}`); rec.Code != 201 {
		t.Errorf("ordinary text = %d %s, want 201", rec.Code, rec.Body)
	}
}

// Defect 19: a link on another site cannot make a clinician's browser
// read a person's record, and so cannot write to the person's access log
// under the clinician's name.
func TestCrossSiteNavigation_LogsNothing(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	searches := func() int {
		rec := w.do(s, "person1", "GET", "/api/v1/persons/"+w.ids["person1"]+"/access-log", "", "")
		var log struct{ Entries []struct{ Action string } }
		if err := json.Unmarshal(rec.Body.Bytes(), &log); err != nil {
			t.Fatalf("access log: %d %s", rec.Code, rec.Body)
		}
		n := 0
		for _, e := range log.Entries {
			if e.Action == "persons.find" || e.Action == "person.read" {
				n++
			}
		}
		return n
	}
	get := func(path string, header map[string]string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", path, nil)
		r.AddCookie(&http.Cookie{Name: "heard_session", Value: w.tokens["pro1"]})
		for k, v := range header {
			r.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, r)
		return rec
	}
	before := searches()
	search := "/emergency-access?q=Ada"
	for _, h := range []map[string]string{
		{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"},
		{"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "navigate"},
		{"Referer": "https://evil.example/page"},
		{"Referer": "https://evil.example/%zz"}, // does not parse: not Heard's either
	} {
		rec := get(search, h)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "from another site") || !strings.Contains(rec.Body.String(), `href="/emergency-access?q=Ada"`) {
			t.Errorf("search from %v = %d, want the page that asks before opening", h, rec.Code)
		}
		if strings.Contains(rec.Body.String(), w.names["person1"]) {
			t.Errorf("search from %v shows the result", h)
		}
		if rec := get("/persons/"+w.ids["person1"], h); strings.Contains(rec.Body.String(), w.names["person1"]) {
			t.Errorf("person page from %v shows the record", h)
		}
		if rec := get("/api/v1/persons/"+w.ids["person1"], h); rec.Code != 403 || !strings.Contains(rec.Body.String(), `"code":"cross_site"`) {
			t.Errorf("API from %v = %d %s, want 403 cross_site", h, rec.Code, rec.Body)
		}
	}
	if after := searches(); after != before {
		t.Fatalf("cross-site requests wrote %d entries to person1's access log", after-before)
	}
	if rec := get(search, map[string]string{"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "navigate"}); !strings.Contains(rec.Body.String(), w.names["person1"]) {
		t.Errorf("search from Heard's own page = %d, want the result", rec.Code)
	}
	if after := searches(); after != before+1 {
		t.Errorf("a search from Heard's own page wrote %d entries, want 1", after-before)
	}
}

// Defect 18 on the page: the demo leader leads two units, each with fewer
// than five persons; no count of persons shows as a number.
func TestLeaderHome_SuppressesSmallCounts(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	rec := w.do(s, "leader", "GET", "/home", "", "")
	body := rec.Body.String()
	if rec.Code != 200 || !strings.Contains(body, "All your units") || !strings.Contains(body, "fewer than 5") {
		t.Fatalf("leader home = %d, want totals and suppressed counts:\n%s", rec.Code, snippet(body))
	}
	persons := regexp.MustCompile(`Persons with an active care relation</dt><dd>([^<]*)</dd>`).FindAllStringSubmatch(body, -1)
	if len(persons) != 3 {
		t.Fatalf("found %d person counts, want two units and a total", len(persons))
	}
	for _, m := range persons {
		if n, err := strconv.Atoi(m[1]); err == nil && n > 0 && n < 5 {
			t.Errorf("a count of persons shows as %d", n)
		}
	}
}
