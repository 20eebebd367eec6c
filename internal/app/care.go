package app

import (
	"context"
	"slices"
	"strings"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// CareRelationRow is a care relation as the admin's and the leader's lists
// show it.
type CareRelationRow struct {
	Relation         heard.CareRelation
	PersonName       string
	ProfessionalName string
	UnitName         string
	RequestedByName  string
}

// CareRelations lists the organisation's open care relations, those
// waiting for a leader's confirmation included, for admins.
func (s *Service) CareRelations(ctx context.Context, actor heard.Actor) ([]CareRelationRow, error) {
	if err := policy.DecideRole(actor, heard.ActionManageOrganisation); err != nil {
		return nil, err
	}
	f := store.CareRelationFilter{OrganisationID: actor.OrganisationID, Open: true}
	return s.careRelationRows(ctx, actor, f, heard.BasisAdmin)
}

// PendingCareRelations lists the care relations waiting for the leader's
// confirmation, in the units they lead.
func (s *Service) PendingCareRelations(ctx context.Context, actor heard.Actor) ([]CareRelationRow, error) {
	if err := policy.DecideRole(actor, heard.ActionLeadUnits); err != nil {
		return nil, err
	}
	f := store.CareRelationFilter{OrganisationID: actor.OrganisationID, Pending: true, LedBy: actor.AccountID}
	return s.careRelationRows(ctx, actor, f, heard.BasisLeader)
}

// careRelationRows lists relations with names, ordered by the person's
// name, and records that each person was shown.
func (s *Service) careRelationRows(ctx context.Context, actor heard.Actor, f store.CareRelationFilter, basis heard.Basis) ([]CareRelationRow, error) {
	var rows []CareRelationRow
	err := s.store.Read(ctx, func(tx store.Tx) error {
		now := s.now()
		rels, err := tx.ListCareRelations(ctx, f)
		if err != nil {
			return err
		}
		units, err := unitNames(ctx, tx, actor.OrganisationID)
		if err != nil {
			return err
		}
		seen := map[heard.PersonID]bool{}
		var entries []heard.AccessEntry
		for _, r := range rels {
			p, err := tx.GetPerson(ctx, r.PersonID)
			if err != nil {
				return err
			}
			names, err := accountNames(ctx, tx, r.ProfessionalID, r.RequestedBy)
			if err != nil {
				return err
			}
			rows = append(rows, CareRelationRow{Relation: r, PersonName: p.Name, ProfessionalName: names[r.ProfessionalID],
				UnitName: units[r.UnitID], RequestedByName: names[r.RequestedBy]})
			if !seen[p.ID] {
				seen[p.ID] = true
				entries = append(entries, entry(actor, p.ID, heard.ActionListPersons, heard.Grant{Basis: basis}, heard.OutcomeAllowed, "", now))
			}
		}
		slices.SortStableFunc(rows, func(a, b CareRelationRow) int {
			return strings.Compare(heard.FoldName(a.PersonName), heard.FoldName(b.PersonName))
		})
		return tx.LogAccess(entries...)
	})
	return result(rows, err)
}

// NewCareRelation is what an admin gives to ask for a care relation.
type NewCareRelation struct {
	PersonID       heard.PersonID
	ProfessionalID heard.AccountID
	UnitID         heard.UnitID
	PrimaryContact bool
}

// CreateCareRelation asks for a care relation. It gives the professional
// no access until a leader of the unit confirms it (ConfirmCareRelation):
// an admin, or the operator's command line, cannot grant access alone.
func (s *Service) CreateCareRelation(ctx context.Context, actor heard.Actor, nc NewCareRelation) (heard.CareRelation, error) {
	c := heard.CareRelation{ID: heard.NewID[heard.CareRelationID](), PersonID: nc.PersonID, ProfessionalID: nc.ProfessionalID,
		UnitID: nc.UnitID, PrimaryContact: nc.PrimaryContact, Start: s.now()}
	if actor.Role != heard.RoleSystem {
		c.RequestedBy = actor.AccountID
	}
	if !heard.ValidID(string(nc.PersonID)) {
		return c, heard.Invalid([]heard.Problem{{Field: "person", Key: "relation.person.required"}})
	}
	err := s.personTx(ctx, actor, nc.PersonID, heard.ActionManageCare, string(c.ID), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		var problems []heard.Problem
		pro, err := tx.GetAccount(ctx, nc.ProfessionalID)
		if err != nil || pro.Role != heard.RoleProfessional || pro.OrganisationID != p.OrganisationID {
			problems = append(problems, heard.Problem{Field: "professional", Key: "relation.professional.required"})
		}
		unit, err := tx.GetUnit(ctx, nc.UnitID)
		if err != nil || unit.OrganisationID != p.OrganisationID {
			problems = append(problems, heard.Problem{Field: "unit", Key: "relation.unit.required"})
		} else if len(problems) == 0 {
			// The relation goes to the unit's leaders for confirmation, so
			// the professional must work there.
			ms, err := tx.ListUnitMemberships(ctx, store.MembershipFilter{UnitID: unit.ID, AccountID: pro.ID, Role: heard.UnitMember})
			if err != nil {
				return err
			}
			if len(ms) == 0 {
				problems = append(problems, heard.Problem{Field: "unit", Key: "relation.unit.not_members"})
			}
		}
		if err := heard.Invalid(problems); err != nil {
			return err
		}
		return tx.CreateCareRelation(ctx, c)
	})
	return c, err
}

// ConfirmCareRelation is a leader of the relation's unit, not the one who
// asked for it, confirming it: the professional's access begins now, and
// the person sees who asked and who confirmed.
func (s *Service) ConfirmCareRelation(ctx context.Context, actor heard.Actor, id heard.CareRelationID) error {
	return s.leaderCareChange(ctx, actor, id, func(tx store.Tx) error {
		return tx.ConfirmCareRelation(ctx, id, actor.AccountID, s.now())
	})
}

// DeclineCareRelation is a leader of the relation's unit turning down a
// relation that waits for confirmation: it ends without ever giving access.
func (s *Service) DeclineCareRelation(ctx context.Context, actor heard.Actor, id heard.CareRelationID) error {
	return s.leaderCareChange(ctx, actor, id, func(tx store.Tx) error {
		c, err := tx.GetCareRelation(ctx, id)
		if err != nil {
			return err
		}
		if !c.Pending() {
			return heard.Errorf(heard.CodeConflict, "relation.not_pending")
		}
		return tx.EndCareRelation(ctx, id, s.now())
	})
}

// leaderCareChange runs change on a care relation when policy lets the
// leader decide on it, and records the decision in the person's log. A
// refusal is recorded too: the person sees who tried.
func (s *Service) leaderCareChange(ctx context.Context, actor heard.Actor, id heard.CareRelationID, change func(tx store.Tx) error) error {
	var denied error
	err := s.store.Write(ctx, func(tx store.Tx) error {
		c, err := tx.GetCareRelation(ctx, id)
		if err != nil {
			return err
		}
		p, err := tx.GetPerson(ctx, c.PersonID)
		if err != nil {
			return err
		}
		led, err := unitIDs(ctx, tx, store.MembershipFilter{AccountID: actor.AccountID, Role: heard.UnitLeader, InForce: true})
		if err != nil {
			return err
		}
		g, err := policy.DecideConfirmCare(actor, p, c, led)
		if err != nil {
			denied = err
			return tx.LogAccess(entry(actor, c.PersonID, heard.ActionManageCare, heard.Grant{Basis: heard.BasisNone}, heard.OutcomeDenied, string(c.ID), s.now()))
		}
		if err := change(tx); err != nil {
			return err
		}
		return tx.LogAccess(entry(actor, c.PersonID, heard.ActionManageCare, g, heard.OutcomeAllowed, string(c.ID), s.now()))
	})
	if err != nil {
		return err
	}
	return denied
}

// EndCareRelation ends a care relation now. The professional loses access
// to the person's record at once.
func (s *Service) EndCareRelation(ctx context.Context, actor heard.Actor, id heard.CareRelationID) error {
	if err := policy.DecideRole(actor, heard.ActionManageOrganisation); err != nil {
		return err
	}
	var rel heard.CareRelation
	if err := s.store.Read(ctx, func(tx store.Tx) error {
		var err error
		rel, err = tx.GetCareRelation(ctx, id)
		return err
	}); err != nil {
		return err
	}
	return s.personTx(ctx, actor, rel.PersonID, heard.ActionManageCare, string(id), func(tx store.Tx, _ heard.Person, _ heard.Grant, _ heard.Relations) error {
		return tx.EndCareRelation(ctx, id, s.now())
	})
}
