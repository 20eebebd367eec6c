package server

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// notSaves are the web form routes that save nothing of the user's to
// confirm: they change the language, log in or out.
var notSaves = map[string]bool{
	"POST /language": true, "POST /login": true, "POST /login/code": true, "POST /logout": true,
	// A feedback link's token exists only once made; TestFeedbackLinks
	// checks that its page confirms.
	"POST /f/{token}": true,
	// So is an invitation's; TestInvitations_JoinOnce checks its page
	// confirms.
	"POST /i/{token}": true,
}

// Every save says it was saved: each web form, sent as the first actor
// the matrix allows, ends on a page with a confirmation for screen readers
// (role="status"), placed in the section the browser scrolls to when the
// page returns to one, so the confirmation is where the thing saved is.
func TestEverySaveConfirms(t *testing.T) {
	w := demoWorld.load(t)
	css := w.cssName(t, w.newServer(t, nil))
	allowed := map[string]bool{}
	forms := map[string]bool{}
	tried := 0
	for _, m := range matrix {
		method, pattern, _ := strings.Cut(m.route, " ")
		if method != "POST" || strings.HasPrefix(pattern, "/api/") || notSaves[m.route] {
			continue
		}
		forms[m.route] = true
		actor := ""
		for _, a := range actors {
			if o := m.want.of(a); a != "" && (o == "303" || o == "200") {
				actor = a
				break
			}
		}
		if actor == "" || allowed[m.route] {
			continue
		}
		allowed[m.route] = true
		tried++
		t.Run(m.route+" as "+actor, func(t *testing.T) {
			s := w.newServer(t, nil)
			_, path, ct, body := w.request(t, m.route, m.target, css)
			rec := w.do(s, actor, method, path, ct, body)
			page := rec.Body.String()
			if rec.Code == 303 {
				loc := rec.Header().Get("Location")
				u, err := url.Parse(loc)
				var notice *http.Cookie
				for _, c := range rec.Result().Cookies() {
					if c.Name == "heard_notice" {
						notice = c
					}
				}
				if err != nil || notice == nil {
					t.Fatalf("redirects to %q: no confirmation asked for", loc)
				}
				if _, at, _ := strings.Cut(notice.Value, "|"); at != u.Fragment {
					t.Errorf("redirects to %q with notice %q: the confirmation is not put where the page scrolls to", loc, notice.Value)
				}
				get := func(path string) *httptest.ResponseRecorder {
					return w.doWith(s, actor, "GET", path, "", "", notice)
				}
				next := get(u.RequestURI())
				for range 2 { // a gate may send the actor on, as enrolment does
					if next.Code != 303 {
						break
					}
					if u, err = url.Parse(next.Header().Get("Location")); err != nil {
						t.Fatal(err)
					}
					next = get(u.RequestURI())
				}
				if next.Code != 200 {
					t.Fatalf("GET %s after saving = %d", u.RequestURI(), next.Code)
				}
				page = next.Body.String()
				if u.Fragment != "" {
					at := strings.Index(page, `id="`+u.Fragment+`"`)
					confirm := strings.Index(page, `data-confirm`)
					if at < 0 || confirm < at || strings.Contains(page[at:confirm], "</section>") {
						t.Errorf("the confirmation is not inside #%s, where the page scrolls to", u.Fragment)
					}
				}
			} else if rec.Code != 200 {
				t.Fatalf("%s %s = %d", method, path, rec.Code)
			}
			if n := strings.Count(page, `role="status"`); n != 1 || !strings.Contains(page, `class="notice" role="status" tabindex="-1" data-confirm`) {
				t.Errorf("the page after saving has %d confirmations for screen readers; want one:\n%s", n, snippet(page))
			}
		})
	}
	for f := range forms {
		if !allowed[f] {
			t.Errorf("%s: no actor may send this form in the matrix; say why it needs no confirmation in notSaves", f)
		}
	}
	if tried < 25 {
		t.Fatalf("tried only %d forms: the matrix no longer lists them as expected", tried)
	}
}

// Removing someone from her network and ending a care relation ask first:
// the first POST shows what will happen and changes nothing; only the
// answer (confirm=yes) acts. Without JavaScript, as every page.
func TestDestructiveActionsAskFirst(t *testing.T) {
	w := demoWorld.load(t)
	css := w.cssName(t, w.newServer(t, nil))
	tests := []struct {
		route, actor, asks, list, gone string
	}{
		{"POST /persons/{personID}/network/{linkID}/remove", "person1", "from your network?", "/persons/" + w.ids["person1"] + "/network", "/network/" + w.ids["link1"] + "/remove"},
		{"POST /admin/relations/{relationID}/end", "admin", "End the care relation between", "/admin/relations", `/admin/relations/` + w.ids["relation1"] + `/end`},
	}
	for _, tt := range tests {
		t.Run(tt.route, func(t *testing.T) {
			s := w.newServer(t, nil)
			_, path, _, _ := w.request(t, tt.route, "p1", css)
			asked := w.do(s, tt.actor, "POST", path, "application/x-www-form-urlencoded", "")
			page := asked.Body.String()
			if asked.Code != 200 || !strings.Contains(page, tt.asks) || !strings.Contains(page, `name="confirm" value="yes"`) || !strings.Contains(page, `action="`+path+`"`) {
				t.Fatalf("the first POST = %d; want the question %q with a form that answers it:\n%s", asked.Code, tt.asks, snippet(visibleText(page)))
			}
			if before := w.do(s, tt.actor, "GET", tt.list, "", ""); !strings.Contains(before.Body.String(), tt.gone) {
				t.Fatalf("asking changed something: %s no longer shows %q", tt.list, tt.gone)
			}
			done := w.do(s, tt.actor, "POST", path, "application/x-www-form-urlencoded", "confirm=yes")
			if done.Code != 303 {
				t.Fatalf("the answer = %d, want 303", done.Code)
			}
			if after := w.do(s, tt.actor, "GET", tt.list, "", ""); strings.Contains(after.Body.String(), tt.gone) {
				t.Errorf("after the answer %s still shows %q", tt.list, tt.gone)
			}
		})
	}
}

// A professional's meeting, decision and restriction pages show the record
// first; the edit form is a step away ("Edit …"), not under every record.
func TestEditIsAStep(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	css := w.cssName(t, s)
	for _, route := range []string{"GET /persons/{personID}/decisions/{decisionID}", "GET /persons/{personID}/encounters/{encounterID}",
		"GET /persons/{personID}/restrictions/{restrictionID}"} {
		_, path, _, _ := w.request(t, route, "p1", css)
		page := w.do(s, "pro1", "GET", path, "", "").Body.String()
		if strings.Contains(page, `id="edit-h"`) || !strings.Contains(page, `href="?edit=1#edit-h"`) {
			t.Errorf("%s: the edit form is shown without asking, or there is no Edit step", path)
		}
		editing := w.do(s, "pro1", "GET", path+"?edit=1", "", "").Body.String()
		if !strings.Contains(editing, `id="edit-h"`) || strings.Contains(editing, `href="?edit=1#edit-h"`) {
			t.Errorf("%s?edit=1: no edit form", path)
		}
		if own := w.do(s, "person1", "GET", path+"?edit=1", "", "").Body.String(); strings.Contains(own, `id="edit-h"`) {
			t.Errorf("%s?edit=1 as the person: the professional's form is shown", path)
		}
	}
}

// A link cannot make a page confirm what never happened: the notice is
// shown only from the cookie the save's redirect set, once.
func TestNoticeCannotBeForgedByALink(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	for _, path := range []string{"/home?notice=notice.relation_ended", "/home?notice=notice.member_removed&at=main"} {
		if page := w.do(s, "person1", "GET", path, "", "").Body.String(); strings.Contains(page, "data-confirm") {
			t.Errorf("GET %s shows a confirmation", path)
		}
	}
	shown := w.doWith(s, "person1", "GET", "/home", "", "", &http.Cookie{Name: "heard_notice", Value: "notice.saved|"})
	if !strings.Contains(shown.Body.String(), "data-confirm") {
		t.Fatal("the notice cookie is not shown")
	}
	cleared := false
	for _, c := range shown.Result().Cookies() {
		cleared = cleared || c.Name == "heard_notice" && c.MaxAge < 0
	}
	if !cleared {
		t.Error("the page that showed the notice does not clear it: a refresh would confirm again")
	}
}
