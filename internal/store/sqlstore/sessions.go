package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

// CreateSession starts a session whose "new since" begins where the
// account's last visit ended; a full login (not one waiting for its second
// factor) moves the account's visit on to now.
func (t *tx) CreateSession(ctx context.Context, s store.Session) error {
	if _, err := t.exec(ctx, `INSERT INTO sessions (id, account_id, csrf_token, second_factor_pending, created_at, last_seen_at, expires_at, since_seq)
		VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT visited_seq FROM accounts WHERE id = $2))`,
		s.ID, s.AccountID, s.CSRFToken, s.SecondFactorPending, ts(s.Created), ts(s.LastSeen), ts(s.Expires)); err != nil {
		return err
	}
	if s.SecondFactorPending {
		return nil
	}
	return t.visited(ctx, s.AccountID)
}

// visited records that the account has seen Heard as the log stands now.
func (t *tx) visited(ctx context.Context, id heard.AccountID) error {
	_, err := t.exec(ctx, `UPDATE accounts SET visited_seq = (SELECT seq FROM access_log_head WHERE id = 1) WHERE id = $1`, id)
	return err
}

func (t *tx) GetSessionIdentity(ctx context.Context, id string) (store.SessionIdentity, error) {
	return one(t, func(sc scanner) (store.SessionIdentity, error) {
		var si store.SessionIdentity
		var person, capacity sql.NullString
		session, sessionDone := sessionFields(&si.Session)
		account, accountDone := accountFields(&si.Account)
		org, orgDone := organisationFields(&si.Organisation)
		err := sc.Scan(append(append(append(session, account...), org...), &person, &capacity)...)
		sessionDone()
		accountDone()
		orgDone()
		si.PersonID, si.Capacity = heard.PersonID(person.String), heard.Capacity(capacity.String)
		return si, err
	}, t.queryRow(ctx, `SELECT `+qualified("s", sessionColumns)+`, `+qualified("a", accountColumns)+`, `+qualified("o", organisationColumns)+`, p.id, p.capacity
		FROM sessions s
		JOIN accounts a ON a.id = s.account_id
		JOIN organisations o ON o.id = a.organisation_id
		LEFT JOIN persons p ON p.account_id = a.id AND a.role = 'person'
		WHERE s.id = $1`, id))
}

const sessionColumns = `id, account_id, csrf_token, second_factor_pending, created_at, last_seen_at, expires_at, since_seq`

// sessionFields returns the scan destinations of sessionColumns for s, and
// a function that completes s once they are scanned.
func sessionFields(s *store.Session) ([]any, func()) {
	var created, seen, expires sql.NullTime
	return []any{&s.ID, &s.AccountID, &s.CSRFToken, &s.SecondFactorPending, &created, &seen, &expires, &s.SinceSeq},
		func() { s.Created, s.LastSeen, s.Expires = timeOf(created), timeOf(seen), timeOf(expires) }
}

func (t *tx) GetSession(ctx context.Context, id string) (store.Session, error) {
	return one(t, func(sc scanner) (store.Session, error) {
		var s store.Session
		dest, complete := sessionFields(&s)
		err := sc.Scan(dest...)
		complete()
		return s, err
	}, t.queryRow(ctx, `SELECT `+sessionColumns+` FROM sessions WHERE id = $1`, id))
}
func (t *tx) TouchSession(ctx context.Context, id string, at time.Time) error {
	if err := t.execOne(ctx, store.ErrNotFound, `UPDATE sessions SET last_seen_at = $2 WHERE id = $1`, id, ts(at)); err != nil {
		return err
	}
	_, err := t.exec(ctx, `UPDATE accounts SET visited_seq = (SELECT seq FROM access_log_head WHERE id = 1)
		WHERE id = (SELECT account_id FROM sessions WHERE id = $1 AND NOT second_factor_pending)`, id)
	return err
}

func (t *tx) DeleteSession(ctx context.Context, id string) error {
	_, err := t.exec(ctx, `DELETE FROM sessions WHERE id = $1`, id)
	return err
}

func (t *tx) DeleteAccountSessions(ctx context.Context, id heard.AccountID, except string) (int, error) {
	res, err := t.exec(ctx, `DELETE FROM sessions WHERE account_id = $1 AND id <> $2`, id, except)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

func (t *tx) DeleteExpiredSessions(ctx context.Context, now, idleBefore time.Time) (int, error) {
	res, err := t.exec(ctx, `DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at < $2`, ts(now), ts(idleBefore))
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

func (t *tx) AddLoginFailure(ctx context.Context, id, key string, at time.Time) error {
	_, err := t.exec(ctx, `INSERT INTO login_failures (id, key, at) VALUES ($1, $2, $3)`, id, key, ts(at))
	return err
}

func (t *tx) CountLoginFailures(ctx context.Context, key string, since time.Time) (int, time.Time, error) {
	var n int
	var last sql.NullTime
	// MAX over a TIMESTAMP column loses its declared type in SQLite, so the
	// latest time is read with ORDER BY instead of MAX.
	err := t.queryRow(ctx, `SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2`, key, ts(since)).Scan(&n)
	if err != nil || n == 0 {
		return n, time.Time{}, t.d.MapError(err)
	}
	err = t.queryRow(ctx, `SELECT at FROM login_failures WHERE key = $1 ORDER BY at DESC LIMIT 1`, key).Scan(&last)
	return n, timeOf(last), t.d.MapError(err)
}

func (t *tx) ClearLoginFailures(ctx context.Context, key string) error {
	_, err := t.exec(ctx, `DELETE FROM login_failures WHERE key = $1`, key)
	return err
}

func (t *tx) RemoveLoginFailure(ctx context.Context, id string) error {
	_, err := t.exec(ctx, `DELETE FROM login_failures WHERE id = $1`, id)
	return err
}

func (t *tx) PruneLoginFailures(ctx context.Context, before time.Time) error {
	_, err := t.exec(ctx, `DELETE FROM login_failures WHERE at < $1`, ts(before))
	return err
}

func (t *tx) CreateLoginDevice(ctx context.Context, id string, account heard.AccountID, at time.Time) error {
	_, err := t.exec(ctx, `INSERT INTO login_devices (id, account_id, created_at, last_used) VALUES ($1, $2, $3, $3)`, id, account, ts(at))
	return err
}

func (t *tx) GetLoginDevice(ctx context.Context, id string) (heard.AccountID, error) {
	var a heard.AccountID
	err := t.queryRow(ctx, `SELECT account_id FROM login_devices WHERE id = $1`, id).Scan(&a)
	if errors.Is(err, sql.ErrNoRows) {
		return "", store.ErrNotFound
	}
	return a, t.d.MapError(err)
}

func (t *tx) TouchLoginDevice(ctx context.Context, id string, at time.Time) error {
	_, err := t.exec(ctx, `UPDATE login_devices SET last_used = $2 WHERE id = $1`, id, ts(at))
	return err
}

func (t *tx) PruneLoginDevices(ctx context.Context, before time.Time) error {
	_, err := t.exec(ctx, `DELETE FROM login_devices WHERE last_used < $1`, ts(before))
	return err
}
