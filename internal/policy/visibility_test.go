package policy

import (
	"slices"
	"testing"

	"github.com/heard-health/heard/internal/heard"
)

func TestDecide_PlanAndRecords(t *testing.T) {
	withCare := heard.Relations{Care: []heard.CareRelation{care}}
	plan := &heard.NetworkLink{PersonID: "p1", MemberID: "net", Until: year, Scopes: []heard.Scope{heard.ScopePlan}}
	meetings := &heard.NetworkLink{PersonID: "p1", MemberID: "net", Until: year, Scopes: []heard.Scope{heard.ScopeMeetings}}
	tests := []struct {
		name     string
		actor    heard.Actor
		action   heard.Action
		rel      heard.Relations
		wantCode heard.Code
	}{
		{"person writes own plan", self, heard.ActionUpdatePlan, heard.Relations{}, ""},
		{"professional cannot write the plan", pro, heard.ActionUpdatePlan, withCare, heard.CodeForbidden},
		{"professional suggests", pro, heard.ActionSuggestPlan, withCare, ""},
		{"person does not suggest to themself", self, heard.ActionSuggestPlan, heard.Relations{}, heard.CodeForbidden},
		{"network member with plan scope suggests", member, heard.ActionSuggestPlan, heard.Relations{Link: plan}, ""},
		{"network member without plan scopes reads no plan", member, heard.ActionReadPlan, heard.Relations{Link: linkTeam}, heard.CodeForbidden},
		{"network member with plan scope reads the plan", member, heard.ActionReadPlan, heard.Relations{Link: plan}, ""},
		{"emergency access reads the plan", pro, heard.ActionReadPlan, heard.Relations{Emergency: emergency}, ""},
		{"emergency access does not suggest", pro, heard.ActionSuggestPlan, heard.Relations{Emergency: emergency}, heard.CodeForbidden},
		{"admin never reads a plan", admin, heard.ActionReadPlan, heard.Relations{}, heard.CodeForbidden},
		{"admin never reads decisions", admin, heard.ActionReadDecisions, heard.Relations{}, heard.CodeForbidden},
		{"only the person resolves suggestions", pro, heard.ActionResolveSuggestion, withCare, heard.CodeForbidden},
		{"professional records an encounter", pro, heard.ActionWriteEncounter, withCare, ""},
		{"person does not write the shared note", self, heard.ActionWriteEncounter, heard.Relations{}, heard.CodeForbidden},
		{"person writes the reflection", self, heard.ActionWriteReflection, heard.Relations{}, ""},
		{"professional does not write the reflection", pro, heard.ActionWriteReflection, withCare, heard.CodeForbidden},
		{"network member with meetings scope reads encounters", member, heard.ActionReadEncounters, heard.Relations{Link: meetings}, ""},
		{"network member without meetings scope", member, heard.ActionReadEncounters, heard.Relations{Link: plan}, heard.CodeForbidden},
		{"network member never reads decisions", member, heard.ActionReadDecisions, heard.Relations{Link: plan}, heard.CodeForbidden},
		{"professional records a restriction", pro, heard.ActionWriteRestriction, withCare, ""},
		{"emergency access cannot record a restriction", pro, heard.ActionWriteRestriction, heard.Relations{Emergency: emergency}, heard.CodeForbidden},
		{"person gives their view", self, heard.ActionWriteRestrictionView, heard.Relations{}, ""},
		{"professional sees capacity", pro, heard.ActionReadCapacity, withCare, ""},
		{"professional does not set capacity", pro, heard.ActionSetCapacity, withCare, heard.CodeForbidden},
		{"leader reads no decisions", leader, heard.ActionReadDecisions, heard.Relations{}, heard.CodeNotFound},
		{"unrelated professional reads no plan", pro, heard.ActionReadPlan, heard.Relations{}, heard.CodeNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decide(tt.actor, tt.action, person1, tt.rel, now)
			if got := heard.ErrorCode(err); got != tt.wantCode {
				t.Fatalf("Decide() code = %q, want %q", got, tt.wantCode)
			}
		})
	}
}

func TestSeesPlanPart(t *testing.T) {
	crisisOnly := heard.Relations{Link: &heard.NetworkLink{PersonID: "p1", MemberID: "net", Until: year, Scopes: []heard.Scope{heard.ScopeCrisisPlan}}}
	tests := []struct {
		name    string
		basis   heard.Basis
		rel     heard.Relations
		part    heard.PlanPartKey
		private bool
		want    bool
	}{
		{"person sees own private part", heard.BasisSelf, heard.Relations{}, heard.PartMedicines, true, true},
		{"care team sees a shared part", heard.BasisCare, heard.Relations{}, heard.PartAbout, false, true},
		{"care team does not see an only-me part", heard.BasisCare, heard.Relations{}, heard.PartAbout, true, false},
		{"emergency access sees the crisis plan", heard.BasisEmergency, heard.Relations{}, heard.PartCrisis, false, true},
		{"crisis-plan scope shows the crisis plan", heard.BasisNetwork, crisisOnly, heard.PartCrisis, false, true},
		{"crisis-plan scope does not show the rest", heard.BasisNetwork, crisisOnly, heard.PartAbout, false, false},
		{"crisis-plan scope does not show an only-me crisis plan", heard.BasisNetwork, crisisOnly, heard.PartCrisis, true, false},
		{"admin sees nothing", heard.BasisAdmin, heard.Relations{}, heard.PartAbout, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SeesPlanPart(heard.Grant{Basis: tt.basis}, tt.rel, tt.part, tt.private); got != tt.want {
				t.Errorf("SeesPlanPart() = %v, want %v", got, tt.want)
			}
		})
	}
	if CanSuggest(heard.Grant{Basis: heard.BasisCare}, heard.Relations{}, heard.PartAbout, true) {
		t.Error("a professional can suggest on an only-me part they cannot see")
	}
	if !CanSuggest(heard.Grant{Basis: heard.BasisCare}, heard.Relations{}, "", false) {
		t.Error("a professional cannot suggest a goal")
	}
	if CanSuggest(heard.Grant{Basis: heard.BasisSelf}, heard.Relations{}, heard.PartAbout, false) {
		t.Error("the person suggests to themself")
	}
	if CanSuggest(heard.Grant{Basis: heard.BasisNetwork}, crisisOnly, heard.PartAbout, false) {
		t.Error("a network member suggests on a part outside their scope")
	}
}

func TestSeesSuggestion(t *testing.T) {
	sg := heard.Suggestion{Author: "pro"}
	if !SeesSuggestion(heard.Grant{Basis: heard.BasisSelf}, heard.Actor{AccountID: "person"}, sg) {
		t.Error("the person does not see a suggestion made to them")
	}
	if !SeesSuggestion(heard.Grant{Basis: heard.BasisCare}, heard.Actor{AccountID: "pro"}, sg) {
		t.Error("the author does not see their own suggestion")
	}
	if SeesSuggestion(heard.Grant{Basis: heard.BasisCare}, heard.Actor{AccountID: "pro2"}, sg) {
		t.Error("another professional sees a suggestion the person has not answered")
	}
}

func TestSeesEncounter(t *testing.T) {
	e := heard.Encounter{Participants: []heard.Participant{{Account: "net", Name: "Net"}}}
	other := heard.Actor{AccountID: "other-net", OrganisationID: org, Role: heard.RoleNetwork}
	if !SeesEncounter(heard.Grant{Basis: heard.BasisNetwork}, member, e) {
		t.Error("a participating network member does not see the meeting")
	}
	if SeesEncounter(heard.Grant{Basis: heard.BasisNetwork}, other, e) {
		t.Error("a network member who did not take part sees the meeting")
	}
	if SeesEncounterNotes(heard.Grant{Basis: heard.BasisNetwork}) || !SeesEncounterNotes(heard.Grant{Basis: heard.BasisCare}) {
		t.Error("notes: network members must not see them, the care team must")
	}
}

func TestEncounterFor(t *testing.T) {
	e := heard.Encounter{Participants: []heard.Participant{{Account: "net"}}, SharedNote: "note", NoteBy: "pro", Reflection: "mine", ReflectionVersion: 1}
	got, ok := EncounterFor(heard.Grant{Basis: heard.BasisNetwork}, member, e)
	if !ok || got.SharedNote != "" || got.Reflection != "" || got.NoteBy != "" || got.ReflectionVersion != 0 {
		t.Errorf("network member's view = %+v, %v; want the meeting without notes", got, ok)
	}
	if got, ok := EncounterFor(heard.Grant{Basis: heard.BasisCare}, pro, e); !ok || got.SharedNote != "note" || got.Reflection != "mine" {
		t.Errorf("care team's view = %+v, %v; want the notes", got, ok)
	}
	if _, ok := EncounterFor(heard.Grant{Basis: heard.BasisNetwork}, heard.Actor{AccountID: "other"}, e); ok {
		t.Error("a network member who did not take part gets the meeting")
	}
}

// Defect 11: coercive measures and clinicians' decisions are recorded by
// the responsible clinician, never by a peer worker.
func TestDecide_PeerWorker(t *testing.T) {
	peer := pro
	peer.PeerWorker = true
	withCare := heard.Relations{Care: []heard.CareRelation{care}}
	if _, err := Decide(peer, heard.ActionWriteRestriction, person1, withCare, now); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("peer worker recording a restriction: %v, want forbidden", err)
	}
	if _, err := Decide(peer, heard.ActionReadRestrictions, person1, withCare, now); err != nil {
		t.Errorf("peer worker reading restrictions: %v", err)
	}
	if _, err := Decide(pro, heard.ActionWriteRestriction, person1, withCare, now); err != nil {
		t.Errorf("clinician recording a restriction: %v", err)
	}
	if p := heard.Problems(DecideDecidedBy(peer, heard.DecidedByProfessional)); len(p) != 1 || p[0].Field != "decided_by" {
		t.Errorf("peer worker recording a clinician's decision: %v, want a problem on decided_by", p)
	}
	for _, by := range []heard.DecidedBy{heard.DecidedByPerson, heard.DecidedTogether} {
		if err := DecideDecidedBy(peer, by); err != nil {
			t.Errorf("peer worker recording a decision made by %s: %v", by, err)
		}
	}
	if err := DecideDecidedBy(pro, heard.DecidedByProfessional); err != nil {
		t.Errorf("clinician recording their decision: %v", err)
	}
}

func TestPlanPartFor_HiddenLooksUnwritten(t *testing.T) {
	g := heard.Grant{Basis: heard.BasisCare}
	rel := heard.Relations{Care: []heard.CareRelation{care}}
	hidden := heard.PlanPart{Key: heard.PartHelps, Private: true, Version: 3, Fields: map[string]string{"helps": "mine"}, Updated: now}
	got, ok := PlanPartFor(g, rel, hidden)
	if !ok || got.Written() || got.Private || got.Version != 0 || len(got.Fields) != 0 {
		t.Errorf("only-me part for the care team = %+v, %v; want one never written", got, ok)
	}
	shared := heard.PlanPart{Key: heard.PartHelps, Version: 3, Fields: map[string]string{"helps": "walks"}, Updated: now}
	if got, ok := PlanPartFor(g, rel, shared); !ok || got.Version != 0 || got.Fields["helps"] != "walks" {
		t.Errorf("shared part for the care team = %+v, %v; want the text without a version", got, ok)
	}
	if got, _ := PlanPartFor(heard.Grant{Basis: heard.BasisSelf}, heard.Relations{}, hidden); got.Version != 3 || !got.Private {
		t.Errorf("the person's own part = %+v, want it whole", got)
	}
	if _, ok := GoalFor(g, rel, heard.Goal{Private: true}); ok {
		t.Error("an only-me goal is shown to the care team")
	}
	if got, ok := SuggestionFor(g, pro, heard.Suggestion{Author: "pro", BaseVersion: 4}); !ok || got.BaseVersion != 0 {
		t.Errorf("own suggestion = %+v, %v; want it without the version it was made on", got, ok)
	}
}

// Defect 18: counts of persons below five never show, nor can they be
// worked out from a total (the probe found 8 beside two "fewer than 5").
func TestCounts_Suppression(t *testing.T) {
	shown := func(n int) heard.Count { return heard.Count{N: n, State: heard.CountShown} }
	fewer := heard.Count{State: heard.CountFewer, Below: MinCount}
	withheld := heard.Count{State: heard.CountWithheld}
	tests := []struct {
		name  string
		cells []int
		want  []heard.Count
		total heard.Count
	}{
		{"all large", []int{12, 30}, []heard.Count{shown(12), shown(30)}, shown(42)},
		{"zero is shown", []int{0, 9}, []heard.Count{shown(0), shown(9)}, shown(9)},
		{"one small cell: the total would tell it", []int{2, 30, 12}, []heard.Count{fewer, shown(30), shown(12)}, withheld},
		{"two small cells whose sum would pin them", []int{4, 4, 20}, []heard.Count{fewer, fewer, shown(20)}, withheld},
		{"one small cell and only zeros", []int{3, 0}, []heard.Count{fewer, shown(0)}, fewer},
		{"a small total", []int{1, 0, 0}, []heard.Count{fewer, shown(0), shown(0)}, fewer},
		{"one cell alone", []int{4}, []heard.Count{fewer}, fewer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, total := Counts(tt.cells)
			if !slices.Equal(got, tt.want) || total != tt.total {
				t.Errorf("Counts(%v) = %v, total %v; want %v, total %v", tt.cells, got, total, tt.want, tt.total)
			}
		})
	}
}

// Defect 2: nobody confirms their own request, and only a leader of the
// relation's unit confirms at all.
func TestDecideConfirmCare(t *testing.T) {
	c := heard.CareRelation{UnitID: "u1", RequestedBy: "adm"}
	if _, err := DecideConfirmCare(leader, person1, c, []heard.UnitID{"u1"}); err != nil {
		t.Errorf("leader of the unit: %v", err)
	}
	if _, err := DecideConfirmCare(leader, person1, c, []heard.UnitID{"u2"}); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("leader of another unit: %v, want not found", err)
	}
	if _, err := DecideConfirmCare(admin, person1, c, []heard.UnitID{"u1"}); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("admin: %v, want not found", err)
	}
	own := heard.CareRelation{UnitID: "u1", RequestedBy: leader.AccountID}
	if _, err := DecideConfirmCare(leader, person1, own, []heard.UnitID{"u1"}); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("leader confirming their own request: %v, want forbidden", err)
	}
}

// A network member sees the person's name, not the birth date or
// capacity; the care team sees them (the birth date rule lived in a
// handler and a template before).
func TestPersonFor(t *testing.T) {
	p := heard.Person{Name: "Ada", BirthDate: "1990-01-02", Capacity: heard.CapacityLow}
	if got := PersonFor(heard.Grant{Basis: heard.BasisNetwork}, p); got.Name != "Ada" || got.BirthDate != "" || got.Capacity != "" {
		t.Errorf("network member's view = %+v", got)
	}
	if got := PersonFor(heard.Grant{Basis: heard.BasisCare}, p); got.BirthDate != "1990-01-02" {
		t.Errorf("care team's view = %+v", got)
	}
}

func TestDecideConfirmLeader(t *testing.T) {
	if err := DecideConfirmLeader(leader, []heard.UnitID{"u1"}, "u1", "new"); err != nil {
		t.Errorf("leader of the unit: %v", err)
	}
	if err := DecideConfirmLeader(leader, []heard.UnitID{"u2"}, "u1", "new"); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("leader of another unit: %v, want not found", err)
	}
	if err := DecideConfirmLeader(admin, []heard.UnitID{"u1"}, "u1", "new"); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("admin: %v, want not found", err)
	}
	if err := DecideConfirmLeader(leader, []heard.UnitID{"u1"}, "u1", leader.AccountID); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("confirming oneself: %v, want forbidden", err)
	}
}

func TestAppointsLeaderAlone(t *testing.T) {
	if AppointsLeaderAlone(admin) || !AppointsLeaderAlone(heard.SystemActor(org)) {
		t.Error("only the operator's command line appoints a leader alone")
	}
}
