package sqlstore

import (
	"context"
	"database/sql"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

func (t *tx) CreateAccount(ctx context.Context, a heard.Account, passwordHash string) error {
	_, err := t.exec(ctx, `INSERT INTO accounts
		(id, organisation_id, email, name, role, peer_worker, locale, password_hash, created_at, disabled_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		a.ID, a.OrganisationID, a.Email, a.Name, a.Role, a.PeerWorker, a.Locale, passwordHash, ts(a.CreatedAt), ts(a.DisabledAt))
	return err
}

const accountColumns = `id, organisation_id, email, name, role, peer_worker, locale, totp_enabled, created_at, disabled_at`

// accountFields returns the scan destinations of accountColumns for a, and
// a function that completes a once they are scanned.
func accountFields(a *heard.Account) ([]any, func()) {
	var created, disabled sql.NullTime
	return []any{&a.ID, &a.OrganisationID, &a.Email, &a.Name, &a.Role, &a.PeerWorker, &a.Locale, &a.TOTPEnabled, &created, &disabled},
		func() { a.CreatedAt, a.DisabledAt = timeOf(created), timeOf(disabled) }
}

func scanAccount(s scanner) (heard.Account, error) {
	var a heard.Account
	dest, complete := accountFields(&a)
	err := s.Scan(dest...)
	complete()
	return a, err
}

func (t *tx) GetAccount(ctx context.Context, id heard.AccountID) (heard.Account, error) {
	return one(t, scanAccount, t.queryRow(ctx, `SELECT `+accountColumns+` FROM accounts WHERE id = $1`, id))
}

func (t *tx) GetAccountByEmail(ctx context.Context, email string) (heard.Account, error) {
	return one(t, scanAccount, t.queryRow(ctx, `SELECT `+accountColumns+` FROM accounts WHERE email = $1`, email))
}

func (t *tx) ListAccounts(ctx context.Context, f store.AccountFilter) ([]heard.Account, error) {
	var q filter
	if f.OrganisationID != "" {
		q.where("organisation_id = " + q.arg(f.OrganisationID))
	}
	if f.Role != "" {
		q.where("role = " + q.arg(f.Role))
	}
	return queryAll(ctx, t, scanAccount, `SELECT `+accountColumns+` FROM accounts`+q.sql()+` ORDER BY name, id`+q.page(f.Limit, f.Offset), q.args...)
}

func (t *tx) CountAccounts(ctx context.Context) (int, error) {
	var n int
	err := t.queryRow(ctx, `SELECT COUNT(*) FROM accounts`).Scan(&n)
	return n, t.d.MapError(err)
}

func (t *tx) SetAccountLocale(ctx context.Context, id heard.AccountID, locale string) error {
	return t.execOne(ctx, store.ErrNotFound, `UPDATE accounts SET locale = $2 WHERE id = $1`, id, locale)
}

func (t *tx) GetCredentials(ctx context.Context, id heard.AccountID) (store.Credentials, error) {
	return one(t, func(s scanner) (store.Credentials, error) {
		var c store.Credentials
		err := s.Scan(&c.AccountID, &c.PasswordHash, &c.TOTPSecret, &c.TOTPEnabled, &c.TOTPLastStep)
		return c, err
	}, t.queryRow(ctx, `SELECT id, password_hash, totp_secret, totp_enabled, totp_last_step FROM accounts WHERE id = $1`, id))
}

func (t *tx) SetPasswordHash(ctx context.Context, id heard.AccountID, hash string) error {
	return t.execOne(ctx, store.ErrNotFound, `UPDATE accounts SET password_hash = $2 WHERE id = $1`, id, hash)
}

func (t *tx) SetTOTP(ctx context.Context, id heard.AccountID, secret string, enabled bool) error {
	return t.execOne(ctx, store.ErrNotFound, `UPDATE accounts SET totp_secret = $2, totp_enabled = $3, totp_last_step = 0 WHERE id = $1`,
		id, secret, enabled)
}

func (t *tx) UseTOTPStep(ctx context.Context, id heard.AccountID, step int64) error {
	return t.execOne(ctx, store.ErrConflict, `UPDATE accounts SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2`, id, step)
}
