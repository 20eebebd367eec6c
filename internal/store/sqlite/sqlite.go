// Package sqlite opens Heard's embedded database: a SQLite file through the
// pure-Go driver modernc.org/sqlite, with the pragmas, pools and error
// mapping that package sqlstore needs. It owns the SQLite migrations.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/heard-health/heard/internal/store"
	"github.com/heard-health/heard/internal/store/sqlstore"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations returns the SQLite migration files.
func Migrations() fs.FS {
	sub, _ := fs.Sub(migrationFiles, "migrations")
	return sub
}

// pragmas are set on every connection, in this order.
var pragmas = []string{
	// busy_timeout first: the pragmas after it may need a lock, and without
	// a timeout a lock held by another process fails at once.
	"busy_timeout(5000)",
	// WAL lets readers run while one writer writes.
	"journal_mode(WAL)",
	// Foreign keys are off by default in SQLite.
	"foreign_keys(1)",
	// FULL syncs the WAL on every commit, so an acknowledged write survives
	// a power cut or OS crash, not only a crash of heard (NORMAL would only
	// promise the latter). Health records are worth the extra fsync.
	"synchronous(FULL)",
}

// DSN returns the driver's data source name for the file at path.
func DSN(path string, readOnly bool) string {
	q := url.Values{}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		// Writers take the write lock when they begin, not at their first
		// write, so a transaction never fails halfway on a lock upgrade.
		q.Set("_txlock", "immediate")
	}
	// SQLite's own time format, always UTC here, sorts as text in time order.
	q.Set("_time_format", "sqlite")
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating if needed) the database file at path and applies
// migrations.
func Open(ctx context.Context, path string) (*sqlstore.DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create database folder: %w", err)
		}
	}
	if err := createPrivate(path); err != nil {
		return nil, err
	}
	write, err := sql.Open("sqlite", DSN(path, false))
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	// One writer connection: SQLite has one writer at a time anyway, and
	// waiting in Go's pool is cheaper and fairer than SQLITE_BUSY retries.
	write.SetMaxOpenConns(1)
	read, err := sql.Open("sqlite", DSN(path, true))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	read.SetMaxOpenConns(4)
	// Keep them all: a connection closed as idle takes its prepared
	// statements with it, and a new one pays the pragmas again.
	read.SetMaxIdleConns(4)
	db := sqlstore.New(write, read, Dialect)
	if err := sqlstore.Migrate(ctx, write, Migrations(), Dialect); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// createPrivate creates the database file readable by its owner alone
// when it does not exist yet. SQLite gives its -wal and -shm files the
// database file's mode, so they are private too.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("create database file: %w", err)
	}
	return f.Close()
}

// Dialect is SQLite's part of sqlstore.
var Dialect = sqlstore.Dialect{
	Name:              "sqlite",
	MapError:          mapError,
	PrepareStatements: true,
	// modernc's bind looks up every numbered parameter's name in a list as
	// long as the statement's parameters: a many-row INSERT with $N would
	// cost the square of its parameters. Plain ? has no name to look up.
	PlainParams: true,
	CheckDurable: func(ctx context.Context, tx *sql.Tx) error {
		var level int
		if err := tx.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&level); err != nil {
			return fmt.Errorf("read synchronous: %w", err)
		}
		if level < 2 { // 2 is FULL, 3 EXTRA
			return fmt.Errorf("SQLite synchronous is %d, below FULL (2): a commit could be acknowledged before it is on disk", level)
		}
		return nil
	},
}

func mapError(err error) error {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return err
	}
	switch e.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return fmt.Errorf("%w: %w", store.ErrConflict, err)
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return fmt.Errorf("%w: %w", store.ErrNotFound, err)
	}
	return err
}
