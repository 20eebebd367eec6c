package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

func (t *tx) Enqueue(ctx context.Context, n heard.Notification) error {
	_, err := t.exec(ctx, `INSERT INTO outbox (id, event_key, kind, to_addr, lang, path, created_at, next_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (event_key) DO NOTHING`,
		n.ID, n.EventKey, n.Kind, n.To, n.Lang, n.Path, ts(n.Created), ts(n.NextAt))
	return err
}

const outboxColumns = `id, event_key, kind, to_addr, lang, path, created_at, attempts, next_at, sending_at, sent_at, uncertain, gave_up, last_error`

func scanNotification(s scanner) (heard.Notification, error) {
	var n heard.Notification
	var created, next, sending, sent sql.NullTime
	err := s.Scan(&n.ID, &n.EventKey, &n.Kind, &n.To, &n.Lang, &n.Path, &created, &n.Attempts, &next, &sending, &sent, &n.Uncertain, &n.GaveUp, &n.LastError)
	n.Created, n.NextAt, n.Sending, n.Sent = timeOf(created), timeOf(next), timeOf(sending), timeOf(sent)
	return n, err
}

func (t *tx) ClaimNotification(ctx context.Context, now time.Time, lease time.Duration) (heard.Notification, bool, error) {
	// A sender that stopped between "sending" and "sent" cannot know
	// whether the server took the message: never send it again.
	if _, err := t.exec(ctx, `UPDATE outbox SET uncertain = TRUE, path = ''
		WHERE sent_at IS NULL AND sending_at IS NOT NULL AND NOT uncertain AND claimed_until <= $1`, ts(now)); err != nil {
		return heard.Notification{}, false, err
	}
	for {
		n, err := one(t, scanNotification, t.queryRow(ctx, `SELECT `+outboxColumns+` FROM outbox
			WHERE sent_at IS NULL AND sending_at IS NULL AND NOT gave_up AND next_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
			ORDER BY next_at, id LIMIT 1`, ts(now)))
		if heard.ErrorCode(err) == heard.CodeNotFound {
			return heard.Notification{}, false, nil
		}
		if err != nil {
			return n, false, err
		}
		// Another sender may have claimed it since: only one update wins.
		res, err := t.exec(ctx, `UPDATE outbox SET claimed_until = $2 WHERE id = $1 AND sending_at IS NULL AND sent_at IS NULL
			AND (claimed_until IS NULL OR claimed_until <= $3)`, n.ID, ts(now.Add(lease)), ts(now))
		if err != nil {
			return n, false, err
		}
		if k, err := res.RowsAffected(); err != nil || k == 1 {
			return n, err == nil, err
		}
	}
}

func (t *tx) MarkSending(ctx context.Context, id string, at time.Time) error {
	return t.execOne(ctx, store.ErrConflict, `UPDATE outbox SET sending_at = $2 WHERE id = $1 AND sending_at IS NULL AND sent_at IS NULL`, id, ts(at))
}

func (t *tx) MarkSent(ctx context.Context, id string, at time.Time) error {
	return t.execOne(ctx, store.ErrNotFound, `UPDATE outbox SET sent_at = $2, path = '', claimed_until = NULL, attempts = attempts + 1 WHERE id = $1`, id, ts(at))
}

func (t *tx) MarkFailed(ctx context.Context, id string, attempts int, next time.Time, reason string, giveUp bool) error {
	if giveUp {
		return t.execOne(ctx, store.ErrNotFound, `UPDATE outbox SET attempts = $2, last_error = $3, gave_up = TRUE, path = '', claimed_until = NULL,
			sending_at = NULL WHERE id = $1`, id, attempts, reason)
	}
	return t.execOne(ctx, store.ErrNotFound, `UPDATE outbox SET attempts = $2, last_error = $3, next_at = $4, claimed_until = NULL, sending_at = NULL
		WHERE id = $1`, id, attempts, reason, ts(next))
}

func (t *tx) ListNotifications(ctx context.Context) ([]heard.Notification, error) {
	return queryAll(ctx, t, scanNotification, `SELECT `+outboxColumns+` FROM outbox ORDER BY created_at, id`)
}
