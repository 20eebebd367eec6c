package cli

import (
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime/pprof"
	"time"

	"github.com/heard-health/heard/internal/config"
	"github.com/heard-health/heard/internal/demo"
	"github.com/heard-health/heard/internal/mail"
	"github.com/heard-health/heard/internal/server"
)

// Server timeouts: generous for slow phones on bad networks, bounded so a
// stalled client cannot hold a connection for ever.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 120 * time.Second
	shutdownTimeout   = 30 * time.Second
	cleanupEvery      = 5 * time.Minute
	// The outbox is looked at every mailPoll; a claimed e-mail is one
	// sender's for mailLease, longer than one SMTP conversation may take.
	mailPoll  = 2 * time.Second
	mailLease = 30 * time.Second
)

func serve(ctx context.Context, args []string, env Env) error {
	fs := flag.NewFlagSet("heard serve", flag.ContinueOnError)
	cfg := config.Flags(fs, env.Getenv, "addr", "db", "demo", "lang", "trust-proxy", "tls", "timezone", "log-format", "mail")
	nonDurable := fs.Bool("allow-non-durable", false, "start even when the database would acknowledge commits before they are on disk; for throw-away test databases only")
	cpuProfile := fs.String("cpu-profile", "", "write a CPU profile (pprof) of the whole run to this file when heard stops; for benchmarks")
	if err := parse(fs, args, env); err != nil {
		return err
	}
	if *cpuProfile != "" {
		stop, err := profileCPU(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	log := newLogger(*cfg, env.Stderr)
	sender := &mail.Sender{Log: log, Now: time.Now, Lease: mailLease, Poll: mailPoll}
	if cfg.SMTP != "" {
		smtp, err := mail.ParseSMTP(cfg.SMTP)
		if err != nil {
			return err
		}
		sender.SMTP = &smtp
		log.Info("e-mail goes through " + smtp.String())
	} else {
		log.Info("no SMTP server configured (--smtp): e-mail notifications are written to this log, without their links")
	}
	a, au, st, err := open(ctx, *cfg, env, createDB)
	if err != nil {
		return err
	}
	defer st.Close()
	sender.Store = st
	if err := st.Durable(ctx); err != nil {
		if !*nonDurable {
			return fmt.Errorf("%w; heard will not acknowledge writes that a power cut could lose (--allow-non-durable overrides this for throw-away test databases)", err)
		}
		log.Warn("the database does not make commits durable; started with --allow-non-durable", "why", err.Error())
	}
	if cfg.Demo {
		loaded, err := demo.Load(ctx, a, au.Params(), cfg.Lang)
		if err != nil {
			return err
		}
		if loaded {
			log.Info("demo data loaded")
		}
	}
	loc, _ := cfg.Location()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	scheme := "http"
	if cfg.TLSCert != "" {
		scheme = "https"
	}
	sender.PublicURL = cmp.Or(cfg.PublicURL, scheme+"://"+ln.Addr().String())
	srv, err := server.New(a, au, server.Options{Logger: log, Location: loc, TrustProxy: cfg.TrustProxy, PublicURL: sender.PublicURL,
		MailConfigured: sender.SMTP != nil})
	if err != nil {
		ln.Close()
		return err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: readHeaderTimeout, ReadTimeout: readTimeout,
		WriteTimeout: writeTimeout, IdleTimeout: idleTimeout, ErrorLog: nil}
	if cfg.TLSCert != "" {
		// Loaded before "running" is said: a wrong path fails here.
		cert, err := cfg.Certificate()
		if err != nil {
			ln.Close()
			return err
		}
		hs.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	engine, _ := cfg.Engine()
	log.Info("heard listening", "url", scheme+"://"+ln.Addr().String(), "engine", engine, "version", Version)
	fmt.Fprintf(env.Stdout, "Heard is running at %s://%s (press Ctrl+C to stop)\n", scheme, ln.Addr())
	if env.OnListen != nil {
		env.OnListen(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() {
		if hs.TLSConfig != nil {
			errc <- hs.ServeTLS(ln, "", "")
		} else {
			errc <- hs.Serve(ln)
		}
	}()
	go cleanup(ctx, au, log)
	go sender.Run(ctx)
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

type cleaner interface {
	Cleanup(context.Context) error
}

func cleanup(ctx context.Context, c cleaner, log interface{ Warn(string, ...any) }) {
	t := time.NewTicker(cleanupEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := c.Cleanup(ctx); err != nil && ctx.Err() == nil {
				log.Warn("session cleanup failed", "error", err)
			}
		}
	}
}

// profileCPU starts a CPU profile written to path; stop ends and saves it.
func profileCPU(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
