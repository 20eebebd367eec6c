package mail_test

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/mail"
	"github.com/heard-health/heard/internal/mail/mailtest"
	"github.com/heard-health/heard/internal/password"
	"github.com/heard-health/heard/internal/store"
	"github.com/heard-health/heard/internal/store/sqlite"
)

var ctx = context.Background()

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// world is a service with a person, her professional at a unit, and a
// sender over the same database.
type world struct {
	app         *app.Service
	st          store.Store
	clock       *clock
	person, pro heard.Actor
	unit        heard.UnitID
	logs        *bytes.Buffer
}

func newWorld(t *testing.T) *world {
	t.Helper()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "h.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := &clock{t: time.Date(2026, 11, 30, 21, 40, 0, 0, time.UTC)}
	a := app.New(st, app.Options{Now: c.Now, PasswordParams: password.Params{Memory: 64, Time: 1, Threads: 1}})
	org := must(a.EnsureOrganisation(ctx, "Testvik"))
	sys := heard.SystemActor(org.ID)
	unit := must(a.CreateUnit(ctx, sys, "Ward A", heard.UnitWard))
	account := func(email, name string, role heard.Role, u heard.UnitID) heard.Actor {
		c := must(a.CreateAccount(ctx, sys, app.NewAccount{Email: email, Name: name, Role: role, UnitID: u}))
		return heard.Actor{AccountID: c.Account.ID, OrganisationID: c.Account.OrganisationID, Role: role, Name: name, PersonID: c.PersonID}
	}
	w := &world{app: a, st: st, clock: c, unit: unit.ID, logs: &bytes.Buffer{}}
	w.pro = account("mari@example.test", "Mari Fjelltun", heard.RoleProfessional, unit.ID)
	w.person = account("ada@example.test", "Ada Lindqvam", heard.RolePerson, "")
	leader := account("leader@example.test", "Leader", heard.RoleLeader, unit.ID)
	admin := account("admin@example.test", "Admin", heard.RoleAdmin, "")
	rel := must(a.CreateCareRelation(ctx, admin, app.NewCareRelation{PersonID: w.person.PersonID, ProfessionalID: w.pro.AccountID, UnitID: unit.ID}))
	if err := a.ConfirmCareRelation(ctx, leader, rel.ID); err != nil {
		t.Fatal(err)
	}
	return w
}

// must returns v; setting up the world cannot fail in a working build.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func (w *world) sender(t *testing.T, server *mailtest.Server) *mail.Sender {
	s := &mail.Sender{Store: w.st, PublicURL: "https://heard.example.test", Log: slog.New(slog.NewTextHandler(w.logs, nil)), Now: w.clock.Now,
		Lease: 30 * time.Second, Poll: time.Second}
	if server != nil {
		smtp, err := mail.ParseSMTP(server.URL("heard@example.test"))
		if err != nil {
			t.Fatal(err)
		}
		s.SMTP = &smtp
	}
	return s
}

// What the person writes never reaches an e-mail: her professional is
// told, in a real SMTP conversation with a login, only that a message
// waits, with a link made from the configured address; and a second look
// at the outbox sends nothing again.
func TestSender_SaysOnlyThatSomethingWaits(t *testing.T) {
	w := newWorld(t)
	server := mailtest.Start(t, "heard", "a mail password")
	if err := w.app.SetLocale(ctx, w.pro, "nb"); err != nil {
		t.Fatal(err)
	}
	th := must(w.app.StartThread(ctx, w.person, w.person.PersonID, app.NewThread{UnitID: w.unit, Subject: "Voices again",
		Body: "I hear the voices again at night and I am scared."}))
	s := w.sender(t, server)
	if n, err := s.Drain(ctx); err != nil || n != 1 {
		t.Fatalf("drain = %d, %v", n, err)
	}
	got := server.Messages()
	if len(got) != 1 || len(got[0].To) != 1 || got[0].To[0] != "mari@example.test" || got[0].From != "heard@example.test" {
		t.Fatalf("delivered = %+v", got)
	}
	data := got[0].Data
	link := "https://heard.example.test/persons/" + string(w.person.PersonID) + "/threads/" + string(th.ID)
	if !strings.Contains(data, link) || !strings.Contains(data, "Du har en ny melding i Heard") {
		t.Errorf("the e-mail lacks its link or its language:\n%s", data)
	}
	for _, secret := range []string{"Voices", "voices", "scared", "Ada", "Lindqvam", "Mari"} {
		if strings.Contains(data, secret) {
			t.Errorf("the e-mail holds %q:\n%s", secret, data)
		}
	}
	if n, err := s.Drain(ctx); err != nil || n != 0 || len(server.Messages()) != 1 {
		t.Errorf("a second drain sent %d more (%v)", n, err)
	}
}

// A server that answers "try again later" gets the e-mail again after
// the backoff, once; the link is erased from the database once it is sent.
func TestSender_RetriesAfterAFailure(t *testing.T) {
	w := newWorld(t)
	server := mailtest.Start(t, "", "")
	made := must(w.app.Invite(ctx, w.person, w.person.PersonID, app.InvitationInput{Email: "liv@example.test", Name: "Liv", Relationship: "my mother"}))
	server.Refuse(1)
	s := w.sender(t, server)
	if n, err := s.Drain(ctx); err != nil || n != 1 || len(server.Messages()) != 0 {
		t.Fatalf("first try: %d handled, %d delivered, %v", n, len(server.Messages()), err)
	}
	outbox := w.outbox(t)
	if len(outbox) != 1 || outbox[0].Attempts != 1 || !strings.Contains(outbox[0].LastError, "451") || !outbox[0].Sent.IsZero() {
		t.Fatalf("after the failure: %+v", outbox)
	}
	if n, _ := s.Drain(ctx); n != 0 {
		t.Error("tried again before the backoff")
	}
	w.clock.Add(mail.Backoff(1))
	if n, err := s.Drain(ctx); err != nil || n != 1 {
		t.Fatalf("second try: %d, %v", n, err)
	}
	got := server.Messages()
	if len(got) != 1 || got[0].To[0] != "liv@example.test" || !strings.Contains(got[0].Data, "https://heard.example.test/i/"+made.Token) {
		t.Fatalf("delivered = %+v", got)
	}
	if strings.Contains(got[0].Data, "Ada") || strings.Contains(got[0].Data, "mother") {
		t.Errorf("the invitation names her or the relation:\n%s", got[0].Data)
	}
	if o := w.outbox(t); o[0].Sent.IsZero() || o[0].Path != "" {
		t.Errorf("sent, but the link stays in the database: %+v", o[0])
	}
}

// Without an SMTP server the notification is written to the log, without
// its link or address.
func TestSender_WithoutSMTPLogsWithoutContent(t *testing.T) {
	w := newWorld(t)
	made := must(w.app.Invite(ctx, w.person, w.person.PersonID, app.InvitationInput{Email: "liv@example.test", Name: "Liv"}))
	if n, err := w.sender(t, nil).Drain(ctx); err != nil || n != 1 {
		t.Fatalf("drain = %d, %v", n, err)
	}
	logs := w.logs.String()
	if !strings.Contains(logs, "kind=invitation") || strings.Contains(logs, made.Token) || strings.Contains(logs, "liv@example.test") {
		t.Errorf("the log = %s", logs)
	}
}

func (w *world) outbox(t *testing.T) []heard.Notification {
	var out []heard.Notification
	if err := w.st.Read(ctx, func(tx store.Tx) (err error) { out, err = tx.ListNotifications(ctx); return err }); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestParseSMTP(t *testing.T) {
	s, err := mail.ParseSMTP("smtp://heard:secret@mail.example.org?from=heard@example.org")
	if err != nil || s.Port != "587" || s.Security != mail.SecurityStartTLS || s.User != "heard" || s.Password != "secret" {
		t.Errorf("starttls by default = %+v, %v", s, err)
	}
	if s, err := mail.ParseSMTP("smtps://mail.example.org?from=heard@example.org"); err != nil || s.Port != "465" || s.Security != mail.SecurityTLS {
		t.Errorf("smtps = %+v, %v", s, err)
	}
	if strings.Contains(s.String(), "secret") {
		t.Errorf("String shows the password: %s", s)
	}
	for _, bad := range []string{"http://mail.example.org?from=a@b.c", "smtp://mail.example.org", "smtp://mail.example.org?from=a@b.c&tls=maybe", "smtp://?from=a@b.c"} {
		if _, err := mail.ParseSMTP(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
