package app

import (
	"errors"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
)

func TestService_Encounters(t *testing.T) {
	w := newWorld(t)
	soon := w.clock.Now().Add(48 * time.Hour)
	if _, err := w.app.CreateEncounter(ctx, w.pro, w.p1, EncounterInput{Start: soon, Kind: heard.KindWithoutPerson}); heard.Problems(err) == nil ||
		heard.Problems(err)[0].Field != "absence_reason" {
		t.Fatalf("a meeting without the person and without a reason: %v", err)
	}
	// She reads who was in the room when she was not.
	if _, err := w.app.CreateEncounter(ctx, w.pro, w.p1, EncounterInput{Start: soon, Kind: heard.KindWithoutPerson, Present: heard.PresenceAbsent,
		AbsenceReason: "Team meeting"}); len(heard.Problems(err)) != 1 || heard.Problems(err)[0].Field != "participants" {
		t.Fatalf("a meeting without the person and without saying who was there: %v", err)
	}
	without := must(w.app.CreateEncounter(ctx, w.pro, w.p1, EncounterInput{Start: w.clock.Now().Add(-time.Hour), Kind: heard.KindWithoutPerson, Participants: []heard.Participant{{Name: "Team"}},
		Present: heard.PresenceAbsent, AbsenceReason: "Weekly team meeting about the ward's plans"}))
	meeting := must(w.app.CreateEncounter(ctx, w.pro, w.p1, EncounterInput{Start: soon, Kind: heard.KindNetworkMeeting, Place: "Home", Invited: true,
		Participants: []heard.Participant{{Account: w.net.AccountID, Name: w.net.Name, Role: "sister"}}}))
	if _, err := w.app.CreateEncounter(ctx, w.person1, w.p1, EncounterInput{Start: soon, Kind: heard.KindPhone, Invited: true}); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("the person recording an encounter: %v", err)
	}
	must(w.app.AddAgendaItem(ctx, w.person1, w.p1, meeting.ID, "Money worries"))
	w.clock.Advance(time.Minute)
	must(w.app.AddAgendaItem(ctx, w.pro, w.p1, meeting.ID, "Next steps for housing"))
	must(w.app.SavePreparation(ctx, w.person1, w.p1, meeting.ID, map[string]string{"how_i_have_been": "Tired"}, 0))
	list := must(w.app.Encounters(ctx, w.person1, w.p1))
	if len(list.WithoutPerson) != 1 || list.WithoutPerson[0].ID != without.ID || len(list.Upcoming) != 1 {
		t.Fatalf("person's list: %+v", list)
	}
	pv := must(w.app.Encounter(ctx, w.pro, w.p1, meeting.ID))
	if len(pv.Agenda) != 2 || !pv.Agenda[0].ByPerson || pv.Agenda[1].Author.Name != w.pro.Name || pv.Preparation.Fields["how_i_have_been"] != "Tired" {
		t.Errorf("professional's view = %+v; want both agenda items with authors and the person's preparation beforehand", pv)
	}
	// Note and reflection saved from the same reading: both kept.
	held := EncounterInput{Start: soon, Kind: heard.KindNetworkMeeting, Invited: true, Present: heard.PresencePresent, SharedNote: "Agreed to visit the housing office.",
		Participants: pv.Encounter.Participants, BaseVersion: pv.Encounter.Version}
	must(w.app.UpdateEncounter(ctx, w.pro, w.p1, meeting.ID, held))
	w.clock.Advance(49 * time.Hour) // the meeting has happened
	must(w.app.SaveReflection(ctx, w.person1, w.p1, meeting.ID, "It helped that my sister came.", 0))
	if _, err := w.app.UpdateEncounter(ctx, w.pro2, w.p1, meeting.ID, held); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("another professional without relation: %v", err)
	}
	var stale *Stale[heard.Encounter]
	if _, err := w.app.UpdateEncounter(ctx, w.pro, w.p1, meeting.ID, held); !errors.As(err, &stale) || stale.Current.SharedNote != "Agreed to visit the housing office." {
		t.Errorf("second save from the old version: %v", err)
	}
	if _, err := w.app.SaveReflection(ctx, w.pro, w.p1, meeting.ID, "Overwritten", 1); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("professional writing the reflection: %v", err)
	}
	// A network member who takes part sees the meeting, not the notes.
	must(0, w.app.SetMemberScopes(ctx, w.person1, w.p1, w.link.ID, []heard.Scope{heard.ScopeMeetings}))
	nv := must(w.app.Encounter(ctx, w.net, w.p1, meeting.ID))
	if nv.SeesNotes || nv.Encounter.SharedNote != "" || nv.Encounter.Reflection != "" || len(nv.Preparation.Fields) != 0 {
		t.Errorf("network member sees notes: %+v", nv)
	}
	// The list is the same reader's view: the API sends it whole (defect 1).
	nl := must(w.app.Encounters(ctx, w.net, w.p1))
	if len(nl.Past) != 1 || nl.Past[0].SharedNote != "" || nl.Past[0].Reflection != "" || nl.Past[0].NoteBy != "" {
		t.Errorf("network member's list of meetings carries notes: %+v", nl.Past)
	}
	if _, err := w.app.Encounter(ctx, w.net, w.p1, without.ID); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("network member opening a meeting they were not in: %v", err)
	}
	mine := must(w.app.Encounter(ctx, w.person1, w.p1, meeting.ID))
	if mine.Encounter.Reflection != "It helped that my sister came." || mine.Encounter.SharedNote == "" || mine.NoteBy.Name != w.pro.Name {
		t.Errorf("person's view = %+v", mine.Encounter)
	}
}

// A meeting follows time: agenda items and her preparation before it,
// her reflection after; a meeting held without her asks, afterwards, for
// her view of what was decided without her, and offers no preparation.
// The write paths refuse what the page does not offer.
func TestService_MeetingsFollowTime(t *testing.T) {
	w := newWorld(t)
	start := w.clock.Now().Add(24 * time.Hour)
	meeting := must(w.app.CreateEncounter(ctx, w.pro, w.p1, EncounterInput{Start: start, Kind: heard.KindOutpatient, Invited: true}))
	without := must(w.app.CreateEncounter(ctx, w.pro, w.p1, EncounterInput{Start: start, Kind: heard.KindWithoutPerson, Participants: []heard.Participant{{Name: "Team"}},
		Present: heard.PresenceAbsent, AbsenceReason: "Team meeting about holiday cover"}))

	before := must(w.app.Encounter(ctx, w.person1, w.p1, meeting.ID))
	if !before.CanAddItem || !before.CanPrepare || before.CanReflect || before.Missed || before.Happened {
		t.Errorf("before the meeting: agenda %v, prepare %v, reflect %v, missed %v; want agenda and preparation only",
			before.CanAddItem, before.CanPrepare, before.CanReflect, before.Missed)
	}
	if _, err := w.app.SaveReflection(ctx, w.person1, w.p1, meeting.ID, "How was it?", 0); heard.ErrorCode(err) != heard.CodeInvalid {
		t.Errorf("a reflection before the meeting: %v", err)
	}
	if wo := must(w.app.Encounter(ctx, w.person1, w.p1, without.ID)); wo.CanPrepare || wo.CanReflect {
		t.Errorf("before a meeting without her: prepare %v, reflect %v; want neither", wo.CanPrepare, wo.CanReflect)
	}
	if _, err := w.app.SavePreparation(ctx, w.person1, w.p1, without.ID, map[string]string{"questions": "Who covers?"}, 0); heard.ErrorCode(err) != heard.CodeInvalid {
		t.Errorf("preparing for a meeting without her: %v", err)
	}

	w.clock.Advance(25 * time.Hour)
	after := must(w.app.Encounter(ctx, w.person1, w.p1, meeting.ID))
	if after.CanAddItem || after.CanPrepare || !after.CanReflect || after.Missed || !after.Happened {
		t.Errorf("after the meeting: agenda %v, prepare %v, reflect %v, missed %v; want the reflection only",
			after.CanAddItem, after.CanPrepare, after.CanReflect, after.Missed)
	}
	if _, err := w.app.AddAgendaItem(ctx, w.person1, w.p1, meeting.ID, "Too late"); heard.ErrorCode(err) != heard.CodeInvalid {
		t.Errorf("an agenda item after the meeting: %v", err)
	}
	if _, err := w.app.SavePreparation(ctx, w.person1, w.p1, meeting.ID, map[string]string{"questions": "Too late"}, 0); heard.ErrorCode(err) != heard.CodeInvalid {
		t.Errorf("preparing after the meeting: %v", err)
	}
	missed := must(w.app.Encounter(ctx, w.person1, w.p1, without.ID))
	if !missed.CanReflect || !missed.Missed {
		t.Errorf("after a meeting without her: reflect %v, missed %v; want her view asked for", missed.CanReflect, missed.Missed)
	}
	must(w.app.SaveReflection(ctx, w.person1, w.p1, without.ID, "I want to be asked about holidays.", 0))
}

func TestService_DecisionsAndDue(t *testing.T) {
	w := newWorld(t)
	in := DecisionInput{OnTable: "Medication dose", Options: "Keep\nLower", Preference: "Lower it", Outcome: "Keep the dose for now",
		DecidedBy: heard.DecidedByProfessional, Followed: heard.FollowedNo, ReviewDate: heard.Day(w.clock.Now().AddDate(0, 0, 3), time.UTC),
		Constraints: []heard.Constraint{{Kind: heard.ConstraintSafety, Text: "Recent relapse", SetBy: "Dr. on call"}}}
	_, err := w.app.CreateDecision(ctx, w.pro, w.p1, in)
	if p := heard.Problems(err); len(p) != 1 || p[0].Field != "not_followed_reason" {
		t.Fatalf("not followed without a reason: %v, want a field problem on not_followed_reason", err)
	}
	in.NotFollowedReason = "Too soon after the relapse; we look again in two weeks"
	d := must(w.app.CreateDecision(ctx, w.pro, w.p1, in))
	if _, err := w.app.CreateDecision(ctx, w.person1, w.p1, in); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("person recording a decision: %v", err)
	}
	must(w.app.CommentDecision(ctx, w.person1, w.p1, d.ID, "I still want to try a lower dose.", 0))
	if _, err := w.app.CommentDecision(ctx, w.pro, w.p1, d.ID, "x", 1); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("professional writing the person's comment: %v", err)
	}
	v := must(w.app.Decision(ctx, w.person1, w.p1, d.ID))
	if v.CreatedBy.Name != w.pro.Name || v.Decision.PersonComment == "" || v.Decision.Followed != heard.FollowedNo || len(v.Decision.Constraints) != 1 {
		t.Errorf("person's view of the decision = %+v", v)
	}
	must(w.app.CreateRestriction(ctx, w.pro, w.p1, RestrictionInput{Kind: heard.RestrictLeave, LegalBasis: "Mental Health Care Act § 3-3",
		Start: "2026-11-01", ReviewDate: "2026-11-15"}))
	due := must(w.app.DueReviews(ctx, w.pro))
	if len(due.Decisions) != 1 || due.Decisions[0].PersonName != "Name of p1@example.test" || len(due.Restrictions) != 1 {
		t.Errorf("due for pro = %+v", due)
	}
	if other := must(w.app.DueReviews(ctx, w.pro2)); len(other.Decisions)+len(other.Restrictions) != 0 {
		t.Errorf("due for another professional = %+v", other)
	}
	if _, err := w.app.DueReviews(ctx, w.leader); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("leader's due list: %v", err)
	}
	if units := must(w.app.LedUnits(ctx, w.leader)).Units; len(units) != 1 || units[0].RestrictionsPastReview.State != heard.CountFewer || units[0].RestrictionsPastReview.N != 0 {
		t.Errorf("leader's unit = %+v; want its one restriction past review shown as fewer than five", units)
	}
	if pv := must(w.app.Person(ctx, w.pro, w.p1)); pv.RestrictionsPastReview != 1 {
		t.Errorf("person page flags %d restrictions past review", pv.RestrictionsPastReview)
	}
}

func TestService_Restrictions(t *testing.T) {
	w := newWorld(t)
	if _, err := w.app.CreateRestriction(ctx, w.pro, w.p1, RestrictionInput{Kind: heard.RestrictSearch, Start: "2026-11-20"}); len(heard.Problems(err)) != 2 {
		t.Fatalf("no legal basis, no review date: %v", err)
	}
	basis := must(w.app.CreateLegalBasis(ctx, w.admin, "Mental Health Care Act § 4-6"))
	if _, err := w.app.CreateLegalBasis(ctx, w.pro, "x"); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("professional editing the list: %v", err)
	}
	r := must(w.app.CreateRestriction(ctx, w.pro, w.p1, RestrictionInput{Kind: heard.RestrictSearch, LegalBasisID: basis.ID, Start: "2026-11-20", ReviewDate: "2026-11-22"}))
	if r.LegalBasis != basis.Name {
		t.Errorf("legal basis text = %q, want the listed name", r.LegalBasis)
	}
	v := must(w.app.Restriction(ctx, w.person1, w.p1, r.ID))
	if !v.PastReview || !v.InForce || !v.CanGiveView || v.CanEdit {
		t.Errorf("person's view of a restriction past review = %+v", v)
	}
	must(w.app.SetRestrictionView(ctx, w.person1, w.p1, r.ID, "I was not told why.", 0))
	reviewed := RestrictionInput{Kind: heard.RestrictSearch, LegalBasisID: basis.ID, Start: "2026-11-20", ReviewDate: "2026-12-20", BaseVersion: 1}
	must(w.app.UpdateRestriction(ctx, w.pro, w.p1, r.ID, reviewed))
	if v := must(w.app.Restriction(ctx, w.pro, w.p1, r.ID)); v.PastReview || v.Restriction.PersonView != "I was not told why." {
		t.Errorf("after review = %+v", v)
	}
	if _, err := w.app.Restrictions(ctx, w.net, w.p1); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("network member reading restrictions: %v", err)
	}
}

// Defect 11, through the app: a peer worker in a care relation reads
// restrictions but records none, and records no clinician's decision.
func TestService_PeerWorkerRecordsNoCoercion(t *testing.T) {
	w := newWorld(t)
	created := must(w.app.CreateAccount(ctx, w.sys, NewAccount{Email: "peer@example.test", Name: "Peer Worker", Role: heard.RoleProfessional, PeerWorker: true, UnitID: w.unit.ID}))
	peer := heard.Actor{AccountID: created.Account.ID, OrganisationID: created.Account.OrganisationID, Role: heard.RoleProfessional, PeerWorker: true}
	w.care(NewCareRelation{PersonID: w.p1, ProfessionalID: peer.AccountID, UnitID: w.unit.ID}, w.leader)
	basis := must(w.app.CreateLegalBasis(ctx, w.admin, "Mental Health Care Act § 4-6"))
	in := RestrictionInput{Kind: heard.RestrictSearch, LegalBasisID: basis.ID, Start: "2026-11-20", ReviewDate: "2026-12-20"}
	if _, err := w.app.CreateRestriction(ctx, peer, w.p1, in); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("peer worker recording a restriction: %v, want forbidden", err)
	}
	r := must(w.app.CreateRestriction(ctx, w.pro, w.p1, in))
	if v, err := w.app.Restrictions(ctx, peer, w.p1); err != nil || v.CanCreate || len(v.Restrictions) != 1 {
		t.Errorf("peer worker's restriction list = %+v, %v; want it readable without the offer to record", v, err)
	}
	in.BaseVersion = 1
	if _, err := w.app.UpdateRestriction(ctx, peer, w.p1, r.ID, in); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("peer worker changing a restriction: %v, want forbidden", err)
	}
	d := DecisionInput{OnTable: "Medication dose", Outcome: "Keep", DecidedBy: heard.DecidedByProfessional, Followed: heard.FollowedYes}
	if _, err := w.app.CreateDecision(ctx, peer, w.p1, d); len(heard.Problems(err)) != 1 || heard.Problems(err)[0].Field != "decided_by" {
		t.Errorf("peer worker recording a clinician's decision: %v, want a problem on decided_by", err)
	}
	d.DecidedBy = heard.DecidedTogether
	if _, err := w.app.CreateDecision(ctx, peer, w.p1, d); err != nil {
		t.Errorf("peer worker recording a decision made together: %v", err)
	}
}
