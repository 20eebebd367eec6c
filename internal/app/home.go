package app

import (
	"context"
	"fmt"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// HomeView is the person's own start page. What it holds follows the
// person's capacity: at low, only what is immediate (the next meeting, one
// thing for today, who to contact); at high, the whole plan, decisions and
// restrictions as well.
type HomeView struct {
	View        PersonView
	NextMeeting *heard.Encounter
	// WithoutMe lists meetings about the person held without them.
	WithoutMe       []heard.Encounter
	Today           *heard.Goal
	Contact         *CareTeamMember
	OpenSuggestions int
	// FeedbackDue lists her recent meetings that wait for her feedback,
	// newest first, until she gives it or says "not this time".
	FeedbackDue []heard.Encounter
	// CheckInDue: her schedule asks for a check-in now.
	CheckInDue bool
	// QuestionnairesDue are the instruments her service's schedule asks
	// her to answer now.
	QuestionnairesDue []heard.Instrument
	// AccessEnding are network members whose access she gave ends soon or
	// has ended: nothing renews unless she does.
	AccessEnding []NetworkMember
	// ProposalsWaiting counts her care team's proposals of whom to invite.
	ProposalsWaiting int
	// News is what others wrote in her record since her last visit,
	// newest first (fewer at low capacity).
	News []NewsItem
	// NotFollowed are decisions that did not (fully) follow her
	// preference: flagged on her home at every capacity but the lowest.
	NotFollowed []DecisionView
	// Plan, Decisions and Restrictions are filled at high capacity.
	Plan         *PlanView
	Decisions    []DecisionView
	Restrictions []RestrictionView
}

// PersonHome returns the acting person's home. Every part of their record
// it shows is recorded in their access log, as for anyone else.
func (s *Service) PersonHome(ctx context.Context, actor heard.Actor) (HomeView, error) {
	h := HomeView{}
	// One transaction for the whole page: every commit waits for a durable
	// write of the access log, so a page read in parts costs one per part.
	err := s.personRead(ctx, actor, actor.PersonID, heard.ActionReadPerson, "", func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error {
		now := s.now()
		v, err := s.personView(ctx, tx, actor, p, g, rel)
		if err != nil {
			return err
		}
		h.View = v
		for i, m := range h.View.CareTeam {
			if m.PrimaryContact {
				h.Contact = &h.View.CareTeam[i]
				break
			}
		}
		if _, err := policy.Decide(actor, heard.ActionReadEncounters, p, rel, now); err != nil {
			return err
		}
		es, err := tx.ListEncounters(ctx, store.EncounterFilter{PersonID: p.ID, Limit: 500})
		if err != nil {
			return fmt.Errorf("encounters: %w", err)
		}
		for i := len(es) - 1; i >= 0; i-- { // oldest first, so the first upcoming is the next
			e := es[i]
			if e.Start.After(now) && h.NextMeeting == nil && !e.WithoutPerson() {
				h.NextMeeting = &es[i]
			}
		}
		for _, e := range es {
			if e.WithoutPerson() {
				h.WithoutMe = append(h.WithoutMe, e)
			}
		}
		if h.FeedbackDue, err = feedbackDue(ctx, tx, actor, p, es, now); err != nil {
			return err
		}
		if h.CheckInDue, err = checkInDue(ctx, tx, p, now); err != nil {
			return err
		}
		if err := networkReminders(ctx, tx, actor, p, g, now, &h); err != nil {
			return err
		}
		insts, err := instrumentViews(ctx, tx, p, now)
		if err != nil {
			return err
		}
		for _, iv := range insts {
			if iv.Due {
				h.QuestionnairesDue = append(h.QuestionnairesDue, iv.Instrument)
			}
		}
		plan, err := s.planView(ctx, tx, actor, p, g, rel)
		if err != nil {
			return err
		}
		for _, gv := range plan.Goals {
			if gv.Goal.Status == heard.GoalActive {
				goal := gv.Goal
				h.Today = &goal
				break
			}
		}
		for _, pv := range plan.Parts {
			h.OpenSuggestions += len(pv.Suggestions)
		}
		for _, gv := range plan.Goals {
			h.OpenSuggestions += len(gv.Suggestions)
		}
		h.OpenSuggestions += len(plan.NewGoals)
		if h.News, err = s.personNews(ctx, tx, actor, p); err != nil {
			return err
		}
		if p.Capacity == heard.CapacityLow && len(h.News) > newsShownLow {
			h.News = h.News[:newsShownLow]
		}
		// The titles of decisions and restrictions in the news are reads of
		// them, recorded as such where the page does not already read them.
		newsReads := map[heard.Action]bool{}
		for _, it := range h.News {
			newsReads[readFor[it.Action]] = true
		}
		if p.Capacity == heard.CapacityLow && newsReads[heard.ActionReadDecisions] {
			if err := tx.LogAccess(entry(actor, p.ID, heard.ActionReadDecisions, g, heard.OutcomeAllowed, "", now)); err != nil {
				return err
			}
		}
		if p.Capacity != heard.CapacityHigh && newsReads[heard.ActionReadRestrictions] {
			if err := tx.LogAccess(entry(actor, p.ID, heard.ActionReadRestrictions, g, heard.OutcomeAllowed, "", now)); err != nil {
				return err
			}
		}
		if p.Capacity != heard.CapacityLow {
			ds, err := s.decisionViews(ctx, tx, actor, p, rel, 20)
			if err != nil {
				return err
			}
			for _, d := range ds {
				if d.Decision.NotFollowed() {
					h.NotFollowed = append(h.NotFollowed, d)
				}
			}
			if p.Capacity == heard.CapacityHigh {
				h.Plan, h.Decisions = &plan, ds
				if err := s.highCapacityExtras(ctx, tx, actor, p, g, rel, &h); err != nil {
					return err
				}
			}
			if err := tx.LogAccess(entry(actor, p.ID, heard.ActionReadDecisions, g, heard.OutcomeAllowed, "", now)); err != nil {
				return err
			}
		}
		return tx.LogAccess(entry(actor, p.ID, heard.ActionReadEncounters, g, heard.OutcomeAllowed, "", now),
			entry(actor, p.ID, heard.ActionReadPlan, g, heard.OutcomeAllowed, "", now),
			entry(actor, p.ID, heard.ActionReadCheckIns, g, heard.OutcomeAllowed, "", now),
			entry(actor, p.ID, heard.ActionReadQuestionnaires, g, heard.OutcomeAllowed, "", now))
	})
	return result(h, err)
}

func (s *Service) highCapacityExtras(ctx context.Context, tx store.Tx, actor heard.Actor, p heard.Person, g heard.Grant, rel heard.Relations, h *HomeView) error {
	rs, err := s.restrictionViews(ctx, tx, actor, p, rel, 20)
	if err != nil {
		return err
	}
	for _, rv := range rs {
		if rv.InForce {
			h.Restrictions = append(h.Restrictions, rv)
		}
	}
	now := s.now()
	return tx.LogAccess(entry(actor, p.ID, heard.ActionReadRestrictions, g, heard.OutcomeAllowed, "", now))
}

// networkReminders fills in whose access ends soon and how many proposals
// wait, and records the reading of her network when there is any.
func networkReminders(ctx context.Context, tx store.Tx, actor heard.Actor, p heard.Person, g heard.Grant, now time.Time, h *HomeView) error {
	var err error
	h.AccessEnding, err = networkMembers(ctx, tx, p.ID, now, func(l heard.NetworkLink) bool { return l.EndsSoon(now) })
	if err != nil {
		return err
	}
	proposals, err := tx.ListProposals(ctx, p.ID)
	if err != nil {
		return err
	}
	for _, pr := range proposals {
		if pr.Open() {
			h.ProposalsWaiting++
		}
	}
	if len(h.AccessEnding) == 0 && h.ProposalsWaiting == 0 {
		return nil
	}
	return tx.LogAccess(entry(actor, p.ID, heard.ActionReadNetwork, g, heard.OutcomeAllowed, "", now))
}

// feedbackDue picks from her meetings (newest first) those held in the last
// FeedbackAsked that she can give feedback on and has not settled; one at
// low capacity.
func feedbackDue(ctx context.Context, tx store.Tx, actor heard.Actor, p heard.Person, es []heard.Encounter, now time.Time) ([]heard.Encounter, error) {
	settled, err := tx.FeedbackSettled(ctx, p.ID, actor.AccountID)
	if err != nil {
		return nil, err
	}
	var due []heard.Encounter
	for _, e := range es {
		if now.Sub(e.Start) < heard.FeedbackAsked && policy.InTime(heard.ActionWriteFeedback, e, now) && !settled[e.ID] {
			due = append(due, e)
		}
	}
	if p.Capacity == heard.CapacityLow && len(due) > 1 {
		due = due[:1]
	}
	return due, nil
}

// checkInDue reports whether her schedule asks for a check-in now.
func checkInDue(ctx context.Context, tx store.Tx, p heard.Person, now time.Time) (bool, error) {
	sched, err := tx.CheckInSchedule(ctx, p.ID)
	if err != nil || sched == heard.ScheduleNever {
		return false, err
	}
	last, err := tx.LastCheckIn(ctx, p.ID)
	return sched.Due(last, now), err
}
