package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/heard-health/heard/internal/heard"
)

const instrumentColumns = `id, organisation_id, title, licence, resource, scoring, schedule, created_by, created_at`

func scanInstrument(s scanner) (heard.Instrument, error) {
	var in heard.Instrument
	var scoring string
	var created sql.NullTime
	if err := s.Scan(&in.ID, &in.OrganisationID, &in.Title, &in.Licence, &in.Resource, &scoring, &in.Schedule, &in.CreatedBy, &created); err != nil {
		return in, err
	}
	in.Created = timeOf(created)
	if err := json.Unmarshal([]byte(scoring), &in.Scoring); err != nil {
		return in, fmt.Errorf("instrument %s scoring: %w", in.ID, err)
	}
	return in, nil
}

func (t *tx) CreateInstrument(ctx context.Context, in heard.Instrument) error {
	scoring, err := json.Marshal(in.Scoring)
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `INSERT INTO instruments (`+instrumentColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		in.ID, in.OrganisationID, in.Title, in.Licence, in.Resource, string(scoring), in.Schedule, in.CreatedBy, ts(in.Created))
	return err
}

func (t *tx) ListInstruments(ctx context.Context, org heard.OrganisationID) ([]heard.Instrument, error) {
	return queryAll(ctx, t, scanInstrument, `SELECT `+instrumentColumns+` FROM instruments WHERE organisation_id = $1 ORDER BY created_at, id`, org)
}

func (t *tx) GetInstrument(ctx context.Context, org heard.OrganisationID, id heard.InstrumentID) (heard.Instrument, error) {
	return one(t, scanInstrument, t.queryRow(ctx, `SELECT `+instrumentColumns+` FROM instruments WHERE organisation_id = $1 AND id = $2`, org, id))
}

func (t *tx) CreateQuestionnaireResponse(ctx context.Context, r heard.QuestionnaireResponse) error {
	_, err := t.exec(ctx, `INSERT INTO questionnaire_responses (id, person_id, instrument_id, response, score, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		r.ID, r.PersonID, r.InstrumentID, r.Response, sql.NullFloat64{Float64: r.Score, Valid: r.HasScore}, ts(r.Created))
	return err
}

func (t *tx) ListQuestionnaireResponses(ctx context.Context, person heard.PersonID) ([]heard.QuestionnaireResponse, error) {
	return queryAll(ctx, t, func(s scanner) (heard.QuestionnaireResponse, error) {
		var r heard.QuestionnaireResponse
		var score sql.NullFloat64
		var created sql.NullTime
		err := s.Scan(&r.ID, &r.PersonID, &r.InstrumentID, &r.Response, &score, &created)
		r.Score, r.HasScore, r.Created = score.Float64, score.Valid, timeOf(created)
		return r, err
	}, `SELECT id, person_id, instrument_id, response, score, created_at FROM questionnaire_responses WHERE person_id = $1 ORDER BY created_at, id`, person)
}
