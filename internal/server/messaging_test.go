package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
)

// Messages with the team, for her network: a member she lets write (the
// messages scope) reads and writes only their own thread; a member without
// that permission is refused on every messages route, web and API; and
// once she removes the member, every one of those routes answers as for a
// person they never knew.
func TestAuthorization_MessagingPermissionAndRevocation(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	person := "/persons/" + w.ids["person1"]
	api := "/api/v1" + person
	own, hers := w.ids["memberThread1"], w.ids["thread1"]
	if own == "" {
		t.Fatal("the demo has no thread of person1's network")
	}
	form := "application/x-www-form-urlencoded"
	routes := []struct{ method, path, ct, body string }{
		{"GET", person + "/threads", "", ""},
		{"POST", person + "/threads", form, url.Values{"unit": {w.ids["threadUnit1"]}, "subject": {"Hello"}, "body": {"Hello"}}.Encode()},
		{"GET", person + "/threads/" + own, "", ""},
		{"POST", person + "/threads/" + own + "/messages", form, "body=Hello"},
		{"GET", api + "/threads", "", ""},
		{"POST", api + "/threads", "application/json", `{"unitId":"` + w.ids["threadUnit1"] + `","subject":"Hello","body":"Hello"}`},
		{"GET", api + "/threads/" + own + "/messages", "", ""},
		{"POST", api + "/threads/" + own + "/messages", "application/json", `{"body":"Hello"}`},
	}
	answers := func(actor string) []int {
		var out []int
		for _, r := range routes {
			out = append(out, w.do(w.newServer(t, nil), actor, r.method, r.path, r.ct, r.body).Code)
		}
		return out
	}
	for i, code := range answers("net1") {
		if code >= 400 {
			t.Errorf("Liv, whom she lets write, %s %s = %d", routes[i].method, routes[i].path, code)
		}
	}
	if code := w.do(s, "net1", "GET", person+"/threads/"+hers, "", "").Code; code != 404 {
		t.Errorf("Liv opens Ada's own thread: %d, want 404", code)
	}
	for i, code := range answers("net2") {
		if code != 403 {
			t.Errorf("Ove, without the messages permission, %s %s = %d, want 403", routes[i].method, routes[i].path, code)
		}
	}
	if rec := w.do(s, "person1", "POST", person+"/network/"+w.ids["link1"]+"/remove", form, "confirm=yes"); rec.Code != 303 {
		t.Fatalf("removing Liv = %d", rec.Code)
	}
	for _, r := range routes {
		if code := w.do(s, "net1", r.method, r.path, r.ct, r.body).Code; code != 404 {
			t.Errorf("Liv after removal, %s %s = %d, want 404", r.method, r.path, code)
		}
	}
}

// A message from her team is news on her home, and the news leads to its
// thread.
func TestMessages_AreNewsOnHerHome(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	thread := "/persons/" + w.ids["person1"] + "/threads/" + w.ids["thread1"]
	if rec := w.do(s, "pro1", "POST", thread+"/messages", "application/x-www-form-urlencoded", "body=See+you+Thursday"); rec.Code != 303 {
		t.Fatalf("Mari's answer = %d", rec.Code)
	}
	home := w.do(s, "person1", "GET", "/home", "", "").Body.String()
	if !strings.Contains(home, `href="`+thread+`"`) || !strings.Contains(heardsWords(home), "Mari Fjelltun (professional) wrote in") {
		t.Errorf("her home does not tell of the message:\n%s", heardsWords(home))
	}
}

// The unit's shared inbox: a professional of the unit outside her care
// team opens the waiting thread, and only it; answering hands it back to
// the care team and returns to the inbox, since the thread is no longer
// theirs to open.
func TestMessages_SharedInboxAnswerHandsItBack(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	var inbox struct {
		Shared []struct{ ID, PersonID, PersonName string }
	}
	rec := w.do(s, "pro6", "GET", "/api/v1/inbox", "", "")
	if err := json.Unmarshal(rec.Body.Bytes(), &inbox); err != nil || len(inbox.Shared) != 1 || inbox.Shared[0].PersonName != "Daniel Okonkwo" {
		t.Fatalf("pro6's shared inbox = %s (%v)", rec.Body.String(), err)
	}
	thread := "/persons/" + inbox.Shared[0].PersonID + "/threads/" + inbox.Shared[0].ID
	page := w.do(s, "pro6", "GET", thread, "", "")
	if page.Code != 200 || !strings.Contains(page.Body.String(), `name="back" value="inbox"`) {
		t.Fatalf("the waiting thread = %d", page.Code)
	}
	if code := w.do(s, "pro6", "GET", "/persons/"+inbox.Shared[0].PersonID, "", "").Code; code != 404 {
		t.Errorf("the shared inbox opened his record: %d", code)
	}
	answer := w.do(s, "pro6", "POST", thread+"/messages", "application/x-www-form-urlencoded", "back=inbox&body=I+can+help+on+Thursday")
	if answer.Code != 303 || answer.Header().Get("Location") != "/inbox#shared" {
		t.Fatalf("answering = %d to %q", answer.Code, answer.Header().Get("Location"))
	}
	if code := w.do(s, "pro6", "GET", thread, "", "").Code; code != 404 {
		t.Errorf("after answering, the thread still opens for a professional outside his care team: %d", code)
	}
}

// Links people are given are made from the configured address, never
// from the Host a request names.
func TestLinks_NeverFromTheHostHeader(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	r := httptest.NewRequest("POST", "/api/v1/persons/"+w.ids["person1"]+"/invitations",
		strings.NewReader(`{"email":"sol@example.test","name":"Sol","scopes":[]}`))
	r.Host = "evil.example"
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("X-CSRF-Token", w.csrf["person1"])
	r.AddCookie(&http.Cookie{Name: "heard_session", Value: w.tokens["person1"]})
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, r)
	if rec.Code != 201 || strings.Contains(rec.Body.String(), "evil.example") || !strings.Contains(rec.Body.String(), `"url":"http://localhost/i/`) {
		t.Errorf("the invitation's link = %d %s", rec.Code, rec.Body.String())
	}
}

// An invitation's link that has expired is refused with the same calm page
// as a used one, in words that say what to do, and joins nobody.
func TestInvitations_ExpiredLinkRefusedClearly(t *testing.T) {
	w := demoWorld.load(t)
	clock := time.Now()
	s := w.newServerAt(t, nil, Options{}, func() time.Time { return clock })
	made := w.do(s, "person1", "POST", "/persons/"+w.ids["person1"]+"/invitations", "application/x-www-form-urlencoded",
		url.Values{"name": {"Sol Berg"}, "email": {"sol@example.test"}, "scope": {"meetings"}}.Encode())
	link := regexp.MustCompile(`/i/[A-Za-z0-9_-]{43}`).FindString(made.Body.String())
	if made.Code != 200 || link == "" {
		t.Fatalf("making the invitation = %d", made.Code)
	}
	if code := w.do(s, "", "GET", link, "", "").Code; code != 200 {
		t.Fatalf("the fresh link = %d", code)
	}
	clock = clock.Add(heard.InvitationLife + time.Minute)
	for _, method := range []string{"GET", "POST"} {
		rec := w.do(s, "", method, link, "application/x-www-form-urlencoded", "name=Sol+Berg&password=a+long+passphrase+for+sol")
		if text := heardsWords(rec.Body.String()); rec.Code != 404 || !strings.Contains(text, "This invitation cannot be used") {
			t.Errorf("%s the expired link = %d:\n%s", method, rec.Code, text)
		}
	}
	if code := w.do(s, "person1", "GET", "/persons/"+w.ids["person1"]+"/network", "", ""); strings.Contains(code.Body.String(), "Sol Berg") {
		t.Error("the expired invitation still waits on her page")
	}
}
