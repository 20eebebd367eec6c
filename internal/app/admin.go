package app

import (
	"context"
	"crypto/rand"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/password"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// EnsureOrganisation returns the organisation of a single-organisation
// installation, creating it with the given name on first use. Operator
// commands (heard user create, heard demo) call it; no login reaches it.
func (s *Service) EnsureOrganisation(ctx context.Context, name string) (heard.Organisation, error) {
	var org heard.Organisation
	err := s.store.Write(ctx, func(tx store.Tx) error {
		orgs, err := tx.ListOrganisations(ctx)
		if err != nil {
			return err
		}
		if len(orgs) > 0 {
			org = orgs[0]
			return nil
		}
		org = heard.Organisation{ID: heard.NewID[heard.OrganisationID](), Name: name, CreatedAt: s.now()}
		return tx.CreateOrganisation(ctx, org)
	})
	return org, err
}

// Organisation returns the admin's organisation and its settings.
func (s *Service) Organisation(ctx context.Context, actor heard.Actor) (heard.Organisation, error) {
	if err := policy.DecideRole(actor, heard.ActionManageOrganisation); err != nil {
		return heard.Organisation{}, err
	}
	var org heard.Organisation
	err := s.store.Read(ctx, func(tx store.Tx) error {
		var err error
		org, err = tx.GetOrganisation(ctx, actor.OrganisationID)
		return err
	})
	return org, err
}

// SetRequireStaffTOTP makes two-factor login compulsory (or optional) for
// the organisation's staff.
func (s *Service) SetRequireStaffTOTP(ctx context.Context, actor heard.Actor, required bool) error {
	if err := policy.DecideRole(actor, heard.ActionManageOrganisation); err != nil {
		return err
	}
	return s.store.Write(ctx, func(tx store.Tx) error {
		org, err := tx.GetOrganisation(ctx, actor.OrganisationID)
		if err != nil {
			return err
		}
		org.RequireStaffTOTP = required
		return tx.UpdateOrganisation(ctx, org)
	})
}

// Units returns the organisation's units, for admins.
func (s *Service) Units(ctx context.Context, actor heard.Actor) ([]heard.Unit, error) {
	if err := policy.DecideRole(actor, heard.ActionManageOrganisation); err != nil {
		return nil, err
	}
	var units []heard.Unit
	err := s.store.Read(ctx, func(tx store.Tx) error {
		var err error
		units, err = tx.ListUnits(ctx, actor.OrganisationID)
		return err
	})
	return units, err
}

// CreateUnit adds a unit to the admin's organisation.
func (s *Service) CreateUnit(ctx context.Context, actor heard.Actor, name string, kind heard.UnitKind) (heard.Unit, error) {
	if err := policy.DecideRole(actor, heard.ActionManageOrganisation); err != nil {
		return heard.Unit{}, err
	}
	u := heard.Unit{ID: heard.NewID[heard.UnitID](), OrganisationID: actor.OrganisationID, Name: strings.TrimSpace(name), Kind: kind, CreatedAt: s.now()}
	if err := u.Validate(); err != nil {
		return u, err
	}
	return u, s.store.Write(ctx, func(tx store.Tx) error { return tx.CreateUnit(ctx, u) })
}

// SetUnitContact saves how a person reaches the unit: its phone number and,
// in words, when and how.
func (s *Service) SetUnitContact(ctx context.Context, actor heard.Actor, id heard.UnitID, phone, reach string) error {
	if err := policy.DecideRole(actor, heard.ActionManageOrganisation); err != nil {
		return err
	}
	phone, reach = strings.TrimSpace(phone), strings.TrimSpace(reach)
	if err := heard.ValidUnitContact(phone, reach); err != nil {
		return err
	}
	return s.store.Write(ctx, func(tx store.Tx) error { return tx.SetUnitContact(ctx, actor.OrganisationID, id, phone, reach) })
}

// SetUnitMessaging saves when the unit's team replies to messages, how
// long a message may wait unread before it goes to the unit's shared inbox,
// and the crisis note shown wherever a person or network member writes.
func (s *Service) SetUnitMessaging(ctx context.Context, actor heard.Actor, id heard.UnitID, hours heard.ReplyHours, crisisNote string) error {
	if err := policy.DecideRole(actor, heard.ActionManageOrganisation); err != nil {
		return err
	}
	crisisNote = strings.TrimSpace(crisisNote)
	problems := heard.Problems(hours.Validate())
	if utf8.RuneCountInString(crisisNote) > 1000 {
		problems = append(problems, heard.Problem{Field: "crisis_note", Key: "field.too_long"})
	}
	if err := heard.Invalid(problems); err != nil {
		return err
	}
	return s.store.Write(ctx, func(tx store.Tx) error { return tx.SetUnitMessaging(ctx, actor.OrganisationID, id, hours, crisisNote) })
}

// FindUnit returns the organisation's unit with the given name (case
// aside); ErrNotFound when there is none.
func (s *Service) FindUnit(ctx context.Context, actor heard.Actor, name string) (heard.UnitID, error) {
	units, err := s.Units(ctx, actor)
	if err != nil {
		return "", err
	}
	for _, u := range units {
		if strings.EqualFold(u.Name, strings.TrimSpace(name)) {
			return u.ID, nil
		}
	}
	return "", heard.ErrNotFound
}

// EnsureUnit returns the unit with the given name, creating it (kind
// "other") when the organisation has none by that name. Operator commands
// use it when asked to; admins create units with a kind on the web.
func (s *Service) EnsureUnit(ctx context.Context, actor heard.Actor, name string) (heard.UnitID, error) {
	id, err := s.FindUnit(ctx, actor, name)
	if heard.ErrorCode(err) != heard.CodeNotFound {
		return id, err
	}
	u, err := s.CreateUnit(ctx, actor, name, heard.UnitOther)
	return u.ID, err
}

// NewAccount is what an admin (or operator) gives to create an account.
type NewAccount struct {
	Email, Name string
	Role        heard.Role
	PeerWorker  bool
	// UnitID is required for professionals (member) and leaders (leader).
	UnitID heard.UnitID
	// BirthDate is optional, for persons.
	BirthDate string
	// Password, if empty, is generated and returned once.
	Password string
	// PasswordHash, if set, is used as it is (demo data hashes its one
	// password once for every account).
	PasswordHash string
}

// CreatedAccount is a new account, its person record for persons, and the
// generated password when none was given (shown once, never stored).
type CreatedAccount struct {
	Account  heard.Account
	PersonID heard.PersonID
	Password string
}

// CreateAccount creates an account and, for a person, their person record.
func (s *Service) CreateAccount(ctx context.Context, actor heard.Actor, na NewAccount) (CreatedAccount, error) {
	if err := policy.DecideRole(actor, heard.ActionManageOrganisation); err != nil {
		return CreatedAccount{}, err
	}
	now := s.now()
	a := heard.Account{ID: heard.NewID[heard.AccountID](), OrganisationID: actor.OrganisationID, Email: heard.NormalizeEmail(na.Email),
		Name: strings.TrimSpace(na.Name), Role: na.Role, PeerWorker: na.PeerWorker, CreatedAt: now}
	p := heard.Person{ID: heard.NewID[heard.PersonID](), OrganisationID: a.OrganisationID, AccountID: a.ID, Name: a.Name, BirthDate: strings.TrimSpace(na.BirthDate), CreatedAt: now}
	problems := heard.Problems(a.Validate())
	if a.Role == heard.RolePerson {
		problems = append(problems, heard.Problems(p.Validate())...)
	}
	needsUnit := a.Role == heard.RoleProfessional || a.Role == heard.RoleLeader
	if needsUnit && na.UnitID == "" {
		problems = append(problems, heard.Problem{Field: "unit", Key: "account.unit.required"})
	}
	generated := ""
	hash := na.PasswordHash
	if hash == "" {
		pw := na.Password
		if pw == "" {
			generated = generatePassword()
			pw = generated
		}
		st, err := s.State(ctx)
		if err != nil {
			return CreatedAccount{}, err
		}
		who := password.For{Email: a.Email, Name: a.Name, DemoDatabase: st.Demo != ""}
		problems = append(problems, heard.Problems(password.Check(pw, who))...)
		if len(problems) == 0 {
			var err error
			if hash, err = password.Hash(pw, s.params); err != nil {
				return CreatedAccount{}, fmt.Errorf("hash password: %w", err)
			}
		}
	}
	if err := heard.Invalid(problems); err != nil {
		return CreatedAccount{}, err
	}
	err := s.store.Write(ctx, func(tx store.Tx) error {
		if needsUnit {
			unit, err := tx.GetUnit(ctx, na.UnitID)
			if err != nil || unit.OrganisationID != a.OrganisationID {
				return heard.Invalid([]heard.Problem{{Field: "unit", Key: "account.unit.required"}})
			}
		}
		if err := tx.CreateAccount(ctx, a, hash); err != nil {
			if heard.ErrorCode(err) == heard.CodeConflict {
				return heard.Invalid([]heard.Problem{{Field: "email", Key: "account.email.taken"}})
			}
			return err
		}
		switch a.Role {
		case heard.RolePerson:
			if err := tx.CreatePerson(ctx, p); err != nil {
				return err
			}
			g := heard.Grant{Basis: heard.BasisAdmin}
			if actor.Role == heard.RoleSystem {
				g.Basis = heard.BasisSystem
			}
			return tx.LogAccess(entry(actor, p.ID, heard.ActionCreatePerson, g, heard.OutcomeAllowed, "", now))
		case heard.RoleProfessional:
			return tx.AddUnitMembership(ctx, heard.UnitMembership{UnitID: na.UnitID, AccountID: a.ID, Role: heard.UnitMember})
		case heard.RoleLeader:
			return tx.AddUnitMembership(ctx, leadership(actor, na.UnitID, a.ID))
		}
		return nil
	})
	if err != nil {
		return CreatedAccount{}, err
	}
	created := CreatedAccount{Account: a, Password: generated}
	if a.Role == heard.RolePerson {
		created.PersonID = p.ID
	}
	return created, nil
}

// AddUnitMembership makes an account a member or leader of a unit.
func (s *Service) AddUnitMembership(ctx context.Context, actor heard.Actor, account heard.AccountID, unit heard.UnitID, role heard.UnitRole) error {
	if err := policy.DecideRole(actor, heard.ActionManageOrganisation); err != nil {
		return err
	}
	m := heard.UnitMembership{UnitID: unit, AccountID: account, Role: role}
	if role == heard.UnitLeader {
		m = leadership(actor, unit, account)
	}
	return s.store.Write(ctx, func(tx store.Tx) error { return tx.AddUnitMembership(ctx, m) })
}

// leadership is a unit's leadership as actor gives it: in force from the
// operator's command line, which appoints a unit's first leader; waiting
// for a leader of the unit to confirm it when an admin gives it, so that
// no admin can make a leader who then grants them access.
func leadership(actor heard.Actor, unit heard.UnitID, account heard.AccountID) heard.UnitMembership {
	return heard.UnitMembership{UnitID: unit, AccountID: account, Role: heard.UnitLeader, Pending: !policy.AppointsLeaderAlone(actor)}
}

// generatePassword returns four groups of four characters from an
// alphabet without look-alikes: about 80 bits, readable over the phone.
func generatePassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	var sb strings.Builder
	for i, c := range b {
		if i > 0 && i%4 == 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(alphabet[int(c)%len(alphabet)])
	}
	return sb.String()
}

// AccountRow is an account as the admin's list shows it.
type AccountRow struct {
	Account heard.Account
	// PersonID is set for persons.
	PersonID heard.PersonID
	Units    []string
}

// AccountsPageSize is how many accounts a page of the admin list shows.
const AccountsPageSize = 50

// Accounts returns a page of the organisation's accounts, ordered by name.
// Persons shown on it see the admin's list in their access log.
func (s *Service) Accounts(ctx context.Context, actor heard.Actor, offset int) ([]AccountRow, error) {
	if err := policy.DecideRole(actor, heard.ActionManageOrganisation); err != nil {
		return nil, err
	}
	var rows []AccountRow
	err := s.store.Read(ctx, func(tx store.Tx) error {
		now := s.now()
		accounts, err := tx.ListAccounts(ctx, store.AccountFilter{OrganisationID: actor.OrganisationID, Limit: AccountsPageSize, Offset: max(offset, 0)})
		if err != nil {
			return err
		}
		units, err := unitNames(ctx, tx, actor.OrganisationID)
		if err != nil {
			return err
		}
		var entries []heard.AccessEntry
		for _, a := range accounts {
			row := AccountRow{Account: a}
			if a.Role == heard.RolePerson {
				p, err := tx.GetPersonByAccount(ctx, a.ID)
				if err != nil {
					return err
				}
				row.PersonID = p.ID
				entries = append(entries, entry(actor, p.ID, heard.ActionListPersons, heard.Grant{Basis: heard.BasisAdmin}, heard.OutcomeAllowed, "", now))
			}
			ms, err := tx.ListUnitMemberships(ctx, store.MembershipFilter{AccountID: a.ID})
			if err != nil {
				return err
			}
			for _, m := range ms {
				row.Units = append(row.Units, units[m.UnitID])
			}
			rows = append(rows, row)
		}
		return tx.LogAccess(entries...)
	})
	return result(rows, err)
}

func unitNames(ctx context.Context, tx store.Tx, org heard.OrganisationID) (map[heard.UnitID]string, error) {
	units, err := tx.ListUnits(ctx, org)
	if err != nil {
		return nil, err
	}
	names := map[heard.UnitID]string{}
	for _, u := range units {
		names[u.ID] = u.Name
	}
	return names, nil
}

// Professionals lists the organisation's professionals, for forms.
func (s *Service) Professionals(ctx context.Context, actor heard.Actor) ([]heard.Account, error) {
	if err := policy.DecideRole(actor, heard.ActionManageOrganisation); err != nil {
		return nil, err
	}
	var out []heard.Account
	err := s.store.Read(ctx, func(tx store.Tx) error {
		var err error
		out, err = tx.ListAccounts(ctx, store.AccountFilter{OrganisationID: actor.OrganisationID, Role: heard.RoleProfessional})
		return err
	})
	return result(out, err)
}

// PersonChoices lists the organisation's persons, for the admin's care
// relation form; each listed person sees it in their access log.
func (s *Service) PersonChoices(ctx context.Context, actor heard.Actor) ([]heard.Person, error) {
	var out []heard.Person
	err := s.store.Write(ctx, func(tx store.Tx) error {
		var err error
		out, err = s.listPersons(ctx, tx, actor, heard.ActionListPersons, heard.BasisAdmin, store.PersonFilter{Limit: 500})
		return err
	})
	return result(out, err)
}

// UnitSummary is a unit as its leader sees it: counts, never persons.
// Counts of persons are suppressed when small (policy.Counts).
type UnitSummary struct {
	Unit          heard.Unit
	Professionals int
	// Persons is how many persons have an active care relation in the unit.
	Persons heard.Count
	// OpenReviews is how many emergency accesses await the leader's review.
	OpenReviews int
	// RestrictionsPastReview counts restrictions in force past their review
	// date, on persons with a care relation in the unit.
	RestrictionsPastReview heard.Count
}

// LeaderUnits is the leader's units, with totals over them when there are
// two or more.
type LeaderUnits struct {
	Units                     []UnitSummary
	ShowTotals                bool
	Persons, RestrictionsPast heard.Count
	// MinCount is the smallest count of persons shown as it is.
	MinCount int
}

// LedUnits returns the units the leader leads.
func (s *Service) LedUnits(ctx context.Context, actor heard.Actor) (LeaderUnits, error) {
	if err := policy.DecideRole(actor, heard.ActionLeadUnits); err != nil {
		return LeaderUnits{}, err
	}
	var out []UnitSummary
	var persons, past []int
	err := s.store.Read(ctx, func(tx store.Tx) error {
		led, err := unitIDs(ctx, tx, store.MembershipFilter{AccountID: actor.AccountID, Role: heard.UnitLeader, InForce: true})
		if err != nil {
			return err
		}
		open, err := tx.ListEmergencyAccesses(ctx, store.EmergencyFilter{LedBy: actor.AccountID})
		if err != nil {
			return err
		}
		for _, id := range led {
			u, err := tx.GetUnit(ctx, id)
			if err != nil {
				return err
			}
			members, err := tx.ListUnitMemberships(ctx, store.MembershipFilter{UnitID: id, Role: heard.UnitMember})
			if err != nil {
				return err
			}
			rels, err := tx.ListCareRelations(ctx, store.CareRelationFilter{UnitID: id, ActiveAt: s.now()})
			if err != nil {
				return err
			}
			inUnit := map[heard.PersonID]bool{}
			for _, r := range rels {
				inUnit[r.PersonID] = true
			}
			pastReview, err := tx.ListRestrictions(ctx, store.RestrictionFilter{PastReviewOn: s.today(), InUnit: id, CareAt: s.now()})
			if err != nil {
				return err
			}
			sum := UnitSummary{Unit: u, Professionals: len(members)}
			persons, past = append(persons, len(inUnit)), append(past, len(pastReview))
			for _, e := range open {
				if e.Reviewed.IsZero() && slices.ContainsFunc(members, func(m heard.UnitMembership) bool { return m.AccountID == e.ProfessionalID }) {
					sum.OpenReviews++
				}
			}
			out = append(out, sum)
		}
		return nil
	})
	if err != nil {
		return LeaderUnits{}, err
	}
	v := LeaderUnits{Units: out, ShowTotals: len(out) > 1, MinCount: policy.MinCount}
	var personCounts, pastCounts []heard.Count
	personCounts, v.Persons = policy.Counts(persons)
	pastCounts, v.RestrictionsPast = policy.Counts(past)
	for i := range v.Units {
		v.Units[i].Persons, v.Units[i].RestrictionsPastReview = personCounts[i], pastCounts[i]
	}
	return v, nil
}
