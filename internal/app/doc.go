// Package app is Heard's use cases. Each method opens one transaction,
// loads what it needs, asks package policy, makes its change and queues its
// access-log entries on that transaction: a write's entries commit with it,
// a read (in a snapshot) returns only once its entries are durable, and if
// they cannot be made durable nothing is returned. It is the only caller of
// policy and the only place that opens transactions. It imports the store
// interfaces, never an engine.
package app
