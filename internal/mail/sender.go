package mail

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/i18n"
	"github.com/heard-health/heard/internal/store"
)

// Sender sends the outbox. Several senders (one per heard process) may
// share one database: each claims one row at a time.
type Sender struct {
	Store store.Store
	// SMTP is nil when none is configured: notifications are then
	// logged without their links.
	SMTP *SMTP
	// PublicURL is where people reach Heard ("https://heard.example.org"):
	// links are made from it, never from a request's Host header.
	PublicURL string
	Log       *slog.Logger
	Now       func() time.Time
	// Lease is how long a claimed row is this sender's; Poll how often
	// the outbox is looked at.
	Lease, Poll time.Duration
}

// MaxAttempts is how often a notification is tried before the sender gives
// up; the waits between tries double from 30 seconds up to an hour.
const MaxAttempts = 10

// Backoff is the wait before try number attempts+1.
func Backoff(attempts int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < attempts && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// Run sends what is due until ctx ends, looking every Poll.
func (s *Sender) Run(ctx context.Context) {
	t := time.NewTicker(s.Poll)
	defer t.Stop()
	for {
		if _, err := s.Drain(ctx); err != nil && ctx.Err() == nil {
			s.Log.Warn("e-mail outbox", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Drain sends every notification due now, one at a time, and returns how
// many it handled.
func (s *Sender) Drain(ctx context.Context) (int, error) {
	done := 0
	for ctx.Err() == nil {
		var n heard.Notification
		var ok bool
		err := s.Store.Write(ctx, func(tx store.Tx) (err error) {
			n, ok, err = tx.ClaimNotification(ctx, s.Now(), s.Lease)
			return err
		})
		if err != nil || !ok {
			return done, err
		}
		if err := s.handle(ctx, n); err != nil {
			return done, err
		}
		done++
	}
	return done, ctx.Err()
}

// handle sends one claimed notification and records what happened.
func (s *Sender) handle(ctx context.Context, n heard.Notification) error {
	write := func(fn func(tx store.Tx) error) error { return s.Store.Write(context.WithoutCancel(ctx), fn) }
	if s.SMTP == nil {
		s.Log.Info("e-mail not sent: no SMTP server configured (--smtp)", "kind", string(n.Kind), "notification", n.ID)
		return write(func(tx store.Tx) error { return tx.MarkSent(ctx, n.ID, s.Now()) })
	}
	msg, err := s.compose(n)
	if err != nil {
		return err
	}
	err = s.SMTP.send(n.To, msg, func() error {
		return write(func(tx store.Tx) error { return tx.MarkSending(ctx, n.ID, s.Now()) })
	})
	if err == nil {
		return write(func(tx store.Tx) error { return tx.MarkSent(ctx, n.ID, s.Now()) })
	}
	var unknown *unknownOutcome
	if errors.As(err, &unknown) {
		// The server may have the message: it is left "sending" and so
		// never sent again (the store marks it uncertain).
		s.Log.Warn("e-mail outcome unknown; not sent again", "kind", string(n.Kind), "notification", n.ID, "error", err.Error())
		return nil
	}
	attempts := n.Attempts + 1
	giveUp := attempts >= MaxAttempts
	reason := err.Error()
	s.Log.Warn("e-mail not sent; will try again", "kind", string(n.Kind), "notification", n.ID, "attempt", attempts, "give_up", giveUp, "error", reason)
	return write(func(tx store.Tx) error {
		return tx.MarkFailed(ctx, n.ID, attempts, s.Now().Add(Backoff(attempts)), reason, giveUp)
	})
}

// words are the subject and the body of each kind of e-mail.
var words = map[heard.NotificationKind][2]string{
	heard.NotifyInvitation:   {"mail.invitation.subject", "mail.invitation.body"},
	heard.NotifyMessage:      {"mail.message.subject", "mail.message.body"},
	heard.NotifyFeedbackLink: {"mail.feedback_link.subject", "mail.feedback_link.body"},
}

// compose writes the e-mail: a subject and a few lines saying that
// something waits in Heard, with the link. Nothing else.
func (s *Sender) compose(n heard.Notification) ([]byte, error) {
	lang, ok := i18n.Parse(n.Lang)
	if !ok {
		lang = i18n.EN
	}
	l := i18n.New(lang, time.UTC)
	link := strings.TrimRight(s.PublicURL, "/") + n.Path
	keys, ok := words[n.Kind]
	if !ok {
		return nil, fmt.Errorf("a notification of unknown kind %q", n.Kind)
	}
	subject := l.T(keys[0])
	body := l.T(keys[1], "Link", link) + "\n\n" + l.T("mail.footer") + "\n"
	if strings.ContainsAny(n.To, "\r\n") {
		return nil, errors.New("an address with a line break")
	}
	sum := sha256.Sum256([]byte(n.EventKey))
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s@heard>\r\n", s.SMTP.From, n.To,
		mime.QEncoding.Encode("utf-8", subject), s.Now().Format(time.RFC1123Z), hex.EncodeToString(sum[:16]))
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\nAuto-Submitted: auto-generated\r\n\r\n")
	b.WriteString(strings.ReplaceAll(body, "\n", "\r\n"))
	return b.Bytes(), nil
}
