package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"github.com/heard-health/heard/internal/audit"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

// errClosed is returned for work handed to a store that is shutting down.
var errClosed = errors.New("store closed")

// Queue sizes. A batch of up to maxBatch jobs commits with one durable
// commit; up to queueSize more wait their turn, and beyond that callers
// block (back-pressure) instead of queueing without bound.
const (
	maxBatch  = 128
	queueSize = 1024
)

// job is one caller's write transaction, or the access-log entries of one
// read, waiting for the committer.
type job struct {
	ctx     context.Context
	fn      func(store.Tx) error // nil for a read's entries alone
	entries []heard.AccessEntry
	done    chan error
	// abandonable jobs may be left by their caller once queued.
	abandonable bool
}

// committer is the one goroutine per process that writes. It takes every
// job waiting, runs each write in a savepoint of one transaction (so one
// job's failure undoes only its own changes), chains the batch's
// access-log entries after the head it locks once, and commits once: one
// fsync for the whole batch. Only then does it answer the callers.
type committer struct {
	pool  *sql.DB
	d     Dialect
	stmts *stmtCache
	jobs  chan *job
	// mu guards closed; senders hold it shared so that close waits for
	// them and never closes the channel under a send.
	mu       sync.RWMutex
	closed   bool
	finished chan struct{}
}

func newCommitter(pool *sql.DB, d Dialect, stmts *stmtCache) *committer {
	c := &committer{pool: pool, d: d, stmts: stmts, jobs: make(chan *job, queueSize), finished: make(chan struct{})}
	go c.loop()
	return c
}

// do queues j and waits for its answer. Waiting for room in the queue
// gives up when ctx ends; once queued, the answer is awaited, so fn never
// runs after its caller has left, unless j is abandonable (it captures
// nothing, like Ping's empty write).
func (c *committer) do(j *job) error {
	j.done = make(chan error, 1)
	c.mu.RLock()
	if c.closed {
		c.mu.RUnlock()
		return errClosed
	}
	select {
	case c.jobs <- j:
		c.mu.RUnlock()
	case <-j.ctx.Done():
		c.mu.RUnlock()
		return j.ctx.Err()
	}
	if j.abandonable {
		select {
		case err := <-j.done:
			return err
		case <-j.ctx.Done():
			return j.ctx.Err()
		}
	}
	return <-j.done
}

// close stops taking jobs, commits those already queued and waits.
func (c *committer) close() {
	c.mu.Lock()
	if !c.closed {
		c.closed = true
		close(c.jobs)
	}
	c.mu.Unlock()
	<-c.finished
}

func (c *committer) loop() {
	defer close(c.finished)
	var carry *job // a write that did not fit in the last batch
	for {
		first := carry
		carry = nil
		if first == nil {
			var ok bool
			if first, ok = <-c.jobs; !ok {
				return
			}
		}
		batch := append(make([]*job, 0, maxBatch), first)
		writes := 0
		if first.fn != nil {
			writes++
		}
	gather:
		for len(batch) < maxBatch {
			select {
			case j, ok := <-c.jobs:
				if !ok {
					break gather
				}
				if j.fn != nil {
					if c.d.MaxWritesPerBatch > 0 && writes == c.d.MaxWritesPerBatch {
						carry = j
						break gather
					}
					writes++
				}
				batch = append(batch, j)
			default:
				break gather
			}
		}
		c.commit(batch)
		if c.stmts != nil {
			c.stmts.prepareNoted(context.Background())
		}
	}
}

// commit runs one batch. The transaction is not tied to any caller's
// context: one caller leaving must not roll back the others.
func (c *committer) commit(batch []*job) {
	ctx := context.Background()
	live := make([]*job, 0, len(batch))
	var entries []heard.AccessEntry
	answer := func(err error) {
		for _, j := range live {
			j.done <- err
		}
	}
	sqlTx, err := c.pool.BeginTx(ctx, nil)
	if err != nil {
		live = batch
		answer(fmt.Errorf("begin transaction: %w", c.d.MapError(err)))
		return
	}
	t := &tx{tx: sqlTx, d: c.d, stmts: c.stmts, detached: true}
	for _, q := range c.d.BatchSettings {
		if _, err := sqlTx.ExecContext(ctx, q); err != nil {
			_ = sqlTx.Rollback()
			live = batch
			answer(fmt.Errorf("batch settings: %w", c.d.MapError(err)))
			return
		}
	}
	for i, j := range batch {
		if j.fn == nil { // a read's entries: logged even if its caller has gone
			entries = append(entries, j.entries...)
			live = append(live, j)
			continue
		}
		if err := j.ctx.Err(); err != nil {
			j.done <- err
			continue
		}
		ok, err := c.run(ctx, t, j)
		if err != nil { // the transaction is unusable: the batch ends here
			_ = sqlTx.Rollback()
			live = append(live, batch[i+1:]...)
			answer(fmt.Errorf("batch aborted: %w", err))
			return
		}
		if ok {
			entries = append(entries, t.pending...)
			live = append(live, j)
		}
	}
	if err := c.finish(ctx, sqlTx, t, entries); err != nil {
		_ = sqlTx.Rollback()
		answer(err)
		return
	}
	answer(nil)
}

// run runs one job's write in a savepoint and answers the job itself when
// it fails (nothing of it will be committed); ok is false then. err is for
// a savepoint that could not be made or undone: the job has been answered,
// but the batch's transaction is unusable.
func (c *committer) run(ctx context.Context, t *tx, j *job) (ok bool, err error) {
	if _, err := t.tx.ExecContext(ctx, "SAVEPOINT job"); err != nil {
		err = fmt.Errorf("savepoint: %w", c.d.MapError(err))
		j.done <- err
		return false, err
	}
	t.pending = nil
	t.ended = false
	jobErr := runFn(j.fn, t)
	t.ended = true
	if jobErr == nil {
		_, err := t.tx.ExecContext(ctx, "RELEASE SAVEPOINT job")
		if err == nil {
			return true, nil
		}
		// On PostgreSQL a statement that failed inside the job, and whose
		// error the job ignored, leaves the transaction refusing everything
		// until the savepoint is rolled back: the job fails, not the batch.
		jobErr = fmt.Errorf("release savepoint: %w", c.d.MapError(err))
	}
	if _, err := t.tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT job"); err != nil {
		err = fmt.Errorf("rollback to savepoint: %w", c.d.MapError(err))
		j.done <- errors.Join(jobErr, err)
		return false, err
	}
	if _, err := t.tx.ExecContext(ctx, "RELEASE SAVEPOINT job"); err != nil {
		err = fmt.Errorf("release savepoint: %w", c.d.MapError(err))
		j.done <- errors.Join(jobErr, err)
		return false, err
	}
	j.done <- jobErr
	return false, nil
}

// panicError carries a panic from a job back to its caller's goroutine.
type panicError struct{ value any }

func (p panicError) Error() string { return fmt.Sprintf("panic in transaction: %v", p.value) }

// runFn calls fn, turning a panic into an error: a panic on the
// committer's goroutine would take the process down with every other
// caller's work.
func runFn(fn func(store.Tx) error, t *tx) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = panicError{p}
		}
	}()
	return fn(t)
}

// finish appends the batch's access-log entries after the head, locked
// once for the batch, and commits.
func (c *committer) finish(ctx context.Context, sqlTx *sql.Tx, t *tx, entries []heard.AccessEntry) error {
	if len(entries) > 0 {
		head, err := t.lockAccessHead(ctx)
		if err != nil {
			return fmt.Errorf("access log: %w", err)
		}
		chained, _ := audit.Chain(head, entries)
		if err := t.appendAccessEntries(ctx, chained); err != nil {
			return fmt.Errorf("access log: %w", err)
		}
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", c.d.MapError(err))
	}
	return nil
}
