package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// maxStatements bounds the cache. Heard's queries are a fixed set of texts
// (filters add conditions, never values), so the bound is never reached in
// practice; past it, statements simply run unprepared.
const maxStatements = 1024

// stmtCache keeps one prepared statement per query text for a pool. SQLite
// through database/sql otherwise parses every statement on every call, and
// the profile showed parsing as a fifth of heard's CPU time. database/sql
// prepares a cached statement once per connection and reuses it inside
// transactions on that connection. A cached statement cannot run twice at
// once on one connection: read all rows of a query before running the same
// query text again in the same transaction (queryAll does).
type stmtCache struct {
	pool  *sql.DB
	mu    sync.RWMutex
	stmts map[string]*sql.Stmt
	// noted are the misses. Preparing one at once would need a second
	// connection while the caller's transaction holds one: with every
	// connection of the pool held that way (SQLite's writer has only one)
	// it would wait for ever. So a miss runs unprepared, and prepareNoted
	// prepares it after the transaction has ended.
	noted map[string]bool
}

func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, stmts: map[string]*sql.Stmt{}, noted: map[string]bool{}}
}

// get returns the prepared statement for query, or nil when it has not
// been prepared yet (the caller then runs the text).
func (c *stmtCache) get(query string) *sql.Stmt {
	c.mu.RLock()
	s := c.stmts[query]
	c.mu.RUnlock()
	if s != nil {
		return s
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if s := c.stmts[query]; s != nil {
		return s
	}
	if len(c.stmts)+len(c.noted) >= maxStatements {
		return nil
	}
	c.noted[query] = true
	return nil
}

// prepareNoted prepares the statements noted as missing. Call it while
// holding none of the pool's connections. The lock is not held while
// preparing: preparing waits for a connection, and transactions holding
// connections take the lock in get.
func (c *stmtCache) prepareNoted(ctx context.Context) {
	c.mu.RLock()
	none := len(c.noted) == 0
	c.mu.RUnlock()
	if none {
		return
	}
	c.mu.Lock()
	var queries []string
	for q := range c.noted {
		queries = append(queries, q)
	}
	clear(c.noted)
	c.mu.Unlock()
	for _, q := range queries {
		s, err := c.pool.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		c.mu.Lock()
		if c.stmts[q] == nil {
			c.stmts[q], s = s, nil
		}
		c.mu.Unlock()
		if s != nil {
			_ = s.Close()
		}
	}
}

// close closes every cached statement.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, s := range c.stmts {
		_ = s.Close()
		delete(c.stmts, q)
	}
}
