package mail

import (
	"strings"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
)

// Every kind of e-mail has its words in both languages, and carries the
// link and no more than the words say.
func TestCompose_EveryKindInEveryLanguage(t *testing.T) {
	s := &Sender{SMTP: &SMTP{From: "heard@example.test"}, PublicURL: "https://heard.example.test/", Now: time.Now}
	for _, kind := range heard.NotificationKinds {
		for _, lang := range []string{"en", "nb"} {
			msg, err := s.compose(heard.Notification{EventKey: "k", Kind: kind, To: "a@example.test", Lang: lang, Path: "/f/token"})
			if err != nil || !strings.Contains(string(msg), "https://heard.example.test/f/token") || strings.Contains(string(msg), "mail.") {
				t.Errorf("%s in %s: %v\n%s", kind, lang, err, msg)
			}
		}
	}
	if _, err := s.compose(heard.Notification{Kind: heard.NotifyMessage, To: "a@example.test\r\nBcc: b@example.test"}); err == nil {
		t.Error("an address with a line break was accepted")
	}
}
