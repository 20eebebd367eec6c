package app

import (
	"slices"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
)

// The person's home follows their capacity, and everything it shows is in
// their access log.
func TestService_PersonHome(t *testing.T) {
	w := newWorld(t)
	must(w.app.CreateEncounter(ctx, w.pro, w.p1, EncounterInput{Start: w.clock.Now().Add(-time.Hour), Kind: heard.KindWithoutPerson, Participants: []heard.Participant{{Name: "Team"}},
		Present: heard.PresenceAbsent, AbsenceReason: "Team meeting"}))
	next := must(w.app.CreateEncounter(ctx, w.pro, w.p1, EncounterInput{Start: w.clock.Now().Add(48 * time.Hour), Kind: heard.KindHomeVisit, Invited: true}))
	must(w.app.CreateGoal(ctx, w.person1, w.p1, GoalEdit{Wording: "Walk every morning"}))
	must(w.app.CreateDecision(ctx, w.pro, w.p1, DecisionInput{OnTable: "Where to meet", Preference: "At home"}))

	actionsOf := func(before int) []heard.Action {
		var as []heard.Action
		for _, e := range w.log(t, w.p1)[before:] {
			if e.ActorID != w.person1.AccountID || e.Outcome != heard.OutcomeAllowed {
				t.Errorf("home logged %+v", e)
			}
			as = append(as, e.Action)
		}
		slices.Sort(as)
		return as
	}

	must(0, w.app.SetCapacity(ctx, w.person1, w.p1, heard.CapacityLow))
	before := len(w.log(t, w.p1))
	low := must(w.app.PersonHome(ctx, w.person1))
	if low.NextMeeting == nil || low.NextMeeting.ID != next.ID || low.Today == nil || low.Today.Wording != "Walk every morning" ||
		low.Contact == nil || low.Contact.Name != w.pro.Name || len(low.WithoutMe) != 1 {
		t.Errorf("low capacity home = %+v; want the next meeting, one goal for today, the contact and the meeting without me", low)
	}
	if low.Plan != nil || low.Decisions != nil || low.Restrictions != nil {
		t.Errorf("low capacity home carries the full planning views: %+v", low)
	}
	// What is new is kept short at low capacity; a decision recorded about
	// her is among it, and naming it is a read of her decisions.
	if len(low.News) != newsShownLow || low.News[0].Title != "Where to meet" {
		t.Errorf("low capacity news = %+v; want the %d newest, Mari's decision first", low.News, newsShownLow)
	}
	want := []heard.Action{heard.ActionReadCareTeam, heard.ActionReadCheckIns, heard.ActionReadDecisions, heard.ActionReadEncounters, heard.ActionReadPerson,
		heard.ActionReadPlan, heard.ActionReadQuestionnaires}
	slices.Sort(want)
	if got := actionsOf(before); !slices.Equal(got, want) {
		t.Errorf("low capacity home logged %v, want %v", got, want)
	}

	must(0, w.app.SetCapacity(ctx, w.person1, w.p1, heard.CapacityHigh))
	before = len(w.log(t, w.p1))
	high := must(w.app.PersonHome(ctx, w.person1))
	if high.Plan == nil || len(high.Plan.Goals) != 1 || len(high.Decisions) != 1 || high.Decisions[0].Decision.OnTable != "Where to meet" {
		t.Errorf("high capacity home = %+v; want the plan and the decisions", high)
	}
	want = append(want, heard.ActionReadRestrictions)
	slices.Sort(want)
	if got := actionsOf(before); !slices.Equal(got, want) {
		t.Errorf("high capacity home logged %v, want %v", got, want)
	}
}
