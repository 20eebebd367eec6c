package app

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/fhirq"
	"github.com/heard-health/heard/internal/heard"
)

var everydayScoring = heard.ScoringRule{Method: "sum", Items: []string{"sleep", "routine", "worry", "company"}, Reversed: []string{"worry"}, Max: 4}

// An admin imports an instrument with its licence; a bad resource is
// refused whole, naming the item. She answers it; the answers are stored as
// a QuestionnaireResponse, scored as the rule says, and read by her care
// team; the schedule makes it due.
func TestService_InstrumentImportAnswerAndScore(t *testing.T) {
	w := newWorld(t)
	resource, err := os.ReadFile("testdata/everyday.json")
	if err != nil {
		t.Fatal(err)
	}
	in := InstrumentInput{Resource: resource, Licence: "Ours, free to use", Scoring: everydayScoring, Schedule: heard.ScheduleMonthly}
	if _, err := w.app.ImportInstrument(ctx, w.pro, in); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("a professional importing: %v", err)
	}
	bad := in
	bad.Resource = []byte(strings.Replace(string(resource), `"type": "integer"`, `"type": "date"`, 1))
	bad.Licence = ""
	_, err = w.app.ImportInstrument(ctx, w.admin, bad)
	problems := heard.Problems(err)
	if len(problems) != 2 || problems[0].Field != "resource" || problems[0].Item != "hours" || problems[0].Detail != "date" || problems[1].Field != "licence" {
		t.Errorf("a date item and no licence: %+v", problems)
	}
	badScore := in
	badScore.Scoring.Items = append(badScore.Scoring.Items, "note")
	if p := heard.Problems(errOf(w.app.ImportInstrument(ctx, w.admin, badScore))); len(p) != 1 || p[0].Field != "scoring" || p[0].Item != "note" {
		t.Errorf("scoring a text item: %+v", p)
	}
	if got := must(w.app.Instruments(ctx, w.admin)); len(got) != 0 {
		t.Fatalf("refused imports left %d instruments", len(got))
	}
	inst := must(w.app.ImportInstrument(ctx, w.admin, in))
	if inst.Title != "Everyday life check" || inst.Licence != "Ours, free to use" {
		t.Errorf("imported = %+v", inst)
	}

	v := must(w.app.Questionnaires(ctx, w.person1, w.p1))
	if len(v.Instruments) != 1 || !v.Instruments[0].Due || !v.CanAnswer || v.Instruments[0].High != 16 {
		t.Fatalf("her questionnaires = %+v", v)
	}
	if due := must(w.app.PersonHome(ctx, w.person1)).QuestionnairesDue; len(due) != 1 || due[0].ID != inst.ID {
		t.Errorf("her home before she answered: due %+v", due)
	}
	answers := fhirq.Answers{"sleep": "code:3", "routine": "code:2", "worry": "code:4", "company": "code:1", "work": "true", "hours": "10"}
	r := must(w.app.AnswerQuestionnaire(ctx, w.person1, w.p1, inst.ID, answers))
	if !r.HasScore || r.Score != 6 {
		t.Errorf("score = %v, %v; want 6", r.Score, r.HasScore)
	}
	var qr fhirq.Response
	if err := json.Unmarshal([]byte(r.Response), &qr); err != nil || qr.ResourceType != "QuestionnaireResponse" || qr.Questionnaire != "Questionnaire/"+string(inst.ID) ||
		qr.Subject.Reference != "Patient/"+string(w.p1) || len(qr.Item) != 3 {
		t.Errorf("stored response = %s (%v)", r.Response, err)
	}
	if p := heard.Problems(errOf(w.app.AnswerQuestionnaire(ctx, w.person1, w.p1, inst.ID, fhirq.Answers{"sleep": "code:7"}))); len(p) < 2 || p[0].Field != "sleep" {
		t.Errorf("an answer that is no option, and required ones left out: %+v", p)
	}
	if _, err := w.app.AnswerQuestionnaire(ctx, w.pro, w.p1, inst.ID, answers); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("her professional answering for her: %v", err)
	}
	if _, err := w.app.AnswerQuestionnaire(ctx, w.person1, w.p1, heard.NewID[heard.InstrumentID](), answers); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("an unknown instrument: %v", err)
	}
	if due := must(w.app.PersonHome(ctx, w.person1)).QuestionnairesDue; len(due) != 0 {
		t.Errorf("her home after she answered: due %+v", due)
	}
	seen := must(w.app.Questionnaires(ctx, w.pro, w.p1))
	if len(seen.Instruments[0].Responses) != 1 || seen.CanAnswer || seen.Instruments[0].Due {
		t.Errorf("as her professional sees them: %+v", seen.Instruments[0])
	}
	if _, err := w.app.Questionnaires(ctx, w.net, w.p1); err == nil {
		t.Error("her sister reads her questionnaires")
	}
	w.clock.Advance(32 * 24 * time.Hour)
	if !must(w.app.Questionnaires(ctx, w.person1, w.p1)).Instruments[0].Due {
		t.Error("not due a month later")
	}
}
