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
	if p, ok := err.(panicError); ok {
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
	// snapshot without a commit.
	if rbErr := sqlTx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) && err == nil {
		err = fmt.Errorf("end read: %w", db.dialect.MapError(rbErr))
	}
	if db.readStmts != nil {
		db.readStmts.prepareNoted(ctx)
	}
	if err != nil || len(t.pending) == 0 {
		return err
	}
	return db.committer.do(&job{ctx: ctx, entries: t.pending})
}

// Ping reports whether both pools answer.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.write.PingContext(ctx); err != nil {
		return fmt.Errorf("ping write pool: %w", err)
	}
	if err := db.read.PingContext(ctx); err != nil {
		return fmt.Errorf("ping read pool: %w", err)
	}
	return nil
}

// Durable checks on the connection commits use.
func (db *DB) Durable(ctx context.Context) error {
	return db.Write(ctx, func(t store.Tx) error { return db.dialect.CheckDurable(ctx, t.(*tx).tx) })
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
