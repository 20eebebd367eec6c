// Package mailtest is a real SMTP server for tests, built on go-smtp: it
// speaks the protocol over TCP, checks a login when given one, keeps what
// it was given, and can refuse or stall messages to test a sender's
// retries and a sender stopped mid-way. Only tests import it.
package mailtest

import (
	"errors"
	"io"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Message is one e-mail the server took: only after the end of its data
// was answered with 250.
type Message struct {
	From string
	To   []string
	Data string
}

// Server is a running test SMTP server.
type Server struct {
	Addr           string
	User, Password string

	mu        sync.Mutex
	messages  []Message
	refuse    int
	stallRcpt map[string]chan struct{}
	arrived   chan struct{}
}

// Start runs a server on a free local port until the test ends. With user
// and password set, senders must log in with them (PLAIN).
func Start(t testing.TB, user, password string) *Server {
	t.Helper()
	s := &Server{User: user, Password: password, stallRcpt: map[string]chan struct{}{}, arrived: make(chan struct{}, 1000)}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{s: s}, nil }))
	srv.Domain, srv.AllowInsecureAuth = "localhost", true
	srv.ReadTimeout, srv.WriteTimeout = 30*time.Second, 30*time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Addr = ln.Addr().String()
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	return s
}

// URL is the --smtp value for a sender to use this server.
func (s *Server) URL(from string) string {
	u := url.URL{Scheme: "smtp", Host: s.Addr, RawQuery: url.Values{"tls": {"none"}, "from": {from}}.Encode()}
	if s.User != "" {
		u.User = url.UserPassword(s.User, s.Password)
	}
	return u.String()
}

// Refuse answers the end of the next n messages with 451, a temporary
// failure: the sender must try again.
func (s *Server) Refuse(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuse = n
}

// StallRecipient holds any conversation to rcpt at RCPT TO until release
// is called; stalled reports when one is held.
func (s *Server) StallRecipient(rcpt string) (stalled <-chan struct{}, release func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	held, gate := make(chan struct{}, 10), make(chan struct{})
	s.stallRcpt[strings.ToLower(rcpt)] = gate
	s.stallRcpt["held:"+strings.ToLower(rcpt)] = held
	var once sync.Once
	return held, func() { once.Do(func() { close(gate) }) }
}

// Messages returns what the server took, in order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// WaitForRecipient waits until a message to rcpt arrives, or timeout
// passes (nil).
func (s *Server) WaitForRecipient(rcpt string, timeout time.Duration) *Message {
	deadline := time.After(timeout)
	for {
		for _, m := range s.Messages() {
			for _, to := range m.To {
				if strings.EqualFold(to, rcpt) {
					return &m
				}
			}
		}
		select {
		case <-s.arrived:
		case <-deadline:
			return nil
		}
	}
}

type session struct {
	s        *Server
	from     string
	to       []string
	loggedIn bool
}

func (se *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (se *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, password string) error {
		if user != se.s.User || password != se.s.Password {
			return errors.New("wrong user or password")
		}
		se.loggedIn = true
		return nil
	}), nil
}

func (se *session) Mail(from string, _ *smtp.MailOptions) error {
	if se.s.User != "" && !se.loggedIn {
		return smtp.ErrAuthRequired
	}
	se.from = from
	return nil
}

func (se *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	se.s.mu.Lock()
	gate, held := se.s.stallRcpt[strings.ToLower(to)], se.s.stallRcpt["held:"+strings.ToLower(to)]
	se.s.mu.Unlock()
	if gate != nil {
		held <- struct{}{}
		<-gate
	}
	se.to = append(se.to, to)
	return nil
}

func (se *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	se.s.mu.Lock()
	defer se.s.mu.Unlock()
	if se.s.refuse > 0 {
		se.s.refuse--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Try again later"}
	}
	se.s.messages = append(se.s.messages, Message{From: se.from, To: se.to, Data: string(b)})
	se.s.arrived <- struct{}{}
	return nil
}

func (se *session) Reset()        { se.from, se.to = "", nil }
func (se *session) Logout() error { return nil }
