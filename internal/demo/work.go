package demo

import (
	"context"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
)

// work gives the demo persons plans, goals, meetings, decisions and
// restrictions, so that every view has something to show. Plans are
// written as the persons themselves; meetings, decisions and restrictions
// by their professionals.
func work(ctx context.Context, a *app.Service, sys heard.Actor, pros []heard.Account, ps []demoPerson, nets []heard.Account) error {
	now := time.Now()
	day := func(days int) string { return heard.Day(now.AddDate(0, 0, days), time.Local) }
	ada, brage, cecilie, daniel, frida := ps[0], ps[1], ps[2], ps[3], ps[5]
	adaActor, mari, jonas := actorOf(ada.Account, ada.ID), actorOf(pros[0], ""), actorOf(pros[1], "")

	// Ada: a plan in her words, a suggestion waiting, goals, meetings
	// (one about her without her), decisions (one not following her
	// preference) and a restriction past its review date.
	for _, e := range []app.PartEdit{
		{Key: heard.PartAbout, Fields: map[string]string{"matters": "My dog Bamse, singing, and my mother.",
			"good_day": "I sleep until eight, walk Bamse by the lake, and someone asks how I am.", "hopes": "To sing in the choir again and to work with animals."}},
		{Key: heard.PartHelps, Fields: map[string]string{"helps": "Being outside. Someone who just sits with me.", "does_not_help": "Many people talking at once.",
			"how_to_meet": "At home or on a walk, after lunch.", "contact": "A text message first, then a call.", "staff_should_know": "I go quiet when I am scared, not angry."}},
		{Key: heard.PartCrisis, Fields: map[string]string{"early_signs": "I stop sleeping and stop answering the phone.", "what_helps": "A quiet room and my own music.",
			"do_not_want": "Being held down.", "practical": "My mother takes Bamse."}},
		{Key: heard.PartMedicines, Private: true, Fields: map[string]string{"avoid": "Feeling flat.", "own_ways": "Walks and choir."}},
	} {
		if _, err := a.SavePlanPart(ctx, adaActor, ada.ID, e); err != nil {
			return err
		}
	}
	for _, g := range []app.GoalEdit{
		{Wording: "Sing in the choir again", Chime: heard.ChimeConnectedness, Steps: "Ask Ove when they practise.\nGo once and just listen.", WhoHelps: "Ove from the choir"},
		{Wording: "Sleep through the night", Chime: heard.ChimeHope, Steps: "No coffee after three.", WhoHelps: "Mari"},
		{Wording: "Write to my brother", Chime: heard.ChimeIdentity, Private: true},
	} {
		if _, err := a.CreateGoal(ctx, adaActor, ada.ID, g); err != nil {
			return err
		}
	}
	if _, err := a.Suggest(ctx, mari, ada.ID, app.SuggestionInput{Part: heard.PartCrisis, Note: "From our talk on Tuesday",
		Fields: map[string]string{"who_to_contact": "Mari on the ward, then my mother."}}); err != nil {
		return err
	}
	if _, err := a.Suggest(ctx, mari, ada.ID, app.SuggestionInput{Fields: map[string]string{"wording": "Visit the animal shelter", "chime": "meaning"}}); err != nil {
		return err
	}
	past, err := a.CreateEncounter(ctx, mari, ada.ID, app.EncounterInput{Start: now.AddDate(0, 0, -7), Kind: heard.KindWalk, Place: "By the lake",
		Invited: true, Present: heard.PresencePresent, SharedNote: "We walked Bamse and talked about sleep. Ada wants to try the choir again."})
	if err != nil {
		return err
	}
	if _, err := a.SaveReflection(ctx, adaActor, ada.ID, past.ID, "It was easier to talk while walking.", 0); err != nil {
		return err
	}
	if _, err := a.CreateEncounter(ctx, mari, ada.ID, app.EncounterInput{Start: now.AddDate(0, 0, -3), Kind: heard.KindWithoutPerson,
		Present: heard.PresenceAbsent, AbsenceReason: "The weekly team meeting discussed who covers Ada's visits during the holidays."}); err != nil {
		return err
	}
	next, err := a.CreateEncounter(ctx, mari, ada.ID, app.EncounterInput{Start: now.AddDate(0, 0, 3).Truncate(time.Hour), Kind: heard.KindNetworkMeeting,
		Place: "Ada's kitchen", Invited: true, Participants: []heard.Participant{{Name: pros[0].Name, Role: "nurse"}}, Invitees: []heard.AccountID{nets[1].ID}})
	if err != nil {
		return err
	}
	if _, err := a.AddAgendaItem(ctx, adaActor, ada.ID, next.ID, "What happens with Bamse if I am admitted"); err != nil {
		return err
	}
	if _, err := a.SavePreparation(ctx, adaActor, ada.ID, next.ID, map[string]string{"how_i_have_been": "Better since the walks.",
		"want_from_meeting": "A plan for the holidays.", "questions": "Can Liv come to the next meeting?"}, 0); err != nil {
		return err
	}
	for _, d := range []app.DecisionInput{
		{OnTable: "Medication dose", Options: "Keep the dose\nLower the dose", Preference: "I want to lower it, I feel flat.",
			Outcome: "Keep the dose for six more weeks.", DecidedBy: heard.DecidedByProfessional, Followed: heard.FollowedNo,
			NotFollowedReason: "Ada relapsed in the spring when the dose was lowered quickly; we look again in six weeks.",
			Constraints:       []heard.Constraint{{Kind: heard.ConstraintSafety, Text: "Relapse in the spring", SetBy: "Jonas Elvebakk, psychologist"}}, ReviewDate: day(5)},
		{OnTable: "Where to meet", Options: "At the clinic\nAt home\nOn walks", Preference: "On walks with Bamse.", Outcome: "Walks when the weather allows, home otherwise.",
			DecidedBy: heard.DecidedTogether, Followed: heard.FollowedYes, ReviewDate: day(60)},
	} {
		if _, err := a.CreateDecision(ctx, mari, ada.ID, d); err != nil {
			return err
		}
	}
	bases := map[string]heard.LegalBasisID{}
	for _, name := range []string{"Example: Mental Health Care Act § 4-6 (limits on contact)", "Example: Mental Health Care Act § 4-8 (means of coercion)"} {
		l, err := a.CreateLegalBasis(ctx, sys, name)
		if err != nil {
			return err
		}
		bases[name] = l.ID
	}
	if _, err := a.CreateRestriction(ctx, mari, ada.ID, app.RestrictionInput{Kind: heard.RestrictLeave, Description: "Leave only with staff during the first weeks.",
		LegalBasis: "Example: Mental Health Care Act § 3-3 (admission without consent)", Start: day(-20), ReviewDate: day(-3)}); err != nil {
		return err
	}

	// Brage: a plan part, a goal, a meeting and a decision, with pro2.
	brageActor := actorOf(brage.Account, brage.ID)
	if _, err := a.SavePlanPart(ctx, brageActor, brage.ID, app.PartEdit{Key: heard.PartAbout, Fields: map[string]string{"matters": "My bike and my sister."}}); err != nil {
		return err
	}
	if _, err := a.CreateGoal(ctx, brageActor, brage.ID, app.GoalEdit{Wording: "Cycle to the shop on my own", Chime: heard.ChimeEmpowerment}); err != nil {
		return err
	}
	if _, err := a.CreateEncounter(ctx, jonas, brage.ID, app.EncounterInput{Start: now.AddDate(0, 0, 2).Truncate(time.Hour), Kind: heard.KindOutpatient,
		Place: "Clinic room 3", Invited: true}); err != nil {
		return err
	}
	if _, err := a.CreateDecision(ctx, jonas, brage.ID, app.DecisionInput{OnTable: "Day centre or work training", Preference: "Work training",
		Outcome: "Day centre first, work training from spring.", DecidedBy: heard.DecidedByOtherBody, DecidedByOther: "NAV (the welfare office)",
		Followed: heard.FollowedPartly, NotFollowedReason: "No place in work training before spring.", ReviewDate: day(20)}); err != nil {
		return err
	}

	// Cecilie wants the full planning view; Frida needs it simple now.
	cecilieActor := actorOf(cecilie.Account, cecilie.ID)
	if err := a.SetCapacity(ctx, cecilieActor, cecilie.ID, heard.CapacityHigh); err != nil {
		return err
	}
	if _, err := a.CreateGoal(ctx, cecilieActor, cecilie.ID, app.GoalEdit{Wording: "Finish the course in the spring", Chime: heard.ChimeMeaning}); err != nil {
		return err
	}
	fridaActor := actorOf(frida.Account, frida.ID)
	if _, err := a.CreateGoal(ctx, fridaActor, frida.ID, app.GoalEdit{Wording: "Get up and open the curtains", Steps: "Just the curtains."}); err != nil {
		return err
	}
	if err := a.SetCapacity(ctx, fridaActor, frida.ID, heard.CapacityLow); err != nil {
		return err
	}

	// Daniel, on the community team, has a restriction recorded by his
	// professional, under a listed legal basis and still within review.
	danielPro := actorOf(pros[3], "")
	_, err = a.CreateRestriction(ctx, danielPro, daniel.ID, app.RestrictionInput{Kind: heard.RestrictContact,
		LegalBasisID: bases["Example: Mental Health Care Act § 4-6 (limits on contact)"], Start: day(-2), ReviewDate: day(12)})
	return err
}
