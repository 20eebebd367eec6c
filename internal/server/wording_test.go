package server

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/i18n"
)

var (
	tags  = regexp.MustCompile(`(?s)<[^>]*>`)
	links = regexp.MustCompile(`href="(/[^"#?]*)`)
	// ownWords are what people wrote themselves (class plain-text, and
	// the text in a form field): Heard's wording is everything else.
	ownWords = regexp.MustCompile(`(?s)<(dd|p|span|div|li|td)[^>]*class="[^"]*plain-text[^"]*"[^>]*>.*?</(dd|p|span|div|li|td)>|<textarea[^>]*>.*?</textarea>`)
)

// visibleText is a page's text as read: its tags removed, entities decoded.
func visibleText(page string) string {
	if i := strings.Index(page, "<body"); i >= 0 {
		page = page[i:]
	}
	return strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(page, " "))), " ")
}

// heardsWords is a page's visible text without what people wrote.
func heardsWords(page string) string { return visibleText(ownWords.ReplaceAllString(page, " ")) }

// thirdPerson is how the clinical record speaks of someone, in each
// language: on her own pages Heard speaks to the person instead.
var thirdPerson = map[string]*regexp.Regexp{
	"en": regexp.MustCompile(`(?i)\bthe person('s)?\b|\bthe service user\b|\bthe patient\b`),
	"nb": regexp.MustCompile(`(?i)\bpersonen(s)?\b|\bpasienten(s)?\b|\bbrukeren(s)?\b`),
}

// firstPerson is "my" and "me": on anyone else's view of her pages, Heard
// names her instead. (Her own words may say "my"; the demo's do not appear
// where this looks, and a finding names the sentence.)
var firstPerson = map[string]*regexp.Regexp{
	"en": regexp.MustCompile(`\b(My|my|me|Me)\b [^.]{0,30}`),
	"nb": regexp.MustCompile(`\b(Min|min|Mitt|mitt|Mine|mine|meg|Meg)\b [^.]{0,30}`),
}

// Dates read one way per language ("29 Nov 2026", "29. nov. 2026"), never
// as stored ("2026-11-29"); English text has no Norwegian quotation marks.
var (
	storedDate = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)
	wrongQuote = map[string]*regexp.Regexp{"en": regexp.MustCompile(`[«»]`), "nb": regexp.MustCompile(`[“”]`)}
)

// checkDates fails on a stored date or another language's quotation mark.
func checkDates(t *testing.T, lang, who, path, text string) {
	t.Helper()
	if m := storedDate.FindString(text); m != "" {
		t.Errorf("%s, %s as %s: a date as stored, %q: …%s…", lang, path, who, m, around(text, m))
	}
	if m := wrongQuote[lang].FindString(text); m != "" {
		t.Errorf("%s, %s as %s: another language's quotation mark: …%s…", lang, path, who, around(text, m))
	}
}

// crawl visits, as actor in lang, every page under the person's record
// that links lead to from her page, and returns each page's text.
func crawl(t *testing.T, w *world, s http.Handler, actor, lang, person string) map[string]string {
	t.Helper()
	start := "/persons/" + person
	if actor == "person1" {
		start = "/home"
	}
	seen := map[string]string{}
	queue := []string{start, "/persons/" + person}
	for len(queue) > 0 && len(seen) < 150 {
		path := queue[0]
		queue = queue[1:]
		if _, ok := seen[path]; ok {
			continue
		}
		r := httptest.NewRequest("GET", path, nil)
		r.AddCookie(&http.Cookie{Name: "heard_session", Value: w.tokens[actor]})
		r.AddCookie(&http.Cookie{Name: "heard_lang", Value: lang})
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, r)
		if rec.Code != 200 {
			seen[path] = ""
			continue
		}
		page := rec.Body.String()
		seen[path] = heardsWords(page)
		for _, m := range links.FindAllStringSubmatch(page, -1) {
			if next := m[1]; strings.HasPrefix(next, "/persons/"+person) && !strings.HasSuffix(next, "/print") {
				queue = append(queue, next)
			}
		}
	}
	want := 10
	if actor == "net1" {
		want = 3 // she shares little with her mother
	}
	if len(seen) < want {
		t.Fatalf("%s reached only %d pages: %v", actor, len(seen), seen)
	}
	return seen
}

// voiced are the messages said one way to her and another way to everyone
// else (a key and its ".other"): as patterns over a page's text, her
// version ("Your preference") and the others' ("… 's preference").
func voiced(t *testing.T, lang i18n.Lang) (hers, others []*regexp.Regexp) {
	t.Helper()
	verb := regexp.MustCompile(`\{\{\.\w+\}\}`)
	// A placeholder in these messages is her name: capitalised words.
	pattern := func(msg string) *regexp.Regexp {
		parts := verb.Split(msg, -1)
		if len(strings.Join(parts, "")) < 8 {
			return nil // "you", "%[1]s": too short to tell anything apart
		}
		for i := range parts {
			parts[i] = regexp.QuoteMeta(parts[i])
		}
		return regexp.MustCompile(`\b` + strings.Join(parts, `\p{Lu}\p{L}*(?: \p{Lu}\p{L}*)*`))
	}
	msgs := i18n.Messages(lang)
	for key, msg := range msgs {
		if other, ok := msgs[key+".other"]; ok {
			if h, o := pattern(msg), pattern(other); h != nil && o != nil {
				hers, others = append(hers, h), append(others, o)
			}
		}
	}
	if len(hers) < 20 {
		t.Fatalf("%s: only %d messages have a version for others", lang, len(hers))
	}
	return hers, others
}

// On her own pages Heard speaks to the person ("you", "your"); everyone
// else sees her name, and nothing says "my" about her. Every page about
// her that links reach, as the person, her nurse and her mother, in
// English and Norwegian.
func TestWording_SpeaksToHerAndNamesHerToOthers(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	person := w.ids["person1"]
	name := w.names["person1"]
	for _, lang := range []string{"en", "nb"} {
		hers, others := voiced(t, i18n.Lang(lang))
		for path, text := range crawl(t, w, s, "person1", lang, person) {
			if m := thirdPerson[lang].FindString(text); m != "" {
				t.Errorf("%s, %s as the person: speaks of her as %q: …%s…", lang, path, m, around(text, m))
			}
			checkDates(t, lang, "the person", path, text)
			for _, re := range others {
				if m := re.FindString(text); m != "" {
					t.Errorf("%s, %s as the person: says %q, the words for others", lang, path, m)
				}
			}
		}
		for _, actor := range []string{"pro1", "net1"} {
			for path, text := range crawl(t, w, s, actor, lang, person) {
				if text == "" {
					continue
				}
				checkDates(t, lang, actor, path, text)
				if m := firstPerson[lang].FindString(text); m != "" {
					t.Errorf("%s, %s as %s: says %q about her", lang, path, actor, m)
				}
				if m := thirdPerson[lang].FindString(text); m != "" {
					t.Errorf("%s, %s as %s: calls her %q instead of naming her: …%s…", lang, path, actor, m, around(text, m))
				}
				if !strings.Contains(text, name) {
					t.Errorf("%s, %s as %s: does not name her", lang, path, actor)
				}
				for _, re := range hers {
					if m := re.FindString(text); m != "" {
						t.Errorf("%s, %s as %s: says %q, the words for her", lang, path, actor, m)
					}
				}
			}
		}
	}
}

// around is the text near the first m, for a finding one can act on.
func around(text, m string) string {
	i := strings.Index(text, m)
	return text[max(0, i-60):min(len(text), i+len(m)+60)]
}

// An empty state tells the truth: her mother, who is not shown Ada's goals,
// reads that they are not shared with her, not that there are none; the
// person's home offers nothing that does not exist yet.
func TestEmptyStatesTellTheTruth(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	plan := "/persons/" + w.ids["person1"] + "/plan"
	mother := heardsWords(w.do(s, "net1", "GET", plan, "", "").Body.String())
	if !strings.Contains(mother, "goals Not shared with you.") || strings.Contains(mother, "No goals yet") {
		t.Errorf("her mother's view of the goals: %q", around(mother, "goals"))
	}
	if nurse := heardsWords(w.do(s, "pro1", "GET", plan, "", "").Body.String()); strings.Contains(nurse, "Not shared with you") {
		t.Errorf("her nurse, who sees her shared goals, is told they are not shared")
	}
	if home := heardsWords(w.do(s, "person1", "GET", "/home", "", "").Body.String()); strings.Contains(home, "Coming soon") {
		t.Errorf("the person's home offers what does not exist yet: %q", around(home, "Coming soon"))
	}
}

// Power made visible: who decided is named, and a decision that did not
// follow her preference stands out on her home and in every list of them.
func TestDecisions_NameWhoDecidedAndFlagNotFollowed(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	person := "/persons/" + w.ids["person1"]
	for _, tt := range []struct{ actor, path, want string }{
		{"person1", "/home", "Medication dose · Mari Fjelltun (professional) · Not as you wished"},
		{"person1", person + "/decisions", "Who decided: Mari Fjelltun (professional) · Did the outcome follow your preference? no Not as you wished"},
		{"pro1", person + "/decisions", "Not as Ada Lindqvam wished"},
		{"person1", person + "/decisions", "Who decided: you and Mari Fjelltun, together"},
	} {
		page := w.do(s, tt.actor, "GET", tt.path, "", "").Body.String()
		if text := heardsWords(page); !strings.Contains(text, tt.want) {
			t.Errorf("%s as %s lacks %q:\n%s", tt.path, tt.actor, tt.want, text)
		}
		if !strings.Contains(page, `class="flag"`) {
			t.Errorf("%s as %s: nothing stands out", tt.path, tt.actor)
		}
	}
}

// Her access log reads as days and readers, not a flat stream: a reader's
// run of looks on one day is one line with every entry beneath it, and
// she can narrow it to one reader or one part of her record.
func TestAccessLog_GroupedAndFiltered(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	person := "/persons/" + w.ids["person1"]
	for _, p := range []string{"/plan", "/decisions", "/plan", "/encounters"} {
		if rec := w.do(s, "pro1", "GET", person+p, "", ""); rec.Code != 200 {
			t.Fatalf("pro1 GET %s = %d", p, rec.Code)
		}
	}
	log := w.do(s, "person1", "GET", person+"/access-log", "", "").Body.String()
	text := heardsWords(log)
	if !strings.Contains(text, "Mari Fjelltun (professional) looked at your meetings; looked at your plan; looked at decisions about you") ||
		!strings.Contains(text, "Every entry (") || !strings.Contains(log, "<details>") {
		t.Errorf("the log does not group Mari's run of looks:\n%s", text)
	}
	if !regexp.MustCompile(`<h2>\d{1,2} [A-Z][a-z]{2} \d{4}</h2>`).MatchString(log) {
		t.Errorf("the log has no day headings")
	}
	mari := regexp.MustCompile(`<option value="([a-z0-9]+)">Mari Fjelltun</option>`).FindStringSubmatch(log)
	if mari == nil {
		t.Fatalf("no filter choice for Mari in:\n%s", snippet(log))
	}
	byMari := heardsWords(w.do(s, "person1", "GET", person+"/access-log?who="+mari[1], "", "").Body.String())
	if !strings.Contains(byMari, "Mari Fjelltun") || strings.Contains(byMari, "Arne Admin (") || strings.Contains(byMari, "Randi Brekkestø (") {
		t.Errorf("filtered by Mari, the log shows others:\n%s", byMari)
	}
	aboutPlan := heardsWords(w.do(s, "person1", "GET", person+"/access-log?what=plan", "", "").Body.String())
	if !strings.Contains(aboutPlan, "looked at your plan") || strings.Contains(aboutPlan, "looked at decisions about you") {
		t.Errorf("filtered by the plan, the log shows other things:\n%s", aboutPlan)
	}
	if rec := w.do(s, "person1", "GET", person+"/access-log?what=everything-else", "", ""); rec.Code == 200 {
		t.Errorf("an unknown topic = %d; want a refusal", rec.Code)
	}
	none := heardsWords(w.do(s, "person1", "GET", person+"/access-log?who="+w.ids["pro2"], "", "").Body.String())
	if !strings.Contains(none, "Nothing in your log matches what you chose.") {
		t.Errorf("a filter that matches nothing says: %q", none)
	}
}

// The peer worker is shown as a peer worker where the person meets them:
// in her log, not as "professional".
func TestAccessLog_ShowsThePeerWorker(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	home := w.do(s, "person3", "GET", "/home", "", "").Body.String()
	m := regexp.MustCompile(`/persons/([a-z0-9]+)/plan`).FindStringSubmatch(home)
	if m == nil {
		t.Fatal("no plan link on person3's home")
	}
	if rec := w.do(s, "pro6", "GET", "/persons/"+m[1]+"/plan", "", ""); rec.Code != 200 {
		t.Fatalf("the peer worker reading person3's plan = %d", rec.Code)
	}
	log := heardsWords(w.do(s, "person3", "GET", "/persons/"+m[1]+"/access-log", "", "").Body.String())
	if !strings.Contains(log, "Even Mosvold (peer worker) looked at your plan") {
		t.Errorf("her log does not show the peer worker as one:\n%s", log)
	}
}

// Another person who tried to open her record is in her log, but not by
// name: that they use Heard is their health information. A refusal is not
// said to be "no relation to you", which would be untrue of her mother.
func TestAccessLog_NamesNoOtherPatient(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	person := "/persons/" + w.ids["person1"]
	if rec := w.do(s, "person4", "GET", person+"/plan", "", ""); rec.Code != 404 {
		t.Fatalf("another person opening her plan = %d", rec.Code)
	}
	if rec := w.do(s, "net1", "GET", person+"/decisions", "", ""); rec.Code != 403 {
		t.Fatalf("her mother opening her decisions = %d", rec.Code)
	}
	page := w.do(s, "person1", "GET", person+"/access-log", "", "").Body.String()
	text := heardsWords(page)
	if strings.Contains(page, "Daniel Okonkwo") || !strings.Contains(text, "Another person who uses Heard tried to see or change your plan") {
		t.Errorf("her log names the other person, or leaves out the attempt:\n%s", text)
	}
	if !strings.Contains(text, "Liv Lindqvam (network member) tried to see or change decisions about you: refused at ") ||
		strings.Contains(text, "no relation to you") {
		t.Errorf("her mother's refusal reads wrong:\n%s", text)
	}
	// The filter by who offers other persons as one choice, so that no
	// other patient's account reaches her; asking by such an account is
	// answered as asking for all of them.
	other := w.ids["person4.account"]
	if strings.Contains(page, other) || !strings.Contains(page, `<option value="others">Other persons who use Heard</option>`) {
		t.Errorf("the filter gives another patient's account, or lacks the one choice for other persons")
	}
	byOthers := heardsWords(w.do(s, "person1", "GET", person+"/access-log?who=others", "", "").Body.String())
	byAccount := heardsWords(w.do(s, "person1", "GET", person+"/access-log?who="+other, "", "").Body.String())
	if !strings.Contains(byOthers, "Another person who uses Heard tried to see or change your plan") || strings.Contains(byOthers, "Liv Lindqvam (") {
		t.Errorf("filtered to other persons:\n%s", byOthers)
	}
	if strings.Contains(byAccount, "Liv Lindqvam (") || !strings.Contains(byAccount, "Another person who uses Heard tried") {
		t.Errorf("filtered by another patient's account, the log answers differently from all of them:\n%s", byAccount)
	}
}

// A suggested goal's CHIME tag reads as words, not as its code.
func TestSuggestion_ShowsTheTagInWords(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	page := w.do(s, "person1", "GET", "/persons/"+w.ids["person1"]+"/plan", "", "").Body.String()
	if !strings.Contains(page, `plain-text">Meaning – what gives life meaning<`) || strings.Contains(page, `plain-text">meaning<`) {
		t.Errorf("the suggested goal's tag is not in words:\n%s", heardsWords(page))
	}
}

// The API's answer to a new note or agenda item says who wrote it, as
// reading it back does.
func TestAPI_NewNoteAndAgendaItemSayWhoWrote(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	css := w.cssName(t, s)
	for _, tt := range []struct{ route, actor, name string }{
		{"POST /api/v1/persons/{personId}/goals/{goalId}/notes", "person1", w.names["person1"]},
		{"POST /api/v1/persons/{personId}/goals/{goalId}/notes", "pro1", "Mari Fjelltun"},
		{"POST /api/v1/persons/{personId}/encounters/{encounterId}/agenda", "person1", w.names["person1"]},
	} {
		_, path, ct, body := w.request(t, tt.route, "p1", css)
		rec := w.do(s, tt.actor, "POST", path, ct, body)
		byPerson := tt.actor == "person1"
		if rec.Code != 201 || !strings.Contains(rec.Body.String(), `"authorName":"`+tt.name+`"`) ||
			!strings.Contains(rec.Body.String(), fmt.Sprintf(`"byPerson":%v`, byPerson)) {
			t.Errorf("%s as %s = %d %s; want %s as the author", tt.route, tt.actor, rec.Code, rec.Body.String(), tt.name)
		}
	}
}

// The API filters her log as the page does, from the same view: by topic
// (its values are the domain's topics, as the OpenAPI document lists them)
// and by reader, and refuses an unknown topic.
func TestAPI_AccessLogFilters(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	base := "/api/v1/persons/" + w.ids["person1"] + "/access-log"
	w.do(s, "pro1", "GET", "/api/v1/persons/"+w.ids["person1"]+"/plan", "", "")
	var out struct {
		Entries []struct{ Action, ActorName string }
	}
	rec := w.do(s, "person1", "GET", base+"?what=plan", "", "")
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || rec.Code != 200 || len(out.Entries) == 0 {
		t.Fatalf("what=plan = %d %v: %s", rec.Code, err, snippet(rec.Body.String()))
	}
	plan := heard.TopicActions("plan")
	for _, e := range out.Entries {
		if !slices.Contains(plan, heard.Action(e.Action)) {
			t.Errorf("what=plan answers an entry of %s", e.Action)
		}
	}
	if rec := w.do(s, "person1", "GET", base+"?what=elsewhere", "", ""); rec.Code != 422 && rec.Code != 400 {
		t.Errorf("an unknown topic = %d; want a refusal", rec.Code)
	}
	var doc map[string]any
	if err := json.Unmarshal(w.do(s, "", "GET", "/api/v1/openapi.json", "", "").Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	params := doc["paths"].(map[string]any)["/api/v1/persons/{personId}/access-log"].(map[string]any)["get"].(map[string]any)["parameters"].([]any)
	var enum []string
	for _, p := range params {
		if p := p.(map[string]any); p["name"] == "what" {
			for _, v := range p["schema"].(map[string]any)["enum"].([]any) {
				enum = append(enum, v.(string))
			}
		}
	}
	var topics []string
	for _, tp := range heard.AccessTopics {
		topics = append(topics, string(tp))
	}
	if !slices.Equal(enum, topics) {
		t.Errorf("the OpenAPI document lists topics %v; the domain has %v", enum, topics)
	}
}

// Her preference is hers, and a decision keeps every edit in sight: who
// wrote the preference down is named, she can put it in her own words,
// nobody else rewords it after that, and each change stays on the page as
// who changed what, when.
func TestDecisions_KeepAVisibleHistoryAndHerWords(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	form := "application/x-www-form-urlencoded"
	path := "/persons/" + w.ids["person1"] + "/decisions/" + w.ids["decision1"]
	var d struct {
		OnTable, Options, Preference, Outcome, DecidedBy, Followed, NotFollowedReason, ReviewDate, PreferenceByName string
		Version                                                                                                     int
		PreferenceHers                                                                                              bool
		History                                                                                                     []struct {
			Version int
			ByName  string
			Changed []string
		}
	}
	readAPI := func() {
		t.Helper()
		d.History = nil
		if err := json.Unmarshal(w.do(s, "pro1", "GET", "/api/v1"+path, "", "").Body.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
	}
	readAPI()
	if d.PreferenceByName != "Mari Fjelltun" || d.PreferenceHers {
		t.Fatalf("the demo's preference was written down by %q (hers: %v)", d.PreferenceByName, d.PreferenceHers)
	}
	if text := heardsWords(w.do(s, "person1", "GET", path, "", "").Body.String()); !strings.Contains(text, "Written down by Mari Fjelltun (professional)") ||
		!strings.Contains(text, "Write your preference in your own words") || strings.Contains(text, "History of this record") {
		t.Errorf("before any edit, her page says:\n%s", text)
	}
	edit := url.Values{"version": {strconv.Itoa(d.Version)}, "on_table": {d.OnTable}, "options": {d.Options}, "preference": {d.Preference}, "outcome": {d.Outcome + " for now"},
		"decided_by": {d.DecidedBy}, "followed": {d.Followed}, "not_followed_reason": {d.NotFollowedReason}, "review_date": {d.ReviewDate}}
	if rec := w.do(s, "pro1", "POST", path, form, edit.Encode()); rec.Code != 303 {
		t.Fatalf("pro1's edit = %d", rec.Code)
	}
	mine := "I want to try a lower dose first, and talk again in a month."
	if rec := w.do(s, "person1", "POST", path+"/preference", form, url.Values{"version": {strconv.Itoa(d.Version + 1)}, "preference": {mine}}.Encode()); rec.Code != 303 {
		t.Fatalf("her correction = %d", rec.Code)
	}
	herPage := w.do(s, "person1", "GET", path, "", "").Body.String()
	hers := heardsWords(herPage)
	for _, want := range []string{"In your own words", "Last written by you,", "History of this record", "recorded by Mari Fjelltun (professional)",
		"Mari Fjelltun (professional) changed: the outcome What changed", "you changed: the preference"} {
		if !strings.Contains(hers, want) {
			t.Errorf("her page lacks %q:\n%s", want, hers)
		}
	}
	for _, want := range []string{"Before: <span class=\"plain-text\">" + html.EscapeString(d.Preference), "After: <span class=\"plain-text\">" + html.EscapeString(mine)} {
		if !strings.Contains(herPage, want) {
			t.Errorf("her page's history lacks %q", want)
		}
	}
	page := w.do(s, "pro1", "GET", path+"?edit=1", "", "").Body.String()
	theirs := heardsWords(page)
	for _, want := range []string{"In Ada Lindqvam's own words", "Ada Lindqvam changed: the preference", "Ada Lindqvam wrote this in their own words"} {
		if !strings.Contains(theirs, want) {
			t.Errorf("pro1's page lacks %q:\n%s", want, theirs)
		}
	}
	if strings.Contains(page, `<textarea id="preference"`) || strings.Contains(page, "Write your preference in your own words") {
		t.Error("pro1 is offered to reword her preference")
	}
	readAPI()
	if !d.PreferenceHers || d.PreferenceByName != "Ada Lindqvam" || d.Preference != mine || len(d.History) != 3 ||
		!slices.Equal(d.History[1].Changed, []string{"outcome"}) || !slices.Equal(d.History[2].Changed, []string{"preference"}) || d.History[2].ByName != "Ada Lindqvam" {
		t.Errorf("after the edits the API says %+v", d)
	}
	edit.Set("version", strconv.Itoa(d.Version))
	edit.Set("preference", "A lower dose")
	if rec := w.do(s, "pro1", "POST", path, form, edit.Encode()); rec.Code != 422 || !strings.Contains(rec.Body.String(), "only they can change it") {
		t.Errorf("pro1 rewording her preference = %d; want the form again saying it is hers", rec.Code)
	}
	api := w.do(s, "pro1", "PUT", "/api/v1"+path, "application/json", fmt.Sprintf(`{"onTable":%q,"preference":"A lower dose","version":%d}`, d.OnTable, d.Version))
	if api.Code != 400 || !strings.Contains(api.Body.String(), `"preference"`) {
		t.Errorf("pro1 rewording her preference by API = %d %s", api.Code, api.Body)
	}
	readAPI()
	if d.Preference != mine || len(d.History) != 3 {
		t.Errorf("a refused rewording changed the decision: %+v", d)
	}
	var log struct {
		Entries []struct{ ActorName, Action, Outcome string }
	}
	json.Unmarshal(w.do(s, "person1", "GET", "/api/v1/persons/"+w.ids["person1"]+"/access-log", "", "").Body.Bytes(), &log)
	refusals := 0
	for _, e := range log.Entries {
		if e.ActorName == "Mari Fjelltun" && e.Action == "decision.update" && e.Outcome == "denied" {
			refusals++
		}
	}
	if refusals != 2 {
		t.Errorf("her log shows %d refused rewordings by Mari, want 2 (web and API)", refusals)
	}

	// A save that changes nothing makes no version and tells her nothing.
	edit.Set("preference", mine)
	edit.Set("outcome", " "+d.Outcome+"\u00a0")
	if rec := w.do(s, "pro1", "POST", path, form, edit.Encode()); rec.Code != 303 {
		t.Fatalf("an unchanged save = %d", rec.Code)
	}
	readAPI()
	if d.Version != 3 || len(d.History) != 3 {
		t.Errorf("an unchanged save made version %d (%d kept)", d.Version, len(d.History))
	}

	// Her own words are never nothing, and the answer to her correction
	// says they are hers.
	empty := w.do(s, "person1", "PUT", "/api/v1"+path+"/preference", "application/json", fmt.Sprintf(`{"text":"  ","version":%d}`, d.Version))
	if empty.Code != 400 || !strings.Contains(empty.Body.String(), `"text"`) {
		t.Errorf("an empty correction = %d %s", empty.Code, empty.Body)
	}
	var reply struct {
		PreferenceHers   bool
		PreferenceByName string
	}
	again := w.do(s, "person1", "PUT", "/api/v1"+path+"/preference", "application/json", fmt.Sprintf(`{"text":"A lower dose, from March.","version":%d}`, d.Version))
	json.Unmarshal(again.Body.Bytes(), &reply)
	if again.Code != 200 || !reply.PreferenceHers || reply.PreferenceByName != "Ada Lindqvam" {
		t.Errorf("her correction by API = %d %s", again.Code, again.Body)
	}
	if rec := w.do(s, "pro1", "POST", path+"/preference", form, url.Values{"version": {strconv.Itoa(d.Version)}, "preference": {"x"}}.Encode()); rec.Code != 403 {
		t.Errorf("pro1 through her correction form = %d", rec.Code)
	}
}

// Both homes say what is new since the reader's last visit, and the
// caseload marks whose record it is in: her comment reaches Mari, Mari's
// decision reaches her, in her words and in Norwegian.
func TestHomes_SayWhatIsNew(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	form := "application/x-www-form-urlencoded"
	person := "/persons/" + w.ids["person1"]
	if rec := w.do(s, "person1", "POST", person+"/decisions/"+w.ids["decision1"]+"/comment", form, url.Values{"comment_version": {"0"}, "comment": {"I still want to lower it"}}.Encode()); rec.Code != 303 {
		t.Fatalf("her comment = %d", rec.Code)
	}
	if rec := w.do(s, "pro1", "POST", person+"/decisions", form, url.Values{"on_table": {"Holiday cover"}}.Encode()); rec.Code != 303 {
		t.Fatalf("Mari's decision = %d", rec.Code)
	}
	mari := w.do(s, "pro1", "GET", "/home", "", "").Body.String()
	if text := heardsWords(mari); !strings.Contains(text, "New since you were last here Ada Lindqvam commented on a decision") ||
		!regexp.MustCompile(`Ada Lindqvam</a> <span class="tag tag-new">\d+ new</span>`).MatchString(mari) || strings.Contains(text, "Mari Fjelltun (professional) recorded") {
		t.Errorf("Mari's home does not say what is new:\n%s", text)
	}
	if !strings.Contains(mari, `href="`+person+`/decisions/`+w.ids["decision1"]+`"`) {
		t.Error("the news does not lead to the decision")
	}
	if strings.Contains(mari, "I still want to lower it") {
		t.Error("Mari's home shows the words of a record")
	}
	ada := heardsWords(w.do(s, "person1", "GET", "/home", "", "").Body.String())
	if !strings.Contains(ada, "New since you were last here Time to answer Everyday life check. Your care team proposed 1 person you might invite. How was the meeting on") ||
		!strings.Contains(ada, "Not this time Mari Fjelltun (professional) recorded a decision about you") ||
		strings.Contains(ada, "you commented") {
		t.Errorf("her home does not say what is new:\n%s", ada)
	}
	nb := heardsWords(w.doWith(s, "person1", "GET", "/home", "", "", &http.Cookie{Name: "heard_lang", Value: "nb"}).Body.String())
	if !strings.Contains(nb, "Nytt siden sist du var her Tid for å svare på Everyday life check. Behandlerteamet ditt foreslo 1 person du kan invitere. Hvordan var møtet") || !strings.Contains(nb, "Ikke denne gangen Mari Fjelltun (fagperson) registrerte en beslutning om deg") {
		t.Errorf("her home in Norwegian:\n%s", nb)
	}
}

// At low capacity, "who to contact" says how: a number to tap and when it
// is answered, which an admin sets per unit; a bad number is refused and
// keeps what was saved. Every page with the crisis text can call 113 and
// 116 117 with one tap.
func TestHome_WhoToContactSaysHow(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	home := html.UnescapeString(w.do(s, "person6", "GET", "/home", "", "").Body.String())
	if !regexp.MustCompile(`<a class="button" href="tel:\+4700000\d{3}">Call \+47 000 00 \d{3}</a>`).MatchString(home) ||
		!strings.Contains(home, `href="tel:113"`) || !strings.Contains(home, `href="tel:116117"`) {
		t.Fatalf("the low-capacity home does not say how to reach the team:\n%s", heardsWords(home))
	}
	form := "application/x-www-form-urlencoded"
	contact := "/admin/units/" + w.ids["unit"] + "/contact"
	bad := w.do(s, "admin", "POST", contact, form, url.Values{"phone": {"call the ward"}, "reach": {"Mornings"}}.Encode())
	if bad.Code != 422 || !strings.Contains(bad.Body.String(), "Enter a phone number") || !strings.Contains(bad.Body.String(), `value="call the ward"`) ||
		!strings.Contains(bad.Body.String(), `<a href="#phone">`) || !strings.Contains(bad.Body.String(), `id="phone"`) {
		t.Errorf("a bad number = %d; want the form again with the message and what was typed", bad.Code)
	}
	if rec := w.do(s, "admin", "POST", contact, form, url.Values{"phone": {"+47 000 00 999"}, "reach": {"Weekdays 09:00–15:00"}}.Encode()); rec.Code != 303 {
		t.Fatalf("saving contact details = %d", rec.Code)
	}
	plan := "/persons/" + w.ids["person1"]
	team := html.UnescapeString(w.do(s, "person1", "GET", plan, "", "").Body.String())
	home6 := html.UnescapeString(w.do(s, "person6", "GET", "/home", "", "").Body.String())
	if !strings.Contains(team+home6, `href="tel:+4700000999"`) || !strings.Contains(team+home6, "Weekdays 09:00–15:00") {
		t.Errorf("the new contact details reach neither her team nor the low-capacity home")
	}
}

// The menu marks where the reader is, for sight and for screen readers:
// "Meetings" on one of her meetings.
func TestMenu_MarksThePageShown(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	meetings := "/persons/" + w.ids["person1"] + "/encounters"
	page := w.do(s, "person1", "GET", meetings+"/"+w.ids["encounter1"], "", "").Body.String()
	if !strings.Contains(page, `<a href="`+meetings+`" aria-current="page">`) || strings.Count(page, `aria-current="page"`) != 1 {
		t.Errorf("the menu does not mark Meetings alone on a meeting's page")
	}
}

// Opening a page one may open leaves no refusal in her log: a page that
// asks for more than its reader may see (the invitee list of a meeting, on
// her own meeting page) would tell her someone tried something.
func TestPages_LeaveNoRefusalBehind(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	refusals := func() int {
		t.Helper()
		var log struct{ Entries []struct{ Outcome string } }
		n := 0
		for before := ""; ; {
			var page struct {
				Entries []struct{ Outcome string }
				Older   int64
			}
			json.Unmarshal(w.do(s, "person1", "GET", "/api/v1/persons/"+w.ids["person1"]+"/access-log?own=true"+before, "", "").Body.Bytes(), &page)
			log.Entries = append(log.Entries, page.Entries...)
			if page.Older == 0 {
				break
			}
			before = fmt.Sprintf("&before=%d", page.Older)
		}
		for _, e := range log.Entries {
			if e.Outcome == "denied" {
				n++
			}
		}
		return n
	}
	before := refusals()
	for _, actor := range []string{"person1", "pro1", "net1"} {
		crawl(t, w, s, actor, "en", w.ids["person1"])
		if after := refusals(); after != before {
			t.Errorf("%s's visits to pages they may open left %d refusals in her log", actor, after-before)
			before = after
		}
	}
}

// Norwegian names her as the object in her own form: "lagt til av deg".
func TestNorwegian_NamesHerAsObject(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	form := "application/x-www-form-urlencoded"
	meeting := "/persons/" + w.ids["person1"] + "/encounters/" + w.ids["encounter1"]
	if rec := w.do(s, "person1", "POST", meeting+"/agenda", form, url.Values{"text": {"Sommerferien"}}.Encode()); rec.Code != 303 {
		t.Fatalf("her agenda item = %d", rec.Code)
	}
	page := heardsWords(w.doWith(s, "person1", "GET", meeting, "", "", &http.Cookie{Name: "heard_lang", Value: "nb"}).Body.String())
	if !strings.Contains(page, "Lagt til av deg") || strings.Contains(page, "av du") {
		t.Errorf("her meeting in Norwegian:\n%s", page)
	}
}

// Her feedback, given by a tap per question on the web, reaches the
// professional in the meeting only when she shares it with them.
func TestFeedback_WebFormAndSharing(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	form := "application/x-www-form-urlencoded"
	meeting := "/persons/" + w.ids["person1"] + "/encounters/" + w.ids["pastEncounter1"]
	page := w.do(s, "person1", "GET", meeting, "", "").Body.String()
	if !strings.Contains(page, `id="fb-heard-1" name="heard" value="1"`) || !strings.Contains(page, `id="fb-hope-5" name="hope" value="5"`) {
		t.Fatalf("her past meeting offers no one-tap scales:\n%s", heardsWords(page))
	}
	if rec := w.do(s, "person1", "POST", meeting+"/feedback", form, url.Values{"version": {"0"}, "heard": {"2"}, "felt_wrong": {"It felt rushed"}}.Encode()); rec.Code != 303 {
		t.Fatalf("her feedback = %d", rec.Code)
	}
	if strings.Contains(w.do(s, "pro1", "GET", meeting, "", "").Body.String(), "It felt rushed") {
		t.Error("feedback she kept to herself reached Mari")
	}
	if rec := w.do(s, "person1", "POST", meeting+"/feedback", form, url.Values{"version": {"1"}, "heard": {"2"}, "felt_wrong": {"It felt rushed"}, "share": {"professionals"}}.Encode()); rec.Code != 303 {
		t.Fatalf("sharing it = %d", rec.Code)
	}
	rec := w.do(s, "pro1", "GET", meeting, "", "")
	mari := rec.Body.String()
	if !strings.Contains(mari, "It felt rushed") || !strings.Contains(heardsWords(mari), "Feedback Ada Lindqvam shared with you") {
		t.Errorf("shared feedback does not reach Mari (%d):\n%s", rec.Code, heardsWords(mari))
	}
	bad := w.do(s, "person1", "POST", meeting+"/feedback", form, url.Values{"version": {"2"}, "heard": {"7"}}.Encode())
	if bad.Code != 422 || !strings.Contains(bad.Body.String(), "Choose one of the five steps.") || !strings.Contains(bad.Body.String(), `<a href="#heard">`) {
		t.Errorf("an answer off the scale = %d", bad.Code)
	}
}

// A feedback link: made by her or a professional in her care, opened
// without a login, it shows only the meeting's day, works once, and its use
// is in her log; used, expired or unknown, it answers the same calm page.
// Its token is stored only as a hash.
func TestFeedbackLinks(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	meeting := "/persons/" + w.ids["person1"] + "/encounters/" + w.ids["pastEncounter1"]
	made := w.do(s, "pro1", "POST", meeting+"/feedback-links", "application/x-www-form-urlencoded", "")
	link := regexp.MustCompile(`value="http://[^/"]+(/f/[A-Za-z0-9_-]{43})"`).FindStringSubmatch(made.Body.String())
	if made.Code != 200 || link == nil || !strings.Contains(made.Body.String(), `data-confirm`) {
		t.Fatalf("making a link = %d, link %v", made.Code, link)
	}
	token := strings.TrimPrefix(link[1], "/f/")
	for _, cookie := range made.Result().Cookies() {
		if strings.Contains(cookie.Value, token) {
			t.Error("the token is in a cookie")
		}
	}
	page := w.do(s, "", "GET", link[1], "", "")
	text := heardsWords(page.Body.String())
	if page.Code != 200 || !strings.Contains(text, "How was the meeting on") || strings.Contains(page.Body.String(), w.names["person1"]) ||
		strings.Contains(page.Body.String(), "Mari") || strings.Contains(page.Body.String(), "Log out") {
		t.Fatalf("the link's page = %d:\n%s", page.Code, text)
	}
	gone := heardsWords(w.do(s, "", "GET", "/f/"+strings.Repeat("x", 43), "", "").Body.String())
	form := "application/x-www-form-urlencoded"
	bad := w.do(s, "", "POST", link[1], form, url.Values{"heard": {"9"}}.Encode())
	if bad.Code != 422 || !strings.Contains(bad.Body.String(), "Choose one of the five steps.") {
		t.Errorf("a bad answer through the link = %d", bad.Code)
	}
	used := w.do(s, "", "POST", link[1], form, url.Values{"heard": {"5"}, "helped": {"The walk outside"}}.Encode())
	if used.Code != 200 || !strings.Contains(used.Body.String(), `role="status"`) || !strings.Contains(heardsWords(used.Body.String()), "Thank you") {
		t.Errorf("giving feedback through the link = %d", used.Code)
	}
	again := w.do(s, "", "GET", link[1], "", "")
	if again.Code != 404 || heardsWords(again.Body.String()) != gone {
		t.Errorf("a used link answers %d, not as an unknown one does", again.Code)
	}
	if rec := w.do(s, "", "POST", link[1], form, url.Values{"heard": {"1"}}.Encode()); rec.Code != 404 {
		t.Errorf("a used link takes feedback again: %d", rec.Code)
	}
	var mine struct{ Mine *struct{ Helped string } }
	json.Unmarshal(w.do(s, "person1", "GET", "/api/v1"+meeting+"/feedback", "", "").Body.Bytes(), &mine)
	if mine.Mine == nil || mine.Mine.Helped != "The walk outside" {
		t.Errorf("the feedback given through the link is not hers: %+v", mine.Mine)
	}
	log := heardsWords(w.do(s, "person1", "GET", "/persons/"+w.ids["person1"]+"/access-log", "", "").Body.String())
	if !strings.Contains(log, "Someone with a feedback link gave feedback on a meeting") || !strings.Contains(log, "looked at your meetings") ||
		!strings.Contains(log, "made a link to give feedback on a meeting") {
		t.Errorf("her log does not show the link made, opened and used:\n%s", log)
	}
}

// What Ada gives the story pool reaches leaders and researchers with every
// name the demo knows, her number and her e-mail taken out, and nothing
// that leads back to her or the meeting; when she takes it back it is gone
// at once. Nobody else reads the pool.
func TestStoryPool_DeidentifiedAndWithdrawn(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	form := "application/x-www-form-urlencoded"
	meeting := "/persons/" + w.ids["person1"] + "/encounters/" + w.ids["pastEncounter1"]
	var text strings.Builder
	for _, name := range w.allNames {
		fmt.Fprintf(&text, "%s, %s's «%s» (%s). ", name, name, name, strings.ToUpper(name))
	}
	text.WriteString("Ring 987 65 432 eller skriv til ada@eksempel.no.")
	if len(w.allNames) < 10 {
		t.Fatalf("the demo knows only %d names", len(w.allNames))
	}
	save := func(version string, share ...string) {
		t.Helper()
		v := url.Values{"version": {version}, "heard": {"4"}, "helped": {text.String()}, "share": share}
		if rec := w.do(s, "person1", "POST", meeting+"/feedback", form, v.Encode()); rec.Code != 303 {
			t.Fatalf("her feedback = %d", rec.Code)
		}
	}
	save("0", "pool")
	stories := func(actor string) (int, string) {
		rec := w.do(s, actor, "GET", "/api/v1/stories?kind=helped", "", "")
		return rec.Code, rec.Body.String()
	}
	code, pool := stories("leader")
	var body struct{ Stories []map[string]string }
	if err := json.Unmarshal([]byte(pool), &body); code != 200 || err != nil || len(body.Stories) == 0 {
		t.Fatalf("the pool = %d %v:\n%s", code, err, pool)
	}
	var story map[string]string
	for _, st := range body.Stories {
		if strings.Contains(st["text"], "[email]") {
			story = st
		}
	}
	left := strings.NewReplacer("[name]", "", "[phone]", "", "[email]", "", "Ring", "", "eller", "", "skriv", "", "til", "").Replace(story["text"])
	if strings.ContainsFunc(strings.ReplaceAll(left, "'s", ""), unicode.IsLetter) || strings.ContainsFunc(left, unicode.IsDigit) {
		t.Errorf("the pooled story keeps something of a name or number: %q", left)
	}
	for key, value := range story {
		if !slices.Contains([]string{"id", "kind", "unitId", "unit", "month", "encounterKind", "text"}, key) || strings.Contains(value, w.ids["person1"]) ||
			strings.Contains(value, w.ids["pastEncounter1"]) || strings.Contains(value, w.ids["person1.account"]) {
			t.Errorf("the story carries %s = %q", key, value)
		}
	}
	if code, _ := stories("researcher"); code != 200 {
		t.Errorf("the researcher reads the pool: %d", code)
	}
	for _, actor := range []string{"person1", "pro1", "net1", "admin"} {
		if code, _ := stories(actor); code != 403 {
			t.Errorf("%s reads the pool: %d", actor, code)
		}
	}
	if rec := w.do(s, "leader", "GET", "/api/v1/stories?from=March", "", ""); rec.Code != 400 || !strings.Contains(rec.Body.String(), `"field":"from"`) {
		t.Errorf("a bad month = %d %s", rec.Code, rec.Body.String())
	}
	web := w.do(s, "researcher", "GET", "/stories?kind=helped", "", "").Body.String()
	if !strings.Contains(web, html.EscapeString(story["text"])) || strings.Contains(web, w.names["person1"]) {
		t.Errorf("the pool's web page does not show the story, or names her:\n%s", heardsWords(web))
	}
	if bad := w.do(s, "leader", "GET", "/stories?from=March", "", ""); bad.Code != 422 || !strings.Contains(bad.Body.String(), "Give the month as YYYY-MM") {
		t.Errorf("a bad month on the pool's page = %d", bad.Code)
	}
	page := w.do(s, "person1", "GET", meeting, "", "").Body.String()
	if !strings.Contains(page, `id="share-pool" name="share" value="pool" aria-describedby="share-pool-hint" checked`) {
		t.Errorf("her form does not show it went to the pool")
	}
	save("1")
	if _, after := stories("leader"); strings.Contains(after, story["id"]) {
		t.Errorf("the story she took back is still in the pool")
	}
}

// Her home asks how her last meeting was, with a link to the feedback on
// its page, until she says "not this time" (which confirms).
func TestHome_AsksForFeedbackUntilDismissed(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	meeting := "/persons/" + w.ids["person1"] + "/encounters/" + w.ids["pastEncounter1"]
	home := w.do(s, "person1", "GET", "/home", "", "").Body.String()
	if !strings.Contains(home, `href="`+meeting+`#feedback"`) || !strings.Contains(home, `action="`+meeting+`/feedback/dismiss"`) {
		t.Fatalf("her home does not ask about her last meeting:\n%s", heardsWords(home))
	}
	rec := w.do(s, "person1", "POST", meeting+"/feedback/dismiss", "application/x-www-form-urlencoded", "")
	if rec.Code != 303 || rec.Header().Get("Location") != "/home#news" {
		t.Fatalf("not this time = %d %s", rec.Code, rec.Header().Get("Location"))
	}
	after := w.doWith(s, "person1", "GET", "/home", "", "", rec.Result().Cookies()...).Body.String()
	if strings.Contains(after, meeting+"#feedback") || !strings.Contains(heardsWords(after), "we will not ask about that meeting again") {
		t.Errorf("after not this time, her home:\n%s", heardsWords(after))
	}
	if mari := w.do(s, "pro1", "GET", "/home", "", "").Body.String(); strings.Contains(mari, "/feedback/dismiss") {
		t.Error("Mari's home asks for feedback on Ada's meeting")
	}
}

// A check-in asks all five questions on one page, or one per screen at low
// capacity, carrying the answers so far; after it Heard says who sees the
// answers, that nobody watches them, and where to turn now.
func TestCheckIns_OneQuestionPerScreenAtLowCapacity(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	form := "application/x-www-form-urlencoded"
	base := "/persons/" + w.ids["person1"] + "/checkins"
	whole := w.do(s, "person1", "GET", base+"/new", "", "").Body.String()
	if strings.Count(whole, `<fieldset class="scale"`) != 5 || !strings.Contains(whole, `id="ci-hope-10" name="hope" value="10"`) || !strings.Contains(whole, `name="better"`) {
		t.Fatalf("the whole check-in:\n%s", heardsWords(whole))
	}
	if rec := w.do(s, "person1", "POST", "/persons/"+w.ids["person1"]+"/capacity", form, url.Values{"capacity": {"low"}, "next": {"/home"}}.Encode()); rec.Code != 303 {
		t.Fatalf("choosing low capacity = %d", rec.Code)
	}
	screen := w.do(s, "person1", "GET", base+"/new", "", "").Body.String()
	if strings.Count(screen, `<fieldset class="scale"`) != 1 || !strings.Contains(screen, `name="connectedness"`) || !strings.Contains(heardsWords(screen), "Question 1 of 6") {
		t.Fatalf("the first screen at low capacity:\n%s", heardsWords(screen))
	}
	post := func(v url.Values) *httptest.ResponseRecorder {
		t.Helper()
		return w.do(s, "person1", "POST", base, form, v.Encode())
	}
	second := post(url.Values{"step": {"0"}, "go": {"next"}, "connectedness": {"3"}}).Body.String()
	if !strings.Contains(second, `name="hope"`) || !strings.Contains(second, `<input type="hidden" name="connectedness" value="3">`) || !strings.Contains(second, `value="back"`) {
		t.Fatalf("the second screen:\n%s", second)
	}
	back := post(url.Values{"step": {"1"}, "go": {"back"}, "connectedness": {"3"}, "hope": {"6"}}).Body.String()
	if !strings.Contains(back, `id="ci-connectedness-3" name="connectedness" value="3" checked`) || !strings.Contains(back, `<input type="hidden" name="hope" value="6">`) {
		t.Fatalf("back to the first screen:\n%s", back)
	}
	last := post(url.Values{"step": {"4"}, "go": {"next"}, "connectedness": {"3"}, "hope": {"6"}}).Body.String()
	if !strings.Contains(last, `name="better"`) || !strings.Contains(heardsWords(last), "Save my check-in") {
		t.Fatalf("the last screen:\n%s", heardsWords(last))
	}
	saved := post(url.Values{"step": {"5"}, "connectedness": {"3"}, "hope": {"6"}, "better": {"Coffee with Liv"}})
	if saved.Code != 303 || saved.Header().Get("Location") != base+"/saved" {
		t.Fatalf("saving = %d %s", saved.Code, saved.Header().Get("Location"))
	}
	after := heardsWords(w.doWith(s, "person1", "GET", base+"/saved", "", "", saved.Result().Cookies()...).Body.String())
	for _, want := range []string{"Saved", "Your care team can see them", "Mari Fjelltun", "Nobody watches check-ins as they come in", "If you need help now", "Call 113"} {
		if !strings.Contains(after, want) {
			t.Errorf("after checking in, %q is missing:\n%s", want, after)
		}
	}
	mari := w.do(s, "pro1", "GET", base, "", "").Body.String()
	if !strings.Contains(mari, "Coffee with Liv") || !strings.Contains(heardsWords(mari), "Ada Lindqvam's check-ins") || strings.Contains(mari, base+"/new") {
		t.Errorf("Mari's view of Ada's check-ins:\n%s", heardsWords(mari))
	}
	bad := post(url.Values{"hope": {"12"}})
	if bad.Code != 422 || !strings.Contains(bad.Body.String(), "Choose a number from 0 to 10.") || !strings.Contains(bad.Body.String(), `<a href="#hope">`) {
		t.Errorf("a step off the scale = %d", bad.Code)
	}
}

// A check-in due by her schedule heads her home until she checks in.
func TestHome_ShowsADueCheckIn(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	form := "application/x-www-form-urlencoded"
	base := "/persons/" + w.ids["person6"] + "/checkins"
	link := `href="` + base + `/new"`
	if strings.Contains(w.do(s, "person6", "GET", "/home", "", "").Body.String(), link) {
		t.Fatal("a check-in is due before she chose how often")
	}
	rec := w.do(s, "person6", "POST", base+"/schedule", form, url.Values{"schedule": {"fortnightly"}}.Encode())
	if rec.Code != 303 {
		t.Fatalf("choosing every two weeks = %d", rec.Code)
	}
	if page := w.doWith(s, "person6", "GET", base, "", "", rec.Result().Cookies()...).Body.String(); !strings.Contains(page, `value="fortnightly" checked`) ||
		!strings.Contains(heardsWords(page), "Saved") {
		t.Errorf("her schedule page after saving:\n%s", heardsWords(page))
	}
	if home := w.do(s, "person6", "GET", "/home", "", "").Body.String(); !strings.Contains(home, link) || !strings.Contains(heardsWords(home), "Time for your check-in") {
		t.Errorf("her home does not show the due check-in:\n%s", heardsWords(home))
	}
	w.do(s, "person6", "POST", base, form, url.Values{"hope": {"5"}}.Encode())
	if strings.Contains(w.do(s, "person6", "GET", "/home", "", "").Body.String(), link) {
		t.Error("the check-in is still due after she checked in")
	}
}

// Her trajectory is drawn on the server: an SVG per measure with its
// one-sentence summary and its numbers as a table, no script, and the
// milestones listed; Mari sees the same charts of Ada's check-ins.
func TestTrajectory_ChartsWithTablesAndSummaries(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	form := "application/x-www-form-urlencoded"
	base := "/persons/" + w.ids["person1"]
	empty := heardsWords(w.do(s, "person6", "GET", "/persons/"+w.ids["person6"]+"/trajectories", "", "").Body.String())
	if !strings.Contains(empty, "Nothing to show yet") {
		t.Errorf("a trajectory with nothing in it:\n%s", empty)
	}
	for _, hope := range []string{"3", "8"} {
		if rec := w.do(s, "person1", "POST", base+"/checkins", form, url.Values{"hope": {hope}}.Encode()); rec.Code != 303 {
			t.Fatalf("checking in = %d", rec.Code)
		}
	}
	for _, actor := range []string{"person1", "pro1"} {
		page := w.do(s, actor, "GET", base+"/trajectories", "", "").Body.String()
		text := heardsWords(page)
		chart := regexp.MustCompile(`(?s)<figure class="chart" id="chart-checkin_hope".*?</figure>`).FindString(page)
		if chart == "" || !strings.Contains(chart, `<svg viewBox="0 0 320 150" role="img" aria-labelledby="chart-checkin_hope-h chart-checkin_hope-s"`) ||
			!strings.Contains(chart, `<polyline class="line"`) || strings.Count(chart, `<circle class="dot"`) < 2 || !strings.Contains(chart, "<table>") ||
			!strings.Contains(chart, "<td>8</td>") {
			t.Fatalf("%s: the hope chart:\n%s", actor, chart)
		}
		if strings.Contains(chart, "<script") || regexp.MustCompile(`\son[a-z]+=`).MatchString(chart) {
			t.Errorf("%s: the chart needs script", actor)
		}
		if !strings.Contains(page, `<figure class="chart" id="chart-instrument_`+w.ids["instrument"]+`"`) || !strings.Contains(text, "Everyday life check has risen") {
			t.Errorf("%s: no chart of the questionnaire's score:\n%s", actor, text)
		}
		if !regexp.MustCompile(`Hope has (risen|stayed about the same|fallen) over the last (week|\d+ weeks)`).MatchString(text) {
			t.Errorf("%s: no summary of hope:\n%s", actor, text)
		}
	}
	nb := heardsWords(w.doWith(s, "person1", "GET", base+"/trajectories", "", "", &http.Cookie{Name: "heard_lang", Value: "nb"}).Body.String())
	if !strings.Contains(nb, "Hvordan det har gått for deg") || !strings.Contains(nb, "Vis tallene") {
		t.Errorf("her trajectory in Norwegian:\n%s", nb)
	}
}

// An import with an unsupported item is refused whole on the web and in
// the API, each problem naming the item; a good one shows its licence.
func TestInstruments_ImportRefusedWholeNamingTheItem(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	bad := `{"resourceType":"Questionnaire","title":"Broken","status":"active","item":[{"linkId":"ok","text":"Fine?","type":"boolean"},` +
		`{"linkId":"born","text":"Born when?","type":"date"}]}`
	rec := w.do(s, "admin", "POST", "/admin/instruments", "application/x-www-form-urlencoded",
		url.Values{"resource": {bad}, "licence": {""}, "method": {"sum"}, "items": {"ok"}, "min": {"0"}, "max": {"4"}, "schedule": {"never"}}.Encode())
	text := heardsWords(rec.Body.String())
	if rec.Code != 422 || !strings.Contains(text, `Item “born” has the type “date”, which Heard does not support`) ||
		!strings.Contains(text, "Write down on what terms") || !strings.Contains(rec.Body.String(), "Born when?") {
		t.Errorf("a refused import = %d:\n%s", rec.Code, text)
	}
	api := w.do(s, "admin", "POST", "/api/v1/instruments", "application/json", `{"resource":`+bad+`,"licence":"Ours"}`)
	if api.Code != 400 || !strings.Contains(api.Body.String(), `"item":"born","message":"Item “born” has the type “date”`) {
		t.Errorf("a refused import in the API = %d %s", api.Code, api.Body.String())
	}
	list := w.do(s, "admin", "GET", "/admin/instruments", "", "").Body.String()
	if strings.Contains(list, "Broken") || !strings.Contains(heardsWords(list)+list, "Written for the Heard demo") {
		t.Errorf("the list after a refusal:\n%s", heardsWords(list))
	}
}

// Her questionnaire asks one question per screen at low capacity and skips
// a question its condition hides; the answers are saved and scored.
func TestQuestionnaire_OneQuestionPerScreenSkippingHidden(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	form := "application/x-www-form-urlencoded"
	person := "/persons/" + w.ids["person1"]
	path := person + "/questionnaires/" + w.ids["instrument"]
	whole := w.do(s, "person1", "GET", path, "", "").Body.String()
	if !strings.Contains(whole, `<h2 class="q-depth-0">Your days lately</h2>`) || !strings.Contains(whole, `name="q.hours"`) ||
		!strings.Contains(heardsWords(whole), "Answer this only if your earlier answer asks for it") {
		t.Fatalf("the whole questionnaire:\n%s", heardsWords(whole))
	}
	w.do(s, "person1", "POST", person+"/capacity", form, url.Values{"capacity": {"low"}, "next": {"/home"}}.Encode())
	first := w.do(s, "person1", "GET", path, "", "").Body.String()
	if strings.Count(first, "<fieldset") != 1 || !strings.Contains(first, `name="q.sleep"`) || !strings.Contains(heardsWords(first), "Question 1 of 6") {
		t.Fatalf("the first screen:\n%s", heardsWords(first))
	}
	answers := url.Values{"q.sleep": {"code:1"}, "q.routine": {"code:2"}, "q.worry": {"code:3"}, "q.company": {"code:4"}, "q.work": {"false"}}
	answers.Set("step", "4")
	answers.Set("go", "next")
	next := w.do(s, "person1", "POST", path, form, answers.Encode()).Body.String()
	if strings.Contains(next, `id="hours"`) || !strings.Contains(next, `name="q.note"`) {
		t.Errorf("after no work, the next screen should be the note, not the hours:\n%s", heardsWords(next))
	}
	answers.Del("go")
	answers.Set("step", "5")
	saved := w.do(s, "person1", "POST", path, form, answers.Encode())
	if saved.Code != 303 {
		t.Fatalf("saving = %d:\n%s", saved.Code, heardsWords(saved.Body.String()))
	}
	list := heardsWords(w.do(s, "pro1", "GET", person+"/questionnaires", "", "").Body.String())
	if !regexp.MustCompile(`score 8 \(from 0 to 16\) Show the answers [^0-9]* See how`).MatchString(list) { // the last: 1 + 2 + (4 − 3) + 4
		t.Errorf("Mari's view of Ada's questionnaires:\n%s", list)
	}
}

// At low capacity a save that fails stays one question per screen, on the
// question with the problem; a needed question is asked again before the
// next; her questionnaire answers, her words too, are there to read.
func TestLowCapacity_FailedSavesStayOneQuestionPerScreen(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	form := "application/x-www-form-urlencoded"
	person := "/persons/" + w.ids["person1"]
	w.do(s, "person1", "POST", person+"/capacity", form, url.Values{"capacity": {"low"}, "next": {"/home"}}.Encode())
	empty := w.do(s, "person1", "POST", person+"/checkins", form, url.Values{"step": {"5"}}.Encode())
	if body := empty.Body.String(); empty.Code != 422 || strings.Count(body, `<fieldset class="scale"`) != 1 || !strings.Contains(body, "Tap at least one number") {
		t.Errorf("an empty check-in at low capacity = %d:\n%s", empty.Code, heardsWords(body))
	}
	path := person + "/questionnaires/" + w.ids["instrument"]
	skipped := w.do(s, "person1", "POST", path, form, url.Values{"step": {"0"}, "go": {"next"}}.Encode())
	if body := heardsWords(skipped.Body.String()); skipped.Code != 422 || !strings.Contains(body, "How often have you slept well enough?: This question needs an answer.") ||
		!strings.Contains(body, "Your days lately") || !strings.Contains(body, "Think about the last two weeks.") {
		t.Errorf("skipping a needed question = %d:\n%s", skipped.Code, body)
	}
	note := "Please call me about the new dose"
	v := url.Values{"q.sleep": {"code:1"}, "q.routine": {"code:1"}, "q.worry": {"code:1"}, "q.company": {"code:1"}, "q.work": {"false"}, "q.note": {note}}
	if rec := w.do(s, "person1", "POST", path, form, v.Encode()); rec.Code != 303 {
		t.Fatalf("answering = %d", rec.Code)
	}
	if mari := w.do(s, "pro1", "GET", person+"/questionnaires", "", "").Body.String(); !strings.Contains(mari, note) || !strings.Contains(mari, "Anything you want your team to know?") {
		t.Errorf("Mari cannot read what Ada wrote to her team:\n%s", heardsWords(mari))
	}
}

// Her questionnaires page lists an instrument she has not answered yet
// (it failed once, for everyone, when one was unanswered).
func TestQuestionnaires_UnansweredInstrument(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	for _, actor := range []string{"person6", "pro6"} {
		rec := w.do(s, actor, "GET", "/persons/"+w.ids["person6"]+"/questionnaires", "", "")
		if text := heardsWords(rec.Body.String()); rec.Code != 200 || !strings.Contains(text, "Everyday life check") || !strings.Contains(text, "not answered it yet") &&
			!strings.Contains(text, "Not answered yet") {
			t.Errorf("%s: %d\n%s", actor, rec.Code, text)
		}
	}
}

// A professional's look at her check-in or questionnaire form is refused
// and in her log as a refused attempt.
func TestForms_RefusalsAreInHerLog(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	person := "/persons/" + w.ids["person1"]
	for _, path := range []string{person + "/checkins/new", person + "/checkins/saved", person + "/questionnaires/" + w.ids["instrument"]} {
		if rec := w.do(s, "pro1", "GET", path, "", ""); rec.Code != 403 {
			t.Errorf("Mari at %s = %d", path, rec.Code)
		}
	}
	log := w.do(s, "person1", "GET", "/api/v1/persons/"+w.ids["person1"]+"/access-log", "", "").Body.String()
	for _, action := range []string{`"action":"checkin.create","outcome":"denied"`, `"action":"questionnaire.create","outcome":"denied"`} {
		if !strings.Contains(log, action) {
			t.Errorf("her log lacks %s", action)
		}
	}
}

// She invites from her network page; the link, opened without a login,
// says who invites and what they would see, makes the account once and
// confirms; a used or withdrawn link is the same calm page.
func TestInvitations_JoinOnce(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	form := "application/x-www-form-urlencoded"
	network := "/persons/" + w.ids["person1"] + "/network"
	made := w.do(s, "person1", "POST", "/persons/"+w.ids["person1"]+"/invitations", form,
		url.Values{"name": {"Sol Berg"}, "email": {"sol@demo.test"}, "relationship": {"my friend"}, "scope": {"meetings", "crisis_plan"}}.Encode())
	link := regexp.MustCompile(`value="http://[^/"]+(/i/[A-Za-z0-9_-]{43})"`).FindStringSubmatch(made.Body.String())
	if made.Code != 200 || link == nil || !strings.Contains(made.Body.String(), `role="status"`) {
		t.Fatalf("making an invitation = %d:\n%s", made.Code, heardsWords(made.Body.String()))
	}
	bad := w.do(s, "person1", "POST", "/persons/"+w.ids["person1"]+"/invitations", form, url.Values{"name": {""}, "email": {"nope"}}.Encode())
	if bad.Code != 422 || !strings.Contains(bad.Body.String(), "Write the e-mail address alone") {
		t.Errorf("a bad invitation = %d", bad.Code)
	}
	page := heardsWords(w.do(s, "", "GET", link[1], "", "").Body.String())
	if !strings.Contains(page, "Ada Lindqvam invites you") || !strings.Contains(page, "“my friend”") || !strings.Contains(page, "Meetings") {
		t.Fatalf("the invitation's page:\n%s", page)
	}
	weak := w.do(s, "", "POST", link[1], form, url.Values{"name": {"Sol Berg"}, "password": {"short"}}.Encode())
	if weak.Code != 422 {
		t.Errorf("a weak password = %d", weak.Code)
	}
	joined := w.do(s, "", "POST", link[1], form, url.Values{"name": {"Sol Berg"}, "password": {"a long passphrase for sol"}}.Encode())
	if joined.Code != 200 || !strings.Contains(heardsWords(joined.Body.String()), "You are in Ada Lindqvam's network now") {
		t.Fatalf("joining = %d:\n%s", joined.Code, heardsWords(joined.Body.String()))
	}
	gone := heardsWords(w.do(s, "", "GET", "/i/"+strings.Repeat("x", 43), "", "").Body.String())
	if again := w.do(s, "", "GET", link[1], "", ""); again.Code != 404 || heardsWords(again.Body.String()) != gone {
		t.Errorf("a used invitation = %d, not like an unknown one", again.Code)
	}
	if net := heardsWords(w.do(s, "person1", "GET", network, "", "").Body.String()); !strings.Contains(net, "Sol Berg") {
		t.Errorf("her network after Sol joined:\n%s", net)
	}
	withdraw := w.do(s, "person1", "POST", "/persons/"+w.ids["person1"]+"/invitations/"+w.ids["invitation1"]+"/withdraw", form, "")
	if withdraw.Code != 303 {
		t.Errorf("withdrawing = %d", withdraw.Code)
	}
	if net := heardsWords(w.doWith(s, "person1", "GET", network, "", "", withdraw.Result().Cookies()...).Body.String()); strings.Contains(net, "Tor Lindqvam") ||
		!strings.Contains(net, "the invitation is withdrawn") {
		t.Errorf("her network after withdrawing:\n%s", net)
	}
}
