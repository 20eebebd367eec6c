// Package auth logs people in and keeps them logged in: passwords checked
// with package password, a TOTP second factor, sessions stored in the
// database (so several heard processes share them), idle and absolute
// timeouts, login throttling with device cookies, and CSRF tokens. It uses
// storage for accounts and sessions only, never for a person's record.
package auth
