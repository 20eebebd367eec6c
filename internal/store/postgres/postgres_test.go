package postgres_test

import (
	"context"
	"database/sql"
	"os"
	"strings"
	"testing"

	"github.com/heard-health/heard/internal/store"
	"github.com/heard-health/heard/internal/store/postgres"
	"github.com/heard-health/heard/internal/store/postgres/pgtest"
	"github.com/heard-health/heard/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return pgtest.Open(t) })
}

func TestMigrations(t *testing.T) {
	s := pgtest.Available(t)
	name := "heard_mig_" + strings.ReplaceAll(strings.ToLower(t.Name()), "/", "_")
	ctx := context.Background()
	if err := s.CreateDatabase(ctx, name, ""); err != nil {
		t.Fatal(err)
	}
	defer s.DropDatabase(ctx, name)
	db, err := sql.Open("pgx", s.DSN(name))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	storetest.Migrations(t, db, postgres.Migrations(), postgres.Dialect)
}

// Three stores on one database stand for three heard processes: each has
// its own pool and committer, and only the head row orders their batches.
func TestSeveralProcesses(t *testing.T) {
	dsn := pgtest.NewDatabase(t)
	var stores []store.Store
	for range 3 {
		s, err := postgres.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		stores = append(stores, s)
	}
	storetest.SeveralProcesses(t, stores)
}

// Durable agrees with the server's own settings. The test server runs
// without fsync (its data is thrown away), so here it must refuse.
func TestDurable(t *testing.T) {
	dsn := pgtest.NewDatabase(t)
	s, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var fsync, commit string
	if err := db.QueryRow(`SELECT current_setting('fsync'), current_setting('synchronous_commit')`).Scan(&fsync, &commit); err != nil {
		t.Fatal(err)
	}
	err = s.Durable(context.Background())
	if durable := fsync == "on" && commit != "off"; durable != (err == nil) {
		t.Errorf("fsync=%s synchronous_commit=%s, Durable() = %v", fsync, commit, err)
	}
}
