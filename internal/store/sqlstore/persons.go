package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

func (t *tx) CreatePerson(ctx context.Context, p heard.Person) error {
	var account any
	if p.AccountID != "" {
		account = p.AccountID
	}
	capacity := p.Capacity
	if capacity == "" {
		capacity = heard.CapacityMedium // as the column's default says
	}
	_, err := t.exec(ctx, `INSERT INTO persons (id, organisation_id, account_id, name, name_folded, birth_date, capacity, capacity_set_at, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		p.ID, p.OrganisationID, account, p.Name, heard.FoldName(p.Name), p.BirthDate, capacity, ts(p.CapacitySet), ts(p.CreatedAt))
	return err
}

const personColumns = `p.id, p.organisation_id, p.account_id, p.name, p.birth_date, p.capacity, p.capacity_set_at, p.created_at`

func scanPerson(s scanner) (heard.Person, error) {
	var p heard.Person
	var account sql.NullString
	var capacitySet, created sql.NullTime
	err := s.Scan(&p.ID, &p.OrganisationID, &account, &p.Name, &p.BirthDate, &p.Capacity, &capacitySet, &created)
	p.AccountID = heard.AccountID(account.String)
	p.CapacitySet, p.CreatedAt = timeOf(capacitySet), timeOf(created)
	return p, err
}

func (t *tx) SetCapacity(ctx context.Context, id heard.PersonID, c heard.Capacity, at time.Time) error {
	return t.execOne(ctx, store.ErrNotFound, `UPDATE persons SET capacity = $2, capacity_set_at = $3 WHERE id = $1`, id, c, ts(at))
}

func (t *tx) GetPerson(ctx context.Context, id heard.PersonID) (heard.Person, error) {
	return one(t, scanPerson, t.queryRow(ctx, `SELECT `+personColumns+` FROM persons p WHERE p.id = $1`, id))
}

func (t *tx) GetPersonByAccount(ctx context.Context, id heard.AccountID) (heard.Person, error) {
	return one(t, scanPerson, t.queryRow(ctx, `SELECT `+personColumns+` FROM persons p WHERE p.account_id = $1`, id))
}

func (t *tx) ListPersons(ctx context.Context, f store.PersonFilter) ([]heard.Person, error) {
	var q filter
	switch f.Scope.Kind {
	case heard.ListOrganisation:
		q.where("p.organisation_id = " + q.arg(f.Scope.OrganisationID))
	case heard.ListCareRelations:
		q.where("p.organisation_id = " + q.arg(f.Scope.OrganisationID))
		at := q.arg(ts(f.Scope.At))
		q.where(`EXISTS (SELECT 1 FROM care_relations c WHERE c.person_id = p.id AND c.professional_id = ` + q.arg(f.Scope.AccountID) +
			` AND ` + activeCare(at) + `)`)
	case heard.ListNetworkLinks:
		q.where("p.organisation_id = " + q.arg(f.Scope.OrganisationID))
		q.where(`EXISTS (SELECT 1 FROM network_links l WHERE l.person_id = p.id AND l.revoked_at IS NULL AND l.member_id = ` +
			q.arg(f.Scope.AccountID) + ` AND l.access_until > ` + q.arg(ts(f.Scope.At)) + `)`)
	default:
		return nil, nil // an unknown or empty scope lists nobody
	}
	if f.NameQuery != "" {
		q.where(`p.name_folded LIKE ` + q.arg("%"+escapeLike(heard.FoldName(f.NameQuery))+"%") + ` ESCAPE '\'`)
	}
	return queryAll(ctx, t, scanPerson, `SELECT `+personColumns+` FROM persons p`+q.sql()+` ORDER BY p.name_folded, p.id`+q.page(f.Limit, f.Offset), q.args...)
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
