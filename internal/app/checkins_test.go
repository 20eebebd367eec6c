package app

import (
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
)

// Check-ins follow her schedule: nothing is due until she chooses how
// often; then one is due at once, again a period after the last. She and
// her care team read them (in her log); only she checks in or chooses.
func TestService_CheckInsFollowHerSchedule(t *testing.T) {
	w := newWorld(t)
	homeDue := func() bool {
		t.Helper()
		return must(w.app.PersonHome(ctx, w.person1)).CheckInDue
	}
	if homeDue() || must(w.app.CheckIns(ctx, w.person1, w.p1)).Schedule != heard.ScheduleNever {
		t.Fatal("a check-in is due before she chose to check in")
	}
	must(0, w.app.SetCheckInSchedule(ctx, w.person1, w.p1, heard.ScheduleWeekly))
	if !homeDue() {
		t.Error("no check-in due after she chose weekly")
	}
	c := must(w.app.SaveCheckIn(ctx, w.person1, w.p1, CheckInInput{Answers: map[heard.CheckInItem]int{heard.ItemHope: 4, heard.ItemConnectedness: 0},
		Better: "  A walk with my sister  "}))
	if c.Better != "A walk with my sister" || homeDue() {
		t.Errorf("after checking in: %+v, due %v", c, homeDue())
	}
	w.clock.Advance(8 * 24 * time.Hour)
	if !homeDue() {
		t.Error("no check-in due a week later")
	}
	must(0, w.app.SetCheckInSchedule(ctx, w.person1, w.p1, heard.ScheduleMonthly))
	if homeDue() {
		t.Error("a check-in due eight days after the last on a monthly schedule")
	}

	before := len(w.log(t, w.p1))
	seen := must(w.app.CheckIns(ctx, w.pro, w.p1))
	if len(seen.CheckIns) != 1 || seen.CheckIns[0].Answers[heard.ItemConnectedness] != 0 || seen.CanCheckIn || seen.CanSetSchedule {
		t.Errorf("her check-ins as her professional sees them = %+v", seen)
	}
	read := false
	for _, e := range w.log(t, w.p1)[before:] {
		read = read || e.Action == heard.ActionReadCheckIns && e.ActorID == w.pro.AccountID
	}
	if !read {
		t.Error("her professional's read of her check-ins is not in her log")
	}
	for name, reader := range map[string]heard.Actor{"her sister": w.net, "another professional": w.pro2, "the leader": w.leader, "an admin": w.admin} {
		if _, err := w.app.CheckIns(ctx, reader, w.p1); err == nil {
			t.Errorf("%s reads her check-ins", name)
		}
	}
	if _, err := w.app.SaveCheckIn(ctx, w.pro, w.p1, CheckInInput{Better: "x"}); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("her professional checking in for her: %v", err)
	}
	if err := w.app.SetCheckInSchedule(ctx, w.pro, w.p1, heard.ScheduleWeekly); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("her professional choosing her schedule: %v", err)
	}
	if err := w.app.SetCheckInSchedule(ctx, w.person1, w.p1, "daily"); len(heard.Problems(err)) != 1 {
		t.Errorf("an unknown schedule: %v", err)
	}
	if _, err := w.app.SaveCheckIn(ctx, w.person1, w.p1, CheckInInput{Answers: map[heard.CheckInItem]int{heard.ItemHope: 11}}); len(heard.Problems(err)) != 1 {
		t.Errorf("a step off the scale: %v", err)
	}
	if got := must(w.app.CheckIns(ctx, w.person1, w.p1)); len(got.CheckIns) != 1 || got.Schedule != heard.ScheduleMonthly {
		t.Errorf("refused saves changed her check-ins: %+v", got)
	}
}
