package demo

import (
	"context"
	"strconv"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
)

// history gives the demo months of the persons' own voice: Ada's weekly
// check-ins and her feedback on a meeting every other week, a goal she set
// and reached, and a few stories that Ada, Brage and Cecilie gave the
// pool. Meetings are recorded by their professionals today (their care
// relations start today); what the persons say is replayed at the time
// they said it, so the charts have a past.
func history(ctx context.Context, a *app.Service, t text, admin heard.Actor, pros []heard.Account, ps []demoPerson, now time.Time) error {
	ada, brage, cecilie := ps[0], ps[1], ps[2]
	adaActor := actorOf(ada.Account, ada.ID)
	weeksAgo := func(w float64, hour int) time.Time {
		d := now.Add(-time.Duration(w * 7 * 24 * float64(time.Hour)))
		return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, time.Local)
	}

	walks, err := a.At(weeksAgo(15, 20)).CreateGoal(ctx, adaActor, ada.ID, app.GoalEdit{Wording: t["ada.goal.walks"], Chime: heard.ChimeHope,
		Steps: t["ada.goal.walks.steps"]})
	if err != nil {
		return err
	}
	if _, err := a.At(weeksAgo(6, 20)).SaveGoal(ctx, adaActor, ada.ID, walks.ID, app.GoalEdit{Wording: walks.Wording, Chime: walks.Chime,
		Steps: walks.Steps, Status: heard.GoalAchieved, BaseVersion: walks.Version}); err != nil {
		return err
	}

	// Sixteen weeks of check-ins: low and flat at first, a dip around
	// the restriction on leave, then slowly better.
	steps := [][5]int{ // connectedness, hope, identity, meaning, empowerment
		{2, 3, 4, 3, 2}, {3, 3, 4, 3, 3}, {2, 2, 3, 3, 2}, {3, 4, 4, 4, 3}, {4, 4, 5, 4, 3}, {4, 5, 5, 5, 4},
		{5, 5, 5, 5, 4}, {5, 6, 6, 5, 5}, {6, 6, 6, 6, 5}, {5, 5, 6, 6, 3}, {4, 4, 5, 5, 2}, {5, 5, 5, 6, 3},
		{6, 6, 6, 6, 4}, {6, 7, 6, 7, 5}, {7, 7, 7, 7, 5}, {7, 8, 7, 7, 6},
	}
	better := map[int]string{0: t["ada.better.0"], 3: t["ada.better.3"], 9: t["ada.better.9"], 10: t["ada.better.10"], 15: t["ada.better.15"]}
	for i, s := range steps {
		when := weeksAgo(float64(len(steps)-i)-0.7, 19)
		answers := map[heard.CheckInItem]int{}
		for j, item := range heard.CheckInItems {
			answers[item] = s[j]
		}
		if _, err := a.At(when).SaveCheckIn(ctx, adaActor, ada.ID, app.CheckInInput{Answers: answers, Better: better[i]}); err != nil {
			return err
		}
	}
	if err := a.At(weeksAgo(16, 19)).SetCheckInSchedule(ctx, adaActor, ada.ID, heard.ScheduleWeekly); err != nil {
		return err
	}

	// A meeting every other week with Mari, and Ada's feedback after it:
	// heard and respected rising, some shared with Mari, some given to
	// the pool.
	mari := actorOf(pros[0], "")
	kinds := []heard.EncounterKind{heard.KindOutpatient, heard.KindHomeVisit, heard.KindPhone, heard.KindOutpatient, heard.KindWalk, heard.KindHomeVisit}
	feedback := []struct {
		answers       [4]int // heard, respected, mattered, hope
		helped, wrong string
		share         []heard.Share
	}{
		{[4]int{2, 3, 2, 2}, "", t["ada.fb.wrong.0"], nil},
		{[4]int{3, 3, 3, 3}, t["ada.fb.helped.1"], "", []heard.Share{heard.SharePool}},
		{[4]int{3, 4, 3, 3}, "", t["ada.fb.wrong.2"], []heard.Share{heard.ShareProfessionals, heard.SharePool}},
		{[4]int{4, 4, 4, 3}, t["ada.fb.helped.3"], "", []heard.Share{heard.ShareProfessionals}},
		{[4]int{4, 5, 4, 4}, t["ada.fb.helped.4"], "", []heard.Share{heard.ShareProfessionals, heard.SharePool}},
		{}, // the last she has not answered: a feedback link can still be made for it
	}
	for i, fb := range feedback {
		start := weeksAgo(float64(14-2*i), 10)
		e, err := a.CreateEncounter(ctx, mari, ada.ID, app.EncounterInput{Start: start, Kind: kinds[i], Invited: true, Present: heard.PresencePresent,
			Participants: []heard.Participant{{Account: pros[0].ID, Name: pros[0].Name, Role: t["role.nurse"]}}})
		if err != nil {
			return err
		}
		if fb.answers == [4]int{} {
			continue
		}
		answers := map[heard.FeedbackQuestion]int{}
		for j, q := range heard.FeedbackQuestions {
			answers[q] = fb.answers[j]
		}
		if _, err := a.At(start.Add(5*time.Hour)).SaveFeedback(ctx, adaActor, ada.ID, e.ID, app.FeedbackInput{Answers: answers,
			Helped: fb.helped, FeltWrong: fb.wrong, Share: fb.share}); err != nil {
			return err
		}
	}

	// The demo's own questionnaire (not a published one), answered by Ada
	// every month.
	resource, err := contentFiles.ReadFile(t["instrument.file"])
	if err != nil {
		return err
	}
	inst, err := a.At(weeksAgo(19, 9)).ImportInstrument(ctx, admin, app.InstrumentInput{Resource: resource, Licence: t["instrument.licence"],
		Scoring:  heard.ScoringRule{Method: "sum", Items: []string{"sleep", "routine", "worry", "company"}, Reversed: []string{"worry"}, Max: 4},
		Schedule: heard.ScheduleMonthly})
	if err != nil {
		return err
	}
	for i, ans := range [][4]int{{1, 1, 3, 1}, {1, 2, 3, 1}, {2, 2, 2, 2}, {3, 2, 1, 3}} { // sleep, routine, worry, company
		answers := map[string]string{"sleep": choiceKey(ans[0]), "routine": choiceKey(ans[1]), "worry": choiceKey(ans[2]), "company": choiceKey(ans[3]),
			"work": "false"}
		if i == 3 {
			answers["work"], answers["hours"] = "true", "6"
		}
		// The last, five weeks ago, leaves the monthly one due on her home.
		if _, err := a.At(weeksAgo(float64(18-4*i)-0.5, 18)).AnswerQuestionnaire(ctx, adaActor, ada.ID, inst.ID, answers); err != nil {
			return err
		}
	}

	// Brage and Cecilie give the pool a story each way.
	for _, s := range []struct {
		person      demoPerson
		pro         heard.Account
		kind        heard.EncounterKind
		weeks       float64
		helped, bad string
	}{
		{brage, pros[1], heard.KindOutpatient, 9, t["brage.fb.helped"], t["brage.fb.wrong"]},
		{cecilie, pros[5], heard.KindHomeVisit, 5, t["cecilie.fb.helped"], ""},
		{cecilie, pros[2], heard.KindPhone, 3, "", t["cecilie.fb.wrong"]},
	} {
		start := weeksAgo(s.weeks, 13)
		e, err := a.CreateEncounter(ctx, actorOf(s.pro, ""), s.person.ID, app.EncounterInput{Start: start, Kind: s.kind, Invited: true,
			Present: heard.PresencePresent, Participants: []heard.Participant{{Account: s.pro.ID, Name: s.pro.Name}}})
		if err != nil {
			return err
		}
		if _, err := a.At(start.Add(3*time.Hour)).SaveFeedback(ctx, actorOf(s.person.Account, s.person.ID), s.person.ID, e.ID, app.FeedbackInput{
			Answers: map[heard.FeedbackQuestion]int{heard.QuestionHeard: 4}, Helped: s.helped, FeltWrong: s.bad, Share: []heard.Share{heard.SharePool}}); err != nil {
			return err
		}
	}
	return nil
}

// choiceKey is the form value of the demo questionnaire's frequency step.
func choiceKey(step int) string { return "code:" + strconv.Itoa(step) }
