package cli

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"github.com/heard-health/heard/internal/password"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/demo"
)

var cheap = password.Params{Memory: 64, Time: 1, Threads: 1}

func run(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := Run(context.Background(), args, Env{Getenv: func(string) string { return "" }, Stdin: strings.NewReader(stdin),
		Stdout: &out, Stderr: &errOut, PasswordParams: &cheap})
	return out.String() + errOut.String(), err
}

func tempDB(t *testing.T) (flag, path string) {
	path = filepath.Join(t.TempDir(), "heard.db")
	return "--db=sqlite:" + path, path
}

func TestRun_UsageAndVersion(t *testing.T) {
	if out, err := run(t, "", "version"); err != nil || !strings.HasPrefix(out, "heard ") {
		t.Errorf("version = %q, %v", out, err)
	}
	for _, args := range [][]string{{}, {"frobnicate"}, {"serve", "--no-such-flag"}, {"user", "create", "--role", "person"}, {"audit", "verify", "--anchor", "nonsense"}} {
		if _, err := run(t, "", args...); !errors.Is(err, ErrUsage) {
			t.Errorf("heard %v = %v, want a usage error", args, err)
		}
	}
	if out, err := run(t, "", "config", "check", "--db", "postgres://heard:secret@db/heard"); err != nil || strings.Contains(out, "secret") {
		t.Errorf("config check = %q, %v; want valid and the password hidden", out, err)
	}
}

func TestAuditVerify_FindsAlteredRow(t *testing.T) {
	db, path := tempDB(t)
	if _, err := run(t, "", "demo", db); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, "", "audit", "verify", db)
	if err != nil || !strings.Contains(out, "access log verified") {
		t.Fatalf("verify untouched log = %q, %v", out, err)
	}
	raw(t, path, `DROP TRIGGER access_log_no_update`, `UPDATE access_log SET actor_id = 'someone-else' WHERE seq = 7`)
	out, err = run(t, "", "audit", "verify", db)
	if !errors.Is(err, ErrBroken) || !strings.Contains(out, "BROKEN at entry 7") {
		t.Fatalf("verify after altering entry 7 = %q, %v; want it named", out, err)
	}
}

func TestAuditVerify_AnchorFindsEntriesCutFromTheEnd(t *testing.T) {
	db, path := tempDB(t)
	if _, err := run(t, "", "demo", db); err != nil {
		t.Fatal(err)
	}
	anchor, err := run(t, "", "audit", "anchor", db)
	if err != nil || !regexp.MustCompile(`^\d+:[0-9a-f]{64}\n$`).MatchString(anchor) {
		t.Fatalf("anchor = %q, %v", anchor, err)
	}
	var seq int
	raw(t, path) // checkpoint the WAL so the direct connection sees everything
	conn := openRaw(t, path)
	if err := conn.QueryRow(`SELECT seq FROM access_log_head`).Scan(&seq); err != nil {
		t.Fatal(err)
	}
	// Someone with database access removes the last two entries and moves
	// the head back to keep the chain looking whole.
	var prevHash string
	if err := conn.QueryRow(`SELECT hash FROM access_log WHERE seq = $1`, seq-2).Scan(&prevHash); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{`DROP TRIGGER access_log_no_delete`, `DELETE FROM access_log WHERE seq > ` + strconv.Itoa(seq-2),
		`UPDATE access_log_head SET seq = ` + strconv.Itoa(seq-2) + `, hash = '` + prevHash + `'`} {
		if _, err := conn.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	conn.Close()
	if out, err := run(t, "", "audit", "verify", db); err != nil {
		t.Fatalf("without the anchor the cut log looks whole (that is why anchors exist): %q, %v", out, err)
	}
	out, err := run(t, "", "audit", "verify", db, "--anchor", strings.TrimSpace(anchor))
	if !errors.Is(err, ErrBroken) || !strings.Contains(out, "removed from the end") {
		t.Fatalf("verify --anchor = %q, %v; want the cut reported", out, err)
	}
}

func openRaw(t *testing.T, path string) *sql.DB {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	return conn
}

// raw runs statements on the database file directly, as someone with
// access to the server's disk could.
func raw(t *testing.T, path string, stmts ...string) {
	t.Helper()
	conn := openRaw(t, path)
	defer conn.Close()
	for _, s := range append([]string{`PRAGMA wal_checkpoint(TRUNCATE)`}, stmts...) {
		if _, err := conn.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func TestUserCreate(t *testing.T) {
	db, _ := tempDB(t)
	if _, err := run(t, "", "migrate", db); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, "a long enough passphrase\n", "user", "create", db, "--role", "professional", "--email", "Nurse@Example.test",
		"--name", "Nina Nurse", "--unit", "Ward A", "--create-unit", "--password-stdin")
	if err != nil || !strings.Contains(out, "created professional account nurse@example.test") || strings.Contains(out, "password (shown once)") {
		t.Fatalf("user create = %q, %v", out, err)
	}
	out, err = run(t, "", "user", "create", db, "--role", "admin", "--email", "admin@example.test")
	if err != nil || !regexp.MustCompile(`password \(shown once\): [a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}`).MatchString(out) {
		t.Fatalf("user create with a generated password = %q, %v", out, err)
	}
	// Refusals are sentences naming the flag, never message keys.
	for _, c := range []struct {
		stdin string
		args  []string
		want  string
	}{
		{"", []string{"--role", "professional", "--email", "nounit@example.test"}, "--unit: "},
		{"password\n", []string{"--role", "person", "--email", "p@example.test", "--password-stdin"}, "--password: "},
		{"", []string{"--role", "wizard", "--email", "w@example.test"}, "--role: "},
		{"", []string{"--role", "admin", "--email", "admin@example.test"}, "--email: "},
	} {
		_, err := run(t, c.stdin, append([]string{"user", "create", db}, c.args...)...)
		if err == nil || !strings.Contains(err.Error(), c.want) || regexp.MustCompile(`[a-z]+\.[a-z_]+\.[a-z_]+`).MatchString(err.Error()) {
			t.Errorf("user create %v = %v, want a sentence about %s and no message key", c.args, err, c.want)
		}
	}
	// The demo data refuses a database that holds other data.
	if _, err := run(t, "", "demo", db); !errors.Is(err, demo.ErrNotEmpty) {
		t.Errorf("demo on a used database = %v, want ErrNotEmpty", err)
	}
}

// Only serve, migrate and demo create a database; every other command
// refuses a missing one instead of answering from a new, empty database.
func TestCommands_RefuseAMissingDatabase(t *testing.T) {
	for _, args := range [][]string{
		{"audit", "verify"}, {"audit", "anchor"},
		{"user", "create", "--role", "admin", "--email", "a@example.test"},
	} {
		db, path := tempDB(t)
		path = filepath.Join(filepath.Dir(path), "typo", "missing.db")
		db = "--db=sqlite:" + path
		out, err := run(t, "", append(args, db)...)
		if err == nil || !strings.Contains(err.Error(), "no database at") || strings.Contains(out, "verified") {
			t.Errorf("heard %v on a missing database = %q, %v; want a refusal", args, out, err)
		}
		if _, statErr := os.Stat(filepath.Dir(path)); !errors.Is(statErr, fs.ErrNotExist) {
			t.Errorf("heard %v created %s", args, filepath.Dir(path))
		}
	}
}

// user create refuses a unit that does not exist, unless asked to make it.
func TestUserCreate_UnknownUnit(t *testing.T) {
	db, _ := tempDB(t)
	if _, err := run(t, "", "migrate", db); err != nil {
		t.Fatal(err)
	}
	args := []string{"user", "create", db, "--role", "professional", "--email", "n@example.test", "--unit", "No Such Unit"}
	if _, err := run(t, "", args...); err == nil || !strings.Contains(err.Error(), `no unit "No Such Unit"`) || !strings.Contains(err.Error(), "--create-unit") {
		t.Errorf("unknown unit = %v, want a refusal that names --create-unit", err)
	}
	if out, err := run(t, "", append(args, "--create-unit")...); err != nil || !strings.Contains(out, "created professional") {
		t.Errorf("with --create-unit = %q, %v", out, err)
	}
	if out, err := run(t, "", "user", "create", db, "--role", "leader", "--email", "l@example.test", "--unit", "no such unit"); err != nil || !strings.Contains(out, "created leader") {
		t.Errorf("the unit just made, by name in other case = %q, %v", out, err)
	}
}

// config check (and serve) refuse addresses and TLS files that cannot work.
func TestConfigCheck_RefusesWhatCannotWork(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--addr", "nope"}, {"--addr", "127.0.0.1:99999"}, {"--addr", "127.0.0.1:http-ish"},
		{"--tls-cert", filepath.Join(dir, "missing.pem"), "--tls-key", filepath.Join(dir, "missing.key")},
	} {
		if out, err := run(t, "", append([]string{"config", "check"}, args...)...); !errors.Is(err, ErrUsage) || strings.Contains(out, "configuration is valid") {
			t.Errorf("config check %v = %q, %v; want it refused", args, out, err)
		}
	}
	db, _ := tempDB(t)
	var out bytes.Buffer
	err := Run(context.Background(), []string{"serve", db, "--addr", "127.0.0.1:0", "--tls-cert", filepath.Join(dir, "missing.pem"), "--tls-key", filepath.Join(dir, "missing.key")},
		Env{Getenv: func(string) string { return "" }, Stdout: &out, Stderr: &out, PasswordParams: &cheap})
	if err == nil || strings.Contains(out.String(), "running") {
		t.Errorf("serve with missing TLS files = %v, printed %q; want a refusal before saying it runs", err, out.String())
	}
}

func TestDemo_Idempotent(t *testing.T) {
	db, _ := tempDB(t)
	if out, err := run(t, "", "demo", db); err != nil || !strings.Contains(out, "demo data loaded") {
		t.Fatalf("first demo = %q, %v", out, err)
	}
	if out, err := run(t, "", "demo", db); err != nil || !strings.Contains(out, "there already") {
		t.Fatalf("second demo = %q, %v", out, err)
	}
}

// serve answers until its context ends, then shuts down cleanly.
func TestServe_StartsAndStops(t *testing.T) {
	db, _ := tempDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	var out bytes.Buffer
	go func() {
		done <- Run(ctx, []string{"serve", db, "--demo", "--addr", "127.0.0.1:0"}, Env{Getenv: func(string) string { return "" },
			Stdout: &out, Stderr: &out, PasswordParams: &cheap, OnListen: func(a string) { addr <- a }})
	}()
	var base string
	select {
	case a := <-addr:
		base = "http://" + a
	case err := <-done:
		t.Fatalf("serve ended early: %v\n%s", err, out.String())
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	for _, p := range []string{"/healthz", "/readyz"} {
		resp, err := http.Get(base + p)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("GET %s = %v, %v", p, resp, err)
		}
		resp.Body.Close()
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve after cancel = %v", err)
		}
	case <-time.After(40 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("server still answers after shutdown")
	}
}
