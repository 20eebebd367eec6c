package server

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Two editors of person1's crisis plan on the web: the second save, from
// the same version, is refused with a page showing the other version
// beside the second editor's own text, which the form keeps; saving the
// merge from there works. Nothing is lost.
func TestStaleSave_Web(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	path := "/persons/" + w.ids["person1"] + "/plan/crisis"
	form := "application/x-www-form-urlencoded"
	first := w.do(s, "person1", "POST", path, form, url.Values{"version": {"1"}, "early_signs": {"Phone on silent for days"}}.Encode())
	if first.Code != 303 {
		t.Fatalf("first save = %d", first.Code)
	}
	second := w.do(s, "person1", "POST", path, form, url.Values{"version": {"1"}, "early_signs": {"I stop eating"}}.Encode())
	body := second.Body.String()
	if second.Code != 409 || !strings.Contains(body, "Phone on silent for days") || !strings.Contains(body, "I stop eating") ||
		!strings.Contains(body, `name="version" value="2"`) {
		t.Fatalf("stale save = %d; want 409 showing both versions and the form ready to save on version 2:\n%s", second.Code, snippet(body))
	}
	merged := w.do(s, "person1", "POST", path, form, url.Values{"version": {"2"}, "early_signs": {"Phone on silent for days; I stop eating"}}.Encode())
	if merged.Code != 303 {
		t.Fatalf("merged save = %d", merged.Code)
	}
	history := w.do(s, "person1", "GET", path+"/history", "", "").Body.String()
	for _, want := range []string{"Phone on silent for days; I stop eating", "Phone on silent for days", "I stop sleeping"} {
		if !strings.Contains(history, want) {
			t.Errorf("history lacks %q", want)
		}
	}
}

// The same on the API, with two professionals updating one decision at
// once: exactly one succeeds, the other gets 409 "stale" with the current
// record.
func TestStaleSave_API(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	path := "/api/v1/persons/" + w.ids["person1"] + "/decisions/" + w.ids["decision1"]
	outcomes := []string{"Keep the dose until March", "Lower the dose a little now"}
	codes := make([]int, 2)
	bodies := make([]string, 2)
	var wg sync.WaitGroup
	for i, o := range outcomes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := w.do(s, "pro1", "PUT", path, "application/json", mustJSON(map[string]any{"onTable": "Medication dose", "outcome": o,
				"decidedBy": "together", "followed": "yes", "version": 1}))
			codes[i], bodies[i] = rec.Code, rec.Body.String()
		}()
	}
	wg.Wait()
	loser := 0
	if codes[0] == 200 {
		loser = 1
	}
	if codes[1-loser] != 200 || codes[loser] != 409 {
		t.Fatalf("codes = %v; want one 200 and one 409", codes)
	}
	var refused struct {
		Error struct {
			Code    string
			Current struct {
				Outcome string
				Version int
			}
		}
	}
	if err := json.Unmarshal([]byte(bodies[loser]), &refused); err != nil || refused.Error.Code != "stale" ||
		refused.Error.Current.Outcome != outcomes[1-loser] || refused.Error.Current.Version != 2 {
		t.Fatalf("refusal = %s; want code stale with the winner's outcome at version 2", bodies[loser])
	}
	var got struct{ Outcome string }
	json.Unmarshal(w.do(s, "person1", "GET", path, "", "").Body.Bytes(), &got)
	if got.Outcome != outcomes[1-loser] {
		t.Errorf("stored outcome = %q", got.Outcome)
	}
}

// "Not followed" without a reason is refused with a field error that
// names the field, on the web and the API, and nothing is saved.
func TestDecision_NotFollowedNeedsReason(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	web := w.do(s, "pro1", "POST", "/persons/"+w.ids["person1"]+"/decisions", "application/x-www-form-urlencoded",
		url.Values{"on_table": {"Leave at weekends"}, "preference": {"Home on Saturdays"}, "outcome": {"No leave yet"}, "decided_by": {"professional"}, "followed": {"no"}}.Encode())
	if web.Code != 422 || !strings.Contains(web.Body.String(), "Give the reason the preference was not") || !strings.Contains(web.Body.String(), "Home on Saturdays") {
		t.Errorf("web = %d; want the form again with the reason asked for and what was typed kept", web.Code)
	}
	if body := web.Body.String(); !strings.Contains(body, `data-errors`) || !strings.Contains(body, `<a href="#not_followed_reason">`) || !strings.Contains(body, `id="not_followed_reason"`) {
		t.Error("the form's list of problems does not lead to the field")
	}
	api := w.do(s, "pro1", "POST", "/api/v1/persons/"+w.ids["person1"]+"/decisions", "application/json",
		`{"onTable":"Leave at weekends","outcome":"No leave yet","decidedBy":"professional","followed":"partly"}`)
	var body struct {
		Error struct {
			Code   string
			Fields []struct{ Field, Code string }
		}
	}
	json.Unmarshal(api.Body.Bytes(), &body)
	if api.Code != 400 || body.Error.Code != "invalid" || len(body.Error.Fields) != 1 || body.Error.Fields[0].Field != "notFollowedReason" {
		t.Errorf("api = %d %s; want 400 naming notFollowedReason", api.Code, api.Body)
	}
	list := w.do(s, "person1", "GET", "/persons/"+w.ids["person1"]+"/decisions", "", "").Body.String()
	if strings.Contains(list, "Leave at weekends") {
		t.Error("a refused decision was saved")
	}
}

// A suggestion changes nothing until the person accepts it (web).
func TestSuggestion_ChangesNothingUntilAccepted(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	planPath := "/persons/" + w.ids["person1"] + "/plan"
	form := "application/x-www-form-urlencoded"
	if rec := w.do(s, "pro1", "POST", planPath+"/about/suggestions", form, url.Values{"hopes": {"A part-time job at the shelter"}}.Encode()); rec.Code != 303 {
		t.Fatalf("suggest = %d", rec.Code)
	}
	var plan struct {
		Parts []struct {
			Part        string
			Fields      map[string]string
			Suggestions []struct{ ID, AuthorName string }
		}
	}
	json.Unmarshal(w.do(s, "person1", "GET", "/api/v1"+planPath, "", "").Body.Bytes(), &plan)
	var sid string
	for _, p := range plan.Parts {
		if p.Part == "about" {
			if strings.Contains(p.Fields["hopes"], "shelter") || len(p.Suggestions) != 1 || p.Suggestions[0].AuthorName != "Mari Fjelltun" {
				t.Fatalf("about part after a suggestion = %+v; want the person's words unchanged and the suggestion beside them", p)
			}
			sid = p.Suggestions[0].ID
		}
	}
	page := w.do(s, "person1", "GET", planPath, "", "").Body.String()
	if !strings.Contains(page, "A part-time job at the shelter") || !strings.Contains(page, "Edit into my own words") {
		t.Error("the plan page does not show the suggestion with its choices")
	}
	if rec := w.do(s, "person1", "POST", "/persons/"+w.ids["person1"]+"/suggestions/"+sid, form, url.Values{"answer": {"accept"}}.Encode()); rec.Code != 303 {
		t.Fatalf("accept = %d", rec.Code)
	}
	history := w.do(s, "person1", "GET", planPath+"/about/history", "", "").Body.String()
	if !strings.Contains(history, "Suggested by Mari Fjelltun, accepted by Ada Lindqvam.") || !strings.Contains(history, "A part-time job at the shelter") {
		t.Errorf("history after accepting does not show who wrote what:\n%s", snippet(history[strings.Index(history, "<main"):]))
	}
}

// The person's own words beside a record (reflection, comment, view) are
// versioned too: a second save from the same version is refused with the
// text saved meanwhile shown above the person's own, which the form keeps,
// ready to save on the new version.
func TestStaleSave_OwnWords(t *testing.T) {
	w := demoWorld.load(t)
	s := w.newServer(t, nil)
	form := "application/x-www-form-urlencoded"
	for _, tt := range []struct{ page, name string }{
		{"/encounters/" + w.ids["pastEncounter1"], "reflection"},
		{"/decisions/" + w.ids["decision1"], "comment"},
		{"/restrictions/" + w.ids["restriction1"], "view"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page := "/persons/" + w.ids["person1"] + tt.page
			field := regexp.MustCompile(`name="` + tt.name + `_version" value="(\d+)"`)
			m := field.FindStringSubmatch(w.do(s, "person1", "GET", page, "", "").Body.String())
			if m == nil {
				t.Fatalf("%s has no %s form", page, tt.name)
			}
			base, _ := strconv.Atoi(m[1])
			save := func(text string) *httptest.ResponseRecorder {
				return w.do(s, "person1", "POST", page+"/"+tt.name, form, url.Values{tt.name: {text}, tt.name + "_version": {strconv.Itoa(base)}}.Encode())
			}
			if first := save("Written on my phone"); first.Code != 303 {
				t.Fatalf("first save = %d", first.Code)
			}
			second := save("Written on the ward computer")
			body := second.Body.String()
			theirs, mine := strings.Index(body, "Written on my phone"), strings.Index(body, "Written on the ward computer")
			if second.Code != 409 || theirs < 0 || mine < theirs || !strings.Contains(body, `name="`+tt.name+`_version" value="`+strconv.Itoa(base+1)+`"`) {
				t.Errorf("stale save = %d; want 409 with the saved text, then the person's own in the form, on version %d:\n%s", second.Code, base+1, snippet(body))
			}
		})
	}
}
