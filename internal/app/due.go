package app

import (
	"context"
	"slices"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// dueAhead is how far ahead decisions count as due: a review date in the
// next two weeks is on the list, so it can be planned, not just missed.
const dueAhead = 14

// Due is what a professional has to review for the persons they work with.
type Due struct {
	Decisions    []DueDecision
	Restrictions []DueRestriction
}

// DueDecision is a decision due for review, with whose it is.
type DueDecision struct {
	Decision   heard.Decision
	PersonName string
	Overdue    bool
}

// DueRestriction is a restriction past its review date, with whose it is.
type DueRestriction struct {
	Restriction heard.Restriction
	PersonName  string
}

// DueReviews lists, for a professional, the decisions due for review and
// the restrictions past their review date of the persons they have an
// active care relation with. Each person listed sees the listing in their
// access log.
func (s *Service) DueReviews(ctx context.Context, actor heard.Actor) (Due, error) {
	var due Due
	err := s.store.Read(ctx, func(tx store.Tx) error {
		now := s.now()
		scope, err := policy.Scope(actor, heard.ActionListDue, now)
		if err != nil {
			return err
		}
		today := s.today()
		ds, err := tx.ListDecisions(ctx, store.DecisionFilter{ReviewBy: heard.Day(now.AddDate(0, 0, dueAhead), s.loc), CareOf: scope.AccountID, CareAt: now, Limit: 200})
		if err != nil {
			return err
		}
		rs, err := tx.ListRestrictions(ctx, store.RestrictionFilter{PastReviewOn: today, CareOf: scope.AccountID, CareAt: now, Limit: 200})
		if err != nil {
			return err
		}
		names := map[heard.PersonID]string{}
		var entries []heard.AccessEntry
		name := func(id heard.PersonID) (string, error) {
			if n, ok := names[id]; ok {
				return n, nil
			}
			p, err := tx.GetPerson(ctx, id)
			if err != nil {
				return "", err
			}
			names[id] = p.Name
			entries = append(entries, entry(actor, id, heard.ActionListDue, heard.Grant{Basis: heard.BasisCare}, heard.OutcomeAllowed, "", now))
			return p.Name, nil
		}
		for _, d := range ds {
			n, err := name(d.PersonID)
			if err != nil {
				return err
			}
			due.Decisions = append(due.Decisions, DueDecision{Decision: d, PersonName: n, Overdue: d.ReviewDate < today})
		}
		for _, r := range rs {
			n, err := name(r.PersonID)
			if err != nil {
				return err
			}
			due.Restrictions = append(due.Restrictions, DueRestriction{Restriction: r, PersonName: n})
		}
		return tx.LogAccess(entries...)
	})
	return result(due, err)
}

// SetCapacity records how much the person can take right now.
func (s *Service) SetCapacity(ctx context.Context, actor heard.Actor, id heard.PersonID, c heard.Capacity) error {
	return s.personTx(ctx, actor, id, heard.ActionSetCapacity, string(c), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		if !slices.Contains(heard.Capacities, c) {
			return heard.Invalid([]heard.Problem{{Field: "capacity", Key: "capacity.invalid"}})
		}
		return tx.SetCapacity(ctx, p.ID, c, s.now())
	})
}

// Capacity returns how much the person can take right now, for those who
// may see it.
func (s *Service) Capacity(ctx context.Context, actor heard.Actor, id heard.PersonID) (heard.Person, error) {
	var p heard.Person
	err := s.personRead(ctx, actor, id, heard.ActionReadCapacity, "", func(_ store.Tx, person heard.Person, _ heard.Grant, _ heard.Relations) error {
		p = person
		return nil
	})
	return result(p, err)
}
