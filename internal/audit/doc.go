// Package audit makes the access log tamper-evident: each entry carries a
// SHA-256 hash over its fields and the previous entry's hash, so altering,
// inserting or removing an entry breaks the chain from that point on. It is
// pure computation; the app writes entries in the same transaction as the
// change they record, and imports no database itself.
package audit
