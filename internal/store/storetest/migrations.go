package storetest

import (
	"context"
	"database/sql"
	"io/fs"
	"testing"
	"testing/fstest"
	"time"

	"github.com/heard-health/heard/internal/store/sqlstore"
)

// Migrations checks the migrations on an empty database db: each applied
// after the one before on a database with data in it, and the checksum
// guard against edited migrations.
func Migrations(t *testing.T, db *sql.DB, migrations fs.FS, d sqlstore.Dialect) {
	t.Helper()
	ctx := context.Background()
	only := func(names ...string) fstest.MapFS {
		m := fstest.MapFS{}
		for _, n := range names {
			b, err := fs.ReadFile(migrations, n)
			if err != nil {
				t.Fatal(err)
			}
			m[n] = &fstest.MapFile{Data: b}
		}
		return m
	}
	if err := sqlstore.Migrate(ctx, db, only("0001_initial.sql"), d); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, stmt := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO organisations (id, name, created_at) VALUES ('o', 'Org', $1)`, []any{now}},
		{`INSERT INTO accounts (id, organisation_id, email, name, role, password_hash, created_at) VALUES ('a', 'o', 'a@example.test', 'A', 'person', 'h', $1)`, []any{now}},
		{`INSERT INTO persons (id, organisation_id, account_id, name, name_folded, created_at) VALUES ('p', 'o', 'a', 'Pre Existing', 'pre existing', $1)`, []any{now}},
	} {
		if _, err := db.ExecContext(ctx, stmt.sql, stmt.args...); err != nil {
			t.Fatalf("seed the 0001 schema: %v", err)
		}
	}
	if err := sqlstore.Migrate(ctx, db, migrations, d); err != nil {
		t.Fatalf("migrate a database with data to the newest schema: %v", err)
	}
	var capacity string
	if err := db.QueryRowContext(ctx, `SELECT capacity FROM persons WHERE id = 'p'`).Scan(&capacity); err != nil || capacity != "medium" {
		t.Errorf("capacity of a person from before 0002 = %q, %v; want medium", capacity, err)
	}
	if err := sqlstore.Migrate(ctx, db, migrations, d); err != nil {
		t.Errorf("migrating again: %v, want nothing to do", err)
	}
	edited := only("0001_initial.sql")
	edited["0001_initial.sql"].Data = append(edited["0001_initial.sql"].Data, []byte("\n-- edited\n")...)
	if err := sqlstore.Migrate(ctx, db, edited, d); err == nil {
		t.Error("an edited, applied migration was accepted")
	}
}
