package e2e

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/heard-health/heard/internal/mail/mailtest"
)

// Capacity really changes what is rendered: at low, the home page shows
// only the next meeting, one thing for today and who to contact, and the
// navigation offers fewer choices; at high, the whole plan, decisions and
// restrictions appear.
func TestBrowser_CapacityChangesThePage(t *testing.T) {
	b := newTab(t, shared.url)
	b.login("person6@demo.test") // Frida: low capacity in the demo
	main, nav := b.text("main"), b.text("header nav")
	for _, want := range []string{"Just the most important things for now.", "Next meeting", "One thing for today", "Get up and open the curtains", "Who to contact", "Even Mosvold"} {
		if !strings.Contains(main, want) {
			t.Errorf("low capacity home lacks %q", want)
		}
	}
	for _, not := range []string{"My plan", "Decisions about me", "Who sees what", "Messages"} {
		if strings.Contains(main, not) {
			t.Errorf("low capacity home shows %q", not)
		}
	}
	if strings.Contains(nav, "Meetings") || strings.Contains(nav, "Who has seen my record") || !strings.Contains(nav, "My plan") {
		t.Errorf("low capacity navigation = %q; want fewer choices", nav)
	}
	b.open("/persons/" + personIDOf(t, b) + "/plan")
	if !strings.Contains(b.text("main"), "Answer one question at a time") || strings.Contains(b.text("main"), "Earlier versions") {
		t.Errorf("low capacity plan = %q; want the short summary and one question at a time", b.text("main"))
	}
	b.submit(`main a.button`) // one question at a time
	if n := len(run(b, chromedp.Nodes(chromedp.CSSAll("main form textarea")))); n != 1 {
		t.Errorf("one question at a time shows %d fields", n)
	}
	b.open("/home")

	b.do(chromedp.Click(chromedp.ID("capacity-high")))
	b.submit(`#capacity-h ~ form button[type=submit]`)
	main, nav = b.text("main"), b.text("header nav")
	for _, want := range []string{"My plan", "Decisions about me", "Who sees what", "Restrictions and my view of them"} {
		if !strings.Contains(main, want) {
			t.Errorf("high capacity home lacks %q", want)
		}
	}
	if !strings.Contains(nav, "Meetings") || !strings.Contains(nav, "Who has seen my record") {
		t.Errorf("high capacity navigation = %q", nav)
	}
	b.do(chromedp.Click(chromedp.ID("capacity-low")))
	b.submit(`#capacity-h ~ form button[type=submit]`)
	if strings.Contains(b.text("main"), "Decisions about me") {
		t.Error("back at low capacity the home page still shows decisions")
	}
}

// follow opens the first link in main whose text contains text, so tests
// do not depend on list order.
func (b *tab) follow(text string) {
	b.t.Helper()
	href := run(b, chromedp.Evaluate[string](`(Array.from(document.querySelectorAll("main a")).find(a => a.textContent.includes(`+strconv.Quote(text)+`)) || {}).getAttribute?.("href") ?? ""`))
	if href == "" {
		b.t.Fatalf("no link with %q on %s", text, b.path())
	}
	b.open(href)
}

// personIDOf reads the logged-in person's ID from the navigation.
func personIDOf(t *testing.T, b *tab) string {
	t.Helper()
	href := run(b, chromedp.AttributeValue(chromedp.CSS(`header nav a[href$="/plan"]`), "href"))
	return strings.TrimSuffix(strings.TrimPrefix(href.Value, "/persons/"), "/plan")
}

// The person's plan: pages pass axe; a professional's suggestion appears
// beside the person's words, changes nothing, and once accepted shows in
// the history with who wrote it.
func TestBrowser_PlanAndSuggestions(t *testing.T) {
	pro := newTab(t, shared.url)
	pro.login("pro2@demo.test")
	pro.submit(`main ul.plain a`)
	if pro.text("h1") != "Brage Sørhaug" {
		t.Fatalf("pro2's first person = %q", pro.text("h1"))
	}
	pro.submit(`a[href$="/plan"]`)
	pro.submit(`#part-about .actions a`)
	if !strings.Contains(pro.text("h1"), "Suggest a change") {
		t.Fatalf("professional's form = %q", pro.text("h1"))
	}
	pro.do(chromedp.SendKeys(chromedp.ID("f-hopes"), "To cycle to the coast in summer"), chromedp.SendKeys(chromedp.ID("note"), "You said this on Monday"))
	pro.submit(`main form button[type=submit]`)
	if !strings.Contains(pro.text(".notice"), "changes nothing until they accept it") {
		t.Errorf("after suggesting: %q", pro.text("main"))
	}
	pro.submit(`#part-about a[href$="/history"]`)

	person := newTab(t, shared.url)
	person.login("person2@demo.test")
	person.submit(`header nav a[href$="/plan"]`)
	about := person.text("#part-about")
	if !strings.Contains(about, "My bike and my sister.") || !strings.Contains(about, "Jonas Elvebakk (professional) suggests:") || !strings.Contains(about, "To cycle to the coast in summer") {
		t.Fatalf("the person's plan = %q", about)
	}
	person.submit(`#part-about .suggestion form:first-of-type button`)
	person.submit(`#part-about a[href$="/history"]`)
	if h := person.text("main"); !strings.Contains(h, "Suggested by Jonas Elvebakk, accepted by Brage Sørhaug.") || !strings.Contains(h, "Written by Brage Sørhaug.") {
		t.Errorf("history = %q", h)
	}
	person.open("/persons/" + personIDOf(t, person) + "/plan/crisis")
	person.do(chromedp.SendKeys(chromedp.ID("f-early_signs"), "I stay in bed"), chromedp.Click(chromedp.ID("private")))
	person.submit(`main form button[type=submit]`)
	if !strings.Contains(person.text("#part-crisis"), "only me") {
		t.Errorf("only-me crisis part = %q", person.text("#part-crisis"))
	}
	pro.open("/persons/" + personIDOf(t, person) + "/plan")
	if strings.Contains(pro.text("main"), "I stay in bed") {
		t.Error("the professional sees an only-me part")
	}
	person.open("/persons/" + personIDOf(t, person) + "/plan/print")
	person.submit(`main a`) // back
	person.open("/persons/" + personIDOf(t, person) + "/goals/new")
	person.do(chromedp.SendKeys(chromedp.ID("wording"), "Fix the bike's brakes"), chromedp.Click(chromedp.ID("chime-empowerment")))
	person.submit(`main form button[type=submit]`)
	if person.text("h1") != "Fix the bike's brakes" {
		t.Errorf("new goal page = %q", person.text("h1"))
	}
	person.do(chromedp.SendKeys(chromedp.ID("note-text"), "Bought the brake pads"))
	person.submit(`#notes form button`)
	if !strings.Contains(person.text("#notes"), "Bought the brake pads") {
		t.Errorf("notes = %q", person.text("#notes"))
	}
}

// Two browsers edit the same part: the second save shows the merge page
// with both versions, and it passes axe.
func TestBrowser_StaleSaveShowsBoth(t *testing.T) {
	a := newTab(t, shared.url)
	a.login("person8@demo.test")
	pid := personIDOf(t, a)
	b := newTab(t, shared.url)
	b.login("person8@demo.test")
	a.open("/persons/" + pid + "/plan/helps")
	b.open("/persons/" + pid + "/plan/helps")
	a.do(chromedp.SendKeys(chromedp.ID("f-helps"), "Fresh air"))
	b.do(chromedp.SendKeys(chromedp.ID("f-helps"), "A cup of tea"))
	a.submit(`main form button[type=submit]`)
	b.submit(`main form button[type=submit]`)
	theirs := b.text(".theirs")
	mine := run(b, chromedp.Value(chromedp.ID("f-helps")))
	if !strings.Contains(theirs, "Fresh air") || mine != "A cup of tea" {
		t.Fatalf("merge page: theirs %q, mine %q", theirs, mine)
	}
	b.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("f-helps").value = ""`), chromedp.SendKeys(chromedp.ID("f-helps"), "Fresh air and a cup of tea"))
	b.submit(`main form button[type=submit]`)
	if !strings.Contains(b.text("#part-helps"), "Fresh air and a cup of tea") {
		t.Errorf("after merging: %q", b.text("#part-helps"))
	}
}

// Meetings, decisions and restrictions, from both sides, and the
// professional's due list: every page passes axe and shows what matters.
func TestBrowser_MeetingsDecisionsRestrictions(t *testing.T) {
	pro := newTab(t, shared.url)
	pro.login("pro1@demo.test")
	pro.submit(`main ul.plain a`)
	if !strings.Contains(pro.text("main"), "1 restriction is past its review date.") {
		t.Errorf("person page for the professional lacks the flag: %q", pro.text("main"))
	}
	person1 := strings.TrimPrefix(pro.path(), "/persons/")
	for _, p := range []string{"/encounters", "/encounters/new", "/decisions", "/decisions/new", "/restrictions", "/restrictions/new"} {
		pro.open("/persons/" + person1 + p)
	}
	pro.open("/persons/" + person1 + "/encounters")
	if !strings.Contains(pro.text("main"), "Meetings about Ada Lindqvam, held without them") {
		t.Errorf("encounters = %q", pro.text("main"))
	}
	pro.submit(`section[aria-labelledby="upcoming-h"] a`)
	pro.submit(`a[href$="/preparation"]`)
	if !strings.Contains(pro.text("main"), "A plan for the holidays.") {
		t.Errorf("the professional does not see the preparation beforehand: %q", pro.text("main"))
	}
	pro.open("/persons/" + person1 + "/decisions")
	pro.follow("Medication dose")
	pro.open("/persons/" + person1 + "/restrictions")
	pro.submit(`main ul.plain a`)
	if !strings.Contains(pro.text("main"), "Past its review date.") {
		t.Errorf("restriction page = %q", pro.text("main"))
	}
	pro.open("/reviews/due")
	if !strings.Contains(pro.text("main"), "Ada Lindqvam") {
		t.Errorf("due list = %q", pro.text("main"))
	}

	ada := newTab(t, shared.url)
	ada.login("person1@demo.test")
	ada.open("/persons/" + person1 + "/encounters")
	if w := ada.text(`section[aria-labelledby="without-h"]`); !strings.Contains(w, "holidays") {
		t.Errorf("meetings without me = %q", w)
	}
	ada.submit(`section[aria-labelledby="past-h"] a`)
	ada.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("reflection-text").value = ""`), chromedp.SendKeys(chromedp.ID("reflection-text"), "I liked the walk."))
	ada.submit(`#reflection form button`)
	// Feedback on a past meeting she took part in: one tap per question on
	// big steps, then save; a phone's width is checked with every page.
	ada.open("/persons/" + person1 + "/encounters")
	pastMeetings := run(ada, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('section[aria-labelledby="past-h"] a')).map(a => a.getAttribute("href"))`))
	for _, href := range pastMeetings {
		ada.open(href)
		if run(ada, chromedp.Evaluate[bool](`!!document.getElementById("fb-heard-4")`)) {
			break
		}
	}
	ada.do(chromedp.Click(chromedp.CSS(`label[for="fb-heard-4"]`)), chromedp.Click(chromedp.CSS(`label[for="fb-hope-5"]`)))
	ada.submit(`#feedback form button[type=submit]`)
	if n := ada.text("#feedback"); !strings.Contains(n, "Saved.") {
		t.Errorf("after giving feedback, its section says %q", n)
	}
	if v := run(ada, chromedp.Value(chromedp.ID("fb-hope-5"))); v != "5" {
		t.Errorf("the hope step = %q", v)
	}
	// A check-in: she chooses how often, then taps her answers; the page
	// after it says who sees them and where to turn now.
	ada.open("/persons/" + person1 + "/checkins")
	ada.do(chromedp.Click(chromedp.CSS(`label[for="schedule-weekly"]`)))
	ada.submit(`#schedule form button`)
	if n := ada.text("#schedule"); !strings.Contains(n, "Saved.") {
		t.Errorf("after choosing how often, the section says %q", n)
	}
	ada.submit(`a[href$="/checkins/new"]`)
	ada.axe("/persons/" + person1 + "/checkins/new")
	ada.do(chromedp.Click(chromedp.CSS(`label[for="ci-hope-7"]`)), chromedp.Click(chromedp.CSS(`label[for="ci-meaning-0"]`)))
	ada.submit(`main form button[type=submit]`)
	ada.axe("/persons/" + person1 + "/checkins/saved")
	if n := ada.text("main"); !strings.Contains(n, "Nobody watches check-ins as they come in") {
		t.Errorf("after checking in: %q", n)
	}
	ada.open("/persons/" + person1 + "/checkins")
	if n := ada.text(`section[aria-labelledby="history-h"] .table-wrap`); !strings.Contains(n, "7") {
		t.Errorf("her check-ins: %q", n)
	}
	ada.open("/persons/" + person1 + "/trajectories")
	if n := ada.text("main"); !strings.Contains(n, "Hope") || !strings.Contains(n, "Show the numbers") {
		t.Errorf("her trajectory: %q", n)
	}
	ada.open("/persons/" + person1 + "/questionnaires")
	ada.submit(`main a.button[href*="/questionnaires/"]`)
	ada.axe("/persons/" + person1 + "/questionnaires/{instrument}")
	for _, label := range []string{"sleep-3", "routine-2", "worry-1", "company-4", "work-no"} {
		ada.do(chromedp.Click(chromedp.CSS(`label[for="` + label + `"]`)))
	}
	ada.submit(`main form button[type=submit]`)
	if n := ada.text("main"); !strings.Contains(n, "Saved") || !strings.Contains(n, "score 12 (from 0 to 16)") {
		t.Errorf("after answering the questionnaire: %q", n)
	}
	ada.open("/persons/" + person1 + "/decisions")
	ada.follow("Medication dose")
	if !strings.Contains(ada.text("main"), "Why not") {
		t.Errorf("the person's view of a decision not followed lacks the reason: %q", ada.text("main"))
	}
	ada.do(chromedp.SendKeys(chromedp.ID("comment-text"), "I want to try a lower dose in the spring."))
	ada.submit(`#comment form button`)
	ada.do(chromedp.Click(chromedp.CSS("#preference summary")))
	ada.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("preference-text").value = ""`), chromedp.SendKeys(chromedp.ID("preference-text"), "A lower dose, from the spring."))
	ada.submit(`#preference form button`)
	if h := ada.text("#history"); !strings.Contains(h, "you changed: the preference") {
		t.Errorf("after she corrects her preference, the history says %q", h)
	}
	ada.open("/persons/" + person1 + "/restrictions")
	ada.submit(`main ul.plain a`)
	ada.do(chromedp.SendKeys(chromedp.ID("view-text"), "I would like to walk alone in the mornings."))
	ada.submit(`#view form button`)
	if v := run(ada, chromedp.Value(chromedp.ID("view-text"))); !strings.Contains(v, "I would like to walk alone") {
		t.Errorf("after saving, the person's view = %q", v)
	}

	admin := newTab(t, shared.url)
	admin.login("admin@demo.test")
	admin.open("/admin/legal-bases")
}

// The printable plan fits A4: printed by Chromium it is a short PDF, and
// under print styles nothing but the plan is shown and nothing is wider
// than an A4 page between its margins.
func TestBrowser_PrintablePlan(t *testing.T) {
	b := newTab(t, shared.url)
	b.login("person1@demo.test")
	b.open("/persons/" + personIDOf(t, b) + "/plan/print")
	for _, want := range []string{"My dog Bamse", "Sing in the choir again", "Feeling flat."} {
		if !strings.Contains(b.text("main"), want) {
			t.Errorf("Ada's printable plan lacks %q", want)
		}
	}
	pdf := run(b, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	pages := len(regexp.MustCompile(`/Type\s*/Page\b[^s]`).FindAll(pdf, -1))
	if !bytes.HasPrefix(pdf, []byte("%PDF")) || pages < 1 || pages > 3 {
		t.Errorf("the plan prints as %d A4 pages (%d bytes); want 1 to 3", pages, len(pdf))
	}
	// A4 is 210 mm wide; the print margins are 16 mm each side: 178 mm is
	// 673 CSS pixels.
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.EmulateViewport(673, 950))
	hidden := run(b, chromedp.Evaluate[[]string](`["header.site", "footer.site", "main .no-print", "main form"].filter(s => {
		const e = document.querySelector(s); return e && getComputedStyle(e).display !== "none" })`))
	if len(hidden) > 0 {
		t.Errorf("in print, these still show: %v", hidden)
	}
	if !run(b, chromedp.Evaluate[bool](`getComputedStyle(document.querySelector(".print-only")).display !== "none"`)) {
		t.Error("the printed plan lacks where to turn in a crisis")
	}
	if wide := run(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`)); wide {
		t.Error("the printed plan is wider than A4 between its margins")
	}

	// "What I want to bring up" prints as text, not as form fields.
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "screen"}); err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.EmulateViewport(1280, 900))
	b.open("/persons/" + personIDOf(t, b) + "/encounters")
	b.submit(`section[aria-labelledby="upcoming-h"] a`)
	b.submit(`a[href$="/preparation"]`)
	if screen := run(b, chromedp.Evaluate[string](`document.querySelector("main").innerText`)); strings.Contains(screen, "A plan for the holidays.") {
		t.Errorf("on screen the answers show as text besides the form: %q", screen)
	}
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	printed := run(b, chromedp.Evaluate[string](`document.querySelector("main").innerText`))
	if !strings.Contains(printed, "A plan for the holidays.") || run(b, chromedp.Evaluate[bool](`getComputedStyle(document.querySelector("main form")).display !== "none"`)) {
		t.Errorf("printed preparation = %q; want the answers as text and no form", printed)
	}
}

// A feedback link works in a browser without logging in: the nurse makes
// it on Ada's meeting, and whoever opens it sees only the day, taps,
// saves once; opened again, it is a calm dead end. Every page passes axe
// and the 320-px reflow check.
func TestBrowser_FeedbackLinkWithoutLogin(t *testing.T) {
	pro := newTab(t, shared.url)
	pro.login("pro1@demo.test")
	pro.submit(`main ul.plain a`) // Ada, first on Mari's caseload
	person := strings.TrimPrefix(pro.path(), "/persons/")
	pro.open("/persons/" + person + "/encounters")
	meetings := run(pro, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('section[aria-labelledby="past-h"] a')).map(a => a.getAttribute("href"))`))
	found := false
	for _, href := range meetings {
		pro.open(href)
		if found = run(pro, chromedp.Evaluate[bool](`!!document.querySelector('#feedback-link form')`)); found {
			break
		}
	}
	if !found {
		t.Fatalf("no past meeting of hers offers a feedback link among %v", meetings)
	}
	pro.submit(`#feedback-link form button`)
	link := run(pro, chromedp.Value(chromedp.ID("feedback-link-url")))
	path := link[strings.Index(link, "/f/"):]

	anon := newTab(t, shared.url)
	anon.open(path)
	if h := anon.text("h1"); !strings.HasPrefix(h, "How was the meeting on") || strings.Contains(anon.text("body"), "Ada") {
		t.Fatalf("the link's page says %q", anon.text("body"))
	}
	anon.do(chromedp.Click(chromedp.CSS(`label[for="fb-respected-5"]`)))
	anon.submit(`main form button[type=submit]`)
	if n := anon.text(".notice"); !strings.Contains(n, "Thank you") {
		t.Errorf("after giving feedback: %q", anon.text("main"))
	}
	anon.open(path)
	if h := anon.text("h1"); h != "This link does not work" {
		t.Errorf("a used link opens as %q", h)
	}
}

// An invitation in a browser, through e-mail: Ada makes it on her network
// page of a heard that sends e-mail through a real SMTP server; the link
// is taken from the e-mail that server received, which names neither her
// nor the relation. Whoever opens it, without logging in, sees who
// invites and what they would see, and joins with exactly those scopes; a
// used link is refused clearly. The pages pass axe and the 320-px reflow
// check.
func TestBrowser_InvitationJoinsTheNetwork(t *testing.T) {
	server := mailtest.Start(t, "", "")
	heard := startProcess(t, "serve", "--demo", "--db", "sqlite:"+filepath.Join(t.TempDir(), "heard.db"), "--addr", "127.0.0.1:0",
		"--smtp", server.URL("heard@example.test"))
	ada := newTab(t, heard.url)
	ada.login("person1@demo.test")
	ada.submit(`header nav a[href$="/network"]`)
	network := ada.path()
	ada.do(chromedp.SendKeys(chromedp.ID("name"), "Rune Holt"), chromedp.SendKeys(chromedp.ID("email"), "rune.holt@example.test"),
		chromedp.SendKeys(chromedp.ID("relationship"), "my cousin"), chromedp.Click(chromedp.CSS(`label[for="invite-meetings"]`)),
		chromedp.SetValue(chromedp.ID("months"), "6"))
	ada.submit(`#invite form button[type=submit]`)
	ada.axe("/persons/{ada}/invitations (made)")
	if n := ada.text("#invite"); !strings.Contains(n, "Heard e-mails them the link") {
		t.Errorf("no confirmation that the link goes by e-mail: %q", n)
	}

	mail := server.WaitForRecipient("rune.holt@example.test", 30*time.Second)
	if mail == nil {
		t.Fatalf("no e-mail to the invitee: %+v", server.Messages())
	}
	if strings.Contains(mail.Data, "Ada") || strings.Contains(mail.Data, "cousin") || strings.Contains(mail.Data, "Lindqvam") {
		t.Errorf("the e-mail tells who invites or why:\n%s", mail.Data)
	}
	found := regexp.MustCompile(`http://\S+/i/[A-Za-z0-9_-]+`).FindString(mail.Data)
	if found == "" {
		t.Fatalf("no link in the e-mail:\n%s", mail.Data)
	}
	path := strings.TrimPrefix(found, heard.url)

	anon := newTab(t, heard.url)
	anon.open(path)
	if n := anon.text("main"); !strings.Contains(n, "Ada Lindqvam invites you") || !strings.Contains(n, "my cousin") {
		t.Fatalf("the invitation's page: %q", n)
	}
	anon.do(chromedp.SendKeys(chromedp.ID("name"), "Rune Holt"), chromedp.SendKeys(chromedp.ID("password"), "a long passphrase for rune"))
	anon.submit(`main form button[type=submit]`)
	anon.axe(path + " (joined)")
	if n := anon.text("main"); !strings.Contains(n, "You are in Ada Lindqvam's network now") {
		t.Errorf("after joining: %q", n)
	}
	anon.open(path)
	if n := anon.text("h1"); n != "This invitation cannot be used" {
		t.Errorf("the used link's page: %q", n)
	}

	rune := newTab(t, heard.url)
	rune.open("/login")
	rune.do(chromedp.SendKeys(chromedp.ID("email"), "rune.holt@example.test"), chromedp.SendKeys(chromedp.ID("password"), "a long passphrase for rune"))
	rune.submit("main form button[type=submit]")
	rune.submit(`main ul.plain a`)
	person := rune.path()
	rune.open(person + "/encounters")
	for _, closed := range []string{"/plan", "/threads"} {
		if code := rune.status(person + closed); code != 403 {
			t.Errorf("Rune, who may see meetings only, opens %s: %d", closed, code)
		}
	}
	ada.open(network)
	if n := ada.text("main"); !strings.Contains(n, "Rune Holt sees what you share until") {
		t.Errorf("her network page does not show Rune's period: %q", n)
	}
}

// Her nurse proposes someone; the proposal waits on Ada's network page,
// and "Invite" fills the invitation form for her to finish and send
// herself. Every page passes axe and the 320-px reflow check.
func TestBrowser_ProposalWaitsForHer(t *testing.T) {
	mari := newTab(t, shared.url)
	mari.login("pro1@demo.test")
	mari.submit(`main ul.plain a`)
	person1 := strings.TrimPrefix(mari.path(), "/persons/")
	mari.submit(`main a[href$="/proposals/new"]`)
	mari.submit(`main form button[type=submit]`)
	if n := mari.text("main"); !strings.Contains(n, "Please correct") {
		t.Errorf("an empty proposal is not refused clearly: %q", n)
	}
	mari.do(chromedp.SendKeys(chromedp.ID("name"), "Eirik Dahl"), chromedp.SendKeys(chromedp.ID("relationship"), "her neighbour"))
	mari.submit(`main form button[type=submit]`)
	if n := mari.text("main"); !strings.Contains(n, "Proposed. It waits for them to decide.") {
		t.Errorf("no confirmation after proposing: %q", n)
	}

	ada := newTab(t, shared.url)
	ada.login("person1@demo.test")
	ada.open("/persons/" + person1 + "/network")
	if n := ada.text("#proposals"); !strings.Contains(n, "Eirik Dahl") || !strings.Contains(n, "Proposed by Mari Fjelltun") {
		t.Fatalf("her page does not show the proposal: %q", n)
	}
	ada.open("/persons/" + person1 + "/network?proposal=" + run(ada, chromedp.Evaluate[string](
		`new URL([...document.querySelectorAll('#proposals a.button')].find(a => a.textContent.includes('Eirik')).href).searchParams.get('proposal')`)))
	if name := run(ada, chromedp.Value(chromedp.ID("name"))); name != "Eirik Dahl" {
		t.Errorf("the form is not filled from the proposal: %q", name)
	}
}

// Messages from both sides: Ada writes to her team with the note that
// messages are not for emergencies always in view, a bad message is
// refused clearly, her line breaks are kept; Mari finds it first in her
// inbox, and once she answers, Ada sees when the team read it. Her mother,
// whom Ada lets write with the team, sees only her own thread.
func TestBrowser_MessagesWithTheTeam(t *testing.T) {
	ada := newTab(t, shared.url)
	ada.login("person1@demo.test")
	ada.submit(`header nav a[href$="/threads"]`)
	threads := ada.path()
	if n := ada.text("#not-emergency"); !strings.Contains(n, "Messages are not for emergencies") || !strings.Contains(n, "call 113") ||
		!strings.Contains(n, "The team answers messages") {
		t.Errorf("the note beside her messages = %q", n)
	}
	ada.submit(`#new-thread button[type=submit]`)
	if n := ada.text("main"); !strings.Contains(n, "Write in a few words what it is about") || !strings.Contains(n, "Write your message.") {
		t.Errorf("an empty message is not refused clearly: %q", n)
	}
	ada.do(chromedp.SendKeys(chromedp.ID("subject"), "Bus pass"), chromedp.SendKeys(chromedp.ID("body"), "My bus pass ran out.\nCan someone help?"))
	ada.submit(`#new-thread button[type=submit]`)
	if n := ada.text("#messages"); !strings.Contains(n, "Sent.") || !strings.Contains(n, "Not read by the team yet") {
		t.Errorf("after sending: %q", n)
	}
	if body := run(ada, chromedp.Evaluate[string](`document.querySelector('#messages .plain-text').innerText`)); body != "My bus pass ran out.\nCan someone help?" {
		t.Errorf("her line breaks: %q", body)
	}
	if n := ada.text("#not-emergency"); !strings.Contains(n, "not for emergencies") {
		t.Errorf("no note beside the answer form: %q", n)
	}
	thread, _, _ := strings.Cut(ada.path(), "#")

	mari := newTab(t, shared.url)
	mari.login("pro1@demo.test")
	mari.submit(`header nav a[href="/inbox"]`)
	if first := mari.text("main section ul.plain li"); !strings.Contains(first, "Ada Lindqvam: Bus pass") || !strings.Contains(first, "1 unread") {
		t.Errorf("the newest unread thread is not first in her inbox: %q", first)
	}
	mari.open(thread)
	mari.do(chromedp.SendKeys(chromedp.ID("body"), "I will bring a form on Thursday."))
	mari.submit(`#reply button[type=submit]`)
	if n := mari.text("main"); !strings.Contains(n, "Sent.") {
		t.Fatalf("Mari's answer: %q", n)
	}

	ada.open(thread)
	if n := ada.text("#messages"); !strings.Contains(n, "Read by the team") || !strings.Contains(n, "I will bring a form on Thursday.") {
		t.Errorf("after Mari answered, Ada sees %q", n)
	}
	ada.open(threads)

	liv := newTab(t, shared.url)
	liv.login("net1@demo.test")
	liv.submit(`main ul.plain a`)
	liv.submit(`main a[href$="/threads"]`)
	if n := liv.text("main"); !strings.Contains(n, "Visiting on Sunday") || strings.Contains(n, "Bus pass") || !strings.Contains(n, "not for emergencies") {
		t.Errorf("her mother's messages page = %q", n)
	}
	liv.submit(`main ul.plain a[href*="/threads/"]`)
}

// A network meeting with every voice, in a browser: Ove, her friend from
// the choir, sees the shared note and the reflections side by side because
// Ada chose so; when she takes that back, he sees only his own.
func TestBrowser_NetworkMeetingVoices(t *testing.T) {
	ove := newTab(t, shared.url)
	ove.login("net2@demo.test")
	ove.submit(`main ul.plain a`)
	ove.submit(`main a[href$="/encounters"]`)
	// The meetings he was invited to: the past one has the reflections.
	var past string
	for _, href := range run(ove, chromedp.Evaluate[[]string](`[...document.querySelectorAll('main a[href*="/encounters/"]')].map(a => a.getAttribute('href'))`)) {
		ove.open(href)
		if strings.Contains(ove.text("main"), "Reflections, side by side") {
			past = href
			break
		}
	}
	if past == "" {
		t.Fatal("Ove finds no meeting with reflections")
	}
	if n := ove.text("#voices"); !strings.Contains(n, "Ada Lindqvam") || !strings.Contains(n, "Mari Fjelltun") || !strings.Contains(n, "I was nervous") {
		t.Errorf("Ove's view of the voices: %q", n)
	}
	if n := ove.text("main"); !strings.Contains(n, "Ove will walk with her on Wednesdays") {
		t.Errorf("Ove does not see the shared note Ada showed him: %q", n)
	}

	ada := newTab(t, shared.url)
	ada.login("person1@demo.test")
	ada.open(past)
	ada.do(chromedp.Click(chromedp.CSS(`#note-sharing input[type=checkbox]`)))
	ada.submit(`#note-sharing button[type=submit]`)
	if n := ada.text("#note-sharing"); !strings.Contains(n, "Saved") {
		t.Errorf("no confirmation of her choice: %q", n)
	}
	ove.open(past)
	if n, voices := ove.text("main"), ove.text("#voices"); strings.Contains(n, "Wednesdays") || strings.Contains(voices, "Mari Fjelltun") {
		t.Errorf("after she took it back, Ove still sees the note or others' voices: %q", n)
	}
	ada.open(past)
	ada.do(chromedp.Click(chromedp.CSS(`#note-sharing input[type=checkbox]`)))
	ada.submit(`#note-sharing button[type=submit]`)
}
