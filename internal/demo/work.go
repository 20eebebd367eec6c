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
func work(ctx context.Context, a *app.Service, sys, admin heard.Actor, t text, pros []heard.Account, ps []demoPerson, nets []heard.Account) error {
	now := time.Now()
	day := func(days int) string { return heard.Day(now.AddDate(0, 0, days), time.Local) }
	// at is a believable time for a meeting: days from today, at hour.
	at := func(days, hour int) time.Time {
		d := now.AddDate(0, 0, days)
		return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, time.Local)
	}
	if err := history(ctx, a, t, admin, pros, ps, now); err != nil {
		return err
	}
	ada, brage, cecilie, daniel, frida := ps[0], ps[1], ps[2], ps[3], ps[5]
	adaActor, mari, jonas := actorOf(ada.Account, ada.ID), actorOf(pros[0], ""), actorOf(pros[1], "")

	// Ada: a plan in her words, a suggestion waiting, goals, meetings
	// (one about her without her), decisions (one not following her
	// preference) and a restriction past its review date.
	for _, e := range []app.PartEdit{
		{Key: heard.PartAbout, Fields: map[string]string{"matters": t["ada.matters"],
			"good_day": t["ada.good_day"], "hopes": t["ada.hopes"]}},
		{Key: heard.PartHelps, Fields: map[string]string{"helps": t["ada.helps"], "does_not_help": t["ada.does_not_help"],
			"how_to_meet": t["ada.how_to_meet"], "contact": t["ada.contact"], "staff_should_know": t["ada.staff_should_know"]}},
		{Key: heard.PartCrisis, Fields: map[string]string{"early_signs": t["ada.early_signs"], "what_helps": t["ada.what_helps"],
			"do_not_want": t["ada.do_not_want"], "practical": t["ada.practical"]}},
		{Key: heard.PartMedicines, Private: true, Fields: map[string]string{"avoid": t["ada.avoid"], "own_ways": t["ada.own_ways"]}},
	} {
		if _, err := a.SavePlanPart(ctx, adaActor, ada.ID, e); err != nil {
			return err
		}
	}
	for _, g := range []app.GoalEdit{
		{Wording: t["ada.goal.choir"], Chime: heard.ChimeConnectedness, Steps: t["ada.goal.choir.steps"], WhoHelps: t["ada.goal.choir.who"]},
		{Wording: t["ada.goal.sleep"], Chime: heard.ChimeHope, Steps: t["ada.goal.sleep.steps"], WhoHelps: "Mari"},
		{Wording: t["ada.goal.brother"], Chime: heard.ChimeIdentity, Private: true},
	} {
		if _, err := a.CreateGoal(ctx, adaActor, ada.ID, g); err != nil {
			return err
		}
	}
	// An invitation waits for an answer: her brother, to see her meetings.
	if _, err := a.Invite(ctx, adaActor, ada.ID, app.InvitationInput{Email: "tor.lindqvam@demo.test", Name: "Tor Lindqvam",
		Relationship: t["relation.brother"], Scopes: []heard.Scope{heard.ScopeMeetings}}); err != nil {
		return err
	}
	// Her nurse proposes someone; it waits for Ada to decide.
	if _, err := a.ProposeInvitation(ctx, mari, ada.ID, app.ProposalInput{Name: "Kari Lindqvam", Relationship: t["proposal.aunt"],
		Reason: t["ada.proposal.reason"]}); err != nil {
		return err
	}
	if _, err := a.Suggest(ctx, mari, ada.ID, app.SuggestionInput{Part: heard.PartCrisis, Note: t["ada.suggestion.note"],
		Fields: map[string]string{"who_to_contact": t["ada.suggestion.contact"]}}); err != nil {
		return err
	}
	if _, err := a.Suggest(ctx, mari, ada.ID, app.SuggestionInput{Fields: map[string]string{"wording": t["ada.suggestion.goal"], "chime": "meaning"}}); err != nil {
		return err
	}
	past, err := a.CreateEncounter(ctx, mari, ada.ID, app.EncounterInput{Start: at(-7, 13), Kind: heard.KindWalk, Place: t["ada.walk.place"],
		Invited: true, Present: heard.PresencePresent, SharedNote: t["ada.walk.note"]})
	if err != nil {
		return err
	}
	if _, err := a.SaveReflection(ctx, adaActor, ada.ID, past.ID, t["ada.walk.reflection"], 0); err != nil {
		return err
	}
	if _, err := a.CreateEncounter(ctx, mari, ada.ID, app.EncounterInput{Start: at(-3, 9), Kind: heard.KindWithoutPerson,
		Participants: []heard.Participant{{Name: pros[0].Name, Role: t["role.nurse"]}, {Name: pros[1].Name, Role: t["role.psychologist"]}},
		Present:      heard.PresenceAbsent, AbsenceReason: t["ada.without.reason"]}); err != nil {
		return err
	}
	next, err := a.CreateEncounter(ctx, mari, ada.ID, app.EncounterInput{Start: at(3, 14), Kind: heard.KindNetworkMeeting,
		Place: t["ada.network.place"], Invited: true, Participants: []heard.Participant{{Name: pros[0].Name, Role: t["role.nurse"]}}, Invitees: []heard.AccountID{nets[1].ID}})
	if err != nil {
		return err
	}
	if _, err := a.AddAgendaItem(ctx, adaActor, ada.ID, next.ID, t["ada.agenda"]); err != nil {
		return err
	}
	if _, err := a.SavePreparation(ctx, adaActor, ada.ID, next.ID, map[string]string{"how_i_have_been": t["ada.prep.how"],
		"want_from_meeting": t["ada.prep.want"], "questions": t["ada.prep.questions"]}, 0); err != nil {
		return err
	}
	for _, d := range []app.DecisionInput{
		{OnTable: t["ada.dose"], Options: t["ada.dose.options"], Preference: t["ada.dose.preference"],
			Outcome: t["ada.dose.outcome"], DecidedBy: heard.DecidedByProfessional, Followed: heard.FollowedNo,
			NotFollowedReason: t["ada.dose.reason"],
			Constraints:       []heard.Constraint{{Kind: heard.ConstraintSafety, Text: t["ada.dose.constraint"], SetBy: t["ada.dose.set_by"]}}, ReviewDate: day(5)},
		{OnTable: t["ada.meet"], Options: t["ada.meet.options"], Preference: t["ada.meet.preference"], Outcome: t["ada.meet.outcome"],
			DecidedBy: heard.DecidedTogether, Followed: heard.FollowedYes, ReviewDate: day(60)},
	} {
		if _, err := a.CreateDecision(ctx, mari, ada.ID, d); err != nil {
			return err
		}
	}
	bases := map[string]heard.LegalBasisID{}
	for _, name := range []string{t["basis.contact"], t["basis.coercion"]} {
		l, err := a.CreateLegalBasis(ctx, sys, name)
		if err != nil {
			return err
		}
		bases[name] = l.ID
	}
	if _, err := a.CreateRestriction(ctx, mari, ada.ID, app.RestrictionInput{Kind: heard.RestrictLeave, Description: t["ada.leave"],
		LegalBasis: t["ada.leave.basis"], Start: day(-20), ReviewDate: day(-3)}); err != nil {
		return err
	}

	// Brage: a plan part, a goal, a meeting and a decision, with pro2,
	// and an invitation to a friend.
	brageActor := actorOf(brage.Account, brage.ID)
	if _, err := a.Invite(ctx, brageActor, brage.ID, app.InvitationInput{Email: "sander.vik@demo.test", Name: "Sander Vik",
		Relationship: t["relation.friend"], Scopes: []heard.Scope{heard.ScopeCareTeam}}); err != nil {
		return err
	}
	if _, err := a.ProposeInvitation(ctx, jonas, brage.ID, app.ProposalInput{Name: "Ingrid Vik", Relationship: t["proposal.sister"],
		Reason: t["brage.proposal.reason"]}); err != nil {
		return err
	}
	if _, err := a.SavePlanPart(ctx, brageActor, brage.ID, app.PartEdit{Key: heard.PartAbout, Fields: map[string]string{"matters": t["brage.matters"]}}); err != nil {
		return err
	}
	if _, err := a.CreateGoal(ctx, brageActor, brage.ID, app.GoalEdit{Wording: t["brage.goal"], Chime: heard.ChimeEmpowerment}); err != nil {
		return err
	}
	if _, err := a.CreateEncounter(ctx, jonas, brage.ID, app.EncounterInput{Start: at(2, 10), Kind: heard.KindOutpatient,
		Place: t["brage.place"], Invited: true}); err != nil {
		return err
	}
	if _, err := a.CreateDecision(ctx, jonas, brage.ID, app.DecisionInput{OnTable: t["brage.decision"], Preference: t["brage.preference"],
		Outcome: t["brage.outcome"], DecidedBy: heard.DecidedByOtherBody, DecidedByOther: t["brage.decided_by"],
		Followed: heard.FollowedPartly, NotFollowedReason: t["brage.reason"], ReviewDate: day(20)}); err != nil {
		return err
	}

	// Cecilie wants the full planning view; Frida needs it simple now.
	cecilieActor := actorOf(cecilie.Account, cecilie.ID)
	if err := a.SetCapacity(ctx, cecilieActor, cecilie.ID, heard.CapacityHigh); err != nil {
		return err
	}
	if _, err := a.CreateGoal(ctx, cecilieActor, cecilie.ID, app.GoalEdit{Wording: t["cecilie.goal"], Chime: heard.ChimeMeaning}); err != nil {
		return err
	}
	fridaActor := actorOf(frida.Account, frida.ID)
	if _, err := a.CreateGoal(ctx, fridaActor, frida.ID, app.GoalEdit{Wording: t["frida.goal"], Steps: t["frida.goal.steps"]}); err != nil {
		return err
	}
	if err := a.SetCapacity(ctx, fridaActor, frida.ID, heard.CapacityLow); err != nil {
		return err
	}

	// Daniel, on the community team, has a restriction recorded by his
	// professional, under a listed legal basis and still within review.
	danielPro := actorOf(pros[3], "")
	_, err = a.CreateRestriction(ctx, danielPro, daniel.ID, app.RestrictionInput{Kind: heard.RestrictContact,
		LegalBasisID: bases[t["basis.contact"]], Start: day(-2), ReviewDate: day(12)})
	return err
}
