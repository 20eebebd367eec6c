package app

import (
	"context"
	"math"
	"slices"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// TrajectoryView is how her check-ins and her feedback on meetings change
// over time, with the goals and decisions that happened along the way, as
// the reader may see them.
type TrajectoryView struct {
	Person PersonView
	// Series has one line per check-in item, then one per feedback
	// question; a series with no points is left out.
	Series     []Series
	Milestones []Milestone
	// From and To span every series and milestone shown.
	From, To time.Time
}

// Series is one measure over time.
type Series struct {
	// Key names the measure: "checkin_hope", "feedback_heard", or
	// "instrument_{id}" for a questionnaire's score, named by Title.
	Key      string
	Title    string
	Min, Max float64
	Points   []Point
	Trend    Trend
}

// Point is one answer.
type Point struct {
	At    time.Time
	Value float64
}

// Milestone is something in her plan or her decisions that the charts
// mark: a goal set or reached, a decision made.
type Milestone struct {
	At    time.Time
	Kind  string // goal_set, goal_reached, decision
	Title string
}

// Direction is where a series has gone lately.
type Direction string

// The directions; TooFew when there are not two answers to compare.
const (
	Rising  Direction = "rising"
	Falling Direction = "falling"
	Steady  Direction = "steady"
	TooFew  Direction = "too_few"
)

// Trend sums a series up in words: where it went over the last Weeks
// weeks, from the mean of the earlier answers to the mean of the later.
type Trend struct {
	Direction Direction
	Weeks     int
	From, To  float64
}

// minTrend is the fewest answers a trend is told from.
const minTrend = 3

// trendWindow is how far back a trend looks, when there are answers
// enough in it.
const trendWindow = 6 * 7 * 24 * time.Hour

// trendOf compares the earlier half of the answers in the window with the
// later half; a change of a tenth of the scale or more counts.
func trendOf(points []Point, lo, hi float64, now time.Time) Trend {
	var recent []Point
	for i, p := range points {
		if now.Sub(p.At) <= trendWindow {
			recent = points[i:]
			break
		}
	}
	// Two answers are not a trend: at least three, the last three when
	// the window holds fewer.
	if len(recent) < minTrend && len(points) >= minTrend {
		recent = points[len(points)-minTrend:]
	}
	if len(recent) < minTrend {
		return Trend{Direction: TooFew}
	}
	mean := func(ps []Point) float64 {
		sum := 0.0
		for _, p := range ps {
			sum += p.Value
		}
		return sum / float64(len(ps))
	}
	half := len(recent) / 2
	t := Trend{From: mean(recent[:half]), To: mean(recent[len(recent)-half:]),
		Weeks: max(1, int(math.Ceil(now.Sub(recent[0].At).Hours()/(24*7))))}
	switch step := (hi - lo) / 10; {
	case t.To-t.From >= step:
		t.Direction = Rising
	case t.From-t.To >= step:
		t.Direction = Falling
	default:
		t.Direction = Steady
	}
	return t
}

// Trajectory returns how things have gone for her: to her, and to her care
// team (her feedback only as far as she shared it with them). Each read is
// in her access log.
func (s *Service) Trajectory(ctx context.Context, actor heard.Actor, id heard.PersonID) (TrajectoryView, error) {
	var v TrajectoryView
	err := s.personRead(ctx, actor, id, heard.ActionReadCheckIns, "", func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error {
		now := s.now()
		pv, err := s.personView(ctx, tx, actor, p, g, rel)
		if err != nil {
			return err
		}
		v.Person = pv
		checkins, err := tx.ListCheckIns(ctx, p.ID, time.Time{})
		if err != nil {
			return err
		}
		for _, item := range heard.CheckInItems {
			sr := Series{Key: "checkin_" + string(item), Min: 0, Max: heard.CheckInMax}
			for _, c := range checkins {
				if a, ok := c.Answers[item]; ok {
					sr.Points = append(sr.Points, Point{At: c.Created, Value: float64(a)})
				}
			}
			v.add(sr, now)
		}
		var logs []heard.AccessEntry
		if can(actor, heard.ActionReadQuestionnaires, p, rel, now) {
			insts, err := instrumentViews(ctx, tx, p, now)
			if err != nil {
				return err
			}
			for _, iv := range insts {
				sr := Series{Key: "instrument_" + string(iv.Instrument.ID), Title: iv.Instrument.Title, Min: iv.Low, Max: iv.High}
				for _, r := range iv.Responses {
					if r.HasScore {
						sr.Points = append(sr.Points, Point{At: r.Created, Value: r.Score})
					}
				}
				v.add(sr, now)
			}
			logs = append(logs, entry(actor, p.ID, heard.ActionReadQuestionnaires, g, heard.OutcomeAllowed, "", now))
		}
		if can(actor, heard.ActionReadFeedback, p, rel, now) {
			if err := s.feedbackSeries(ctx, tx, actor, p, g, &v, now, &logs); err != nil {
				return err
			}
		}
		if err := s.milestones(ctx, tx, actor, p, g, rel, &v, now, &logs); err != nil {
			return err
		}
		return tx.LogAccess(logs...)
	})
	return result(v, err)
}

func (v *TrajectoryView) add(sr Series, now time.Time) {
	if len(sr.Points) == 0 {
		return
	}
	sr.Trend = trendOf(sr.Points, sr.Min, sr.Max, now)
	v.Series = append(v.Series, sr)
	v.span(sr.Points[0].At)
	v.span(sr.Points[len(sr.Points)-1].At)
}

func (v *TrajectoryView) span(t time.Time) {
	if v.From.IsZero() || t.Before(v.From) {
		v.From = t
	}
	if t.After(v.To) {
		v.To = t
	}
}

// feedbackSeries adds her answers to the feedback questions, one point per
// meeting at the meeting's time, as far as the reader sees them; reading
// feedback shared with a professional is logged as on the meeting page.
func (s *Service) feedbackSeries(ctx context.Context, tx store.Tx, actor heard.Actor, p heard.Person, g heard.Grant, v *TrajectoryView, now time.Time,
	logs *[]heard.AccessEntry) error {
	fs, err := tx.ListFeedbackBy(ctx, p.ID, p.AccountID)
	if err != nil || len(fs) == 0 {
		return err
	}
	es, err := tx.ListEncounters(ctx, store.EncounterFilter{PersonID: p.ID, Limit: 500})
	if err != nil {
		return err
	}
	meetings := map[heard.EncounterID]heard.Encounter{}
	for _, e := range es {
		meetings[e.ID] = e
	}
	type answer struct {
		at time.Time
		f  heard.Feedback
	}
	var seen []answer
	for _, f := range fs {
		e, ok := meetings[f.EncounterID]
		if !ok {
			continue
		}
		if f, ok := policy.FeedbackFor(g, actor, e, f); ok {
			seen = append(seen, answer{e.Start, f})
			if f.Author != actor.AccountID {
				*logs = append(*logs, entry(actor, p.ID, heard.ActionReadFeedback, g, heard.OutcomeAllowed, string(e.ID), now))
			}
		}
	}
	slices.SortStableFunc(seen, func(a, b answer) int { return a.at.Compare(b.at) })
	for _, q := range heard.FeedbackQuestions {
		sr := Series{Key: "feedback_" + string(q), Min: 1, Max: heard.FeedbackScale}
		for _, a := range seen {
			if step, ok := a.f.Answers[q]; ok {
				sr.Points = append(sr.Points, Point{At: a.at, Value: float64(step)})
			}
		}
		v.add(sr, now)
	}
	return nil
}

// milestones marks the goals and decisions the reader may see, within
// the span of the charts; reading them is logged as reading her plan and
// her decisions.
func (s *Service) milestones(ctx context.Context, tx store.Tx, actor heard.Actor, p heard.Person, g heard.Grant, rel heard.Relations, v *TrajectoryView,
	now time.Time, logs *[]heard.AccessEntry) error {
	if len(v.Series) == 0 {
		return nil
	}
	within := func(t time.Time) bool { return !t.Before(v.From) && !t.After(v.To) }
	if !can(actor, heard.ActionReadPlan, p, rel, now) {
		return nil
	}
	goals, err := tx.ListGoals(ctx, p.ID)
	if err != nil {
		return err
	}
	*logs = append(*logs, entry(actor, p.ID, heard.ActionReadPlan, g, heard.OutcomeAllowed, "", now))
	for _, goal := range goals {
		goal, ok := policy.GoalFor(g, rel, goal)
		if !ok {
			continue
		}
		if within(goal.Created) {
			v.Milestones = append(v.Milestones, Milestone{At: goal.Created, Kind: "goal_set", Title: goal.Wording})
		}
		if goal.Status == heard.GoalAchieved && within(goal.Updated) {
			v.Milestones = append(v.Milestones, Milestone{At: goal.Updated, Kind: "goal_reached", Title: goal.Wording})
		}
	}
	if can(actor, heard.ActionReadDecisions, p, rel, now) {
		ds, err := s.decisionViews(ctx, tx, actor, p, rel, 100)
		if err != nil {
			return err
		}
		*logs = append(*logs, entry(actor, p.ID, heard.ActionReadDecisions, g, heard.OutcomeAllowed, "", now))
		for _, d := range ds {
			if within(d.Decision.Created) {
				v.Milestones = append(v.Milestones, Milestone{At: d.Decision.Created, Kind: "decision", Title: d.Decision.OnTable})
			}
		}
	}
	slices.SortStableFunc(v.Milestones, func(a, b Milestone) int { return a.At.Compare(b.At) })
	return nil
}
