package e2e

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
	"github.com/heard-health/heard/internal/store/postgres"
	"github.com/heard-health/heard/internal/store/postgres/pgtest"
	"github.com/heard-health/heard/internal/store/sqlite"
)

// The kill -9 torture: clients write goal notes (each with a unique
// marker) and read person data while heard is killed with SIGKILL at a
// random moment and restarted on the same database, again and again.
// Afterwards every write heard acknowledged is there exactly once, no
// write is half there (a note without its access-log entry or the other
// way round), every read answered 200 has its access-log entry (by
// X-Request-Id), SQLite's integrity check passes and heard audit verify
// passes.
//
// What a process kill proves: heard answers only after the commit. What it
// cannot prove: that a commit survives a power cut; that rests on fsync
// (synchronous=FULL, PostgreSQL fsync on), which heard serve insists on.
//
// The test command runs the short form; scripts/torture runs the long form
// through the variables below.
func TestTorture_SQLite(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "heard.db")
	tt := torture{t: t, db: db, processes: 1, cycles: envInt("HEARD_TORTURE_SQLITE_CYCLES", 20)}
	tt.run()
	tt.check(func() (store.Store, error) {
		return sqlite.Open(context.Background(), strings.TrimPrefix(db, "sqlite:"))
	})
	raw, err := sql.Open("sqlite", sqlite.DSN(strings.TrimPrefix(db, "sqlite:"), true))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var integrity string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&integrity); err != nil || integrity != "ok" {
		t.Errorf("PRAGMA integrity_check = %q, %v", integrity, err)
	}
}

// On PostgreSQL two heard processes share the database, as a service
// would run them, and each cycle kills one of them. With
// HEARD_TORTURE_PG_DIR (a server from scripts/pg-start) every
// HEARD_TORTURE_PG_CRASH_EVERY-th cycle also stops PostgreSQL itself with
// pg_ctl restart -m immediate mid-load.
func TestTorture_Postgres(t *testing.T) {
	dsn := pgtest.NewDatabase(t)
	tt := torture{t: t, db: dsn, processes: 2, cycles: envInt("HEARD_TORTURE_PG_CYCLES", 10),
		pgDir: os.Getenv("HEARD_TORTURE_PG_DIR"), pgCrashEvery: envInt("HEARD_TORTURE_PG_CRASH_EVERY", 0)}
	tt.run()
	tt.check(func() (store.Store, error) { return postgres.Open(context.Background(), dsn) })
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

type torture struct {
	t            *testing.T
	db           string
	processes    int
	cycles       int
	pgDir        string
	pgCrashEvery int

	urls    []atomic.Value // base URL of each process, "" while it is down
	procs   []*process
	writers []*writer

	mu        sync.Mutex
	acked     map[string]bool // markers of notes answered 201
	unknown   map[string]bool // markers of notes sent and not answered 201
	readIDs   map[string]bool // X-Request-Id of reads answered 200
	kills     int
	pgCrashes int
}

// writer is one person: she writes notes on her own goal and reads her
// own record.
type writer struct {
	http     *http.Client
	csrf     string
	person   string
	goal     string
	sequence int
}

const tortureClients = 6

func (tt *torture) run() {
	t := tt.t
	tt.acked, tt.unknown, tt.readIDs = map[string]bool{}, map[string]bool{}, map[string]bool{}
	tt.urls = make([]atomic.Value, tt.processes)
	tt.procs = make([]*process, tt.processes)
	for i := range tt.processes {
		tt.start(i, i == 0)
	}
	for i := range tortureClients {
		c := newClient(t)
		m := c.login(tt.url(0), fmt.Sprintf("person%d@demo.test", i+1))
		var goal struct{ ID string }
		if code := c.call("POST", tt.url(0), "/api/v1/persons/"+m.PersonID+"/goals", `{"wording":"Sleep before midnight"}`, &goal); code != 201 {
			t.Fatalf("create goal = %d", code)
		}
		tt.writers = append(tt.writers, &writer{http: c.http, csrf: m.CSRFToken, person: m.PersonID, goal: goal.ID})
	}
	for cycle := range tt.cycles {
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for i, w := range tt.writers {
			wg.Go(func() { tt.load(i, w, stop) })
		}
		time.Sleep(time.Duration(150+rand.IntN(500)) * time.Millisecond)
		if tt.pgDir != "" && tt.pgCrashEvery > 0 && cycle%tt.pgCrashEvery == tt.pgCrashEvery-1 {
			tt.crashPostgres()
		} else {
			victim := rand.IntN(tt.processes)
			tt.kill(victim)
			time.Sleep(time.Duration(rand.IntN(100)) * time.Millisecond)
			tt.start(victim, false)
		}
		time.Sleep(time.Duration(50+rand.IntN(200)) * time.Millisecond)
		close(stop)
		wg.Wait()
	}
	kills := tt.kills
	for i := range tt.processes {
		tt.kill(i)
	}
	t.Logf("%d cycles: %d heard kills, %d PostgreSQL crashes; %d notes acknowledged, %d unanswered, %d reads answered",
		tt.cycles, kills, tt.pgCrashes, len(tt.acked), len(tt.unknown), len(tt.readIDs))
	if len(tt.acked) < tt.cycles || len(tt.readIDs) < tt.cycles {
		t.Errorf("the load did too little to prove anything: %d writes, %d reads acknowledged", len(tt.acked), len(tt.readIDs))
	}
}

func (tt *torture) url(i int) string {
	u, _ := tt.urls[i].Load().(string)
	return u
}

// start runs heard process i on the database and waits until it listens.
func (tt *torture) start(i int, demo bool) {
	args := []string{"serve", "--db", tt.db, "--addr", "127.0.0.1:0"}
	if strings.HasPrefix(tt.db, "postgres") && tt.pgDir == "" {
		args = append(args, "--allow-non-durable") // the test server runs without fsync
	}
	if demo {
		args = append(args, "--demo")
	}
	tt.procs[i] = startProcess(tt.t, args...)
	tt.urls[i].Store(tt.procs[i].url)
}

// kill ends process i with SIGKILL: no shutdown, no flushing, nothing.
func (tt *torture) kill(i int) {
	tt.urls[i].Store("")
	p := tt.procs[i].cmd
	if err := p.Process.Signal(syscall.SIGKILL); err != nil {
		tt.t.Fatal(err)
	}
	_ = p.Wait()
	p.Process = nil // nothing left for startProcess's cleanup to stop
	tt.kills++
}

// crashPostgres stops PostgreSQL as a crash would (immediate: no
// checkpoint, recovery from the WAL on start) and starts it again.
func (tt *torture) crashPostgres() {
	// -l: without a log file the new server would keep pg_ctl's output
	// open, and waiting for that output would never end.
	args := []string{filepath.Join(pgBin(tt.t), "pg_ctl"), "-D", filepath.Join(tt.pgDir, "data"), "-l", filepath.Join(tt.pgDir, "server.log"),
		"-m", "immediate", "-w", "-t", "60", "restart"}
	cmd := exec.Command(args[0], args[1:]...)
	if os.Getuid() == 0 {
		cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--"}, args...)...)
		cmd.Dir = "/"
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		tt.t.Fatalf("pg_ctl restart -m immediate: %v\n%s", err, out)
	}
	tt.pgCrashes++
}

func pgBin(t *testing.T) string {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	if len(dirs) == 0 {
		t.Fatal("no PostgreSQL binaries in /usr/lib/postgresql")
	}
	return dirs[len(dirs)-1]
}

// load is one client until stop: a note, a read, again.
func (tt *torture) load(i int, w *writer, stop chan struct{}) {
	for n := 0; ; n++ {
		select {
		case <-stop:
			return
		default:
		}
		base := tt.url((i + n) % tt.processes)
		if base == "" {
			time.Sleep(5 * time.Millisecond)
			continue
		}
		if n%2 == 0 {
			w.sequence++
			marker := fmt.Sprintf("torture-%d-%d", i, w.sequence)
			code, _ := w.send("POST", base+"/api/v1/persons/"+w.person+"/goals/"+w.goal+"/notes", `{"text":"`+marker+`"}`)
			tt.mu.Lock()
			if code == http.StatusCreated {
				tt.acked[marker] = true
			} else {
				tt.unknown[marker] = true
			}
			tt.mu.Unlock()
			continue
		}
		code, id := w.send("GET", base+"/api/v1/persons/"+w.person, "")
		if code == http.StatusOK {
			tt.mu.Lock()
			tt.readIDs[id] = true
			tt.mu.Unlock()
		}
	}
}

// send returns the status (0 when there was no answer) and X-Request-Id.
func (w *writer) send(method, url, body string) (int, string) {
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("X-CSRF-Token", w.csrf)
	resp, err := w.http.Do(req)
	if err != nil {
		time.Sleep(5 * time.Millisecond)
		return 0, ""
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, resp.Header.Get("X-Request-Id")
}

// check opens the database as heard left it and compares it with what
// the clients were told.
func (tt *torture) check(open func() (store.Store, error)) {
	t := tt.t
	st, err := open()
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	logged := map[string]bool{}
	err = st.Read(ctx, func(tx store.Tx) error {
		for _, w := range tt.writers {
			notes, err := tx.ListGoalNotes(ctx, heard.GoalID(w.goal))
			if err != nil {
				return err
			}
			seen := map[string]int{}
			for _, n := range notes {
				seen[n.Text]++
			}
			entries, err := tx.ListAccessEntries(ctx, store.AccessFilter{PersonID: heard.PersonID(w.person)})
			if err != nil {
				return err
			}
			noteEntries := 0
			for _, e := range entries {
				logged[e.RequestID] = true
				if e.Action == heard.ActionAddGoalNote && e.ResourceID == w.goal && e.Outcome == heard.OutcomeAllowed {
					noteEntries++
				}
			}
			if noteEntries != len(notes) {
				t.Errorf("goal %s has %d notes and %d access-log entries for adding one: a write is half there", w.goal, len(notes), noteEntries)
			}
			for text, n := range seen {
				switch {
				case n > 1:
					t.Errorf("note %q is there %d times", text, n)
				case !tt.acked[text] && !tt.unknown[text]:
					t.Errorf("note %q is there but was never sent", text)
				}
			}
			prefix := "torture-" + strconv.Itoa(slices.Index(tt.writers, w)) + "-"
			for marker := range tt.acked {
				if strings.HasPrefix(marker, prefix) && seen[marker] != 1 {
					t.Errorf("acknowledged note %q is missing", marker)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	missing := 0
	for id := range tt.readIDs {
		if !logged[id] {
			missing++
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d answered reads have no access-log entry", missing, len(tt.readIDs))
	}
	bin, _ := buildHeard()
	if out, err := exec.Command(bin, "audit", "verify", "--db", tt.db).CombinedOutput(); err != nil || !strings.Contains(string(out), "access log verified") {
		t.Errorf("audit verify after the torture: %s %v", out, err)
	}
}
