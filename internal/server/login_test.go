package server

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/auth"
	"github.com/heard-health/heard/internal/demo"
	"github.com/heard-health/heard/internal/store"
	"github.com/heard-health/heard/internal/store/sqlite"
)

// POST /api/v1/session logs in every demo role, and GET /api/v1/me says who.
func TestAPILogin_EveryDemoRole(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	for email, role := range map[string]string{"person1@demo.test": "person", "net1@demo.test": "network", "pro1@demo.test": "professional",
		"pro6@demo.test": "professional", "leader@demo.test": "leader", "researcher@demo.test": "researcher", "admin@demo.test": "admin"} {
		rec := w.do(s, "", "POST", "/api/v1/session", "application/json", `{"email":"`+email+`","password":"`+demo.Password+`"}`)
		var cookie *http.Cookie
		for _, c := range rec.Result().Cookies() {
			if c.Name == "heard_session" {
				cookie = c
			}
		}
		if rec.Code != 200 || cookie == nil {
			t.Errorf("login %s = %d", email, rec.Code)
			continue
		}
		r := httptest.NewRequest("GET", "/api/v1/me", nil)
		r.AddCookie(cookie)
		me := httptest.NewRecorder()
		s.ServeHTTP(me, r)
		var body struct {
			Role, Email string
			PeerWorker  bool
		}
		if err := json.Unmarshal(me.Body.Bytes(), &body); err != nil || body.Role != role || body.Email != email || body.PeerWorker != (email == "pro6@demo.test") {
			t.Errorf("me for %s = %s", email, me.Body)
		}
	}
}

// With two-factor login required, staff reach nothing but its set-up until
// they have done it; after that, logging in asks for the code.
func TestTwoFactor_RequiredAndUsed(t *testing.T) {
	w := demoWorld.load(t)
	var shift atomic.Int64 // moves the login clock past a used time step
	now := func() time.Time { return time.Now().Add(time.Duration(shift.Load())) }
	s := w.newServerAt(t, nil, Options{}, now)
	form := "application/x-www-form-urlencoded"
	if rec := w.do(s, "admin", "POST", "/admin/organisation", form, url.Values{"require_staff_totp": {"on"}}.Encode()); rec.Code != 303 {
		t.Fatalf("require TOTP = %d", rec.Code)
	}
	if rec := w.do(s, "pro1", "GET", "/home", "", ""); rec.Code != 303 || rec.Header().Get("Location") != "/settings/two-factor" {
		t.Fatalf("staff without TOTP at /home = %d %s, want the set-up page", rec.Code, rec.Header().Get("Location"))
	}
	if rec := w.do(s, "pro1", "GET", "/api/v1/caseload", "", ""); rec.Code != 403 {
		t.Errorf("staff without TOTP on the API = %d, want 403", rec.Code)
	}
	if rec := w.do(s, "person1", "GET", "/home", "", ""); rec.Code != 200 {
		t.Errorf("a person is not staff: /home = %d, want 200", rec.Code)
	}
	secret := auth.NewTOTPSecret()
	code, _ := auth.TOTPCodeAt(secret, now())
	if rec := w.do(s, "pro1", "POST", "/settings/two-factor", form, url.Values{"password": {demo.Password}, "secret": {secret}, "code": {"000000"}}.Encode()); rec.Code != 422 {
		t.Errorf("wrong code at set-up = %d, want the form again (422)", rec.Code)
	}
	if rec := w.do(s, "pro1", "POST", "/settings/two-factor", form, url.Values{"password": {demo.Password}, "secret": {secret}, "code": {code}}.Encode()); rec.Code != 303 {
		t.Fatalf("set-up = %d", rec.Code)
	}
	if rec := w.do(s, "pro1", "GET", "/home", "", ""); rec.Code != 200 {
		t.Errorf("after set-up /home = %d", rec.Code)
	}

	// A new login now stops half way and asks for the code.
	login := w.do(s, "", "POST", "/login", form, url.Values{"email": {"pro1@demo.test"}, "password": {demo.Password}, "next": {"/home"}}.Encode())
	if login.Code != 303 || !strings.HasPrefix(login.Header().Get("Location"), "/login/code") {
		t.Fatalf("password step = %d %s, want the code page", login.Code, login.Header().Get("Location"))
	}
	pending := sessionCookie(login)
	half := func(method, path, body string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(method, path, strings.NewReader(body))
		r.Header.Set("Content-Type", form)
		r.AddCookie(pending)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, r)
		return rec
	}
	if rec := half("GET", "/home", ""); rec.Code != 303 || !strings.HasPrefix(rec.Header().Get("Location"), "/login") {
		t.Errorf("half logged in at /home = %d, want the login page", rec.Code)
	}
	page := half("GET", "/login/code", "")
	token := regexpCSRF.FindStringSubmatch(page.Body.String())
	if page.Code != 200 || token == nil {
		t.Fatalf("code page = %d", page.Code)
	}
	shift.Store(int64(30 * time.Second)) // codes are single-use: the next one is from the next time step
	code, _ = auth.TOTPCodeAt(secret, now())
	done := half("POST", "/login/code", url.Values{"csrf_token": {token[1]}, "code": {code}, "next": {"/home"}}.Encode())
	if done.Code != 303 || done.Header().Get("Location") != "/home" || sessionCookie(done) == nil || sessionCookie(done).Value == pending.Value {
		t.Fatalf("code step = %d %s; want /home with a new session", done.Code, done.Header().Get("Location"))
	}

	// Defect 17: an API client finishes the same login with nothing but
	// what the answers give it: the password step's answer carries the
	// token the code step needs.
	apiDo := func(path, csrf string, cookie *http.Cookie, body string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("POST", path, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		if csrf != "" {
			r.Header.Set("X-CSRF-Token", csrf)
		}
		if cookie != nil {
			r.AddCookie(cookie)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, r)
		return rec
	}
	first := apiDo("/api/v1/session", "", nil, `{"email":"pro1@demo.test","password":"`+demo.Password+`"}`)
	var step struct {
		SecondFactorRequired bool
		CSRFToken            string
	}
	if err := json.Unmarshal(first.Body.Bytes(), &step); err != nil || first.Code != 200 || !step.SecondFactorRequired || step.CSRFToken == "" {
		t.Fatalf("API password step = %d %s; want secondFactorRequired and a csrfToken", first.Code, first.Body)
	}
	shift.Store(int64(60 * time.Second))
	code, _ = auth.TOTPCodeAt(secret, now())
	second := apiDo("/api/v1/session/code", step.CSRFToken, sessionCookie(first), `{"code":"`+code+`"}`)
	if second.Code != 200 || sessionCookie(second) == nil || !strings.Contains(second.Body.String(), `"csrfToken":"`) {
		t.Fatalf("API code step = %d %s; want a full session and its csrfToken", second.Code, second.Body)
	}
	me := httptest.NewRequest("GET", "/api/v1/me", nil)
	me.AddCookie(sessionCookie(second))
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, me)
	if rec.Code != 200 {
		t.Errorf("me after the API login = %d", rec.Code)
	}
}

func sessionCookie(rec *httptest.ResponseRecorder) *http.Cookie {
	for _, c := range rec.Result().Cookies() {
		if c.Name == "heard_session" && c.Value != "" {
			return c
		}
	}
	return nil
}

// emptyServer is a server on a new, empty SQLite database, which the test
// may close.
func emptyServer(t *testing.T) (*Server, store.Store) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(app.New(st, app.Options{}), auth.New(store.Narrow[auth.Tx](st), auth.Config{Params: cheap, Now: time.Now}), Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return s, st
}

// /readyz answers 200 only while the database answers; /healthz only says
// the process is up.
func TestReadyz(t *testing.T) {
	s, st := emptyServer(t)
	get := func(path string) int {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		return rec.Code
	}
	if get("/readyz") != 200 || get("/healthz") != 200 {
		t.Fatal("not ready with an open database")
	}
	st.Close()
	if got := get("/readyz"); got != 503 {
		t.Errorf("/readyz with the database closed = %d, want 503", got)
	}
	if got := get("/healthz"); got != 200 {
		t.Errorf("/healthz with the database closed = %d, want 200", got)
	}
}

// Health checks and static files never look up a session: with the
// database gone, a request carrying a session cookie still gets its answer
// (a lookup would fail and answer 503), and no cookie is set or cleared.
// The login page, which does look, shows the difference.
func TestSessionless(t *testing.T) {
	s, st := emptyServer(t)
	st.Close()
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/login", nil))
	static := regexp.MustCompile(`/static/[^"]+\.css`).FindString(rec.Body.String())
	if static == "" {
		t.Fatal("the login page links no stylesheet")
	}
	for path, want := range map[string]int{"/healthz": 200, static: 200, "/login": 503} {
		req := httptest.NewRequest("GET", path, nil)
		req.AddCookie(&http.Cookie{Name: "heard_session", Value: "a-session-token"})
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("GET %s with a session cookie and no database = %d, want %d", path, rec.Code, want)
		}
		if want == 200 && rec.Header().Get("Set-Cookie") != "" {
			t.Errorf("GET %s set a cookie: %s", path, rec.Header().Get("Set-Cookie"))
		}
	}
}

var regexpCSRF = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)
