package app

import (
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
)

func TestTrendOf(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	week := func(n int) time.Time { return now.AddDate(0, 0, -7*n) }
	pts := func(vs ...int) []Point {
		out := make([]Point, len(vs))
		for i, v := range vs {
			out[i] = Point{At: week(len(vs) - 1 - i), Value: float64(v)}
		}
		return out
	}
	cases := []struct {
		name   string
		points []Point
		want   Direction
		weeks  int
	}{
		{"none", nil, TooFew, 0},
		{"one", pts(5), TooFew, 0},
		{"rising", pts(3, 4, 6, 7), Rising, 3},
		{"falling", pts(8, 8, 5, 4), Falling, 3},
		{"steady within a tenth of the scale", pts(5, 6, 5, 5), Steady, 3},
		{"only the last six weeks count", pts(0, 0, 0, 0, 0, 0, 7, 7, 7, 7, 7, 7, 7), Steady, 6},
		{"two are too few", pts(2, 8), TooFew, 0},
		{"the last three when the window is thin", []Point{{At: week(30), Value: 9}, {At: week(20), Value: 2}, {At: week(15), Value: 4}, {At: week(10), Value: 8}}, Rising, 20},
	}
	for _, c := range cases {
		got := trendOf(c.points, 0, 10, now)
		if got.Direction != c.want || c.want != TooFew && got.Weeks != c.weeks {
			t.Errorf("%s: %+v; want %s over %d weeks", c.name, got, c.want, c.weeks)
		}
	}
	if got := trendOf(pts(2, 2, 3), 1, 5, now); got.Direction != Rising || got.From != 2 || got.To != 3 {
		t.Errorf("a step on a five-step scale: %+v", got)
	}
}

// Her trajectory holds her check-ins and her feedback; her professional's
// holds the check-ins and only the feedback she shared with them. Goals and
// decisions within the span are marked; reading it is in her log.
func TestService_TrajectoryFollowsWhatEachMaySee(t *testing.T) {
	w := newWorld(t)
	start := w.clock.Now()
	for i, hope := range []int{3, 4, 6, 7} {
		must(w.app.SaveCheckIn(ctx, w.person1, w.p1, CheckInInput{Answers: map[heard.CheckInItem]int{heard.ItemHope: hope}}))
		if i == 1 {
			must(w.app.CreateGoal(ctx, w.person1, w.p1, GoalEdit{Wording: "Walk every day", Status: heard.GoalActive}))
		}
		w.clock.Advance(7 * 24 * time.Hour)
	}
	shared := must(w.app.CreateEncounter(ctx, w.pro, w.p1, EncounterInput{Start: start.Add(time.Hour), Kind: heard.KindOutpatient, Invited: true,
		Present: heard.PresencePresent, Participants: []heard.Participant{{Account: w.pro.AccountID, Name: w.pro.Name}}}))
	private := must(w.app.CreateEncounter(ctx, w.pro, w.p1, EncounterInput{Start: start.Add(8 * 24 * time.Hour), Kind: heard.KindOutpatient, Invited: true,
		Present: heard.PresencePresent, Participants: []heard.Participant{{Account: w.pro.AccountID, Name: w.pro.Name}}}))
	must(w.app.SaveFeedback(ctx, w.person1, w.p1, shared.ID, FeedbackInput{Answers: map[heard.FeedbackQuestion]int{heard.QuestionHeard: 4},
		Share: []heard.Share{heard.ShareProfessionals}}))
	must(w.app.SaveFeedback(ctx, w.person1, w.p1, private.ID, FeedbackInput{Answers: map[heard.FeedbackQuestion]int{heard.QuestionHeard: 2}}))

	points := func(v TrajectoryView, key string) []int {
		for _, s := range v.Series {
			if s.Key == key {
				var out []int
				for _, p := range s.Points {
					out = append(out, int(p.Value))
				}
				return out
			}
		}
		return nil
	}
	hers := must(w.app.Trajectory(ctx, w.person1, w.p1))
	if got := points(hers, "checkin_hope"); len(got) != 4 || got[3] != 7 {
		t.Errorf("her hope = %v", got)
	}
	if got := points(hers, "feedback_heard"); len(got) != 2 {
		t.Errorf("her feeling heard = %v", got)
	}
	if points(hers, "checkin_meaning") != nil {
		t.Error("a measure she never answered has a chart")
	}
	var hope Series
	for _, s := range hers.Series {
		if s.Key == "checkin_hope" {
			hope = s
		}
	}
	if hope.Trend.Direction != Rising {
		t.Errorf("her hope's trend = %+v", hope.Trend)
	}
	if len(hers.Milestones) != 1 || hers.Milestones[0].Kind != "goal_set" || hers.Milestones[0].Title != "Walk every day" {
		t.Errorf("milestones = %+v", hers.Milestones)
	}

	before := len(w.log(t, w.p1))
	theirs := must(w.app.Trajectory(ctx, w.pro, w.p1))
	if got := points(theirs, "feedback_heard"); len(got) != 1 || got[0] != 4 {
		t.Errorf("her feeling heard as her professional sees it = %v", got)
	}
	if got := points(theirs, "checkin_hope"); len(got) != 4 {
		t.Errorf("her hope as her professional sees it = %v", got)
	}
	logged := map[heard.Action]bool{}
	for _, e := range w.log(t, w.p1)[before:] {
		if e.ActorID == w.pro.AccountID {
			logged[e.Action] = true
		}
	}
	if !logged[heard.ActionReadCheckIns] || !logged[heard.ActionReadFeedback] || !logged[heard.ActionReadPlan] {
		t.Errorf("her professional's reads logged: %v", logged)
	}
	if _, err := w.app.Trajectory(ctx, w.net, w.p1); err == nil {
		t.Error("her sister reads her trajectory")
	}
}
