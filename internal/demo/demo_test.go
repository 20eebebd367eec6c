package demo

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/auth"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
	"github.com/heard-health/heard/internal/store/sqlite"
)

func TestLoad(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cheap := auth.Params{Memory: 64, Time: 1, Threads: 1}
	if loaded, err := Load(ctx, app.New(st, app.Options{PasswordParams: cheap}), cheap); err != nil || !loaded {
		t.Fatalf("Load() = %v, %v", loaded, err)
	}
	err = st.Read(ctx, func(tx store.Tx) error {
		account := func(email string) heard.Account {
			a, err := tx.GetAccountByEmail(ctx, email)
			if err != nil {
				t.Fatalf("%s: %v", email, err)
			}
			return a
		}
		person := func(n int) heard.Person {
			p, err := tx.GetPersonByAccount(ctx, account(fmt.Sprintf("person%d@demo.test", n)).ID)
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		peers := 0
		for i := 1; i <= 6; i++ {
			a := account(fmt.Sprintf("pro%d@demo.test", i))
			if a.Role != heard.RoleProfessional {
				t.Errorf("pro%d is a %s", i, a.Role)
			}
			if a.PeerWorker {
				peers++
			}
		}
		if peers != 1 {
			t.Errorf("%d peer workers, want 1", peers)
		}
		for email, role := range map[string]heard.Role{"leader@demo.test": heard.RoleLeader, "researcher@demo.test": heard.RoleResearcher, "admin@demo.test": heard.RoleAdmin} {
			if a := account(email); a.Role != role {
				t.Errorf("%s is a %s, want %s", email, a.Role, role)
			}
		}
		pro1 := account("pro1@demo.test")
		for n := 1; n <= 20; n++ {
			rels, err := tx.ListCareRelations(ctx, store.CareRelationFilter{PersonID: person(n).ID})
			if err != nil || len(rels) < 1 || len(rels) > 2 {
				t.Errorf("person%d has %d care relations, want 1 or 2", n, len(rels))
			}
			withPro1 := false
			for _, r := range rels {
				withPro1 = withPro1 || r.ProfessionalID == pro1.ID
			}
			if n == 1 && !withPro1 {
				t.Error("pro1 has no care relation with person1")
			}
			if n == 2 && withPro1 {
				t.Error("pro1 has a care relation with person2")
			}
		}
		links, err := tx.ListNetworkLinks(ctx, store.NetworkLinkFilter{MemberID: account("net1@demo.test").ID, ActiveOnly: true})
		if err != nil || len(links) != 1 || links[0].PersonID != person(1).ID || links[0].Grants(heard.ScopeCareTeam) {
			t.Errorf("net1's links = %+v, %v; want one to person1 without the care_team scope", links, err)
		}
		leads, err := tx.ListUnitMemberships(ctx, store.MembershipFilter{AccountID: account("leader@demo.test").ID, Role: heard.UnitLeader})
		if err != nil || len(leads) != 2 {
			t.Errorf("leader leads %d units, want 2", len(leads))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
