package server

import (
	"net/url"
	"strings"
	"testing"
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
