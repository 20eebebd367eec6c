package auth

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/password"
	"github.com/heard-health/heard/internal/request"
	"github.com/heard-health/heard/internal/store"
	"github.com/heard-health/heard/internal/store/sqlite"
)

const pw = "a long enough password"

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

type env struct {
	svc   *Service
	st    store.Store
	clock *clock
	org   heard.Organisation
}

func newEnv(t *testing.T) *env {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "h.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := &clock{t: time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)}
	cfg := DefaultConfig()
	cfg.Params, cfg.Now = cheap, c.Now
	e := &env{svc: New(store.Narrow[Tx](st), cfg), st: st, clock: c, org: heard.Organisation{ID: heard.NewID[heard.OrganisationID](), Name: "Org", CreatedAt: c.Now()}}
	if err := st.Write(context.Background(), func(tx store.Tx) error { return tx.CreateOrganisation(context.Background(), e.org) }); err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *env) account(t *testing.T, email string, role heard.Role) heard.Account {
	t.Helper()
	a := heard.Account{ID: heard.NewID[heard.AccountID](), OrganisationID: e.org.ID, Email: email, Name: email, Role: role, CreatedAt: e.clock.Now()}
	hash, _ := password.Hash(pw, cheap)
	err := e.st.Write(context.Background(), func(tx store.Tx) error {
		if err := tx.CreateAccount(context.Background(), a, hash); err != nil {
			return err
		}
		if role == heard.RolePerson {
			return tx.CreatePerson(context.Background(), heard.Person{ID: heard.NewID[heard.PersonID](), OrganisationID: e.org.ID, AccountID: a.ID, Name: a.Name, CreatedAt: a.CreatedAt})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func (e *env) login(t *testing.T, email string) string {
	t.Helper()
	token, pending, err := e.svc.Login(context.Background(), email, pw, "192.0.2.1", "")
	if err != nil || pending {
		t.Fatalf("Login(%s) = pending %v, %v", email, pending, err)
	}
	return token
}

var ctx = context.Background()

var cheap = password.Params{Memory: 64, Time: 1, Threads: 1}

func TestLogin(t *testing.T) {
	e := newEnv(t)
	e.account(t, "pro@example.test", heard.RoleProfessional)
	p := e.account(t, "person@example.test", heard.RolePerson)
	token := e.login(t, " PRO@example.test ")
	id, err := e.svc.Authenticate(ctx, token)
	if err != nil || id.Account.Email != "pro@example.test" || id.CSRFToken == "" || id.SecondFactorPending {
		t.Fatalf("Authenticate() = %+v, %v", id, err)
	}
	pid, err := e.svc.Authenticate(ctx, e.login(t, p.Email))
	if err != nil || pid.PersonID == "" {
		t.Fatalf("person identity = %+v, %v; want the person record", pid, err)
	}
	for _, c := range []struct{ email, password string }{{"pro@example.test", "wrong password!!"}, {"nobody@example.test", pw}} {
		if _, _, err := e.svc.Login(ctx, c.email, c.password, "192.0.2.1", ""); err != ErrLoginFailed {
			t.Errorf("Login(%s, %s) = %v, want ErrLoginFailed", c.email, c.password, err)
		}
	}
	if _, err := e.svc.Authenticate(ctx, "not-a-token"); !IsUnauthenticated(err) {
		t.Errorf("Authenticate(unknown token) = %v", err)
	}
	if err := e.svc.Logout(ctx, token); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Authenticate(ctx, token); !IsUnauthenticated(err) {
		t.Errorf("Authenticate(after logout) = %v, want unauthenticated", err)
	}
}

func TestLogin_AccountLockout(t *testing.T) {
	e := newEnv(t)
	e.account(t, "pro@example.test", heard.RoleProfessional)
	for i := range AccountFailures {
		if _, _, err := e.svc.Login(ctx, "pro@example.test", "wrong password!!", fmt.Sprintf("192.0.2.%d", i), ""); err != ErrLoginFailed {
			t.Fatalf("failure %d: %v", i, err)
		}
	}
	if _, _, err := e.svc.Login(ctx, "pro@example.test", pw, "198.51.100.1", ""); err != ErrLocked {
		t.Fatalf("right password while locked = %v, want ErrLocked", err)
	}
	if _, _, err := e.svc.Login(ctx, "nobody@example.test", "x", "192.0.2.9", ""); err != ErrLoginFailed {
		t.Fatalf("another account from the same addresses = %v, want a plain failure", err)
	}
	e.clock.Advance(LockDuration + time.Second)
	e.login(t, "pro@example.test")
	// The success cleared the account's failures: one more mistake does not lock.
	if _, _, err := e.svc.Login(ctx, "pro@example.test", "wrong password!!", "192.0.2.1", ""); err != ErrLoginFailed {
		t.Fatalf("mistake after a success = %v", err)
	}
}

func TestLogin_AddressLockoutCountsOnlyFailures(t *testing.T) {
	e := newEnv(t)
	e.account(t, "nurse@example.test", heard.RoleProfessional)
	clinic := "203.0.113.10"
	for range 60 {
		if _, _, err := e.svc.Login(ctx, "nurse@example.test", pw, clinic, ""); err != nil {
			t.Fatalf("successful logins from one clinic address must never lock it: %v", err)
		}
	}
	for i := range AddressFailures {
		_, _, _ = e.svc.Login(ctx, fmt.Sprintf("guess%d@example.test", i), "wrong", clinic, "")
	}
	if _, _, err := e.svc.Login(ctx, "nurse@example.test", pw, clinic, ""); err != ErrLocked {
		t.Fatalf("after %d failures from one address = %v, want ErrLocked", AddressFailures, err)
	}
	if _, _, err := e.svc.Login(ctx, "nurse@example.test", pw, "203.0.113.11", ""); err != nil {
		t.Fatalf("same account from another address = %v, want success", err)
	}
}

func TestAuthenticate_Timeouts(t *testing.T) {
	tests := []struct {
		name    string
		role    heard.Role
		steps   []time.Duration // pauses between requests
		wantErr error
	}{
		{"staff active", heard.RoleProfessional, []time.Duration{14 * time.Minute, 14 * time.Minute}, nil},
		{"staff idle", heard.RoleProfessional, []time.Duration{16 * time.Minute}, ErrSessionIdle},
		{"person idle after 20 minutes is fine", heard.RolePerson, []time.Duration{20 * time.Minute}, nil},
		{"person idle", heard.RolePerson, []time.Duration{31 * time.Minute}, ErrSessionIdle},
		{"absolute limit despite activity", heard.RolePerson, repeat(25*time.Minute, 29), ErrSessionExpired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			a := e.account(t, "u@example.test", tt.role)
			token := e.login(t, a.Email)
			var err error
			for _, d := range tt.steps {
				e.clock.Advance(d)
				if _, err = e.svc.Authenticate(ctx, token); err != nil {
					break
				}
			}
			if err != tt.wantErr {
				t.Fatalf("Authenticate() = %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr != nil {
				e.clock.Advance(-time.Hour * 20) // even back in time the session stays gone
				if _, err := e.svc.Authenticate(ctx, token); !IsUnauthenticated(err) {
					t.Errorf("ended session came back: %v", err)
				}
			}
		})
	}
}

func repeat(d time.Duration, n int) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = d
	}
	return out
}

func TestLogoutOthers(t *testing.T) {
	e := newEnv(t)
	e.account(t, "p@example.test", heard.RolePerson)
	phone, laptop, tablet := e.login(t, "p@example.test"), e.login(t, "p@example.test"), e.login(t, "p@example.test")
	id, _ := e.svc.Authenticate(ctx, laptop)
	if n, err := e.svc.LogoutOthers(ctx, id); err != nil || n != 2 {
		t.Fatalf("LogoutOthers() = %d, %v; want 2", n, err)
	}
	for _, tok := range []string{phone, tablet} {
		if _, err := e.svc.Authenticate(ctx, tok); !IsUnauthenticated(err) {
			t.Errorf("other session still valid: %v", err)
		}
	}
	if _, err := e.svc.Authenticate(ctx, laptop); err != nil {
		t.Errorf("own session ended: %v", err)
	}
}

func TestSecondFactor(t *testing.T) {
	e := newEnv(t)
	a := e.account(t, "lead@example.test", heard.RoleLeader)
	id, _ := e.svc.Authenticate(ctx, e.login(t, a.Email))
	secret := NewTOTPSecret()
	if err := e.svc.EnrollTOTP(ctx, id, Enrolment{Password: pw, Secret: secret, Code: "000000"}); heard.ErrorCode(err) != heard.CodeInvalid {
		t.Fatalf("EnrollTOTP(wrong code) = %v, want invalid", err)
	}
	code, _ := TOTPCodeAt(secret, e.clock.Now())
	// Defect 10: an open session alone cannot set or replace the key.
	if p := heard.Problems(e.svc.EnrollTOTP(ctx, id, Enrolment{Password: "not the password", Secret: secret, Code: code})); len(p) != 1 || p[0].Field != "password" {
		t.Fatalf("EnrollTOTP(wrong password) problems = %v, want one on password", p)
	}
	if err := e.svc.EnrollTOTP(ctx, id, Enrolment{Password: pw, Secret: secret, Code: code}); err != nil {
		t.Fatal(err)
	}
	// Replacing the key needs a code from the key in use as well.
	next := NewTOTPSecret()
	nextCode, _ := TOTPCodeAt(next, e.clock.Now())
	if p := heard.Problems(e.svc.EnrollTOTP(ctx, id, Enrolment{Password: pw, Secret: next, Code: nextCode})); len(p) != 1 || p[0].Field != "old_code" {
		t.Fatalf("replacing the key without a code from the old one: problems %v, want one on old_code", p)
	}
	if err := e.svc.EnrollTOTP(ctx, id, Enrolment{Password: pw, Secret: next, Code: nextCode, OldCode: code}); err != nil {
		t.Fatalf("replacing the key with a code from the old one: %v", err)
	}
	secret = next
	e.clock.Advance(time.Minute)
	pendingToken, pending, err := e.svc.Login(ctx, a.Email, pw, "192.0.2.1", "")
	if err != nil || !pending {
		t.Fatalf("Login() with TOTP = pending %v, %v; want pending", pending, err)
	}
	pid, err := e.svc.Authenticate(ctx, pendingToken)
	if err != nil || !pid.SecondFactorPending {
		t.Fatalf("pending identity = %+v, %v", pid, err)
	}
	if _, err := e.svc.VerifySecondFactor(ctx, pendingToken, "123456", "192.0.2.1", ""); err != ErrCodeFailed {
		t.Fatalf("wrong code = %v", err)
	}
	code, _ = TOTPCodeAt(secret, e.clock.Now())
	full, err := e.svc.VerifySecondFactor(ctx, pendingToken, code, "192.0.2.1", "")
	if err != nil {
		t.Fatal(err)
	}
	if fid, err := e.svc.Authenticate(ctx, full); err != nil || fid.SecondFactorPending {
		t.Fatalf("full identity = %+v, %v", fid, err)
	}
	if _, err := e.svc.Authenticate(ctx, pendingToken); !IsUnauthenticated(err) {
		t.Error("the pending token still works after the code was given")
	}
	second, _, _ := e.svc.Login(ctx, a.Email, pw, "192.0.2.1", "")
	if _, err := e.svc.VerifySecondFactor(ctx, second, code, "192.0.2.1", ""); err != ErrCodeFailed {
		t.Errorf("replayed code = %v, want ErrCodeFailed", err)
	}
}

func TestAuthenticate_OrganisationRequiresTOTP(t *testing.T) {
	e := newEnv(t)
	e.account(t, "pro@example.test", heard.RoleProfessional)
	e.account(t, "p@example.test", heard.RolePerson)
	e.org.RequireStaffTOTP = true
	_ = e.st.Write(ctx, func(tx store.Tx) error { return tx.UpdateOrganisation(ctx, e.org) })
	staff, _ := e.svc.Authenticate(ctx, e.login(t, "pro@example.test"))
	person, _ := e.svc.Authenticate(ctx, e.login(t, "p@example.test"))
	if !staff.MustEnrollTOTP || person.MustEnrollTOTP {
		t.Errorf("MustEnrollTOTP staff %v person %v, want true and false", staff.MustEnrollTOTP, person.MustEnrollTOTP)
	}
}

func TestChangePassword(t *testing.T) {
	e := newEnv(t)
	e.account(t, "p@example.test", heard.RolePerson)
	other := e.login(t, "p@example.test")
	id, _ := e.svc.Authenticate(ctx, e.login(t, "p@example.test"))
	if err := e.svc.ChangePassword(ctx, id, "wrong", "a brand new passphrase"); heard.ErrorCode(err) != heard.CodeInvalid {
		t.Fatalf("wrong current password = %v", err)
	}
	if err := e.svc.ChangePassword(ctx, id, pw, "password1234"); heard.ErrorCode(err) != heard.CodeInvalid {
		t.Fatalf("common new password = %v", err)
	}
	if err := e.svc.ChangePassword(ctx, id, pw, "a brand new passphrase"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.svc.Login(ctx, "p@example.test", "a brand new passphrase", "192.0.2.1", ""); err != nil {
		t.Errorf("login with the new password: %v", err)
	}
	if _, err := e.svc.Authenticate(ctx, other); !IsUnauthenticated(err) {
		t.Errorf("other session survived a password change: %v", err)
	}
}

func TestRequireCSRF(t *testing.T) {
	e := newEnv(t)
	e.account(t, "p@example.test", heard.RolePerson)
	token := e.login(t, "p@example.test")
	id, _ := e.svc.Authenticate(ctx, token)
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	refuse := func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusForbidden) }
	h := request.Middleware(request.Options{})(e.svc.Middleware(RequireCSRF(refuse)(ok)))
	form := func(v url.Values) *http.Request {
		r := httptest.NewRequest("POST", "/x", strings.NewReader(v.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return r
	}
	withSession := func(r *http.Request) *http.Request {
		r.AddCookie(&http.Cookie{Name: "heard_session", Value: token})
		return r
	}
	jsonReq := func() *http.Request {
		r := httptest.NewRequest("DELETE", "/api/x", strings.NewReader("{}"))
		r.Header.Set("Content-Type", "application/json")
		return r
	}
	anonForm := form(url.Values{CSRFField: {strings.Repeat("a", 43)}})
	anonForm.AddCookie(&http.Cookie{Name: "heard_csrf", Value: strings.Repeat("a", 43)})
	withHeader := withSession(jsonReq())
	withHeader.Header.Set(CSRFHeader, id.CSRFToken)
	tests := []struct {
		name string
		req  *http.Request
		want int
	}{
		{"GET needs no token", withSession(httptest.NewRequest("GET", "/", nil)), 204},
		{"logged-in form with token", withSession(form(url.Values{CSRFField: {id.CSRFToken}})), 204},
		{"logged-in form without token", withSession(form(url.Values{})), 403},
		{"logged-in form with another token", withSession(form(url.Values{CSRFField: {"forged"}})), 403},
		{"logged-in JSON without header", withSession(jsonReq()), 403},
		{"logged-in JSON with header", withHeader, 204},
		{"anonymous form without cookie", form(url.Values{CSRFField: {"x"}}), 403},
		{"anonymous form with matching cookie", anonForm, 204},
		{"anonymous JSON (API login)", jsonReq(), 204},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, tt.req)
			if w.Code != tt.want {
				t.Errorf("status = %d, want %d", w.Code, tt.want)
			}
		})
	}
}

// Defect 6: wrong guesses by strangers lock out strangers, not the owner.
// A browser that has logged in to the account before (its device cookie)
// keeps its right to try while the account is locked for everyone else and
// while its address is locked, and its own failures lock only itself.
func TestLogin_DeviceCookieKeepsTheOwnerIn(t *testing.T) {
	e := newEnv(t)
	e.account(t, "nurse@example.test", heard.RoleProfessional)
	e.account(t, "other@example.test", heard.RoleProfessional)
	clinic := "203.0.113.10"
	token, _, err := e.svc.Login(ctx, "nurse@example.test", pw, clinic, "")
	if err != nil {
		t.Fatal(err)
	}
	device, err := e.svc.RememberDevice(ctx, token, "")
	if err != nil || device == "" {
		t.Fatalf("RememberDevice() = %q, %v", device, err)
	}
	// A second account on the same ward computer joins the cookie.
	otherToken, _, _ := e.svc.Login(ctx, "other@example.test", pw, clinic, device)
	shared, err := e.svc.RememberDevice(ctx, otherToken, device)
	if err != nil || len(strings.Split(shared, ".")) != 2 {
		t.Fatalf("cookie after a second account = %q, %v; want two tokens", shared, err)
	}
	for i := range AccountFailures {
		_, _, _ = e.svc.Login(ctx, "nurse@example.test", "wrong password!!", fmt.Sprintf("198.51.100.%d", i), "")
	}
	for i := range AddressFailures {
		_, _, _ = e.svc.Login(ctx, fmt.Sprintf("guess%d@example.test", i), "wrong", clinic, "")
	}
	if _, _, err := e.svc.Login(ctx, "nurse@example.test", pw, "198.51.100.99", ""); err != ErrLocked {
		t.Fatalf("an unknown browser while the account is locked = %v, want ErrLocked", err)
	}
	if _, _, err := e.svc.Login(ctx, "nurse@example.test", pw, clinic, shared); err != nil {
		t.Fatalf("the owner's known browser, at the locked clinic address, while the account is locked = %v, want in", err)
	}
	if _, _, err := e.svc.Login(ctx, "nurse@example.test", "wrong password!!", clinic, "forged-token"); err != ErrLocked {
		t.Errorf("a forged device token = %v, want treated as unknown (locked)", err)
	}
	// The known browser's own failures lock that browser only.
	for range AccountFailures {
		_, _, _ = e.svc.Login(ctx, "nurse@example.test", "wrong password!!", clinic, shared)
	}
	if _, _, err := e.svc.Login(ctx, "nurse@example.test", pw, clinic, shared); err != ErrLocked {
		t.Errorf("a known browser after its own %d failures = %v, want ErrLocked", AccountFailures, err)
	}
	if _, _, err := e.svc.Login(ctx, "other@example.test", pw, clinic, shared); err != nil {
		t.Errorf("the other account's known browser = %v, want in", err)
	}
}

// Attempts made at the same moment do not slip past the lock: checking
// first and recording after let dozens of parallel guesses through.
func TestLogin_ParallelGuessesStopAtTheLimit(t *testing.T) {
	e := newEnv(t)
	e.account(t, "target@example.test", heard.RoleProfessional)
	const n = 30
	results := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, err := e.svc.Login(ctx, "target@example.test", "wrong password!!", fmt.Sprintf("198.51.100.%d", i), "")
			results <- err
		}()
	}
	wg.Wait()
	close(results)
	guesses := 0
	for err := range results {
		switch err {
		case ErrLoginFailed:
			guesses++
		case ErrLocked:
		default:
			t.Fatalf("parallel login: %v", err)
		}
	}
	if guesses > AccountFailures {
		t.Errorf("%d of %d parallel guesses were checked, want at most %d", guesses, n, AccountFailures)
	}
	// Attempts refused as locked are not guesses and leave no record; the
	// guesses checked in the window still add up to the limit, no more.
	for guesses < AccountFailures+1 {
		_, _, err := e.svc.Login(ctx, "target@example.test", "wrong password!!", "198.51.100.201", "")
		if err == ErrLocked {
			break
		}
		guesses++
	}
	if guesses != AccountFailures {
		t.Errorf("%d guesses were checked in the window, want %d", guesses, AccountFailures)
	}
	if _, _, err := e.svc.Login(ctx, "target@example.test", pw, "198.51.100.200", ""); err != ErrLocked {
		t.Errorf("the right password once the limit is reached = %v, want ErrLocked", err)
	}
}

// Passwords typed inside a session count against the account as at login
// (someone at a session left open cannot try password after password), and
// a two-factor key sent back must be a full 160-bit one.
func TestSession_PasswordGuessesAreThrottled(t *testing.T) {
	e := newEnv(t)
	a := e.account(t, "shared@example.test", heard.RoleProfessional)
	id, _ := e.svc.Authenticate(ctx, e.login(t, a.Email))
	for i := range AccountFailures {
		if err := e.svc.ChangePassword(ctx, id, "a wrong guess!!", "a brand new passphrase"); heard.ErrorCode(err) != heard.CodeInvalid {
			t.Fatalf("wrong current password %d: %v", i, err)
		}
	}
	if err := e.svc.ChangePassword(ctx, id, pw, "a brand new passphrase"); err != ErrLocked {
		t.Errorf("the right password after %d wrong ones = %v, want ErrLocked", AccountFailures, err)
	}
	e.clock.Advance(LockDuration + time.Minute)
	code, _ := TOTPCodeAt("", e.clock.Now())
	if err := e.svc.EnrollTOTP(ctx, id, Enrolment{Password: pw, Code: code}); heard.ErrorCode(err) != heard.CodeInvalid {
		t.Errorf("an empty two-factor key = %v, want refused", err)
	}
}
