package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/heard-health/heard/internal/store"
)

// DB implements store.Store on two pools: writes go to one, reads to the
// other. For SQLite the write pool has one connection (SQLite has one writer
// at a time anyway, and queueing in Go beats retrying on SQLITE_BUSY); for
// PostgreSQL both are the same pool.
type DB struct {
	write, read *sql.DB
	dialect     Dialect
}

// New returns a store on the pools. It takes ownership: Close closes both.
func New(write, read *sql.DB, d Dialect) *DB {
	return &DB{write: write, read: read, dialect: d}
}

var _ store.Store = (*DB)(nil)

// Engine names the engine.
func (db *DB) Engine() string { return db.dialect.Name }

// Write runs fn in a read-write transaction.
func (db *DB) Write(ctx context.Context, fn func(store.Tx) error) error {
	return db.run(ctx, db.write, nil, fn)
}

// Read runs fn in a read-only transaction.
func (db *DB) Read(ctx context.Context, fn func(store.Tx) error) error {
	return db.run(ctx, db.read, db.dialect.ReadTx, fn)
}

func (db *DB) run(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, fn func(store.Tx) error) (err error) {
	sqlTx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", db.dialect.MapError(err))
	}
	defer func() {
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
	}()
	if err := fn(&tx{tx: sqlTx, d: db.dialect}); err != nil {
		if rbErr := sqlTx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
			return errors.Join(err, fmt.Errorf("rollback: %w", rbErr))
		}
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", db.dialect.MapError(err))
	}
	return nil
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

// Close closes both pools.
func (db *DB) Close() error {
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}
