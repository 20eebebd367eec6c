package heard

import "time"

// NotificationKind is what an e-mail tells its reader: only that something
// waits in Heard, never what.
type NotificationKind string

// The kinds of e-mail Heard sends.
const (
	NotifyInvitation   NotificationKind = "invitation"
	NotifyMessage      NotificationKind = "message"
	NotifyFeedbackLink NotificationKind = "feedback_link"
)

// NotificationKinds lists every kind; each has its words in every language.
var NotificationKinds = []NotificationKind{NotifyInvitation, NotifyMessage, NotifyFeedbackLink}

// Notification is one e-mail in the outbox: to an address, in a language,
// with a link (a path in Heard) and nothing else. EventKey names the event
// it tells of; one event is never sent twice.
type Notification struct {
	ID       string
	EventKey string
	Kind     NotificationKind
	To       string
	Lang     string
	// Path is the link's path; erased once sent, since an invitation's or
	// feedback link's token must not outlive its e-mail in the database.
	Path     string
	Created  time.Time
	Attempts int
	NextAt   time.Time
	// Sending is set just before the server is told the message is
	// complete: a sender that stops after it cannot know whether the
	// server took it, and the e-mail is then never sent again (Uncertain).
	Sending   time.Time
	Sent      time.Time
	Uncertain bool
	GaveUp    bool
	LastError string
}
