package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/fhirq"
	"github.com/heard-health/heard/internal/heard"
)

// instrumentsView is the admin's list of instruments with their licence
// notes, and the import form.
type instrumentsView struct {
	page
	Instruments []heard.Instrument
	Form        instrumentForm
	// Refused lists every problem of a refused import, each naming the
	// item, in the order found.
	Refused []string
}

type instrumentForm struct {
	Resource, Licence, Method, Items, Reversed, Min, Max string
	Schedule                                             heard.CheckInSchedule
}

// Schedules lists the choices of how often.
func (instrumentsView) Schedules() []heard.CheckInSchedule { return heard.CheckInSchedules }

func (h *Handler) instrumentsPage(r *http.Request) (instrumentsView, error) {
	list, err := h.app.Instruments(r.Context(), actor(r))
	v := instrumentsView{page: h.page(r, "admin.instruments.title"), Instruments: list,
		Form: instrumentForm{Min: "0", Max: "4", Schedule: heard.ScheduleNever}}
	return v, err
}

func (h *Handler) showInstruments(w http.ResponseWriter, r *http.Request) {
	v, err := h.instrumentsPage(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin_instruments", v)
}

func (h *Handler) importInstrument(w http.ResponseWriter, r *http.Request) {
	v, err := h.instrumentsPage(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f := instrumentForm{Resource: r.PostFormValue("resource"), Licence: r.PostFormValue("licence"), Method: r.PostFormValue("method"),
		Items: r.PostFormValue("items"), Reversed: r.PostFormValue("reversed"), Min: r.PostFormValue("min"), Max: r.PostFormValue("max"),
		Schedule: heard.CheckInSchedule(r.PostFormValue("schedule"))}
	in := app.InstrumentInput{Resource: []byte(f.Resource), Licence: f.Licence, Schedule: f.Schedule,
		Scoring: heard.ScoringRule{Method: f.Method, Items: linkIDs(f.Items), Reversed: linkIDs(f.Reversed)}}
	var bad []heard.Problem
	for _, n := range []struct {
		field string
		raw   string
		to    *float64
	}{{"min", f.Min, &in.Scoring.Min}, {"max", f.Max, &in.Scoring.Max}} {
		x, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(n.raw), ",", "."), 64)
		if err != nil && in.Scoring.Method != "" {
			bad = append(bad, heard.Problem{Field: n.field, Key: "questionnaire.decimal"})
		}
		*n.to = x
	}
	if len(bad) == 0 {
		if _, err = h.app.ImportInstrument(r.Context(), actor(r), in); err == nil {
			redirect(w, r, "/admin/instruments#instruments", "notice.instrument_imported")
			return
		}
		if heard.ErrorCode(err) != heard.CodeInvalid {
			h.fail(w, r, err)
			return
		}
		bad = heard.Problems(err)
	}
	v.Form, v.Problems = f, problems(v.L, heard.Invalid(bad))
	for _, p := range bad {
		v.Refused = append(v.Refused, v.L.T(p.Key, p.Args()...))
	}
	h.render(w, r, http.StatusUnprocessableEntity, "admin_instruments", v)
}

// linkIDs reads a list of linkIds separated by commas or spaces.
func linkIDs(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' || r == '\r' })
}

// questionnairesView lists her instruments, or shows one as a form: the
// whole of it, or one question per screen at low capacity.
type questionnairesView struct {
	page
	PersonID heard.PersonID
	View     app.QuestionnairesView
	// The form: the instrument, the answers so far, and the screen shown
	// (-1 for all on one screen).
	Current *app.InstrumentView
	Answers fhirq.Answers
	Step    int
}

func (h *Handler) questionnairesPage(r *http.Request) (questionnairesView, error) {
	id, err := personID(r)
	if err != nil {
		return questionnairesView{}, err
	}
	qv, err := h.app.Questionnaires(r.Context(), actor(r), id)
	if err != nil {
		return questionnairesView{}, err
	}
	v := questionnairesView{page: h.page(r, "questionnaires.title"), PersonID: id, View: qv, Answers: fhirq.Answers{}, Step: -1}
	v.Subject = qv.Person.Person
	return v, nil
}

func (h *Handler) showQuestionnaires(w http.ResponseWriter, r *http.Request) {
	v, err := h.questionnairesPage(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "questionnaires", v)
}

// questionnaireForm finds the instrument the path names among hers.
func (h *Handler) questionnaireForm(r *http.Request) (questionnairesView, error) {
	v, err := h.questionnairesPage(r)
	if err != nil {
		return v, err
	}
	if !v.View.CanAnswer {
		return v, h.refuse(r, v.PersonID, heard.ActionAnswerQuestionnaire)
	}
	for i, iv := range v.View.Instruments {
		if string(iv.Instrument.ID) == r.PathValue("instrumentID") {
			v.Current = &v.View.Instruments[i]
			v.Title = iv.Instrument.Title
			return v, nil
		}
	}
	return v, heard.ErrNotFound
}

func (h *Handler) showQuestionnaire(w http.ResponseWriter, r *http.Request) {
	v, err := h.questionnaireForm(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if v.Simple() {
		v.Step = 0
	}
	h.render(w, r, http.StatusOK, "questionnaire", v)
}

// answerQuestionnaire saves her answers, or at low capacity moves between
// the screens, skipping the questions a condition hides.
func (h *Handler) answerQuestionnaire(w http.ResponseWriter, r *http.Request) {
	v, err := h.questionnaireForm(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// Answers come as q.{linkId}, apart from the form's own fields (an
	// item may be called csrf_token or step).
	for _, it := range v.Current.Questionnaire.Questions() {
		if s := strings.TrimSpace(r.PostFormValue("q." + it.LinkID)); s != "" {
			v.Answers[it.LinkID] = s
		}
	}
	questions := v.Shown()
	step, err := strconv.Atoi(r.PostFormValue("step"))
	if err == nil {
		v.Step = min(max(step, 0), max(len(questions)-1, 0))
	}
	if err == nil && r.PostFormValue("go") != "" {
		// A needed question is answered before the next one is asked.
		if cur := questions[v.Step]; r.PostFormValue("go") == "next" && cur.Required && v.Answers[cur.LinkID] == "" {
			v.Problems = v.named(map[string]string{cur.LinkID: v.T("questionnaire.required")})
			h.render(w, r, http.StatusUnprocessableEntity, "questionnaire", v)
			return
		}
		switch r.PostFormValue("go") {
		case "back":
			v.Step = max(v.Step-1, 0)
		default:
			v.Step = min(v.Step+1, len(questions)-1)
		}
		h.render(w, r, http.StatusOK, "questionnaire", v)
		return
	}
	if _, err := h.app.AnswerQuestionnaire(r.Context(), actor(r), v.PersonID, v.Current.Instrument.ID, v.Answers); err != nil {
		if heard.ErrorCode(err) != heard.CodeInvalid {
			h.fail(w, r, err)
			return
		}
		v.Problems = v.named(problems(v.L, err))
		if v.Step >= 0 {
			v.Step = v.firstProblem()
		}
		h.render(w, r, http.StatusUnprocessableEntity, "questionnaire", v)
		return
	}
	redirect(w, r, personPath(v.PersonID, "/questionnaires"), "notice.saved")
}

// named puts each question's words before its problem, so that the list
// of problems at the top says which question each is about.
func (v questionnairesView) named(problems map[string]string) map[string]string {
	for _, f := range v.Current.Questionnaire.Flat() {
		if msg, ok := problems[f.Item.LinkID]; ok && f.Item.Text != "" {
			problems[f.Item.LinkID] = v.T("questionnaire.problem", "Question", f.Item.Text, "Problem", msg)
		}
	}
	return problems
}

// firstProblem is the screen of the first question with a problem.
func (v questionnairesView) firstProblem() int {
	for i, it := range v.Shown() {
		if _, ok := v.Problems[it.LinkID]; ok {
			return i
		}
	}
	return 0
}

// Around is what frames the question on a one-question screen: the
// headings of its groups and the texts beside it.
func (v questionnairesView) Around() []fhirq.Item {
	if v.Step < 0 {
		return nil
	}
	items := v.Items()
	if len(items) == 0 {
		return nil
	}
	groups, displays := v.Current.Questionnaire.Around(items[0].Item.LinkID)
	return append(groups, displays...)
}

// Shown lists the questions a condition does not hide, given the answers
// so far, in reading order.
func (v questionnairesView) Shown() []fhirq.Item {
	var out []fhirq.Item
	if v.Current == nil {
		return nil
	}
	q := v.Current.Questionnaire
	for _, it := range q.Questions() {
		if q.Enabled(it, v.Answers) {
			out = append(out, it)
		}
	}
	return out
}

// Items lists every item in reading order with its depth; at low capacity
// only the question on the screen shown (and none of the groups).
func (v questionnairesView) Items() []fhirq.Flat {
	if v.Step < 0 {
		return v.Current.Questionnaire.Flat()
	}
	shown := v.Shown()
	if len(shown) == 0 {
		return nil
	}
	return []fhirq.Flat{{Item: shown[min(v.Step, len(shown)-1)]}}
}

// OnScreen reports whether an answer's field is on the screen shown.
func (v questionnairesView) OnScreen(linkID string) bool {
	for _, f := range v.Items() {
		if f.Item.LinkID == linkID {
			return true
		}
	}
	return false
}

// Last reports whether the screen shown is the one that saves.
func (v questionnairesView) Last() bool { return v.Step < 0 || v.Step >= len(v.Shown())-1 }

// Answer is the answer given to an item, or "".
func (v questionnairesView) Answer(linkID string) string { return v.Answers[linkID] }

// Condition describes when an item is asked, for the whole form: it is
// shown with a note rather than hidden, so the form works without
// JavaScript.
func (v questionnairesView) Condition(it fhirq.Item) string {
	if len(it.EnableWhen) == 0 || v.Step >= 0 {
		return ""
	}
	return v.T("questionnaire.condition")
}

// answerLine is one question of a stored response and its answer.
type answerLine struct{ Question, Answer string }

// AnswersOf lists a stored response's questions and answers, in order, so
// that her words (a note to her team) are read, not only her score.
func (v questionnairesView) AnswersOf(r heard.QuestionnaireResponse) []answerLine {
	var resp fhirq.Response
	if err := json.Unmarshal([]byte(r.Response), &resp); err != nil {
		return nil
	}
	var out []answerLine
	var walk func([]fhirq.ResponseItem)
	walk = func(items []fhirq.ResponseItem) {
		for _, it := range items {
			if len(it.Answer) > 0 {
				out = append(out, answerLine{Question: it.Text, Answer: it.Answer[0].AnswerText(v.T("questionnaire.yes"), v.T("questionnaire.no"))})
			}
			walk(it.Item)
		}
	}
	walk(resp.Item)
	return out
}

// Num writes a number in the page's language.
func (v questionnairesView) Num(f float64) string { return decimal(v.L, f) }

// ScoreText is a response's score in the page's language, or "".
func (v questionnairesView) ScoreText(r heard.QuestionnaireResponse) string {
	if !r.HasScore {
		return v.T("questionnaire.no_score")
	}
	return decimal(v.L, r.Score)
}

// Buttons are the questionnaire form's buttons.
func (v questionnairesView) Buttons(saveKey string) stepButtons {
	return stepButtons{page: v.page, Last: v.Last(), Step: v.Step, SaveKey: saveKey}
}
