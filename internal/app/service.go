package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/heard-health/heard/internal/audit"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/password"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// Options configures the service.
type Options struct {
	// Now is the clock; tests move it. Defaults to time.Now.
	Now func() time.Time
	// PasswordParams are the hashing costs for passwords set here.
	PasswordParams password.Params
	// Location is the service's time zone: it decides which calendar day
	// "today" is for review dates. Defaults to UTC.
	Location *time.Location
}

// Service is Heard's use cases.
type Service struct {
	store  store.Store
	now    func() time.Time
	params password.Params
	loc    *time.Location
}

// New returns the service on st.
func New(st store.Store, opts Options) *Service {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.PasswordParams == (password.Params{}) {
		opts.PasswordParams = password.DefaultParams
	}
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	return &Service{store: st, now: opts.Now, params: opts.PasswordParams, loc: opts.Location}
}

// At returns the service running on another clock. The demo uses it to
// replay months of a person's own check-ins and feedback through the same
// use cases, each at the time it happened; her access log then says when.
func (s *Service) At(now time.Time) *Service {
	c := *s
	c.now = func() time.Time { return now }
	return &c
}

// today is the service's current calendar day, YYYY-MM-DD.
func (s *Service) today() string { return heard.Day(s.now(), s.loc) }

// Ready reports whether the database answers.
func (s *Service) Ready(ctx context.Context) error { return s.store.Ping(ctx) }

// relations loads everything that ties actor to person now. Only the
// relations of the actor's own role are loaded: a professional's network
// links mean nothing to policy.
func (s *Service) relations(ctx context.Context, tx store.Tx, actor heard.Actor, p heard.Person, now time.Time) (heard.Relations, error) {
	var rel heard.Relations
	var err error
	switch actor.Role {
	case heard.RoleProfessional:
		rel.Care, err = tx.ListCareRelations(ctx, store.CareRelationFilter{PersonID: p.ID, ProfessionalID: actor.AccountID, ActiveAt: now})
		if err != nil {
			return rel, fmt.Errorf("load care relations: %w", err)
		}
		es, err := tx.ListEmergencyAccesses(ctx, store.EmergencyFilter{PersonID: p.ID, ProfessionalID: actor.AccountID, ActiveAt: now, Limit: 1})
		if err != nil {
			return rel, fmt.Errorf("load emergency access: %w", err)
		}
		if len(es) > 0 {
			rel.Emergency = &es[0]
		}
	case heard.RoleNetwork:
		ls, err := tx.ListNetworkLinks(ctx, store.NetworkLinkFilter{PersonID: p.ID, MemberID: actor.AccountID, CurrentAt: now})
		if err != nil {
			return rel, fmt.Errorf("load network link: %w", err)
		}
		if len(ls) > 0 {
			rel.Link = &ls[0]
		}
	}
	return rel, nil
}

// decider is a policy decision about one person, with relations loaded.
type decider func(actor heard.Actor, p heard.Person, rel heard.Relations, now time.Time) (heard.Grant, error)

// decide returns the usual policy decision for action.
func decide(action heard.Action) decider {
	return func(actor heard.Actor, p heard.Person, rel heard.Relations, now time.Time) (heard.Grant, error) {
		return policy.Decide(actor, action, p, rel, now)
	}
}

// personTx runs fn on person personID in a write transaction if policy
// lets actor perform action, and records the access. A refusal is recorded
// too, and committed, so the person can see who tried. fn runs inside the
// transaction; whatever it reads reaches the caller only if the log entry
// commits with it.
func (s *Service) personTx(ctx context.Context, actor heard.Actor, personID heard.PersonID, action heard.Action, resourceID string,
	fn func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error) error {
	return s.personTxWith(ctx, s.store.Write, actor, personID, action, resourceID, decide(action), fn)
}

// personRead is personTx for a use case that only reads: the person, the
// relations, the decision and the data come from one read snapshot beside
// the writer, and the entries are made durable before it returns.
func (s *Service) personRead(ctx context.Context, actor heard.Actor, personID heard.PersonID, action heard.Action, resourceID string,
	fn func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error) error {
	return s.personTxWith(ctx, s.store.Read, actor, personID, action, resourceID, decide(action), fn)
}

// personTxWith is personTx with the transaction (s.store.Read or Write)
// and the decision given.
func (s *Service) personTxWith(ctx context.Context, run func(context.Context, func(store.Tx) error) error, actor heard.Actor, personID heard.PersonID,
	action heard.Action, resourceID string, decide decider, fn func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error) error {
	var denied error // a refusal or a stale save: recorded, committed, returned
	var refused *heard.AccessEntry
	err := run(ctx, func(tx store.Tx) error {
		now := s.now()
		p, err := tx.GetPerson(ctx, personID)
		if err != nil {
			return err
		}
		rel, err := s.relations(ctx, tx, actor, p, now)
		if err != nil {
			return err
		}
		grant, err := decide(actor, p, rel, now)
		if err != nil {
			denied = err
			return tx.LogAccess(entry(actor, p.ID, action, heard.Grant{Basis: heard.BasisNone}, heard.OutcomeDenied, resourceID, now))
		}
		if err := fn(tx, p, grant, rel); err != nil {
			var st staleError
			if refusal(err) {
				// A look at a record the reader may not see (another
				// person's, an "only me" one): whatever fn did is rolled
				// back, but the attempt is the person's to see.
				e := entry(actor, p.ID, action, heard.Grant{Basis: grant.Basis}, heard.OutcomeDenied, resourceID, now)
				refused = &e
				return err
			}
			if errors.Is(err, errUnchanged) {
				return tx.LogAccess(entry(actor, p.ID, readFor[action], grant, heard.OutcomeAllowed, resourceID, now))
			}
			if !errors.As(err, &st) {
				return err
			}
			// Nothing was written, but the current record goes back to the
			// writer: record that read and keep the entry.
			denied = err
			return tx.LogAccess(entry(actor, p.ID, readFor[action], grant, heard.OutcomeAllowed, resourceID, now))
		}
		return tx.LogAccess(entry(actor, p.ID, action, grant, heard.OutcomeAllowed, resourceID, now))
	})
	if refused != nil {
		// Logged even if the caller has gone: the attempt was made.
		if lerr := s.store.Write(context.WithoutCancel(ctx), func(tx store.Tx) error { return tx.LogAccess(*refused) }); lerr != nil {
			return lerr
		}
	}
	if err != nil {
		return err
	}
	return denied
}

// refusal reports whether err is policy's "no" or "not there" for a
// record inside a granted person: both are logged as refused attempts.
func refusal(err error) bool {
	code := heard.ErrorCode(err)
	var overruled *refusedField
	return code == heard.CodeNotFound || code == heard.CodeForbidden || errors.As(err, &overruled)
}

// refusedField is a field problem that is a refusal by the policy (another
// reader rewording her words): the writer sees the field problem, and her
// access log shows the attempt.
type refusedField struct{ err error }

func (r *refusedField) Error() string { return r.err.Error() }
func (r *refusedField) Unwrap() error { return r.err }

// errUnchanged is what a write returns when it would change nothing: no
// version is made, and the log records a read of the record, not a write
// (which would tell her something changed).
var errUnchanged = errors.New("nothing to change")

// entry builds an access-log entry.
func entry(actor heard.Actor, person heard.PersonID, action heard.Action, g heard.Grant, outcome heard.Outcome, resourceID string, now time.Time) heard.AccessEntry {
	e := heard.AccessEntry{
		At: now, ActorID: actor.AccountID, ActorRole: actor.Role, Basis: g.Basis, PersonID: person, Action: action,
		ResourceID: resourceID, Outcome: outcome, ClientAddr: actor.ClientAddr, RequestID: actor.RequestID,
	}
	if g.Emergency != nil {
		e.Reason = g.Emergency.Reason
		if e.ResourceID == "" {
			e.ResourceID = string(g.Emergency.ID)
		}
		if action == heard.ActionOpenEmergency && outcome == heard.OutcomeAllowed {
			e.Detail = audit.OpeningDigest(*g.Emergency)
		}
	}
	return e
}

// listPersons returns the persons a list for action may show, and records
// that each was shown. Lists are reads too: a name on a caseload is the
// person's data.
func (s *Service) listPersons(ctx context.Context, tx store.Tx, actor heard.Actor, action heard.Action, basis heard.Basis, f store.PersonFilter) ([]heard.Person, error) {
	now := s.now()
	scope, err := policy.Scope(actor, action, now)
	if err != nil {
		return nil, err
	}
	f.Scope = scope
	persons, err := tx.ListPersons(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("list persons: %w", err)
	}
	entries := make([]heard.AccessEntry, len(persons))
	for i, p := range persons {
		entries[i] = entry(actor, p.ID, action, heard.Grant{Basis: basis}, heard.OutcomeAllowed, "", now)
	}
	return persons, tx.LogAccess(entries...)
}

// accountNames returns the names of accounts by ID, for showing who did what.
func accountNames(ctx context.Context, tx store.Tx, ids ...heard.AccountID) (map[heard.AccountID]string, error) {
	accs, err := accounts(ctx, tx, ids...)
	if err != nil {
		return nil, err
	}
	names := make(map[heard.AccountID]string, len(accs))
	for id, a := range accs {
		names[id] = a.Name
	}
	return names, nil
}

// Someone is an account as a record names it to its reader: name, role,
// whether a peer worker, and whether it is the person the record is about
// (her pages say "you").
type Someone struct {
	Name       string
	Role       heard.Role
	PeerWorker bool
	Her        bool
}

// someone names account a on a record about p; the zero account (none, or
// one that no longer exists) is the zero Someone.
func someone(p heard.Person, a heard.Account) Someone {
	if a.ID == "" {
		return Someone{}
	}
	return Someone{Name: a.Name, Role: a.Role, PeerWorker: a.PeerWorker, Her: a.ID == p.AccountID}
}

// accounts returns the accounts of ids; one that no longer exists is the
// zero account (no name).
func accounts(ctx context.Context, tx store.Tx, ids ...heard.AccountID) (map[heard.AccountID]heard.Account, error) {
	out := map[heard.AccountID]heard.Account{}
	for _, id := range ids {
		if _, ok := out[id]; ok || id == "" {
			continue
		}
		a, err := tx.GetAccount(ctx, id)
		switch heard.ErrorCode(err) {
		case "":
			out[id] = a
		case heard.CodeNotFound:
			out[id] = heard.Account{}
		default:
			return nil, err
		}
	}
	return out, nil
}

// result returns v only when err is nil. Reads load data inside their
// transaction; if the commit (with its access-log entry) fails, the data
// loaded must not reach the caller.
func result[T any](v T, err error) (T, error) {
	if err != nil {
		var zero T
		return zero, err
	}
	return v, nil
}

// Ask says whether actor may now do action on the person's record, for a
// page that only leads to it (a form): a refusal is logged as the refused
// attempt it is, and an allowance logs nothing, since the page writes
// nothing.
func (s *Service) Ask(ctx context.Context, actor heard.Actor, id heard.PersonID, action heard.Action) error {
	var denied error
	err := s.store.Write(ctx, func(tx store.Tx) error {
		now := s.now()
		p, err := tx.GetPerson(ctx, id)
		if err != nil {
			return err
		}
		rel, err := s.relations(ctx, tx, actor, p, now)
		if err != nil {
			return err
		}
		if _, err := decide(action)(actor, p, rel, now); err != nil {
			denied = err
			return tx.LogAccess(entry(actor, p.ID, action, heard.Grant{Basis: heard.BasisNone}, heard.OutcomeDenied, "", now))
		}
		return nil
	})
	if err != nil {
		return err
	}
	return denied
}
