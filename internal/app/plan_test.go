package app

import (
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
)

func TestService_PlanSuggestionsAndHistory(t *testing.T) {
	w := newWorld(t)
	part, err := w.app.SavePlanPart(ctx, w.person1, w.p1, PartEdit{Key: heard.PartCrisis, Fields: map[string]string{"early_signs": "I stop sleeping", "diagnosis": "x"}})
	if p := heard.Problems(err); len(p) != 1 || p[0].Field != "diagnosis" {
		t.Fatalf("unknown field = %v; the plan has no diagnosis field", err)
	}
	part, err = w.app.SavePlanPart(ctx, w.person1, w.p1, PartEdit{Key: heard.PartCrisis, Fields: map[string]string{"early_signs": "I stop sleeping"}})
	if err != nil || part.Version != 1 {
		t.Fatalf("SavePlanPart() = %+v, %v", part, err)
	}
	if _, err := w.app.SavePlanPart(ctx, w.pro, w.p1, PartEdit{Key: heard.PartCrisis, Fields: map[string]string{"early_signs": "Mine"}, BaseVersion: 1}); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Fatalf("a professional writing the plan: %v, want forbidden", err)
	}
	sg, err := w.app.Suggest(ctx, w.pro, w.p1, SuggestionInput{Part: heard.PartCrisis, Fields: map[string]string{"who_to_contact": "The ward, day or night"}, Note: "As we agreed"})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := w.app.Plan(ctx, w.person1, w.p1)
	crisis, _ := plan.Part(heard.PartCrisis)
	if err != nil || crisis.Part.Fields["who_to_contact"] != "" || len(crisis.Suggestions) != 1 || crisis.Suggestions[0].Author.Name != w.pro.Name {
		t.Fatalf("after a suggestion the plan = %+v; want the suggestion beside it and the text unchanged", crisis)
	}
	if err := w.app.ResolveSuggestion(ctx, w.pro, w.p1, sg.ID, true); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Fatalf("the professional accepting their own suggestion: %v", err)
	}
	if err := w.app.ResolveSuggestion(ctx, w.person1, w.p1, sg.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := w.app.ResolveSuggestion(ctx, w.person1, w.p1, sg.ID, false); heard.ErrorCode(err) != heard.CodeConflict {
		t.Errorf("resolving twice: %v", err)
	}
	history, err := w.app.PartHistory(ctx, w.person1, w.p1, heard.PartCrisis)
	versions := history.Versions
	if err != nil || len(versions) != 2 {
		t.Fatalf("history = %+v, %v", versions, err)
	}
	if v := versions[0]; v.AuthorName != w.pro.Name || v.SavedByName != w.person1.Name || !v.Suggested || v.Fields["early_signs"] != "I stop sleeping" ||
		len(v.Changed) != 1 || v.Changed[0] != "who_to_contact" {
		t.Errorf("accepted version = %+v; want the suggester's words, saved by the person, the rest kept", v)
	}
	if v := versions[1]; !v.ByPerson || v.AuthorName != w.person1.Name {
		t.Errorf("first version = %+v", v)
	}
	// Edited into the person's own words: the person is the author.
	sg2, _ := w.app.Suggest(ctx, w.pro, w.p1, SuggestionInput{Part: heard.PartCrisis, Fields: map[string]string{"practical": "Ask a neighbour about the cat"}})
	if _, err := w.app.SavePlanPart(ctx, w.person1, w.p1, PartEdit{Key: heard.PartCrisis, BaseVersion: 2, FromSuggestion: sg2.ID,
		Fields: map[string]string{"early_signs": "I stop sleeping", "who_to_contact": "The ward, day or night", "practical": "Kari next door feeds Pus"}}); err != nil {
		t.Fatal(err)
	}
	history, _ = w.app.PartHistory(ctx, w.person1, w.p1, heard.PartCrisis)
	versions = history.Versions
	if v := versions[0]; v.AuthorName != w.person1.Name || !v.Suggested {
		t.Errorf("edited suggestion version = %+v", v)
	}
	if _, err := w.app.Suggestion(ctx, w.person1, w.p1, sg2.ID); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("an edited suggestion is still open: %v", err)
	}
}

func TestService_PlanPrivacyAndScopes(t *testing.T) {
	w := newWorld(t)
	must(w.app.SavePlanPart(ctx, w.person1, w.p1, PartEdit{Key: heard.PartMedicines, Private: true, Fields: map[string]string{"avoid": "Weight gain"}}))
	must(w.app.SavePlanPart(ctx, w.person1, w.p1, PartEdit{Key: heard.PartCrisis, Fields: map[string]string{"what_helps": "Quiet room"}}))
	must(w.app.SavePlanPart(ctx, w.person1, w.p1, PartEdit{Key: heard.PartAbout, Fields: map[string]string{"matters": "My dog"}}))
	must(w.app.CreateGoal(ctx, w.person1, w.p1, GoalEdit{Wording: "Walk the dog daily", Chime: heard.ChimeConnectedness}))
	must(w.app.CreateGoal(ctx, w.person1, w.p1, GoalEdit{Wording: "Secret goal", Private: true}))
	parts := func(v PlanView) []heard.PlanPartKey {
		var out []heard.PlanPartKey
		for _, p := range v.Parts {
			if !p.Part.Empty() {
				out = append(out, p.Part.Key)
			}
		}
		return out
	}
	pro := must(w.app.Plan(ctx, w.pro, w.p1))
	if got := parts(pro); len(got) != 2 || len(pro.Goals) != 1 || pro.CanEdit {
		t.Errorf("professional sees parts %v and %d goals; want about and crisis, one goal, and no editing", got, len(pro.Goals))
	}
	// Hidden looks exactly like absent (defect 9): an only-me part is shown
	// to the professional as one never written, takes a suggestion like one,
	// and has no history; the suggestion carries no version number.
	medicines, _ := pro.Part(heard.PartMedicines)
	unwritten, _ := pro.Part(heard.PartHelps)
	if !medicines.Part.Empty() || medicines.Part.Written() || medicines.Part.Private || medicines.Part.Version != 0 || medicines.CanSuggest != unwritten.CanSuggest {
		t.Errorf("only-me part as the professional sees it = %+v, want it exactly like the unwritten %+v", medicines, unwritten)
	}
	if sg, err := w.app.Suggest(ctx, w.pro, w.p1, SuggestionInput{Part: heard.PartMedicines, Fields: map[string]string{"want": "x"}}); err != nil || sg.BaseVersion != 0 {
		t.Errorf("suggesting on an only-me part = %+v, %v; want it taken as for a part never written", sg, err)
	}
	if h, err := w.app.PartHistory(ctx, w.pro, w.p1, heard.PartMedicines); err != nil || len(h.Versions) != 0 {
		t.Errorf("history of an only-me part = %v, %v; want none, as for a part never written", h, err)
	}
	if _, err := w.app.Plan(ctx, w.net, w.p1); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("network member without plan scopes: %v", err)
	}
	must(0, w.app.SetMemberScopes(ctx, w.person1, w.p1, w.link.ID, []heard.Scope{heard.ScopeCrisisPlan}))
	net := must(w.app.Plan(ctx, w.net, w.p1))
	if got := parts(net); len(got) != 1 || got[0] != heard.PartCrisis || len(net.Goals) != 0 {
		t.Errorf("crisis-plan scope shows %v and %d goals; want only the crisis plan", got, len(net.Goals))
	}
	if _, err := w.app.Plan(ctx, w.admin, w.p1); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("admin reading a plan: %v", err)
	}
	mine := must(w.app.Plan(ctx, w.person1, w.p1))
	if len(mine.Parts) != 4 || len(mine.Goals) != 2 || !mine.CanEdit {
		t.Errorf("the person sees %d parts and %d goals", len(mine.Parts), len(mine.Goals))
	}

	// A version kept to the person leaves no trace in what the care team
	// sees changed: the next shared version is compared with the last one
	// they could see.
	helps := func(base int, private bool, f map[string]string) {
		must(w.app.SavePlanPart(ctx, w.person1, w.p1, PartEdit{Key: heard.PartHelps, BaseVersion: base, Private: private, Fields: f}))
	}
	helps(0, false, map[string]string{"helps": "Walks"})
	helps(1, true, map[string]string{"helps": "Something I keep to myself"})
	helps(2, false, map[string]string{"helps": "Walks", "contact": "Text first"})
	seen := must(w.app.PartHistory(ctx, w.pro, w.p1, heard.PartHelps)).Versions
	if len(seen) != 2 || seen[0].Version != 2 || seen[1].Version != 1 || !slices.Equal(seen[0].Changed, []string{"contact"}) {
		t.Errorf("professional's history = %+v; want versions 2 and 1 with no gap, version 2 changing only contact", seen)
	}
	if v := must(w.app.Plan(ctx, w.pro, w.p1)); v.Parts[0].Part.Version != 0 {
		t.Errorf("professional gets version numbers: %+v", v.Parts[0].Part)
	}
	if all := must(w.app.PartHistory(ctx, w.person1, w.p1, heard.PartHelps)).Versions; len(all) != 3 || !slices.Equal(all[0].Changed, []string{"helps", "contact"}) {
		t.Errorf("the person's history = %+v; want all three versions", all)
	}
}

func TestService_GoalsAndNotes(t *testing.T) {
	w := newWorld(t)
	if _, err := w.app.CreateGoal(ctx, w.person1, w.p1, GoalEdit{Wording: " ", Chime: "luck"}); len(heard.Problems(err)) != 2 {
		t.Fatalf("bad goal: %v", err)
	}
	g := must(w.app.CreateGoal(ctx, w.person1, w.p1, GoalEdit{Wording: "Back to the choir", Chime: heard.ChimeConnectedness, Steps: "Call Ove"}))
	must(w.app.AddGoalNote(ctx, w.pro, w.p1, g.ID, "Ove says Thursday works"))
	w.clock.Advance(time.Hour)
	must(w.app.AddGoalNote(ctx, w.person1, w.p1, g.ID, "Went once!"))
	if _, err := w.app.AddGoalNote(ctx, w.net, w.p1, g.ID, "Proud of you"); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("network member adding a note: %v", err)
	}
	sg := must(w.app.Suggest(ctx, w.pro, w.p1, SuggestionInput{GoalID: g.ID, Fields: map[string]string{"status": "achieved"}}))
	newGoal := must(w.app.Suggest(ctx, w.pro, w.p1, SuggestionInput{Fields: map[string]string{"wording": "Try the swimming pool"}}))
	must(0, w.app.ResolveSuggestion(ctx, w.person1, w.p1, sg.ID, true))
	must(0, w.app.ResolveSuggestion(ctx, w.person1, w.p1, newGoal.ID, true))
	v := must(w.app.Goal(ctx, w.person1, w.p1, g.ID))
	if v.Goal.Status != heard.GoalAchieved || len(v.Notes) != 2 || !v.Notes[0].ByPerson || len(v.Versions) != 2 || v.Versions[0].AuthorName != w.pro.Name {
		t.Errorf("goal view = %+v", v)
	}
	plan := must(w.app.Plan(ctx, w.person1, w.p1))
	if len(plan.Goals) != 2 || !slices.ContainsFunc(plan.Goals, func(g GoalView) bool { return g.Goal.Wording == "Try the swimming pool" }) {
		t.Errorf("accepted new goal missing: %+v", plan.Goals)
	}
	if _, err := w.app.SaveGoal(ctx, w.person1, w.p1, g.ID, GoalEdit{Wording: "Choir", Status: heard.GoalActive, BaseVersion: 1}); !errors.Is(err, heard.ErrStale) {
		t.Errorf("saving from version 1 after the accepted suggestion made version 2: %v", err)
	}
}

// Two editors of the same part save from the same version at the same
// time: one is saved, the other is refused with the first one's words to
// merge, and the refused one can then save on top. Nothing is lost.
func TestService_ConcurrentEditorsLoseNothing(t *testing.T) {
	w := newWorld(t)
	must(w.app.SavePlanPart(ctx, w.person1, w.p1, PartEdit{Key: heard.PartAbout, Fields: map[string]string{"hopes": "A job"}}))
	texts := []string{"A job in a bakery", "A job and a dog"}
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range texts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = w.app.SavePlanPart(ctx, w.person1, w.p1, PartEdit{Key: heard.PartAbout, BaseVersion: 1, Fields: map[string]string{"hopes": texts[i]}})
		}()
	}
	wg.Wait()
	loser := -1
	for i, err := range errs {
		if err != nil {
			loser = i
		}
	}
	if loser < 0 || errs[1-loser] != nil {
		t.Fatalf("results %v; want exactly one refused", errs)
	}
	var stale *Stale[heard.PlanPart]
	if !errors.As(errs[loser], &stale) || stale.Current.Fields["hopes"] != texts[1-loser] || stale.Current.Version != 2 {
		t.Fatalf("refusal = %v; want the other editor's words at version 2", errs[loser])
	}
	if e := last(w.log(t, w.p1)); e.Action != heard.ActionReadPlan || e.ResourceID != "about" {
		t.Errorf("the stale save showed the current part but logged %+v", e)
	}
	merged := texts[1-loser] + "; " + texts[loser]
	if _, err := w.app.SavePlanPart(ctx, w.person1, w.p1, PartEdit{Key: heard.PartAbout, BaseVersion: stale.Current.Version, Fields: map[string]string{"hopes": merged}}); err != nil {
		t.Fatalf("merged save: %v", err)
	}
	versions := must(w.app.PartHistory(ctx, w.person1, w.p1, heard.PartAbout)).Versions
	if len(versions) != 3 || versions[0].Fields["hopes"] != merged || versions[1].Fields["hopes"] != texts[1-loser] {
		t.Errorf("history = %+v; want every saved text kept", versions)
	}
}

func TestService_Capacity(t *testing.T) {
	w := newWorld(t)
	if err := w.app.SetCapacity(ctx, w.pro, w.p1, heard.CapacityLow); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("professional setting capacity: %v", err)
	}
	if err := w.app.SetCapacity(ctx, w.person1, w.p1, "tiny"); heard.ErrorCode(err) != heard.CodeInvalid {
		t.Errorf("unknown capacity: %v", err)
	}
	must(0, w.app.SetCapacity(ctx, w.person1, w.p1, heard.CapacityLow))
	if v := must(w.app.Person(ctx, w.pro, w.p1)); v.Capacity != heard.CapacityLow || !v.SeesCapacity {
		t.Errorf("professional sees capacity %q", v.Capacity)
	}
	if v := must(w.app.Person(ctx, w.net, w.p1)); v.Capacity != "" || v.Person.Capacity != "" {
		t.Errorf("network member sees capacity %q", v.Capacity)
	}
	w.clock.Advance(time.Minute)
}
