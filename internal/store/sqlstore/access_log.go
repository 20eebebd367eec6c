package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

// LogAccess queues entries; they are chained and appended when the
// transaction commits (a write's in its own commit, a read's by the
// committer before Read returns).
func (t *tx) LogAccess(entries ...heard.AccessEntry) error {
	if t.ended {
		return errors.New("access log: the transaction has ended, its entries would be lost")
	}
	t.pending = append(t.pending, entries...)
	return nil
}

// lockAccessHead returns the head and holds it until the transaction ends.
func (t *tx) lockAccessHead(ctx context.Context) (heard.AccessHead, error) {
	// An UPDATE that changes nothing still takes PostgreSQL's row lock until
	// commit, which orders appends from several processes; SQLite's write
	// transaction is exclusive already. One statement serves both engines
	// (SELECT ... FOR UPDATE does not exist in SQLite).
	var h heard.AccessHead
	err := t.queryRow(ctx, `UPDATE access_log_head SET seq = seq WHERE id = 1 RETURNING seq, hash`).Scan(&h.Seq, &h.Hash)
	return h, t.d.MapError(err)
}

// appendAccessEntries inserts chained entries, many to a statement, and
// moves the head to the last of them. Call lockAccessHead first.
func (t *tx) appendAccessEntries(ctx context.Context, entries []heard.AccessEntry) error {
	for rest := entries; len(rest) > 0; {
		n := min(len(rest), insertAccessRows)
		args := make([]any, 0, n*15)
		for _, e := range rest[:n] {
			args = append(args, e.Seq, ts(e.At), e.ActorID, e.ActorRole, e.Basis, e.PersonID, e.Action, e.ResourceID, e.Outcome,
				e.Reason, e.ClientAddr, e.RequestID, e.PrevHash, e.Hash, e.Detail)
		}
		if _, err := t.exec(ctx, `INSERT INTO access_log (`+accessColumns+`) VALUES `+valuesList(n, 15, t.d.PlainParams), args...); err != nil {
			return err
		}
		rest = rest[n:]
	}
	last := entries[len(entries)-1]
	return t.execOne(ctx, store.ErrNotFound, `UPDATE access_log_head SET seq = $1, hash = $2 WHERE id = 1`, last.Seq, last.Hash)
}

func (t *tx) AccessHead(ctx context.Context) (heard.AccessHead, error) {
	var h heard.AccessHead
	err := t.queryRow(ctx, `SELECT seq, hash FROM access_log_head WHERE id = 1`).Scan(&h.Seq, &h.Hash)
	return h, t.d.MapError(err)
}

const accessColumns = `seq, at, actor_id, actor_role, basis, person_id, action, resource_id, outcome, reason,
	client_addr, request_id, prev_hash, hash, detail`

func scanAccess(s scanner) (heard.AccessEntry, error) {
	var e heard.AccessEntry
	var at sql.NullTime
	err := s.Scan(&e.Seq, &at, &e.ActorID, &e.ActorRole, &e.Basis, &e.PersonID, &e.Action, &e.ResourceID, &e.Outcome,
		&e.Reason, &e.ClientAddr, &e.RequestID, &e.PrevHash, &e.Hash, &e.Detail)
	e.At = timeOf(at)
	return e, err
}

func (t *tx) ListAccessEntries(ctx context.Context, f store.AccessFilter) ([]heard.AccessEntry, error) {
	q := accessFilter(f)
	if f.BeforeSeq > 0 {
		q.where("seq < " + q.arg(f.BeforeSeq))
	}
	if f.ActorID != "" {
		q.where("actor_id = " + q.arg(f.ActorID))
	}
	if f.OtherPersonsThan != "" {
		q.where("actor_role = 'person' AND actor_id <> " + q.arg(f.OtherPersonsThan))
	}
	if len(f.Actions) > 0 {
		in := make([]string, len(f.Actions))
		for i, a := range f.Actions {
			in[i] = q.arg(string(a))
		}
		q.where("action IN (" + strings.Join(in, ", ") + ")")
	}
	return queryAll(ctx, t, scanAccess, `SELECT `+accessColumns+` FROM access_log`+q.sql()+` ORDER BY seq DESC`+q.page(f.Limit, 0), q.args...)
}

func (t *tx) ListAccessActors(ctx context.Context, f store.AccessFilter) ([]heard.Account, error) {
	q := accessFilter(f)
	return queryAll(ctx, t, func(sc scanner) (heard.Account, error) {
		var a heard.Account
		dest, done := accountFields(&a)
		err := sc.Scan(dest...)
		done()
		return a, err
	}, `SELECT `+qualified("a", accountColumns)+` FROM accounts a WHERE a.id IN (SELECT actor_id FROM access_log`+q.sql()+
		` ORDER BY seq DESC`+q.page(f.Limit, 0)+`) ORDER BY a.id`, q.args...)
}

// Word for word the conditions of the partial indexes access_log_news_hers
// and access_log_news_care (migration 0022): SQLite uses a partial index
// only for a query that states its condition. Other persons' writes in her
// record are refused, so "allowed, not by a person" is "by others".
var (
	hersNews = `outcome = 'allowed' AND actor_role <> 'person' AND action IN (` + actionList(heard.PersonNews) + `)`
	careNews = `outcome = 'allowed' AND action IN (` + actionList(heard.CareNews) + `)`
)

// actionList is actions as SQL string literals. They are constants of
// heard, never input.
func actionList(actions []heard.Action) string {
	quoted := make([]string, len(actions))
	for i, a := range actions {
		quoted[i] = "'" + string(a) + "'"
	}
	return strings.Join(quoted, ", ")
}

func (t *tx) ListNews(ctx context.Context, f store.NewsFilter) ([]heard.AccessEntry, error) {
	var q filter
	switch {
	case f.PersonID != "":
		q.where("person_id = " + q.arg(f.PersonID))
		q.where(hersNews)
	case f.CareOf != "":
		careOf(&q, "person_id", f.CareOf, f.CareAt)
		q.where(careNews)
	default:
		return nil, nil
	}
	q.where("seq > " + q.arg(f.AfterSeq))
	q.where("actor_id <> " + q.arg(f.Reader))
	return queryAll(ctx, t, scanAccess, `SELECT `+accessColumns+` FROM access_log`+q.sql()+` ORDER BY seq DESC`+q.page(f.Limit, 0), q.args...)
}

// accessFilter is the person and "not her own visits" of f.
func accessFilter(f store.AccessFilter) filter {
	var q filter
	q.where("person_id = " + q.arg(f.PersonID))
	if f.ExcludeOwn {
		// Word for word the condition of the partial index
		// access_log_not_own, so that SQLite uses it.
		q.where("(actor_role <> 'person' OR outcome <> 'allowed')")
	}
	return q
}

func (t *tx) ScanAccessLog(ctx context.Context, fn func(heard.AccessEntry) error) error {
	rows, err := t.query(ctx, `SELECT `+accessColumns+` FROM access_log ORDER BY seq`)
	if err != nil {
		return t.d.MapError(err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAccess(rows)
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return t.d.MapError(rows.Err())
}

// insertAccessRows is how many entries one INSERT carries: with 15
// columns each, far below both engines' limit on parameters.
const insertAccessRows = 100

// valuesList returns "($1, …, $cols), ($cols+1, …)" for rows rows, or
// "(?, …), (?, …)" when plain.
func valuesList(rows, cols int, plain bool) string {
	var b strings.Builder
	n := 0
	for r := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range cols {
			if c > 0 {
				b.WriteString(", ")
			}
			n++
			if plain {
				b.WriteByte('?')
			} else {
				b.WriteString("$" + strconv.Itoa(n))
			}
		}
		b.WriteByte(')')
	}
	return b.String()
}
