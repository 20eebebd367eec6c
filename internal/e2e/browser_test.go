package e2e

import (
	"bytes"
	"flag"
	"fmt"
	pngpkg "image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/heard-health/heard/internal/auth"
)

// Every role logs in through the form, lands on its own home page, and
// every page it visits passes axe.
func TestBrowser_EveryRole(t *testing.T) {
	tests := []struct {
		email   string
		heading string
		pages   []string
		has     string // text the home page must show
		hasNot  string // text it must not show
	}{
		{"person1@demo.test", "Hello, Ada Lindqvam", []string{"/settings", "/settings/two-factor"}, "Who has seen my record", "Brage Sørhaug"},
		{"person6@demo.test", "Hello, Frida Nygjerde", nil, "Call +47 000 00 200", "Decisions about me"},
		{"net1@demo.test", "People who invited you", []string{"/admin/units"}, "Ada Lindqvam", "Brage Sørhaug"},
		{"pro1@demo.test", "The people you work with", []string{"/emergency-access", "/reviews/emergency-access"}, "Ada Lindqvam", "Brage Sørhaug"},
		{"pro6@demo.test", "The people you work with", nil, "Frida Nygjerde", "Ada Lindqvam"},
		{"leader@demo.test", "Units I lead", []string{"/reviews/emergency-access"}, "Ward Birch", "Ada Lindqvam"},
		{"researcher@demo.test", "Research", []string{"/stories", "/stories?kind=felt_wrong"}, "never see a person's record", "Ada Lindqvam"},
		{"admin@demo.test", "Administration", []string{"/admin/accounts", "/admin/units", "/admin/relations"}, "Accounts", ""},
	}
	for _, tt := range tests {
		t.Run(tt.email, func(t *testing.T) {
			b := newTab(t, shared.url)
			b.login(tt.email)
			if got := b.text("h1"); got != tt.heading {
				t.Errorf("home heading = %q, want %q", got, tt.heading)
			}
			main := b.text("main")
			if !strings.Contains(main, tt.has) || (tt.hasNot != "" && strings.Contains(main, tt.hasNot)) {
				t.Errorf("home shows %q; want %q and not %q", main, tt.has, tt.hasNot)
			}
			for _, p := range tt.pages {
				b.open(p)
			}
			b.submit("header form button[type=submit]")
			if p := b.path(); !strings.HasPrefix(p, "/login") {
				t.Errorf("after logout at %s, want the login page", p)
			}
		})
	}
}

// A person's own pages: who has seen my record shows a professional's
// visit; the network page shows what each member sees.
func TestBrowser_PersonSpace(t *testing.T) {
	pro := newTab(t, shared.url)
	pro.login("pro2@demo.test")
	pro.do(chromedp.Click(chromedp.CSS("main ul.plain a")))
	pro.axe("pro2 opens a person from the caseload")
	visited := pro.text("h1")

	b := newTab(t, shared.url)
	b.login("person2@demo.test")
	if visited != "Brage Sørhaug" {
		t.Fatalf("pro2 opened %q, want person2 (Brage Sørhaug) first on the caseload", visited)
	}
	b.submit(`header nav a[href$="/access-log"]`)
	log := b.text("main")
	if !strings.Contains(log, "Jonas Elvebakk (professional) opened your page") || !strings.Contains(log, "in your care team") {
		t.Errorf("who has seen my record = %q; want pro2's visit in plain words", log)
	}
	// Narrowed to one part of her record, by the filter form (no script).
	b.do(chromedp.SetValue(chromedp.ID("f-what"), "summary"))
	b.submit(`form.filters button[type=submit]`)
	if p := b.path(); !strings.Contains(p, "what=summary") || !strings.Contains(b.text("main"), "opened your page") {
		t.Errorf("filtered log at %s: %q", p, b.text("main"))
	}
	b.submit(`header nav a[href$="/network"]`)
	if !strings.Contains(b.text("main"), "You have not invited anyone yet") {
		t.Errorf("person2's network page: %q", b.text("main"))
	}

	p1 := newTab(t, shared.url)
	p1.login("person1@demo.test")
	p1.submit(`header nav a[href$="/network"]`)
	net := p1.text("main")
	if !strings.Contains(net, "Liv Lindqvam") || !strings.Contains(net, "What Liv Lindqvam can see") {
		t.Errorf("person1's network = %q", net)
	}
}

// Switching language changes every string, is remembered for the account,
// and the login page follows a visitor's choice too.
func TestBrowser_Language(t *testing.T) {
	anon := newTab(t, shared.url)
	anon.open("/login")
	if got := anon.text("h1"); got != "Log in to Heard" {
		t.Fatalf("login heading = %q", got)
	}
	anon.submit(`footer button[value="nb"]`)
	if got, lang := anon.text("h1"), run(anon, chromedp.AttributeValue(chromedp.CSS("html"), "lang")); got != "Logg inn i Heard" || lang.Value != "nb" {
		t.Fatalf("after switching: heading %q, lang %+v", got, lang)
	}

	b := newTab(t, shared.url)
	b.login("person3@demo.test")
	b.submit(`footer button[value="nb"]`)
	if got := b.text("h1"); got != "Hei, Cecilie Strømnes" {
		t.Errorf("Norwegian home heading = %q", got)
	}
	if nav := b.text("header nav"); !strings.Contains(nav, "Hvem har sett opplysningene om meg") {
		t.Errorf("Norwegian navigation = %q", nav)
	}
	b.open("/settings")
	// Issue 9's pages, in Norwegian, through axe and the reflow check.
	plan := run(b, chromedp.Evaluate[string](`document.querySelector('header nav a[href$="/plan"]').getAttribute("href")`))
	person := strings.TrimSuffix(plan, "/plan")
	for _, p := range []string{"/checkins", "/checkins/new", "/trajectories", "/threads"} {
		b.open(person + p)
	}
	if n := b.text("#not-emergency"); !strings.Contains(n, "Meldinger er ikke for akutte situasjoner") || !strings.Contains(n, "Teamet svarer på meldinger man–fre 08:00–15:30") {
		t.Errorf("the Norwegian note beside her messages = %q", n)
	}
	b.submit(`main ul.plain a[href*="/threads/"]`)
	b.axe(person + "/threads/{thread} (nb)")
	b.open(person + "/network")
	if got := b.text("#invite-h"); got != "Inviter noen inn i nettverket ditt" {
		t.Errorf("the Norwegian network page = %q", got)
	}
	b.open(person + "/questionnaires")
	if got := b.text("h1"); got != "Spørreskjemaene dine" {
		t.Errorf("Norwegian questionnaires heading = %q", got)
	}
	b.submit(`main a.button[href*="/questionnaires/"]`)
	b.axe(person + "/questionnaires/{instrument} (nb)")

	again := newTab(t, shared.url) // a new browser: no language cookie
	again.login("person3@demo.test")
	if got := again.text("h1"); got != "Hei, Cecilie Strømnes" {
		t.Errorf("after logging in elsewhere, heading = %q; want the account's language remembered", got)
	}
	again.submit(`footer button[value="en"]`)
	if got := again.text("h1"); got != "Hello, Cecilie Strømnes" {
		t.Errorf("back to English: %q", got)
	}

	// Issue 10's pages for a professional, in Norwegian: the inbox with the
	// team's shared inbox, a waiting thread, the proposal form, and her
	// network page as the person sees it.
	pro := newTab(t, shared.url)
	pro.login("pro5@demo.test")
	pro.submit(`footer button[value="nb"]`)
	pro.submit(`header nav a[href="/inbox"]`)
	if n := pro.text("main"); !strings.Contains(n, "Felles innboks for enhetene dine") || !strings.Contains(n, "Daniel Okonkwo: A letter from NAV") {
		t.Errorf("the Norwegian inbox with the waiting thread = %q", n)
	}
	pro.submit(`main section[aria-labelledby="shared-h"] a`)
	pro.axe("/persons/{daniel}/threads/{thread} from the shared inbox (nb)")
	pro.open("/home")
	pro.submit(`main ul.plain a[href^="/persons/"]`)
	pro.submit(`main a[href$="/proposals/new"]`)
	if got := pro.text("h1"); !strings.HasPrefix(got, "Foreslå noen") {
		t.Errorf("the Norwegian proposal form heading = %q", got)
	}
	pro.submit(`footer button[value="en"]`)
}

// Emergency access end to end: search, a form that insists on a reason,
// the record opened with a banner, the person told, the leader reviewing.
func TestBrowser_EmergencyAccess(t *testing.T) {
	pro := newTab(t, shared.url)
	pro.login("pro4@demo.test")
	pro.open("/emergency-access?q=ulrik")
	if !strings.Contains(pro.text("main"), "Ulrik Breivoll") {
		t.Fatalf("search found: %q", pro.text("main"))
	}
	pro.submit(`main ul.plain a[href$="/emergency-access"]`)
	pro.do(chromedp.Click(chromedp.ID("reason-acute")), chromedp.SendKeys(chromedp.ID("justification"), "urgent"))
	pro.submit("main form button[type=submit]") // the server wants a real justification
	if msg := pro.text("main form .field-error"); !strings.Contains(msg, "between 20 and 1000") {
		t.Errorf("too short a justification: %q", pro.text("main"))
	}
	if v := run(pro, chromedp.Value(chromedp.ID("justification"))); v != "urgent" {
		t.Errorf("what was typed is lost: %q", v)
	}
	pro.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("justification").value = ""`), chromedp.SendKeys(chromedp.ID("justification"), "Ulrik phoned the ward in distress at night"))
	pro.submit("main form button[type=submit]")
	if h := pro.text("h1"); h != "Ulrik Breivoll" || !strings.Contains(pro.text(".warning"), "Emergency access.") {
		t.Fatalf("after opening: heading %q, banner %q", h, pro.text("main"))
	}

	person := newTab(t, shared.url)
	person.login("person20@demo.test")
	notice := person.text(".warning")
	if !strings.Contains(notice, "Amir Haddad opened your record") || !strings.Contains(notice, "Ulrik phoned the ward in distress at night") {
		t.Errorf("person's notice = %q", notice)
	}
	person.submit(`header nav a[href$="/access-log"]`)
	if l := person.text("main"); !strings.Contains(l, "opened your record with emergency access") || !strings.Contains(l, "acute situation") {
		t.Errorf("access log = %q", l)
	}

	leader := newTab(t, shared.url)
	leader.login("leader@demo.test")
	leader.open("/reviews/emergency-access")
	if !strings.Contains(leader.text("main"), "Amir Haddad opened Ulrik Breivoll's record") {
		t.Fatalf("reviews = %q", leader.text("main"))
	}
	leader.submit(`main form button[type=submit]`)
	if !strings.Contains(leader.text(".notice"), "Marked as reviewed") {
		t.Errorf("after review: %q", leader.text("main"))
	}
}

// Administration: a form with mistakes is shown again with the messages and
// what was typed; a valid one creates the account and shows its password.
func TestBrowser_AdminCreatesAccount(t *testing.T) {
	b := newTab(t, shared.url)
	b.login("admin@demo.test")
	b.open("/admin/accounts")
	b.do(chromedp.SendKeys(chromedp.ID("acc-name"), "Vilde Vestheim"), chromedp.SendKeys(chromedp.ID("acc-email"), "vilde@demo.test"),
		chromedp.SetValue(chromedp.ID("acc-role"), "professional"))
	b.submit(`main form[action="/admin/accounts"] button[type=submit]`)
	if msg := b.text("main form .field-error"); !strings.Contains(msg, "Choose the unit") {
		t.Errorf("professional without unit: %q", msg)
	}
	if v := run(b, chromedp.Value(chromedp.ID("acc-name"))); v != "Vilde Vestheim" {
		t.Errorf("typed name lost: %q", v)
	}
	b.do(chromedp.SetValue(chromedp.ID("acc-role"), "person"))
	b.submit(`main form[action="/admin/accounts"] button[type=submit]`)
	if n := b.text(".notice"); !strings.Contains(n, "Account created for Vilde Vestheim") || !strings.Contains(n, "shown only now") {
		t.Errorf("after creating: %q", n)
	}
	// A questionnaire with an item Heard does not support is refused
	// whole, naming the item; the page lists the licence of what is there.
	b.open("/admin/instruments")
	if n := b.text("#instruments"); !strings.Contains(n, "Written for the Heard demo") {
		t.Errorf("the instruments and their licences: %q", n)
	}
	b.do(chromedp.SetValue(chromedp.ID("resource"), `{"resourceType":"Questionnaire","title":"Broken","item":[{"linkId":"born","text":"Born?","type":"date"}]}`),
		chromedp.SendKeys(chromedp.ID("licence"), "Ours"))
	b.submit(`main form[action="/admin/instruments"] button[type=submit]`)
	b.axe("/admin/instruments (refused)")
	if n := b.text(".error-box"); !strings.Contains(n, `Item “born” has the type “date”`) {
		t.Errorf("a refused import says %q", n)
	}
}

// On a small phone the pages fit the screen and still pass axe. The
// header is one short line: the menu folds behind a button (the script
// adds it; without scripts the menu is shown), and the way to crisis help
// is at the top, not three screens down.
func TestBrowser_SmallPhone(t *testing.T) {
	b := newTab(t, shared.url)
	b.asPhone()
	b.open("/login")
	b.login("person1@demo.test")
	for _, p := range []string{"/home", "/settings"} {
		b.open(p)
		if wide := run(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`)); wide {
			t.Errorf("%s scrolls sideways on a 360 px screen", p)
		}
	}
	header := func() float64 {
		return run(b, chromedp.Evaluate[float64](`document.querySelector("header.site").getBoundingClientRect().height`))
	}
	if h := header(); h > 740*0.1 {
		t.Errorf("the header is %.0f px high on a 740 px phone screen; want one line (at most a tenth)", h)
	}
	if visible := run(b, chromedp.Evaluate[bool](`document.querySelector("header nav").offsetParent !== null`)); visible {
		t.Error("the menu is open before it is asked for")
	}
	b.do(chromedp.Click(chromedp.CSS("button.menu-toggle")))
	// A loaded machine can take a moment to run the click's handler.
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`document.querySelector("button.menu-toggle").getAttribute("aria-expanded") === "true"`,
		chromedp.WithPollingTimeout(3*time.Second))); err != nil {
		got := run(b, chromedp.AttributeValue(chromedp.CSS("button.menu-toggle"), "aria-expanded"))
		t.Errorf("after opening the menu, aria-expanded = %q (%v)", got.Value, err)
	}
	b.submit(`header nav a[href$="/network"]`)
	if !strings.HasSuffix(b.path(), "/network") {
		t.Errorf("the menu's link led to %s", b.path())
	}
	b.do(chromedp.Click(chromedp.CSS("a.help-now")))
	if got := run(b, chromedp.Evaluate[string](`document.activeElement.id + " " + (document.getElementById("crisis").getBoundingClientRect().top < window.innerHeight)`)); got != "crisis true" {
		t.Errorf("after Help now, focus and view = %q; want the crisis text in view", got)
	}

	// Without the script there is no button and the menu shows.
	noScript := newTab(t, shared.url)
	noScript.asPhone()
	if _, err := chromedp.Call(noScript.ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{
		URLPatterns: []*network.BlockPattern{{URLPattern: "*://*:*/static/*.js", Block: true}}}); err != nil {
		t.Fatal(err)
	}
	noScript.login("person1@demo.test")
	if n := run(noScript, chromedp.Evaluate[int](`document.querySelectorAll("button.menu-toggle").length`)); n != 0 {
		t.Errorf("without the script, %d menu buttons", n)
	}
	if visible := run(noScript, chromedp.Evaluate[bool](`document.querySelector("header nav").offsetParent !== null`)); !visible {
		t.Error("without the script the menu is hidden")
	}
}

func TestBrowser_NotFoundPage(t *testing.T) {
	b := newTab(t, shared.url)
	b.login("pro1@demo.test")
	b.open("/persons/00000000000000000000000000")
	if h := b.text("h1"); h != "We could not find that page" {
		t.Errorf("heading = %q", h)
	}
}

// The accessibility check itself can fail: on a page with known barriers
// axe must report them, or every clean result above would mean nothing.
func TestAxe_FindsKnownBarriers(t *testing.T) {
	b := newTab(t, shared.url)
	b.do(chromedp.Navigate(`data:text/html,<!doctype html><html><head><title>x</title></head><body><img src="x.png"><input type="text"><p style="color:%23777;background:%23888">low contrast</p></body></html>`))
	found := map[string]bool{}
	for _, v := range b.violations() {
		found[v.ID] = true
	}
	for _, want := range []string{"html-has-lang", "image-alt", "label", "color-contrast"} {
		if !found[want] {
			t.Errorf("axe did not report %s on a page that has it; found %v", want, found)
		}
	}
}

// The reflow check itself can fail: Ada's decision page with the two-column
// facts list it had before (labels as wide as their longest word at every
// width) scrolls sideways at 320 px, and the check must say so; a wide
// table in a box that scrolls on its own is allowed. Every page the e2e
// run opens passes this check, in b.axe.
func TestReflow_FindsWidePages(t *testing.T) {
	ada := newTab(t, shared.url)
	ada.login("person1@demo.test")
	ada.open("/persons/" + personIDOf(t, ada) + "/decisions")
	ada.follow("Medication dose")
	ada.do(chromedp.Evaluate[chromedp.Void](`(() => {
		const wrap = document.createElement("div");
		wrap.className = "table-wrap";
		wrap.innerHTML = "<table><tr>" + "<td>a&nbsp;wide&nbsp;cell&nbsp;of&nbsp;a&nbsp;data&nbsp;table</td>".repeat(6) + "</tr></table>";
		document.querySelector("main").append(wrap);
	})()`))
	if wide := ada.overflowAt320(); len(wide) > 0 {
		t.Fatalf("a wide table inside its own scrolling box was reported: %v", wide)
	}
	// Set through the CSSOM: the page's Content-Security-Policy refuses an
	// injected style sheet.
	ada.do(chromedp.Evaluate[chromedp.Void](`(() => {
		for (const dl of document.querySelectorAll("dl.facts")) {
			dl.style.setProperty("grid-template-columns", "max-content 1fr");
			for (const e of dl.children) { e.style.setProperty("overflow-wrap", "normal"); e.style.setProperty("min-width", "auto"); }
		}
	})()`))
	wide := ada.overflowAt320()
	if len(wide) == 0 {
		t.Fatal("the old two-column facts list was not reported at 320 px")
	}
	if !strings.HasPrefix(wide[0], "dt") && !strings.HasPrefix(wide[0], "dd") {
		t.Errorf("reported %v; want the facts list's terms first", wide)
	}
}

// A network member opens the person who invited them and sees only what
// was shared: the summary, not the care team.
func TestBrowser_NetworkMember(t *testing.T) {
	b := newTab(t, shared.url)
	b.login("net1@demo.test")
	b.submit(`main ul.plain a`)
	main := b.text("main")
	if b.text("h1") != "Ada Lindqvam" || !strings.Contains(main, "Not shared with you.") || strings.Contains(main, "Mari Fjelltun") {
		t.Errorf("net1's view of person1 = %q", main)
	}
}

// Two-factor login set up in the browser, then used: the code page.
func TestBrowser_TwoFactor(t *testing.T) {
	b := newTab(t, shared.url)
	b.login("person7@demo.test")
	b.open("/settings/two-factor")
	secret := b.text("code.secret")
	b.do(chromedp.SendKeys(chromedp.ID("password"), "heard-demo-password"), chromedp.SendKeys(chromedp.ID("code"), "000000"))
	b.submit("main form button[type=submit]")
	if msg := b.text("main form .field-error"); !strings.Contains(msg, "does not match") {
		t.Fatalf("wrong code at set-up: %q", b.text("main"))
	}
	secret = b.text("code.secret") // the form keeps the same secret
	code, err := auth.TOTPCodeAt(secret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.SendKeys(chromedp.ID("password"), "heard-demo-password"), chromedp.SendKeys(chromedp.ID("code"), code))
	b.submit("main form button[type=submit]")
	if !strings.Contains(b.text(".notice"), "Two-factor login is on") {
		t.Fatalf("after set-up: %q", b.text("main"))
	}
	again := newTab(t, shared.url)
	again.open("/login")
	again.do(chromedp.SendKeys(chromedp.ID("email"), "person7@demo.test"), chromedp.SendKeys(chromedp.ID("password"), "heard-demo-password"))
	again.submit("main form button[type=submit]")
	if h := again.text("h1"); h != "Enter the code from your app" {
		t.Fatalf("after the password: %q", h)
	}
	// The code just used at set-up cannot be used again; wait for the next.
	time.Sleep(time.Until(time.Now().Truncate(30 * time.Second).Add(30*time.Second + 200*time.Millisecond)))
	next, _ := auth.TOTPCodeAt(secret, time.Now())
	again.do(chromedp.SendKeys(chromedp.ID("code"), next))
	again.submit("main form button[type=submit]")
	if h := again.text("h1"); h != "Hello, Gaute Kvernmo" {
		t.Errorf("after the code: %q", h)
	}
}

// Removing someone from her network and ending a care relation ask first,
// on a page that works without scripts and passes axe; "No" changes
// nothing, "Yes" acts and confirms.
func TestBrowser_AsksBeforeRemoving(t *testing.T) {
	url := ownHeard(t)
	ada := newTab(t, url)
	ada.login("person1@demo.test")
	ada.open("/persons/" + personIDOf(t, ada) + "/network")
	members := len(run(ada, chromedp.Nodes(chromedp.CSSAll("main section.card"))))
	ada.submit(`main section.card form[action$="/remove"] button`)
	if h := ada.text("h1"); !strings.HasPrefix(h, "Remove ") || !strings.HasSuffix(h, "from your network?") {
		t.Fatalf("the question = %q", h)
	}
	ada.submit(`main .actions a`) // No, go back
	if n := len(run(ada, chromedp.Nodes(chromedp.CSSAll("main section.card")))); n != members {
		t.Fatalf("after going back, %d members; want %d", n, members)
	}
	ada.submit(`main section.card form[action$="/remove"] button`)
	ada.submit(`main form button[type=submit]`)
	if n := len(run(ada, chromedp.Nodes(chromedp.CSSAll("main section.card")))); n != members-1 {
		t.Errorf("after removing, %d members; want %d", n, members-1)
	}
	if !strings.Contains(ada.text("[data-confirm]"), "Removed from your network") {
		t.Errorf("no confirmation after removing: %q", ada.text("main"))
	}

	admin := newTab(t, url)
	admin.login("admin@demo.test")
	admin.open("/admin/relations")
	admin.submit(`main form[action$="/end"] button`)
	if h := admin.text("h1"); !strings.Contains(h, "care relation between") && !strings.Contains(h, "Withdraw the request") {
		t.Fatalf("the admin's question = %q", h)
	}
	admin.submit(`main form button[type=submit]`)
	if !strings.HasPrefix(admin.path(), "/admin/relations") || admin.text("[data-confirm]") == "" {
		t.Errorf("after ending: %s, %q", admin.path(), admin.text("main"))
	}
}

var updateScreenshots = flag.Bool("update-screenshots", false, "write the screenshots of docs/screenshots")

// The README shows Ada's home, plan, a decision and a meeting on a 360-px
// phone and a 1280-px screen. This test makes them from the running
// product: with -update-screenshots it writes docs/screenshots; without, it
// makes them all the same (so a page that breaks fails here) and checks
// that the committed ones are there.
func TestBrowser_Screenshots(t *testing.T) {
	url := ownHeard(t)
	ada := newTab(t, url)
	ada.login("person1@demo.test")
	person := "/persons/" + personIDOf(t, ada)
	ada.open(person + "/decisions")
	decision := run(ada, chromedp.Evaluate[string](`[...document.querySelectorAll("main a")].find(a => a.textContent.includes("Medication dose")).getAttribute("href")`))
	ada.open(person + "/encounters")
	meeting := run(ada, chromedp.Evaluate[string](`document.querySelector('section[aria-labelledby="upcoming-h"] a').getAttribute("href")`))
	pages := []struct{ name, path string }{{"home", "/home"}, {"plan", person + "/plan"}, {"decision", decision}, {"meeting", meeting}}
	dir := t.TempDir()
	if *updateScreenshots {
		dir = filepath.Join("..", "..", "docs", "screenshots")
	}
	for _, width := range []int64{360, 1280} {
		if width == 360 {
			ada.asPhone()
		} else {
			ada.phone = false
			ada.do(chromedp.EmulateViewport(1280, 900))
		}
		for _, p := range pages {
			ada.open(p.path)
			png := run(ada, chromedp.CaptureScreenshot())
			cfg, err := pngpkg.DecodeConfig(bytes.NewReader(png))
			if err != nil || int64(cfg.Width) != width {
				t.Fatalf("%s at %d px: a %d-px image, %v", p.name, width, cfg.Width, err)
			}
			name := fmt.Sprintf("%s-%d.png", p.name, width)
			if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join("..", "..", "docs", "screenshots", name)); err != nil {
				t.Errorf("docs/screenshots/%s is missing: run go test ./internal/e2e -run Screenshots -update-screenshots", name)
			}
		}
	}
}
