package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

var ctx = context.Background()

func wantCode(t *testing.T, what string, err error, want heard.Code) {
	t.Helper()
	if got := heard.ErrorCode(err); got != want {
		t.Fatalf("%s: error = %v (code %q), want code %q", what, err, got, want)
	}
}

func testTransactions(t *testing.T, s store.Store) {
	f := seed(t, s)
	boom := errors.New("boom")
	err := s.Write(ctx, func(tx store.Tx) error {
		if err := tx.SetMeta(ctx, "k", "v"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Write() error = %v, want the function's error", err)
	}
	read(t, s, func(tx store.Tx) error {
		_, err := tx.GetMeta(ctx, "k")
		wantCode(t, "value written by a rolled-back transaction", err, heard.CodeNotFound)
		return nil
	})
	err = s.Read(ctx, func(tx store.Tx) error { return tx.SetMeta(ctx, "k", "v") })
	if err == nil {
		t.Fatal("a write inside Read succeeded, want an error")
	}
	read(t, s, func(tx store.Tx) error {
		_, err := tx.GetOrganisation(ctx, f.org.ID)
		return err
	})
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("Ping() = %v", err)
	}
}

func testOrganisations(t *testing.T, s store.Store) {
	f := seed(t, s)
	read(t, s, func(tx store.Tx) error {
		got, err := tx.GetOrganisation(ctx, f.org.ID)
		if err != nil || got != f.org {
			t.Errorf("GetOrganisation() = %+v, %v; want %+v", got, err, f.org)
		}
		orgs, err := tx.ListOrganisations(ctx)
		if err != nil || len(orgs) != 2 {
			t.Errorf("ListOrganisations() = %d, %v; want 2", len(orgs), err)
		}
		units, err := tx.ListUnits(ctx, f.org.ID)
		if err != nil || len(units) != 2 || units[0].ID != f.unit2.ID || units[1].ID != f.unit.ID {
			t.Errorf("ListUnits() = %+v, %v; want both units ordered by name", units, err)
		}
		_, err = tx.GetUnit(ctx, "missing")
		wantCode(t, "GetUnit(missing)", err, heard.CodeNotFound)
		return nil
	})
	write(t, s, func(tx store.Tx) error {
		o := f.org
		o.RequireStaffTOTP = true
		if err := tx.UpdateOrganisation(ctx, o); err != nil {
			return err
		}
		got, _ := tx.GetOrganisation(ctx, o.ID)
		if !got.RequireStaffTOTP {
			t.Error("UpdateOrganisation() did not save the setting")
		}
		wantCode(t, "UpdateOrganisation(missing)", tx.UpdateOrganisation(ctx, heard.Organisation{ID: "missing"}), heard.CodeNotFound)
		for _, m := range []heard.UnitMembership{
			{UnitID: f.unit.ID, AccountID: f.pro.ID, Role: heard.UnitMember},
			{UnitID: f.unit2.ID, AccountID: f.pro.ID, Role: heard.UnitMember},
			{UnitID: f.unit.ID, AccountID: f.leader.ID, Role: heard.UnitLeader},
		} {
			if err := tx.AddUnitMembership(ctx, m); err != nil {
				return err
			}
		}
		return nil
	})
	err := s.Write(ctx, func(tx store.Tx) error {
		return tx.AddUnitMembership(ctx, heard.UnitMembership{UnitID: f.unit.ID, AccountID: f.pro.ID, Role: heard.UnitMember})
	})
	wantCode(t, "duplicate membership", err, heard.CodeConflict)
	err = s.Write(ctx, func(tx store.Tx) error {
		return tx.AddUnitMembership(ctx, heard.UnitMembership{UnitID: "missing", AccountID: f.pro.ID, Role: heard.UnitMember})
	})
	wantCode(t, "membership of a missing unit", err, heard.CodeNotFound)
	read(t, s, func(tx store.Tx) error {
		ms, err := tx.ListUnitMemberships(ctx, store.MembershipFilter{AccountID: f.pro.ID})
		if err != nil || len(ms) != 2 {
			t.Errorf("memberships of pro = %+v, %v; want 2", ms, err)
		}
		ms, err = tx.ListUnitMemberships(ctx, store.MembershipFilter{UnitID: f.unit.ID, Role: heard.UnitLeader})
		if err != nil || len(ms) != 1 || ms[0].AccountID != f.leader.ID {
			t.Errorf("leaders of unit = %+v, %v; want the leader", ms, err)
		}
		return nil
	})
	// A leadership that waits is listed apart, and confirming it once puts
	// it in force.
	write(t, s, func(tx store.Tx) error {
		return tx.AddUnitMembership(ctx, heard.UnitMembership{UnitID: f.unit2.ID, AccountID: f.leader.ID, Role: heard.UnitLeader, Pending: true})
	})
	count := func(filter store.MembershipFilter) int {
		var n int
		read(t, s, func(tx store.Tx) error {
			ms, err := tx.ListUnitMemberships(ctx, filter)
			n = len(ms)
			return err
		})
		return n
	}
	inForce := store.MembershipFilter{AccountID: f.leader.ID, Role: heard.UnitLeader, InForce: true}
	waiting := store.MembershipFilter{AccountID: f.leader.ID, Role: heard.UnitLeader, Waiting: true}
	if a, b := count(inForce), count(waiting); a != 1 || b != 1 {
		t.Errorf("leaderships in force %d, waiting %d; want 1 and 1", a, b)
	}
	write(t, s, func(tx store.Tx) error { return tx.ConfirmUnitLeader(ctx, f.unit2.ID, f.leader.ID, f.leader.ID) })
	err = s.Write(ctx, func(tx store.Tx) error { return tx.ConfirmUnitLeader(ctx, f.unit2.ID, f.leader.ID, f.leader.ID) })
	wantCode(t, "confirming a leadership twice", err, heard.CodeConflict)
	if a, b := count(inForce), count(waiting); a != 2 || b != 0 {
		t.Errorf("after confirming: in force %d, waiting %d; want 2 and 0", a, b)
	}
}

func testAccounts(t *testing.T, s store.Store) {
	f := seed(t, s)
	read(t, s, func(tx store.Tx) error {
		got, err := tx.GetAccount(ctx, f.pro.ID)
		if err != nil || got != f.pro {
			t.Errorf("GetAccount() = %+v, %v; want %+v", got, err, f.pro)
		}
		got, err = tx.GetAccountByEmail(ctx, f.pro.Email)
		if err != nil || got.ID != f.pro.ID {
			t.Errorf("GetAccountByEmail() = %+v, %v", got, err)
		}
		_, err = tx.GetAccountByEmail(ctx, "nobody@example.test")
		wantCode(t, "GetAccountByEmail(unknown)", err, heard.CodeNotFound)
		pros, err := tx.ListAccounts(ctx, store.AccountFilter{OrganisationID: f.org.ID, Role: heard.RoleProfessional})
		if err != nil || len(pros) != 2 || pros[0].Name != "Other Pro" {
			t.Errorf("ListAccounts(professionals) = %+v, %v; want 2 ordered by name", pros, err)
		}
		page, err := tx.ListAccounts(ctx, store.AccountFilter{OrganisationID: f.org.ID, Limit: 2, Offset: 2})
		if err != nil || len(page) != 2 {
			t.Errorf("ListAccounts(page 2) = %d, %v; want 2", len(page), err)
		}
		n, err := tx.CountAccounts(ctx)
		if err != nil || n != 6 {
			t.Errorf("CountAccounts() = %d, %v; want 6", n, err)
		}
		c, err := tx.GetCredentials(ctx, f.pro.ID)
		if err != nil || c.PasswordHash != "hash-"+string(f.pro.ID) || c.TOTPEnabled {
			t.Errorf("GetCredentials() = %+v, %v", c, err)
		}
		return nil
	})
	dup := newAccount(f.org.ID, heard.RoleAdmin, "Dup")
	dup.Email = f.pro.Email
	err := s.Write(ctx, func(tx store.Tx) error { return tx.CreateAccount(ctx, dup, "h") })
	wantCode(t, "account with a taken email", err, heard.CodeConflict)
	write(t, s, func(tx store.Tx) error {
		if err := tx.SetAccountLocale(ctx, f.pro.ID, "nb"); err != nil {
			return err
		}
		if err := tx.SetPasswordHash(ctx, f.pro.ID, "new-hash"); err != nil {
			return err
		}
		if err := tx.SetTOTP(ctx, f.pro.ID, "SECRET", true); err != nil {
			return err
		}
		if err := tx.UseTOTPStep(ctx, f.pro.ID, 100); err != nil {
			return err
		}
		wantCode(t, "replayed TOTP step", tx.UseTOTPStep(ctx, f.pro.ID, 100), heard.CodeConflict)
		wantCode(t, "older TOTP step", tx.UseTOTPStep(ctx, f.pro.ID, 99), heard.CodeConflict)
		return tx.UseTOTPStep(ctx, f.pro.ID, 101)
	})
	read(t, s, func(tx store.Tx) error {
		a, _ := tx.GetAccount(ctx, f.pro.ID)
		c, _ := tx.GetCredentials(ctx, f.pro.ID)
		if a.Locale != "nb" || !a.TOTPEnabled || c.PasswordHash != "new-hash" || c.TOTPSecret != "SECRET" || c.TOTPLastStep != 101 {
			t.Errorf("after updates: account %+v, credentials %+v", a, c)
		}
		return nil
	})
}

func testPersons(t *testing.T, s store.Store) {
	f := seed(t, s)
	read(t, s, func(tx store.Tx) error {
		got, err := tx.GetPerson(ctx, f.person1.ID)
		if err != nil || got != f.person1 {
			t.Errorf("GetPerson() = %+v, %v; want %+v", got, err, f.person1)
		}
		got, err = tx.GetPersonByAccount(ctx, f.person2.AccountID)
		if err != nil || got.ID != f.person2.ID {
			t.Errorf("GetPersonByAccount() = %+v, %v", got, err)
		}
		got, err = tx.GetPerson(ctx, f.outsider.ID)
		if err != nil || got.AccountID != "" {
			t.Errorf("person without account = %+v, %v", got, err)
		}
		_, err = tx.GetPerson(ctx, "missing")
		wantCode(t, "GetPerson(missing)", err, heard.CodeNotFound)
		return nil
	})
	again := heard.Person{ID: heard.NewID[heard.PersonID](), OrganisationID: f.org.ID, AccountID: f.person1.AccountID, Name: "Again", CreatedAt: t0}
	err := s.Write(ctx, func(tx store.Tx) error { return tx.CreatePerson(ctx, again) })
	wantCode(t, "second person for one account", err, heard.CodeConflict)
}

func personIDs(ps []heard.Person) []heard.PersonID {
	var ids []heard.PersonID
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	return ids
}

func testPersonScopes(t *testing.T, s store.Store) {
	f := seed(t, s)
	ended := heard.Person{ID: heard.NewID[heard.PersonID](), OrganisationID: f.org.ID, Name: "Ended Relation", CreatedAt: t0}
	future := heard.Person{ID: heard.NewID[heard.PersonID](), OrganisationID: f.org.ID, Name: "Future Relation", CreatedAt: t0}
	odd := heard.Person{ID: heard.NewID[heard.PersonID](), OrganisationID: f.org.ID, Name: "Per_cent 100%", CreatedAt: t0}
	write(t, s, func(tx store.Tx) error {
		for _, p := range []heard.Person{ended, future, odd} {
			if err := tx.CreatePerson(ctx, p); err != nil {
				return err
			}
		}
		for _, l := range []heard.NetworkLink{
			{PersonID: f.person2.ID, MemberID: f.net.ID, Created: t0, Until: t0.AddDate(1, 0, 0)},
			{PersonID: odd.ID, MemberID: f.net.ID, Created: t0, Until: t0.AddDate(1, 0, 0), Revoked: t0},
		} {
			l.ID = heard.NewID[heard.NetworkLinkID]()
			if err := tx.CreateNetworkLink(ctx, l); err != nil {
				return err
			}
		}
		for _, c := range []heard.CareRelation{
			{PersonID: f.person1.ID, ProfessionalID: f.pro.ID, Start: t0.Add(-time.Hour)},
			{PersonID: f.person2.ID, ProfessionalID: f.pro2.ID, Start: t0.Add(-time.Hour)},
			{PersonID: ended.ID, ProfessionalID: f.pro.ID, Start: t0.Add(-48 * time.Hour), End: t0.Add(-time.Hour)},
			{PersonID: future.ID, ProfessionalID: f.pro.ID, Start: t0.Add(time.Hour)},
		} {
			c.ID, c.UnitID, c.Confirmed = heard.NewID[heard.CareRelationID](), f.unit.ID, c.Start
			if err := tx.CreateCareRelation(ctx, c); err != nil {
				return err
			}
		}
		return nil
	})
	scope := func(kind heard.ListScopeKind, acc heard.AccountID) heard.ListScope {
		return heard.ListScope{Kind: kind, AccountID: acc, OrganisationID: f.org.ID, At: t0}
	}
	tests := []struct {
		name   string
		filter store.PersonFilter
		want   []heard.PersonID
	}{
		{"care relations: only active ones of this professional", store.PersonFilter{Scope: scope(heard.ListCareRelations, f.pro.ID)}, []heard.PersonID{f.person1.ID}},
		{"care relations of another professional", store.PersonFilter{Scope: scope(heard.ListCareRelations, f.pro2.ID)}, []heard.PersonID{f.person2.ID}},
		{"care relations of an account with none", store.PersonFilter{Scope: scope(heard.ListCareRelations, f.leader.ID)}, nil},
		{"organisation, ordered by folded name, no outsiders", store.PersonFilter{Scope: scope(heard.ListOrganisation, "")},
			[]heard.PersonID{ended.ID, future.ID, odd.ID, f.person1.ID, f.person2.ID}},
		{"organisation, paged", store.PersonFilter{Scope: scope(heard.ListOrganisation, ""), Limit: 2, Offset: 1}, []heard.PersonID{future.ID, odd.ID}},
		{"network links: only active ones", store.PersonFilter{Scope: scope(heard.ListNetworkLinks, f.net.ID)}, []heard.PersonID{f.person2.ID}},
		{"network links of an account with none", store.PersonFilter{Scope: scope(heard.ListNetworkLinks, f.pro.ID)}, nil},
		{"zero scope lists nobody", store.PersonFilter{}, nil},
		{"none scope lists nobody", store.PersonFilter{Scope: scope(heard.ListNone, f.pro.ID)}, nil},
		{"name query folds case", store.PersonFilter{Scope: scope(heard.ListOrganisation, ""), NameQuery: "SENTINEL"}, []heard.PersonID{f.person1.ID}},
		{"name query folds non-ASCII", store.PersonFilter{Scope: scope(heard.ListOrganisation, ""), NameQuery: "øYSTEIN"}, []heard.PersonID{f.person2.ID}},
		{"name query treats % literally", store.PersonFilter{Scope: scope(heard.ListOrganisation, ""), NameQuery: "0%"}, []heard.PersonID{odd.ID}},
		{"name query treats _ literally", store.PersonFilter{Scope: scope(heard.ListOrganisation, ""), NameQuery: "r_c"}, []heard.PersonID{odd.ID}},
		{"name query within scope only", store.PersonFilter{Scope: scope(heard.ListCareRelations, f.pro.ID), NameQuery: "ystein"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			read(t, s, func(tx store.Tx) error {
				got, err := tx.ListPersons(ctx, tt.filter)
				if err != nil || !slices.Equal(personIDs(got), tt.want) {
					t.Errorf("ListPersons() = %v, %v; want %v", personIDs(got), err, tt.want)
				}
				return nil
			})
		})
	}
}

func testCareRelations(t *testing.T, s store.Store) {
	f := seed(t, s)
	c := heard.CareRelation{ID: heard.NewID[heard.CareRelationID](), PersonID: f.person1.ID, ProfessionalID: f.pro.ID, UnitID: f.unit.ID,
		PrimaryContact: true, Start: t0, RequestedBy: f.leader.ID, ConfirmedBy: f.leader.ID, Confirmed: t0}
	write(t, s, func(tx store.Tx) error { return tx.CreateCareRelation(ctx, c) })
	err := s.Write(ctx, func(tx store.Tx) error {
		bad := c
		bad.ID, bad.PersonID = heard.NewID[heard.CareRelationID](), "missing"
		return tx.CreateCareRelation(ctx, bad)
	})
	wantCode(t, "care relation to a missing person", err, heard.CodeNotFound)
	read(t, s, func(tx store.Tx) error {
		got, err := tx.GetCareRelation(ctx, c.ID)
		if err != nil || got != c {
			t.Errorf("GetCareRelation() = %+v, %v; want %+v", got, err, c)
		}
		active, err := tx.ListCareRelations(ctx, store.CareRelationFilter{ProfessionalID: f.pro.ID, PersonID: f.person1.ID, ActiveAt: t0.Add(time.Minute)})
		if err != nil || len(active) != 1 {
			t.Errorf("active relations = %d, %v; want 1", len(active), err)
		}
		before, err := tx.ListCareRelations(ctx, store.CareRelationFilter{PersonID: f.person1.ID, ActiveAt: t0.Add(-time.Minute)})
		if err != nil || len(before) != 0 {
			t.Errorf("relations active before the start = %d, %v; want 0", len(before), err)
		}
		inUnit, err := tx.ListCareRelations(ctx, store.CareRelationFilter{UnitID: f.unit.ID})
		otherUnit, err2 := tx.ListCareRelations(ctx, store.CareRelationFilter{UnitID: f.unit2.ID})
		if err != nil || err2 != nil || len(inUnit) != 1 || len(otherUnit) != 0 {
			t.Errorf("relations by unit = %d and %d, %v %v; want 1 and 0", len(inUnit), len(otherUnit), err, err2)
		}
		inOrg, err := tx.ListCareRelations(ctx, store.CareRelationFilter{OrganisationID: f.otherOrg.ID})
		if err != nil || len(inOrg) != 0 {
			t.Errorf("relations in the other organisation = %d, %v; want 0", len(inOrg), err)
		}
		return nil
	})
	write(t, s, func(tx store.Tx) error { return tx.EndCareRelation(ctx, c.ID, t0.Add(time.Hour)) })
	err = s.Write(ctx, func(tx store.Tx) error { return tx.EndCareRelation(ctx, c.ID, t0.Add(2*time.Hour)) })
	wantCode(t, "ending an ended relation", err, heard.CodeConflict)
	err = s.Write(ctx, func(tx store.Tx) error { return tx.EndCareRelation(ctx, "missing", t0) })
	wantCode(t, "ending a missing relation", err, heard.CodeNotFound)
	read(t, s, func(tx store.Tx) error {
		got, _ := tx.GetCareRelation(ctx, c.ID)
		if !got.End.Equal(t0.Add(time.Hour)) {
			t.Errorf("End = %v, want %v", got.End, t0.Add(time.Hour))
		}
		after, err := tx.ListCareRelations(ctx, store.CareRelationFilter{PersonID: f.person1.ID, ActiveAt: t0.Add(time.Hour)})
		if err != nil || len(after) != 0 {
			t.Errorf("relations active at the end moment = %d, %v; want 0 (end is exclusive)", len(after), err)
		}
		return nil
	})
	testCareConfirmation(t, s, f)
}

// testCareConfirmation: a relation gives access only once confirmed.
func testCareConfirmation(t *testing.T, s store.Store, f fixture) {
	asked := heard.CareRelation{ID: heard.NewID[heard.CareRelationID](), PersonID: f.person2.ID, ProfessionalID: f.pro.ID, UnitID: f.unit.ID,
		Start: t0, RequestedBy: f.pro2.ID}
	write(t, s, func(tx store.Tx) error {
		if err := tx.AddUnitMembership(ctx, heard.UnitMembership{UnitID: f.unit.ID, AccountID: f.leader.ID, Role: heard.UnitLeader}); err != nil {
			return err
		}
		return tx.CreateCareRelation(ctx, asked)
	})
	count := func(filter store.CareRelationFilter) int {
		var n int
		read(t, s, func(tx store.Tx) error {
			got, err := tx.ListCareRelations(ctx, filter)
			n = len(got)
			return err
		})
		return n
	}
	waiting := store.CareRelationFilter{PersonID: f.person2.ID, Pending: true}
	active := store.CareRelationFilter{PersonID: f.person2.ID, ActiveAt: t0.Add(time.Hour)}
	if n, m := count(waiting), count(active); n != 1 || m != 0 {
		t.Errorf("before confirmation: %d waiting, %d active; want 1 and 0", n, m)
	}
	if n, m := count(store.CareRelationFilter{Pending: true, LedBy: f.leader.ID}), count(store.CareRelationFilter{Pending: true, LedBy: f.pro.ID}); n != 1 || m != 0 {
		t.Errorf("waiting in units led by the leader = %d, by a non-leader = %d; want 1 and 0", n, m)
	}
	write(t, s, func(tx store.Tx) error {
		return tx.ConfirmCareRelation(ctx, asked.ID, f.leader.ID, t0.Add(time.Minute))
	})
	err := s.Write(ctx, func(tx store.Tx) error {
		return tx.ConfirmCareRelation(ctx, asked.ID, f.leader.ID, t0.Add(time.Minute))
	})
	wantCode(t, "confirming twice", err, heard.CodeConflict)
	if n, m := count(waiting), count(active); n != 0 || m != 1 {
		t.Errorf("after confirmation: %d waiting, %d active; want 0 and 1", n, m)
	}
	if n := count(store.CareRelationFilter{PersonID: f.person2.ID, ActiveAt: t0.Add(30 * time.Second)}); n != 0 {
		t.Errorf("active before it was confirmed: %d, want 0", n)
	}
	read(t, s, func(tx store.Tx) error {
		got, err := tx.GetCareRelation(ctx, asked.ID)
		if err != nil || got.RequestedBy != f.pro2.ID || got.ConfirmedBy != f.leader.ID || !got.Confirmed.Equal(t0.Add(time.Minute)) {
			t.Errorf("confirmed relation = %+v, %v", got, err)
		}
		return err
	})
}

func testNetworkLinks(t *testing.T, s store.Store) {
	f := seed(t, s)
	l := heard.NetworkLink{ID: heard.NewID[heard.NetworkLinkID](), PersonID: f.person1.ID, MemberID: f.net.ID, Relationship: "my sister",
		Scopes: []heard.Scope{heard.ScopeCrisisPlan, heard.ScopeCareTeam}, Created: t0, Until: t0.Add(time.Hour)}
	write(t, s, func(tx store.Tx) error { return tx.CreateNetworkLink(ctx, l) })
	read(t, s, func(tx store.Tx) error {
		for at, want := range map[time.Time]int{t0.Add(time.Minute): 1, t0.Add(time.Hour): 0} {
			got, err := tx.ListNetworkLinks(ctx, store.NetworkLinkFilter{MemberID: f.net.ID, CurrentAt: at})
			if err != nil || len(got) != want {
				t.Errorf("links current at %v = %+v, %v; want %d", at, got, err, want)
			}
		}
		return nil
	})
	write(t, s, func(tx store.Tx) error {
		wantCode(t, "renewing through another person", tx.RenewNetworkLink(ctx, f.person2.ID, l.ID, t0.AddDate(1, 0, 0)), heard.CodeNotFound)
		return tx.RenewNetworkLink(ctx, f.person1.ID, l.ID, t0.AddDate(1, 0, 0))
	})
	read(t, s, func(tx store.Tx) error {
		got, err := tx.ListNetworkLinks(ctx, store.NetworkLinkFilter{MemberID: f.net.ID, CurrentAt: t0.Add(2 * time.Hour)})
		if err != nil || len(got) != 1 || !got[0].Until.Equal(t0.AddDate(1, 0, 0)) {
			t.Errorf("renewed link = %+v, %v", got, err)
		}
		return nil
	})
	read(t, s, func(tx store.Tx) error {
		got, err := tx.GetNetworkLink(ctx, l.PersonID, l.ID)
		_, otherErr := tx.GetNetworkLink(ctx, f.person2.ID, l.ID)
		wantCode(t, "a network link under another person", otherErr, heard.CodeNotFound)
		want := []heard.Scope{heard.ScopeCareTeam, heard.ScopeCrisisPlan}
		if err != nil || !slices.Equal(got.Scopes, want) || got.Relationship != "my sister" || !got.Created.Equal(t0) {
			t.Errorf("GetNetworkLink() = %+v, %v; want scopes %v in canonical order", got, err, want)
		}
		return nil
	})
	write(t, s, func(tx store.Tx) error {
		if err := tx.SetNetworkLinkScopes(ctx, l.ID, nil); err != nil {
			return err
		}
		return tx.RevokeNetworkLink(ctx, l.ID, t0.Add(time.Hour))
	})
	err := s.Write(ctx, func(tx store.Tx) error { return tx.RevokeNetworkLink(ctx, l.ID, t0) })
	wantCode(t, "revoking a revoked link", err, heard.CodeConflict)
	read(t, s, func(tx store.Tx) error {
		all, err := tx.ListNetworkLinks(ctx, store.NetworkLinkFilter{PersonID: f.person1.ID})
		if err != nil || len(all) != 1 || len(all[0].Scopes) != 0 || all[0].Active() {
			t.Errorf("ListNetworkLinks() = %+v, %v; want one revoked link without scopes", all, err)
		}
		active, err := tx.ListNetworkLinks(ctx, store.NetworkLinkFilter{MemberID: f.net.ID, ActiveOnly: true})
		if err != nil || len(active) != 0 {
			t.Errorf("active links = %+v, %v; want none", active, err)
		}
		return nil
	})
}

func testEmergency(t *testing.T, s store.Store) {
	f := seed(t, s)
	e := heard.EmergencyAccess{ID: heard.NewID[heard.EmergencyAccessID](), PersonID: f.person2.ID, ProfessionalID: f.pro.ID,
		Reason: heard.ReasonAcute, Justification: "Called by the ward at night", Opened: t0, Expires: t0.Add(heard.EmergencyAccessDuration)}
	write(t, s, func(tx store.Tx) error {
		if err := tx.AddUnitMembership(ctx, heard.UnitMembership{UnitID: f.unit.ID, AccountID: f.pro.ID, Role: heard.UnitMember}); err != nil {
			return err
		}
		if err := tx.AddUnitMembership(ctx, heard.UnitMembership{UnitID: f.unit.ID, AccountID: f.leader.ID, Role: heard.UnitLeader}); err != nil {
			return err
		}
		return tx.CreateEmergencyAccess(ctx, e)
	})
	read(t, s, func(tx store.Tx) error {
		got, err := tx.GetEmergencyAccess(ctx, e.ID)
		if err != nil || got != e {
			t.Errorf("GetEmergencyAccess() = %+v, %v; want %+v", got, err, e)
		}
		for _, c := range []struct {
			name string
			f    store.EmergencyFilter
			want int
		}{
			{"active now", store.EmergencyFilter{ProfessionalID: f.pro.ID, PersonID: f.person2.ID, ActiveAt: t0.Add(time.Hour)}, 1},
			{"expired later", store.EmergencyFilter{ProfessionalID: f.pro.ID, ActiveAt: t0.Add(5 * time.Hour)}, 0},
			{"led by the unit leader", store.EmergencyFilter{LedBy: f.leader.ID}, 1},
			{"not led by a professional", store.EmergencyFilter{LedBy: f.pro2.ID}, 0},
			{"opened since after", store.EmergencyFilter{OpenedSince: t0.Add(time.Minute)}, 0},
			{"by person", store.EmergencyFilter{PersonID: f.person1.ID}, 0},
		} {
			got, err := tx.ListEmergencyAccesses(ctx, c.f)
			if err != nil || len(got) != c.want {
				t.Errorf("%s: ListEmergencyAccesses() = %d, %v; want %d", c.name, len(got), err, c.want)
			}
		}
		return nil
	})
	write(t, s, func(tx store.Tx) error {
		return tx.ReviewEmergencyAccess(ctx, e.ID, f.leader.ID, t0.Add(time.Hour), "Justified")
	})
	err := s.Write(ctx, func(tx store.Tx) error { return tx.ReviewEmergencyAccess(ctx, e.ID, f.leader.ID, t0, "Again") })
	wantCode(t, "second review", err, heard.CodeConflict)
	read(t, s, func(tx store.Tx) error {
		got, _ := tx.GetEmergencyAccess(ctx, e.ID)
		if got.ReviewedBy != f.leader.ID || got.ReviewNote != "Justified" || !got.Reviewed.Equal(t0.Add(time.Hour)) {
			t.Errorf("after review: %+v", got)
		}
		return nil
	})
}

// testCareTeam checks the one-query care team against the getters it
// replaces: only relations in force, each with its names.
func testCareTeam(t *testing.T, s store.Store) {
	f := seed(t, s)
	c := heard.CareRelation{ID: heard.NewID[heard.CareRelationID](), PersonID: f.person1.ID, ProfessionalID: f.pro.ID, UnitID: f.unit.ID,
		PrimaryContact: true, Start: t0, RequestedBy: f.leader.ID, ConfirmedBy: f.leader.ID, Confirmed: t0}
	write(t, s, func(tx store.Tx) error { return tx.CreateCareRelation(ctx, c) })
	pending := heard.CareRelation{ID: heard.NewID[heard.CareRelationID](), PersonID: f.person1.ID, ProfessionalID: f.pro2.ID, UnitID: f.unit2.ID,
		Start: t0, RequestedBy: f.leader.ID}
	write(t, s, func(tx store.Tx) error { return tx.CreateCareRelation(ctx, pending) })
	read(t, s, func(tx store.Tx) error {
		rows, err := tx.ListCareTeam(ctx, f.person1.ID, t0.Add(time.Hour))
		if err != nil {
			return err
		}
		want := store.CareTeamRow{Relation: c, ProfessionalName: f.pro.Name, PeerWorker: f.pro.PeerWorker, UnitName: f.unit.Name,
			RequestedByName: f.leader.Name, ConfirmedByName: f.leader.Name}
		if len(rows) != 1 || fmt.Sprint(rows[0]) != fmt.Sprint(want) {
			t.Errorf("ListCareTeam() = %+v\nwant only %+v (the pending relation is not in force)", rows, want)
		}
		if rows, err := tx.ListCareTeam(ctx, f.person1.ID, t0.Add(-time.Hour)); err != nil || len(rows) != 0 {
			t.Errorf("ListCareTeam() before the relation started = %+v, %v", rows, err)
		}
		return nil
	})
}
