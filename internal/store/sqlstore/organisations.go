package sqlstore

import (
	"context"
	"database/sql"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

func (t *tx) CreateOrganisation(ctx context.Context, o heard.Organisation) error {
	_, err := t.exec(ctx, `INSERT INTO organisations (id, name, require_staff_totp, created_at) VALUES ($1, $2, $3, $4)`,
		o.ID, o.Name, o.RequireStaffTOTP, ts(o.CreatedAt))
	return err
}

const organisationColumns = `id, name, require_staff_totp, created_at`

// organisationFields returns the scan destinations of organisationColumns
// for o, and a function that completes o once they are scanned.
func organisationFields(o *heard.Organisation) ([]any, func()) {
	var created sql.NullTime
	return []any{&o.ID, &o.Name, &o.RequireStaffTOTP, &created}, func() { o.CreatedAt = timeOf(created) }
}

func scanOrganisation(s scanner) (heard.Organisation, error) {
	var o heard.Organisation
	dest, complete := organisationFields(&o)
	err := s.Scan(dest...)
	complete()
	return o, err
}

func (t *tx) GetOrganisation(ctx context.Context, id heard.OrganisationID) (heard.Organisation, error) {
	return one(t, scanOrganisation, t.queryRow(ctx, `SELECT `+organisationColumns+` FROM organisations WHERE id = $1`, id))
}

func (t *tx) ListOrganisations(ctx context.Context) ([]heard.Organisation, error) {
	return queryAll(ctx, t, scanOrganisation, `SELECT `+organisationColumns+` FROM organisations ORDER BY name, id`)
}

func (t *tx) UpdateOrganisation(ctx context.Context, o heard.Organisation) error {
	return t.execOne(ctx, store.ErrNotFound, `UPDATE organisations SET name = $2, require_staff_totp = $3 WHERE id = $1`,
		o.ID, o.Name, o.RequireStaffTOTP)
}

func (t *tx) CreateUnit(ctx context.Context, u heard.Unit) error {
	_, err := t.exec(ctx, `INSERT INTO units (id, organisation_id, name, kind, created_at, phone, reach) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		u.ID, u.OrganisationID, u.Name, u.Kind, ts(u.CreatedAt), u.Phone, u.Reach)
	return err
}

func (t *tx) SetUnitContact(ctx context.Context, org heard.OrganisationID, id heard.UnitID, phone, reach string) error {
	return t.execOne(ctx, store.ErrNotFound, `UPDATE units SET phone = $3, reach = $4 WHERE organisation_id = $1 AND id = $2`, org, id, phone, reach)
}

const unitColumns = `id, organisation_id, name, kind, created_at, phone, reach, reply_days, reply_from, reply_to, escalate_minutes, crisis_note`

func scanUnit(s scanner) (heard.Unit, error) {
	var u heard.Unit
	var created sql.NullTime
	var days string
	err := s.Scan(&u.ID, &u.OrganisationID, &u.Name, &u.Kind, &created, &u.Phone, &u.Reach, &days, &u.ReplyHours.From, &u.ReplyHours.To,
		&u.ReplyHours.EscalateAfter, &u.CrisisNote)
	u.CreatedAt, u.ReplyHours.Days = timeOf(created), heard.ParseDays(days)
	return u, err
}

func (t *tx) GetUnit(ctx context.Context, id heard.UnitID) (heard.Unit, error) {
	return one(t, scanUnit, t.queryRow(ctx, `SELECT `+unitColumns+` FROM units WHERE id = $1`, id))
}

func (t *tx) ListUnits(ctx context.Context, org heard.OrganisationID) ([]heard.Unit, error) {
	return queryAll(ctx, t, scanUnit, `SELECT `+unitColumns+` FROM units WHERE organisation_id = $1 ORDER BY name, id`, org)
}

func (t *tx) AddUnitMembership(ctx context.Context, m heard.UnitMembership) error {
	_, err := t.exec(ctx, `INSERT INTO unit_memberships (unit_id, account_id, role, pending, confirmed_by) VALUES ($1, $2, $3, $4, $5)`,
		m.UnitID, m.AccountID, m.Role, m.Pending, nullID(m.ConfirmedBy))
	return err
}

func (t *tx) ConfirmUnitLeader(ctx context.Context, unit heard.UnitID, account, by heard.AccountID) error {
	return t.execOne(ctx, store.ErrConflict, `UPDATE unit_memberships SET pending = FALSE, confirmed_by = $3
		WHERE unit_id = $1 AND account_id = $2 AND role = 'leader' AND pending`, unit, account, by)
}

func (t *tx) ListUnitMemberships(ctx context.Context, f store.MembershipFilter) ([]heard.UnitMembership, error) {
	var q filter
	if f.UnitID != "" {
		q.where("unit_id = " + q.arg(f.UnitID))
	}
	if f.AccountID != "" {
		q.where("account_id = " + q.arg(f.AccountID))
	}
	if f.Role != "" {
		q.where("role = " + q.arg(f.Role))
	}
	switch {
	case f.InForce:
		q.where("NOT pending")
	case f.Waiting:
		q.where("pending")
	}
	return queryAll(ctx, t, func(s scanner) (heard.UnitMembership, error) {
		var m heard.UnitMembership
		var by sql.NullString
		err := s.Scan(&m.UnitID, &m.AccountID, &m.Role, &m.Pending, &by)
		m.ConfirmedBy = heard.AccountID(by.String)
		return m, err
	}, `SELECT unit_id, account_id, role, pending, confirmed_by FROM unit_memberships`+q.sql()+` ORDER BY unit_id, account_id, role`, q.args...)
}

func (t *tx) GetMeta(ctx context.Context, key string) (string, error) {
	return one(t, func(s scanner) (string, error) {
		var v string
		err := s.Scan(&v)
		return v, err
	}, t.queryRow(ctx, `SELECT value FROM meta WHERE key = $1`, key))
}

func (t *tx) SetMeta(ctx context.Context, key, value string) error {
	_, err := t.exec(ctx, `INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}
