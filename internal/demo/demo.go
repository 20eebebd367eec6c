// Package demo loads Heard's fictional demo organisation. Every name in it
// is invented. It is loaded through the app like any other data, so its
// creation is policy-checked and appears in each person's access log.
package demo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/password"
)

// Password is every demo account's password.
const Password = password.DemoPassword

// ErrNotEmpty means the database holds data that is not the demo set.
var ErrNotEmpty = errors.New("the database holds data that is not the demo data set; refusing to add demo data to it (use an empty database)")

// Load loads the demo data into an empty database, its words in lang ("en"
// or "nb"; the names are Norwegian in both). It does nothing if the demo
// set is there already, and refuses a database with other data.
func Load(ctx context.Context, a *app.Service, params password.Params, lang string) (loaded bool, err error) {
	t, ok := content[lang]
	if !ok {
		return false, fmt.Errorf("no demo data in %q: use en or nb", lang)
	}
	st, err := a.State(ctx)
	if err != nil {
		return false, err
	}
	switch {
	case st.Demo == "loaded":
		return false, nil
	case st.Demo == "loading":
		return false, errors.New("an earlier demo load did not finish; start again from an empty database")
	case st.Accounts > 0:
		return false, ErrNotEmpty
	}
	if err := a.MarkDemo(ctx, "loading"); err != nil {
		return false, err
	}
	hash, err := password.Hash(Password, params)
	if err != nil {
		return false, err
	}
	if err := build(ctx, a, hash, t); err != nil {
		return false, fmt.Errorf("demo data: %w", err)
	}
	return true, a.MarkDemo(ctx, "loaded")
}

var (
	professionals = []struct {
		name string
		peer bool
	}{
		{"Mari Fjelltun", false}, {"Jonas Elvebakk", false}, {"Sigrid Havtorn", false},
		{"Amir Haddad", false}, {"Tone Grindal", false}, {"Even Mosvold", true},
	}
	persons = []string{
		"Ada Lindqvam", "Brage Sørhaug", "Cecilie Strømnes", "Daniel Okonkwo", "Eli Brattvåg", "Frida Nygjerde", "Gaute Kvernmo",
		"Hanna Ruud-Aasen", "Idun Tveitan", "Jakob Fossdal", "Kamilla Rønnevik", "Leon Barstad", "Maja Skjerdal", "Noah Vinsrygg",
		"Oda Helleland", "Petter Aamot", "Runa Solheimsnes", "Sander Kolbeinsen", "Thea Myrvang", "Ulrik Breivoll",
	}
	members = []string{"Liv Lindqvam", "Ove Rasmussen", "Aisha Strømnes"}
)

func build(ctx context.Context, a *app.Service, hash string, t text) error {
	org, err := a.EnsureOrganisation(ctx, t["organisation"])
	if err != nil {
		return err
	}
	sys := heard.SystemActor(org.ID)
	sys.RequestID = "demo"
	ward, err := a.CreateUnit(ctx, sys, t["unit.ward"], heard.UnitWard)
	if err != nil {
		return err
	}
	team, err := a.CreateUnit(ctx, sys, t["unit.team"], heard.UnitCommunityTeam)
	if err != nil {
		return err
	}
	// Fictional numbers: no Norwegian number starts with 000.
	if err := a.SetUnitContact(ctx, sys, ward.ID, t["unit.ward.phone"], t["unit.ward.reach"]); err != nil {
		return err
	}
	if err := a.SetUnitContact(ctx, sys, team.ID, t["unit.team.phone"], t["unit.team.reach"]); err != nil {
		return err
	}
	create := func(email, name string, role heard.Role, unit heard.UnitID, peer bool) (app.CreatedAccount, error) {
		return a.CreateAccount(ctx, sys, app.NewAccount{Email: email, Name: name, Role: role, UnitID: unit, PeerWorker: peer, PasswordHash: hash})
	}
	var pros []heard.Account
	for i, p := range professionals {
		unit := ward.ID
		if i >= 3 {
			unit = team.ID
		}
		acc, err := create(fmt.Sprintf("pro%d@demo.test", i+1), p.name, heard.RoleProfessional, unit, p.peer)
		if err != nil {
			return err
		}
		pros = append(pros, acc.Account)
	}
	leader, err := create("leader@demo.test", "Randi Brekkestø", heard.RoleLeader, ward.ID, false)
	if err != nil {
		return err
	}
	if err := a.AddUnitMembership(ctx, sys, leader.Account.ID, team.ID, heard.UnitLeader); err != nil {
		return err
	}
	if _, err := create("researcher@demo.test", "Lea Strandvik", heard.RoleResearcher, "", false); err != nil {
		return err
	}
	admin, err := create("admin@demo.test", "Arne Admin", heard.RoleAdmin, "", false)
	if err != nil {
		return err
	}
	// Care relations are asked for by the admin and confirmed by the
	// leader, as in a real service: no one grants access alone. They began
	// twenty weeks ago, so that the messages of the past weeks had a team.
	since := a.At(time.Now().AddDate(0, 0, -140))
	asAdmin := actorOf(admin.Account, "")
	asLeader := actorOf(leader.Account, "")
	var pids []heard.PersonID
	var personAccounts []heard.Account
	for i, name := range persons {
		acc, err := create(fmt.Sprintf("person%d@demo.test", i+1), name, heard.RolePerson, "", false)
		if err != nil {
			return err
		}
		pid := acc.PersonID
		pids = append(pids, pid)
		personAccounts = append(personAccounts, acc.Account)
		// Person n's primary contact is professional ((n-1) mod 6)+1, so pro1
		// works with person1 and not person2; every third person also has a
		// second professional.
		links := []heard.Account{pros[i%6]}
		if (i+1)%3 == 0 {
			links = append(links, pros[(i+3)%6])
		}
		for j, pro := range links {
			unit := ward.ID
			if slices.IndexFunc(pros, func(p heard.Account) bool { return p.ID == pro.ID }) >= 3 {
				unit = team.ID
			}
			c, err := since.CreateCareRelation(ctx, asAdmin, app.NewCareRelation{PersonID: pid, ProfessionalID: pro.ID, UnitID: unit, PrimaryContact: j == 0})
			if err != nil {
				return err
			}
			if err := since.ConfirmCareRelation(ctx, asLeader, c.ID); err != nil {
				return err
			}
		}
	}
	// One request waits for the leader: pro2 asked for with person9.
	if _, err := a.CreateCareRelation(ctx, asAdmin, app.NewCareRelation{PersonID: pids[8], ProfessionalID: pros[1].ID, UnitID: ward.ID}); err != nil {
		return err
	}
	nets := []struct {
		person       int
		relationship string
		scopes       []heard.Scope
	}{
		{0, t["relation.mother"], []heard.Scope{heard.ScopeCrisisPlan, heard.ScopeMessages}},
		{0, t["relation.choir_friend"], []heard.Scope{heard.ScopeCareTeam, heard.ScopeMeetings}},
		{2, t["relation.sister"], []heard.Scope{heard.ScopeCareTeam, heard.ScopePlan}},
	}
	var netAccounts []heard.Account
	for i, n := range nets {
		acc, err := create(fmt.Sprintf("net%d@demo.test", i+1), members[i], heard.RoleNetwork, "", false)
		if err != nil {
			return err
		}
		netAccounts = append(netAccounts, acc.Account)
		if _, err := a.LinkMember(ctx, sys, pids[n.person], acc.Account.ID, n.relationship, n.scopes); err != nil {
			return err
		}
	}
	// One emergency access, for the leader's review list and person4's page:
	// pro3 works on the ward and has no care relation with person4.
	pro3 := actorOf(pros[2], "")
	if _, err = a.OpenEmergencyAccess(ctx, pro3, pids[3], heard.ReasonCoveringTeam,
		t["emergency.justification"]); err != nil {
		return err
	}
	ps := persons2accounts(pids, personAccounts)
	if err := work(ctx, a, sys, asAdmin, t, pros, ps, netAccounts); err != nil {
		return err
	}
	if err := networkMeeting(ctx, a, t, pros, ps[0], netAccounts[1], time.Now()); err != nil {
		return err
	}
	return messages(ctx, a, t, sys, ward, team, pros, ps, netAccounts, time.Now())
}

// actorOf is a demo account acting, as if logged in.
func actorOf(acc heard.Account, person heard.PersonID) heard.Actor {
	return heard.Actor{AccountID: acc.ID, OrganisationID: acc.OrganisationID, Role: acc.Role, PeerWorker: acc.PeerWorker, Name: acc.Name,
		PersonID: person, ClientAddr: "local", RequestID: "demo"}
}

// demoPerson is a demo person and their account, for acting as them.
type demoPerson struct {
	ID      heard.PersonID
	Account heard.Account
}

func persons2accounts(ids []heard.PersonID, accs []heard.Account) []demoPerson {
	out := make([]demoPerson, len(ids))
	for i := range ids {
		out[i] = demoPerson{ID: ids[i], Account: accs[i]}
	}
	return out
}
