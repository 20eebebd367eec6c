// Package storetest is the storage contract: one suite of tests that every
// engine must pass (the fstest.TestFS pattern). store/sqlite and
// store/postgres each call Run with a function that opens a fresh store.
package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

// Run runs the contract suite; open must return a new, empty, migrated store
// for each call and close it when the test ends.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"transactions", testTransactions},
		{"organisations and units", testOrganisations},
		{"accounts", testAccounts},
		{"persons", testPersons},
		{"person list scopes", testPersonScopes},
		{"care relations", testCareRelations},
		{"care team in one query", testCareTeam},
		{"network links", testNetworkLinks},
		{"emergency access", testEmergency},
		{"sessions", testSessions},
		{"how to reach a unit", testUnitContact},
		{"what is new since a visit", testNews},
		{"login failures", testLoginFailures},
		{"login devices", testLoginDevices},
		{"access log", testAccessLog},
		{"access log is append-only", testAccessLogAppendOnly},
		{"concurrent access-log appends", testConcurrentAppends},
		{"batched writes fail alone", testBatchedWrites},
		{"reads log before they return", testReadLogs},
		{"a log that cannot commit fails the read and the write", testLogFailure},
		{"more readers than connections", testManyReaders},
		{"a panicking write", testWritePanic},
		{"a caller that leaves", testCallerLeaves},
		{"a write that ignores a failed statement", testIgnoredFailure},
		{"times and time zones", testTimes},
		{"meta", testMeta},
		{"capacity", testCapacity},
		{"plan parts and their versions", testPlanParts},
		{"goals, versions and notes", testGoals},
		{"suggestions", testSuggestions},
		{"two editors save the same version at once", testConcurrentEditors},
		{"encounters, agenda and preparation", testEncounters},
		{"decisions", testDecisions},
		{"feedback on a meeting", testFeedback},
		{"check-ins and their schedule", testCheckIns},
		{"instruments and answers to them", testInstruments},
		{"invitations into a network", testInvitations},
		{"messages with exact read and reply times", testMessages},
		{"the e-mail outbox", testOutbox},
		{"restrictions", testRestrictions},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.fn(t, open(t))
		})
	}
}

var t0 = time.Date(2026, 11, 23, 9, 30, 15, 123456000, time.UTC)

// fixture is a small organisation: two units, a professional, a leader, two
// persons with accounts, and a person of another organisation.
type fixture struct {
	org, otherOrg          heard.Organisation
	unit, unit2            heard.Unit
	pro, pro2, leader, net heard.Account
	person1, person2       heard.Person
	outsider               heard.Person
}

func write(t *testing.T, s store.Store, fn func(tx store.Tx) error) {
	t.Helper()
	if err := s.Write(context.Background(), fn); err != nil {
		t.Fatalf("write: %v", err)
	}
}

func read(t *testing.T, s store.Store, fn func(tx store.Tx) error) {
	t.Helper()
	if err := s.Read(context.Background(), fn); err != nil {
		t.Fatalf("read: %v", err)
	}
}

func newAccount(org heard.OrganisationID, role heard.Role, name string) heard.Account {
	id := heard.NewID[heard.AccountID]()
	return heard.Account{ID: id, OrganisationID: org, Email: string(id) + "@example.test", Name: name, Role: role, CreatedAt: t0}
}

func seed(t *testing.T, s store.Store) fixture {
	t.Helper()
	var f fixture
	f.org = heard.Organisation{ID: heard.NewID[heard.OrganisationID](), Name: "Testvik health", CreatedAt: t0}
	f.otherOrg = heard.Organisation{ID: heard.NewID[heard.OrganisationID](), Name: "Other health", CreatedAt: t0}
	f.unit = heard.Unit{ID: heard.NewID[heard.UnitID](), OrganisationID: f.org.ID, Name: "Ward A", Kind: heard.UnitWard, CreatedAt: t0}
	f.unit2 = heard.Unit{ID: heard.NewID[heard.UnitID](), OrganisationID: f.org.ID, Name: "Team B", Kind: heard.UnitCommunityTeam, CreatedAt: t0}
	f.pro = newAccount(f.org.ID, heard.RoleProfessional, "Pro Fessional")
	f.pro2 = newAccount(f.org.ID, heard.RoleProfessional, "Other Pro")
	f.leader = newAccount(f.org.ID, heard.RoleLeader, "Lea Der")
	f.net = newAccount(f.org.ID, heard.RoleNetwork, "Net Member")
	acc1 := newAccount(f.org.ID, heard.RolePerson, "Testa Sentinelsen")
	acc2 := newAccount(f.org.ID, heard.RolePerson, "Øystein Ærlig")
	f.person1 = heard.Person{ID: heard.NewID[heard.PersonID](), OrganisationID: f.org.ID, AccountID: acc1.ID, Name: acc1.Name, BirthDate: "1990-04-01",
		Capacity: heard.CapacityMedium, CreatedAt: t0}
	f.person2 = heard.Person{ID: heard.NewID[heard.PersonID](), OrganisationID: f.org.ID, AccountID: acc2.ID, Name: acc2.Name, Capacity: heard.CapacityLow, CapacitySet: t0, CreatedAt: t0}
	f.outsider = heard.Person{ID: heard.NewID[heard.PersonID](), OrganisationID: f.otherOrg.ID, Name: "Ola Outsider", Capacity: heard.CapacityMedium, CreatedAt: t0}
	write(t, s, func(tx store.Tx) error {
		ctx := context.Background()
		for _, o := range []heard.Organisation{f.org, f.otherOrg} {
			if err := tx.CreateOrganisation(ctx, o); err != nil {
				return err
			}
		}
		for _, u := range []heard.Unit{f.unit, f.unit2} {
			if err := tx.CreateUnit(ctx, u); err != nil {
				return err
			}
		}
		for _, a := range []heard.Account{f.pro, f.pro2, f.leader, f.net, acc1, acc2} {
			if err := tx.CreateAccount(ctx, a, "hash-"+string(a.ID)); err != nil {
				return err
			}
		}
		for _, p := range []heard.Person{f.person1, f.person2, f.outsider} {
			if err := tx.CreatePerson(ctx, p); err != nil {
				return err
			}
		}
		return nil
	})
	return f
}

// ExecRaw runs a raw statement in tx, as someone with direct database access
// would. It fails the same way on every engine when the implementation
// offers no raw access.
func ExecRaw(ctx context.Context, tx store.Tx, query string) error {
	raw, ok := tx.(interface {
		ExecRaw(context.Context, string) error
	})
	if !ok {
		return errors.New("storetest: this store offers no raw access")
	}
	return raw.ExecRaw(ctx, query)
}
