package app

import (
	"context"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// DecisionView is a decision with who made and changed it, and what the
// reader may do.
type DecisionView struct {
	// Person is whom it is about, as the reader may see her; set when one
	// decision is read on its own (a list carries its person once).
	Person   heard.Person
	Decision heard.Decision
	// CreatedBy, UpdatedBy and PreferenceBy name who recorded the decision,
	// who saved it last and who wrote her preference down, with their role.
	CreatedBy    Someone
	UpdatedBy    Someone
	PreferenceBy Someone
	CanEdit      bool
	CanComment   bool
	// CanCorrect: the reader may correct the preference (she herself).
	CanCorrect bool
	Due        bool
	// History is every kept version, oldest first; set when one decision
	// is read on its own.
	History []DecisionChange
}

// DecisionChange is one version in a decision's history: who saved it,
// when, and what changed from the version before.
type DecisionChange struct {
	Version int
	By      Someone
	At      time.Time
	// Fields changed since Before; empty for the first version kept.
	Fields        []heard.DecisionField
	Before, After heard.Decision
	// Earlier: versions before this one were saved before Heard kept a
	// history, so what they changed is not known.
	Earlier bool
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
	d = own(p, d)
	accs, err := accounts(ctx, tx, d.CreatedBy, d.UpdatedBy, d.PreferenceBy)
	if err != nil {
		return DecisionView{}, err
	}
	return DecisionView{Decision: d,
		CreatedBy: someone(p, accs[d.CreatedBy]), UpdatedBy: someone(p, accs[d.UpdatedBy]), PreferenceBy: someone(p, accs[d.PreferenceBy]),
		CanEdit: can(actor, heard.ActionWriteDecision, p, rel, now), CanComment: can(actor, heard.ActionCommentDecision, p, rel, now),
		CanCorrect: can(actor, heard.ActionCorrectPreference, p, rel, now),
		Due:        d.DueForReview(s.today())}, nil
}

// own marks whether she wrote the decision's preference herself.
func own(p heard.Person, d heard.Decision) heard.Decision {
	d.PreferenceOwn = d.PreferenceBy != "" && d.PreferenceBy == p.AccountID
	return d
}

// decisionHistory returns the decision's versions as changes, oldest
// first.
func decisionHistory(ctx context.Context, tx store.Tx, p heard.Person, d heard.Decision) ([]DecisionChange, error) {
	versions, err := tx.ListDecisionVersions(ctx, p.ID, d.ID)
	if err != nil {
		return nil, err
	}
	ids := make([]heard.AccountID, len(versions))
	for i, v := range versions {
		ids[i] = v.UpdatedBy
	}
	accs, err := accounts(ctx, tx, ids...)
	if err != nil {
		return nil, err
	}
	out := make([]DecisionChange, len(versions))
	for i, v := range versions {
		out[i] = DecisionChange{Version: v.Version, By: someone(p, accs[v.UpdatedBy]), At: v.Updated, After: v, Earlier: i == 0 && v.Version > 1}
		if i > 0 {
			out[i].Before, out[i].Fields = versions[i-1], v.Changed(versions[i-1])
		}
	}
	return out, nil
}

// Decision returns one decision about the person.
func (s *Service) Decision(ctx context.Context, actor heard.Actor, id heard.PersonID, did heard.DecisionID) (DecisionView, error) {
	var v DecisionView
	err := s.personRead(ctx, actor, id, heard.ActionReadDecisions, string(did), func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error {
		d, err := tx.GetDecision(ctx, p.ID, did)
		if err != nil {
			return err
		}
		if v, err = s.decisionView(ctx, tx, actor, p, rel, d); err != nil {
			return err
		}
		v.Person = policy.PersonFor(g, p)
		v.History, err = decisionHistory(ctx, tx, p, d)
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
	// The new record's ID goes into the access log, which says what was written.
	newID := heard.NewID[heard.DecisionID]()
	err := s.personTx(ctx, actor, id, heard.ActionWriteDecision, string(newID), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		now := s.now()
		d = in.apply(heard.Decision{ID: newID, PersonID: p.ID, Version: 1, CreatedBy: actor.AccountID, Created: now, UpdatedBy: actor.AccountID, Updated: now})
		if d.Preference != "" {
			d.PreferenceBy, d.PreferenceAt = actor.AccountID, now
		}
		if err := validDecision(actor, p, heard.Decision{}, d); err != nil {
			return err
		}
		d = own(p, d)
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
		if d.Preference != current.Preference {
			d.PreferenceBy, d.PreferenceAt = actor.AccountID, d.Updated
		}
		if err := validDecision(actor, p, current, d); err != nil {
			return err
		}
		if len(d.Changed(current)) == 0 {
			d = own(p, current)
			return errUnchanged
		}
		d = own(p, d)
		return tx.UpdateDecision(ctx, d, current)
	})
	return result(d, err)
}

// CorrectPreference saves her preference in her own words, as a new
// version of the decision: from then on nobody else rewords it.
func (s *Service) CorrectPreference(ctx context.Context, actor heard.Actor, id heard.PersonID, did heard.DecisionID, text string, base int) (heard.Decision, error) {
	var d heard.Decision
	err := s.personTx(ctx, actor, id, heard.ActionCorrectPreference, string(did), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		current, err := tx.GetDecision(ctx, p.ID, did)
		if err != nil {
			return err
		}
		if current.Version != base {
			return &Stale[heard.Decision]{Current: current}
		}
		d = current
		d.Preference = strings.TrimSpace(text)
		if d.Preference == "" {
			return heard.Invalid([]heard.Problem{{Field: "preference", Key: "decision.preference.own_required"}})
		}
		if err := heard.ValidComment("preference", d.Preference); err != nil {
			return err
		}
		if d.Preference == current.Preference {
			d = own(p, current)
			return errUnchanged
		}
		now := s.now()
		d.Version, d.UpdatedBy, d.Updated, d.PreferenceBy, d.PreferenceAt = current.Version+1, actor.AccountID, now, actor.AccountID, now
		d = own(p, d)
		return tx.UpdateDecision(ctx, d, current)
	})
	return result(d, err)
}

// validDecision checks the decision's fields and whether the actor may
// record who decided it, as one set of field problems; rewording her
// preference when it is hers is a refusal, logged as one.
func validDecision(actor heard.Actor, p heard.Person, current, d heard.Decision) error {
	if err := policy.DecidePreference(actor, p, current, d.Preference); err != nil {
		return &refusedField{err}
	}
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
		d = own(p, current)
		d.PersonComment, d.CommentAt, d.CommentVersion = text, now, base+1
		return tx.SetDecisionComment(ctx, did, text, now, base)
	})
	return result(d, err)
}
