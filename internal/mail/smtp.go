package mail

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"net/url"
	"time"
)

// Security is how the connection to the SMTP server is protected.
type Security string

// The ways: none (a relay on the same host), STARTTLS, or TLS from the
// first byte (smtps).
const (
	SecurityNone     Security = "none"
	SecurityStartTLS Security = "starttls"
	SecurityTLS      Security = "tls"
)

// SMTP is a configured SMTP server.
type SMTP struct {
	Host, Port     string
	User, Password string
	From           string
	Security       Security
	// InsecureSkipVerify accepts any certificate: for a test server only.
	InsecureSkipVerify bool
}

// ParseSMTP reads smtp://user:password@host:port?from=heard@example.org&tls=starttls
// (tls: none, starttls or tls; smtps:// means tls; insecure=true skips
// certificate checks, for test servers only).
func ParseSMTP(raw string) (SMTP, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return SMTP{}, errors.New("--smtp: want smtp://user:password@host:port?from=address&tls=starttls")
	}
	q := u.Query()
	s := SMTP{Host: u.Hostname(), Port: u.Port(), From: q.Get("from"), Security: Security(q.Get("tls")), InsecureSkipVerify: q.Get("insecure") == "true"}
	if u.User != nil {
		s.User = u.User.Username()
		s.Password, _ = u.User.Password()
	}
	if u.Scheme == "smtps" && s.Security == "" {
		s.Security = SecurityTLS
	}
	if s.Security == "" {
		s.Security = SecurityStartTLS
	}
	if s.Security != SecurityNone && s.Security != SecurityStartTLS && s.Security != SecurityTLS {
		return SMTP{}, fmt.Errorf("--smtp: tls=%q: want none, starttls or tls", s.Security)
	}
	if s.Port == "" {
		s.Port = map[Security]string{SecurityNone: "25", SecurityStartTLS: "587", SecurityTLS: "465"}[s.Security]
	}
	if a, err := mail.ParseAddress(s.From); err != nil || a.Address != s.From {
		return SMTP{}, errors.New("--smtp: from= must be the sender's address, such as from=heard@example.org")
	}
	return s, nil
}

// String names the server without its password, for logs.
func (s SMTP) String() string {
	return fmt.Sprintf("smtp://%s (%s, from %s)", net.JoinHostPort(s.Host, s.Port), s.Security, s.From)
}

// timeout bounds one whole SMTP conversation; it stays well inside the
// sender's lease, so that no other sender takes the row meanwhile.
const timeout = 20 * time.Second

// send delivers msg to one recipient. beforeEnd runs once the whole
// message is written and before the server is told it is complete: what
// happens after that cannot be undone.
func (s SMTP) send(to string, msg []byte, beforeEnd func() error) error {
	addr := net.JoinHostPort(s.Host, s.Port)
	tlsConfig := &tls.Config{ServerName: s.Host, MinVersion: tls.VersionTLS12, InsecureSkipVerify: s.InsecureSkipVerify} //nolint:gosec // test servers only, by configuration
	var conn net.Conn
	var err error
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	if s.Security == SecurityTLS {
		conn, err = tls.DialWithDialer(dialer, "tcp", addr, tlsConfig)
	} else {
		conn, err = dialer.Dial("tcp", addr)
	}
	if err != nil {
		return fmt.Errorf("connect to %s: %w", addr, err)
	}
	_ = conn.SetDeadline(time.Now().Add(timeout))
	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("greeting: %w", err)
	}
	defer c.Close()
	if s.Security == SecurityStartTLS {
		if err := c.StartTLS(tlsConfig); err != nil {
			return fmt.Errorf("starttls: %w", err)
		}
	}
	if s.User != "" {
		if err := c.Auth(smtp.PlainAuth("", s.User, s.Password, s.Host)); err != nil {
			return fmt.Errorf("auth: %w", err)
		}
	}
	if err := c.Mail(s.From); err != nil {
		return fmt.Errorf("mail from: %w", err)
	}
	if err := c.Rcpt(to); err != nil {
		return fmt.Errorf("rcpt to: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("data: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	if err := beforeEnd(); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		var refused *textproto.Error
		if errors.As(err, &refused) {
			return fmt.Errorf("end of data refused: %w", err) // an answer: nothing was taken
		}
		return &unknownOutcome{err}
	}
	// Delivered: a failing QUIT changes nothing.
	_ = c.Quit()
	return nil
}

// unknownOutcome is a conversation that broke after the server was told
// the message was complete, without its answer: it may have the message.
type unknownOutcome struct{ err error }

func (u *unknownOutcome) Error() string {
	return "no answer after the end of the message: " + u.err.Error()
}
func (u *unknownOutcome) Unwrap() error { return u.err }
