package heard

import (
	"errors"
	"fmt"
)

// Code classifies an error for every surface: the web shows a page, the API
// a status and a stable code, the CLI an exit status.
type Code string

// The error codes. They are part of the API contract: never rename one.
const (
	CodeInvalid         Code = "invalid"
	CodeNotFound        Code = "not_found"
	CodeConflict        Code = "conflict"
	CodeForbidden       Code = "forbidden"
	CodeUnauthenticated Code = "unauthenticated"
	CodeTooManyAttempts Code = "too_many_attempts"
	// CodeStale: the record changed since the caller read it; nothing was
	// saved, and the caller is shown the other change to merge.
	CodeStale    Code = "stale"
	CodeInternal Code = "internal"
)

// Problem is one field's validation problem. Key is a translation key, so the
// same problem reads well in every language. Item, when set, names the part
// of a structured input the problem is in (a questionnaire item's linkId),
// and Detail what there was (the unsupported type); the message shows both.
type Problem struct {
	Field  string
	Key    string
	Item   string
	Detail string
}

// Error is an error that is safe to show: its Key is a translation key and
// its Problems name fields. Internal details never travel in an Error.
type Error struct {
	Code     Code
	Key      string
	Problems []Problem
}

func (e *Error) Error() string {
	if len(e.Problems) > 0 {
		return fmt.Sprintf("%s: %s (%d field problems)", e.Code, e.Key, len(e.Problems))
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Key)
}

// Errorf returns an *Error with the code and message key.
func Errorf(code Code, key string) error {
	return &Error{Code: code, Key: key}
}

// Invalid returns an invalid-input error with the field problems, or nil when
// there are none, so validators can end with `return heard.Invalid(problems)`.
func Invalid(problems []Problem) error {
	if len(problems) == 0 {
		return nil
	}
	return &Error{Code: CodeInvalid, Key: "error.invalid", Problems: problems}
}

// Sentinel errors for the common cases. Compare with ErrorCode, not ==, since
// they are usually wrapped.
var (
	ErrNotFound        = &Error{Code: CodeNotFound, Key: "error.not_found"}
	ErrForbidden       = &Error{Code: CodeForbidden, Key: "error.forbidden"}
	ErrUnauthenticated = &Error{Code: CodeUnauthenticated, Key: "error.unauthenticated"}
	ErrConflict        = &Error{Code: CodeConflict, Key: "error.conflict"}
	ErrStale           = &Error{Code: CodeStale, Key: "error.stale"}
)

// ErrorCode returns the code of the first *Error in err's chain, or
// CodeInternal when there is none (an unexpected failure).
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// ErrorKey returns the message key of the first *Error in err's chain, or the
// generic key for unexpected failures.
func ErrorKey(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Key
	}
	return "error.internal"
}

// Problems returns the field problems of err, if any.
func Problems(err error) []Problem {
	var e *Error
	if errors.As(err, &e) {
		return e.Problems
	}
	return nil
}

// Args are the problem's message arguments: Item and Detail, when set.
func (p Problem) Args() []any {
	var args []any
	if p.Item != "" {
		args = append(args, "Item", p.Item)
	}
	if p.Detail != "" {
		args = append(args, "Detail", p.Detail)
	}
	return args
}
