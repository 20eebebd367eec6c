package app

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/audit"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
	"github.com/heard-health/heard/internal/store/storetest"
)

// refusedEntries returns the person's log entries refused for resource.
func (w *world) refusedEntries(t *testing.T, id heard.PersonID, resource string) []heard.AccessEntry {
	t.Helper()
	var out []heard.AccessEntry
	for _, e := range w.log(t, id) {
		if e.Outcome == heard.OutcomeDenied && e.ResourceID == resource {
			out = append(out, e)
		}
	}
	return out
}

// Defect 7: a refused look inside a granted record (another person's
// record ID, an "only me" goal) is in the person's access log.
func TestService_RefusalsInsideARecordAreLogged(t *testing.T) {
	w := newWorld(t)
	foreign := must(w.app.CreateDecision(ctx, w.pro2, w.p2, DecisionInput{OnTable: "Housing", Outcome: "Apply", DecidedBy: heard.DecidedTogether, Followed: heard.FollowedYes}))
	if _, err := w.app.Decision(ctx, w.pro, w.p1, foreign.ID); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Fatalf("person2's decision under person1's path: %v, want not found", err)
	}
	if got := w.refusedEntries(t, w.p1, string(foreign.ID)); len(got) != 1 || got[0].ActorID != w.pro.AccountID || got[0].Action != heard.ActionReadDecisions {
		t.Errorf("refused entries for the foreign ID = %+v, want one by the professional", got)
	}
	hidden := must(w.app.CreateGoal(ctx, w.person1, w.p1, GoalEdit{Wording: "Something of my own", Private: true}))
	w.clock.Advance(time.Minute)
	if _, err := w.app.Goal(ctx, w.pro, w.p1, hidden.ID); heard.ErrorCode(err) == "" {
		t.Fatal("professional opened an only-me goal")
	}
	if got := w.refusedEntries(t, w.p1, string(hidden.ID)); len(got) != 1 || got[0].ActorID != w.pro.AccountID {
		t.Errorf("refused entries for the only-me goal = %+v, want one by the professional", got)
	}
}

// Defect 9: an only-me goal answers exactly as a goal that does not exist,
// for reading, for notes and for suggestions.
func TestService_HiddenGoalLooksAbsent(t *testing.T) {
	w := newWorld(t)
	hidden := must(w.app.CreateGoal(ctx, w.person1, w.p1, GoalEdit{Wording: "Something of my own", Private: true}))
	absent := heard.NewID[heard.GoalID]()
	for _, id := range []heard.GoalID{hidden.ID, absent} {
		_, read := w.app.Goal(ctx, w.pro, w.p1, id)
		_, note := w.app.AddGoalNote(ctx, w.pro, w.p1, id, "A note")
		_, suggest := w.app.Suggest(ctx, w.pro, w.p1, SuggestionInput{GoalID: id, Fields: map[string]string{"status": "achieved"}})
		for what, err := range map[string]error{"read": read, "note": note, "suggest": suggest} {
			if heard.ErrorCode(err) != heard.CodeNotFound {
				t.Errorf("%s goal %s: %v, want not found", what, id, err)
			}
		}
	}
}

// Defect 4: notes written while a goal was only-me stay the person's when
// the goal is shared again, as its versions do.
func TestService_NotesWrittenInPrivateStayPrivate(t *testing.T) {
	w := newWorld(t)
	g := must(w.app.CreateGoal(ctx, w.person1, w.p1, GoalEdit{Wording: "Sleep better", Private: true}))
	must(w.app.AddGoalNote(ctx, w.person1, w.p1, g.ID, "Written while only me"))
	w.clock.Advance(time.Minute)
	must(w.app.SaveGoal(ctx, w.person1, w.p1, g.ID, GoalEdit{Wording: "Sleep better", BaseVersion: 1}))
	w.clock.Advance(time.Minute)
	must(w.app.AddGoalNote(ctx, w.pro, w.p1, g.ID, "Written after sharing"))
	pro := must(w.app.Goal(ctx, w.pro, w.p1, g.ID))
	if len(pro.Notes) != 1 || pro.Notes[0].Note.Text != "Written after sharing" {
		t.Errorf("professional sees notes %+v, want only the one written after sharing", pro.Notes)
	}
	mine := must(w.app.Goal(ctx, w.person1, w.p1, g.ID))
	if len(mine.Notes) != 2 || !mine.Notes[1].Note.Private {
		t.Errorf("the person sees notes %+v, want both, the first marked only-me", mine.Notes)
	}
}

// Defect 8: emergency access is neither reopened nor extended while in
// force, filler is no justification, and a leader pages through every
// access waiting for review, oldest first, however many newer ones come.
func TestService_EmergencyAccessLimits(t *testing.T) {
	w := newWorld(t)
	why := "Called to the ward at night, no team on duty"
	for _, filler := range []string{"aaaaaaaaaaaaaaaaaaaaaaaa", "x x x x x x x x x x x x", "because because because"} {
		if _, err := w.app.OpenEmergencyAccess(ctx, w.pro, w.p2, heard.ReasonAcute, filler); len(heard.Problems(err)) != 1 || heard.Problems(err)[0].Field != "justification" {
			t.Errorf("justification %q: %v, want a problem on justification", filler, err)
		}
	}
	first := must(w.app.OpenEmergencyAccess(ctx, w.pro, w.p2, heard.ReasonAcute, why))
	w.clock.Advance(3 * time.Hour)
	if _, err := w.app.OpenEmergencyAccess(ctx, w.pro, w.p2, heard.ReasonAcute, why); heard.ErrorCode(err) != heard.CodeConflict {
		t.Fatalf("reopening while in force: %v, want conflict", err)
	}
	if v := must(w.app.Person(ctx, w.pro, w.p2)); !v.Emergency.Expires.Equal(first.Expires) {
		t.Errorf("access now ends %v, want the first end %v: it was extended", v.Emergency.Expires, first.Expires)
	}
	w.clock.Advance(2 * time.Hour)
	must(w.app.OpenEmergencyAccess(ctx, w.pro, w.p2, heard.ReasonAcute, why))

	for range ReviewsPageSize + 3 {
		w.clock.Advance(heard.EmergencyAccessDuration)
		must(w.app.OpenEmergencyAccess(ctx, w.pro, w.p2, heard.ReasonCoveringTeam, "Covering for the community team today"))
	}
	total := ReviewsPageSize + 5
	page := must(w.app.EmergencyReviews(ctx, w.leader, ReviewsQuery{}))
	if page.Waiting != total || len(page.Reviews) != ReviewsPageSize || page.Next != ReviewsPageSize || page.Reviews[0].Access.ID != first.ID {
		t.Fatalf("first page: waiting %d, %d shown, next %d, first %s; want %d waiting, a full page starting with the oldest", page.Waiting, len(page.Reviews), page.Next, page.Reviews[0].Access.ID, total)
	}
	rest := must(w.app.EmergencyReviews(ctx, w.leader, ReviewsQuery{Offset: page.Next}))
	if len(rest.Reviews) != total-ReviewsPageSize || rest.Next != 0 {
		t.Errorf("second page: %d shown, next %d; want the remaining %d", len(rest.Reviews), rest.Next, total-ReviewsPageSize)
	}
	must(0, w.app.ReviewEmergencyAccess(ctx, w.leader, first.ID, "Needed"))
	if done := must(w.app.EmergencyReviews(ctx, w.leader, ReviewsQuery{Reviewed: true})); len(done.Reviews) != 1 || done.Waiting != total-1 {
		t.Errorf("reviewed page = %d shown, %d waiting; want the one reviewed", len(done.Reviews), done.Waiting)
	}
}

// Defect 14: the chain vouches for the emergency access its entries rest
// on; rewriting the justification or the review shows in verification.
func TestService_VerifyCatchesRewrittenEmergencyAccess(t *testing.T) {
	for _, tamper := range []struct{ name, sql string }{
		{"justification", `UPDATE emergency_accesses SET justification = 'Routine check, nothing urgent at all'`},
		{"period", `UPDATE emergency_accesses SET expires_at = '2030-01-01 00:00:00'`},
		{"review note", `UPDATE emergency_accesses SET review_note = 'Fine'`},
	} {
		t.Run(tamper.name, func(t *testing.T) {
			w := newWorld(t)
			e := must(w.app.OpenEmergencyAccess(ctx, w.pro, w.p2, heard.ReasonAcute, "Called to the ward at night, no team on duty"))
			must(0, w.app.ReviewEmergencyAccess(ctx, w.leader, e.ID, "Needed that night"))
			if _, err := w.app.VerifyAccessLog(ctx, nil); err != nil {
				t.Fatalf("untouched log: %v", err)
			}
			if err := w.st.Write(ctx, func(tx store.Tx) error { return storetest.ExecRaw(ctx, tx, tamper.sql) }); err != nil {
				t.Fatal(err)
			}
			var broken *audit.Break
			if _, err := w.app.VerifyAccessLog(ctx, nil); !errors.As(err, &broken) || !strings.Contains(broken.Reason, string(e.ID)) {
				t.Errorf("verify after rewriting the %s = %v, want a break naming the access", tamper.name, err)
			}
		})
	}
}

// Defect 12: weak passwords, and the published demo password outside the
// demo, are refused when an account is created.
func TestService_WeakPasswordsRefused(t *testing.T) {
	w := newWorld(t)
	for _, pw := range []string{"aaaaaaaaaaaa", "123456789012", "qwertyuiopas", "passwordpassword", "heard-demo-password"} {
		_, err := w.app.CreateAccount(ctx, w.admin, NewAccount{Email: "weak@example.test", Name: "Wenche Weak", Role: heard.RoleNetwork, Password: pw})
		if p := heard.Problems(err); len(p) != 1 || p[0].Field != "password" {
			t.Errorf("password %q: %v, want a problem on password", pw, err)
		}
	}
	must(0, w.app.MarkDemo(ctx, "loaded"))
	if _, err := w.app.CreateAccount(ctx, w.admin, NewAccount{Email: "demo@example.test", Name: "Dag Demo", Role: heard.RoleNetwork, Password: "heard-demo-password"}); err != nil {
		t.Errorf("the demo password on the demo database: %v", err)
	}
}

// Defect 2: an admin cannot give themself (or anyone) access to a record:
// a care relation gives access only once a leader of its unit, who did not
// ask for it, confirms it, and the person sees who asked and who confirmed.
func TestService_CareRelationNeedsALeader(t *testing.T) {
	w := newWorld(t)
	made := must(w.app.CreateAccount(ctx, w.admin, NewAccount{Email: "admin.alias@example.test", Name: "Alias Pro", Role: heard.RoleProfessional, UnitID: w.unit.ID}))
	alias := heard.Actor{AccountID: made.Account.ID, OrganisationID: made.Account.OrganisationID, Role: heard.RoleProfessional}
	c := must(w.app.CreateCareRelation(ctx, w.admin, NewCareRelation{PersonID: w.p1, ProfessionalID: alias.AccountID, UnitID: w.unit.ID}))
	if _, err := w.app.Person(ctx, alias, w.p1); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Fatalf("professional with a relation no leader confirmed reads the record: %v", err)
	}
	for _, a := range []heard.Actor{w.admin, w.pro, w.leader2} {
		if err := w.app.ConfirmCareRelation(ctx, a, c.ID); heard.ErrorCode(err) != heard.CodeNotFound {
			t.Errorf("%s (%s) confirming: %v, want not found", a.Name, a.Role, err)
		}
	}
	pending := must(w.app.PendingCareRelations(ctx, w.leader))
	if len(pending) != 1 || pending[0].Relation.ID != c.ID || pending[0].RequestedByName != w.admin.Name {
		t.Fatalf("leader's waiting list = %+v, want the one request with who asked", pending)
	}
	if other := must(w.app.PendingCareRelations(ctx, w.leader2)); len(other) != 0 {
		t.Errorf("the other unit's leader sees %d requests", len(other))
	}
	must(0, w.app.ConfirmCareRelation(ctx, w.leader, c.ID))
	if err := w.app.ConfirmCareRelation(ctx, w.leader, c.ID); heard.ErrorCode(err) != heard.CodeConflict {
		t.Errorf("confirming twice: %v, want conflict", err)
	}
	if _, err := w.app.Person(ctx, alias, w.p1); err != nil {
		t.Errorf("after the leader confirmed: %v", err)
	}
	team := must(w.app.CareTeam(ctx, w.person1, w.p1))
	i := slices.IndexFunc(team, func(m CareTeamMember) bool { return m.Name == "Alias Pro" })
	if i < 0 || team[i].AddedByName != w.admin.Name || team[i].ConfirmedByName != w.leader.Name || team[i].Confirmed.IsZero() {
		t.Errorf("the person's care team = %+v, want the new member with who asked and who confirmed", team)
	}
	confirmed := false
	tried := map[heard.AccountID]bool{}
	for _, e := range w.log(t, w.p1) {
		confirmed = confirmed || (e.ActorID == w.leader.AccountID && e.Action == heard.ActionManageCare && e.ResourceID == string(c.ID) && e.Outcome == heard.OutcomeAllowed)
		if e.Action == heard.ActionManageCare && e.ResourceID == string(c.ID) && e.Outcome == heard.OutcomeDenied {
			tried[e.ActorID] = true
		}
	}
	if !confirmed {
		t.Error("the confirmation is not in the person's access log")
	}
	for _, a := range []heard.Actor{w.admin, w.pro, w.leader2} {
		if !tried[a.AccountID] {
			t.Errorf("%s's refused confirmation is not in the person's access log", a.Name)
		}
	}

	turnedDown := must(w.app.CreateCareRelation(ctx, w.admin, NewCareRelation{PersonID: w.p1, ProfessionalID: w.pro2.AccountID, UnitID: w.unit2.ID}))
	must(0, w.app.DeclineCareRelation(ctx, w.leader2, turnedDown.ID))
	if err := w.app.ConfirmCareRelation(ctx, w.leader2, turnedDown.ID); heard.ErrorCode(err) != heard.CodeConflict {
		t.Errorf("confirming a declined request: %v, want conflict", err)
	}
	if _, err := w.app.Person(ctx, w.pro2, w.p1); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("a declined request gives access: %v", err)
	}
}

// The attacker review's way round defect 2: an admin makes a leader of
// their own, asks for a care relation and has that leader confirm it. A
// leadership an admin gives waits for a leader in office of the unit; until
// then it confirms nothing and sees no emergency review.
func TestService_AdminCannotMakeALeaderAlone(t *testing.T) {
	w := newWorld(t)
	madeLeader := must(w.app.CreateAccount(ctx, w.admin, NewAccount{Email: "rogue.leader@example.test", Name: "Rogue Leader", Role: heard.RoleLeader, UnitID: w.unit2.ID}))
	rogue := heard.Actor{AccountID: madeLeader.Account.ID, OrganisationID: madeLeader.Account.OrganisationID, Role: heard.RoleLeader, Name: "Rogue Leader"}
	madePro := must(w.app.CreateAccount(ctx, w.admin, NewAccount{Email: "rogue.pro@example.test", Name: "Rogue Pro", Role: heard.RoleProfessional, UnitID: w.unit2.ID}))
	pro := heard.Actor{AccountID: madePro.Account.ID, OrganisationID: madePro.Account.OrganisationID, Role: heard.RoleProfessional}
	if _, err := w.app.CreateCareRelation(ctx, w.admin, NewCareRelation{PersonID: w.p1, ProfessionalID: pro.AccountID, UnitID: w.unit.ID}); len(heard.Problems(err)) != 1 {
		t.Errorf("a care relation in a unit the professional does not work in: %v, want a problem on unit", err)
	}
	c := must(w.app.CreateCareRelation(ctx, w.admin, NewCareRelation{PersonID: w.p1, ProfessionalID: pro.AccountID, UnitID: w.unit2.ID}))
	if err := w.app.ConfirmCareRelation(ctx, rogue, c.ID); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Fatalf("a leader the admin made, not yet confirmed, confirming: %v, want not found", err)
	}
	must(w.app.OpenEmergencyAccess(ctx, w.pro2, w.p1, heard.ReasonAcute, "Called to the ward at night, no team on duty"))
	if page := must(w.app.EmergencyReviews(ctx, rogue, ReviewsQuery{})); len(page.Reviews) != 0 || page.Waiting != 0 {
		t.Errorf("a leader not yet confirmed sees %d emergency reviews", len(page.Reviews))
	}
	if _, err := w.app.Person(ctx, pro, w.p1); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("the admin's professional reads the record: %v", err)
	}
	waiting := must(w.app.PendingLeaders(ctx, w.leader2))
	if len(waiting) != 1 || waiting[0].AccountID != rogue.AccountID {
		t.Fatalf("the unit's leader sees waiting leaders %+v, want the new one", waiting)
	}
	if err := w.app.ConfirmLeader(ctx, w.leader, w.unit2.ID, rogue.AccountID); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("a leader of another unit confirming: %v, want not found", err)
	}
	if err := w.app.ConfirmLeader(ctx, rogue, w.unit2.ID, rogue.AccountID); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("the waiting leader confirming themself: %v, want not found", err)
	}
	must(0, w.app.ConfirmLeader(ctx, w.leader2, w.unit2.ID, rogue.AccountID))
	if err := w.app.ConfirmCareRelation(ctx, rogue, c.ID); err != nil {
		t.Errorf("once a leader in office confirmed the leadership: %v", err)
	}
}
