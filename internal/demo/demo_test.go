package demo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/password"
	"github.com/heard-health/heard/internal/store"
	"github.com/heard-health/heard/internal/store/sqlite"
)

var (
	ctx   = context.Background()
	cheap = password.Params{Memory: 64, Time: 1, Threads: 1}
)

// open returns an empty SQLite store and the app on it.
func open(t *testing.T) (store.Store, *app.Service) {
	t.Helper()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, app.New(st, app.Options{PasswordParams: cheap})
}

func TestLoad(t *testing.T) {
	st, a := open(t)
	if loaded, err := Load(ctx, a, cheap, "en"); err != nil || !loaded {
		t.Fatalf("Load() = %v, %v", loaded, err)
	}
	err := st.Read(ctx, func(tx store.Tx) error {
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
		// Every care relation was asked for by the admin and confirmed by
		// the leader, but one that waits, so the leader has one to confirm.
		rels, err := tx.ListCareRelations(ctx, store.CareRelationFilter{})
		if err != nil {
			return err
		}
		admin, leader, waiting := account("admin@demo.test"), account("leader@demo.test"), 0
		for _, c := range rels {
			switch {
			case c.RequestedBy != admin.ID:
				t.Errorf("care relation %s asked for by %q, want the admin", c.ID, c.RequestedBy)
			case c.Pending():
				waiting++
			case c.ConfirmedBy != leader.ID:
				t.Errorf("care relation %s confirmed by %q, want the leader", c.ID, c.ConfirmedBy)
			}
		}
		if waiting != 1 {
			t.Errorf("%d care relations wait for the leader, want 1", waiting)
		}
		for email, role := range map[string]heard.Role{"leader@demo.test": heard.RoleLeader, "researcher@demo.test": heard.RoleResearcher, "admin@demo.test": heard.RoleAdmin} {
			if a := account(email); a.Role != role {
				t.Errorf("%s is a %s, want %s", email, a.Role, role)
			}
		}
		pro1 := account("pro1@demo.test")
		for n := 1; n <= 20; n++ {
			rels, err := tx.ListCareRelations(ctx, store.CareRelationFilter{PersonID: person(n).ID, ActiveAt: time.Now()})
			if err != nil || len(rels) < 1 || len(rels) > 2 {
				t.Errorf("person%d has %d care relations in force, want 1 or 2", n, len(rels))
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
		checkWork(t, tx, person(1), person(6))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkWork asserts that the demo gives every view of the day-to-day work
// something to show: a full plan with an only-me part, goals (one only-me),
// open suggestions, meetings with and without the person, decisions (one
// not following the preference), a restriction past its review date, and
// a person at low capacity.
func checkWork(t *testing.T, tx store.Tx, ada, frida heard.Person) {
	t.Helper()
	ctx := context.Background()
	today := heard.Day(time.Now(), time.Local)
	parts, err := tx.ListPlanParts(ctx, ada.ID)
	if err != nil {
		t.Fatal(err)
	}
	written, private := map[heard.PlanPartKey]bool{}, 0
	for _, p := range parts {
		written[p.Key] = !p.Empty()
		if p.Private {
			private++
		}
	}
	for _, k := range heard.PlanParts {
		if !written[k] {
			t.Errorf("Ada's plan lacks the %s part", k)
		}
	}
	if private != 1 {
		t.Errorf("Ada has %d only-me parts, want 1", private)
	}
	goals, err := tx.ListGoals(ctx, ada.ID)
	privateGoals := 0
	for _, g := range goals {
		if g.Private {
			privateGoals++
		}
	}
	if err != nil || len(goals) < 2 || privateGoals != 1 {
		t.Errorf("Ada's goals = %d (%d only-me), %v; want some and one only-me", len(goals), privateGoals, err)
	}
	if open, err := tx.ListSuggestions(ctx, ada.ID, heard.SuggestionOpen); err != nil || len(open) < 2 {
		t.Errorf("Ada has %d open suggestions, %v; want a part and a goal suggested", len(open), err)
	}
	encounters, err := tx.ListEncounters(ctx, store.EncounterFilter{PersonID: ada.ID})
	var without, past, upcoming int
	for _, e := range encounters {
		if e.WithoutPerson() {
			without++
			if e.AbsenceReason == "" {
				t.Errorf("meeting without Ada on %s has no reason", e.Start)
			}
		}
		if e.Start.Before(time.Now()) {
			past++
		} else {
			upcoming++
		}
	}
	if err != nil || without < 1 || past < 1 || upcoming < 1 {
		t.Errorf("Ada's meetings: %d without her, %d past, %d upcoming, %v; want each", without, past, upcoming, err)
	}
	decisions, err := tx.ListDecisions(ctx, store.DecisionFilter{PersonID: ada.ID})
	notFollowed, due := 0, 0
	for _, d := range decisions {
		if d.Followed == heard.FollowedNo || d.Followed == heard.FollowedPartly {
			notFollowed++
		}
		if d.DueForReview(heard.Day(time.Now().AddDate(0, 0, 14), time.Local)) {
			due++
		}
	}
	if err != nil || len(decisions) < 2 || notFollowed < 1 || due < 1 {
		t.Errorf("Ada's decisions = %d (%d not following her preference, %d due within two weeks), %v", len(decisions), notFollowed, due, err)
	}
	restrictions, err := tx.ListRestrictions(ctx, store.RestrictionFilter{PersonID: ada.ID})
	pastReview := 0
	for _, r := range restrictions {
		if r.PastReview(today) {
			pastReview++
		}
	}
	if err != nil || pastReview < 1 {
		t.Errorf("Ada's restrictions = %d (%d past review), %v; want one past review", len(restrictions), pastReview, err)
	}
	if frida.Capacity != heard.CapacityLow {
		t.Errorf("person6's capacity = %q, want low", frida.Capacity)
	}
}

// The Norwegian demo is Norwegian throughout: the units, the plan in Ada's
// words, the meetings and decisions. No English demo text is left in it,
// and both languages have the same words to give, each one used.
func TestLoad_Norwegian(t *testing.T) {
	en, nb := content["en"], content["nb"]
	for k := range en {
		if _, ok := nb[k]; !ok {
			t.Errorf("demo text %q has no Norwegian", k)
		}
	}
	for k := range nb {
		if _, ok := en[k]; !ok {
			t.Errorf("demo text %q has no English", k)
		}
	}
	var src string
	for _, f := range []string{"demo.go", "work.go", "history.go", "messages.go", "network.go"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src += string(b)
	}
	for k := range en {
		if !strings.Contains(src, `t["`+k+`"]`) {
			t.Errorf("demo text %q is not used", k)
		}
	}

	st, a := open(t)
	if _, err := Load(ctx, a, cheap, "fr"); err == nil {
		t.Error("a demo in French loaded; want a refusal naming en and nb")
	}
	if loaded, err := Load(ctx, a, cheap, "nb"); err != nil || !loaded {
		t.Fatalf("Load(nb) = %v, %v", loaded, err)
	}
	var all strings.Builder
	err := st.Read(ctx, func(tx store.Tx) error {
		acc, err := tx.GetAccountByEmail(ctx, "person1@demo.test")
		if err != nil {
			return err
		}
		p, err := tx.GetPersonByAccount(ctx, acc.ID)
		if err != nil {
			return err
		}
		parts, err := tx.ListPlanParts(ctx, p.ID)
		if err != nil {
			return err
		}
		for _, part := range parts {
			for _, v := range part.Fields {
				all.WriteString(v + "\n")
			}
		}
		ds, err := tx.ListDecisions(ctx, store.DecisionFilter{PersonID: p.ID})
		if err != nil {
			return err
		}
		for _, d := range ds {
			all.WriteString(d.OnTable + "\n" + d.Preference + "\n" + d.Outcome + "\n")
		}
		units, err := tx.ListUnits(ctx, acc.OrganisationID)
		if err != nil {
			return err
		}
		for _, u := range units {
			all.WriteString(u.Name + "\n")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	text := all.String()
	for _, want := range []string{nb["ada.matters"], nb["ada.dose"], nb["unit.ward"]} {
		if !strings.Contains(text, want) {
			t.Errorf("the Norwegian demo lacks %q", want)
		}
	}
	for k, v := range en {
		if v != nb[k] && strings.Contains(text, v) {
			t.Errorf("the Norwegian demo has the English %q", v)
		}
	}
}

// The demo's persons have a past in their own voice: months of Ada's
// check-ins and feedback, a goal she reached, and a story pool from more
// than one person, de-identified, so every chart and the pool show real
// looking content.
func TestLoad_HistoryForChartsAndPool(t *testing.T) {
	st, a := open(t)
	if loaded, err := Load(ctx, a, cheap, "en"); err != nil || !loaded {
		t.Fatalf("Load() = %v, %v", loaded, err)
	}
	err := st.Read(ctx, func(tx store.Tx) error {
		acc, err := tx.GetAccountByEmail(ctx, "person1@demo.test")
		if err != nil {
			return err
		}
		ada, err := tx.GetPersonByAccount(ctx, acc.ID)
		if err != nil {
			return err
		}
		checkins, err := tx.ListCheckIns(ctx, ada.ID, time.Time{})
		if err != nil {
			return err
		}
		if len(checkins) < 12 || time.Since(checkins[0].Created) < 90*24*time.Hour || time.Since(checkins[len(checkins)-1].Created) > 7*24*time.Hour {
			t.Errorf("Ada has %d check-ins, the first %v ago; want three months and more, up to this week", len(checkins), time.Since(checkins[0].Created))
		}
		fb, err := tx.ListFeedbackBy(ctx, ada.ID, acc.ID)
		if err != nil {
			return err
		}
		if len(fb) < 5 {
			t.Errorf("Ada has feedback on %d meetings", len(fb))
		}
		goals, err := tx.ListGoals(ctx, ada.ID)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(goals, func(g heard.Goal) bool {
			return g.Status == heard.GoalAchieved && time.Since(g.Updated) > 30*24*time.Hour
		}) {
			t.Error("Ada has no goal reached weeks ago to mark on her charts")
		}
		stories, err := tx.ListStories(ctx, acc.OrganisationID, store.StoryFilter{})
		if err != nil {
			return err
		}
		kinds := map[heard.StoryKind]int{}
		for _, s := range stories {
			kinds[s.Kind]++
			for _, name := range append(append(slices.Clone(persons), members...), "Mari", "Jonas", "Even", "Sigrid", "Aisha", "Liv") {
				for _, part := range strings.Fields(name) {
					if strings.Contains(s.Text, part) {
						t.Errorf("story %q keeps %q", s.Text, part)
					}
				}
			}
			if strings.ContainsAny(s.Text, "0123456789") {
				t.Errorf("story %q keeps a number", s.Text)
			}
		}
		if len(stories) < 6 || kinds[heard.StoryHelped] < 3 || kinds[heard.StoryFeltWrong] < 3 {
			t.Errorf("the pool has %d stories (%v)", len(stories), kinds)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
