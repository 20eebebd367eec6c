// Package sqlstore is the one SQL implementation of package store, on plain
// database/sql. The same SQL text runs on SQLite (modernc.org/sqlite) and
// PostgreSQL (pgx): both accept $N placeholders, RETURNING and ON CONFLICT.
// What differs between the engines is gathered in one Dialect value supplied
// by the engine packages (store/sqlite, store/postgres), which also own
// opening connections and their migrations.
package sqlstore
