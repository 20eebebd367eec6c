package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/heard-health/heard/internal/demo"
)

func TestUnknownPaths(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	web := w.do(s, "pro1", "GET", "/no/such/page", "", "")
	if web.Code != 404 || !strings.Contains(web.Body.String(), "<h1>") {
		t.Errorf("unknown page = %d, want a 404 page", web.Code)
	}
	checkHeaders(t, web.Header())
	api := w.do(s, "pro1", "GET", "/api/v1/nothing", "", "")
	var body struct{ Error struct{ Code string } }
	if api.Code != 404 || json.Unmarshal(api.Body.Bytes(), &body) != nil || body.Error.Code != "not_found" {
		t.Errorf("unknown API path = %d %s, want 404 with code not_found", api.Code, api.Body)
	}
	if bad := w.do(s, "pro1", "GET", "/persons/not-an-id", "", ""); bad.Code != 404 {
		t.Errorf("malformed person ID = %d, want 404", bad.Code)
	}
}

// State changes need the CSRF token; cross-site requests are refused even
// with it (a browser adds Sec-Fetch-Site or Origin).
func TestCSRF(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	post := func(path, ct, body string, header map[string]string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("POST", path, strings.NewReader(body))
		r.Header.Set("Content-Type", ct)
		r.AddCookie(&http.Cookie{Name: "heard_session", Value: w.tokens["person1"]})
		for k, v := range header {
			r.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, r)
		return rec
	}
	form := "application/x-www-form-urlencoded"
	if rec := post("/settings/sessions", form, "", nil); rec.Code != 403 || !strings.Contains(rec.Body.String(), "<h1>") {
		t.Errorf("form without token = %d, want the 403 page", rec.Code)
	}
	if rec := post("/settings/sessions", form, url.Values{"csrf_token": {"guess"}}.Encode(), nil); rec.Code != 403 {
		t.Errorf("form with a wrong token = %d, want 403", rec.Code)
	}
	if rec := post("/settings/sessions", form, url.Values{"csrf_token": {w.csrf["person1"]}}.Encode(), nil); rec.Code != 303 {
		t.Errorf("form with the token = %d, want 303", rec.Code)
	}
	r := httptest.NewRequest("DELETE", "/api/v1/session", nil)
	r.AddCookie(&http.Cookie{Name: "heard_session", Value: w.tokens["person1"]})
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, r)
	if rec.Code != 403 || !strings.Contains(rec.Body.String(), `"code":"csrf"`) {
		t.Errorf("API DELETE without header = %d %s, want 403 code csrf", rec.Code, rec.Body)
	}
	cross := post("/settings/sessions", form, url.Values{"csrf_token": {w.csrf["person1"]}}.Encode(),
		map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"})
	if cross.Code != 403 {
		t.Errorf("cross-site form post with a stolen token = %d, want 403", cross.Code)
	}
	login := httptest.NewRequest("POST", "/api/v1/session", strings.NewReader(`{"email":"pro1@demo.test","password":"`+demo.Password+`"}`))
	login.Header.Set("Content-Type", "application/json")
	login.Header.Set("Sec-Fetch-Site", "cross-site")
	login.Header.Set("Origin", "https://evil.example")
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, login)
	if rec.Code != 403 {
		t.Errorf("cross-site API login from a browser = %d, want 403", rec.Code)
	}
}

// The API login works for a client with nothing: no cookie, no token.
func TestAPILogin_PlainClient(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	r := httptest.NewRequest("POST", "/api/v1/session", strings.NewReader(`{"email":"person1@demo.test","password":"`+demo.Password+`"}`))
	r.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, r)
	var cookie *http.Cookie
	for _, c := range rec.Result().Cookies() {
		if c.Name == "heard_session" {
			cookie = c
		}
	}
	if rec.Code != 200 || cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode {
		t.Fatalf("API login = %d, cookie %+v; want 200 and an HttpOnly SameSite=Lax session cookie", rec.Code, cookie)
	}
	me := httptest.NewRequest("GET", "/api/v1/me", nil)
	me.AddCookie(cookie)
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, me)
	var body struct{ PersonID, CSRFToken, Role string }
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.PersonID != w.ids["person1"] || body.CSRFToken == "" || body.Role != "person" {
		t.Errorf("me = %s, want person1's personId and a csrfToken", rec.Body)
	}
	bad := httptest.NewRequest("POST", "/api/v1/session", strings.NewReader(`{"email":1}`))
	bad.Header.Set("Content-Type", "application/json")
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, bad)
	if rec.Code != 400 || !strings.Contains(rec.Body.String(), `"code":"invalid"`) {
		t.Errorf("malformed login body = %d %s, want 400 invalid", rec.Code, rec.Body)
	}
}

// Behind a TLS proxy heard trusts, the session cookie is Secure with the
// __Host- prefix and HSTS is sent; a client's own X-Forwarded-Proto changes
// nothing when heard does not trust a proxy.
func TestSessionCookie_TLS(t *testing.T) {
	w := demoWorld.load(t)
	for _, c := range []struct {
		trust      bool
		wantName   string
		wantSecure bool
	}{{true, "__Host-heard_session", true}, {false, "heard_session", false}} {
		s := w.newServerWith(t, nil, Options{TrustProxy: c.trust})
		r := httptest.NewRequest("POST", "/api/v1/session", strings.NewReader(`{"email":"pro1@demo.test","password":"`+demo.Password+`"}`))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("X-Forwarded-Proto", "https")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, r)
		var session *http.Cookie
		for _, ck := range rec.Result().Cookies() {
			if strings.HasSuffix(ck.Name, "heard_session") {
				session = ck
			}
		}
		if rec.Code != 200 || session == nil || session.Name != c.wantName || session.Secure != c.wantSecure || session.Path != "/" || !session.HttpOnly {
			t.Errorf("trust proxy %v: session cookie %+v, want %s (secure %v)", c.trust, session, c.wantName, c.wantSecure)
		}
		if hsts := rec.Header().Get("Strict-Transport-Security"); (hsts != "") != c.wantSecure {
			t.Errorf("trust proxy %v: Strict-Transport-Security = %q", c.trust, hsts)
		}
	}
}

func TestLockout_HTTP(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	// person5's own browser logged in once before and keeps a device cookie.
	first := w.do(s, "", "POST", "/login", "application/x-www-form-urlencoded", url.Values{"email": {"person5@demo.test"}, "password": {demo.Password}}.Encode())
	var device *http.Cookie
	for _, c := range first.Result().Cookies() {
		if c.Name == "heard_device" {
			device = c
		}
	}
	if device == nil || !device.HttpOnly || device.SameSite != http.SameSiteStrictMode || device.MaxAge <= 0 {
		t.Fatalf("login gave device cookie %+v, want a lasting HttpOnly SameSite=Strict one", device)
	}
	for range 5 {
		w.do(s, "", "POST", "/login", "application/x-www-form-urlencoded", url.Values{"email": {"person5@demo.test"}, "password": {"wrong password"}}.Encode())
	}
	rec := w.do(s, "", "POST", "/login", "application/x-www-form-urlencoded", url.Values{"email": {"person5@demo.test"}, "password": {demo.Password}}.Encode())
	if rec.Code != 429 || !strings.Contains(rec.Body.String(), "15") {
		t.Errorf("web login after 5 failures = %d, want 429 with the wait", rec.Code)
	}
	api := w.do(s, "", "POST", "/api/v1/session", "application/json", `{"email":"person5@demo.test","password":"`+demo.Password+`"}`)
	if api.Code != 429 || !strings.Contains(api.Body.String(), "too_many_attempts") {
		t.Errorf("API login after 5 failures = %d %s, want 429 too_many_attempts", api.Code, api.Body)
	}
	if other := w.do(s, "", "POST", "/api/v1/session", "application/json", `{"email":"person6@demo.test","password":"`+demo.Password+`"}`); other.Code != 200 {
		t.Errorf("another person from the same address = %d, want 200", other.Code)
	}
	r := httptest.NewRequest("POST", "/login", strings.NewReader(url.Values{"email": {"person5@demo.test"}, "password": {demo.Password}, "csrf_token": {anonCSRF}}.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.AddCookie(&http.Cookie{Name: "heard_csrf", Value: anonCSRF})
	r.AddCookie(device)
	owner := httptest.NewRecorder()
	s.ServeHTTP(owner, r)
	if owner.Code != 303 {
		t.Errorf("the owner's own browser while the account is locked = %d, want in (defect 6)", owner.Code)
	}
}

// Every page a role can see renders in Norwegian without a missing key.
func TestPages_Norwegian(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	for _, c := range []struct{ actor, path string }{
		{"", "/login"}, {"person1", "/home"}, {"person1", "/persons/" + w.ids["person1"]}, {"person1", "/persons/" + w.ids["person1"] + "/access-log"},
		{"person1", "/persons/" + w.ids["person1"] + "/network"}, {"person1", "/settings"}, {"person1", "/settings/two-factor"},
		{"net1", "/home"}, {"net1", "/persons/" + w.ids["person1"]}, {"pro1", "/home"}, {"pro1", "/emergency-access?q=ada"},
		{"pro1", "/persons/" + w.ids["person2"] + "/emergency-access"}, {"leader", "/home"}, {"leader", "/reviews/emergency-access"},
		{"researcher", "/home"}, {"admin", "/home"}, {"admin", "/admin/units"}, {"admin", "/admin/accounts"}, {"admin", "/admin/relations"},
		{"pro1", "/no/such/page"},
	} {
		r := httptest.NewRequest("GET", c.path, nil)
		r.Header.Set("Accept-Language", "nb-NO,nb;q=0.9,en;q=0.5")
		if c.actor != "" {
			r.AddCookie(&http.Cookie{Name: "heard_session", Value: w.tokens[c.actor]})
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, r)
		body := rec.Body.String()
		if !strings.Contains(body, `<html lang="nb">`) || strings.Contains(body, "[[") {
			t.Errorf("%s as %s: not fully Norwegian (status %d): %s", c.path, c.actor, rec.Code, snippet(body))
		}
	}
}

// The application log never holds health data or who it is about: no
// person names, no person IDs, no free text people typed.
func TestLogs_NoPersonData(t *testing.T) {
	w := demoWorld.load(t)
	var logs bytes.Buffer
	s := w.newServer(t, &logs)
	justification := "Sentinel justification about a night on the ward"
	steps := []struct{ actor, method, path, ct, body string }{
		{"person1", "GET", "/home", "", ""},
		{"person1", "GET", "/persons/" + w.ids["person1"] + "/access-log", "", ""},
		{"pro1", "GET", "/persons/" + w.ids["person1"], "", ""},
		{"pro1", "GET", "/persons/" + w.ids["person2"], "", ""},
		{"pro1", "GET", "/emergency-access?q=" + url.QueryEscape(w.names["person2"]), "", ""},
		{"pro1", "POST", "/persons/" + w.ids["person2"] + "/emergency-access", "application/x-www-form-urlencoded",
			url.Values{"reason": {"acute"}, "justification": {justification}}.Encode()},
		{"pro1", "GET", "/api/v1/persons/" + w.ids["person2"] + "/care-team", "", ""},
		{"admin", "POST", "/admin/accounts", "application/x-www-form-urlencoded", url.Values{"name": {"Sentinel Newperson"}, "email": {"sentinel@demo.test"}, "role": {"person"}}.Encode()},
		{"", "POST", "/login", "application/x-www-form-urlencoded", url.Values{"email": {"person3@demo.test"}, "password": {"Sentinel wrong password"}}.Encode()},
	}
	for _, st := range steps {
		if rec := w.do(s, st.actor, st.method, st.path, st.ct, st.body); rec.Code >= 500 {
			t.Fatalf("%s %s = %d", st.method, st.path, rec.Code)
		}
	}
	out := logs.String()
	if !strings.Contains(out, "request_id=") || !strings.Contains(out, `route="GET /persons/{personID}"`) {
		t.Fatalf("log lacks request lines: %s", out)
	}
	for _, secret := range []string{w.names["person1"], w.names["person2"], w.ids["person1"], w.ids["person2"], justification,
		"Sentinel Newperson", "sentinel@demo.test", "person3@demo.test", "Sentinel wrong password", "Brage"} {
		if strings.Contains(out, secret) {
			t.Errorf("application log contains %q", secret)
		}
	}
}

// Wherever a person or network member can be, the page says Heard is not
// an emergency service and where to turn instead (hazard H2).
func TestCrisisNotice(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	for _, c := range []struct{ actor, path string }{
		{"person1", "/home"}, {"person1", "/persons/" + w.ids["person1"] + "/network"}, {"person1", "/settings"},
		{"net1", "/home"}, {"net1", "/persons/" + w.ids["person1"]},
	} {
		body := w.do(s, c.actor, "GET", c.path, "", "").Body.String()
		if !strings.Contains(body, "Heard is not an emergency service.") || !strings.Contains(body, "113") {
			t.Errorf("%s as %s lacks the crisis notice", c.path, c.actor)
		}
	}
}
