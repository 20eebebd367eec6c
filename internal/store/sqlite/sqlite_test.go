package sqlite_test

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"slices"
	"testing"

	"github.com/heard-health/heard/internal/store"
	"github.com/heard-health/heard/internal/store/postgres"
	"github.com/heard-health/heard/internal/store/sqlite"
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
