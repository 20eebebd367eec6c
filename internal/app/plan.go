package app

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// PlanView is the person's plan as the reader may see it.
type PlanView struct {
	Person heard.Person
	Basis  heard.Basis
	// Parts holds every part the reader may see, in plan order; for the
	// person, unwritten parts too (Version 0).
	Parts []PartView
	Goals []GoalView
	// SeesGoals: the reader may see her shared goals at all. When not, the
	// page says they are not shared with the reader rather than "none".
	SeesGoals bool
	// NewGoals are open suggestions of new goals.
	NewGoals []SuggestionView
	// CanEdit: the person. CanSuggestGoal: someone who may suggest a goal.
	CanEdit        bool
	CanSuggestGoal bool
}

// Part returns the view of a part, and whether the reader sees it.
func (v PlanView) Part(key heard.PlanPartKey) (PartView, bool) {
	for _, p := range v.Parts {
		if p.Part.Key == key {
			return p, true
		}
	}
	return PartView{}, false
}

// PartView is one part with what the reader may do and the suggestions
// waiting beside it.
type PartView struct {
	Part        heard.PlanPart
	UpdatedBy   Someone
	CanEdit     bool
	CanSuggest  bool
	Suggestions []SuggestionView
}

// GoalView is a goal with what the reader may do.
type GoalView struct {
	// Person is whom it is about, as the reader may see her; set when one
	// goal is read on its own.
	Person      heard.Person
	Goal        heard.Goal
	UpdatedBy   Someone
	CanEdit     bool
	CanSuggest  bool
	CanAddNote  bool
	Suggestions []SuggestionView
	// Notes and Versions are filled on the goal's own page.
	Notes    []NoteView
	Versions []VersionView
}

// SuggestionView is a suggestion with its author's name.
type SuggestionView struct {
	Suggestion heard.Suggestion
	Author     Someone
}

// NoteView is a progress note with its author's name.
type NoteView struct {
	Note     heard.GoalNote
	Author   Someone
	ByPerson bool
}

// VersionView is one saved version: the words, who wrote them and who
// saved them, and which fields changed from the version before.
type VersionView struct {
	Version     int
	Fields      map[string]string
	Private     bool
	AuthorName  string
	SavedByName string
	ByPerson    bool
	Suggested   bool
	At          time.Time
	Changed     []string
}

// Plan returns the person's plan as the actor may see it.
func (s *Service) Plan(ctx context.Context, actor heard.Actor, id heard.PersonID) (PlanView, error) {
	var v PlanView
	err := s.personRead(ctx, actor, id, heard.ActionReadPlan, "", func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error {
		var err error
		v, err = s.planView(ctx, tx, actor, p, g, rel)
		return err
	})
	return result(v, err)
}

func (s *Service) planView(ctx context.Context, tx store.Tx, actor heard.Actor, p heard.Person, g heard.Grant, rel heard.Relations) (PlanView, error) {
	now := s.now()
	v := PlanView{Person: policy.PersonFor(g, p), Basis: g.Basis, CanEdit: can(actor, heard.ActionUpdatePlan, p, rel, now),
		SeesGoals: policy.SeesGoal(g, rel, false)}
	maySuggest := can(actor, heard.ActionSuggestPlan, p, rel, now)
	v.CanSuggestGoal = maySuggest && policy.CanSuggest(g, rel, "", false)
	stored, err := tx.ListPlanParts(ctx, p.ID)
	if err != nil {
		return v, fmt.Errorf("plan parts: %w", err)
	}
	byKey := map[heard.PlanPartKey]heard.PlanPart{}
	for _, part := range stored {
		byKey[part.Key] = part
	}
	suggestions, err := tx.ListSuggestions(ctx, p.ID, heard.SuggestionOpen)
	if err != nil {
		return v, fmt.Errorf("suggestions: %w", err)
	}
	accs, err := accountsFor(ctx, tx, suggestions, stored)
	if err != nil {
		return v, err
	}
	for _, key := range heard.PlanParts {
		part, ok := byKey[key]
		if !ok {
			part = heard.PlanPart{PersonID: p.ID, Key: key, Fields: map[string]string{}}
		}
		part, sees := policy.PlanPartFor(g, rel, part)
		if !sees || (!part.Written() && !v.CanEdit && !policy.CanSuggest(g, rel, key, false)) {
			continue
		}
		pv := PartView{Part: part, UpdatedBy: someone(p, accs[part.UpdatedBy]), CanEdit: v.CanEdit,
			CanSuggest: maySuggest && policy.CanSuggest(g, rel, key, part.Private)}
		for _, sg := range suggestions {
			if sg, ok := policy.SuggestionFor(g, actor, sg); ok && sg.Part == key {
				pv.Suggestions = append(pv.Suggestions, suggestionView(p, sg, accs[sg.Author]))
			}
		}
		v.Parts = append(v.Parts, pv)
	}
	goals, err := tx.ListGoals(ctx, p.ID)
	if err != nil {
		return v, fmt.Errorf("goals: %w", err)
	}
	for _, goal := range goals {
		goal, ok := policy.GoalFor(g, rel, goal)
		if !ok {
			continue
		}
		gv := GoalView{Goal: goal, CanEdit: v.CanEdit, CanAddNote: can(actor, heard.ActionAddGoalNote, p, rel, now),
			CanSuggest: maySuggest && policy.CanSuggest(g, rel, "", goal.Private)}
		updater, err := accountOf(ctx, tx, accs, goal.UpdatedBy)
		if err != nil {
			return v, err
		}
		gv.UpdatedBy = someone(p, updater)
		for _, sg := range suggestions {
			if sg, ok := policy.SuggestionFor(g, actor, sg); ok && sg.GoalID == goal.ID {
				gv.Suggestions = append(gv.Suggestions, suggestionView(p, sg, accs[sg.Author]))
			}
		}
		v.Goals = append(v.Goals, gv)
	}
	for _, sg := range suggestions {
		if sg, ok := policy.SuggestionFor(g, actor, sg); ok && sg.NewGoal() && policy.SeesGoal(g, rel, false) {
			v.NewGoals = append(v.NewGoals, suggestionView(p, sg, accs[sg.Author]))
		}
	}
	return v, nil
}

// suggestionView names a suggestion's author as the record's reader sees
// them.
func suggestionView(p heard.Person, sg heard.Suggestion, author heard.Account) SuggestionView {
	return SuggestionView{Suggestion: sg, Author: someone(p, author)}
}

// accountsFor looks up the accounts of suggestion authors and part editors.
func accountsFor(ctx context.Context, tx store.Tx, sgs []heard.Suggestion, parts []heard.PlanPart) (map[heard.AccountID]heard.Account, error) {
	var ids []heard.AccountID
	for _, sg := range sgs {
		ids = append(ids, sg.Author)
	}
	for _, p := range parts {
		ids = append(ids, p.UpdatedBy)
	}
	return accounts(ctx, tx, ids...)
}

// accountOf returns an account from accs, looking it up when missing.
func accountOf(ctx context.Context, tx store.Tx, accs map[heard.AccountID]heard.Account, id heard.AccountID) (heard.Account, error) {
	if a, ok := accs[id]; ok {
		return a, nil
	}
	more, err := accounts(ctx, tx, id)
	if err != nil {
		return heard.Account{}, err
	}
	accs[id] = more[id]
	return more[id], nil
}

// PartEdit is a save of a part by the person.
type PartEdit struct {
	Key    heard.PlanPartKey
	Fields map[string]string
	// Only, if set, names the fields the form sent; the others keep their
	// text (a low-capacity form asks one question at a time).
	Only        []string
	Private     bool
	BaseVersion int
	// FromSuggestion is the suggestion the person edited into their words.
	FromSuggestion heard.SuggestionID
}

// SavePlanPart saves a part as the person wrote it. A save against a
// version that is no longer the latest changes nothing and returns
// *Stale[heard.PlanPart] with the part as it stands.
func (s *Service) SavePlanPart(ctx context.Context, actor heard.Actor, id heard.PersonID, e PartEdit) (heard.PlanPart, error) {
	var saved heard.PlanPart
	err := s.personTx(ctx, actor, id, heard.ActionUpdatePlan, string(e.Key), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		if !heard.ValidPart(e.Key) {
			return heard.ErrNotFound
		}
		current, err := tx.GetPlanPart(ctx, p.ID, e.Key)
		if err != nil {
			return err
		}
		if current.Version != e.BaseVersion {
			return &Stale[heard.PlanPart]{Current: current}
		}
		now := s.now()
		fields := mergeFields(current.Fields, e.Fields, e.Only)
		saved = heard.PlanPart{PersonID: p.ID, Key: e.Key, Fields: fields, Private: e.Private, Version: current.Version + 1, UpdatedBy: actor.AccountID, Updated: now}
		if err := saved.Validate(); err != nil {
			return err
		}
		v := heard.Revision{Fields: fields, Private: e.Private, Author: actor.AccountID, SavedBy: actor.AccountID, At: now}
		if err := s.markEdited(ctx, tx, p.ID, e.FromSuggestion, actor, now); err != nil {
			return err
		}
		v.SuggestionID = e.FromSuggestion
		return tx.SavePlanPart(ctx, saved, current.Version, v)
	})
	return result(saved, err)
}

// mergeFields returns base with the edited fields put in: all of them, or
// only those named. Text is trimmed; empty fields are dropped.
func mergeFields(base, edit map[string]string, only []string) map[string]string {
	out := map[string]string{}
	if only == nil {
		maps.Copy(out, edit)
	} else {
		maps.Copy(out, base)
		for _, k := range only {
			out[k] = edit[k]
		}
	}
	for k, v := range out {
		if v = strings.TrimSpace(v); v == "" {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

// markEdited records that the person took suggestion id into their own
// words; with no suggestion it does nothing.
func (s *Service) markEdited(ctx context.Context, tx store.Tx, person heard.PersonID, id heard.SuggestionID, actor heard.Actor, now time.Time) error {
	if id == "" {
		return nil
	}
	if _, err := tx.GetSuggestion(ctx, person, id); err != nil {
		return err
	}
	return tx.ResolveSuggestion(ctx, id, heard.SuggestionEdited, actor.AccountID, now)
}

// PartHistory returns every version of a part the reader may see, newest
// first. An "only me" version stays the person's even after the part is
// shared again.
func (s *Service) PartHistory(ctx context.Context, actor heard.Actor, id heard.PersonID, key heard.PlanPartKey) (HistoryView, error) {
	var out HistoryView
	err := s.personRead(ctx, actor, id, heard.ActionReadPlan, string(key), func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error {
		out.Person = policy.PersonFor(g, p)
		if !heard.ValidPart(key) {
			return heard.ErrNotFound
		}
		current, err := tx.GetPlanPart(ctx, p.ID, key)
		if err != nil {
			return err
		}
		shown, sees := policy.PlanPartFor(g, rel, current)
		if !sees {
			return heard.ErrNotFound
		}
		if !shown.Written() {
			return nil // never written, or "only me" and so shown as never written
		}
		vs, err := tx.ListPlanVersions(ctx, p.ID, key)
		if err != nil {
			return err
		}
		out.Versions, err = versionViews(ctx, tx, p, vs, heard.PlanFields[key], func(private bool) bool { return policy.SeesPlanPart(g, rel, key, private) })
		return err
	})
	return result(out, err)
}

// HistoryView is the saved versions of one part of a person's plan.
type HistoryView struct {
	Person   heard.Person
	Versions []VersionView
}

// versionViews returns the versions (newest first) the reader sees, with
// who wrote and saved each. Each lists the fields changed since the
// version before it that the same reader sees, so a version hidden from
// them ("only me") leaves no trace in what changed.
func versionViews(ctx context.Context, tx store.Tx, p heard.Person, vs []heard.Revision, order []string, sees func(private bool) bool) ([]VersionView, error) {
	vs = slices.DeleteFunc(slices.Clone(vs), func(v heard.Revision) bool { return !sees(v.Private) })
	var ids []heard.AccountID
	for _, v := range vs {
		ids = append(ids, v.Author, v.SavedBy)
	}
	names, err := accountNames(ctx, tx, ids...)
	if err != nil {
		return nil, err
	}
	var out []VersionView
	for i, v := range vs {
		var before map[string]string
		if i+1 < len(vs) {
			before = vs[i+1].Fields
		}
		// Numbered as the reader sees them, so hidden versions leave no gap.
		out = append(out, VersionView{Version: len(vs) - i, Fields: v.Fields, Private: v.Private, AuthorName: names[v.Author],
			SavedByName: names[v.SavedBy], ByPerson: v.Author == p.AccountID, Suggested: v.SuggestionID != "", At: v.At,
			Changed: changed(before, v.Fields, order)})
	}
	return out, nil
}

// changed lists the fields, in form order, whose text differs.
func changed(before, after map[string]string, order []string) []string {
	var out []string
	for _, f := range order {
		if before[f] != after[f] {
			out = append(out, f)
		}
	}
	return out
}

// SuggestionInput is a suggested change: to a part (Part), a goal
// (GoalID), or a new goal (neither).
type SuggestionInput struct {
	Part   heard.PlanPartKey
	GoalID heard.GoalID
	Fields map[string]string
	Note   string
}

// Suggest records a suggestion. It changes nothing in the plan: the person
// sees it beside their own words and decides.
func (s *Service) Suggest(ctx context.Context, actor heard.Actor, id heard.PersonID, in SuggestionInput) (heard.Suggestion, error) {
	sg := heard.Suggestion{ID: heard.NewID[heard.SuggestionID](), PersonID: id, Part: in.Part, GoalID: in.GoalID,
		Fields: mergeFields(nil, in.Fields, nil), Note: strings.TrimSpace(in.Note), Author: actor.AccountID, Status: heard.SuggestionOpen}
	err := s.personTx(ctx, actor, id, heard.ActionSuggestPlan, string(sg.ID), func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error {
		private := false
		switch {
		case in.Part != "":
			if !heard.ValidPart(in.Part) {
				return heard.ErrNotFound
			}
			part, err := tx.GetPlanPart(ctx, p.ID, in.Part)
			if err != nil {
				return err
			}
			// A suggestion to an "only me" part is taken as one to a part
			// never written, as the suggester sees it: the person decides.
			shown, sees := policy.PlanPartFor(g, rel, part)
			if !sees {
				return heard.ErrNotFound
			}
			private, sg.BaseVersion = shown.Private, part.Version
		case in.GoalID != "":
			goal, err := tx.GetGoal(ctx, p.ID, in.GoalID)
			if err != nil {
				return err
			}
			if _, sees := policy.GoalFor(g, rel, goal); !sees {
				return heard.ErrNotFound
			}
			private, sg.BaseVersion = goal.Private, goal.Version
		}
		if !policy.CanSuggest(g, rel, in.Part, private) {
			return heard.ErrForbidden
		}
		if err := sg.Validate(); err != nil {
			return err
		}
		sg.Created = s.now()
		if err := tx.CreateSuggestion(ctx, sg); err != nil {
			return err
		}
		sg, _ = policy.SuggestionFor(g, actor, sg)
		return nil
	})
	return result(sg, err)
}

// Suggestion returns one open suggestion of the person's, for the edit form
// that starts from it.
func (s *Service) Suggestion(ctx context.Context, actor heard.Actor, id heard.PersonID, sid heard.SuggestionID) (heard.Suggestion, error) {
	var sg heard.Suggestion
	err := s.personTx(ctx, actor, id, heard.ActionResolveSuggestion, string(sid), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		var err error
		sg, err = tx.GetSuggestion(ctx, p.ID, sid)
		if err == nil && sg.Status != heard.SuggestionOpen {
			return heard.ErrNotFound
		}
		return err
	})
	return result(sg, err)
}

// ResolveSuggestion applies the person's answer: accepted suggestions
// become a new version in the suggester's words, saved by the person;
// declined ones change nothing.
func (s *Service) ResolveSuggestion(ctx context.Context, actor heard.Actor, id heard.PersonID, sid heard.SuggestionID, accept bool) error {
	return s.personTx(ctx, actor, id, heard.ActionResolveSuggestion, string(sid), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		sg, err := tx.GetSuggestion(ctx, p.ID, sid)
		if err != nil {
			return err
		}
		if sg.Status != heard.SuggestionOpen {
			return heard.Errorf(heard.CodeConflict, "suggestion.resolved")
		}
		now := s.now()
		if !accept {
			return tx.ResolveSuggestion(ctx, sid, heard.SuggestionDeclined, actor.AccountID, now)
		}
		if err := s.applySuggestion(ctx, tx, p, sg, actor, now); err != nil {
			return err
		}
		return tx.ResolveSuggestion(ctx, sid, heard.SuggestionAccepted, actor.AccountID, now)
	})
}

func (s *Service) applySuggestion(ctx context.Context, tx store.Tx, p heard.Person, sg heard.Suggestion, actor heard.Actor, now time.Time) error {
	switch {
	case sg.Part != "":
		current, err := tx.GetPlanPart(ctx, p.ID, sg.Part)
		if err != nil {
			return err
		}
		only := make([]string, 0, len(sg.Fields))
		for k := range sg.Fields {
			only = append(only, k)
		}
		part := current
		part.Fields, part.UpdatedBy, part.Updated = mergeFields(current.Fields, sg.Fields, only), actor.AccountID, now
		return tx.SavePlanPart(ctx, part, current.Version, heard.Revision{Fields: part.Fields, Private: part.Private,
			Author: sg.Author, SavedBy: actor.AccountID, SuggestionID: sg.ID, At: now})
	case sg.GoalID != "":
		current, err := tx.GetGoal(ctx, p.ID, sg.GoalID)
		if err != nil {
			return err
		}
		g := current.WithFields(sg.Fields)
		g.UpdatedBy, g.Updated = actor.AccountID, now
		if err := g.Validate(); err != nil {
			return err
		}
		return tx.UpdateGoal(ctx, g, current.Version, heard.Revision{Fields: g.Fields(), Private: g.Private,
			Author: sg.Author, SavedBy: actor.AccountID, SuggestionID: sg.ID, At: now})
	default:
		g := heard.Goal{ID: heard.NewID[heard.GoalID](), PersonID: p.ID, Status: heard.GoalActive, Created: now, UpdatedBy: actor.AccountID, Updated: now}.WithFields(sg.Fields)
		if err := g.Validate(); err != nil {
			return err
		}
		return tx.CreateGoal(ctx, g, heard.Revision{Fields: g.Fields(), Author: sg.Author, SavedBy: actor.AccountID, SuggestionID: sg.ID, At: now})
	}
}
