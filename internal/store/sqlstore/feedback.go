package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

const feedbackColumns = `id, person_id, encounter_id, author_id, heard, respected, mattered, hope, helped, felt_wrong,
	share_professionals, version, created_at, updated_at`

func scanFeedback(s scanner) (heard.Feedback, error) {
	var f heard.Feedback
	var answers [4]int
	var shared bool
	var created, updated sql.NullTime
	err := s.Scan(&f.ID, &f.PersonID, &f.EncounterID, &f.Author, &answers[0], &answers[1], &answers[2], &answers[3], &f.Helped, &f.FeltWrong,
		&shared, &f.Version, &created, &updated)
	f.Created, f.Updated = timeOf(created), timeOf(updated)
	f.Answers = map[heard.FeedbackQuestion]int{}
	for i, q := range heard.FeedbackQuestions {
		if answers[i] > 0 {
			f.Answers[q] = answers[i]
		}
	}
	if shared {
		f.Share = []heard.Share{heard.ShareProfessionals}
	}
	return f, err
}

func answersOf(f heard.Feedback) []any {
	out := make([]any, len(heard.FeedbackQuestions))
	for i, q := range heard.FeedbackQuestions {
		out[i] = f.Answers[q]
	}
	return out
}

func (t *tx) ListFeedback(ctx context.Context, person heard.PersonID, encounter heard.EncounterID) ([]heard.Feedback, error) {
	return queryAll(ctx, t, scanFeedback, `SELECT `+feedbackColumns+` FROM feedback WHERE person_id = $1 AND encounter_id = $2 ORDER BY created_at, id`,
		person, encounter)
}

func (t *tx) SaveFeedback(ctx context.Context, f heard.Feedback, expected int) error {
	a := answersOf(f)
	if expected == 0 {
		// Nothing inserted: the author saved first elsewhere, the same
		// conflict as a stale version.
		return t.execOne(ctx, store.ErrStale, `INSERT INTO feedback (`+feedbackColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $13)
			ON CONFLICT (encounter_id, author_id) DO NOTHING`,
			f.ID, f.PersonID, f.EncounterID, f.Author, a[0], a[1], a[2], a[3], f.Helped, f.FeltWrong, f.SharedWith(heard.ShareProfessionals),
			ts(f.Created), ts(f.Updated))
	}
	return t.execOne(ctx, store.ErrStale, `UPDATE feedback SET heard = $4, respected = $5, mattered = $6, hope = $7, helped = $8, felt_wrong = $9,
		share_professionals = $10, version = version + 1, updated_at = $11
		WHERE person_id = $1 AND encounter_id = $2 AND author_id = $3 AND version = $12`,
		f.PersonID, f.EncounterID, f.Author, a[0], a[1], a[2], a[3], f.Helped, f.FeltWrong, f.SharedWith(heard.ShareProfessionals), ts(f.Updated), expected)
}

func (t *tx) CreateFeedbackLink(ctx context.Context, l heard.FeedbackLink) error {
	_, err := t.exec(ctx, `INSERT INTO feedback_links (token_hash, person_id, encounter_id, created_by, created_at, expires_at, used_at)
		VALUES ($1, $2, $3, $4, $5, $6, NULL)`, l.TokenHash, l.PersonID, l.EncounterID, l.CreatedBy, ts(l.Created), ts(l.Expires))
	return err
}

func (t *tx) GetFeedbackLink(ctx context.Context, tokenHash string) (heard.FeedbackLink, error) {
	return one(t, func(s scanner) (heard.FeedbackLink, error) {
		var l heard.FeedbackLink
		var created, expires, used sql.NullTime
		err := s.Scan(&l.TokenHash, &l.PersonID, &l.EncounterID, &l.CreatedBy, &created, &expires, &used)
		l.Created, l.Expires, l.Used = timeOf(created), timeOf(expires), timeOf(used)
		return l, err
	}, t.queryRow(ctx, `SELECT token_hash, person_id, encounter_id, created_by, created_at, expires_at, used_at FROM feedback_links WHERE token_hash = $1`, tokenHash))
}

func (t *tx) UseFeedbackLink(ctx context.Context, tokenHash string, at time.Time) error {
	return t.execOne(ctx, store.ErrNotFound, `UPDATE feedback_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2`,
		tokenHash, ts(at))
}
