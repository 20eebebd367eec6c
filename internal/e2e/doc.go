// Package e2e holds Heard's whole-program tests: heard started through
// cli.Run (or as real processes), driven by real headless Chromium, with
// axe-core checking every visited page for WCAG 2.1 A/AA violations, on
// SQLite and, for a smoke subset and multi-process sessions, PostgreSQL.
// A full run fails if any page route of the web surface was never checked.
// In CI (CI set) a missing Chromium or PostgreSQL fails the tests.
package e2e
