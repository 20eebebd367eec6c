// Package auth logs people in and keeps them logged in: argon2id password
// hashes checked against common passwords, TOTP second factor, sessions
// stored in the database (so several heard processes share them), idle and
// absolute timeouts, login throttling and CSRF tokens. It uses storage for
// accounts and sessions only, never for a person's record.
package auth
