// Package pgtest gives tests and benchmarks a real, throw-away PostgreSQL.
// It uses the server named by PGTEST_DSN when set (the test command starts
// one for the whole run), or else starts its own from the machine's
// PostgreSQL binaries. Each test gets its own database, cloned from a
// migrated template, so tests stay parallel and independent.
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// Server is a PostgreSQL server reachable at an admin DSN.
type Server struct {
	// AdminDSN connects as a superuser to an existing database.
	AdminDSN string
	dataDir  string
	pgCtl    string
}

// BinDir returns the folder of the newest installed PostgreSQL's binaries,
// or PGBIN when set.
func BinDir() (string, error) {
	if dir := os.Getenv("PGBIN"); dir != "" {
		return dir, nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int {
		va, _ := strconv.Atoi(filepath.Base(filepath.Dir(a)))
		vb, _ := strconv.Atoi(filepath.Base(filepath.Dir(b)))
		return va - vb
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i], nil
		}
	}
	return "", fmt.Errorf("no PostgreSQL binaries in /usr/lib/postgresql/*/bin: install the Debian package postgresql")
}

// Start initialises and starts a new server in a temporary folder, tuned for
// throw-away data (no fsync). PostgreSQL refuses to run as root, so as root
// it runs as the postgres system user.
func Start(ctx context.Context) (*Server, error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "heard-pg-")
	if err != nil {
		return nil, err
	}
	asUser, err := runAs(dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	data := filepath.Join(dir, "data")
	run := func(name string, args ...string) error {
		argv := append(append(slices.Clone(asUser), filepath.Join(bin, name)), args...)
		cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
		cmd.Dir = "/"
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("%s: %w\n%s", name, err, out)
		}
		return nil
	}
	if err := run("initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300", port, dir)
	if err := run("pg_ctl", "-D", data, "-l", filepath.Join(dir, "server.log"), "-w", "-t", "60", "-o", opts, "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "server.log"))
		os.RemoveAll(dir)
		return nil, fmt.Errorf("%w\n%s", err, log)
	}
	return &Server{
		AdminDSN: fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port),
		dataDir:  dir,
		pgCtl:    strings.Join(append(slices.Clone(asUser), filepath.Join(bin, "pg_ctl")), " "),
	}, nil
}

// runAs returns the command prefix that runs a PostgreSQL binary as a
// non-root user, and hands the folder to that user.
func runAs(dir string) ([]string, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("running as root needs the postgres system user (from the Debian postgresql package): %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		return nil, err
	}
	return []string{"runuser", "-u", "postgres", "--"}, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Stop stops a server started by Start and removes its files. A server
// given by PGTEST_DSN is left alone.
func (s *Server) Stop() {
	if s == nil || s.dataDir == "" {
		return
	}
	argv := append(strings.Fields(s.pgCtl), "-D", filepath.Join(s.dataDir, "data"), "-m", "immediate", "-w", "stop")
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = "/"
	_ = cmd.Run()
	os.RemoveAll(s.dataDir)
}

// DSN returns the DSN of database name on the server.
func (s *Server) DSN(name string) string {
	u, err := url.Parse(s.AdminDSN)
	if err != nil {
		return s.AdminDSN
	}
	u.Path = "/" + name
	return u.String()
}

// CreateDatabase creates database name, as a copy of template when set.
func (s *Server) CreateDatabase(ctx context.Context, name, template string) error {
	return s.admin(ctx, func(db *sql.DB) error {
		stmt := `CREATE DATABASE ` + quoteIdent(name)
		if template != "" {
			stmt += ` TEMPLATE ` + quoteIdent(template)
		}
		_, err := db.ExecContext(ctx, stmt)
		return err
	})
}

// DropDatabase drops database name, ending its connections.
func (s *Server) DropDatabase(ctx context.Context, name string) error {
	return s.admin(ctx, func(db *sql.DB) error {
		_, err := db.ExecContext(ctx, `DROP DATABASE IF EXISTS `+quoteIdent(name)+` WITH (FORCE)`)
		return err
	})
}

func (s *Server) admin(ctx context.Context, fn func(*sql.DB) error) error {
	db, err := sql.Open("pgx", s.AdminDSN)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	return fn(db)
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
