// Package mail sends Heard's e-mail notifications from the outbox in the
// database, outside the request path: one claimed row at a time, retried
// with backoff after a failure, and never twice for one event. An e-mail
// says only that something waits in Heard and gives a link: no names, no
// health information, no message text. Without an SMTP server configured,
// each notification is written to the server log, without its link.
package mail
