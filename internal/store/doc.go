// Package store is the storage contract: small interfaces shaped by what the
// app needs, the filters they take and the sentinel errors they return. One
// SQL implementation (sqlstore) serves both engines (sqlite, postgres), and
// one contract suite (storetest) runs against both.
//
// Storage never decides access and never reads identity from a context:
// list queries take a heard.ListScope that package policy produced.
package store
