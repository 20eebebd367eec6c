package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

// testBatchedWrites runs many writes at once, so that the committer puts
// several in one transaction, and makes every third fail after it has
// written. A failed write leaves nothing, neither its change nor its
// access-log entry; the others all commit, and the chain is whole.
func testBatchedWrites(t *testing.T, s store.Store) {
	f := seed(t, s)
	const n = 60
	var wg sync.WaitGroup
	errs := make([]error, n)
	boom := errors.New("boom")
	for i := range n {
		wg.Go(func() {
			errs[i] = s.Write(ctx, func(tx store.Tx) error {
				if err := tx.SetMeta(ctx, fmt.Sprintf("k%d", i), "v"); err != nil {
					return err
				}
				e := entry(f.person1.ID, f.pro.ID, t0)
				e.RequestID = fmt.Sprintf("r%d", i)
				if err := tx.LogAccess(e); err != nil {
					return err
				}
				if i%3 == 0 {
					return boom
				}
				return nil
			})
		})
	}
	wg.Wait()
	logged := requestIDs(t, s, f.person1.ID)
	read(t, s, func(tx store.Tx) error {
		for i := range n {
			_, err := tx.GetMeta(ctx, fmt.Sprintf("k%d", i))
			id := fmt.Sprintf("r%d", i)
			if i%3 == 0 {
				if !errors.Is(errs[i], boom) {
					t.Errorf("write %d = %v, want its own error", i, errs[i])
				}
				wantCode(t, "change of a failed write", err, heard.CodeNotFound)
				if logged[id] != 0 {
					t.Errorf("entry of failed write %d is in the log", i)
				}
				continue
			}
			if errs[i] != nil || err != nil || logged[id] != 1 {
				t.Errorf("write %d = %v; its change: %v; its entry logged %d times, want once", i, errs[i], err, logged[id])
			}
		}
		return nil
	})
	if head := verifyLog(t, s); head.Seq != n-n/3 {
		t.Errorf("head = %d, want %d entries", head.Seq, n-n/3)
	}
}

// requestIDs counts a person's access-log entries by request ID.
func requestIDs(t *testing.T, s store.Store, person heard.PersonID) map[string]int {
	t.Helper()
	out := map[string]int{}
	read(t, s, func(tx store.Tx) error {
		es, err := tx.ListAccessEntries(ctx, store.AccessFilter{PersonID: person})
		for _, e := range es {
			out[e.RequestID]++
		}
		return err
	})
	return out
}

// testReadLogs: a read's entries are in the log when Read returns; a read
// that fails logs nothing; and an entry queued after the transaction has
// ended is refused rather than silently lost.
func testReadLogs(t *testing.T, s store.Store) {
	f := seed(t, s)
	var kept store.Tx
	read(t, s, func(tx store.Tx) error {
		kept = tx
		e := entry(f.person1.ID, f.pro.ID, t0)
		e.RequestID = "read-1"
		return tx.LogAccess(e)
	})
	failed := errors.New("failed")
	err := s.Read(ctx, func(tx store.Tx) error {
		e := entry(f.person1.ID, f.pro.ID, t0)
		e.RequestID = "read-2"
		if err := tx.LogAccess(e); err != nil {
			return err
		}
		return failed
	})
	if !errors.Is(err, failed) {
		t.Errorf("failing read = %v", err)
	}
	if got := requestIDs(t, s, f.person1.ID); got["read-1"] != 1 || got["read-2"] != 0 {
		t.Errorf("logged = %v; want read-1 once and read-2 never", got)
	}
	if err := kept.LogAccess(entry(f.person1.ID, f.pro.ID, t0)); err == nil {
		t.Error("LogAccess after the read ended succeeded; the entry would be lost")
	}
	verifyLog(t, s)
}

// breakAccessLog makes every later commit with access-log entries fail:
// on SQLite when the entry is inserted, on PostgreSQL only at COMMIT (a
// deferred constraint trigger), the very last moment a commit can fail.
func breakAccessLog(t *testing.T, s store.Store) (repair func()) {
	t.Helper()
	stmts := []string{`CREATE TRIGGER no_more_log BEFORE INSERT ON access_log BEGIN SELECT RAISE(ABORT, 'disk full'); END`}
	undo := []string{`DROP TRIGGER no_more_log`}
	if s.Engine() == "postgres" {
		stmts = []string{
			`CREATE FUNCTION no_more_log() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`,
			`CREATE CONSTRAINT TRIGGER no_more_log AFTER INSERT ON access_log DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION no_more_log()`,
		}
		undo = []string{`DROP TRIGGER no_more_log ON access_log`}
	}
	run := func(stmts []string) {
		write(t, s, func(tx store.Tx) error {
			for _, q := range stmts {
				if err := ExecRaw(ctx, tx, q); err != nil {
					return err
				}
			}
			return nil
		})
	}
	run(stmts)
	return func() { run(undo) }
}

// testLogFailure: when the access-log entries cannot be committed, a read
// returns an error (its caller must then show nothing) and a write is not
// kept. Once the log works again, so does the store.
func testLogFailure(t *testing.T, s store.Store) {
	f := seed(t, s)
	repair := breakAccessLog(t, s)
	err := s.Read(ctx, func(tx store.Tx) error { return tx.LogAccess(entry(f.person1.ID, f.pro.ID, t0)) })
	if err == nil {
		t.Error("a read whose entry could not be committed returned no error")
	}
	err = s.Write(ctx, func(tx store.Tx) error {
		if err := tx.SetMeta(ctx, "written", "yes"); err != nil {
			return err
		}
		return tx.LogAccess(entry(f.person1.ID, f.pro.ID, t0))
	})
	if err == nil {
		t.Error("a write whose entry could not be committed returned no error")
	}
	repair()
	read(t, s, func(tx store.Tx) error {
		_, err := tx.GetMeta(ctx, "written")
		wantCode(t, "change of a write whose entry failed", err, heard.CodeNotFound)
		return nil
	})
	if err := appendEntries(ctx, s, entry(f.person1.ID, f.pro.ID, t0)); err != nil {
		t.Errorf("append after the log was repaired: %v", err)
	}
	if head := verifyLog(t, s); head.Seq != 1 {
		t.Errorf("head = %d, want 1: only the entry after the repair", head.Seq)
	}
}

// testManyReaders runs more reads at once than the read pool has
// connections, each with statements it has not run before: preparing a
// statement must never wait for a connection that a waiting reader holds.
func testManyReaders(t *testing.T, s store.Store) {
	f := seed(t, s)
	done := make(chan error, 1)
	go func() {
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for range 64 {
			wg.Go(func() {
				errs <- s.Read(ctx, func(tx store.Tx) error {
					if _, err := tx.GetPerson(ctx, f.person1.ID); err != nil {
						return err
					}
					if _, err := tx.GetAccount(ctx, f.pro.ID); err != nil {
						return err
					}
					if _, err := tx.ListCareRelations(ctx, store.CareRelationFilter{PersonID: f.person1.ID}); err != nil {
						return err
					}
					_, err := tx.ListUnits(ctx, f.org.ID)
					return err
				})
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("64 concurrent reads did not finish in 30 s: the store is deadlocked")
	}
}

// testWritePanic: a write that panics panics in its caller, keeps nothing,
// and leaves the store working for everyone else.
func testWritePanic(t *testing.T, s store.Store) {
	seed(t, s)
	func() {
		defer func() {
			if recover() == nil {
				t.Error("a panicking write did not panic in its caller")
			}
		}()
		_ = s.Write(ctx, func(tx store.Tx) error {
			if err := tx.SetMeta(ctx, "half", "done"); err != nil {
				return err
			}
			panic("a bug")
		})
	}()
	write(t, s, func(tx store.Tx) error { return tx.SetMeta(ctx, "after", "yes") })
	read(t, s, func(tx store.Tx) error {
		_, err := tx.GetMeta(ctx, "half")
		wantCode(t, "change of a panicking write", err, heard.CodeNotFound)
		_, err = tx.GetMeta(ctx, "after")
		return err
	})
}

// SeveralProcesses drives reads and writes through several stores on one
// database at once, as several heard processes would, each with its own
// pools and committer. The chain must come out whole: no fork, no hole,
// and every entry exactly once.
func SeveralProcesses(t *testing.T, stores []store.Store) {
	f := seed(t, stores[0])
	const workers, each = 6, 25
	var wg sync.WaitGroup
	errs := make(chan error, len(stores)*workers*each)
	for p, s := range stores {
		for w := range workers {
			wg.Go(func() {
				for i := range each {
					e := entry(f.person1.ID, f.pro.ID, t0)
					e.RequestID = fmt.Sprintf("p%d-w%d-%d", p, w, i)
					var err error
					if i%2 == 0 {
						err = s.Read(ctx, func(tx store.Tx) error {
							if _, err := tx.GetPerson(ctx, f.person1.ID); err != nil {
								return err
							}
							return tx.LogAccess(e)
						})
					} else {
						err = s.Write(ctx, func(tx store.Tx) error {
							if err := tx.SetMeta(ctx, e.RequestID, "v"); err != nil {
								return err
							}
							return tx.LogAccess(e)
						})
					}
					if err != nil {
						errs <- err
					}
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("process work: %v", err)
	}
	want := len(stores) * workers * each
	if head := verifyLog(t, stores[len(stores)-1]); head.Seq != int64(want) {
		t.Errorf("head = %d, want %d", head.Seq, want)
	}
	for id, n := range requestIDs(t, stores[0], f.person1.ID) {
		if n != 1 {
			t.Errorf("entry %s logged %d times", id, n)
		}
	}
}

// testCallerLeaves: a read's entries are logged even when its caller has
// gone by the time they are committed (the data was read), and a caller
// that stops waiting for Ping is not kept waiting behind a slow write.
func testCallerLeaves(t *testing.T, s store.Store) {
	f := seed(t, s)
	c, cancel := context.WithCancel(ctx)
	err := s.Read(c, func(tx store.Tx) error {
		e := entry(f.person1.ID, f.pro.ID, t0)
		e.RequestID = "gone"
		cancel()
		return tx.LogAccess(e)
	})
	if err != nil {
		t.Errorf("read whose caller left = %v", err)
	}
	if got := requestIDs(t, s, f.person1.ID); got["gone"] != 1 {
		t.Errorf("entry of a read whose caller left logged %d times, want once", got["gone"])
	}
	slow := make(chan struct{})
	go func() {
		_ = s.Write(ctx, func(store.Tx) error { time.Sleep(time.Second); return nil })
		close(slow)
	}()
	time.Sleep(100 * time.Millisecond)
	short, stop := context.WithTimeout(ctx, 100*time.Millisecond)
	defer stop()
	began := time.Now()
	if err := s.Ping(short); err == nil {
		t.Error("Ping behind a write that takes a second answered within 100 ms")
	}
	if waited := time.Since(began); waited > 600*time.Millisecond {
		t.Errorf("Ping waited %v for a caller that gave up after 100 ms", waited)
	}
	<-slow
	if err := s.Ping(ctx); err != nil {
		t.Errorf("Ping after the slow write = %v", err)
	}
}

// testIgnoredFailure: a write that ignores one of its statements' errors
// and returns nil. On PostgreSQL that failure poisons the transaction, so
// the write fails whole; on SQLite the rest of it stands. Either way the
// writes beside it in the batch are not touched.
func testIgnoredFailure(t *testing.T, s store.Store) {
	seed(t, s)
	var wg sync.WaitGroup
	errs := make([]error, 20)
	for i := range errs {
		wg.Go(func() {
			errs[i] = s.Write(ctx, func(tx store.Tx) error { return tx.SetMeta(ctx, fmt.Sprintf("beside%d", i), "v") })
		})
	}
	err := s.Write(ctx, func(tx store.Tx) error {
		if err := tx.SetMeta(ctx, "careless", "v"); err != nil {
			return err
		}
		_ = ExecRaw(ctx, tx, `INSERT INTO no_such_table VALUES (1)`)
		return nil
	})
	wg.Wait()
	for i, e := range errs {
		if e != nil {
			t.Errorf("write %d beside a careless one = %v", i, e)
		}
	}
	read(t, s, func(tx store.Tx) error {
		_, getErr := tx.GetMeta(ctx, "careless")
		if s.Engine() == "postgres" {
			if err == nil || getErr == nil {
				t.Errorf("careless write on PostgreSQL = %v, its change: %v; want it refused whole", err, getErr)
			}
		} else if err != nil || getErr != nil {
			t.Errorf("careless write on SQLite = %v, its change: %v; want it kept", err, getErr)
		}
		return nil
	})
}
