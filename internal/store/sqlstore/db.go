package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/heard-health/heard/internal/store"
)

// DB implements store.Store on two pools. Reads run in a snapshot on the
// read pool, beside the writer. Every write, and every read's access-log
// entries, goes through the process's one committer on the write pool,
// which commits many callers' work in one durable transaction. For SQLite
// the write pool has one connection (SQLite has one writer at a time); for
// PostgreSQL both are the same pool.
type DB struct {
	write, read           *sql.DB
	writeStmts, readStmts *stmtCache
	dialect               Dialect
	committer             *committer
}

// New returns a store on the pools and starts its committer. It takes
// ownership: Close commits what is queued and closes both pools.
func New(write, read *sql.DB, d Dialect) *DB {
	db := &DB{write: write, read: read, dialect: d}
	if d.PrepareStatements {
		db.writeStmts, db.readStmts = newStmtCache(write), newStmtCache(read)
	}
	db.committer = newCommitter(write, d, db.writeStmts)
	return db
}

var _ store.Store = (*DB)(nil)

// Engine names the engine.
func (db *DB) Engine() string { return db.dialect.Name }

// Write runs fn in a savepoint of the committer's next batch. It returns
// once the batch, with fn's changes and access-log entries, is durable, or
// with fn's error and nothing of fn kept.
func (db *DB) Write(ctx context.Context, fn func(store.Tx) error) error {
	err := db.committer.do(&job{ctx: ctx, fn: fn})
	var p panicError
	if errors.As(err, &p) {
		panic(p.value)
	}
	return err
}

// Read runs fn in a read-only snapshot. Access-log entries fn queued are
// made durable by the committer before Read returns; if they cannot be,
// Read returns the error, and callers must not use what fn read.
func (db *DB) Read(ctx context.Context, fn func(store.Tx) error) error {
	sqlTx, err := db.read.BeginTx(ctx, db.dialect.ReadTx)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", db.dialect.MapError(err))
	}
	t := &tx{tx: sqlTx, d: db.dialect, stmts: db.readStmts}
	defer func() {
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
	}()
	err = fn(t)
	t.ended = true
	// A read-only transaction has nothing to keep: rolling back ends the
	// snapshot without a commit, and a rollback that fails (the caller's
	// context ended, say) loses nothing that was read.
	_ = sqlTx.Rollback()
	if err == nil && len(t.pending) > 0 {
		// Logged even if the caller has gone: the data was read.
		err = db.committer.do(&job{ctx: context.WithoutCancel(ctx), entries: t.pending})
	}
	if db.readStmts != nil {
		db.readStmts.prepareNoted(ctx)
	}
	return err
}

// Lookup runs fn on the read pool outside a transaction. Without a
// transaction's BEGIN and end it costs one round trip where a Read costs
// three; fn must run a single statement (which is atomic by itself) and
// queue no access-log entries (LogAccess refuses them).
func (db *DB) Lookup(ctx context.Context, fn func(store.Tx) error) error {
	t := &tx{tx: db.read, d: db.dialect, stmts: db.readStmts, ended: true}
	err := fn(t)
	if db.readStmts != nil {
		db.readStmts.prepareNoted(ctx)
	}
	return err
}

// Ping reports whether the committer commits (so the write pool answers)
// and the read pool answers: a committer stuck behind a lock makes the
// process not ready.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.committer.do(&job{ctx: ctx, fn: func(store.Tx) error { return nil }, abandonable: true}); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	if err := db.read.PingContext(ctx); err != nil {
		return fmt.Errorf("ping read pool: %w", err)
	}
	return nil
}

// Durable checks on the connection commits use.
func (db *DB) Durable(ctx context.Context) error {
	return db.Write(ctx, func(t store.Tx) error {
		return db.dialect.CheckDurable(context.WithoutCancel(ctx), t.(*tx).tx.(*sql.Tx))
	})
}

// Close commits the queued work and closes both pools.
func (db *DB) Close() error {
	db.committer.close()
	for _, c := range []*stmtCache{db.writeStmts, db.readStmts} {
		if c != nil {
			c.close()
		}
	}
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}
