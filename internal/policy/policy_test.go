package policy

import (
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
)

var (
	now   = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	org   = heard.OrganisationID("org")
	other = heard.OrganisationID("other-org")

	person1 = heard.Person{ID: "p1", OrganisationID: org, AccountID: "acc-p1"}
	person2 = heard.Person{ID: "p2", OrganisationID: org, AccountID: "acc-p2"}

	self     = heard.Actor{AccountID: "acc-p1", OrganisationID: org, Role: heard.RolePerson, PersonID: "p1"}
	pro      = heard.Actor{AccountID: "pro", OrganisationID: org, Role: heard.RoleProfessional}
	member   = heard.Actor{AccountID: "net", OrganisationID: org, Role: heard.RoleNetwork}
	leader   = heard.Actor{AccountID: "lead", OrganisationID: org, Role: heard.RoleLeader}
	research = heard.Actor{AccountID: "res", OrganisationID: org, Role: heard.RoleResearcher}
	admin    = heard.Actor{AccountID: "adm", OrganisationID: org, Role: heard.RoleAdmin}
	admin2   = heard.Actor{AccountID: "adm2", OrganisationID: other, Role: heard.RoleAdmin}

	year       = now.AddDate(1, 0, 0)
	care       = heard.CareRelation{PersonID: "p1", ProfessionalID: "pro", Start: now.Add(-time.Hour), Confirmed: now.Add(-time.Hour)}
	ended      = heard.CareRelation{PersonID: "p1", ProfessionalID: "pro", Start: now.Add(-48 * time.Hour), End: now.Add(-time.Hour), Confirmed: now.Add(-48 * time.Hour)}
	future     = heard.CareRelation{PersonID: "p1", ProfessionalID: "pro", Start: now.Add(time.Hour), Confirmed: now.Add(-time.Hour)}
	waiting    = heard.CareRelation{PersonID: "p1", ProfessionalID: "pro", Start: now.Add(-time.Hour), RequestedBy: "adm"}
	linkBare   = &heard.NetworkLink{PersonID: "p1", MemberID: "net", Until: year}
	linkTeam   = &heard.NetworkLink{PersonID: "p1", MemberID: "net", Until: year, Scopes: []heard.Scope{heard.ScopeCareTeam}}
	linkLapsed = &heard.NetworkLink{PersonID: "p1", MemberID: "net", Scopes: []heard.Scope{heard.ScopeCareTeam}, Until: now}
	linkGone   = &heard.NetworkLink{PersonID: "p1", MemberID: "net", Until: year, Scopes: []heard.Scope{heard.ScopeCareTeam}, Revoked: now.Add(-time.Minute)}
	emergency  = &heard.EmergencyAccess{PersonID: "p1", ProfessionalID: "pro", Opened: now.Add(-time.Hour), Expires: now.Add(3 * time.Hour)}
	expired    = &heard.EmergencyAccess{PersonID: "p1", ProfessionalID: "pro", Opened: now.Add(-5 * time.Hour), Expires: now.Add(-time.Hour)}
)

func TestDecide(t *testing.T) {
	tests := []struct {
		name      string
		actor     heard.Actor
		action    heard.Action
		person    heard.Person
		rel       heard.Relations
		wantCode  heard.Code
		wantBasis heard.Basis
	}{
		{"person reads own record", self, heard.ActionReadPerson, person1, heard.Relations{}, "", heard.BasisSelf},
		{"person reads another person", self, heard.ActionReadPerson, person2, heard.Relations{}, heard.CodeNotFound, ""},
		{"person reads own access log", self, heard.ActionReadAccessLog, person1, heard.Relations{}, "", heard.BasisSelf},
		{"person changes own network", self, heard.ActionUpdateNetwork, person1, heard.Relations{}, "", heard.BasisSelf},
		{"person in another organisation", self, heard.ActionReadPerson, heard.Person{ID: "p1", OrganisationID: other, AccountID: "acc-p1"}, heard.Relations{}, heard.CodeNotFound, ""},
		{"professional with care relation", pro, heard.ActionReadPerson, person1, heard.Relations{Care: []heard.CareRelation{care}}, "", heard.BasisCare},
		{"professional reads care team", pro, heard.ActionReadCareTeam, person1, heard.Relations{Care: []heard.CareRelation{care}}, "", heard.BasisCare},
		{"professional reads access log", pro, heard.ActionReadAccessLog, person1, heard.Relations{Care: []heard.CareRelation{care}}, heard.CodeForbidden, ""},
		{"professional changes network", pro, heard.ActionUpdateNetwork, person1, heard.Relations{Care: []heard.CareRelation{care}}, heard.CodeForbidden, ""},
		{"professional without relation", pro, heard.ActionReadPerson, person1, heard.Relations{}, heard.CodeNotFound, ""},
		{"professional with ended relation", pro, heard.ActionReadPerson, person1, heard.Relations{Care: []heard.CareRelation{ended}}, heard.CodeNotFound, ""},
		{"professional with future relation", pro, heard.ActionReadPerson, person1, heard.Relations{Care: []heard.CareRelation{future}}, heard.CodeNotFound, ""},
		{"professional whose relation waits for a leader", pro, heard.ActionReadPerson, person1, heard.Relations{Care: []heard.CareRelation{waiting}}, heard.CodeNotFound, ""},
		{"relation of someone else passed by mistake", pro, heard.ActionReadPerson, person2, heard.Relations{Care: []heard.CareRelation{care}}, heard.CodeNotFound, ""},
		{"professional with emergency access", pro, heard.ActionReadPerson, person1, heard.Relations{Emergency: emergency}, "", heard.BasisEmergency},
		{"professional with expired emergency access", pro, heard.ActionReadPerson, person1, heard.Relations{Emergency: expired}, heard.CodeNotFound, ""},
		{"network member reads summary", member, heard.ActionReadPerson, person1, heard.Relations{Link: linkBare}, "", heard.BasisNetwork},
		{"network member outside scope", member, heard.ActionReadCareTeam, person1, heard.Relations{Link: linkBare}, heard.CodeForbidden, ""},
		{"network member whose access period ended", member, heard.ActionReadPerson, person1, heard.Relations{Link: linkLapsed}, heard.CodeNotFound, ""},
		{"care team proposes someone to invite", pro, heard.ActionProposeInvitation, person1, heard.Relations{Care: []heard.CareRelation{care}}, "", heard.BasisCare},
		{"she never proposes to herself", self, heard.ActionProposeInvitation, person1, heard.Relations{}, heard.CodeForbidden, ""},
		{"network member cannot propose", member, heard.ActionProposeInvitation, person1, heard.Relations{Link: linkTeam}, heard.CodeForbidden, ""},
		{"network member inside scope", member, heard.ActionReadCareTeam, person1, heard.Relations{Link: linkTeam}, "", heard.BasisNetwork},
		{"network member with revoked link", member, heard.ActionReadPerson, person1, heard.Relations{Link: linkGone}, heard.CodeNotFound, ""},
		{"network member reads access log", member, heard.ActionReadAccessLog, person1, heard.Relations{Link: linkTeam}, heard.CodeForbidden, ""},
		{"network member of someone else", member, heard.ActionReadPerson, person2, heard.Relations{}, heard.CodeNotFound, ""},
		{"leader reads a person", leader, heard.ActionReadPerson, person1, heard.Relations{}, heard.CodeNotFound, ""},
		{"researcher reads a person", research, heard.ActionReadPerson, person1, heard.Relations{}, heard.CodeNotFound, ""},
		{"admin never reads the access log", admin, heard.ActionReadAccessLog, person1, heard.Relations{}, heard.CodeForbidden, ""},
		{"admin never reads the network", admin, heard.ActionReadNetwork, person1, heard.Relations{}, heard.CodeForbidden, ""},
		{"admin changes a person's network", admin, heard.ActionUpdateNetwork, person1, heard.Relations{}, heard.CodeForbidden, ""},
		{"admin of another organisation", admin2, heard.ActionReadPerson, person1, heard.Relations{}, heard.CodeNotFound, ""},
		{"unknown action is denied", self, heard.Action("person.delete"), person1, heard.Relations{}, heard.CodeForbidden, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			grant, err := Decide(tt.actor, tt.action, tt.person, tt.rel, now)
			if got := heard.ErrorCode(err); got != tt.wantCode {
				t.Fatalf("Decide() code = %q, want %q (err %v)", got, tt.wantCode, err)
			}
			if grant.Basis != tt.wantBasis {
				t.Errorf("Decide() basis = %q, want %q", grant.Basis, tt.wantBasis)
			}
		})
	}
}

func TestDecide_EmergencyGrantCarriesAccess(t *testing.T) {
	grant, err := Decide(pro, heard.ActionReadPerson, person1, heard.Relations{Emergency: emergency}, now)
	if err != nil || grant.Emergency != emergency {
		t.Fatalf("Decide() = %+v, %v; want the emergency access in the grant", grant, err)
	}
}

func TestDecideEmergency(t *testing.T) {
	tests := []struct {
		name     string
		actor    heard.Actor
		person   heard.Person
		rel      heard.Relations
		wantCode heard.Code
	}{
		{"professional without relation", pro, person1, heard.Relations{}, ""},
		{"professional with care relation needs none", pro, person1, heard.Relations{Care: []heard.CareRelation{care}}, heard.CodeConflict},
		{"professional of another organisation", heard.Actor{AccountID: "x", OrganisationID: other, Role: heard.RoleProfessional}, person1, heard.Relations{}, heard.CodeNotFound},
		{"leader", leader, person1, heard.Relations{}, heard.CodeNotFound},
		{"network member who knows the person", member, person1, heard.Relations{Link: linkBare}, heard.CodeForbidden},
		{"the person themself", self, person1, heard.Relations{}, heard.CodeForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecideEmergency(tt.actor, tt.person, tt.rel, now)
			if got := heard.ErrorCode(err); got != tt.wantCode {
				t.Fatalf("DecideEmergency() code = %q, want %q", got, tt.wantCode)
			}
		})
	}
}

func TestDecideReview(t *testing.T) {
	if _, err := DecideReview(leader, []heard.UnitID{"u1"}, []heard.UnitID{"u2", "u1"}); err != nil {
		t.Errorf("leader of the professional's unit: %v, want nil", err)
	}
	if _, err := DecideReview(leader, []heard.UnitID{"u1"}, []heard.UnitID{"u2"}); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("leader of another unit: %v, want not found", err)
	}
	if _, err := DecideReview(pro, []heard.UnitID{"u1"}, []heard.UnitID{"u1"}); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("professional: %v, want forbidden", err)
	}
}

func TestScope(t *testing.T) {
	tests := []struct {
		name     string
		actor    heard.Actor
		action   heard.Action
		wantKind heard.ListScopeKind
		wantErr  bool
	}{
		{"professional caseload", pro, heard.ActionListCaseload, heard.ListCareRelations, false},
		{"professional emergency search", pro, heard.ActionFindPersons, heard.ListOrganisation, false},
		{"admin person list", admin, heard.ActionListPersons, heard.ListOrganisation, false},
		{"network member's linked persons", member, heard.ActionListLinked, heard.ListNetworkLinks, false},
		{"professional's linked persons", pro, heard.ActionListLinked, heard.ListNone, true},
		{"leader caseload", leader, heard.ActionListCaseload, heard.ListNone, true},
		{"researcher person list", research, heard.ActionListPersons, heard.ListNone, true},
		{"person emergency search", self, heard.ActionFindPersons, heard.ListNone, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Scope(tt.actor, tt.action, now)
			if (err != nil) != tt.wantErr || s.Kind != tt.wantKind {
				t.Fatalf("Scope() = %v, %v; want kind %v, error %v", s.Kind, err, tt.wantKind, tt.wantErr)
			}
			if s.AccountID != tt.actor.AccountID || s.OrganisationID != tt.actor.OrganisationID {
				t.Errorf("Scope() = %+v, want the actor's account and organisation", s)
			}
		})
	}
}

func TestDecideRole(t *testing.T) {
	if err := DecideRole(admin, heard.ActionManageOrganisation); err != nil {
		t.Errorf("admin manages organisation: %v", err)
	}
	for _, a := range []heard.Actor{self, pro, member, leader, research} {
		if err := DecideRole(a, heard.ActionManageOrganisation); heard.ErrorCode(err) != heard.CodeForbidden {
			t.Errorf("%s manages organisation: %v, want forbidden", a.Role, err)
		}
	}
	if err := DecideRole(leader, heard.ActionLeadUnits); err != nil {
		t.Errorf("leader leads units: %v", err)
	}
}
