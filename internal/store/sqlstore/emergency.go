package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

func (t *tx) CreateEmergencyAccess(ctx context.Context, e heard.EmergencyAccess) error {
	_, err := t.exec(ctx, `INSERT INTO emergency_accesses (id, person_id, professional_id, reason, justification, opened_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		e.ID, e.PersonID, e.ProfessionalID, e.Reason, e.Justification, ts(e.Opened), ts(e.Expires))
	return err
}

const emergencyColumns = `e.id, e.person_id, e.professional_id, e.reason, e.justification, e.opened_at, e.expires_at,
	e.reviewed_by, e.reviewed_at, e.review_note`

func scanEmergency(s scanner) (heard.EmergencyAccess, error) {
	var e heard.EmergencyAccess
	var reviewer sql.NullString
	var opened, expires, reviewed sql.NullTime
	err := s.Scan(&e.ID, &e.PersonID, &e.ProfessionalID, &e.Reason, &e.Justification, &opened, &expires, &reviewer, &reviewed, &e.ReviewNote)
	e.Opened, e.Expires, e.Reviewed = timeOf(opened), timeOf(expires), timeOf(reviewed)
	e.ReviewedBy = heard.AccountID(reviewer.String)
	return e, err
}

func (t *tx) GetEmergencyAccess(ctx context.Context, id heard.EmergencyAccessID) (heard.EmergencyAccess, error) {
	return one(t, scanEmergency, t.queryRow(ctx, `SELECT `+emergencyColumns+` FROM emergency_accesses e WHERE e.id = $1`, id))
}

func (t *tx) ListEmergencyAccesses(ctx context.Context, f store.EmergencyFilter) ([]heard.EmergencyAccess, error) {
	q := emergencyFilter(f)
	order := " ORDER BY e.opened_at DESC, e.id"
	if f.OldestFirst {
		order = " ORDER BY e.opened_at, e.id"
	}
	return queryAll(ctx, t, scanEmergency, `SELECT `+emergencyColumns+` FROM emergency_accesses e`+q.sql()+order+q.page(f.Limit, f.Offset), q.args...)
}

func (t *tx) CountEmergencyAccesses(ctx context.Context, f store.EmergencyFilter) (int, error) {
	q := emergencyFilter(f)
	var n int
	err := t.queryRow(ctx, `SELECT COUNT(*) FROM emergency_accesses e`+q.sql(), q.args...).Scan(&n)
	return n, t.d.MapError(err)
}

func emergencyFilter(f store.EmergencyFilter) *filter {
	var q filter
	if f.PersonID != "" {
		q.where("e.person_id = " + q.arg(f.PersonID))
	}
	if f.ProfessionalID != "" {
		q.where("e.professional_id = " + q.arg(f.ProfessionalID))
	}
	if !f.ActiveAt.IsZero() {
		at := q.arg(ts(f.ActiveAt))
		q.where("e.opened_at <= " + at + " AND e.expires_at > " + at)
	}
	if !f.OpenedSince.IsZero() {
		q.where("e.opened_at >= " + q.arg(ts(f.OpenedSince)))
	}
	switch f.Review {
	case store.ReviewWaiting:
		q.where("e.reviewed_at IS NULL")
	case store.ReviewReviewed:
		q.where("e.reviewed_at IS NOT NULL")
	}
	if f.LedBy != "" {
		q.where(`e.professional_id IN (SELECT m.account_id FROM unit_memberships m
			JOIN unit_memberships l ON l.unit_id = m.unit_id
			WHERE m.role = 'member' AND l.role = 'leader' AND NOT l.pending AND l.account_id = ` + q.arg(f.LedBy) + `)`)
	}
	return &q
}

func (t *tx) ReviewEmergencyAccess(ctx context.Context, id heard.EmergencyAccessID, reviewer heard.AccountID, at time.Time, note string) error {
	if _, err := t.GetEmergencyAccess(ctx, id); err != nil {
		return err
	}
	return t.execOne(ctx, store.ErrConflict, `UPDATE emergency_accesses SET reviewed_by = $2, reviewed_at = $3, review_note = $4
		WHERE id = $1 AND reviewed_at IS NULL`, id, reviewer, ts(at), note)
}
