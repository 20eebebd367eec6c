package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

func (t *tx) SetUnitMessaging(ctx context.Context, org heard.OrganisationID, id heard.UnitID, h heard.ReplyHours, crisisNote string) error {
	return t.execOne(ctx, store.ErrNotFound, `UPDATE units SET reply_days = $3, reply_from = $4, reply_to = $5, escalate_minutes = $6, crisis_note = $7
		WHERE organisation_id = $1 AND id = $2`, org, id, heard.FormatDays(h.Days), h.From, h.To, h.EscalateAfter, crisisNote)
}

func (t *tx) CreateThread(ctx context.Context, th heard.Thread) error {
	_, err := t.exec(ctx, `INSERT INTO threads (id, person_id, unit_id, member_id, subject, started_by, created_at, last_at, to_shared_inbox)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, th.ID, th.PersonID, th.UnitID, nullID(th.MemberID), th.Subject, th.StartedBy, ts(th.Created), ts(th.LastAt),
		th.ToSharedInbox)
	return err
}

const threadColumns = `t.id, t.person_id, t.unit_id, t.member_id, t.subject, t.started_by, t.created_at, t.last_at, t.to_shared_inbox`

func scanThreadInto(th *heard.Thread, member *sql.NullString, created, last *sql.NullTime) []any {
	return []any{&th.ID, &th.PersonID, &th.UnitID, member, &th.Subject, &th.StartedBy, created, last, &th.ToSharedInbox}
}

func (t *tx) GetThread(ctx context.Context, person heard.PersonID, id heard.ThreadID) (heard.Thread, error) {
	return one(t, func(s scanner) (heard.Thread, error) {
		var th heard.Thread
		var member sql.NullString
		var created, last sql.NullTime
		err := s.Scan(scanThreadInto(&th, &member, &created, &last)...)
		th.MemberID, th.Created, th.LastAt = heard.AccountID(member.String), timeOf(created), timeOf(last)
		return th, err
	}, t.queryRow(ctx, `SELECT `+threadColumns+` FROM threads t WHERE t.person_id = $1 AND t.id = $2`, person, id))
}

// fromHerSide is a message written by her or her network, not her team.
const fromHerSide = `m.author_role <> 'professional'`

func (t *tx) ListThreads(ctx context.Context, f store.ThreadFilter) ([]store.ThreadSummary, error) {
	var q filter
	switch {
	case f.PersonID != "":
		q.where("t.person_id = " + q.arg(f.PersonID))
	case f.CareOf != "":
		careOf(&q, "t.person_id", f.CareOf, f.CareAt)
	case len(f.UnitIDs) > 0:
		var units []string
		for _, u := range f.UnitIDs {
			units = append(units, q.arg(u))
		}
		q.where("t.unit_id IN (" + strings.Join(units, ", ") + ")")
	default:
		return nil, nil
	}
	if f.MemberID != "" {
		q.where("t.member_id = " + q.arg(f.MemberID))
	}
	if f.Unanswered {
		q.where(`EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = t.id AND ` + fromHerSide + ` AND m.first_replied_at IS NULL)`)
	}
	return queryAll(ctx, t, func(s scanner) (store.ThreadSummary, error) {
		var out store.ThreadSummary
		var member, memberName sql.NullString
		var created, last sql.NullTime
		var oldestUnread, oldestWait, oldestWaitRead aggregateTime
		err := s.Scan(append(scanThreadInto(&out.Thread, &member, &created, &last), &out.PersonName, &out.UnitName, &memberName,
			&out.Unread, &oldestUnread, &out.Unanswered, &oldestWait, &oldestWaitRead)...)
		out.Thread.MemberID, out.Thread.Created, out.Thread.LastAt = heard.AccountID(member.String), timeOf(created), timeOf(last)
		out.MemberName, out.OldestUnread, out.OldestWait, out.OldestWaitRead = memberName.String, oldestUnread.t, oldestWait.t, oldestWaitRead.t
		return out, err
	}, `SELECT `+threadColumns+`, p.name, u.name, a.name,
		(SELECT COUNT(*) FROM messages m WHERE m.thread_id = t.id AND `+fromHerSide+` AND m.first_read_at IS NULL),
		(SELECT MIN(m.sent_at) FROM messages m WHERE m.thread_id = t.id AND `+fromHerSide+` AND m.first_read_at IS NULL),
		(SELECT COUNT(*) FROM messages m WHERE m.thread_id = t.id AND `+fromHerSide+` AND m.first_replied_at IS NULL),
		(SELECT MIN(m.sent_at) FROM messages m WHERE m.thread_id = t.id AND `+fromHerSide+` AND m.first_replied_at IS NULL),
		(SELECT m.first_read_at FROM messages m WHERE m.thread_id = t.id AND `+fromHerSide+` AND m.first_replied_at IS NULL
			ORDER BY m.sent_at, m.id LIMIT 1)
		FROM threads t JOIN persons p ON p.id = t.person_id JOIN units u ON u.id = t.unit_id LEFT JOIN accounts a ON a.id = t.member_id`+
		q.sql()+` ORDER BY t.last_at DESC, t.id`+q.page(f.Limit, 0), q.args...)
}

func (t *tx) AddMessage(ctx context.Context, m heard.Message) error {
	if _, err := t.exec(ctx, `INSERT INTO messages (id, thread_id, person_id, author_id, author_role, body, sent_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		m.ID, m.ThreadID, m.PersonID, m.AuthorID, m.AuthorRole, m.Body, ts(m.Sent)); err != nil {
		return err
	}
	return t.execOne(ctx, store.ErrNotFound, `UPDATE threads SET last_at = $3 WHERE person_id = $1 AND id = $2`, m.PersonID, m.ThreadID, ts(m.Sent))
}

func (t *tx) ListMessages(ctx context.Context, person heard.PersonID, thread heard.ThreadID) ([]heard.Message, error) {
	return queryAll(ctx, t, func(s scanner) (heard.Message, error) {
		var m heard.Message
		var readBy, repliedBy sql.NullString
		var sent, read, replied sql.NullTime
		err := s.Scan(&m.ID, &m.ThreadID, &m.PersonID, &m.AuthorID, &m.AuthorRole, &m.Body, &sent, &read, &readBy, &replied, &repliedBy)
		m.Sent, m.FirstRead, m.FirstReplied = timeOf(sent), timeOf(read), timeOf(replied)
		m.FirstReadBy, m.FirstRepliedBy = heard.AccountID(readBy.String), heard.AccountID(repliedBy.String)
		return m, err
	}, `SELECT id, thread_id, person_id, author_id, author_role, body, sent_at, first_read_at, first_read_by, first_replied_at, first_replied_by
		FROM messages WHERE person_id = $1 AND thread_id = $2 ORDER BY sent_at, id`, person, thread)
}

func (t *tx) MarkRead(ctx context.Context, person heard.PersonID, thread heard.ThreadID, by heard.AccountID, at time.Time) error {
	_, err := t.exec(ctx, `UPDATE messages SET first_read_at = $4, first_read_by = $3
		WHERE person_id = $1 AND thread_id = $2 AND author_role <> 'professional' AND first_read_at IS NULL AND sent_at <= $4`, person, thread, by, ts(at))
	return err
}

func (t *tx) MarkReplied(ctx context.Context, person heard.PersonID, thread heard.ThreadID, by heard.AccountID, at time.Time) error {
	_, err := t.exec(ctx, `UPDATE messages SET first_replied_at = $4, first_replied_by = $3
		WHERE person_id = $1 AND thread_id = $2 AND author_role <> 'professional' AND first_replied_at IS NULL AND sent_at <= $4`, person, thread, by, ts(at))
	return err
}

// aggregateTime scans a time from a subquery (MIN(), or one row's column):
// PostgreSQL answers a time, SQLite may answer the stored text, since the
// expression has no declared type.
type aggregateTime struct{ t time.Time }

func (a *aggregateTime) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		a.t = time.Time{}
	case time.Time:
		a.t = x.UTC()
	case string:
		t, err := time.Parse("2006-01-02 15:04:05.999999999-07:00", x)
		if err != nil {
			return fmt.Errorf("aggregate time %q: %w", x, err)
		}
		a.t = t.UTC()
	default:
		return fmt.Errorf("aggregate time of type %T", v)
	}
	return nil
}
