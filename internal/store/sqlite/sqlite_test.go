package sqlite_test

import (
	"context"
	"database/sql"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/heard-health/heard/internal/store"
	"github.com/heard-health/heard/internal/store/postgres"
	"github.com/heard-health/heard/internal/store/sqlite"
	"github.com/heard-health/heard/internal/store/sqlstore"
	"github.com/heard-health/heard/internal/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "heard.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}

func TestMigrations(t *testing.T) {
	db, err := sql.Open("sqlite", sqlite.DSN(filepath.Join(t.TempDir(), "m.db"), false))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	storetest.Migrations(t, db, sqlite.Migrations(), sqlite.Dialect)
}

// Both engines have the same migrations, by name.
func TestMigrations_SameNamesAsPostgres(t *testing.T) {
	s, _ := fs.Glob(sqlite.Migrations(), "*.sql")
	p, _ := fs.Glob(postgres.Migrations(), "*.sql")
	if !slices.Equal(s, p) || len(s) == 0 {
		t.Errorf("sqlite migrations %v, postgres migrations %v; want the same names", s, p)
	}
}

// Defect 16: the database and its WAL are readable by their owner alone,
// whatever the umask.
func TestOpen_FilesArePrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "data")
	path := filepath.Join(dir, "heard.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Write(context.Background(), func(tx store.Tx) error { return tx.SetMeta(context.Background(), "k", "v") }); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if mode := info.Mode().Perm(); mode&0o077 != 0 {
			t.Errorf("%s has mode %o, want no access for group and others", filepath.Base(p), mode)
		}
	}
	if info, err := os.Stat(dir); err != nil || info.Mode().Perm()&0o077 != 0 {
		t.Errorf("the database folder has mode %o (%v), want owner only", info.Mode().Perm(), err)
	}
}

// Heard's SQLite commits are durable (synchronous=FULL), and Durable
// notices a database opened without that.
func TestDurable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Durable(context.Background()); err != nil {
		t.Errorf("Durable() on heard's own settings = %v", err)
	}
	normal := strings.Replace(sqlite.DSN(path, false), "synchronous%28FULL%29", "synchronous%28NORMAL%29", 1)
	if normal == sqlite.DSN(path, false) {
		t.Fatal("the DSN has no synchronous(FULL) to replace")
	}
	w, err := sql.Open("sqlite", normal)
	if err != nil {
		t.Fatal(err)
	}
	r, err := sql.Open("sqlite", sqlite.DSN(path, true))
	if err != nil {
		t.Fatal(err)
	}
	lax := sqlstore.New(w, r, sqlite.Dialect)
	defer lax.Close()
	if err := lax.Durable(context.Background()); err == nil || !strings.Contains(err.Error(), "below FULL") {
		t.Errorf("Durable() with synchronous=NORMAL = %v, want a refusal", err)
	}
}
