package storetest

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

func testCapacity(t *testing.T, s store.Store) {
	f := seed(t, s)
	write(t, s, func(tx store.Tx) error {
		return tx.SetCapacity(ctx, f.person1.ID, heard.CapacityLow, t0.Add(time.Hour))
	})
	read(t, s, func(tx store.Tx) error {
		p, err := tx.GetPerson(ctx, f.person1.ID)
		if err != nil || p.Capacity != heard.CapacityLow || !p.CapacitySet.Equal(t0.Add(time.Hour)) {
			t.Errorf("after SetCapacity: %+v, %v", p, err)
		}
		return nil
	})
}

func partVersion(author, saver heard.AccountID, fields map[string]string) heard.Revision {
	return heard.Revision{Fields: fields, Author: author, SavedBy: saver, At: t0}
}

func testPlanParts(t *testing.T, s store.Store) {
	f := seed(t, s)
	me := f.person1.AccountID
	part := heard.PlanPart{PersonID: f.person1.ID, Key: heard.PartCrisis, Fields: map[string]string{"early_signs": "I stop sleeping"}, UpdatedBy: me, Updated: t0}
	read(t, s, func(tx store.Tx) error {
		p, err := tx.GetPlanPart(ctx, f.person1.ID, heard.PartCrisis)
		if err != nil || p.Version != 0 || p.Key != heard.PartCrisis || len(p.Fields) != 0 {
			t.Errorf("unwritten part = %+v, %v; want version 0", p, err)
		}
		return nil
	})
	write(t, s, func(tx store.Tx) error { return tx.SavePlanPart(ctx, part, 0, partVersion(me, me, part.Fields)) })
	err := s.Write(ctx, func(tx store.Tx) error { return tx.SavePlanPart(ctx, part, 0, partVersion(me, me, part.Fields)) })
	wantCode(t, "second first save", err, heard.CodeStale)
	part2 := part
	part2.Fields = map[string]string{"early_signs": "I stop sleeping and eating", "what_helps": "A walk with my sister"}
	part2.Private, part2.UpdatedBy = true, f.pro.ID
	write(t, s, func(tx store.Tx) error {
		return tx.SavePlanPart(ctx, part2, 1, heard.Revision{Fields: part2.Fields, Private: true, Author: f.pro.ID, SavedBy: me, SuggestionID: "sug-1", At: t0.Add(time.Minute)})
	})
	err = s.Write(ctx, func(tx store.Tx) error { return tx.SavePlanPart(ctx, part, 1, partVersion(me, me, part.Fields)) })
	wantCode(t, "save from version 1 after version 2 exists", err, heard.CodeStale)
	read(t, s, func(tx store.Tx) error {
		p, err := tx.GetPlanPart(ctx, f.person1.ID, heard.PartCrisis)
		if err != nil || p.Version != 2 || !p.Private || p.Fields["what_helps"] != "A walk with my sister" || p.UpdatedBy != f.pro.ID {
			t.Errorf("part = %+v, %v", p, err)
		}
		vs, err := tx.ListPlanVersions(ctx, f.person1.ID, heard.PartCrisis)
		if err != nil || len(vs) != 2 || vs[0].Version != 2 || vs[0].Author != f.pro.ID || vs[0].SavedBy != me || vs[0].SuggestionID != "sug-1" ||
			vs[1].Fields["early_signs"] != "I stop sleeping" || vs[1].Author != me {
			t.Errorf("versions = %+v, %v", vs, err)
		}
		parts, err := tx.ListPlanParts(ctx, f.person1.ID)
		if err != nil || len(parts) != 1 {
			t.Errorf("ListPlanParts() = %d, %v", len(parts), err)
		}
		return nil
	})
}

// Two editors who read the same version save at once: exactly one wins,
// the other is told (ErrStale), and the winner's words are what is kept.
func testConcurrentEditors(t *testing.T, s store.Store) {
	f := seed(t, s)
	g := heard.Goal{ID: heard.NewID[heard.GoalID](), PersonID: f.person1.ID, Wording: "Sleep better", Status: heard.GoalActive, UpdatedBy: f.person1.AccountID, Created: t0, Updated: t0}
	write(t, s, func(tx store.Tx) error {
		return tx.CreateGoal(ctx, g, heard.Revision{Fields: g.Fields(), Author: g.UpdatedBy, SavedBy: g.UpdatedBy, At: t0})
	})
	const editors = 6
	var wg sync.WaitGroup
	results := make([]error, editors)
	start := make(chan struct{})
	for i := range editors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			mine := g
			mine.Wording = "Sleep better, version of editor " + string(rune('A'+i))
			results[i] = s.Write(ctx, func(tx store.Tx) error {
				return tx.UpdateGoal(ctx, mine, 1, heard.Revision{Fields: mine.Fields(), Author: f.pro.ID, SavedBy: f.pro.ID, At: t0})
			})
		}()
	}
	close(start)
	wg.Wait()
	winner := -1
	for i, err := range results {
		switch {
		case err == nil && winner < 0:
			winner = i
		case err == nil:
			t.Errorf("editors %d and %d both saved over version 1", winner, i)
		case !errors.Is(err, store.ErrStale) && heard.ErrorCode(err) != heard.CodeStale:
			t.Errorf("editor %d: %v, want ErrStale", i, err)
		}
	}
	if winner < 0 {
		t.Fatal("no editor saved")
	}
	read(t, s, func(tx store.Tx) error {
		got, _ := tx.GetGoal(ctx, g.PersonID, g.ID)
		vs, _ := tx.ListGoalVersions(ctx, g.ID)
		if got.Version != 2 || got.Wording != "Sleep better, version of editor "+string(rune('A'+winner)) || len(vs) != 2 {
			t.Errorf("after the race: %+v with %d versions; want the winner's words at version 2", got, len(vs))
		}
		return nil
	})
}

func testGoals(t *testing.T, s store.Store) {
	f := seed(t, s)
	me := f.person1.AccountID
	g := heard.Goal{ID: heard.NewID[heard.GoalID](), PersonID: f.person1.ID, Wording: "Walk to the lake", Chime: heard.ChimeHope, Steps: "Shoes on",
		WhoHelps: "My dog", Status: heard.GoalActive, Private: true, UpdatedBy: me, Created: t0, Updated: t0}
	write(t, s, func(tx store.Tx) error {
		if err := tx.CreateGoal(ctx, g, heard.Revision{Fields: g.Fields(), Private: true, Author: me, SavedBy: me, At: t0}); err != nil {
			return err
		}
		g2 := g
		g2.Status, g2.Updated = heard.GoalAchieved, t0.Add(time.Hour)
		if err := tx.UpdateGoal(ctx, g2, 1, heard.Revision{Fields: g2.Fields(), Author: me, SavedBy: me, At: g2.Updated}); err != nil {
			return err
		}
		wantCode(t, "stale goal update", tx.UpdateGoal(ctx, g2, 1, heard.Revision{Fields: g2.Fields(), Author: me, SavedBy: me, At: t0}), heard.CodeStale)
		for i, text := range []string{"Went halfway", "Made it"} {
			if err := tx.AddGoalNote(ctx, heard.GoalNote{ID: heard.NewID[heard.GoalNoteID](), GoalID: g.ID, Text: text, Author: f.pro.ID, At: t0.Add(time.Duration(i) * time.Hour)}); err != nil {
				return err
			}
		}
		return nil
	})
	read(t, s, func(tx store.Tx) error {
		got, err := tx.GetGoal(ctx, g.PersonID, g.ID)
		_, otherErr := tx.GetGoal(ctx, f.person2.ID, g.ID)
		wantCode(t, "a goal under another person", otherErr, heard.CodeNotFound)
		if err != nil || got.Version != 2 || got.Status != heard.GoalAchieved || got.Chime != heard.ChimeHope || !got.Private {
			t.Errorf("goal = %+v, %v", got, err)
		}
		gs, _ := tx.ListGoals(ctx, f.person1.ID)
		vs, _ := tx.ListGoalVersions(ctx, g.ID)
		ns, _ := tx.ListGoalNotes(ctx, g.ID)
		if len(gs) != 1 || len(vs) != 2 || vs[1].Fields["status"] != "active" || len(ns) != 2 || ns[0].Text != "Made it" {
			t.Errorf("goals %d, versions %+v, notes %+v", len(gs), vs, ns)
		}
		return nil
	})
}

func testSuggestions(t *testing.T, s store.Store) {
	f := seed(t, s)
	sg := heard.Suggestion{ID: heard.NewID[heard.SuggestionID](), PersonID: f.person1.ID, Part: heard.PartCrisis, BaseVersion: 0,
		Fields: map[string]string{"who_to_contact": "Call the team first"}, Note: "From our talk", Author: f.pro.ID, Created: t0}
	newGoal := heard.Suggestion{ID: heard.NewID[heard.SuggestionID](), PersonID: f.person1.ID, Fields: map[string]string{"wording": "Join the choir"}, Author: f.pro.ID, Created: t0.Add(time.Minute)}
	write(t, s, func(tx store.Tx) error {
		if err := tx.CreateSuggestion(ctx, sg); err != nil {
			return err
		}
		return tx.CreateSuggestion(ctx, newGoal)
	})
	write(t, s, func(tx store.Tx) error {
		return tx.ResolveSuggestion(ctx, sg.ID, heard.SuggestionDeclined, f.person1.AccountID, t0.Add(time.Hour))
	})
	err := s.Write(ctx, func(tx store.Tx) error {
		return tx.ResolveSuggestion(ctx, sg.ID, heard.SuggestionAccepted, f.person1.AccountID, t0)
	})
	wantCode(t, "resolving twice", err, heard.CodeConflict)
	read(t, s, func(tx store.Tx) error {
		got, err := tx.GetSuggestion(ctx, sg.PersonID, sg.ID)
		_, otherErr := tx.GetSuggestion(ctx, f.person2.ID, sg.ID)
		wantCode(t, "a suggestion under another person", otherErr, heard.CodeNotFound)
		if err != nil || got.Status != heard.SuggestionDeclined || got.ResolvedBy != f.person1.AccountID || got.Fields["who_to_contact"] != "Call the team first" || got.Note != "From our talk" {
			t.Errorf("suggestion = %+v, %v", got, err)
		}
		open, _ := tx.ListSuggestions(ctx, f.person1.ID, heard.SuggestionOpen)
		all, _ := tx.ListSuggestions(ctx, f.person1.ID, "")
		if len(open) != 1 || !open[0].NewGoal() || len(all) != 2 {
			t.Errorf("open %+v, all %d", open, len(all))
		}
		return nil
	})
}
