package api

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/fhirq"
	"github.com/heard-health/heard/internal/heard"
)

type scoringJSON struct {
	Method   string   `json:"method"`
	Items    []string `json:"items"`
	Reversed []string `json:"reversed"`
	Min      float64  `json:"min"`
	Max      float64  `json:"max"`
}

type instrumentJSON struct {
	ID        string          `json:"id"`
	Title     string          `json:"title"`
	Licence   string          `json:"licence"`
	Scoring   scoringJSON     `json:"scoring"`
	Schedule  string          `json:"schedule"`
	CreatedAt *time.Time      `json:"createdAt,omitempty"`
	Resource  json.RawMessage `json:"resource,omitempty"`
}

func instrumentOf(in heard.Instrument, withResource bool) instrumentJSON {
	out := instrumentJSON{ID: string(in.ID), Title: in.Title, Licence: in.Licence, Schedule: string(in.Schedule), CreatedAt: timePtr(in.Created),
		Scoring: scoringJSON{Method: in.Scoring.Method, Items: nonNil(in.Scoring.Items), Reversed: nonNil(in.Scoring.Reversed), Min: in.Scoring.Min, Max: in.Scoring.Max}}
	if withResource {
		out.Resource = json.RawMessage(in.Resource)
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// instruments lists the organisation's instruments with their licence
// notes, for admins.
func (h *Handler) instruments(w http.ResponseWriter, r *http.Request) {
	list, err := h.app.Instruments(r.Context(), actor(r))
	out := []instrumentJSON{}
	for _, in := range list {
		out = append(out, instrumentOf(in, false))
	}
	h.reply(w, r, http.StatusOK, struct {
		Instruments []instrumentJSON `json:"instruments"`
	}{out}, err)
}

// importInstrument takes a Questionnaire resource with its licence note,
// scoring and schedule; a refusal names each item.
func (h *Handler) importInstrument(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Resource json.RawMessage `json:"resource"`
		Licence  string          `json:"licence"`
		Scoring  *scoringJSON    `json:"scoring"`
		Schedule string          `json:"schedule"`
	}
	if err := decodeResource(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	ii := app.InstrumentInput{Resource: in.Resource, Licence: in.Licence, Schedule: heard.CheckInSchedule(in.Schedule)}
	if in.Scoring != nil {
		ii.Scoring = heard.ScoringRule{Method: in.Scoring.Method, Items: in.Scoring.Items, Reversed: in.Scoring.Reversed, Min: in.Scoring.Min, Max: in.Scoring.Max}
	}
	inst, err := h.app.ImportInstrument(r.Context(), actor(r), ii)
	h.reply(w, r, http.StatusCreated, instrumentOf(inst, false), err)
}

type questionnaireJSON struct {
	Instrument instrumentJSON `json:"instrument"`
	Due        bool           `json:"due"`
	Low        float64        `json:"low"`
	High       float64        `json:"high"`
}

type responseJSON struct {
	InstrumentID string          `json:"instrumentId"`
	Score        *float64        `json:"score"`
	Response     json.RawMessage `json:"response"`
}

func responseOf(rs heard.QuestionnaireResponse) responseJSON {
	out := responseJSON{InstrumentID: string(rs.InstrumentID), Response: json.RawMessage(rs.Response)}
	if rs.HasScore {
		score := rs.Score
		out.Score = &score
	}
	return out
}

// questionnaires answers her instruments (each with its Questionnaire
// resource) and her answers as QuestionnaireResponse resources with their
// scores.
func (h *Handler) questionnaires(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.Questionnaires(r.Context(), actor(r), id)
	out := struct {
		CanAnswer      bool                `json:"canAnswer"`
		Questionnaires []questionnaireJSON `json:"questionnaires"`
		Responses      []responseJSON      `json:"responses"`
	}{CanAnswer: v.CanAnswer, Questionnaires: []questionnaireJSON{}, Responses: []responseJSON{}}
	for _, iv := range v.Instruments {
		out.Questionnaires = append(out.Questionnaires, questionnaireJSON{Instrument: instrumentOf(iv.Instrument, true), Due: iv.Due, Low: iv.Low, High: iv.High})
		for _, rs := range iv.Responses {
			out.Responses = append(out.Responses, responseOf(rs))
		}
	}
	h.reply(w, r, http.StatusOK, out, err)
}

// answerQuestionnaire takes a QuestionnaireResponse whose questionnaire
// is "Questionnaire/{instrumentId}", and answers the stored one with its
// score.
func (h *Handler) answerQuestionnaire(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in fhirq.Response
	if err := decodeResource(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	iid, ok := instrumentRef(in.Questionnaire)
	if in.ResourceType != "QuestionnaireResponse" || !ok {
		h.fail(w, r, heard.Invalid([]heard.Problem{{Field: "questionnaire", Key: "questionnaire.reference"}}))
		return
	}
	v, err := h.app.Questionnaires(r.Context(), actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	answers := fhirq.Answers{}
	found := false
	for _, iv := range v.Instruments {
		if iv.Instrument.ID == iid {
			answers, found = iv.Questionnaire.AnswersOf(in.Item), true
		}
	}
	if !found {
		h.fail(w, r, heard.ErrNotFound)
		return
	}
	rs, err := h.app.AnswerQuestionnaire(r.Context(), actor(r), id, iid, answers)
	h.reply(w, r, http.StatusCreated, responseOf(rs), err)
}

// instrumentRef reads "Questionnaire/{id}" (or the bare ID).
func instrumentRef(ref string) (heard.InstrumentID, bool) {
	if len(ref) > len("Questionnaire/") && ref[:len("Questionnaire/")] == "Questionnaire/" {
		ref = ref[len("Questionnaire/"):]
	}
	return heard.InstrumentID(ref), heard.ValidID(ref)
}
