package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/audit"
	"github.com/heard-health/heard/internal/config"
	"github.com/heard-health/heard/internal/demo"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/i18n"
)

func migrate(ctx context.Context, args []string, env Env) error {
	fs := flag.NewFlagSet("heard migrate", flag.ContinueOnError)
	cfg := config.Flags(fs, env.Getenv, "db")
	if err := parse(fs, args, env); err != nil {
		return err
	}
	_, _, st, err := open(ctx, *cfg, env, createDB)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintln(env.Stdout, "migrations applied")
	return nil
}

func loadDemo(ctx context.Context, args []string, env Env) error {
	fs := flag.NewFlagSet("heard demo", flag.ContinueOnError)
	cfg := config.Flags(fs, env.Getenv, "db", "lang")
	if err := parse(fs, args, env); err != nil {
		return err
	}
	a, au, st, err := open(ctx, *cfg, env, createDB)
	if err != nil {
		return err
	}
	defer st.Close()
	loaded, err := demo.Load(ctx, a, au.Params(), cfg.Lang)
	if err != nil {
		return err
	}
	if loaded {
		fmt.Fprintln(env.Stdout, "demo data loaded; every demo account's password is", demo.Password)
	} else {
		fmt.Fprintln(env.Stdout, "demo data is there already")
	}
	return nil
}

func user(ctx context.Context, args []string, env Env) error {
	if len(args) == 0 || args[0] != "create" {
		return fmt.Errorf("%w: heard user create --role ROLE --email E", ErrUsage)
	}
	fs := flag.NewFlagSet("heard user create", flag.ContinueOnError)
	cfg := config.Flags(fs, env.Getenv, "db")
	role := fs.String("role", "", "person, network, professional, leader, researcher or admin")
	email := fs.String("email", "", "email address to log in with")
	name := fs.String("name", "", "name shown to others (default: the email's local part)")
	unit := fs.String("unit", "", "unit name, for professionals and leaders")
	createUnit := fs.Bool("create-unit", false, "create the unit when the organisation has none by that name")
	peer := fs.Bool("peer-worker", false, "a professional with lived experience")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	orgName := fs.String("organisation", "My organisation", "organisation name, used when the database has none yet")
	if err := parse(fs, args[1:], env); err != nil {
		return err
	}
	if *role == "" || *email == "" {
		return fmt.Errorf("%w: --role and --email are required", ErrUsage)
	}
	na := app.NewAccount{Email: *email, Name: *name, Role: heard.Role(*role), PeerWorker: *peer}
	if na.Name == "" {
		na.Name, _, _ = strings.Cut(*email, "@")
	}
	if *fromStdin {
		line, err := bufio.NewReader(env.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("read password from standard input: %w", err)
		}
		na.Password = strings.TrimRight(line, "\r\n")
	}
	a, _, st, err := open(ctx, *cfg, env, existingDB)
	if err != nil {
		return err
	}
	defer st.Close()
	org, err := a.EnsureOrganisation(ctx, *orgName)
	if err != nil {
		return err
	}
	sys := heard.SystemActor(org.ID)
	if *unit != "" {
		if na.UnitID, err = a.FindUnit(ctx, sys, *unit); heard.ErrorCode(err) == heard.CodeNotFound && *createUnit {
			na.UnitID, err = a.EnsureUnit(ctx, sys, *unit)
		}
		if heard.ErrorCode(err) == heard.CodeNotFound {
			return fmt.Errorf("there is no unit %q: check the name, or add --create-unit to create it", *unit)
		}
		if err != nil {
			return err
		}
	}
	created, err := a.CreateAccount(ctx, sys, na)
	if err != nil {
		return describe("the account was not created", err)
	}
	fmt.Fprintf(env.Stdout, "created %s account %s\n", created.Account.Role, created.Account.Email)
	if created.Password != "" {
		fmt.Fprintf(env.Stdout, "password (shown once): %s\n", created.Password)
	}
	return nil
}

// describe turns field problems into sentences for the terminal, naming
// the flag each is about.
func describe(what string, err error) error {
	problems := heard.Problems(err)
	if len(problems) == 0 {
		return err
	}
	l := i18n.New(i18n.EN, nil)
	var parts []string
	for _, p := range problems {
		parts = append(parts, "--"+strings.ReplaceAll(p.Field, "_", "-")+": "+l.T(p.Key))
	}
	return fmt.Errorf("%s:\n  %s", what, strings.Join(parts, "\n  "))
}

func auditCmd(ctx context.Context, args []string, env Env) error {
	if len(args) == 0 || (args[0] != "verify" && args[0] != "anchor") {
		return fmt.Errorf("%w: heard audit verify|anchor", ErrUsage)
	}
	fs := flag.NewFlagSet("heard audit "+args[0], flag.ContinueOnError)
	cfg := config.Flags(fs, env.Getenv, "db")
	anchorText := ""
	if args[0] == "verify" {
		fs.StringVar(&anchorText, "anchor", "", "a head printed earlier by heard audit anchor (SEQ:HASH)")
	}
	if err := parse(fs, args[1:], env); err != nil {
		return err
	}
	var anchor *heard.AccessHead
	if anchorText != "" {
		h, err := audit.ParseAnchor(anchorText)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrUsage, err)
		}
		anchor = &h
	}
	a, _, st, err := open(ctx, *cfg, env, existingDB)
	if err != nil {
		return err
	}
	defer st.Close()
	if args[0] == "anchor" {
		head, err := a.AccessLogHead(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, audit.FormatAnchor(head))
		return nil
	}
	head, err := a.VerifyAccessLog(ctx, anchor)
	var broken *audit.Break
	if errors.As(err, &broken) {
		fmt.Fprintf(env.Stdout, "access log BROKEN at entry %d: %s\n", broken.Seq, broken.Reason)
		return ErrBroken
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "access log verified: %d entries, head %s\n", head.Seq, audit.FormatAnchor(head))
	return nil
}

// ErrBroken means the access log failed verification; main exits 1.
var ErrBroken = errors.New("access log verification failed")

func configCheck(args []string, env Env) error {
	if len(args) == 0 || args[0] != "check" {
		return fmt.Errorf("%w: heard config check", ErrUsage)
	}
	fs := flag.NewFlagSet("heard config check", flag.ContinueOnError)
	cfg := config.Flags(fs, env.Getenv, "addr", "db", "demo", "lang", "trust-proxy", "tls", "timezone", "log-format")
	if err := parse(fs, args[1:], env); err != nil {
		return err
	}
	cfg.Print(env.Stdout)
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrUsage, err)
	}
	fmt.Fprintln(env.Stdout, "configuration is valid")
	return nil
}
