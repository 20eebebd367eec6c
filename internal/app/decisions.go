package app

import (
	"context"
	"strings"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// DecisionView is a decision with who made and changed it, and what the
// reader may do.
type DecisionView struct {
	// Person is whom it is about, as the reader may see her; set when one
	// decision is read on its own (a list carries its person once).
	Person        heard.Person
	Decision      heard.Decision
	CreatedByName string
	UpdatedByName string
	CanEdit       bool
	CanComment    bool
	Due           bool
}

// DecisionsView lists every decision about the person.
type DecisionsView struct {
	Person    heard.Person
	Decisions []DecisionView
	CanCreate bool
}

// Decisions returns every decision about the person, newest first.
func (s *Service) Decisions(ctx context.Context, actor heard.Actor, id heard.PersonID) (DecisionsView, error) {
	var v DecisionsView
	err := s.personRead(ctx, actor, id, heard.ActionReadDecisions, "", func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error {
		now := s.now()
		v = DecisionsView{Person: policy.PersonFor(g, p), CanCreate: can(actor, heard.ActionWriteDecision, p, rel, now)}
		var err error
		v.Decisions, err = s.decisionViews(ctx, tx, actor, p, rel, 500)
		return err
	})
	return result(v, err)
}

// decisionViews returns the person's newest decisions as the actor sees
// them.
func (s *Service) decisionViews(ctx context.Context, tx store.Tx, actor heard.Actor, p heard.Person, rel heard.Relations, limit int) ([]DecisionView, error) {
	ds, err := tx.ListDecisions(ctx, store.DecisionFilter{PersonID: p.ID, Limit: limit})
	if err != nil {
		return nil, err
	}
	var out []DecisionView
	for _, d := range ds {
		dv, err := s.decisionView(ctx, tx, actor, p, rel, d)
		if err != nil {
			return nil, err
		}
		out = append(out, dv)
	}
	return out, nil
}

func (s *Service) decisionView(ctx context.Context, tx store.Tx, actor heard.Actor, p heard.Person, rel heard.Relations, d heard.Decision) (DecisionView, error) {
	now := s.now()
	names, err := accountNames(ctx, tx, d.CreatedBy, d.UpdatedBy)
	if err != nil {
		return DecisionView{}, err
	}
	return DecisionView{Decision: d, CreatedByName: names[d.CreatedBy], UpdatedByName: names[d.UpdatedBy],
		CanEdit: can(actor, heard.ActionWriteDecision, p, rel, now), CanComment: can(actor, heard.ActionCommentDecision, p, rel, now),
		Due: d.DueForReview(s.today())}, nil
}

// Decision returns one decision about the person.
func (s *Service) Decision(ctx context.Context, actor heard.Actor, id heard.PersonID, did heard.DecisionID) (DecisionView, error) {
	var v DecisionView
	err := s.personRead(ctx, actor, id, heard.ActionReadDecisions, string(did), func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error {
		d, err := tx.GetDecision(ctx, p.ID, did)
		if err != nil {
			return err
		}
		v, err = s.decisionView(ctx, tx, actor, p, rel, d)
		v.Person = policy.PersonFor(g, p)
		return err
	})
	return result(v, err)
}

// DecisionInput is what a professional records; the person's comment is
// written separately, by the person.
type DecisionInput struct {
	OnTable, Options, Preference, Outcome string
	Constraints                           []heard.Constraint
	DecidedBy                             heard.DecidedBy
	DecidedByOther                        string
	Followed                              heard.Followed
	NotFollowedReason                     string
	ReviewDate                            string
	BaseVersion                           int
}

func (in DecisionInput) apply(d heard.Decision) heard.Decision {
	t := strings.TrimSpace
	d.OnTable, d.Options, d.Preference, d.Outcome = t(in.OnTable), t(in.Options), t(in.Preference), t(in.Outcome)
	d.Constraints, d.DecidedBy, d.DecidedByOther = in.Constraints, in.DecidedBy, t(in.DecidedByOther)
	d.Followed, d.NotFollowedReason, d.ReviewDate = in.Followed, t(in.NotFollowedReason), t(in.ReviewDate)
	return d
}

// CreateDecision records a decision. An outcome that did not follow the
// person's preference needs a reason (a field problem otherwise).
func (s *Service) CreateDecision(ctx context.Context, actor heard.Actor, id heard.PersonID, in DecisionInput) (heard.Decision, error) {
	var d heard.Decision
	err := s.personTx(ctx, actor, id, heard.ActionWriteDecision, "", func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		now := s.now()
		d = in.apply(heard.Decision{ID: heard.NewID[heard.DecisionID](), PersonID: p.ID, Version: 1, CreatedBy: actor.AccountID, Created: now, UpdatedBy: actor.AccountID, Updated: now})
		if err := validDecision(actor, d); err != nil {
			return err
		}
		return tx.CreateDecision(ctx, d)
	})
	return result(d, err)
}

// UpdateDecision saves a professional's changes; a stale save returns
// *Stale[heard.Decision].
func (s *Service) UpdateDecision(ctx context.Context, actor heard.Actor, id heard.PersonID, did heard.DecisionID, in DecisionInput) (heard.Decision, error) {
	var d heard.Decision
	err := s.personTx(ctx, actor, id, heard.ActionWriteDecision, string(did), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		current, err := tx.GetDecision(ctx, p.ID, did)
		if err != nil {
			return err
		}
		if current.Version != in.BaseVersion {
			return &Stale[heard.Decision]{Current: current}
		}
		d = in.apply(current)
		d.Version, d.UpdatedBy, d.Updated = current.Version+1, actor.AccountID, s.now()
		if err := validDecision(actor, d); err != nil {
			return err
		}
		return tx.UpdateDecision(ctx, d, current.Version)
	})
	return result(d, err)
}

// validDecision checks the decision's fields and whether the actor may
// record who decided it, as one set of field problems.
func validDecision(actor heard.Actor, d heard.Decision) error {
	return heard.Invalid(append(heard.Problems(d.Validate()), heard.Problems(policy.DecideDecidedBy(actor, d.DecidedBy))...))
}

// CommentDecision saves the person's comment on a decision about them.
func (s *Service) CommentDecision(ctx context.Context, actor heard.Actor, id heard.PersonID, did heard.DecisionID, text string, base int) (heard.Decision, error) {
	var d heard.Decision
	err := s.personTx(ctx, actor, id, heard.ActionCommentDecision, string(did), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		current, err := tx.GetDecision(ctx, p.ID, did)
		if err != nil {
			return err
		}
		if current.CommentVersion != base {
			return &Stale[heard.Decision]{Current: current}
		}
		text = strings.TrimSpace(text)
		if err := heard.ValidComment("comment", text); err != nil {
			return err
		}
		now := s.now()
		d = current
		d.PersonComment, d.CommentAt, d.CommentVersion = text, now, base+1
		return tx.SetDecisionComment(ctx, did, text, now, base)
	})
	return result(d, err)
}
