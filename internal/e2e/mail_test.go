package e2e

import (
	"fmt"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/mail/mailtest"
)

// The outbox survives its sender: heard is killed (SIGKILL) in the middle
// of an SMTP conversation, with two invitations delivered and a third
// half-way; started again on the same database, it sends the third and
// the rest, and every invitation arrives exactly once.
func TestMail_SenderKilledMidwayNeverSendsTwice(t *testing.T) {
	server := mailtest.Start(t, "heard", "mail password")
	db := "sqlite:" + filepath.Join(t.TempDir(), "heard.db")
	args := []string{"serve", "--demo", "--db", db, "--addr", "127.0.0.1:0", "--smtp", server.URL("heard@example.test")}
	a := startProcess(t, args...)

	ada := newClient(t)
	me := ada.login(a.url, "person1@demo.test")
	stalled, release := server.StallRecipient("guest3@example.test")
	defer release()
	for i := 1; i <= 5; i++ {
		body := fmt.Sprintf(`{"email":"guest%d@example.test","name":"Guest %d","scopes":[]}`, i, i)
		if code := ada.call("POST", a.url, "/api/v1/persons/"+me.PersonID+"/invitations", body, nil); code != 201 {
			t.Fatalf("invitation %d = %d", i, code)
		}
	}
	select {
	case <-stalled:
	case <-time.After(60 * time.Second):
		t.Fatal("the sender never reached the third invitation")
	}
	if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = a.cmd.Wait()
	a.cmd.Process = nil
	release()
	before := guests(server.Messages())
	if before["guest1@example.test"] != 1 || before["guest2@example.test"] != 1 || before["guest3@example.test"] != 0 {
		t.Fatalf("before the kill: %v", before)
	}

	startProcess(t, args...)
	deadline := time.Now().Add(90 * time.Second) // the killed sender's claim lapses first
	for time.Now().Before(deadline) && len(guests(server.Messages())) < 5 {
		time.Sleep(500 * time.Millisecond)
	}
	time.Sleep(5 * time.Second) // a few more looks at the outbox: nothing again
	got := guests(server.Messages())
	for i := 1; i <= 5; i++ {
		if n := got[fmt.Sprintf("guest%d@example.test", i)]; n != 1 {
			t.Errorf("guest%d got %d e-mails, want exactly 1 (all: %v)", i, n, got)
		}
	}
}

// guests counts the e-mails each invited guest received.
func guests(ms []mailtest.Message) map[string]int {
	out := map[string]int{}
	for _, m := range ms {
		for _, to := range m.To {
			if strings.HasPrefix(to, "guest") {
				out[to]++
			}
		}
	}
	return out
}
