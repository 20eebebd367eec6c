package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/heard-health/heard/internal/store/postgres"
	"github.com/heard-health/heard/internal/store/sqlstore"
)

var (
	once     sync.Once
	server   *Server
	template string
	setupErr error
)

// Main runs a package's tests and stops the server pgtest started, if any.
// Call it from TestMain: os.Exit(pgtest.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	server.Stop()
	return code
}

func setup() {
	ctx := context.Background()
	if dsn := os.Getenv("PGTEST_DSN"); dsn != "" {
		server = &Server{AdminDSN: dsn}
	} else {
		server, setupErr = Start(ctx)
		if setupErr != nil {
			return
		}
	}
	// A template per test process: packages run in parallel on one server.
	template = "heard_tmpl_" + randomName()
	if setupErr = server.CreateDatabase(ctx, template, ""); setupErr != nil {
		return
	}
	db, err := postgres.Open(ctx, server.DSN(template))
	if err != nil {
		setupErr = err
		return
	}
	// The template must have no open connections when it is copied.
	setupErr = db.Close()
}

// InCI reports whether the tests run in CI, where a missing PostgreSQL or
// Chromium is a failure: CI is set, and not to "false" or "0".
func InCI() bool {
	v := strings.ToLower(strings.TrimSpace(os.Getenv("CI")))
	return v != "" && v != "false" && v != "0"
}

// Available returns the shared server, or skips the test when PostgreSQL
// cannot be had — except in CI (CI=true), where a missing PostgreSQL is a
// failure, never a skip.
func Available(t testing.TB) *Server {
	t.Helper()
	once.Do(setup)
	if setupErr != nil {
		if InCI() {
			t.Fatalf("PostgreSQL is required in CI: %v", setupErr)
		}
		t.Skipf("SKIPPING: no PostgreSQL for this test (set PGTEST_DSN or install postgresql): %v", setupErr)
	}
	return server
}

// NewDatabase creates a fresh, migrated database for the test, dropped when
// the test ends, and returns its DSN.
func NewDatabase(t testing.TB) string {
	t.Helper()
	s := Available(t)
	name := "heard_t_" + randomName()
	ctx := context.Background()
	if err := s.CreateDatabase(ctx, name, template); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		if err := s.DropDatabase(context.Background(), name); err != nil {
			t.Logf("drop test database %s: %v", name, err)
		}
	})
	return s.DSN(name)
}

// Open returns a store on a fresh database for the test.
func Open(t testing.TB) *sqlstore.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), NewDatabase(t))
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func randomName() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%d_%s", os.Getpid(), hex.EncodeToString(b))
}
