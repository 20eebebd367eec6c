package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

// tx implements store.Tx; one file per table group adds its methods.
type tx struct {
	// tx is a *sql.Tx, or the read pool itself for a Lookup.
	tx querier
	d  Dialect
	// pending are the access-log entries queued by LogAccess.
	pending []heard.AccessEntry
	// ended is set once fn has returned: entries queued later would be lost.
	ended bool
	// stmts, if set, prepares each query text once per connection.
	stmts *stmtCache
	// detached statements ignore the caller's cancellation: they run in the
	// committer's shared transaction, which one caller leaving must not
	// break (a cancelled query can cost PostgreSQL the connection).
	detached bool
}

// querier runs statements: a transaction, or a pool outside one.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// ctx is the context statements run under.
func (t *tx) ctx(ctx context.Context) context.Context {
	if t.detached {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

var _ store.Tx = (*tx)(nil)

func (t *tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	ctx = t.ctx(ctx)
	var res sql.Result
	var err error
	if s := t.prepared(ctx, query); s != nil {
		res, err = s.ExecContext(ctx, args...)
	} else {
		res, err = t.tx.ExecContext(ctx, query, args...)
	}
	if err != nil {
		return nil, t.d.MapError(err)
	}
	return res, nil
}

// execOne runs a statement that must change exactly one row; none means the
// row does not exist (or, with a state condition, is no longer in that state:
// callers pass the error for that case).
func (t *tx) execOne(ctx context.Context, none error, query string, args ...any) error {
	res, err := t.exec(ctx, query, args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n != 1 {
		return none
	}
	return nil
}

// exists returns store.ErrNotFound when table has no row with id. After an
// UPDATE that changed nothing it tells "no such row" from "no longer in
// that state". table is always a constant of this package.
func (t *tx) exists(ctx context.Context, table string, id any) error {
	var one int
	err := t.queryRow(ctx, `SELECT 1 FROM `+table+` WHERE id = $1`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return store.ErrNotFound
	}
	return t.d.MapError(err)
}

func (t *tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	ctx = t.ctx(ctx)
	if s := t.prepared(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, query, args...)
}

func (t *tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	ctx = t.ctx(ctx)
	if s := t.prepared(ctx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return t.tx.QueryContext(ctx, query, args...)
}

// prepared returns query's cached statement bound to this transaction, or
// nil when statements are not cached.
func (t *tx) prepared(ctx context.Context, query string) *sql.Stmt {
	if t.stmts == nil {
		return nil
	}
	s := t.stmts.get(query)
	if s == nil {
		return nil
	}
	if sqlTx, ok := t.tx.(*sql.Tx); ok {
		return sqlTx.StmtContext(ctx, s)
	}
	return s
}

// queryAll runs a query and scans every row with scan.
func queryAll[T any](ctx context.Context, t *tx, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return nil, t.d.MapError(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, t.d.MapError(rows.Err())
}

// one scans a single row, turning "no rows" into store.ErrNotFound.
func one[T any](t *tx, scan func(scanner) (T, error), row *sql.Row) (T, error) {
	v, err := scan(row)
	if errors.Is(err, sql.ErrNoRows) {
		return v, store.ErrNotFound
	}
	if err != nil {
		return v, t.d.MapError(err)
	}
	return v, nil
}

type scanner interface {
	Scan(dest ...any) error
}

// ts is how a time is written: UTC, at the microsecond precision both
// engines keep, and NULL for the zero time. UTC text also sorts correctly in
// SQLite, where times are stored as text.
func ts(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Truncate(time.Microsecond)
}

// timeOf reads a nullable time column back as UTC, zero for NULL.
func timeOf(n sql.NullTime) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return n.Time.UTC()
}

// jsonText writes a value as JSON text. Structured values (a part's fields,
// an encounter's participants) are stored as text so that both engines
// store them alike; nothing queries inside them.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("sqlstore: marshal %T: %v", v, err)) // maps of strings and flat structs always marshal
	}
	return string(b)
}

// fromJSON reads JSON text written by jsonText.
func fromJSON(text string, v any) error {
	if text == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(text), v); err != nil {
		return fmt.Errorf("stored JSON: %w", err)
	}
	return nil
}

// qualified prefixes each of a comma-separated list of columns with a
// table alias, for a join that reads a table's usual columns.
func qualified(alias, columns string) string {
	cols := strings.Split(columns, ",")
	for i, c := range cols {
		cols[i] = alias + "." + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}

// filter gathers optional conditions and numbers their placeholders, so list
// queries stay plain SQL without OR-tricks that defeat indexes.
type filter struct {
	conds []string
	args  []any
}

// arg adds a value and returns its placeholder.
func (f *filter) arg(v any) string {
	f.args = append(f.args, v)
	return "$" + strconv.Itoa(len(f.args))
}

// where adds a condition; write placeholders with f.arg.
func (f *filter) where(cond string) { f.conds = append(f.conds, cond) }

// sql returns " WHERE a AND b" or "".
func (f *filter) sql() string {
	if len(f.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(f.conds, " AND ")
}

// page returns the LIMIT/OFFSET clause; limit 0 means no limit.
func (f *filter) page(limit, offset int) string {
	s := ""
	if limit > 0 {
		s += " LIMIT " + f.arg(limit)
	}
	if offset > 0 {
		s += " OFFSET " + f.arg(offset)
	}
	return s
}

// ExecRaw runs a statement as it is. It is not part of store.Tx: it exists
// for tests that play someone with direct database access (tampering with
// the access log); the app never reaches it.
func (t *tx) ExecRaw(ctx context.Context, query string) error {
	_, err := t.exec(ctx, query)
	return err
}
