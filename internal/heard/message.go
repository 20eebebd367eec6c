package heard

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ThreadID and MessageID identify a conversation with her team and one
// message in it.
type (
	ThreadID  string
	MessageID string
)

// Thread is a conversation between the person (or, if she allows it, one
// of her network) and her team at one unit. MemberID is the network
// member who writes in it, "" for her own threads.
type Thread struct {
	ID       ThreadID
	PersonID PersonID
	UnitID   UnitID
	MemberID AccountID
	Subject  string
	// ToSharedInbox: written to the whole unit's shared inbox at once,
	// not only to her care team.
	ToSharedInbox bool
	StartedBy     AccountID
	Created       time.Time
	// LastAt is when its latest message was sent.
	LastAt time.Time
}

// Message is plain text; line breaks are kept, nothing else is markup.
// For messages from her side, FirstRead and FirstReplied record when a
// professional first opened and first answered it: exact times, whatever
// the reply hours, so time to first reply can be measured.
type Message struct {
	ID         MessageID
	ThreadID   ThreadID
	PersonID   PersonID
	AuthorID   AccountID
	AuthorRole Role
	Body       string
	Sent       time.Time
	// Zero until a professional reads or answers it; never set for
	// messages from the team.
	FirstRead      time.Time
	FirstReadBy    AccountID
	FirstReplied   time.Time
	FirstRepliedBy AccountID
}

// FromTeam reports whether a professional wrote the message.
func (m Message) FromTeam() bool { return m.AuthorRole == RoleProfessional }

// Limits on what is written.
const (
	maxSubject = 200
	maxMessage = 5000
)

// ValidateMessage checks a message's text and, when a thread starts, its
// subject.
func ValidateMessage(subject, body string, starting bool) error {
	var p []Problem
	if starting && (strings.TrimSpace(subject) == "" || utf8.RuneCountInString(subject) > maxSubject) {
		p = append(p, Problem{Field: "subject", Key: "message.subject.invalid"})
	}
	if strings.TrimSpace(body) == "" {
		p = append(p, Problem{Field: "body", Key: "message.body.empty"})
	} else if utf8.RuneCountInString(body) > maxMessage {
		p = append(p, Problem{Field: "body", Key: "field.too_long"})
	}
	return Invalid(p)
}

// ReplyHours are when a unit's team answers messages: the week days, and
// the time of day from and to, in minutes after midnight in the service's
// time zone. EscalateAfter is how long, in those working minutes, a
// message from her side may wait unread before it goes to the unit's
// shared inbox.
type ReplyHours struct {
	Days          []time.Weekday
	From, To      int
	EscalateAfter int
}

// DefaultReplyHours are weekdays 08:00–15:30, escalating after three
// working hours, until an admin sets the unit's own.
var DefaultReplyHours = ReplyHours{Days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
	From: 8 * 60, To: 15*60 + 30, EscalateAfter: 180}

// Validate checks the hours an admin sets.
func (h ReplyHours) Validate() error {
	var p []Problem
	if len(h.Days) == 0 {
		p = append(p, Problem{Field: "days", Key: "unit.reply_days.invalid"})
	}
	if h.From < 0 || h.To > 24*60 || h.From >= h.To {
		p = append(p, Problem{Field: "reply_from", Key: "unit.reply_hours.invalid"})
	}
	if h.EscalateAfter < 15 || h.EscalateAfter > 5*24*60 {
		p = append(p, Problem{Field: "escalate_hours", Key: "unit.escalate.invalid"})
	}
	return Invalid(p)
}

// Open reports whether t falls within the reply hours.
func (h ReplyHours) Open(t time.Time, loc *time.Location) bool {
	t = t.In(loc)
	m := t.Hour()*60 + t.Minute()
	return slices.Contains(h.Days, t.Weekday()) && m >= h.From && m < h.To
}

// WorkingMinutes counts the minutes within reply hours between a and b.
func (h ReplyHours) WorkingMinutes(a, b time.Time, loc *time.Location) int {
	if !b.After(a) {
		return 0
	}
	a, b = a.In(loc), b.In(loc)
	total := time.Duration(0)
	for day := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, loc); day.Before(b); day = day.AddDate(0, 0, 1) {
		if !slices.Contains(h.Days, day.Weekday()) {
			continue
		}
		from, to := day.Add(time.Duration(h.From)*time.Minute), day.Add(time.Duration(h.To)*time.Minute)
		if a.After(from) {
			from = a
		}
		if b.Before(to) {
			to = b
		}
		if to.After(from) {
			total += to.Sub(from)
		}
	}
	return int(total / time.Minute)
}

// Overdue reports whether a message sent at sent, still unread at now, has
// waited longer than the unit allows.
func (h ReplyHours) Overdue(sent, now time.Time, loc *time.Location) bool {
	return h.WorkingMinutes(sent, now, loc) >= h.EscalateAfter
}

// FormatClock writes minutes after midnight as "08:00".
func FormatClock(minutes int) string { return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60) }

// FormatDays writes the days in their stored form ("1 2 3 4 5").
func FormatDays(days []time.Weekday) string {
	var out []string
	for d := time.Sunday; d <= time.Saturday; d++ {
		if slices.Contains(days, d) {
			out = append(out, strconv.Itoa(int(d)))
		}
	}
	return strings.Join(out, " ")
}

// ParseDays reads the stored form, dropping what is not a day.
func ParseDays(s string) []time.Weekday {
	var out []time.Weekday
	for _, f := range strings.Fields(s) {
		if n, err := strconv.Atoi(f); err == nil && n >= 0 && n <= 6 && !slices.Contains(out, time.Weekday(n)) {
			out = append(out, time.Weekday(n))
		}
	}
	return out
}
