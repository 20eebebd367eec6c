package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

type constraint struct {
	Kind  string `json:"kind"`
	Text  string `json:"text"`
	SetBy string `json:"set_by"`
}

func constraintsOut(cs []heard.Constraint) []constraint {
	out := make([]constraint, len(cs))
	for i, c := range cs {
		out[i] = constraint{Kind: string(c.Kind), Text: c.Text, SetBy: c.SetBy}
	}
	return out
}

func constraintsIn(cs []constraint) []heard.Constraint {
	var out []heard.Constraint
	for _, c := range cs {
		out = append(out, heard.Constraint{Kind: heard.ConstraintKind(c.Kind), Text: c.Text, SetBy: c.SetBy})
	}
	return out
}

func constraintsText(cs []heard.Constraint) string { return jsonText(constraintsOut(cs)) }

const decisionColumns = `id, person_id, on_table, options, constraints, preference, outcome, decided_by, decided_by_other, followed,
	not_followed_reason, review_date, version, created_by, created_at, updated_by, updated_at, person_comment, comment_at, comment_version,
	preference_by, preference_at`

func scanDecision(s scanner) (heard.Decision, error) {
	var d heard.Decision
	var cs string
	var created, updated, commentAt, preferenceAt sql.NullTime
	if err := s.Scan(&d.ID, &d.PersonID, &d.OnTable, &d.Options, &cs, &d.Preference, &d.Outcome, &d.DecidedBy, &d.DecidedByOther, &d.Followed,
		&d.NotFollowedReason, &d.ReviewDate, &d.Version, &d.CreatedBy, &created, &d.UpdatedBy, &updated, &d.PersonComment, &commentAt, &d.CommentVersion,
		&d.PreferenceBy, &preferenceAt); err != nil {
		return d, err
	}
	d.Created, d.Updated, d.CommentAt, d.PreferenceAt = timeOf(created), timeOf(updated), timeOf(commentAt), timeOf(preferenceAt)
	var stored []constraint
	err := fromJSON(cs, &stored)
	d.Constraints = constraintsIn(stored)
	return d, err
}

// decisionRecord is one version of a decision as decision_versions keeps
// it: the recorded fields, not the person's comment, which has its own
// version and is hers to change.
type decisionRecord struct {
	OnTable           string       `json:"on_table"`
	Options           string       `json:"options"`
	Constraints       []constraint `json:"constraints"`
	Preference        string       `json:"preference"`
	PreferenceBy      string       `json:"preference_by"`
	Outcome           string       `json:"outcome"`
	DecidedBy         string       `json:"decided_by"`
	DecidedByOther    string       `json:"decided_by_other"`
	Followed          string       `json:"followed"`
	NotFollowedReason string       `json:"not_followed_reason"`
	ReviewDate        string       `json:"review_date"`
}

// keepVersion adds d, as it is now, to the decision's history; a version
// already kept stays as it was.
func (t *tx) keepVersion(ctx context.Context, d heard.Decision) error {
	rec := decisionRecord{OnTable: d.OnTable, Options: d.Options, Constraints: constraintsOut(d.Constraints), Preference: d.Preference, PreferenceBy: string(d.PreferenceBy),
		Outcome: d.Outcome, DecidedBy: string(d.DecidedBy), DecidedByOther: d.DecidedByOther, Followed: string(d.Followed),
		NotFollowedReason: d.NotFollowedReason, ReviewDate: d.ReviewDate}
	_, err := t.exec(ctx, `INSERT INTO decision_versions (decision_id, person_id, version, changed_by, changed_at, record)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (decision_id, version) DO NOTHING`,
		d.ID, d.PersonID, d.Version, d.UpdatedBy, ts(d.Updated), jsonText(rec))
	return err
}

func (t *tx) ListDecisionVersions(ctx context.Context, person heard.PersonID, id heard.DecisionID) ([]heard.Decision, error) {
	return queryAll(ctx, t, func(s scanner) (heard.Decision, error) {
		d := heard.Decision{ID: id, PersonID: person}
		var at sql.NullTime
		var text string
		if err := s.Scan(&d.Version, &d.UpdatedBy, &at, &text); err != nil {
			return d, err
		}
		d.Updated = timeOf(at)
		var rec decisionRecord
		if err := fromJSON(text, &rec); err != nil {
			return d, err
		}
		d.OnTable, d.Options, d.Preference, d.PreferenceBy, d.Outcome = rec.OnTable, rec.Options, rec.Preference, heard.AccountID(rec.PreferenceBy), rec.Outcome
		d.DecidedBy, d.DecidedByOther, d.Followed = heard.DecidedBy(rec.DecidedBy), rec.DecidedByOther, heard.Followed(rec.Followed)
		d.NotFollowedReason, d.ReviewDate, d.Constraints = rec.NotFollowedReason, rec.ReviewDate, constraintsIn(rec.Constraints)
		return d, nil
	}, `SELECT version, changed_by, changed_at, record FROM decision_versions WHERE person_id = $1 AND decision_id = $2 ORDER BY version`, person, id)
}

func (t *tx) CreateDecision(ctx context.Context, d heard.Decision) error {
	d.Version = 1
	if _, err := t.exec(ctx, `INSERT INTO decisions (`+decisionColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $14, $15, $16, '', NULL, 0, $17, $18)`,
		d.ID, d.PersonID, d.OnTable, d.Options, constraintsText(d.Constraints), d.Preference, d.Outcome, d.DecidedBy, d.DecidedByOther,
		d.Followed, d.NotFollowedReason, d.ReviewDate, d.CreatedBy, ts(d.Created), d.UpdatedBy, ts(d.Updated),
		d.PreferenceBy, ts(d.PreferenceAt)); err != nil {
		return err
	}
	return t.keepVersion(ctx, d)
}

func (t *tx) GetDecision(ctx context.Context, person heard.PersonID, id heard.DecisionID) (heard.Decision, error) {
	return one(t, scanDecision, t.queryRow(ctx, `SELECT `+decisionColumns+` FROM decisions WHERE person_id = $1 AND id = $2`, person, id))
}

// careOf keeps rows whose person has an active care relation with the
// account at the moment: a professional's own persons.
func careOf(q *filter, column string, account heard.AccountID, at time.Time) {
	atArg := q.arg(ts(at))
	q.where(column + ` IN (SELECT c.person_id FROM care_relations c WHERE c.professional_id = ` + q.arg(account) +
		` AND ` + activeCare(atArg) + `)`)
}

func (t *tx) ListDecisions(ctx context.Context, f store.DecisionFilter) ([]heard.Decision, error) {
	var q filter
	if f.PersonID != "" {
		q.where("person_id = " + q.arg(f.PersonID))
	}
	if f.ReviewBy != "" {
		q.where("review_date <> '' AND review_date <= " + q.arg(f.ReviewBy))
	}
	if f.CareOf != "" {
		careOf(&q, "person_id", f.CareOf, f.CareAt)
	}
	order := ` ORDER BY created_at DESC, id`
	if f.ReviewBy != "" {
		order = ` ORDER BY review_date, id`
	}
	return queryAll(ctx, t, scanDecision, `SELECT `+decisionColumns+` FROM decisions`+q.sql()+order+q.page(f.Limit, 0), q.args...)
}

func (t *tx) UpdateDecision(ctx context.Context, d, previous heard.Decision) error {
	if err := t.execOne(ctx, store.ErrStale, `UPDATE decisions SET on_table = $2, options = $3, constraints = $4, preference = $5, outcome = $6,
		decided_by = $7, decided_by_other = $8, followed = $9, not_followed_reason = $10, review_date = $11,
		version = version + 1, updated_by = $12, updated_at = $13, preference_by = $14, preference_at = $15
		WHERE person_id = $16 AND id = $1 AND version = $17`,
		d.ID, d.OnTable, d.Options, constraintsText(d.Constraints), d.Preference, d.Outcome, d.DecidedBy, d.DecidedByOther, d.Followed,
		d.NotFollowedReason, d.ReviewDate, d.UpdatedBy, ts(d.Updated), d.PreferenceBy, ts(d.PreferenceAt), previous.PersonID, previous.Version); err != nil {
		return err
	}
	if err := t.keepVersion(ctx, previous); err != nil {
		return err
	}
	d.Version = previous.Version + 1
	return t.keepVersion(ctx, d)
}

func (t *tx) SetDecisionComment(ctx context.Context, id heard.DecisionID, text string, at time.Time, expected int) error {
	return t.execOne(ctx, store.ErrStale, `UPDATE decisions SET person_comment = $2, comment_at = $3, comment_version = comment_version + 1
		WHERE id = $1 AND comment_version = $4`, id, text, ts(at), expected)
}

const restrictionColumns = `id, person_id, kind, description, legal_basis_id, legal_basis, starts_on, review_on, ends_on, version,
	created_by, created_at, updated_by, updated_at, person_view, view_at, view_version`

func scanRestriction(s scanner) (heard.Restriction, error) {
	var r heard.Restriction
	var basis sql.NullString
	var created, updated, viewAt sql.NullTime
	err := s.Scan(&r.ID, &r.PersonID, &r.Kind, &r.Description, &basis, &r.LegalBasis, &r.Start, &r.ReviewDate, &r.End, &r.Version,
		&r.CreatedBy, &created, &r.UpdatedBy, &updated, &r.PersonView, &viewAt, &r.ViewVersion)
	r.LegalBasisID = heard.LegalBasisID(basis.String)
	r.Created, r.Updated, r.ViewAt = timeOf(created), timeOf(updated), timeOf(viewAt)
	return r, err
}

func nullBasis(id heard.LegalBasisID) any {
	if id == "" {
		return nil
	}
	return id
}

func (t *tx) CreateRestriction(ctx context.Context, r heard.Restriction) error {
	_, err := t.exec(ctx, `INSERT INTO restrictions (`+restrictionColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $12, $13, '', NULL, 0)`,
		r.ID, r.PersonID, r.Kind, r.Description, nullBasis(r.LegalBasisID), r.LegalBasis, r.Start, r.ReviewDate, r.End,
		r.CreatedBy, ts(r.Created), r.UpdatedBy, ts(r.Updated))
	return err
}

func (t *tx) GetRestriction(ctx context.Context, person heard.PersonID, id heard.RestrictionID) (heard.Restriction, error) {
	return one(t, scanRestriction, t.queryRow(ctx, `SELECT `+restrictionColumns+` FROM restrictions WHERE person_id = $1 AND id = $2`, person, id))
}

func (t *tx) ListRestrictions(ctx context.Context, f store.RestrictionFilter) ([]heard.Restriction, error) {
	var q filter
	if f.PersonID != "" {
		q.where("person_id = " + q.arg(f.PersonID))
	}
	if f.PastReviewOn != "" {
		day := q.arg(f.PastReviewOn)
		q.where("starts_on <= " + day + " AND (ends_on = '' OR ends_on > " + day + ") AND review_on < " + day)
	}
	if f.CareOf != "" {
		careOf(&q, "person_id", f.CareOf, f.CareAt)
	}
	if f.InUnit != "" {
		at := q.arg(ts(f.CareAt))
		q.where(`person_id IN (SELECT c.person_id FROM care_relations c WHERE c.unit_id = ` + q.arg(f.InUnit) +
			` AND ` + activeCare(at) + `)`)
	}
	return queryAll(ctx, t, scanRestriction, `SELECT `+restrictionColumns+` FROM restrictions`+q.sql()+` ORDER BY starts_on DESC, id`+q.page(f.Limit, 0), q.args...)
}

func (t *tx) UpdateRestriction(ctx context.Context, r heard.Restriction, expected int) error {
	return t.execOne(ctx, store.ErrStale, `UPDATE restrictions SET kind = $2, description = $3, legal_basis_id = $4, legal_basis = $5,
		starts_on = $6, review_on = $7, ends_on = $8, version = version + 1, updated_by = $9, updated_at = $10
		WHERE id = $1 AND version = $11`,
		r.ID, r.Kind, r.Description, nullBasis(r.LegalBasisID), r.LegalBasis, r.Start, r.ReviewDate, r.End, r.UpdatedBy, ts(r.Updated), expected)
}

func (t *tx) SetRestrictionView(ctx context.Context, id heard.RestrictionID, text string, at time.Time, expected int) error {
	return t.execOne(ctx, store.ErrStale, `UPDATE restrictions SET person_view = $2, view_at = $3, view_version = view_version + 1
		WHERE id = $1 AND view_version = $4`, id, text, ts(at), expected)
}

func (t *tx) CreateLegalBasis(ctx context.Context, l heard.LegalBasis) error {
	_, err := t.exec(ctx, `INSERT INTO legal_bases (id, organisation_id, name, created_at) VALUES ($1, $2, $3, $4)`, l.ID, l.OrganisationID, l.Name, ts(l.Created))
	return err
}

func scanLegalBasis(s scanner) (heard.LegalBasis, error) {
	var l heard.LegalBasis
	var created sql.NullTime
	err := s.Scan(&l.ID, &l.OrganisationID, &l.Name, &created)
	l.Created = timeOf(created)
	return l, err
}

func (t *tx) GetLegalBasis(ctx context.Context, id heard.LegalBasisID) (heard.LegalBasis, error) {
	return one(t, scanLegalBasis, t.queryRow(ctx, `SELECT id, organisation_id, name, created_at FROM legal_bases WHERE id = $1`, id))
}

func (t *tx) ListLegalBases(ctx context.Context, org heard.OrganisationID) ([]heard.LegalBasis, error) {
	return queryAll(ctx, t, scanLegalBasis, `SELECT id, organisation_id, name, created_at FROM legal_bases WHERE organisation_id = $1 ORDER BY name, id`, org)
}
