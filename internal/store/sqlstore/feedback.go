package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

const feedbackColumns = `id, person_id, encounter_id, author_id, heard, respected, mattered, hope, helped, felt_wrong,
	share_professionals, share_pool, helped_story, felt_wrong_story, version, created_at, updated_at`

func scanFeedback(s scanner) (heard.Feedback, error) {
	var f heard.Feedback
	var answers [4]int
	var shared, pooled bool
	var helpedStory, wrongStory sql.NullString
	var created, updated sql.NullTime
	err := s.Scan(&f.ID, &f.PersonID, &f.EncounterID, &f.Author, &answers[0], &answers[1], &answers[2], &answers[3], &f.Helped, &f.FeltWrong,
		&shared, &pooled, &helpedStory, &wrongStory, &f.Version, &created, &updated)
	f.Created, f.Updated = timeOf(created), timeOf(updated)
	f.Answers = map[heard.FeedbackQuestion]int{}
	for i, q := range heard.FeedbackQuestions {
		if answers[i] > 0 {
			f.Answers[q] = answers[i]
		}
	}
	if shared {
		f.Share = append(f.Share, heard.ShareProfessionals)
	}
	if pooled {
		f.Share = append(f.Share, heard.SharePool)
	}
	for kind, id := range map[heard.StoryKind]sql.NullString{heard.StoryHelped: helpedStory, heard.StoryFeltWrong: wrongStory} {
		if id.Valid {
			if f.Stories == nil {
				f.Stories = map[heard.StoryKind]heard.StoryID{}
			}
			f.Stories[kind] = heard.StoryID(id.String)
		}
	}
	return f, err
}

func storyIDOf(f heard.Feedback, kind heard.StoryKind) sql.NullString {
	id, ok := f.Stories[kind]
	return sql.NullString{String: string(id), Valid: ok}
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

func (t *tx) ListFeedbackBy(ctx context.Context, person heard.PersonID, author heard.AccountID) ([]heard.Feedback, error) {
	return queryAll(ctx, t, scanFeedback, `SELECT `+feedbackColumns+` FROM feedback WHERE person_id = $1 AND author_id = $2 ORDER BY created_at, id`,
		person, author)
}

func (t *tx) SaveFeedback(ctx context.Context, f heard.Feedback, expected int) error {
	a := answersOf(f)
	if expected == 0 {
		// Nothing inserted: the author saved first elsewhere, the same
		// conflict as a stale version.
		return t.execOne(ctx, store.ErrStale, `INSERT INTO feedback (`+feedbackColumns+`)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 1, $15, $16)
			ON CONFLICT (encounter_id, author_id) DO NOTHING`,
			f.ID, f.PersonID, f.EncounterID, f.Author, a[0], a[1], a[2], a[3], f.Helped, f.FeltWrong,
			f.SharedWith(heard.ShareProfessionals), f.SharedWith(heard.SharePool), storyIDOf(f, heard.StoryHelped), storyIDOf(f, heard.StoryFeltWrong),
			ts(f.Created), ts(f.Updated))
	}
	return t.execOne(ctx, store.ErrStale, `UPDATE feedback SET heard = $4, respected = $5, mattered = $6, hope = $7, helped = $8, felt_wrong = $9,
		share_professionals = $10, share_pool = $11, helped_story = $12, felt_wrong_story = $13, version = version + 1, updated_at = $14
		WHERE person_id = $1 AND encounter_id = $2 AND author_id = $3 AND version = $15`,
		f.PersonID, f.EncounterID, f.Author, a[0], a[1], a[2], a[3], f.Helped, f.FeltWrong,
		f.SharedWith(heard.ShareProfessionals), f.SharedWith(heard.SharePool), storyIDOf(f, heard.StoryHelped), storyIDOf(f, heard.StoryFeltWrong),
		ts(f.Updated), expected)
}

func (t *tx) CreateStory(ctx context.Context, s heard.Story) error {
	_, err := t.exec(ctx, `INSERT INTO stories (id, organisation_id, kind, unit_id, month, encounter_kind, text) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		s.ID, s.OrganisationID, s.Kind, sql.NullString{String: string(s.UnitID), Valid: s.UnitID != ""}, s.Month, s.EncounterKind, s.Text)
	return err
}

func (t *tx) DeleteStory(ctx context.Context, org heard.OrganisationID, id heard.StoryID) error {
	_, err := t.exec(ctx, `DELETE FROM stories WHERE organisation_id = $1 AND id = $2`, org, id)
	return err
}

// ListStories orders by month, newest first, then by the random ID: the
// order of writing would hint at who wrote what.
func (t *tx) ListStories(ctx context.Context, org heard.OrganisationID, f store.StoryFilter) ([]heard.Story, error) {
	return queryAll(ctx, t, func(s scanner) (heard.Story, error) {
		var st heard.Story
		var unit, unitName sql.NullString
		err := s.Scan(&st.ID, &st.OrganisationID, &st.Kind, &unit, &unitName, &st.Month, &st.EncounterKind, &st.Text)
		st.UnitID, st.UnitName = heard.UnitID(unit.String), unitName.String
		return st, err
	}, `SELECT s.id, s.organisation_id, s.kind, s.unit_id, u.name, s.month, s.encounter_kind, s.text
		FROM stories s LEFT JOIN units u ON u.id = s.unit_id
		WHERE s.organisation_id = $1 AND ($2 = '' OR s.unit_id = $2) AND ($3 = '' OR s.kind = $3) AND ($4 = '' OR s.month >= $4) AND ($5 = '' OR s.month <= $5)
		ORDER BY s.month DESC, s.id`, org, f.UnitID, f.Kind, f.From, f.To)
}

func (t *tx) KnownNames(ctx context.Context, org heard.OrganisationID) ([]string, error) {
	return queryAll(ctx, t, func(s scanner) (string, error) {
		var n string
		return n, s.Scan(&n)
	}, `SELECT name FROM persons WHERE organisation_id = $1 UNION SELECT name FROM accounts WHERE organisation_id = $1`, org)
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

func (t *tx) FeedbackSettled(ctx context.Context, person heard.PersonID, author heard.AccountID) (map[heard.EncounterID]bool, error) {
	ids, err := queryAll(ctx, t, func(s scanner) (heard.EncounterID, error) {
		var id heard.EncounterID
		return id, s.Scan(&id)
	}, `SELECT encounter_id FROM feedback WHERE person_id = $1 AND author_id = $2
		UNION SELECT encounter_id FROM feedback_dismissals WHERE person_id = $1 AND author_id = $2`, person, author)
	out := make(map[heard.EncounterID]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, err
}

func (t *tx) DismissFeedback(ctx context.Context, person heard.PersonID, encounter heard.EncounterID, author heard.AccountID, at time.Time) error {
	_, err := t.exec(ctx, `INSERT INTO feedback_dismissals (person_id, encounter_id, author_id, dismissed_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (encounter_id, author_id) DO NOTHING`, person, encounter, author, ts(at))
	return err
}
