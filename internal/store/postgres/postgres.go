// Package postgres opens Heard's database on PostgreSQL through pgx's
// database/sql adapter, for services that run several heard processes on one
// database. It owns the PostgreSQL migrations and error mapping.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver

	"github.com/heard-health/heard/internal/store"
	"github.com/heard-health/heard/internal/store/sqlstore"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations returns the PostgreSQL migration files.
func Migrations() fs.FS {
	sub, _ := fs.Sub(migrationFiles, "migrations")
	return sub
}

// Open connects to the database at dsn (a postgres:// URL) and applies
// migrations.
func Open(ctx context.Context, dsn string) (*sqlstore.DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to postgres: %w", err)
	}
	s := sqlstore.New(db, db, Dialect)
	if err := sqlstore.Migrate(ctx, db, Migrations(), Dialect); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// HasSchema reports whether the database at dsn has been migrated by
// Heard, without changing anything in it.
func HasSchema(ctx context.Context, dsn string) (bool, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return false, fmt.Errorf("open postgres: %w", err)
	}
	defer db.Close()
	var name sql.NullString
	if err := db.QueryRowContext(ctx, `SELECT to_regclass('schema_migrations')::text`).Scan(&name); err != nil {
		return false, fmt.Errorf("connect to postgres: %w", err)
	}
	return name.Valid, nil
}

// migrationLock is the advisory lock key that serialises migrations when
// several heard processes start at once.
const migrationLock = 7_253_117

// Dialect is PostgreSQL's part of sqlstore.
var Dialect = sqlstore.Dialect{
	Name:     "postgres",
	MapError: mapError,
	ReadTx:   &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead},
	// Below the 64 subtransactions a PostgreSQL backend caches.
	MaxWritesPerBatch: 60,
	// A batch waits at most this long for a lock held by another process
	// (or a forgotten psql session): its callers get an error instead of
	// every write of the process waiting for ever. One statement, for one
	// round trip: set_config(…, true) is SET LOCAL.
	BatchSettings: []string{`SELECT set_config('lock_timeout', '10s', true), set_config('statement_timeout', '30s', true)`},
	CheckDurable: func(ctx context.Context, tx *sql.Tx) error {
		var fsync, commit string
		if err := tx.QueryRowContext(ctx, `SELECT current_setting('fsync'), current_setting('synchronous_commit')`).Scan(&fsync, &commit); err != nil {
			return fmt.Errorf("read durability settings: %w", err)
		}
		if fsync != "on" || commit == "off" {
			return fmt.Errorf("PostgreSQL has fsync=%s and synchronous_commit=%s: a commit could be acknowledged before it is on disk", fsync, commit)
		}
		return nil
	},
	LockMigrations: func(ctx context.Context, conn *sql.Conn) (func(), error) {
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
			return nil, err
		}
		return func() {
			_, _ = conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, migrationLock)
		}, nil
	},
}

func mapError(err error) error {
	var e *pgconn.PgError
	if !errors.As(err, &e) {
		return err
	}
	switch e.Code {
	case "23505": // unique_violation
		return fmt.Errorf("%w: %w", store.ErrConflict, err)
	case "23503": // foreign_key_violation
		return fmt.Errorf("%w: %w", store.ErrNotFound, err)
	}
	return err
}
