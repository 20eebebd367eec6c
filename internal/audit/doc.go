// Package audit makes the access log tamper-evident: each entry carries a
// SHA-256 hash over its fields and the previous entry's hash, so altering,
// inserting or removing an entry breaks the chain from that point on. It is
// pure computation; the store chains the entries of each commit with it,
// and it imports no database itself.
package audit
