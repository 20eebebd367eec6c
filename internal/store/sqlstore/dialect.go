package sqlstore

import (
	"context"
	"database/sql"
)

// Dialect is everything that differs between the engines. Each field is one
// named difference; keep the list short.
type Dialect struct {
	// Name is "sqlite" or "postgres".
	Name string
	// MapError turns a driver error into store.ErrConflict or
	// store.ErrNotFound by its error code (never by its text), and returns
	// other errors unchanged.
	MapError func(error) error
	// ReadTx is the option set for read transactions. SQLite's read pool is
	// opened query-only instead, so it needs none.
	ReadTx *sql.TxOptions
	// PrepareStatements caches a prepared statement per query text. SQLite
	// needs it (the driver parses every call otherwise); pgx caches
	// statements itself.
	PrepareStatements bool
	// PlainParams writes the many-row access-log INSERT with ? rather
	// than $1, $2, …; other statements keep $N.
	PlainParams bool
	// MaxWritesPerBatch bounds the writes (savepoints) in one batch; 0 is
	// no bound beyond the batch size. PostgreSQL keeps 64 subtransactions
	// per connection in memory and slows every snapshot on the server
	// once a transaction has more.
	MaxWritesPerBatch int
	// BatchSettings run at the start of every batch, e.g. timeouts, so
	// that one lock held elsewhere cannot stall every write of the process.
	BatchSettings []string
	// CheckDurable returns an error when commits on the connection of tx
	// would be acknowledged before they are on disk.
	CheckDurable func(ctx context.Context, tx *sql.Tx) error
	// LockMigrations serialises migrations between processes starting at
	// once (PostgreSQL advisory lock). SQLite's single writer needs none.
	LockMigrations func(ctx context.Context, conn *sql.Conn) (unlock func(), err error)
}
