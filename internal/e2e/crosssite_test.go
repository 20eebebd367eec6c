package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Defect 19 in a real browser: a link on another site to a search in Heard
// stops at a page that asks first, and only Heard's own link goes on.
func TestBrowser_CrossSiteLinkAsksFirst(t *testing.T) {
	b := newTab(t, shared.url)
	b.login("pro1@demo.test")
	target := shared.url + "/emergency-access?q=Ada"
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><html lang="en"><head><title>Elsewhere</title></head><body><main><a id="go" href="%s">Look</a></main></body></html>`, target)
	}))
	defer other.Close()
	// localhost is another site than 127.0.0.1, where Heard listens.
	b.do(chromedp.Navigate(strings.Replace(other.URL, "127.0.0.1", "localhost", 1)))
	if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.ID("go")))); err != nil {
		t.Fatal(err)
	}
	if h := b.text("h1"); h != "You came here from another site" || strings.Contains(b.text("main"), "Ada Lindqvam") {
		t.Fatalf("after the other site's link: %q / %q", h, b.text("main"))
	}
	b.axe("the page that asks before opening")
	b.submit("main a.button")
	if !strings.Contains(b.text("main"), "Ada Lindqvam") {
		t.Errorf("after choosing to go on: %q", b.text("main"))
	}
}

// Defect 2 in a real browser: the admin's request waits for the leader, who
// confirms it; the person then sees who asked and who confirmed.
func TestBrowser_CareRelationConfirmedByALeader(t *testing.T) {
	admin := newTab(t, shared.url)
	admin.login("admin@demo.test")
	admin.open("/admin/relations")
	if !strings.Contains(admin.text("main"), "waiting for a leader to confirm") {
		t.Fatalf("admin's list does not show the waiting request: %q", admin.text("main"))
	}
	leader := newTab(t, shared.url)
	leader.login("leader@demo.test")
	leader.open("/care-relations")
	if !strings.Contains(leader.text("main"), "Idun Tveitan") {
		t.Fatalf("leader's waiting list: %q", leader.text("main"))
	}
	leader.submit("main form[action$='/confirm'] button")
	if !strings.Contains(leader.text(".notice"), "confirmed") || !strings.Contains(leader.text("main"), "No care relations are waiting") {
		t.Fatalf("after confirming: %q", leader.text("main"))
	}
	person := newTab(t, shared.url)
	person.login("person9@demo.test")
	if team := person.text("main"); !strings.Contains(team, "confirmed by Randi Brekkestø") || !strings.Contains(team, "Asked for by Arne Admin") {
		t.Errorf("person9's home does not say who asked and who confirmed: %q", team)
	}
}
