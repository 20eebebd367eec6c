package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

func (t *tx) CreateCareRelation(ctx context.Context, c heard.CareRelation) error {
	_, err := t.exec(ctx, `INSERT INTO care_relations (id, person_id, professional_id, unit_id, primary_contact, started_at, ended_at,
		requested_by, confirmed_by, confirmed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		c.ID, c.PersonID, c.ProfessionalID, c.UnitID, c.PrimaryContact, ts(c.Start), ts(c.End),
		nullID(c.RequestedBy), nullID(c.ConfirmedBy), ts(c.Confirmed))
	return err
}

// nullID stores an empty account reference as NULL, which the foreign key
// allows.
func nullID(id heard.AccountID) any {
	if id == "" {
		return nil
	}
	return string(id)
}

const careColumns = `c.id, c.person_id, c.professional_id, c.unit_id, c.primary_contact, c.started_at, c.ended_at,
	c.requested_by, c.confirmed_by, c.confirmed_at`

// careFields returns the scan destinations of careColumns for c, and a
// function that completes c once they are scanned; queries that join more
// columns append theirs.
func careFields(c *heard.CareRelation) ([]any, func()) {
	var start, end, confirmed sql.NullTime
	var requestedBy, confirmedBy sql.NullString
	return []any{&c.ID, &c.PersonID, &c.ProfessionalID, &c.UnitID, &c.PrimaryContact, &start, &end, &requestedBy, &confirmedBy, &confirmed},
		func() {
			c.Start, c.End, c.Confirmed = timeOf(start), timeOf(end), timeOf(confirmed)
			c.RequestedBy, c.ConfirmedBy = heard.AccountID(requestedBy.String), heard.AccountID(confirmedBy.String)
		}
}

func scanCare(s scanner) (heard.CareRelation, error) {
	var c heard.CareRelation
	dest, complete := careFields(&c)
	err := s.Scan(dest...)
	complete()
	return c, err
}

func (t *tx) GetCareRelation(ctx context.Context, id heard.CareRelationID) (heard.CareRelation, error) {
	return one(t, scanCare, t.queryRow(ctx, `SELECT `+careColumns+` FROM care_relations c WHERE c.id = $1`, id))
}

func (t *tx) EndCareRelation(ctx context.Context, id heard.CareRelationID, at time.Time) error {
	if _, err := t.GetCareRelation(ctx, id); err != nil {
		return err
	}
	return t.execOne(ctx, store.ErrConflict, `UPDATE care_relations SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL`, id, ts(at))
}

func (t *tx) ConfirmCareRelation(ctx context.Context, id heard.CareRelationID, by heard.AccountID, at time.Time) error {
	if _, err := t.GetCareRelation(ctx, id); err != nil {
		return err
	}
	return t.execOne(ctx, store.ErrConflict, `UPDATE care_relations SET confirmed_by = $2, confirmed_at = $3
		WHERE id = $1 AND confirmed_at IS NULL AND ended_at IS NULL`, id, by, ts(at))
}

// activeCare is the condition that the care relation c is in force at the
// time in placeholder at: confirmed, started and not ended. Every query
// that grants or lists by care relation uses it.
func activeCare(at string) string {
	return `c.confirmed_at IS NOT NULL AND c.confirmed_at <= ` + at + ` AND c.started_at <= ` + at +
		` AND (c.ended_at IS NULL OR c.ended_at > ` + at + `)`
}

func (t *tx) ListCareRelations(ctx context.Context, f store.CareRelationFilter) ([]heard.CareRelation, error) {
	var q filter
	if f.PersonID != "" {
		q.where("c.person_id = " + q.arg(f.PersonID))
	}
	if f.ProfessionalID != "" {
		q.where("c.professional_id = " + q.arg(f.ProfessionalID))
	}
	if f.UnitID != "" {
		q.where("c.unit_id = " + q.arg(f.UnitID))
	}
	if f.OrganisationID != "" {
		q.where("c.person_id IN (SELECT id FROM persons WHERE organisation_id = " + q.arg(f.OrganisationID) + ")")
	}
	if !f.ActiveAt.IsZero() {
		q.where(activeCare(q.arg(ts(f.ActiveAt))))
	}
	if f.Open {
		q.where("c.ended_at IS NULL")
	}
	if f.Pending {
		q.where("c.confirmed_at IS NULL AND c.ended_at IS NULL")
	}
	if f.LedBy != "" {
		q.where(`c.unit_id IN (SELECT l.unit_id FROM unit_memberships l WHERE l.role = 'leader' AND NOT l.pending AND l.account_id = ` + q.arg(f.LedBy) + `)`)
	}
	return queryAll(ctx, t, scanCare, `SELECT `+careColumns+` FROM care_relations c`+q.sql()+
		` ORDER BY c.started_at DESC, c.id`+q.page(f.Limit, 0), q.args...)
}

func (t *tx) ListCareTeam(ctx context.Context, person heard.PersonID, at time.Time) ([]store.CareTeamRow, error) {
	return queryAll(ctx, t, func(s scanner) (store.CareTeamRow, error) {
		var r store.CareTeamRow
		var requester, confirmer sql.NullString
		dest, complete := careFields(&r.Relation)
		err := s.Scan(append(dest, &r.ProfessionalName, &r.PeerWorker, &r.UnitName, &r.UnitPhone, &r.UnitReach, &requester, &confirmer)...)
		complete()
		r.RequestedByName, r.ConfirmedByName = requester.String, confirmer.String
		return r, err
	}, `SELECT `+careColumns+`, a.name, a.peer_worker, u.name, u.phone, u.reach, rq.name, cf.name
		FROM care_relations c
		JOIN accounts a ON a.id = c.professional_id
		JOIN units u ON u.id = c.unit_id
		LEFT JOIN accounts rq ON rq.id = c.requested_by
		LEFT JOIN accounts cf ON cf.id = c.confirmed_by
		WHERE c.person_id = $1 AND `+activeCare("$2")+`
		ORDER BY c.started_at DESC, c.id`, person, ts(at))
}

func (t *tx) CreateNetworkLink(ctx context.Context, l heard.NetworkLink) error {
	_, err := t.exec(ctx, `INSERT INTO network_links (id, person_id, member_id, relationship, scopes, created_at, access_until, revoked_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		l.ID, l.PersonID, l.MemberID, l.Relationship, heard.FormatScopes(l.Scopes), ts(l.Created), ts(l.Until), ts(l.Revoked))
	return err
}

const linkColumns = `id, person_id, member_id, relationship, scopes, created_at, access_until, revoked_at`

func scanLink(s scanner) (heard.NetworkLink, error) {
	var l heard.NetworkLink
	var scopes string
	var created, until, revoked sql.NullTime
	err := s.Scan(&l.ID, &l.PersonID, &l.MemberID, &l.Relationship, &scopes, &created, &until, &revoked)
	l.Scopes = heard.ParseScopes(scopes)
	l.Created, l.Until, l.Revoked = timeOf(created), timeOf(until), timeOf(revoked)
	return l, err
}

func (t *tx) GetNetworkLink(ctx context.Context, person heard.PersonID, id heard.NetworkLinkID) (heard.NetworkLink, error) {
	return one(t, scanLink, t.queryRow(ctx, `SELECT `+linkColumns+` FROM network_links WHERE person_id = $1 AND id = $2`, person, id))
}

func (t *tx) ListNetworkLinks(ctx context.Context, f store.NetworkLinkFilter) ([]heard.NetworkLink, error) {
	var q filter
	if f.PersonID != "" {
		q.where("person_id = " + q.arg(f.PersonID))
	}
	if f.MemberID != "" {
		q.where("member_id = " + q.arg(f.MemberID))
	}
	if f.ActiveOnly || !f.CurrentAt.IsZero() {
		q.where("revoked_at IS NULL")
	}
	if !f.CurrentAt.IsZero() {
		q.where("access_until > " + q.arg(ts(f.CurrentAt)))
	}
	return queryAll(ctx, t, scanLink, `SELECT `+linkColumns+` FROM network_links`+q.sql()+` ORDER BY created_at, id`, q.args...)
}

func (t *tx) SetNetworkLinkScopes(ctx context.Context, id heard.NetworkLinkID, scopes []heard.Scope) error {
	return t.execOne(ctx, store.ErrNotFound, `UPDATE network_links SET scopes = $2 WHERE id = $1`, id, heard.FormatScopes(scopes))
}

func (t *tx) RenewNetworkLink(ctx context.Context, person heard.PersonID, id heard.NetworkLinkID, until time.Time) error {
	return t.execOne(ctx, store.ErrNotFound, `UPDATE network_links SET access_until = $3 WHERE person_id = $1 AND id = $2 AND revoked_at IS NULL`,
		person, id, ts(until))
}

func (t *tx) RevokeNetworkLink(ctx context.Context, id heard.NetworkLinkID, at time.Time) error {
	if err := t.exists(ctx, "network_links", id); err != nil {
		return err
	}
	return t.execOne(ctx, store.ErrConflict, `UPDATE network_links SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, id, ts(at))
}
