package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

const partColumns = `person_id, part, fields, private, version, updated_by, updated_at`

func scanPart(s scanner) (heard.PlanPart, error) {
	var p heard.PlanPart
	var fields string
	var updated sql.NullTime
	if err := s.Scan(&p.PersonID, &p.Key, &fields, &p.Private, &p.Version, &p.UpdatedBy, &updated); err != nil {
		return p, err
	}
	p.Updated = timeOf(updated)
	return p, fromJSON(fields, &p.Fields)
}

func (t *tx) ListPlanParts(ctx context.Context, person heard.PersonID) ([]heard.PlanPart, error) {
	return queryAll(ctx, t, scanPart, `SELECT `+partColumns+` FROM plan_parts WHERE person_id = $1`, person)
}

func (t *tx) GetPlanPart(ctx context.Context, person heard.PersonID, key heard.PlanPartKey) (heard.PlanPart, error) {
	p, err := one(t, scanPart, t.queryRow(ctx, `SELECT `+partColumns+` FROM plan_parts WHERE person_id = $1 AND part = $2`, person, key))
	if heard.ErrorCode(err) == heard.CodeNotFound {
		return heard.PlanPart{PersonID: person, Key: key, Fields: map[string]string{}}, nil
	}
	return p, err
}

func (t *tx) SavePlanPart(ctx context.Context, p heard.PlanPart, expected int, v heard.Revision) error {
	if expected == 0 {
		// A first save inserts; if someone else inserted first, the row is
		// there and nothing happens: the save is stale.
		if err := t.execOne(ctx, store.ErrStale, `INSERT INTO plan_parts (`+partColumns+`) VALUES ($1, $2, $3, $4, 1, $5, $6)
			ON CONFLICT (person_id, part) DO NOTHING`,
			p.PersonID, p.Key, jsonText(p.Fields), p.Private, p.UpdatedBy, ts(p.Updated)); err != nil {
			return err
		}
	} else if err := t.execOne(ctx, store.ErrStale, `UPDATE plan_parts SET fields = $3, private = $4, version = version + 1, updated_by = $5, updated_at = $6
		WHERE person_id = $1 AND part = $2 AND version = $7`,
		p.PersonID, p.Key, jsonText(p.Fields), p.Private, p.UpdatedBy, ts(p.Updated), expected); err != nil {
		return err
	}
	_, err := t.exec(ctx, `INSERT INTO plan_part_versions (person_id, part, version, fields, private, author_id, saved_by, suggestion_id, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		p.PersonID, p.Key, expected+1, jsonText(v.Fields), v.Private, v.Author, v.SavedBy, v.SuggestionID, ts(v.At))
	return err
}

func (t *tx) ListPlanVersions(ctx context.Context, person heard.PersonID, key heard.PlanPartKey) ([]heard.Revision, error) {
	return queryAll(ctx, t, func(s scanner) (heard.Revision, error) {
		var v heard.Revision
		var fields string
		var at sql.NullTime
		if err := s.Scan(&v.Version, &fields, &v.Private, &v.Author, &v.SavedBy, &v.SuggestionID, &at); err != nil {
			return v, err
		}
		v.At = timeOf(at)
		return v, fromJSON(fields, &v.Fields)
	}, `SELECT version, fields, private, author_id, saved_by, suggestion_id, at
		FROM plan_part_versions WHERE person_id = $1 AND part = $2 ORDER BY version DESC`, person, key)
}

const goalColumns = `id, person_id, wording, chime, steps, who_helps, status, private, version, created_at, updated_by, updated_at`

func scanGoal(s scanner) (heard.Goal, error) {
	var g heard.Goal
	var created, updated sql.NullTime
	err := s.Scan(&g.ID, &g.PersonID, &g.Wording, &g.Chime, &g.Steps, &g.WhoHelps, &g.Status, &g.Private, &g.Version, &created, &g.UpdatedBy, &updated)
	g.Created, g.Updated = timeOf(created), timeOf(updated)
	return g, err
}

func (t *tx) ListGoals(ctx context.Context, person heard.PersonID) ([]heard.Goal, error) {
	return queryAll(ctx, t, scanGoal, `SELECT `+goalColumns+` FROM goals WHERE person_id = $1 ORDER BY created_at, id`, person)
}

func (t *tx) GetGoal(ctx context.Context, person heard.PersonID, id heard.GoalID) (heard.Goal, error) {
	return one(t, scanGoal, t.queryRow(ctx, `SELECT `+goalColumns+` FROM goals WHERE person_id = $1 AND id = $2`, person, id))
}

func (t *tx) CreateGoal(ctx context.Context, g heard.Goal, v heard.Revision) error {
	if _, err := t.exec(ctx, `INSERT INTO goals (`+goalColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $11)`,
		g.ID, g.PersonID, g.Wording, g.Chime, g.Steps, g.WhoHelps, g.Status, g.Private, ts(g.Created), g.UpdatedBy, ts(g.Updated)); err != nil {
		return err
	}
	return t.addGoalVersion(ctx, g.ID, 1, v)
}

func (t *tx) UpdateGoal(ctx context.Context, g heard.Goal, expected int, v heard.Revision) error {
	if err := t.execOne(ctx, store.ErrStale, `UPDATE goals SET wording = $2, chime = $3, steps = $4, who_helps = $5, status = $6, private = $7,
		version = version + 1, updated_by = $8, updated_at = $9 WHERE id = $1 AND version = $10`,
		g.ID, g.Wording, g.Chime, g.Steps, g.WhoHelps, g.Status, g.Private, g.UpdatedBy, ts(g.Updated), expected); err != nil {
		return err
	}
	return t.addGoalVersion(ctx, g.ID, expected+1, v)
}

func (t *tx) addGoalVersion(ctx context.Context, id heard.GoalID, version int, v heard.Revision) error {
	_, err := t.exec(ctx, `INSERT INTO goal_versions (goal_id, version, fields, private, author_id, saved_by, suggestion_id, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, id, version, jsonText(v.Fields), v.Private, v.Author, v.SavedBy, v.SuggestionID, ts(v.At))
	return err
}

func (t *tx) ListGoalVersions(ctx context.Context, id heard.GoalID) ([]heard.Revision, error) {
	return queryAll(ctx, t, func(s scanner) (heard.Revision, error) {
		var v heard.Revision
		var fields string
		var at sql.NullTime
		if err := s.Scan(&v.Version, &fields, &v.Private, &v.Author, &v.SavedBy, &v.SuggestionID, &at); err != nil {
			return v, err
		}
		v.At = timeOf(at)
		return v, fromJSON(fields, &v.Fields)
	}, `SELECT version, fields, private, author_id, saved_by, suggestion_id, at FROM goal_versions WHERE goal_id = $1 ORDER BY version DESC`, id)
}

func (t *tx) AddGoalNote(ctx context.Context, n heard.GoalNote) error {
	_, err := t.exec(ctx, `INSERT INTO goal_notes (id, goal_id, text, author_id, at, private) VALUES ($1, $2, $3, $4, $5, $6)`, n.ID, n.GoalID, n.Text, n.Author, ts(n.At), n.Private)
	return err
}

func (t *tx) ListGoalNotes(ctx context.Context, id heard.GoalID) ([]heard.GoalNote, error) {
	return queryAll(ctx, t, func(s scanner) (heard.GoalNote, error) {
		var n heard.GoalNote
		var at sql.NullTime
		err := s.Scan(&n.ID, &n.GoalID, &n.Text, &n.Author, &at, &n.Private)
		n.At = timeOf(at)
		return n, err
	}, `SELECT id, goal_id, text, author_id, at, private FROM goal_notes WHERE goal_id = $1 ORDER BY at DESC, id`, id)
}

const suggestionColumns = `id, person_id, part, goal_id, base_version, fields, note, author_id, created_at, status, resolved_by, resolved_at`

func scanSuggestion(s scanner) (heard.Suggestion, error) {
	var x heard.Suggestion
	var goal, resolvedBy sql.NullString
	var fields string
	var created, resolved sql.NullTime
	if err := s.Scan(&x.ID, &x.PersonID, &x.Part, &goal, &x.BaseVersion, &fields, &x.Note, &x.Author, &created, &x.Status, &resolvedBy, &resolved); err != nil {
		return x, err
	}
	x.GoalID, x.ResolvedBy = heard.GoalID(goal.String), heard.AccountID(resolvedBy.String)
	x.Created, x.Resolved = timeOf(created), timeOf(resolved)
	return x, fromJSON(fields, &x.Fields)
}

func (t *tx) CreateSuggestion(ctx context.Context, s heard.Suggestion) error {
	var goal any
	if s.GoalID != "" {
		goal = s.GoalID
	}
	_, err := t.exec(ctx, `INSERT INTO suggestions (`+suggestionColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, NULL)`,
		s.ID, s.PersonID, s.Part, goal, s.BaseVersion, jsonText(s.Fields), s.Note, s.Author, ts(s.Created), heard.SuggestionOpen)
	return err
}

func (t *tx) GetSuggestion(ctx context.Context, person heard.PersonID, id heard.SuggestionID) (heard.Suggestion, error) {
	return one(t, scanSuggestion, t.queryRow(ctx, `SELECT `+suggestionColumns+` FROM suggestions WHERE person_id = $1 AND id = $2`, person, id))
}

func (t *tx) ListSuggestions(ctx context.Context, person heard.PersonID, status heard.SuggestionStatus) ([]heard.Suggestion, error) {
	var q filter
	q.where("person_id = " + q.arg(person))
	if status != "" {
		q.where("status = " + q.arg(status))
	}
	return queryAll(ctx, t, scanSuggestion, `SELECT `+suggestionColumns+` FROM suggestions`+q.sql()+` ORDER BY created_at DESC, id`, q.args...)
}

func (t *tx) ResolveSuggestion(ctx context.Context, id heard.SuggestionID, status heard.SuggestionStatus, by heard.AccountID, at time.Time) error {
	if err := t.exists(ctx, "suggestions", id); err != nil {
		return err
	}
	return t.execOne(ctx, store.ErrConflict, `UPDATE suggestions SET status = $2, resolved_by = $3, resolved_at = $4 WHERE id = $1 AND status = 'open'`,
		id, status, by, ts(at))
}
