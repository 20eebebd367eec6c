package app

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/fhirq"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// InstrumentInput is an admin's import: the Questionnaire resource as
// JSON, the licence note, the scoring rule and the schedule.
type InstrumentInput struct {
	Resource []byte
	Licence  string
	Scoring  heard.ScoringRule
	Schedule heard.CheckInSchedule
}

// maxResource bounds an imported resource.
const maxResource = 512 << 10

// ImportInstrument checks and stores an instrument, or refuses it whole
// with problems that name the item.
func (s *Service) ImportInstrument(ctx context.Context, actor heard.Actor, in InstrumentInput) (heard.Instrument, error) {
	if err := policy.DecideRole(actor, heard.ActionManageInstruments); err != nil {
		return heard.Instrument{}, err
	}
	var problems []heard.Problem
	var q fhirq.Questionnaire
	var err error
	if len(in.Resource) > maxResource {
		problems = append(problems, heard.Problem{Field: "resource", Key: "instrument.too_big"})
	} else if q, err = fhirq.Parse(in.Resource); err != nil {
		problems = append(problems, fhirProblems("resource", err)...)
	} else if sp := scoringOf(in.Scoring).Check(q); len(sp) > 0 {
		problems = append(problems, fhirProblems("scoring", &fhirq.Error{Problems: sp})...)
	}
	licence := strings.TrimSpace(in.Licence)
	if licence == "" {
		problems = append(problems, heard.Problem{Field: "licence", Key: "instrument.licence.missing"})
	} else if len([]rune(licence)) > heard.MaxTextLength {
		problems = append(problems, heard.Problem{Field: "licence", Key: "field.too_long"})
	}
	if in.Schedule == "" {
		in.Schedule = heard.ScheduleNever
	}
	if !slices.Contains(heard.CheckInSchedules, in.Schedule) {
		problems = append(problems, heard.Problem{Field: "schedule", Key: "checkin.schedule.invalid"})
	}
	if err := heard.Invalid(problems); err != nil {
		return heard.Instrument{}, err
	}
	title := q.Title
	if title == "" {
		title = q.Name
	}
	inst := heard.Instrument{ID: heard.NewID[heard.InstrumentID](), OrganisationID: actor.OrganisationID, Title: title, Licence: licence,
		Resource: string(in.Resource), Scoring: in.Scoring, Schedule: in.Schedule, CreatedBy: actor.AccountID, Created: s.now()}
	err = s.store.Write(ctx, func(tx store.Tx) error { return tx.CreateInstrument(ctx, inst) })
	return result(inst, err)
}

// fhirProblems turns the importer's problems into field problems that
// name the item; every message key that shows a detail gets one.
func fhirProblems(field string, err error) []heard.Problem {
	var e *fhirq.Error
	if !asFHIR(err, &e) {
		return []heard.Problem{{Field: field, Key: "instrument.json", Detail: "–"}}
	}
	out := make([]heard.Problem, 0, len(e.Problems))
	for _, p := range e.Problems {
		hp := heard.Problem{Field: field, Key: p.Key, Item: p.Item, Detail: p.Detail}
		if withDetail[p.Key] && hp.Detail == "" {
			hp.Detail = "–"
		}
		if !withDetail[p.Key] {
			hp.Detail = ""
		}
		out = append(out, hp)
	}
	return out
}

func asFHIR(err error, target **fhirq.Error) bool {
	return errors.As(err, target) && len((*target).Problems) > 0
}

// withDetail lists the importer's messages that show what was found.
var withDetail = map[string]bool{
	"instrument.json": true, "instrument.not_questionnaire": true, "instrument.too_many": true, "instrument.too_deep": true,
	"instrument.item.type": true, "instrument.item.options_not_choice": true, "instrument.item.nested": true,
	"instrument.item.when_unknown": true, "instrument.item.when_operator": true, "instrument.item.when_answer": true,
	"instrument.item.behavior": true, "instrument.item.option_duplicate": true, "scoring.method": true, "scoring.item_not_number": true,
	"instrument.title_long": true, "instrument.item.when_many": true,
}

func scoringOf(r heard.ScoringRule) fhirq.Scoring {
	return fhirq.Scoring{Method: r.Method, Items: r.Items, Reversed: r.Reversed, Min: r.Min, Max: r.Max}
}

// Instruments lists the organisation's instruments, for its admins.
func (s *Service) Instruments(ctx context.Context, actor heard.Actor) ([]heard.Instrument, error) {
	if err := policy.DecideRole(actor, heard.ActionManageInstruments); err != nil {
		return nil, err
	}
	var out []heard.Instrument
	err := s.store.Read(ctx, func(tx store.Tx) error {
		var err error
		out, err = tx.ListInstruments(ctx, actor.OrganisationID)
		return err
	})
	return result(out, err)
}

// InstrumentView is one instrument as a person answers it, with her
// answers so far.
type InstrumentView struct {
	Instrument    heard.Instrument
	Questionnaire fhirq.Questionnaire
	Responses     []heard.QuestionnaireResponse
	Due           bool
	Low, High     float64 // the score's range
}

// QuestionnairesView is every instrument of her service, with her answers.
type QuestionnairesView struct {
	Person      PersonView
	Instruments []InstrumentView
	CanAnswer   bool
}

// Questionnaires returns the instruments and her answers to them, to her
// and her care team; the read is in her log.
func (s *Service) Questionnaires(ctx context.Context, actor heard.Actor, id heard.PersonID) (QuestionnairesView, error) {
	var v QuestionnairesView
	err := s.personRead(ctx, actor, id, heard.ActionReadQuestionnaires, "", func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error {
		pv, err := s.personView(ctx, tx, actor, p, g, rel)
		if err != nil {
			return err
		}
		v.Person, v.CanAnswer = pv, can(actor, heard.ActionAnswerQuestionnaire, p, rel, s.now())
		v.Instruments, err = instrumentViews(ctx, tx, p, s.now())
		return err
	})
	return result(v, err)
}

func instrumentViews(ctx context.Context, tx store.Tx, p heard.Person, now time.Time) ([]InstrumentView, error) {
	insts, err := tx.ListInstruments(ctx, p.OrganisationID)
	if err != nil {
		return nil, err
	}
	rs, err := tx.ListQuestionnaireResponses(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	var out []InstrumentView
	for _, in := range insts {
		q, err := fhirq.Parse([]byte(in.Resource))
		if err != nil {
			return nil, err // checked at import: a stored one that fails is a fault
		}
		iv := InstrumentView{Instrument: in, Questionnaire: q}
		iv.Low, iv.High = scoringOf(in.Scoring).Range()
		for _, r := range rs {
			if r.InstrumentID == in.ID {
				iv.Responses = append(iv.Responses, r)
			}
		}
		var last time.Time
		if n := len(iv.Responses); n > 0 {
			last = iv.Responses[n-1].Created
		}
		iv.Due = in.Schedule.Due(last, now)
		out = append(out, iv)
	}
	return out, nil
}

// AnswerQuestionnaire checks and stores her answers as a
// QuestionnaireResponse with its score. Problems name the item (Field is
// its linkId).
func (s *Service) AnswerQuestionnaire(ctx context.Context, actor heard.Actor, id heard.PersonID, iid heard.InstrumentID, answers fhirq.Answers) (heard.QuestionnaireResponse, error) {
	r := heard.QuestionnaireResponse{ID: heard.NewID[heard.QuestionnaireResponseID](), InstrumentID: iid}
	err := s.personTx(ctx, actor, id, heard.ActionAnswerQuestionnaire, string(iid), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		in, err := tx.GetInstrument(ctx, p.OrganisationID, iid)
		if err != nil {
			return err
		}
		q, err := fhirq.Parse([]byte(in.Resource))
		if err != nil {
			return err
		}
		kept, problems := q.Check(answers)
		var hp []heard.Problem
		for _, pr := range problems {
			hp = append(hp, heard.Problem{Field: cmp.Or(pr.Item, "questionnaire"), Key: pr.Key})
		}
		if len(kept) == 0 && len(hp) == 0 {
			hp = append(hp, heard.Problem{Field: "questionnaire", Key: "questionnaire.empty"})
		}
		if err := heard.Invalid(hp); err != nil {
			return err
		}
		r.PersonID, r.Created = p.ID, s.now()
		r.Score, r.HasScore = scoringOf(in.Scoring).Score(q, kept)
		raw, err := json.Marshal(q.Response(string(r.ID), "Questionnaire/"+string(in.ID), "Patient/"+string(p.ID), r.Created, kept))
		if err != nil {
			return err
		}
		r.Response = string(raw)
		return tx.CreateQuestionnaireResponse(ctx, r)
	})
	return result(r, err)
}
