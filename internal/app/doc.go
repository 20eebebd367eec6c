// Package app is Heard's use cases. Each method opens one transaction,
// loads what it needs, asks package policy, makes its change and appends to
// the access log in that same transaction; for reads the log entry is
// written before any data is returned, and if it cannot be written nothing
// is returned. It is the only caller of policy and the only place that opens
// transactions. It imports the store interfaces, never an engine.
package app
