// Command heard serves Heard and runs its operator tasks. See internal/cli.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // dates show in the service's zone even on machines without zone data

	"github.com/heard-health/heard/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := cli.Run(ctx, os.Args[1:], cli.Env{Getenv: os.Getenv, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr})
	switch {
	case err == nil:
	case errors.Is(err, cli.ErrUsage):
		fmt.Fprintln(os.Stderr, "heard:", err)
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "heard:", err)
		os.Exit(1)
	}
}
