package fhirq

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

func everyday(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/everyday.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParse_Everyday(t *testing.T) {
	q, err := Parse(everyday(t))
	if err != nil {
		t.Fatal(err)
	}
	if q.Title != "Everyday life check" || len(q.Questions()) != 7 || len(q.Flat()) != 9 || q.Copyright == "" {
		t.Errorf("parsed = %q, %d questions, %d items", q.Title, len(q.Questions()), len(q.Flat()))
	}
}

// Each refused resource names what is wrong and where, and nothing of it
// comes back.
func TestParse_RefusesWholeNamingTheItem(t *testing.T) {
	base := func(items string) string {
		return `{"resourceType":"Questionnaire","title":"T","status":"active","item":[` + items + `]}`
	}
	cases := []struct {
		name, resource, key, item, detail string
	}{
		{"not JSON", `{"resourceType":`, "instrument.json", "", ""},
		{"trailing data", base(`{"linkId":"a","text":"A","type":"string"}`) + "{}", "instrument.json", "", ""},
		{"wrong type of field", `{"resourceType":"Questionnaire","item":"x"}`, "instrument.json", "", ""},
		{"another resource", `{"resourceType":"Patient"}`, "instrument.not_questionnaire", "", "Patient"},
		{"no items", base(``), "instrument.no_items", "", ""},
		{"an unsupported type", base(`{"linkId":"a","text":"A","type":"string"},{"linkId":"born","text":"Born?","type":"date"}`), "instrument.item.type", "born", "date"},
		{"attachment", base(`{"linkId":"up","text":"Upload","type":"attachment"}`), "instrument.item.type", "up", "attachment"},
		{"no linkId", base(`{"linkId":"g","type":"group","item":[{"text":"A","type":"string"}]}`), "instrument.item.no_link_id", "g.item[0]", ""},
		{"a duplicate linkId", base(`{"linkId":"a","text":"A","type":"string"},{"linkId":"a","text":"B","type":"string"}`), "instrument.item.duplicate", "a", ""},
		{"a choice without options", base(`{"linkId":"c","text":"C","type":"choice"}`), "instrument.item.no_options", "c", ""},
		{"options from a value set", base(`{"linkId":"c","text":"C","type":"choice","answerValueSet":"http://x","answerOption":[{"valueString":"a"}]}`), "instrument.item.value_set", "c", ""},
		{"an option with two values", base(`{"linkId":"c","text":"C","type":"choice","answerOption":[{"valueString":"a","valueInteger":1}]}`), "instrument.item.option", "c", ""},
		{"options on a string", base(`{"linkId":"s","text":"S","type":"string","answerOption":[{"valueString":"a"}]}`), "instrument.item.options_not_choice", "s", "string"},
		{"an empty group", base(`{"linkId":"g","type":"group"}`), "instrument.item.empty_group", "g", ""},
		{"items under a question", base(`{"linkId":"q","text":"Q","type":"string","item":[{"linkId":"r","text":"R","type":"string"}]}`), "instrument.item.nested", "q", "string"},
		{"repeats", base(`{"linkId":"r","text":"R","type":"string","repeats":true}`), "instrument.item.repeats", "r", ""},
		{"a condition on a later item", base(`{"linkId":"a","text":"A","type":"string","enableWhen":[{"question":"b","operator":"exists","answerBoolean":true}]},{"linkId":"b","text":"B","type":"string"}`), "instrument.item.when_unknown", "a", "b"},
		{"an unknown operator", base(`{"linkId":"b","text":"B","type":"boolean"},{"linkId":"a","text":"A","type":"string","enableWhen":[{"question":"b","operator":"~","answerBoolean":true}]}`), "instrument.item.when_operator", "a", "~"},
		{"an answer of the wrong type", base(`{"linkId":"b","text":"B","type":"boolean"},{"linkId":"a","text":"A","type":"string","enableWhen":[{"question":"b","operator":"=","answerString":"yes"}]}`), "instrument.item.when_answer", "a", "b"},
		{"a choice condition on no option", base(`{"linkId":"c","text":"C","type":"choice","answerOption":[{"valueString":"x"}]},{"linkId":"a","text":"A","type":"string","enableWhen":[{"question":"c","operator":"=","answerString":"y"}]}`), "instrument.item.when_answer", "a", "c"},
		{"a bad behaviour", base(`{"linkId":"b","text":"B","type":"boolean"},{"linkId":"a","text":"A","type":"string","enableBehavior":"some","enableWhen":[{"question":"b","operator":"exists","answerBoolean":true}]}`), "instrument.item.behavior", "a", "some"},
		{"a modifier extension", `{"resourceType":"Questionnaire","title":"T","modifierExtension":[{"url":"x"}],"item":[{"linkId":"a","text":"A","type":"string"}]}`, "instrument.modifier", "", ""},
		{"a modifier on an item", base(`{"linkId":"a","text":"A","type":"string","modifierExtension":[{"url":"x"}]}`), "instrument.item.modifier", "a", ""},
		{"a very long title", `{"resourceType":"Questionnaire","title":"` + strings.Repeat("T", 201) + `","item":[{"linkId":"a","text":"A","type":"string"}]}`, "instrument.title_long", "", "200"},
		{"too many conditions", base(`{"linkId":"b","text":"B","type":"boolean"},{"linkId":"a","text":"A","type":"string","enableBehavior":"any","enableWhen":[` +
			strings.Repeat(`{"question":"b","operator":"exists","answerBoolean":true},`, 10) + `{"question":"b","operator":"exists","answerBoolean":true}]}`), "instrument.item.when_many", "a", "10"},
		{"a question without text", base(`{"linkId":"a","type":"string"}`), "instrument.item.no_text", "a", ""},
		{"too deep", base(`{"linkId":"1","type":"group","item":[{"linkId":"2","type":"group","item":[{"linkId":"3","type":"group","item":[{"linkId":"4","type":"group","item":[{"linkId":"5","type":"group","item":[{"linkId":"6","type":"group","item":[{"linkId":"7","text":"x","type":"string"}]}]}]}]}]}]}`), "instrument.too_deep", "6", "5"},
	}
	for _, c := range cases {
		q, err := Parse([]byte(c.resource))
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: accepted (%v)", c.name, err)
			continue
		}
		if q.Item != nil || q.Title != "" {
			t.Errorf("%s: half a questionnaire came back: %+v", c.name, q)
		}
		found := false
		for _, p := range e.Problems {
			found = found || p.Key == c.key && p.Item == c.item && (c.detail == "" || p.Detail == c.detail)
		}
		if !found {
			t.Errorf("%s: problems %+v; want %s at %q (%s)", c.name, e.Problems, c.key, c.item, c.detail)
		}
	}
}

func TestAnswers_ConditionsChecksAndResponse(t *testing.T) {
	q, err := Parse(everyday(t))
	if err != nil {
		t.Fatal(err)
	}
	hours, _ := q.find("hours")
	if q.Enabled(hours, Answers{"work": "false"}) || !q.Enabled(hours, Answers{"work": "true"}) || q.Enabled(hours, Answers{}) {
		t.Error("the hours question does not follow the work answer")
	}
	a := Answers{"sleep": "code:3", "routine": "code:2", "worry": "code:4", "company": "code:1", "work": "false", "hours": "12", "note": " Tired "}
	kept, problems := q.Check(a)
	if len(problems) != 0 || kept["hours"] != "" || kept["note"] != "Tired" {
		t.Errorf("checked = %v, %v; want the hours dropped (not asked) and the note trimmed", kept, problems)
	}
	_, problems = q.Check(Answers{"sleep": "code:9", "work": "maybe", "extra": "x"})
	keys := map[string]string{}
	for _, p := range problems {
		keys[p.Item] = p.Key
	}
	if keys["sleep"] != "questionnaire.choice" || keys["work"] != "questionnaire.boolean" || keys["routine"] != "questionnaire.required" ||
		keys["extra"] != "questionnaire.unknown_item" {
		t.Errorf("problems = %+v", problems)
	}
	many := Answers{}
	for i := range MaxItems + 1 {
		many[fmt.Sprint("x", i)] = "1"
	}
	if _, p := q.Check(many); len(p) != 1 || p[0].Key != "questionnaire.too_many" {
		t.Errorf("more answers than questions: %+v", p)
	}
	if _, p := q.Check(Answers{"sleep": "code:1", "routine": "code:1", "worry": "code:1", "company": "code:1", "work": "true", "hours": "a few"}); len(p) != 1 || p[0].Item != "hours" {
		t.Errorf("hours in words: %+v", p)
	}

	r := q.Response("r1", "urn:heard:demo:everyday-life-check", "Patient/p1", time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC), kept)
	raw, _ := json.Marshal(r)
	s := string(raw)
	for _, want := range []string{`"resourceType":"QuestionnaireResponse"`, `"status":"completed"`, `"authored":"2026-03-03T10:00:00Z"`,
		`{"linkId":"days","text":"Your days lately","item":[{"linkId":"sleep"`, `"valueCoding":{"system":"urn:heard:demo:frequency","code":"3","display":"Often"}`,
		`{"linkId":"work","text":"Have you done any work, study or volunteering lately?","answer":[{"valueBoolean":false}]}`, `"valueString":"Tired"`} {
		if !strings.Contains(s, want) {
			t.Errorf("response lacks %s:\n%s", want, s)
		}
	}
	if strings.Contains(s, `"hours"`) || strings.Contains(s, `"intro"`) {
		t.Errorf("response carries an item not asked or a display:\n%s", s)
	}
	back := q.AnswersOf(r.Item)
	if len(back) != len(kept) || back["sleep"] != "code:3" || back["work"] != "false" {
		t.Errorf("answers read back = %v, want %v", back, kept)
	}
}

func TestScoring(t *testing.T) {
	q, err := Parse(everyday(t))
	if err != nil {
		t.Fatal(err)
	}
	s := Scoring{Method: "sum", Items: []string{"sleep", "routine", "worry", "company"}, Reversed: []string{"worry"}, Min: 0, Max: 4}
	if p := s.Check(q); len(p) != 0 {
		t.Fatalf("a good rule: %+v", p)
	}
	a := Answers{"sleep": "code:3", "routine": "code:2", "worry": "code:4", "company": "code:1"}
	if got, ok := s.Score(q, a); !ok || got != 6 {
		t.Errorf("sum with worry reversed = %v, %v; want 3+2+0+1 = 6", got, ok)
	}
	s.Method = "mean"
	if got, ok := s.Score(q, a); !ok || got != 1.5 {
		t.Errorf("mean = %v, %v", got, ok)
	}
	if _, ok := s.Score(q, Answers{"sleep": "code:3"}); ok {
		t.Error("a score with items unanswered")
	}
	narrow := Scoring{Method: "sum", Items: []string{"sleep"}, Min: 0, Max: 2}
	if _, ok := narrow.Score(q, a); ok {
		t.Error("a score from an answer outside the valid range")
	}
	for name, bad := range map[string]Scoring{
		"an unknown method":    {Method: "median", Items: []string{"sleep"}, Max: 4},
		"no items":             {Method: "sum", Max: 4},
		"an empty range":       {Method: "sum", Items: []string{"sleep"}, Min: 4, Max: 4},
		"an unknown item":      {Method: "sum", Items: []string{"mood"}, Max: 4},
		"a text item":          {Method: "sum", Items: []string{"note"}, Max: 4},
		"reversed not scored":  {Method: "sum", Items: []string{"sleep"}, Reversed: []string{"worry"}, Max: 4},
		"items without method": {Items: []string{"sleep"}},
	} {
		if len(bad.Check(q)) == 0 {
			t.Errorf("%s passes", name)
		}
	}
}

// FuzzParse: the importer never panics, and whatever it accepts it
// accepts again after writing it out, with the same items; checking
// answers against it never panics either.
func FuzzParse(f *testing.F) {
	f.Add(everyday(f))
	f.Add([]byte(`{"resourceType":"Questionnaire","title":"T","item":[{"linkId":"a","text":"A","type":"boolean"},{"linkId":"b","text":"B","type":"integer","enableWhen":[{"question":"a","operator":"=","answerBoolean":true}]}]}`))
	f.Add([]byte(`{"resourceType":"Questionnaire","item":[{"linkId":"a","type":"date"}]}`))
	f.Add([]byte(`not json`))
	f.Fuzz(func(t *testing.T, data []byte) {
		q, err := Parse(data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || len(e.Problems) == 0 {
				t.Fatalf("refusal without problems: %v", err)
			}
			return
		}
		out, err := json.Marshal(q)
		if err != nil {
			t.Fatal(err)
		}
		again, err := Parse(out)
		if err != nil || len(again.Flat()) != len(q.Flat()) {
			t.Fatalf("accepted %s, then refused its own output %s: %v", data, out, err)
		}
		a := Answers{}
		for _, it := range q.Questions() {
			a[it.LinkID] = "1"
		}
		kept, _ := q.Check(a)
		q.Response("r", "q", "", time.Time{}, kept)
	})
}
