package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/audit"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// OpenEmergencyAccess opens a person's record for a professional without a
// care relation, for heard.EmergencyAccessDuration, after they give a reason
// and a justification. The opening stands out in the person's access log
// and is listed for the leaders of the professional's units to review.
func (s *Service) OpenEmergencyAccess(ctx context.Context, actor heard.Actor, id heard.PersonID, reason heard.EmergencyReason, justification string) (heard.EmergencyAccess, error) {
	now := s.now()
	e := heard.EmergencyAccess{ID: heard.NewID[heard.EmergencyAccessID](), PersonID: id, ProfessionalID: actor.AccountID,
		Reason: reason, Justification: strings.TrimSpace(justification), Opened: now, Expires: now.Add(heard.EmergencyAccessDuration)}
	if err := e.Validate(); err != nil {
		return e, err
	}
	decide := func(actor heard.Actor, p heard.Person, rel heard.Relations, now time.Time) (heard.Grant, error) {
		g, err := policy.DecideEmergency(actor, p, rel, now)
		g.Emergency = &e
		return g, err
	}
	err := s.personTxWith(ctx, s.store.Write, actor, id, heard.ActionOpenEmergency, string(e.ID), decide, func(tx store.Tx, _ heard.Person, _ heard.Grant, _ heard.Relations) error {
		return tx.CreateEmergencyAccess(ctx, e)
	})
	if err != nil {
		return heard.EmergencyAccess{}, err
	}
	return e, nil
}

// CanOpenEmergencyAccess reports (as nil) whether the actor may ask for
// emergency access to the person, so the form is only offered to those who
// may use it. It reads nothing of the record.
func (s *Service) CanOpenEmergencyAccess(ctx context.Context, actor heard.Actor, id heard.PersonID) error {
	return s.store.Read(ctx, func(tx store.Tx) error {
		now := s.now()
		p, err := tx.GetPerson(ctx, id)
		if err != nil {
			return err
		}
		rel, err := s.relations(ctx, tx, actor, p, now)
		if err != nil {
			return err
		}
		_, err = policy.DecideEmergency(actor, p, rel, now)
		return err
	})
}

// EmergencyReview is one emergency access for a leader to review.
type EmergencyReview struct {
	Access           heard.EmergencyAccess
	ProfessionalName string
	PersonName       string
	ReviewerName     string
}

// ReviewsPageSize is how many emergency accesses a page of reviews shows.
const ReviewsPageSize = 50

// ReviewsQuery pages through emergency accesses for review.
type ReviewsQuery struct {
	// Reviewed shows those already reviewed, newest first; otherwise those
	// waiting, oldest first, so none is pushed out of sight by newer ones.
	Reviewed bool
	Offset   int
}

// ReviewsPage is one page of emergency accesses for a leader.
type ReviewsPage struct {
	Reviews []EmergencyReview
	// Waiting counts every access still waiting for review.
	Waiting  int
	Reviewed bool
	// Next is the offset of the next page, or 0 when this is the last.
	Next int
}

// EmergencyReviews lists emergency accesses opened by professionals of the
// units the leader leads. The leader sees who opened whose record and why,
// never the record itself.
func (s *Service) EmergencyReviews(ctx context.Context, actor heard.Actor, q ReviewsQuery) (ReviewsPage, error) {
	if err := policy.DecideRole(actor, heard.ActionReviewEmergency); err != nil {
		return ReviewsPage{}, err
	}
	page := ReviewsPage{Reviewed: q.Reviewed}
	err := s.store.Read(ctx, func(tx store.Tx) error {
		now := s.now()
		f := store.EmergencyFilter{LedBy: actor.AccountID, Review: store.ReviewWaiting, OldestFirst: true}
		var err error
		if page.Waiting, err = tx.CountEmergencyAccesses(ctx, f); err != nil {
			return fmt.Errorf("emergency reviews: %w", err)
		}
		if q.Reviewed {
			f.Review, f.OldestFirst = store.ReviewReviewed, false
		}
		f.Limit, f.Offset = ReviewsPageSize+1, max(q.Offset, 0)
		es, err := tx.ListEmergencyAccesses(ctx, f)
		if err != nil {
			return fmt.Errorf("emergency reviews: %w", err)
		}
		if len(es) > ReviewsPageSize {
			es, page.Next = es[:ReviewsPageSize], f.Offset+ReviewsPageSize
		}
		var entries []heard.AccessEntry
		for _, e := range es {
			p, err := tx.GetPerson(ctx, e.PersonID)
			if err != nil {
				return err
			}
			names, err := accountNames(ctx, tx, e.ProfessionalID, e.ReviewedBy)
			if err != nil {
				return err
			}
			page.Reviews = append(page.Reviews, EmergencyReview{Access: e, PersonName: p.Name, ProfessionalName: names[e.ProfessionalID], ReviewerName: names[e.ReviewedBy]})
			entries = append(entries, entry(actor, p.ID, heard.ActionListEmergency, heard.Grant{Basis: heard.BasisLeader}, heard.OutcomeAllowed, string(e.ID), now))
		}
		return tx.LogAccess(entries...)
	})
	return result(page, err)
}

// ReviewEmergencyAccess records a leader's review of one emergency access.
func (s *Service) ReviewEmergencyAccess(ctx context.Context, actor heard.Actor, id heard.EmergencyAccessID, note string) error {
	note = strings.TrimSpace(note)
	if len(note) > heard.MaxJustification {
		return heard.Invalid([]heard.Problem{{Field: "note", Key: "emergency.review.note_length"}})
	}
	return s.store.Write(ctx, func(tx store.Tx) error {
		now := s.now()
		e, err := tx.GetEmergencyAccess(ctx, id)
		if err != nil {
			return err
		}
		led, err := unitIDs(ctx, tx, store.MembershipFilter{AccountID: actor.AccountID, Role: heard.UnitLeader, InForce: true})
		if err != nil {
			return err
		}
		proUnits, err := unitIDs(ctx, tx, store.MembershipFilter{AccountID: e.ProfessionalID, Role: heard.UnitMember})
		if err != nil {
			return err
		}
		g, err := policy.DecideReview(actor, led, proUnits)
		if err != nil {
			return err
		}
		if err := tx.ReviewEmergencyAccess(ctx, id, actor.AccountID, now, note); err != nil {
			return err
		}
		e.ReviewedBy, e.Reviewed, e.ReviewNote = actor.AccountID, now, note
		review := entry(actor, e.PersonID, heard.ActionReviewEmergency, g, heard.OutcomeAllowed, string(e.ID), now)
		review.Detail = audit.ReviewDigest(e)
		return tx.LogAccess(review)
	})
}

func unitIDs(ctx context.Context, tx store.Tx, f store.MembershipFilter) ([]heard.UnitID, error) {
	ms, err := tx.ListUnitMemberships(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("unit memberships: %w", err)
	}
	ids := make([]heard.UnitID, len(ms))
	for i, m := range ms {
		ids[i] = m.UnitID
	}
	return ids, nil
}
