package app

import (
	"context"
	"strings"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// GoalEdit is a goal as the person writes it.
type GoalEdit struct {
	Wording, Steps, WhoHelps string
	Chime                    heard.ChimeTag
	Status                   heard.GoalStatus
	Private                  bool
	BaseVersion              int
	FromSuggestion           heard.SuggestionID
}

func (e GoalEdit) apply(g heard.Goal) heard.Goal {
	g.Wording, g.Steps, g.WhoHelps = strings.TrimSpace(e.Wording), strings.TrimSpace(e.Steps), strings.TrimSpace(e.WhoHelps)
	g.Chime, g.Status, g.Private = e.Chime, e.Status, e.Private
	if g.Status == "" {
		g.Status = heard.GoalActive
	}
	return g
}

// CreateGoal adds a goal in the person's words.
func (s *Service) CreateGoal(ctx context.Context, actor heard.Actor, id heard.PersonID, e GoalEdit) (heard.Goal, error) {
	var g heard.Goal
	err := s.personTx(ctx, actor, id, heard.ActionUpdatePlan, "goal", func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		now := s.now()
		g = e.apply(heard.Goal{ID: heard.NewID[heard.GoalID](), PersonID: p.ID, Version: 1, Created: now, UpdatedBy: actor.AccountID, Updated: now})
		if err := g.Validate(); err != nil {
			return err
		}
		v := heard.Revision{Fields: g.Fields(), Private: g.Private, Author: actor.AccountID, SavedBy: actor.AccountID, At: now}
		if err := s.markEdited(ctx, tx, p.ID, e.FromSuggestion, actor, now); err != nil {
			return err
		}
		v.SuggestionID = e.FromSuggestion
		return tx.CreateGoal(ctx, g, v)
	})
	return result(g, err)
}

// SaveGoal saves the person's changes to a goal; a stale save returns
// *Stale[heard.Goal] with the goal as it stands.
func (s *Service) SaveGoal(ctx context.Context, actor heard.Actor, id heard.PersonID, gid heard.GoalID, e GoalEdit) (heard.Goal, error) {
	var g heard.Goal
	err := s.personTx(ctx, actor, id, heard.ActionUpdatePlan, string(gid), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		current, err := tx.GetGoal(ctx, p.ID, gid)
		if err != nil {
			return err
		}
		if current.Version != e.BaseVersion {
			return &Stale[heard.Goal]{Current: current}
		}
		now := s.now()
		g = e.apply(current)
		g.Version, g.UpdatedBy, g.Updated = current.Version+1, actor.AccountID, now
		if err := g.Validate(); err != nil {
			return err
		}
		v := heard.Revision{Fields: g.Fields(), Private: g.Private, Author: actor.AccountID, SavedBy: actor.AccountID, At: now}
		if err := s.markEdited(ctx, tx, p.ID, e.FromSuggestion, actor, now); err != nil {
			return err
		}
		v.SuggestionID = e.FromSuggestion
		return tx.UpdateGoal(ctx, g, current.Version, v)
	})
	return result(g, err)
}

// Goal returns a goal with its notes and versions, as the reader may see it.
func (s *Service) Goal(ctx context.Context, actor heard.Actor, id heard.PersonID, gid heard.GoalID) (GoalView, error) {
	var v GoalView
	err := s.personRead(ctx, actor, id, heard.ActionReadPlan, string(gid), func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error {
		goal, err := tx.GetGoal(ctx, p.ID, gid)
		if err != nil {
			return err
		}
		goal, ok := policy.GoalFor(g, rel, goal)
		if !ok {
			return heard.ErrNotFound
		}
		now := s.now()
		v = GoalView{Person: policy.PersonFor(g, p), Goal: goal, CanEdit: can(actor, heard.ActionUpdatePlan, p, rel, now), CanAddNote: can(actor, heard.ActionAddGoalNote, p, rel, now),
			CanSuggest: can(actor, heard.ActionSuggestPlan, p, rel, now) && policy.CanSuggest(g, rel, "", goal.Private)}
		notes, err := tx.ListGoalNotes(ctx, gid)
		if err != nil {
			return err
		}
		versions, err := tx.ListGoalVersions(ctx, gid)
		if err != nil {
			return err
		}
		suggestions, err := tx.ListSuggestions(ctx, p.ID, heard.SuggestionOpen)
		if err != nil {
			return err
		}
		if v.Versions, err = versionViews(ctx, tx, p, versions, heard.GoalFields, func(private bool) bool { return policy.SeesGoal(g, rel, private) }); err != nil {
			return err
		}
		ids := []heard.AccountID{goal.UpdatedBy}
		for _, n := range notes {
			ids = append(ids, n.Author)
		}
		for _, sg := range suggestions {
			ids = append(ids, sg.Author)
		}
		accs, err := accounts(ctx, tx, ids...)
		if err != nil {
			return err
		}
		v.UpdatedBy = someone(p, accs[goal.UpdatedBy])
		for _, n := range notes {
			if policy.SeesGoal(g, rel, n.Private) {
				v.Notes = append(v.Notes, NoteView{Note: n, Author: someone(p, accs[n.Author]), ByPerson: n.Author == p.AccountID})
			}
		}
		for _, sg := range suggestions {
			if sg, ok := policy.SuggestionFor(g, actor, sg); ok && sg.GoalID == gid {
				v.Suggestions = append(v.Suggestions, suggestionView(p, sg, accs[sg.Author]))
			}
		}
		return nil
	})
	return result(v, err)
}

// AddGoalNote adds a progress note to a goal the writer can see.
func (s *Service) AddGoalNote(ctx context.Context, actor heard.Actor, id heard.PersonID, gid heard.GoalID, text string) (heard.GoalNote, error) {
	n := heard.GoalNote{ID: heard.NewID[heard.GoalNoteID](), GoalID: gid, Text: strings.TrimSpace(text), Author: actor.AccountID}
	err := s.personTx(ctx, actor, id, heard.ActionAddGoalNote, string(gid), func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error {
		goal, err := tx.GetGoal(ctx, p.ID, gid)
		if err != nil {
			return err
		}
		if _, ok := policy.GoalFor(g, rel, goal); !ok {
			return heard.ErrNotFound
		}
		if err := n.Validate(); err != nil {
			return err
		}
		n.At, n.Private = s.now(), goal.Private
		return tx.AddGoalNote(ctx, n)
	})
	return result(n, err)
}
