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
	if err := sqlstore.Migrate(ctx, db, only("0001_initial.sql", "0002_plans_encounters_decisions.sql"), d); err != nil {
		t.Fatalf("migrate a database with data to 0002: %v", err)
	}
	// A goal kept "only me" at first and shared an hour later, with a note
	// written in each period.
	for _, stmt := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO goals (id, person_id, wording, chime, steps, who_helps, status, private, version, created_at, updated_by, updated_at)
		  VALUES ('g', 'p', 'W', '', '', '', 'active', FALSE, 2, $1, 'a', $2)`, []any{now, now.Add(time.Hour)}},
		{`INSERT INTO goal_versions (goal_id, version, fields, private, author_id, saved_by, at) VALUES ('g', 1, '{}', TRUE, 'a', 'a', $1)`, []any{now}},
		{`INSERT INTO goal_versions (goal_id, version, fields, private, author_id, saved_by, at) VALUES ('g', 2, '{}', FALSE, 'a', 'a', $1)`, []any{now.Add(time.Hour)}},
		{`INSERT INTO goal_notes (id, goal_id, text, author_id, at) VALUES ('n1', 'g', 'while only me', 'a', $1)`, []any{now.Add(time.Minute)}},
		{`INSERT INTO goal_notes (id, goal_id, text, author_id, at) VALUES ('n2', 'g', 'after sharing', 'a', $1)`, []any{now.Add(2 * time.Hour)}},
		{`INSERT INTO units (id, organisation_id, name, kind, created_at) VALUES ('u', 'o', 'Ward', 'ward', $1)`, []any{now}},
		{`INSERT INTO accounts (id, organisation_id, email, name, role, password_hash, created_at) VALUES ('pro', 'o', 'pro@example.test', 'P', 'professional', 'h', $1)`, []any{now}},
		{`INSERT INTO care_relations (id, person_id, professional_id, unit_id, started_at) VALUES ('c', 'p', 'pro', 'u', $1)`, []any{now}},
	} {
		if _, err := db.ExecContext(ctx, stmt.sql, stmt.args...); err != nil {
			t.Fatalf("seed the 0002 schema: %v", err)
		}
	}
	if err := sqlstore.Migrate(ctx, db, migrations, d); err != nil {
		t.Fatalf("migrate a database with data to the newest schema: %v", err)
	}
	var capacity string
	if err := db.QueryRowContext(ctx, `SELECT capacity FROM persons WHERE id = 'p'`).Scan(&capacity); err != nil || capacity != "medium" {
		t.Errorf("capacity of a person from before 0002 = %q, %v; want medium", capacity, err)
	}
	var confirmed time.Time
	if err := db.QueryRowContext(ctx, `SELECT confirmed_at FROM care_relations WHERE id = 'c'`).Scan(&confirmed); err != nil || !confirmed.Equal(now) {
		t.Errorf("a relation in force before 0006: confirmed_at = %v, %v; want its start, so it stays in force", confirmed, err)
	}
	for id, want := range map[string]bool{"n1": true, "n2": false} {
		var private bool
		if err := db.QueryRowContext(ctx, `SELECT private FROM goal_notes WHERE id = $1`, id).Scan(&private); err != nil || private != want {
			t.Errorf("note %s after 0003: private = %v, %v; want %v (the goal's privacy when it was written)", id, private, err, want)
		}
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
