package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

// participant is how a participant is stored in the encounter's JSON.
type participant struct {
	Account string `json:"account,omitempty"`
	Name    string `json:"name"`
	Role    string `json:"role,omitempty"`
}

func participantsText(ps []heard.Participant) string {
	out := make([]participant, len(ps))
	for i, p := range ps {
		out[i] = participant{Account: string(p.Account), Name: p.Name, Role: p.Role}
	}
	return jsonText(out)
}

const encounterColumns = `id, person_id, starts_at, kind, place, participants, invited, present, absence_reason, shared_note,
	note_by, note_at, version, reflection, reflection_at, reflection_version, created_by, created_at, note_shared_with`

func scanEncounter(s scanner) (heard.Encounter, error) {
	var e heard.Encounter
	var parts, sharedWith string
	var noteBy sql.NullString
	var start, noteAt, reflectionAt, created sql.NullTime
	if err := s.Scan(&e.ID, &e.PersonID, &start, &e.Kind, &e.Place, &parts, &e.Invited, &e.Present, &e.AbsenceReason, &e.SharedNote,
		&noteBy, &noteAt, &e.Version, &e.Reflection, &reflectionAt, &e.ReflectionVersion, &e.CreatedBy, &created, &sharedWith); err != nil {
		return e, err
	}
	for _, id := range strings.Fields(sharedWith) {
		e.NoteSharedWith = append(e.NoteSharedWith, heard.AccountID(id))
	}
	e.Start, e.NoteAt, e.ReflectionAt, e.Created = timeOf(start), timeOf(noteAt), timeOf(reflectionAt), timeOf(created)
	e.NoteBy = heard.AccountID(noteBy.String)
	var ps []participant
	if err := fromJSON(parts, &ps); err != nil {
		return e, err
	}
	for _, p := range ps {
		e.Participants = append(e.Participants, heard.Participant{Account: heard.AccountID(p.Account), Name: p.Name, Role: p.Role})
	}
	return e, nil
}

func nullAccount(id heard.AccountID) any {
	if id == "" {
		return nil
	}
	return id
}

func (t *tx) CreateEncounter(ctx context.Context, e heard.Encounter) error {
	_, err := t.exec(ctx, `INSERT INTO encounters (`+encounterColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, '', NULL, 0, $13, $14, '')`,
		e.ID, e.PersonID, ts(e.Start), e.Kind, e.Place, participantsText(e.Participants), e.Invited, e.Present, e.AbsenceReason, e.SharedNote,
		nullAccount(e.NoteBy), ts(e.NoteAt), e.CreatedBy, ts(e.Created))
	return err
}

func (t *tx) GetEncounter(ctx context.Context, person heard.PersonID, id heard.EncounterID) (heard.Encounter, error) {
	return one(t, scanEncounter, t.queryRow(ctx, `SELECT `+encounterColumns+` FROM encounters WHERE person_id = $1 AND id = $2`, person, id))
}

func (t *tx) ListEncounters(ctx context.Context, f store.EncounterFilter) ([]heard.Encounter, error) {
	var q filter
	q.where("person_id = " + q.arg(f.PersonID))
	if !f.From.IsZero() {
		q.where("starts_at >= " + q.arg(ts(f.From)))
	}
	if !f.Before.IsZero() {
		q.where("starts_at < " + q.arg(ts(f.Before)))
	}
	return queryAll(ctx, t, scanEncounter, `SELECT `+encounterColumns+` FROM encounters`+q.sql()+` ORDER BY starts_at DESC, id`+q.page(f.Limit, 0), q.args...)
}

func (t *tx) UpdateEncounter(ctx context.Context, e heard.Encounter, expected int) error {
	return t.execOne(ctx, store.ErrStale, `UPDATE encounters SET starts_at = $2, kind = $3, place = $4, participants = $5, invited = $6,
		present = $7, absence_reason = $8, shared_note = $9, note_by = $10, note_at = $11, version = version + 1
		WHERE id = $1 AND version = $12`,
		e.ID, ts(e.Start), e.Kind, e.Place, participantsText(e.Participants), e.Invited, e.Present, e.AbsenceReason, e.SharedNote,
		nullAccount(e.NoteBy), ts(e.NoteAt), expected)
}

func (t *tx) SetReflection(ctx context.Context, id heard.EncounterID, text string, at time.Time, expected int) error {
	return t.execOne(ctx, store.ErrStale, `UPDATE encounters SET reflection = $2, reflection_at = $3, reflection_version = reflection_version + 1
		WHERE id = $1 AND reflection_version = $4`, id, text, ts(at), expected)
}

func (t *tx) SetNoteSharing(ctx context.Context, person heard.PersonID, id heard.EncounterID, members []heard.AccountID) error {
	ids := make([]string, len(members))
	for i, m := range members {
		ids[i] = string(m)
	}
	return t.execOne(ctx, store.ErrNotFound, `UPDATE encounters SET note_shared_with = $3 WHERE person_id = $1 AND id = $2`, person, id, strings.Join(ids, " "))
}

func (t *tx) SaveVoice(ctx context.Context, v heard.Voice, expected int) error {
	if expected == 0 {
		// Someone's voice exists already: theirs is newer than the form.
		return t.execOne(ctx, store.ErrStale, `INSERT INTO encounter_voices (encounter_id, person_id, author_id, text, version, updated_at)
			VALUES ($1, $2, $3, $4, 1, $5) ON CONFLICT (encounter_id, author_id) DO NOTHING`, v.EncounterID, v.PersonID, v.Author, v.Text, ts(v.Updated))
	}
	return t.execOne(ctx, store.ErrStale, `UPDATE encounter_voices SET text = $4, version = version + 1, updated_at = $5
		WHERE encounter_id = $1 AND author_id = $2 AND person_id = $3 AND version = $6`, v.EncounterID, v.Author, v.PersonID, v.Text, ts(v.Updated), expected)
}

func (t *tx) ListVoices(ctx context.Context, person heard.PersonID, id heard.EncounterID) ([]heard.Voice, error) {
	return queryAll(ctx, t, func(s scanner) (heard.Voice, error) {
		var v heard.Voice
		var at sql.NullTime
		err := s.Scan(&v.EncounterID, &v.PersonID, &v.Author, &v.Text, &v.Version, &at)
		v.Updated = timeOf(at)
		return v, err
	}, `SELECT encounter_id, person_id, author_id, text, version, updated_at FROM encounter_voices WHERE person_id = $1 AND encounter_id = $2
		ORDER BY updated_at, author_id`, person, id)
}

func (t *tx) AddAgendaItem(ctx context.Context, a heard.AgendaItem) error {
	_, err := t.exec(ctx, `INSERT INTO agenda_items (id, encounter_id, text, author_id, created_at) VALUES ($1, $2, $3, $4, $5)`,
		a.ID, a.EncounterID, a.Text, a.Author, ts(a.Created))
	return err
}

func (t *tx) ListAgendaItems(ctx context.Context, id heard.EncounterID) ([]heard.AgendaItem, error) {
	return queryAll(ctx, t, func(s scanner) (heard.AgendaItem, error) {
		var a heard.AgendaItem
		var created sql.NullTime
		err := s.Scan(&a.ID, &a.EncounterID, &a.Text, &a.Author, &created)
		a.Created = timeOf(created)
		return a, err
	}, `SELECT id, encounter_id, text, author_id, created_at FROM agenda_items WHERE encounter_id = $1 ORDER BY created_at, id`, id)
}

func (t *tx) GetPreparation(ctx context.Context, id heard.EncounterID) (heard.Preparation, error) {
	p, err := one(t, func(s scanner) (heard.Preparation, error) {
		var p heard.Preparation
		var fields string
		var updated sql.NullTime
		if err := s.Scan(&p.EncounterID, &fields, &p.Version, &updated); err != nil {
			return p, err
		}
		p.Updated = timeOf(updated)
		return p, fromJSON(fields, &p.Fields)
	}, t.queryRow(ctx, `SELECT encounter_id, fields, version, updated_at FROM encounter_preparations WHERE encounter_id = $1`, id))
	if heard.ErrorCode(err) == heard.CodeNotFound {
		return heard.Preparation{EncounterID: id, Fields: map[string]string{}}, nil
	}
	return p, err
}

func (t *tx) SavePreparation(ctx context.Context, p heard.Preparation, expected int) error {
	if expected == 0 {
		return t.execOne(ctx, store.ErrStale, `INSERT INTO encounter_preparations (encounter_id, fields, version, updated_at) VALUES ($1, $2, 1, $3)
			ON CONFLICT (encounter_id) DO NOTHING`, p.EncounterID, jsonText(p.Fields), ts(p.Updated))
	}
	return t.execOne(ctx, store.ErrStale, `UPDATE encounter_preparations SET fields = $2, version = version + 1, updated_at = $3
		WHERE encounter_id = $1 AND version = $4`, p.EncounterID, jsonText(p.Fields), ts(p.Updated), expected)
}
