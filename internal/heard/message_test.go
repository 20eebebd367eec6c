package heard

import (
	"testing"
	"time"
)

// Working minutes count only reply hours: a Friday-night message has
// waited no working minute by Monday 08:00, and 90 by 09:30.
func TestReplyHours_WorkingMinutes(t *testing.T) {
	h, loc := DefaultReplyHours, time.UTC
	friday := time.Date(2026, 11, 27, 21, 40, 0, 0, loc)
	for at, want := range map[time.Time]int{
		time.Date(2026, 11, 30, 8, 0, 0, 0, loc):   0,
		time.Date(2026, 11, 30, 9, 30, 0, 0, loc):  90,
		time.Date(2026, 12, 1, 9, 0, 0, 0, loc):    7*60 + 30 + 60,
		time.Date(2026, 11, 27, 15, 0, 0, 0, loc):  0, // before it was sent
		time.Date(2026, 11, 29, 23, 59, 0, 0, loc): 0,
	} {
		if got := h.WorkingMinutes(friday, at, loc); got != want {
			t.Errorf("working minutes to %v = %d, want %d", at, got, want)
		}
	}
	if h.Open(friday, loc) || !h.Open(time.Date(2026, 11, 30, 8, 0, 0, 0, loc), loc) || h.Open(time.Date(2026, 11, 30, 15, 30, 0, 0, loc), loc) {
		t.Error("Open disagrees with weekdays 08:00–15:30")
	}
	if !h.Overdue(friday, time.Date(2026, 11, 30, 11, 0, 0, 0, loc), loc) || h.Overdue(friday, time.Date(2026, 11, 30, 10, 59, 0, 0, loc), loc) {
		t.Error("three working hours are not the line")
	}
	for name, bad := range map[string]ReplyHours{
		"no days":          {From: 480, To: 900, EscalateAfter: 60},
		"end before start": {Days: []time.Weekday{time.Monday}, From: 900, To: 480, EscalateAfter: 60},
		"escalate at once": {Days: []time.Weekday{time.Monday}, From: 480, To: 900, EscalateAfter: 0},
	} {
		if len(Problems(bad.Validate())) == 0 {
			t.Errorf("%s passes", name)
		}
	}
	if FormatClock(930) != "15:30" || FormatDays(ParseDays("5 1 x 9 1")) != "1 5" {
		t.Errorf("clock %q, days %q", FormatClock(930), FormatDays(ParseDays("5 1 x 9 1")))
	}
}
