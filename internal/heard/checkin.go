package heard

import (
	"slices"
	"time"
	"unicode/utf8"
)

// CheckInID identifies one check-in.
type CheckInID string

// CheckInItem is one of the five questions of a check-in, one for each
// part of personal recovery that CHIME names: connectedness, hope,
// identity, meaning and empowerment. The wording is Heard's own.
type CheckInItem string

// The items, in the order they are asked.
const (
	ItemConnectedness CheckInItem = "connectedness"
	ItemHope          CheckInItem = "hope"
	ItemIdentity      CheckInItem = "identity"
	ItemMeaning       CheckInItem = "meaning"
	ItemEmpowerment   CheckInItem = "empowerment"
)

// CheckInItems lists them in order.
var CheckInItems = []CheckInItem{ItemConnectedness, ItemHope, ItemIdentity, ItemMeaning, ItemEmpowerment}

// CheckInMax is the top of each item's scale, which starts at 0.
const CheckInMax = 10

// CheckIn is a short self-report: a step from 0 to CheckInMax per item
// (an item left out is absent) and what would make the coming week a
// little better. It is not a call for help: nobody watches check-ins as
// they come in.
type CheckIn struct {
	ID       CheckInID
	PersonID PersonID
	Answers  map[CheckInItem]int
	Better   string
	Created  time.Time
}

// Validate checks the steps and the text; a check-in needs at least one
// answer or a few words.
func (c CheckIn) Validate() error {
	var p []Problem
	for _, item := range CheckInItems {
		if v, ok := c.Answers[item]; ok && (v < 0 || v > CheckInMax) {
			p = append(p, Problem{Field: string(item), Key: "checkin.answer.invalid"})
		}
	}
	for item := range c.Answers {
		if !slices.Contains(CheckInItems, item) {
			p = append(p, Problem{Field: "checkin", Key: "checkin.answer.invalid"})
		}
	}
	if utf8.RuneCountInString(c.Better) > MaxTextLength {
		p = append(p, Problem{Field: "better", Key: "field.too_long"})
	}
	if len(c.Answers) == 0 && c.Better == "" {
		p = append(p, Problem{Field: string(ItemConnectedness), Key: "checkin.empty"})
	}
	return Invalid(p)
}

// CheckInSchedule is how often the person wants to check in.
type CheckInSchedule string

// The schedules; Never is the default until she chooses.
const (
	ScheduleNever       CheckInSchedule = "never"
	ScheduleWeekly      CheckInSchedule = "weekly"
	ScheduleFortnightly CheckInSchedule = "fortnightly"
	ScheduleMonthly     CheckInSchedule = "monthly"
)

// CheckInSchedules lists them in the order the form shows them.
var CheckInSchedules = []CheckInSchedule{ScheduleWeekly, ScheduleFortnightly, ScheduleMonthly, ScheduleNever}

// Due reports whether a check-in is due at now, given when the last one
// was made (zero when there is none yet): from the start of the day a
// period after it, in last's time zone, so a weekly check-in made on a
// Monday evening is due again from the next Monday morning.
func (s CheckInSchedule) Due(last, now time.Time) bool {
	if s == ScheduleNever || s == "" {
		return false
	}
	if last.IsZero() {
		return true
	}
	y, m, d := last.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, last.Location())
	switch s {
	case ScheduleWeekly:
		day = day.AddDate(0, 0, 7)
	case ScheduleFortnightly:
		day = day.AddDate(0, 0, 14)
	case ScheduleMonthly:
		day = day.AddDate(0, 1, 0)
	}
	return !now.Before(day)
}
