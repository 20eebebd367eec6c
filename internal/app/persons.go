package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// PersonView is a person's page as the actor may see it.
type PersonView struct {
	Person heard.Person
	// Basis is how the actor comes to see the person.
	Basis heard.Basis
	// Emergency is the access in force when Basis is BasisEmergency.
	Emergency *heard.EmergencyAccess
	// CareTeam is filled when the actor may see it (CanSeeCareTeam).
	CareTeam         []CareTeamMember
	CanSeeCareTeam   bool
	CanSeeAccessLog  bool
	CanManageNetwork bool
	// CanProposeInvitation: her care team may propose whom she invites.
	CanProposeInvitation bool
	// EmergencyNotices are recent emergency accesses to the person's record,
	// shown to the person themself in plain words.
	EmergencyNotices []EmergencyNotice
	// Capacity is shown to those who may see it (the person, their care
	// team); CanSetCapacity to the person.
	Capacity       heard.Capacity
	SeesCapacity   bool
	CanSetCapacity bool
	// SeesWork: the reader may open the plan, meetings, decisions and
	// restrictions; the counts flag what needs attention.
	SeesPlan               bool
	SeesEncounters         bool
	SeesCheckIns           bool
	SeesDecisions          bool
	SeesMessages           bool
	DecisionsDue           int
	RestrictionsPastReview int
}

// CareTeamMember is one professional in a care relation with the person,
// with who asked for the relation and the leader who confirmed it: the
// person sees how each member came to see their record.
type CareTeamMember struct {
	Name            string
	PeerWorker      bool
	UnitName        string
	UnitPhone       string
	UnitReach       string
	PrimaryContact  bool
	Since           time.Time
	AddedByName     string
	ConfirmedByName string
	Confirmed       time.Time
}

// EmergencyNotice tells the person that a professional without a care
// relation opened their record, and why.
type EmergencyNotice struct {
	Access           heard.EmergencyAccess
	ProfessionalName string
}

// noticeDays is how far back emergency accesses are shown on the person's
// page; every one stays in "who has seen my record" for good.
const noticeDays = 30

// can reports whether policy allows actor the action with the relations
// already loaded; it decides what the page offers, not what is read.
func can(actor heard.Actor, action heard.Action, p heard.Person, rel heard.Relations, now time.Time) bool {
	_, err := policy.Decide(actor, action, p, rel, now)
	return err == nil
}

// Person returns a person's page: the summary, the review flags, and the care team when the
// actor may see it. Each part read is recorded in the access log.
func (s *Service) Person(ctx context.Context, actor heard.Actor, id heard.PersonID) (PersonView, error) {
	var v PersonView
	err := s.personRead(ctx, actor, id, heard.ActionReadPerson, "", func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error {
		var err error
		if v, err = s.personView(ctx, tx, actor, p, g, rel); err != nil {
			return err
		}
		return s.flags(ctx, tx, actor, p, g, &v)
	})
	return result(v, err)
}

// personView builds the person page, without the review flags, inside tx,
// recording the care team read when it is shown.
func (s *Service) personView(ctx context.Context, tx store.Tx, actor heard.Actor, p heard.Person, g heard.Grant, rel heard.Relations) (PersonView, error) {
	now := s.now()
	v := PersonView{Person: policy.PersonFor(g, p), Basis: g.Basis, Emergency: g.Emergency,
		CanSeeCareTeam:       can(actor, heard.ActionReadCareTeam, p, rel, now),
		CanSeeAccessLog:      can(actor, heard.ActionReadAccessLog, p, rel, now),
		CanManageNetwork:     can(actor, heard.ActionUpdateNetwork, p, rel, now),
		SeesCapacity:         can(actor, heard.ActionReadCapacity, p, rel, now),
		CanSetCapacity:       can(actor, heard.ActionSetCapacity, p, rel, now),
		SeesPlan:             can(actor, heard.ActionReadPlan, p, rel, now),
		SeesEncounters:       can(actor, heard.ActionReadEncounters, p, rel, now),
		SeesCheckIns:         can(actor, heard.ActionReadCheckIns, p, rel, now),
		SeesDecisions:        can(actor, heard.ActionReadDecisions, p, rel, now),
		CanProposeInvitation: can(actor, heard.ActionProposeInvitation, p, rel, now),
		SeesMessages:         can(actor, heard.ActionReadMessages, p, rel, now),
	}
	if v.SeesCapacity {
		v.Capacity = p.Capacity
	} else {
		v.Person.Capacity = ""
	}
	if policy.SeesEmergencyNotices(g) {
		var err error
		if v.EmergencyNotices, err = emergencyNotices(ctx, tx, p.ID, now.AddDate(0, 0, -noticeDays)); err != nil {
			return v, err
		}
	}
	if !v.CanSeeCareTeam {
		return v, nil
	}
	var err error
	if v.CareTeam, err = careTeam(ctx, tx, p.ID, now); err != nil {
		return v, err
	}
	return v, tx.LogAccess(entry(actor, p.ID, heard.ActionReadCareTeam, g, heard.OutcomeAllowed, "", now))
}

func emergencyNotices(ctx context.Context, tx store.Tx, id heard.PersonID, since time.Time) ([]EmergencyNotice, error) {
	es, err := tx.ListEmergencyAccesses(ctx, store.EmergencyFilter{PersonID: id, OpenedSince: since})
	if err != nil {
		return nil, fmt.Errorf("emergency notices: %w", err)
	}
	var ids []heard.AccountID
	for _, e := range es {
		ids = append(ids, e.ProfessionalID)
	}
	names, err := accountNames(ctx, tx, ids...)
	if err != nil {
		return nil, err
	}
	out := make([]EmergencyNotice, len(es))
	for i, e := range es {
		out[i] = EmergencyNotice{Access: e, ProfessionalName: names[e.ProfessionalID]}
	}
	return out, nil
}

// CareTeam returns the professionals in an active care relation with the
// person, the primary contact first.
func (s *Service) CareTeam(ctx context.Context, actor heard.Actor, id heard.PersonID) ([]CareTeamMember, error) {
	var team []CareTeamMember
	err := s.personRead(ctx, actor, id, heard.ActionReadCareTeam, "", func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		var err error
		team, err = careTeam(ctx, tx, p.ID, s.now())
		return err
	})
	return result(team, err)
}

func careTeam(ctx context.Context, tx store.Tx, id heard.PersonID, now time.Time) ([]CareTeamMember, error) {
	rows, err := tx.ListCareTeam(ctx, id, now)
	if err != nil {
		return nil, fmt.Errorf("care team: %w", err)
	}
	team := make([]CareTeamMember, 0, len(rows))
	for _, r := range rows {
		team = append(team, CareTeamMember{Name: r.ProfessionalName, PeerWorker: r.PeerWorker, UnitName: r.UnitName, UnitPhone: r.UnitPhone, UnitReach: r.UnitReach,
			PrimaryContact: r.Relation.PrimaryContact,
			Since:          r.Relation.Confirmed, AddedByName: r.RequestedByName, ConfirmedByName: r.ConfirmedByName, Confirmed: r.Relation.Confirmed})
	}
	slices.SortStableFunc(team, func(a, b CareTeamMember) int {
		if a.PrimaryContact != b.PrimaryContact {
			if a.PrimaryContact {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	return team, nil
}

// CaseloadEntry is a person on a professional's caseload.
type CaseloadEntry struct {
	Person         heard.Person
	PrimaryContact bool
	Since          time.Time
	// New counts what others wrote in her record since the professional's
	// last visit.
	New int
}

// CaseloadView is a professional's persons and what is new in their
// records since the professional's last visit.
type CaseloadView struct {
	Entries []CaseloadEntry
	News    []NewsItem
}

// Caseload returns the persons the professional has an active care
// relation with, and what others wrote in their records since the
// professional's last visit.
func (s *Service) Caseload(ctx context.Context, actor heard.Actor) (CaseloadView, error) {
	var v CaseloadView
	err := s.store.Read(ctx, func(tx store.Tx) error {
		persons, err := s.listPersons(ctx, tx, actor, heard.ActionListCaseload, heard.BasisCare, store.PersonFilter{})
		if err != nil {
			return err
		}
		rels, err := tx.ListCareRelations(ctx, store.CareRelationFilter{ProfessionalID: actor.AccountID, ActiveAt: s.now()})
		if err != nil {
			return fmt.Errorf("caseload relations: %w", err)
		}
		for _, p := range persons {
			e := CaseloadEntry{Person: p}
			for _, r := range rels {
				if r.PersonID == p.ID {
					e.PrimaryContact = e.PrimaryContact || r.PrimaryContact
					if e.Since.IsZero() || r.Start.Before(e.Since) {
						e.Since = r.Start
					}
				}
			}
			v.Entries = append(v.Entries, e)
		}
		news, err := s.careNews(ctx, tx, actor, persons)
		if err != nil {
			return err
		}
		for _, it := range news {
			for i := range v.Entries {
				if v.Entries[i].Person.ID == it.Person.ID {
					v.Entries[i].New++
				}
			}
		}
		v.News = news[:min(len(news), newsShown)]
		return nil
	})
	return result(v, err)
}

// LinkedPersons returns the persons who have the network member in their
// network.
func (s *Service) LinkedPersons(ctx context.Context, actor heard.Actor) ([]heard.Person, error) {
	var out []heard.Person
	err := s.store.Read(ctx, func(tx store.Tx) error {
		var err error
		out, err = s.listPersons(ctx, tx, actor, heard.ActionListLinked, heard.BasisNetwork, store.PersonFilter{})
		return err
	})
	return result(out, err)
}

// FoundPerson is a search result for emergency access.
type FoundPerson struct {
	Person heard.Person
	// InCaseload is true when the professional needs no emergency access.
	InCaseload bool
	// EmergencyUntil is when the professional's emergency access in force
	// ends, zero when they have none: the page then opens rather than asks.
	EmergencyUntil time.Time
}

// minQuery keeps a search from listing the whole organisation.
const minQuery = 3

// FindPersons finds persons of the actor's organisation by name, for a
// professional who needs emergency access. Results show name and birth date
// only, and each shown person sees the search in their access log.
func (s *Service) FindPersons(ctx context.Context, actor heard.Actor, query string) ([]FoundPerson, error) {
	if _, err := policy.Scope(actor, heard.ActionFindPersons, s.now()); err != nil {
		return nil, err
	}
	query = strings.TrimSpace(query)
	if utf8.RuneCountInString(query) < minQuery {
		return nil, heard.Invalid([]heard.Problem{{Field: "q", Key: "emergency.search.too_short"}})
	}
	var out []FoundPerson
	err := s.store.Read(ctx, func(tx store.Tx) error {
		persons, err := s.listPersons(ctx, tx, actor, heard.ActionFindPersons, heard.BasisOrganisation, store.PersonFilter{NameQuery: query, Limit: 20})
		if err != nil {
			return err
		}
		for _, p := range persons {
			rels, err := tx.ListCareRelations(ctx, store.CareRelationFilter{PersonID: p.ID, ProfessionalID: actor.AccountID, ActiveAt: s.now(), Limit: 1})
			if err != nil {
				return err
			}
			open, err := tx.ListEmergencyAccesses(ctx, store.EmergencyFilter{PersonID: p.ID, ProfessionalID: actor.AccountID, ActiveAt: s.now(), Limit: 1})
			if err != nil {
				return err
			}
			found := FoundPerson{Person: p, InCaseload: len(rels) > 0}
			if len(open) > 0 {
				found.EmergencyUntil = open[0].Expires
			}
			out = append(out, found)
		}
		return nil
	})
	return result(out, err)
}

// flags counts, for the reader who may see them, decisions due for review
// and restrictions past their review date, and records those reads.
func (s *Service) flags(ctx context.Context, tx store.Tx, actor heard.Actor, p heard.Person, g heard.Grant, v *PersonView) error {
	if !v.SeesDecisions {
		return nil
	}
	now, today := s.now(), s.today()
	ds, err := tx.ListDecisions(ctx, store.DecisionFilter{PersonID: p.ID, ReviewBy: today})
	if err != nil {
		return fmt.Errorf("decisions due: %w", err)
	}
	rs, err := tx.ListRestrictions(ctx, store.RestrictionFilter{PersonID: p.ID, PastReviewOn: today})
	if err != nil {
		return fmt.Errorf("restrictions past review: %w", err)
	}
	v.DecisionsDue, v.RestrictionsPastReview = len(ds), len(rs)
	return tx.LogAccess(
		entry(actor, p.ID, heard.ActionReadDecisions, g, heard.OutcomeAllowed, "", now),
		entry(actor, p.ID, heard.ActionReadRestrictions, g, heard.OutcomeAllowed, "", now))
}
