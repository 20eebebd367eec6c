package app

import (
	"context"
	"strings"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// RestrictionView is a restriction with who recorded it and its flags.
type RestrictionView struct {
	// Person is whom it is about, as the reader may see her; set when one
	// restriction is read on its own.
	Person        heard.Person
	Restriction   heard.Restriction
	CreatedByName string
	InForce       bool
	// PastReview flags a restriction in force whose review date has passed.
	PastReview  bool
	CanEdit     bool
	CanGiveView bool
}

// RestrictionsView lists the restrictions placed on the person.
type RestrictionsView struct {
	Person       heard.Person
	Restrictions []RestrictionView
	CanCreate    bool
}

// Restrictions returns every restriction placed on the person.
func (s *Service) Restrictions(ctx context.Context, actor heard.Actor, id heard.PersonID) (RestrictionsView, error) {
	var v RestrictionsView
	err := s.personRead(ctx, actor, id, heard.ActionReadRestrictions, "", func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error {
		v = RestrictionsView{Person: policy.PersonFor(g, p), CanCreate: can(actor, heard.ActionWriteRestriction, p, rel, s.now())}
		var err error
		v.Restrictions, err = s.restrictionViews(ctx, tx, actor, p, rel, 500)
		return err
	})
	return result(v, err)
}

// restrictionViews returns the restrictions placed on the person, newest
// start first, as the actor sees them.
func (s *Service) restrictionViews(ctx context.Context, tx store.Tx, actor heard.Actor, p heard.Person, rel heard.Relations, limit int) ([]RestrictionView, error) {
	rs, err := tx.ListRestrictions(ctx, store.RestrictionFilter{PersonID: p.ID, Limit: limit})
	if err != nil {
		return nil, err
	}
	var out []RestrictionView
	for _, r := range rs {
		rv, err := s.restrictionView(ctx, tx, actor, p, rel, r)
		if err != nil {
			return nil, err
		}
		out = append(out, rv)
	}
	return out, nil
}

func (s *Service) restrictionView(ctx context.Context, tx store.Tx, actor heard.Actor, p heard.Person, rel heard.Relations, r heard.Restriction) (RestrictionView, error) {
	now := s.now()
	today := s.today()
	names, err := accountNames(ctx, tx, r.CreatedBy)
	if err != nil {
		return RestrictionView{}, err
	}
	return RestrictionView{Restriction: r, CreatedByName: names[r.CreatedBy], InForce: r.InForce(today), PastReview: r.PastReview(today),
		CanEdit: can(actor, heard.ActionWriteRestriction, p, rel, now), CanGiveView: can(actor, heard.ActionWriteRestrictionView, p, rel, now)}, nil
}

// Restriction returns one restriction placed on the person.
func (s *Service) Restriction(ctx context.Context, actor heard.Actor, id heard.PersonID, rid heard.RestrictionID) (RestrictionView, error) {
	var v RestrictionView
	err := s.personRead(ctx, actor, id, heard.ActionReadRestrictions, string(rid), func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error {
		r, err := tx.GetRestriction(ctx, p.ID, rid)
		if err != nil {
			return err
		}
		v, err = s.restrictionView(ctx, tx, actor, p, rel, r)
		v.Person = policy.PersonFor(g, p)
		return err
	})
	return result(v, err)
}

// RestrictionInput is what a professional records about a restriction.
type RestrictionInput struct {
	Kind                   heard.RestrictionKind
	Description            string
	LegalBasisID           heard.LegalBasisID
	LegalBasis             string
	Start, ReviewDate, End string
	BaseVersion            int
}

// apply fills r from the input; a listed legal basis supplies its name
// when no free text is given.
func (in RestrictionInput) apply(ctx context.Context, tx store.Tx, org heard.OrganisationID, r heard.Restriction) (heard.Restriction, error) {
	t := strings.TrimSpace
	r.Kind, r.Description, r.LegalBasisID, r.LegalBasis = in.Kind, t(in.Description), in.LegalBasisID, t(in.LegalBasis)
	r.Start, r.ReviewDate, r.End = t(in.Start), t(in.ReviewDate), t(in.End)
	if r.LegalBasisID != "" {
		l, err := tx.GetLegalBasis(ctx, r.LegalBasisID)
		if err != nil || l.OrganisationID != org {
			return r, heard.Invalid([]heard.Problem{{Field: "legal_basis", Key: "restriction.legal_basis.required"}})
		}
		if r.LegalBasis == "" {
			r.LegalBasis = l.Name
		}
	}
	return r, r.Validate()
}

// CreateRestriction records a restriction placed on the person.
func (s *Service) CreateRestriction(ctx context.Context, actor heard.Actor, id heard.PersonID, in RestrictionInput) (heard.Restriction, error) {
	var r heard.Restriction
	// The new record's ID goes into the access log, which says what was written.
	newID := heard.NewID[heard.RestrictionID]()
	err := s.personTx(ctx, actor, id, heard.ActionWriteRestriction, string(newID), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		now := s.now()
		var err error
		r, err = in.apply(ctx, tx, p.OrganisationID, heard.Restriction{ID: newID, PersonID: p.ID, Version: 1,
			CreatedBy: actor.AccountID, Created: now, UpdatedBy: actor.AccountID, Updated: now})
		if err != nil {
			return err
		}
		return tx.CreateRestriction(ctx, r)
	})
	return result(r, err)
}

// UpdateRestriction saves a professional's changes (a review moves the
// review date; an end date ends it); stale saves return
// *Stale[heard.Restriction].
func (s *Service) UpdateRestriction(ctx context.Context, actor heard.Actor, id heard.PersonID, rid heard.RestrictionID, in RestrictionInput) (heard.Restriction, error) {
	var r heard.Restriction
	err := s.personTx(ctx, actor, id, heard.ActionWriteRestriction, string(rid), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		current, err := tx.GetRestriction(ctx, p.ID, rid)
		if err != nil {
			return err
		}
		if current.Version != in.BaseVersion {
			return &Stale[heard.Restriction]{Current: current}
		}
		if r, err = in.apply(ctx, tx, p.OrganisationID, current); err != nil {
			return err
		}
		r.Version, r.UpdatedBy, r.Updated = current.Version+1, actor.AccountID, s.now()
		return tx.UpdateRestriction(ctx, r, current.Version)
	})
	return result(r, err)
}

// SetRestrictionView saves the person's view of a restriction.
func (s *Service) SetRestrictionView(ctx context.Context, actor heard.Actor, id heard.PersonID, rid heard.RestrictionID, text string, base int) (heard.Restriction, error) {
	var r heard.Restriction
	err := s.personTx(ctx, actor, id, heard.ActionWriteRestrictionView, string(rid), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		current, err := tx.GetRestriction(ctx, p.ID, rid)
		if err != nil {
			return err
		}
		if current.ViewVersion != base {
			return &Stale[heard.Restriction]{Current: current}
		}
		text = strings.TrimSpace(text)
		if err := heard.ValidComment("view", text); err != nil {
			return err
		}
		now := s.now()
		r = current
		r.PersonView, r.ViewAt, r.ViewVersion = text, now, base+1
		return tx.SetRestrictionView(ctx, rid, text, now, base)
	})
	return result(r, err)
}

// LegalBases lists the organisation's legal bases, for admins and for the
// professionals who record restrictions.
func (s *Service) LegalBases(ctx context.Context, actor heard.Actor) ([]heard.LegalBasis, error) {
	if err := policy.DecideRole(actor, heard.ActionReadLegalBases); err != nil {
		return nil, err
	}
	var out []heard.LegalBasis
	err := s.store.Read(ctx, func(tx store.Tx) error {
		var err error
		out, err = tx.ListLegalBases(ctx, actor.OrganisationID)
		return err
	})
	return out, err
}

// ManageLegalBases returns the list for the admin who keeps it.
func (s *Service) ManageLegalBases(ctx context.Context, actor heard.Actor) ([]heard.LegalBasis, error) {
	if err := policy.DecideRole(actor, heard.ActionManageOrganisation); err != nil {
		return nil, err
	}
	return s.LegalBases(ctx, actor)
}

// CreateLegalBasis adds an entry to the organisation's list.
func (s *Service) CreateLegalBasis(ctx context.Context, actor heard.Actor, name string) (heard.LegalBasis, error) {
	if err := policy.DecideRole(actor, heard.ActionManageOrganisation); err != nil {
		return heard.LegalBasis{}, err
	}
	l := heard.LegalBasis{ID: heard.NewID[heard.LegalBasisID](), OrganisationID: actor.OrganisationID, Name: strings.TrimSpace(name), Created: s.now()}
	if err := l.Validate(); err != nil {
		return l, err
	}
	return l, s.store.Write(ctx, func(tx store.Tx) error { return tx.CreateLegalBasis(ctx, l) })
}
