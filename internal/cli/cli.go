// Package cli is the heard command: serve, migrate, demo, user, audit,
// config and version. Run reads top to bottom as the program's wiring; it
// is the one place that chooses a storage engine. cmd/heard calls it, and
// end-to-end tests call it too, with an address of ":0".
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/auth"
	"github.com/heard-health/heard/internal/config"
	"github.com/heard-health/heard/internal/password"
	"github.com/heard-health/heard/internal/store"
	"github.com/heard-health/heard/internal/store/postgres"
	"github.com/heard-health/heard/internal/store/sqlite"
)

// Version is set at build time with -ldflags "-X ...cli.Version=v1.2.3".
var Version = "dev"

// Env is the outside world of one run.
type Env struct {
	Getenv func(string) string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// OnListen, if set, is told the address serve listens on (tests use
	// port 0 and learn the port here).
	OnListen func(addr string)
	// PasswordParams, if set, replaces the production hashing costs
	// (tests only; the stored hash records its own costs).
	PasswordParams *password.Params
}

// ErrUsage marks errors in how the command was called; main exits 2.
var ErrUsage = errors.New("usage")

const usage = `heard — recovery-oriented mental health practice, self-hosted

usage:
  heard serve   [--addr A] [--db D] [--demo [--lang en|nb]] [--trust-proxy] [--tls-cert F --tls-key F] [--timezone Z] [--log-format F]
  heard migrate [--db D]
  heard demo    [--db D] [--lang en|nb]
  heard user create --role ROLE --email E [--name N] [--unit UNIT [--create-unit]] [--peer-worker] [--password-stdin] [--organisation NAME] [--db D]
  heard audit verify [--anchor SEQ:HASH] [--db D]
  heard audit anchor [--db D]
  heard config check [flags of serve]
  heard version

serve, migrate and demo create the database when it does not exist; the
other commands refuse a missing one.

Every flag can also be set by its environment variable (HEARD_ADDR, HEARD_DB, …).
The default database is sqlite:data/heard.db; a postgres://… URL selects PostgreSQL.`

// Run runs the heard command with args (without the program name).
func Run(ctx context.Context, args []string, env Env) error {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, usage)
		return ErrUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return serve(ctx, rest, env)
	case "migrate":
		return migrate(ctx, rest, env)
	case "demo":
		return loadDemo(ctx, rest, env)
	case "user":
		return user(ctx, rest, env)
	case "audit":
		return auditCmd(ctx, rest, env)
	case "config":
		return configCheck(rest, env)
	case "version":
		fmt.Fprintln(env.Stdout, "heard", Version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprintln(env.Stdout, usage)
		return nil
	}
	fmt.Fprintf(env.Stderr, "heard: unknown command %q\n\n%s\n", cmd, usage)
	return ErrUsage
}

// parse parses a subcommand's flags, turning flag errors into ErrUsage.
func parse(fs *flag.FlagSet, args []string, env Env) error {
	fs.SetOutput(env.Stderr)
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", ErrUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected %q", ErrUsage, fs.Arg(0))
	}
	return nil
}

// dbUse says whether a command may create the database it opens. Only
// serve, migrate and demo may: a typing mistake in --db must not give an
// operator a fresh, empty database that "verifies" or takes new accounts.
type dbUse int

const (
	existingDB dbUse = iota
	createDB
)

// openStore opens the configured database and applies migrations. It is
// the only place that knows the engines.
func openStore(ctx context.Context, cfg config.Config, use dbUse) (store.Store, error) {
	engine, target := cfg.Engine()
	if engine == "postgres" {
		if use == existingDB {
			has, err := postgres.HasSchema(ctx, target)
			if err != nil {
				return nil, err
			}
			if !has {
				return nil, fmt.Errorf("the PostgreSQL database in --db has no Heard data; create it with heard migrate or heard serve first")
			}
		}
		return postgres.Open(ctx, target)
	}
	if use == existingDB {
		if _, err := os.Stat(target); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("there is no database at %s; check --db, or create one with heard migrate or heard serve", target)
		}
	}
	return sqlite.Open(ctx, target)
}

// open returns the app on the configured database; close it with the
// returned store.
func open(ctx context.Context, cfg config.Config, env Env, use dbUse) (*app.Service, *auth.Service, store.Store, error) {
	if err := cfg.Validate(); err != nil {
		return nil, nil, nil, fmt.Errorf("%w: %w", ErrUsage, err)
	}
	st, err := openStore(ctx, cfg, use)
	if err != nil {
		return nil, nil, nil, err
	}
	ac := auth.DefaultConfig()
	if env.PasswordParams != nil {
		ac.Params = *env.PasswordParams
	}
	loc, _ := cfg.Location() // validated above
	return app.New(st, app.Options{PasswordParams: ac.Params, Location: loc}), auth.New(store.Narrow[auth.Tx](st), ac), st, nil
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}
