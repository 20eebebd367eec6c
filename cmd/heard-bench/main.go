// Command heard-bench measures Heard under load: it starts the heard binary
// on a fresh demo database (SQLite, and PostgreSQL when one is given), logs
// in persons and professionals, drives a mixed load of page and API reads
// at fixed concurrency for a fixed time, and in the same run measures a
// bare net/http handler doing one indexed read from the same database, the
// ceiling. It prints Markdown tables for BENCHMARKS.md. scripts/bench runs it.
package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/heard-health/heard/internal/bench"
	"github.com/heard-health/heard/internal/store/sqlite"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	if len(os.Args) > 1 && os.Args[1] == "ceiling" {
		err = ceiling(ctx, os.Args[2:])
	} else {
		err = run(ctx, os.Args[1:])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "heard-bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("heard-bench", flag.ContinueOnError)
	heardBin := fs.String("heard", "bin/heard", "the heard binary to measure")
	engines := fs.String("engines", "sqlite,postgres", "engines to measure")
	pgAdmin := fs.String("pg", os.Getenv("PGTEST_DSN"), "PostgreSQL admin DSN for a throw-away database")
	names := fs.String("scenarios", "mix,writes", "scenarios to measure, in order: "+scenarioList())
	curve := fs.String("curve", "", "concurrencies to measure each scenario at, e.g. 1,4,16,64 (default: --concurrency)")
	profile := fs.String("cpu-profile", "", "folder for a CPU profile of each engine's heard over the whole run (heard-ENGINE.pprof)")
	opts := bench.Options{}
	fs.IntVar(&opts.Concurrency, "concurrency", 16, "concurrent clients")
	fs.DurationVar(&opts.Duration, "duration", 20*time.Second, "measured time per target")
	fs.DurationVar(&opts.Warmup, "warmup", 3*time.Second, "unmeasured time before each measurement")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var chosen []scenario
	for name := range strings.SplitSeq(*names, ",") {
		sc, err := scenarioNamed(name)
		if err != nil {
			return err
		}
		chosen = append(chosen, sc)
	}
	levels := []int{opts.Concurrency}
	if *curve != "" {
		levels = nil
		for f := range strings.SplitSeq(*curve, ",") {
			n, err := strconv.Atoi(f)
			if err != nil || n < 1 {
				return fmt.Errorf("--curve: %q is not a number of clients", f)
			}
			levels = append(levels, n)
		}
	}
	fmt.Printf("heard-bench: %s measured after %s warm-up, per target; concurrency %v\n\n", opts.Duration, opts.Warmup, levels)
	for _, engine := range strings.Split(*engines, ",") {
		target, cleanup, err := database(ctx, engine, *pgAdmin)
		if err != nil {
			return err
		}
		err = measure(ctx, engine, target, *heardBin, *profile, chosen, levels, opts)
		cleanup()
		if err != nil {
			return fmt.Errorf("%s: %w", engine, err)
		}
	}
	return nil
}

// database makes a fresh database for one engine and returns its --db value.
func database(ctx context.Context, engine, pgAdmin string) (string, func(), error) {
	switch engine {
	case "sqlite":
		dir, err := os.MkdirTemp("", "heard-bench-")
		if err != nil {
			return "", nil, err
		}
		return "sqlite:" + filepath.Join(dir, "heard.db"), func() { os.RemoveAll(dir) }, nil
	case "postgres":
		if pgAdmin == "" {
			return "", nil, errors.New("postgres needs --pg or PGTEST_DSN (scripts/bench starts one)")
		}
		admin, err := sql.Open("pgx", pgAdmin)
		if err != nil {
			return "", nil, err
		}
		b := make([]byte, 4)
		_, _ = rand.Read(b)
		name := "heard_bench_" + hex.EncodeToString(b)
		if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
			admin.Close()
			return "", nil, err
		}
		u, _ := url.Parse(pgAdmin)
		u.Path = "/" + name
		return u.String(), func() {
			_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			admin.Close()
		}, nil
	}
	return "", nil, fmt.Errorf("unknown engine %q", engine)
}

func scenarioList() string {
	var names []string
	for _, s := range scenarios {
		names = append(names, s.name)
	}
	return strings.Join(names, ", ")
}

// measure starts heard and the ceiling on one database and measures each
// scenario at each concurrency. Each ratio's reference is measured at the
// same concurrency in the same run.
func measure(ctx context.Context, engine, db, heardBin, profile string, chosen []scenario, levels []int, opts bench.Options) error {
	args := []string{"serve", "--demo", "--db", db, "--addr", "127.0.0.1:0", "--log-format", "json"}
	if profile != "" {
		args = append(args, "--cpu-profile", filepath.Join(profile, "heard-"+engine+".pprof"))
	}
	heard, err := start(ctx, regexp.MustCompile(`Heard is running at (http://\S+)`), heardBin, args...)
	if err != nil {
		return err
	}
	defer heard.stop()
	self, err := os.Executable()
	if err != nil {
		return err
	}
	ceil, err := start(ctx, regexp.MustCompile(`ceiling listening on (http://\S+)`), self, "ceiling", "--db", db)
	if err != nil {
		return err
	}
	defer ceil.stop()
	var persons []string
	if _, persons, err = loginMix(heard.url, 16); err != nil {
		return err
	}
	fmt.Printf("### %s\n\n", engine)
	var summary strings.Builder
	fmt.Fprintf(&summary, "| %s | clients | req/s | p50 ms | p99 ms | errors | ratio |\n|---|---:|---:|---:|---:|---:|---:|\n", engine)
	for _, n := range levels {
		o := opts
		o.Concurrency = n
		refs := map[string]bench.Result{}
		reference := func(name string) (bench.Result, error) {
			if r, ok := refs[name]; ok {
				return r, nil
			}
			var users []bench.User
			if name == "ceiling" {
				for i := range n {
					users = append(users, bench.User{Client: client(n, nil), Requests: []bench.Request{
						{Label: "GET /person (one indexed read)", URL: ceil.url + "/person?id=" + persons[i%len(persons)]}}})
				}
			} else {
				users, _ = healthzUsers(false)(heard.url, n)
			}
			r := bench.Run(ctx, users, o)
			refs[name] = r
			fmt.Printf("%s\n", r.Markdown(fmt.Sprintf("%s, %s, %d clients", name, engine, n)))
			fmt.Fprintf(&summary, "| %s | %d | %.0f | %.2f | %.2f | %d | |\n", name, n, r.Total.PerSec, ms(r.Total.P50), ms(r.Total.P99), r.Total.Errors)
			return r, nil
		}
		for _, sc := range chosen {
			if sc.name == "healthz" {
				_, _ = reference("healthz")
				continue
			}
			users, err := sc.users(heard.url, n)
			if err != nil {
				return fmt.Errorf("%s: %w", sc.name, err)
			}
			res := bench.Run(ctx, users, o)
			fmt.Printf("%s\n", res.Markdown(fmt.Sprintf("%s, %s, %d clients", sc.name, engine, n)))
			ref, _ := reference(sc.against)
			ratio := 100 * res.Total.PerSec / ref.Total.PerSec
			fmt.Printf("%s: %.1f%% of %s (%.0f vs %.0f req/s)\n\n", sc.name, ratio, sc.against, res.Total.PerSec, ref.Total.PerSec)
			fmt.Fprintf(&summary, "| %s | %d | %.0f | %.2f | %.2f | %d | %.1f %% of %s |\n", sc.name, n, res.Total.PerSec, ms(res.Total.P50), ms(res.Total.P99), res.Total.Errors, ratio, sc.against)
		}
	}
	fmt.Printf("Summary, %s:\n\n%s\n", engine, summary.String())
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

type process struct {
	url string
	cmd *exec.Cmd
}

func (p *process) stop() {
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	_ = p.cmd.Wait()
}

func start(ctx context.Context, ready *regexp.Regexp, bin string, args ...string) (*process, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := ready.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case u := <-found:
		return &process{url: u, cmd: cmd}, nil
	case <-time.After(120 * time.Second):
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("%s %v did not start", bin, args)
	}
}

func client(conns int, jar http.CookieJar) *http.Client {
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		Transport: &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns}}
}

// ceiling serves GET /person?id=… with one indexed read and nothing else:
// no session, no policy, no access log. It is what heard would cost if all
// of that were free.
func ceiling(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("heard-bench ceiling", flag.ContinueOnError)
	dbFlag := fs.String("db", "", "the same --db heard was given")
	if err := fs.Parse(args); err != nil {
		return err
	}
	driver, dsn := "pgx", *dbFlag
	if path, ok := strings.CutPrefix(*dbFlag, "sqlite:"); ok {
		// Heard's own read pool settings, for a like-for-like ceiling.
		driver, dsn = "sqlite", sqlite.DSN(path, true)
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(16)
	if driver == "sqlite" {
		db.SetMaxOpenConns(4)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /person", func(w http.ResponseWriter, r *http.Request) {
		var name string
		if err := db.QueryRowContext(r.Context(), `SELECT name FROM persons WHERE id = $1`, r.URL.Query().Get("id")).Scan(&name); err != nil {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{"name": name})
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Printf("ceiling listening on http://%s\n", ln.Addr())
	go func() { <-ctx.Done(); _ = srv.Close() }()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
