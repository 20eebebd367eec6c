package app

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/password"
	"github.com/heard-health/heard/internal/store"
	"github.com/heard-health/heard/internal/store/sqlite"
	"github.com/heard-health/heard/internal/store/storetest"
)

var ctx = context.Background()

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

// world is a small organisation built through the app itself.
type world struct {
	app   *Service
	st    store.Store
	clock *clock
	sys   heard.Actor
	unit  heard.Unit
	unit2 heard.Unit
	// actors
	pro, pro2, leader, leader2, researcher, admin, net, person1, person2 heard.Actor
	p1, p2                                                               heard.PersonID
	link                                                                 heard.NetworkLink
}

func newWorld(t *testing.T) *world {
	t.Helper()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "h.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := &clock{t: time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)}
	w := &world{app: New(st, Options{Now: c.Now, PasswordParams: password.Params{Memory: 64, Time: 1, Threads: 1}}), st: st, clock: c}
	org, err := w.app.EnsureOrganisation(ctx, "Testvik")
	if err != nil {
		t.Fatal(err)
	}
	w.sys = heard.SystemActor(org.ID)
	w.unit = must(w.app.CreateUnit(ctx, w.sys, "Ward A", heard.UnitWard))
	w.unit2 = must(w.app.CreateUnit(ctx, w.sys, "Team B", heard.UnitCommunityTeam))
	w.pro = w.account(t, "pro@example.test", heard.RoleProfessional, w.unit.ID)
	w.pro2 = w.account(t, "pro2@example.test", heard.RoleProfessional, w.unit2.ID)
	w.leader = w.account(t, "leader@example.test", heard.RoleLeader, w.unit.ID)
	w.leader2 = w.account(t, "leader2@example.test", heard.RoleLeader, w.unit2.ID)
	w.researcher = w.account(t, "res@example.test", heard.RoleResearcher, "")
	w.admin = w.account(t, "admin@example.test", heard.RoleAdmin, "")
	w.net = w.account(t, "net@example.test", heard.RoleNetwork, "")
	w.person1 = w.account(t, "p1@example.test", heard.RolePerson, "")
	w.person2 = w.account(t, "p2@example.test", heard.RolePerson, "")
	w.p1, w.p2 = w.person1.PersonID, w.person2.PersonID
	w.care(NewCareRelation{PersonID: w.p1, ProfessionalID: w.pro.AccountID, UnitID: w.unit.ID, PrimaryContact: true}, w.leader)
	w.care(NewCareRelation{PersonID: w.p2, ProfessionalID: w.pro2.AccountID, UnitID: w.unit2.ID}, w.leader2)
	w.link = must(w.app.LinkMember(ctx, w.sys, w.p1, w.net.AccountID, "sister", nil))
	c.Advance(time.Minute)
	return w
}

// care asks for a care relation as the admin and has the unit's leader
// confirm it, as a service does.
func (w *world) care(nc NewCareRelation, leader heard.Actor) heard.CareRelation {
	c := must(w.app.CreateCareRelation(ctx, w.admin, nc))
	must(0, w.app.ConfirmCareRelation(ctx, leader, c.ID))
	return c
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func (w *world) account(t *testing.T, email string, role heard.Role, unit heard.UnitID) heard.Actor {
	t.Helper()
	created, err := w.app.CreateAccount(ctx, w.sys, NewAccount{Email: email, Name: "Name of " + email, Role: role, UnitID: unit})
	if err != nil {
		t.Fatalf("CreateAccount(%s): %v", email, err)
	}
	a := created.Account
	actor := heard.Actor{AccountID: a.ID, OrganisationID: a.OrganisationID, Role: role, Name: a.Name, ClientAddr: "192.0.2.5", RequestID: "req-" + email}
	actor.PersonID = created.PersonID
	return actor
}

// log returns the person's whole access log, oldest first, read directly.
func (w *world) log(t *testing.T, id heard.PersonID) []heard.AccessEntry {
	t.Helper()
	var es []heard.AccessEntry
	_ = w.st.Read(ctx, func(tx store.Tx) error {
		var err error
		es, err = tx.ListAccessEntries(ctx, store.AccessFilter{PersonID: id})
		return err
	})
	for i, j := 0, len(es)-1; i < j; i, j = i+1, j-1 {
		es[i], es[j] = es[j], es[i]
	}
	return es
}

func last(es []heard.AccessEntry) heard.AccessEntry { return es[len(es)-1] }

func TestService_Person(t *testing.T) {
	w := newWorld(t)
	tests := []struct {
		name      string
		actor     heard.Actor
		person    heard.PersonID
		wantCode  heard.Code
		wantBasis heard.Basis
		wantTeam  bool
	}{
		{"pro1 reads person1", w.pro, w.p1, "", heard.BasisCare, true},
		{"pro1 reads person2", w.pro, w.p2, heard.CodeNotFound, "", false},
		{"person1 reads self", w.person1, w.p1, "", heard.BasisSelf, true},
		{"person1 reads person2", w.person1, w.p2, heard.CodeNotFound, "", false},
		{"network member without care-team scope", w.net, w.p1, "", heard.BasisNetwork, false},
		{"leader", w.leader, w.p1, heard.CodeNotFound, "", false},
		{"researcher", w.researcher, w.p1, heard.CodeNotFound, "", false},
		{"admin", w.admin, w.p1, "", heard.BasisAdmin, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(w.log(t, tt.person))
			v, err := w.app.Person(ctx, tt.actor, tt.person)
			if heard.ErrorCode(err) != tt.wantCode {
				t.Fatalf("Person() error = %v, want code %q", err, tt.wantCode)
			}
			es := w.log(t, tt.person)
			if tt.wantCode != "" {
				if v.Person.Name != "" {
					t.Errorf("refused read returned data: %+v", v.Person)
				}
				if len(es) != before+1 || last(es).Outcome != heard.OutcomeDenied || last(es).ActorID != tt.actor.AccountID {
					t.Errorf("refusal not logged: %+v", last(es))
				}
				return
			}
			if v.Basis != tt.wantBasis || v.CanSeeCareTeam != tt.wantTeam || (len(v.CareTeam) > 0) != tt.wantTeam {
				t.Errorf("view = basis %v team %v (%d), want %v %v", v.Basis, v.CanSeeCareTeam, len(v.CareTeam), tt.wantBasis, tt.wantTeam)
			}
			var logged []heard.Action
			for _, x := range es[before:] {
				logged = append(logged, x.Action)
			}
			want := []heard.Action{heard.ActionReadPerson}
			if tt.wantTeam {
				want = append(want, heard.ActionReadCareTeam)
			}
			if tt.wantBasis == heard.BasisSelf || tt.wantBasis == heard.BasisCare {
				want = append(want, heard.ActionReadDecisions, heard.ActionReadRestrictions)
			}
			slices.Sort(logged)
			slices.Sort(want)
			if !slices.Equal(logged, want) {
				t.Fatalf("logged %v, want %v", logged, want)
			}
			e := es[before]
			for _, x := range es[before:] {
				if x.Action == heard.ActionReadPerson {
					e = x
				}
			}
			if e.Action != heard.ActionReadPerson || e.Basis != tt.wantBasis || e.Outcome != heard.OutcomeAllowed ||
				e.ActorRole != tt.actor.Role || e.ClientAddr != "192.0.2.5" || e.RequestID != tt.actor.RequestID || !e.At.Equal(w.clock.Now()) {
				t.Errorf("log entry = %+v", e)
			}
		})
	}
}

func TestService_CareTeamScope(t *testing.T) {
	w := newWorld(t)
	if _, err := w.app.CareTeam(ctx, w.net, w.p1); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Fatalf("network member outside scope: %v, want forbidden", err)
	}
	if err := w.app.SetMemberScopes(ctx, w.person1, w.p1, w.link.ID, []heard.Scope{heard.ScopeCareTeam}); err != nil {
		t.Fatal(err)
	}
	team, err := w.app.CareTeam(ctx, w.net, w.p1)
	if err != nil || len(team) != 1 || team[0].Name != w.pro.Name || !team[0].PrimaryContact || team[0].UnitName != "Ward A" {
		t.Fatalf("CareTeam() after granting = %+v, %v", team, err)
	}
	if err := w.app.SetMemberScopes(ctx, w.pro, w.p1, w.link.ID, nil); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("professional changing the person's network: %v, want forbidden", err)
	}
	if err := w.app.SetMemberScopes(ctx, w.person2, w.p2, w.link.ID, nil); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("another person using this link's ID: %v, want not found", err)
	}
	if err := w.app.RevokeMember(ctx, w.person1, w.p1, w.link.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.app.Person(ctx, w.net, w.p1); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("revoked member reads person: %v, want not found", err)
	}
}

func TestService_EmergencyAccess(t *testing.T) {
	w := newWorld(t)
	// pro2 has no care relation with person1.
	if _, err := w.app.OpenEmergencyAccess(ctx, w.pro2, w.p1, "", "short"); len(heard.Problems(err)) != 2 {
		t.Fatalf("without reason and justification: %v, want two field problems", err)
	}
	if _, err := w.app.OpenEmergencyAccess(ctx, w.pro, w.p1, heard.ReasonAcute, "I am their nurse anyway"); heard.ErrorCode(err) != heard.CodeConflict {
		t.Errorf("professional with a care relation: %v, want conflict", err)
	}
	if _, err := w.app.OpenEmergencyAccess(ctx, w.leader, w.p1, heard.ReasonAcute, "Leader wants to look"); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("leader: %v, want not found", err)
	}
	e, err := w.app.OpenEmergencyAccess(ctx, w.pro2, w.p1, heard.ReasonAcute, "Called to the ward at night, no team on duty")
	if err != nil {
		t.Fatal(err)
	}
	opened := last(w.log(t, w.p1))
	if opened.Action != heard.ActionOpenEmergency || opened.Basis != heard.BasisEmergency || opened.Reason != heard.ReasonAcute || opened.ResourceID != string(e.ID) {
		t.Errorf("opening entry = %+v", opened)
	}
	w.clock.Advance(time.Hour)
	v, err := w.app.Person(ctx, w.pro2, w.p1)
	if err != nil || v.Basis != heard.BasisEmergency || v.Emergency == nil || v.Emergency.ID != e.ID {
		t.Fatalf("read under emergency access = %+v, %v", v, err)
	}
	read := w.log(t, w.p1)
	if r := read[len(read)-2]; r.Basis != heard.BasisEmergency || r.Reason != heard.ReasonAcute {
		t.Errorf("read entry = %+v, want emergency basis with reason", r)
	}
	// The person sees it in plain words: on their page and in the log, with the justification.
	mine, err := w.app.Person(ctx, w.person1, w.p1)
	if err != nil || len(mine.EmergencyNotices) != 1 || mine.EmergencyNotices[0].ProfessionalName != w.pro2.Name {
		t.Fatalf("person's notices = %+v, %v", mine.EmergencyNotices, err)
	}
	page, err := w.app.AccessLog(ctx, w.person1, w.p1, AccessLogQuery{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, l := range page.Lines {
		if l.Entry.Basis == heard.BasisEmergency && l.Justification == "Called to the ward at night, no team on duty" && l.ActorName == w.pro2.Name {
			found = true
		}
		if l.ByPerson {
			t.Errorf("own visit shown by default: %+v", l.Entry)
		}
	}
	if !found {
		t.Errorf("access log lines lack the emergency access: %+v", page.Lines)
	}
	// The leader of pro2's unit sees it for review; the other leader does not.
	reviews, err := w.app.EmergencyReviews(ctx, w.leader2, ReviewsQuery{})
	if err != nil || len(reviews.Reviews) != 1 || reviews.Waiting != 1 || reviews.Reviews[0].PersonName != "Name of p1@example.test" || reviews.Reviews[0].ProfessionalName != w.pro2.Name {
		t.Fatalf("leader2 reviews = %+v, %v", reviews, err)
	}
	if other, err := w.app.EmergencyReviews(ctx, w.leader, ReviewsQuery{}); err != nil || len(other.Reviews) != 0 {
		t.Errorf("leader of another unit sees %d reviews, %v", len(other.Reviews), err)
	}
	if err := w.app.ReviewEmergencyAccess(ctx, w.leader, e.ID, "Not mine"); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("review by the other leader: %v, want not found", err)
	}
	if err := w.app.ReviewEmergencyAccess(ctx, w.leader2, e.ID, "Justified: night shift"); err != nil {
		t.Fatal(err)
	}
	if err := w.app.ReviewEmergencyAccess(ctx, w.leader2, e.ID, "Again"); heard.ErrorCode(err) != heard.CodeConflict {
		t.Errorf("second review: %v, want conflict", err)
	}
	if units, err := w.app.LedUnits(ctx, w.leader2); err != nil || len(units.Units) != 1 || units.Units[0].OpenReviews != 0 || units.Units[0].Persons.State != heard.CountFewer || units.ShowTotals {
		t.Errorf("LedUnits() = %+v, %v", units, err)
	}
	// It expires after four hours.
	w.clock.Advance(heard.EmergencyAccessDuration - time.Hour)
	if _, err := w.app.Person(ctx, w.pro2, w.p1); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("read after expiry: %v, want not found", err)
	}
}

// Defects 3 and 13: the access log and the network are the person's alone
// (admins run the service, they do not read emergency justifications or
// "my mother"), and the person's view leaves out staff network addresses.
func TestService_AccessLogOnlyForThePerson(t *testing.T) {
	w := newWorld(t)
	for _, a := range []heard.Actor{w.pro, w.net, w.leader, w.researcher, w.person2, w.admin} {
		if _, err := w.app.AccessLog(ctx, a, w.p1, AccessLogQuery{}); heard.ErrorCode(err) == "" {
			t.Errorf("%s read person1's access log", a.Role)
		}
		if _, err := w.app.Network(ctx, a, w.p1); heard.ErrorCode(err) == "" {
			t.Errorf("%s read person1's network", a.Role)
		}
	}
	page, err := w.app.AccessLog(ctx, w.person1, w.p1, AccessLogQuery{IncludeOwn: true})
	if err != nil || len(page.Lines) == 0 {
		t.Fatalf("the person's own access log: %v", err)
	}
	for _, l := range page.Lines {
		if l.Entry.ClientAddr != "" || l.Entry.RequestID != "" {
			t.Errorf("the person's view of an entry carries address %q and request %q", l.Entry.ClientAddr, l.Entry.RequestID)
		}
	}
	if es := w.log(t, w.p1); last(es).ClientAddr == "" {
		t.Error("the stored log lost the address it keeps for audit")
	}
}

func TestService_AccessLogPaging(t *testing.T) {
	w := newWorld(t)
	for range accessLogPageSize + 5 {
		if _, err := w.app.CareTeam(ctx, w.pro, w.p1); err != nil {
			t.Fatal(err)
		}
	}
	first, err := w.app.AccessLog(ctx, w.person1, w.p1, AccessLogQuery{})
	if err != nil || len(first.Lines) != accessLogPageSize || first.Older == 0 {
		t.Fatalf("first page = %d lines, older %d, %v", len(first.Lines), first.Older, err)
	}
	second, err := w.app.AccessLog(ctx, w.person1, w.p1, AccessLogQuery{Before: first.Older})
	if err != nil || len(second.Lines) == 0 || second.Lines[0].Entry.Seq >= first.Older {
		t.Fatalf("second page = %+v, %v", second.Lines, err)
	}
}

func TestService_Caseload(t *testing.T) {
	w := newWorld(t)
	v, err := w.app.Caseload(ctx, w.pro)
	cl := v.Entries
	if err != nil || len(cl) != 1 || cl[0].Person.ID != w.p1 || !cl[0].PrimaryContact {
		t.Fatalf("Caseload() = %+v, %v", cl, err)
	}
	if e := last(w.log(t, w.p1)); e.Action != heard.ActionListCaseload || e.ActorID != w.pro.AccountID {
		t.Errorf("caseload listing not logged for the person: %+v", e)
	}
	if _, err := w.app.Caseload(ctx, w.leader); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("leader caseload: %v, want forbidden", err)
	}
	linked, err := w.app.LinkedPersons(ctx, w.net)
	if err != nil || len(linked) != 1 || linked[0].ID != w.p1 {
		t.Errorf("LinkedPersons() = %+v, %v", linked, err)
	}
}

func TestService_FindPersons(t *testing.T) {
	w := newWorld(t)
	if _, err := w.app.FindPersons(ctx, w.pro, "p1"); heard.ErrorCode(err) != heard.CodeInvalid {
		t.Errorf("two-letter search: %v, want invalid", err)
	}
	found, err := w.app.FindPersons(ctx, w.pro, "name of p")
	if err != nil || len(found) != 2 || found[0].InCaseload != true || found[1].InCaseload {
		t.Fatalf("FindPersons() = %+v, %v", found, err)
	}
	if _, err := w.app.FindPersons(ctx, w.net, "name of p"); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("network member searching: %v, want forbidden", err)
	}
	// With an emergency access in force the search says so, so the
	// professional opens the page instead of asking again and being refused.
	e := must(w.app.OpenEmergencyAccess(ctx, w.pro, w.p2, heard.ReasonAcute, "Called to the ward at night, no team on duty"))
	found = must(w.app.FindPersons(ctx, w.pro, "name of p"))
	if !found[1].EmergencyUntil.Equal(e.Expires) || !found[0].EmergencyUntil.IsZero() {
		t.Errorf("search with an access in force = %+v, want its end on person2 only", found)
	}
}

func TestService_EndCareRelationEndsAccess(t *testing.T) {
	w := newWorld(t)
	rels, err := w.app.CareRelations(ctx, w.admin)
	if err != nil || len(rels) != 2 {
		t.Fatalf("CareRelations() = %d, %v", len(rels), err)
	}
	for _, r := range rels {
		if r.Relation.PersonID == w.p1 {
			if err := w.app.EndCareRelation(ctx, w.pro, r.Relation.ID); heard.ErrorCode(err) != heard.CodeForbidden {
				t.Errorf("professional ending a relation: %v", err)
			}
			if err := w.app.EndCareRelation(ctx, w.admin, r.Relation.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := w.app.Person(ctx, w.pro, w.p1); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("read after the relation ended: %v, want not found", err)
	}
}

func TestService_CreateAccount(t *testing.T) {
	w := newWorld(t)
	_, err := w.app.CreateAccount(ctx, w.admin, NewAccount{Email: "not an email", Name: "", Role: "wizard"})
	if p := heard.Problems(err); len(p) < 3 {
		t.Errorf("bad account: %v, want problems for email, name and role", err)
	}
	_, err = w.app.CreateAccount(ctx, w.admin, NewAccount{Email: "pro@example.test", Name: "Dup", Role: heard.RoleNetwork})
	if p := heard.Problems(err); len(p) != 1 || p[0].Key != "account.email.taken" {
		t.Errorf("taken email: %v", err)
	}
	_, err = w.app.CreateAccount(ctx, w.admin, NewAccount{Email: "new@example.test", Name: "New", Role: heard.RoleProfessional})
	if p := heard.Problems(err); len(p) != 1 || p[0].Field != "unit" {
		t.Errorf("professional without unit: %v", err)
	}
	c, err := w.app.CreateAccount(ctx, w.admin, NewAccount{Email: "New.Person@Example.test", Name: "Nora New", Role: heard.RolePerson, BirthDate: "2001-02-03"})
	if err != nil || c.Account.Email != "new.person@example.test" || len(c.Password) != 19 || password.Check(c.Password, password.For{Email: c.Account.Email}) != nil || c.PersonID == "" {
		t.Fatalf("CreateAccount() = %+v, %v", c, err)
	}
	if _, err := w.app.CreateAccount(ctx, w.pro, NewAccount{Email: "x@example.test", Name: "X", Role: heard.RoleAdmin}); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("professional creating accounts: %v", err)
	}
	rows, err := w.app.Accounts(ctx, w.admin, 0)
	if err != nil || len(rows) != 10 {
		t.Errorf("Accounts() = %d, %v", len(rows), err)
	}
}

// A read whose access-log entry cannot be written returns nothing.
func TestService_ReadFailsClosed(t *testing.T) {
	w := newWorld(t)
	err := w.st.Write(ctx, func(tx store.Tx) error {
		return storetest.ExecRaw(ctx, tx, `CREATE TRIGGER no_more_log BEFORE INSERT ON access_log BEGIN SELECT RAISE(ABORT, 'disk full'); END`)
	})
	if err != nil {
		t.Fatal(err)
	}
	v, err := w.app.Person(ctx, w.pro, w.p1)
	if err == nil || v.Person.Name != "" || len(v.CareTeam) != 0 {
		t.Fatalf("Person() with a broken access log = %+v, %v; want an error and no data", v, err)
	}
}

// A write whose access-log entry cannot be committed is not kept, and its
// writer is told. The person reads her own goal in a snapshot: that read,
// too, gives nothing while the log is broken.
func TestService_WriteFailsWithItsLog(t *testing.T) {
	w := newWorld(t)
	goal := must(w.app.CreateGoal(ctx, w.person1, w.p1, GoalEdit{Wording: "Walk every morning"}))
	brk := func(q string) {
		t.Helper()
		if err := w.st.Write(ctx, func(tx store.Tx) error { return storetest.ExecRaw(ctx, tx, q) }); err != nil {
			t.Fatal(err)
		}
	}
	brk(`CREATE TRIGGER no_more_log BEFORE INSERT ON access_log BEGIN SELECT RAISE(ABORT, 'disk full'); END`)
	if n, err := w.app.AddGoalNote(ctx, w.person1, w.p1, goal.ID, "Walked to the lake"); err == nil {
		t.Errorf("AddGoalNote() with a broken access log = %+v, want an error", n)
	}
	if v, err := w.app.Goal(ctx, w.person1, w.p1, goal.ID); err == nil || v.Goal.Wording != "" {
		t.Errorf("Goal() with a broken access log = %+v, %v; want an error and no data", v, err)
	}
	brk(`DROP TRIGGER no_more_log`)
	v := must(w.app.Goal(ctx, w.person1, w.p1, goal.ID))
	if len(v.Notes) != 0 {
		t.Errorf("notes after a write whose log failed = %+v, want none", v.Notes)
	}
}
