package heard

import (
	"testing"
	"time"
)

func TestCheckInSchedule_Due(t *testing.T) {
	oslo, _ := time.LoadLocation("Europe/Oslo")
	last := time.Date(2026, 3, 2, 21, 30, 0, 0, oslo) // a Monday evening
	cases := []struct {
		s    CheckInSchedule
		last time.Time
		now  time.Time
		want bool
	}{
		{ScheduleNever, time.Time{}, last, false},
		{ScheduleNever, last, last.AddDate(1, 0, 0), false},
		{ScheduleWeekly, time.Time{}, last, true},
		{ScheduleWeekly, last, last.AddDate(0, 0, 6), false},
		{ScheduleWeekly, last, time.Date(2026, 3, 9, 0, 0, 0, 0, oslo), true},
		{ScheduleWeekly, last, time.Date(2026, 3, 8, 23, 59, 0, 0, oslo), false},
		{ScheduleFortnightly, last, last.AddDate(0, 0, 13), false},
		{ScheduleFortnightly, last, time.Date(2026, 3, 16, 8, 0, 0, 0, oslo), true},
		{ScheduleMonthly, last, time.Date(2026, 4, 1, 12, 0, 0, 0, oslo), false},
		{ScheduleMonthly, last, time.Date(2026, 4, 2, 0, 0, 0, 0, oslo), true},
	}
	for _, c := range cases {
		if got := c.s.Due(c.last, c.now); got != c.want {
			t.Errorf("%s, last %v, now %v: due = %v, want %v", c.s, c.last, c.now, got, c.want)
		}
	}
}

func TestCheckIn_Validate(t *testing.T) {
	ok := CheckIn{Answers: map[CheckInItem]int{ItemHope: 0, ItemMeaning: 10}}
	if err := ok.Validate(); err != nil {
		t.Errorf("a check-in with 0 and 10: %v", err)
	}
	if err := (CheckIn{Better: "Sleep"}).Validate(); err != nil {
		t.Errorf("words alone: %v", err)
	}
	for name, c := range map[string]CheckIn{
		"empty":      {},
		"above 10":   {Answers: map[CheckInItem]int{ItemHope: 11}},
		"below 0":    {Answers: map[CheckInItem]int{ItemIdentity: -1}},
		"an unknown": {Answers: map[CheckInItem]int{"mood": 5}},
	} {
		if len(Problems(c.Validate())) == 0 {
			t.Errorf("%s check-in passes", name)
		}
	}
}
