package store

import (
	"context"
	"time"

	"github.com/heard-health/heard/internal/heard"
)

// Sentinel errors. They are the domain's errors, so a "not found" from
// storage reaches the user as a "not found" without translation.
var (
	// ErrNotFound: no such row, or a reference to a row that does not exist.
	ErrNotFound = heard.ErrNotFound
	// ErrConflict: a unique value is taken, or a state change was already made.
	ErrConflict = heard.ErrConflict
	// ErrStale: the record's version is not the one the save started from.
	ErrStale = heard.ErrStale
)

// Store opens transactions on one database.
type Store interface {
	// Write runs fn in a read-write transaction, committed when fn returns
	// nil and rolled back otherwise. Writes are serialised per database;
	// several callers' writes may share one durable commit, each in a
	// savepoint of its own. Write returns only after the commit.
	Write(ctx context.Context, fn func(Tx) error) error
	// Read runs fn in a read-only snapshot. The access-log entries fn
	// queues are durable before Read returns nil; if they cannot be made
	// durable, Read returns an error and what fn read must not be used.
	Read(ctx context.Context, fn func(Tx) error) error
	// Lookup runs fn outside a transaction, for one statement that reads
	// no person's data (the session check on every request): it saves the
	// transaction's round trips. fn may not queue access-log entries.
	Lookup(ctx context.Context, fn func(Tx) error) error
	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	// Durable returns an error saying why, when the database would
	// acknowledge a commit before it is safely on disk (SQLite below
	// synchronous=FULL, PostgreSQL with fsync or synchronous_commit off).
	Durable(ctx context.Context) error
	// Engine names the engine: "sqlite" or "postgres".
	Engine() string
	Close() error
}

// Transactor runs transactions that see only T, a slice of Tx. A package
// that needs a few of the store's methods (auth) depends on a Transactor of
// its own small interface, not on the whole Store.
type Transactor[T any] interface {
	Lookup(ctx context.Context, fn func(T) error) error
	Read(ctx context.Context, fn func(T) error) error
	Write(ctx context.Context, fn func(T) error) error
}

// Narrow returns s as a Transactor of T. T must be an interface that Tx
// implements: the package that declares T checks it at compile time with
// `var _ T = store.Tx(nil)`.
func Narrow[T any](s Store) Transactor[T] { return narrowed[T]{s} }

type narrowed[T any] struct{ s Store }

func (n narrowed[T]) Lookup(ctx context.Context, fn func(T) error) error {
	return n.s.Lookup(ctx, func(tx Tx) error { return fn(any(tx).(T)) })
}

func (n narrowed[T]) Read(ctx context.Context, fn func(T) error) error {
	return n.s.Read(ctx, func(tx Tx) error { return fn(any(tx).(T)) })
}

func (n narrowed[T]) Write(ctx context.Context, fn func(T) error) error {
	return n.s.Write(ctx, func(tx Tx) error { return fn(any(tx).(T)) })
}

// Tx is everything a transaction can do.
type Tx interface {
	Organisations
	Units
	Accounts
	Persons
	CareRelations
	NetworkLinks
	EmergencyAccesses
	Sessions
	LoginFailures
	LoginDevices
	AccessLog
	Meta
	Plans
	Goals
	Suggestions
	Encounters
	Decisions
	Feedback
	CheckIns
	Instruments
	Invitations
	Restrictions
	Messages
	Outbox
}

// Organisations stores organisations.
type Organisations interface {
	CreateOrganisation(ctx context.Context, o heard.Organisation) error
	// GetOrganisation returns ErrNotFound for an unknown ID.
	GetOrganisation(ctx context.Context, id heard.OrganisationID) (heard.Organisation, error)
	ListOrganisations(ctx context.Context) ([]heard.Organisation, error)
	// UpdateOrganisation saves the name and settings; ErrNotFound if unknown.
	UpdateOrganisation(ctx context.Context, o heard.Organisation) error
}

// Units stores units and who belongs to or leads them.
type Units interface {
	CreateUnit(ctx context.Context, u heard.Unit) error
	GetUnit(ctx context.Context, id heard.UnitID) (heard.Unit, error)
	ListUnits(ctx context.Context, org heard.OrganisationID) ([]heard.Unit, error)
	// SetUnitContact saves how to reach the organisation's unit;
	// ErrNotFound for a unit of another organisation.
	SetUnitContact(ctx context.Context, org heard.OrganisationID, id heard.UnitID, phone, reach string) error
	// SetUnitMessaging saves the unit's reply hours and crisis note;
	// ErrNotFound for a unit of another organisation.
	SetUnitMessaging(ctx context.Context, org heard.OrganisationID, id heard.UnitID, hours heard.ReplyHours, crisisNote string) error
	// AddUnitMembership returns ErrConflict if it exists and ErrNotFound if
	// the unit or account does not.
	AddUnitMembership(ctx context.Context, m heard.UnitMembership) error
	ListUnitMemberships(ctx context.Context, f MembershipFilter) ([]heard.UnitMembership, error)
	// ConfirmUnitLeader puts a waiting leadership in force; ErrConflict if
	// there is none waiting.
	ConfirmUnitLeader(ctx context.Context, unit heard.UnitID, account, by heard.AccountID) error
}

// MembershipFilter selects unit memberships; empty fields match all.
type MembershipFilter struct {
	UnitID    heard.UnitID
	AccountID heard.AccountID
	Role      heard.UnitRole
	// InForce keeps memberships in force; Waiting those waiting for a
	// leader's confirmation.
	InForce, Waiting bool
}

// Credentials is what login checks. It never leaves packages auth and store.
type Credentials struct {
	AccountID    heard.AccountID
	PasswordHash string
	TOTPSecret   string
	TOTPEnabled  bool
	// TOTPLastStep is the last time step accepted, so a code is used once.
	TOTPLastStep int64
}

// Accounts stores accounts and their credentials.
type Accounts interface {
	// CreateAccount returns ErrConflict when the email is taken.
	CreateAccount(ctx context.Context, a heard.Account, passwordHash string) error
	GetAccount(ctx context.Context, id heard.AccountID) (heard.Account, error)
	// GetAccountByEmail looks up a normalized address (heard.NormalizeEmail).
	GetAccountByEmail(ctx context.Context, email string) (heard.Account, error)
	// ListAccounts returns accounts ordered by name.
	ListAccounts(ctx context.Context, f AccountFilter) ([]heard.Account, error)
	CountAccounts(ctx context.Context) (int, error)
	SetAccountLocale(ctx context.Context, id heard.AccountID, locale string) error
	GetCredentials(ctx context.Context, id heard.AccountID) (Credentials, error)
	SetPasswordHash(ctx context.Context, id heard.AccountID, hash string) error
	SetTOTP(ctx context.Context, id heard.AccountID, secret string, enabled bool) error
	// UseTOTPStep records a time step as used; ErrConflict if it is not
	// newer than the last one (a replayed code).
	UseTOTPStep(ctx context.Context, id heard.AccountID, step int64) error
}

// AccountFilter selects accounts; empty fields match all.
type AccountFilter struct {
	OrganisationID heard.OrganisationID
	Role           heard.Role
	Limit, Offset  int
}

// Persons stores person records.
type Persons interface {
	// CreatePerson returns ErrConflict if the account already has a person.
	CreatePerson(ctx context.Context, p heard.Person) error
	GetPerson(ctx context.Context, id heard.PersonID) (heard.Person, error)
	GetPersonByAccount(ctx context.Context, id heard.AccountID) (heard.Person, error)
	// ListPersons returns the persons the scope allows, ordered by name.
	ListPersons(ctx context.Context, f PersonFilter) ([]heard.Person, error)
	SetCapacity(ctx context.Context, id heard.PersonID, c heard.Capacity, at time.Time) error
}

// PersonFilter selects persons. Scope is required: a zero scope lists nobody.
type PersonFilter struct {
	Scope heard.ListScope
	// NameQuery, if set, keeps persons whose folded name contains it.
	NameQuery     string
	Limit, Offset int
}

// CareRelations stores care relations.
type CareRelations interface {
	CreateCareRelation(ctx context.Context, c heard.CareRelation) error
	GetCareRelation(ctx context.Context, id heard.CareRelationID) (heard.CareRelation, error)
	// EndCareRelation sets the end; ErrConflict if it has ended already.
	EndCareRelation(ctx context.Context, id heard.CareRelationID, at time.Time) error
	// ConfirmCareRelation records a leader's confirmation; ErrConflict if
	// the relation is confirmed or ended already.
	ConfirmCareRelation(ctx context.Context, id heard.CareRelationID, by heard.AccountID, at time.Time) error
	// ListCareRelations returns relations ordered by start, newest first.
	// ListCareTeam returns the person's care relations in force at a
	// moment, with the names they are shown with, in one query.
	ListCareTeam(ctx context.Context, person heard.PersonID, at time.Time) ([]CareTeamRow, error)
	ListCareRelations(ctx context.Context, f CareRelationFilter) ([]heard.CareRelation, error)
}

// CareRelationFilter selects care relations; empty fields match all.
type CareRelationFilter struct {
	PersonID       heard.PersonID
	ProfessionalID heard.AccountID
	OrganisationID heard.OrganisationID
	UnitID         heard.UnitID
	// ActiveAt, if set, keeps relations active (confirmed, not ended) at
	// that moment.
	ActiveAt time.Time
	// Open keeps relations not ended, pending ones included; Pending only
	// those waiting for a leader's confirmation.
	Open, Pending bool
	// LedBy, if set, keeps relations in units this account leads.
	LedBy heard.AccountID
	Limit int
}

// NetworkLinks stores the links between persons and their network members.
type NetworkLinks interface {
	CreateNetworkLink(ctx context.Context, l heard.NetworkLink) error
	// GetNetworkLink returns the person's link; ErrNotFound for an unknown
	// ID or another person's.
	GetNetworkLink(ctx context.Context, person heard.PersonID, id heard.NetworkLinkID) (heard.NetworkLink, error)
	ListNetworkLinks(ctx context.Context, f NetworkLinkFilter) ([]heard.NetworkLink, error)
	SetNetworkLinkScopes(ctx context.Context, id heard.NetworkLinkID, scopes []heard.Scope) error
	// RenewNetworkLink sets when the person's unrevoked link's access
	// ends; ErrNotFound for another person's or a revoked link.
	RenewNetworkLink(ctx context.Context, person heard.PersonID, id heard.NetworkLinkID, until time.Time) error
	// RevokeNetworkLink ends the link; ErrConflict if it is revoked already.
	RevokeNetworkLink(ctx context.Context, id heard.NetworkLinkID, at time.Time) error
}

// NetworkLinkFilter selects network links; empty fields match all.
type NetworkLinkFilter struct {
	PersonID heard.PersonID
	MemberID heard.AccountID
	// ActiveOnly leaves out revoked links; CurrentAt, when set, also
	// those whose access period has ended by then.
	ActiveOnly bool
	CurrentAt  time.Time
}

// EmergencyAccesses stores emergency accesses and their review.
type EmergencyAccesses interface {
	CreateEmergencyAccess(ctx context.Context, e heard.EmergencyAccess) error
	GetEmergencyAccess(ctx context.Context, id heard.EmergencyAccessID) (heard.EmergencyAccess, error)
	// ListEmergencyAccesses returns accesses ordered by opening, newest
	// first unless f.OldestFirst.
	ListEmergencyAccesses(ctx context.Context, f EmergencyFilter) ([]heard.EmergencyAccess, error)
	// CountEmergencyAccesses counts what ListEmergencyAccesses would return
	// without Limit and Offset.
	CountEmergencyAccesses(ctx context.Context, f EmergencyFilter) (int, error)
	// ReviewEmergencyAccess records a leader's review; ErrConflict if done.
	ReviewEmergencyAccess(ctx context.Context, id heard.EmergencyAccessID, reviewer heard.AccountID, at time.Time, note string) error
}

// EmergencyFilter selects emergency accesses; empty fields match all.
type EmergencyFilter struct {
	PersonID       heard.PersonID
	ProfessionalID heard.AccountID
	// ActiveAt, if set, keeps accesses in force at that moment.
	ActiveAt time.Time
	// LedBy, if set, keeps accesses opened by members of units this account leads.
	LedBy heard.AccountID
	// OpenedSince, if set, keeps accesses opened at or after it.
	OpenedSince time.Time
	// Review, if set, keeps accesses waiting for review or reviewed.
	Review ReviewState
	// OldestFirst orders by opening, oldest first, so that paging through
	// what waits for review never skips one that newer openings push down.
	OldestFirst   bool
	Limit, Offset int
}

// ReviewState selects emergency accesses by their review.
type ReviewState string

// The review states a filter can ask for.
const (
	ReviewWaiting  ReviewState = "waiting"
	ReviewReviewed ReviewState = "reviewed"
)

// Session is a login session. ID is a hash of the secret token in the
// cookie, so a copy of the database does not hand out live sessions.
type Session struct {
	ID        string
	AccountID heard.AccountID
	CSRFToken string
	// SecondFactorPending is true between password and TOTP code: such a
	// session can do nothing but finish logging in.
	SecondFactorPending bool
	Created             time.Time
	LastSeen            time.Time
	Expires             time.Time
	// SinceSeq is where the access log stood when the account's previous
	// visit ended: what others wrote after it is "new since you were last
	// here".
	SinceSeq int64
}

// Sessions stores sessions. They live in the database so that several heard
// processes on one PostgreSQL share them.
type Sessions interface {
	CreateSession(ctx context.Context, s Session) error
	GetSession(ctx context.Context, id string) (Session, error)
	// GetSessionIdentity returns the session with its account, the
	// account's organisation and, for a person's account, the person, in
	// one query: the session check runs on almost every request.
	GetSessionIdentity(ctx context.Context, id string) (SessionIdentity, error)
	// TouchSession marks the session used at at, and moves its account's
	// visit on to the log as it stands.
	TouchSession(ctx context.Context, id string, at time.Time) error
	DeleteSession(ctx context.Context, id string) error
	// DeleteAccountSessions ends every session of the account except one
	// (pass "" to end all) and returns how many it ended.
	DeleteAccountSessions(ctx context.Context, id heard.AccountID, except string) (int, error)
	// DeleteExpiredSessions removes sessions that expired or were idle since
	// before the given moment.
	DeleteExpiredSessions(ctx context.Context, now, idleBefore time.Time) (int, error)
}

// CareTeamRow is a care relation with the names shown beside it. Names of
// accounts that no longer exist are empty.
type CareTeamRow struct {
	Relation         heard.CareRelation
	ProfessionalName string
	PeerWorker       bool
	UnitName         string
	UnitPhone        string
	UnitReach        string
	RequestedByName  string
	ConfirmedByName  string
}

// SessionIdentity is a session and everything the session check needs.
type SessionIdentity struct {
	Session      Session
	Account      heard.Account
	Organisation heard.Organisation
	// PersonID and Capacity are the person's, for a person's account;
	// empty otherwise.
	PersonID heard.PersonID
	Capacity heard.Capacity
}

// LoginFailures counts failed logins per key (an account's address, a
// client address) for throttling. Successful logins are never counted.
type LoginFailures interface {
	// AddLoginFailure records a failure under key; id names this record
	// alone ("" for one that is never taken back).
	AddLoginFailure(ctx context.Context, id, key string, at time.Time) error
	// CountLoginFailures returns the failures since a moment and the latest.
	CountLoginFailures(ctx context.Context, key string, since time.Time) (int, time.Time, error)
	ClearLoginFailures(ctx context.Context, key string) error
	// RemoveLoginFailure takes back the failure records with id.
	RemoveLoginFailure(ctx context.Context, id string) error
	PruneLoginFailures(ctx context.Context, before time.Time) error
}

// LoginDevices stores the browsers that have logged in to an account
// before, by a hash of the token in their device cookie.
type LoginDevices interface {
	CreateLoginDevice(ctx context.Context, id string, account heard.AccountID, at time.Time) error
	// GetLoginDevice returns the device's account; ErrNotFound if unknown.
	GetLoginDevice(ctx context.Context, id string) (heard.AccountID, error)
	TouchLoginDevice(ctx context.Context, id string, at time.Time) error
	// PruneLoginDevices removes devices unused since before.
	PruneLoginDevices(ctx context.Context, before time.Time) error
}

// AccessLog stores the hash-chained access log. It is append-only: there is
// no method to change or delete an entry, and the schema refuses both.
type AccessLog interface {
	// LogAccess queues entries for the log. The store numbers and chains
	// them after the head, locked once per batch so that appends from
	// several processes chain in order. In a Write they commit with the
	// write; in a Read they are made durable before Read returns. They are
	// lost if fn fails, and LogAccess fails once fn has returned.
	LogAccess(entries ...heard.AccessEntry) error
	// AccessHead returns the head without locking it.
	AccessHead(ctx context.Context) (heard.AccessHead, error)
	// ListAccessEntries returns a person's entries, newest first.
	ListAccessEntries(ctx context.Context, f AccessFilter) ([]heard.AccessEntry, error)
	// ListAccessActors returns the accounts in a person's latest f.Limit
	// entries (its ExcludeOwn and PersonID apply), for a filter by who, in
	// one query.
	ListAccessActors(ctx context.Context, f AccessFilter) ([]heard.Account, error)
	// ListNews returns the entries f selects, newest first. Each kind reads
	// a partial index of just those writes, so that a busy log of reads
	// costs nothing.
	ListNews(ctx context.Context, f NewsFilter) ([]heard.AccessEntry, error)
	// ScanAccessLog calls fn for every entry in sequence order.
	ScanAccessLog(ctx context.Context, fn func(heard.AccessEntry) error) error
}

// AccessFilter selects a person's access-log entries.
type AccessFilter struct {
	PersonID heard.PersonID
	// BeforeSeq, if set, keeps entries older than it (for paging).
	BeforeSeq int64
	// ExcludeOwn leaves out the person's own visits: the entries of an
	// account with the person role that was allowed in. A person is only
	// ever allowed into her own record, so another person's attempt, which
	// was refused, stays.
	ExcludeOwn bool
	// ActorID, if set, keeps one reader's entries; Actions, if set, those
	// of these actions (the person filtering her log by who and what).
	ActorID heard.AccountID
	Actions []heard.Action
	// OtherPersonsThan, if set, keeps the entries of accounts with the
	// person role other than this one (hers): other persons who use Heard.
	OtherPersonsThan heard.AccountID
	Limit            int
}

// NewsFilter selects what others wrote in persons' records since a reader's
// last visit: the allowed writes in the access log after a position.
type NewsFilter struct {
	// PersonID keeps the writes others made in her record that she is
	// told about (heard.PersonNews); CareOf (with CareAt) those in the
	// records of the persons the professional has an active care relation
	// with that the professional is told about (heard.CareNews).
	PersonID heard.PersonID
	CareOf   heard.AccountID
	CareAt   time.Time
	AfterSeq int64
	// Reader's own writes are left out.
	Reader heard.AccountID
	Limit  int
}

// MetaDemo is the Meta key that says whether the database holds the demo
// data set: "loading", "loaded", or unset.
const MetaDemo = "demo"

// Meta stores small facts about the database itself, such as whether it
// holds the demo data set.
type Meta interface {
	// GetMeta returns ErrNotFound for an unset key.
	GetMeta(ctx context.Context, key string) (string, error)
	SetMeta(ctx context.Context, key, value string) error
}

// Plans stores the parts of persons' plans and every version of them.
type Plans interface {
	// ListPlanParts returns the parts that have been written, in any order.
	ListPlanParts(ctx context.Context, person heard.PersonID) ([]heard.PlanPart, error)
	// GetPlanPart returns a part, or one with Version 0 if never written.
	GetPlanPart(ctx context.Context, person heard.PersonID, key heard.PlanPartKey) (heard.PlanPart, error)
	// SavePlanPart stores p as version expected+1 and records v as that
	// version. ErrStale if the part is not at version expected.
	SavePlanPart(ctx context.Context, p heard.PlanPart, expected int, v heard.Revision) error
	// ListPlanVersions returns a part's versions, newest first.
	ListPlanVersions(ctx context.Context, person heard.PersonID, key heard.PlanPartKey) ([]heard.Revision, error)
}

// Goals stores goals, their versions and progress notes.
type Goals interface {
	// ListGoals returns a person's goals, oldest first.
	ListGoals(ctx context.Context, person heard.PersonID) ([]heard.Goal, error)
	// GetGoal returns the person's goal; ErrNotFound for an unknown ID or
	// another person's.
	GetGoal(ctx context.Context, person heard.PersonID, id heard.GoalID) (heard.Goal, error)
	// CreateGoal stores g at version 1 with v as its first version.
	CreateGoal(ctx context.Context, g heard.Goal, v heard.Revision) error
	// UpdateGoal stores g as version expected+1; ErrStale otherwise.
	UpdateGoal(ctx context.Context, g heard.Goal, expected int, v heard.Revision) error
	// ListGoalVersions returns a goal's versions, newest first.
	ListGoalVersions(ctx context.Context, id heard.GoalID) ([]heard.Revision, error)
	AddGoalNote(ctx context.Context, n heard.GoalNote) error
	// ListGoalNotes returns a goal's notes, newest first.
	ListGoalNotes(ctx context.Context, id heard.GoalID) ([]heard.GoalNote, error)
}

// Suggestions stores suggested changes to plans.
type Suggestions interface {
	CreateSuggestion(ctx context.Context, s heard.Suggestion) error
	// GetSuggestion returns a suggestion made to the person; ErrNotFound for
	// an unknown ID or another person's.
	GetSuggestion(ctx context.Context, person heard.PersonID, id heard.SuggestionID) (heard.Suggestion, error)
	// ListSuggestions returns a person's suggestions, newest first.
	ListSuggestions(ctx context.Context, person heard.PersonID, status heard.SuggestionStatus) ([]heard.Suggestion, error)
	// ResolveSuggestion records the person's answer; ErrConflict if the
	// suggestion is no longer open.
	ResolveSuggestion(ctx context.Context, id heard.SuggestionID, status heard.SuggestionStatus, by heard.AccountID, at time.Time) error
}

// Encounters stores encounters, agenda items and preparations.
type Encounters interface {
	CreateEncounter(ctx context.Context, e heard.Encounter) error
	// GetEncounter returns the person's encounter; ErrNotFound for an
	// unknown ID or another person's.
	GetEncounter(ctx context.Context, person heard.PersonID, id heard.EncounterID) (heard.Encounter, error)
	// ListEncounters returns a person's encounters, newest first.
	ListEncounters(ctx context.Context, f EncounterFilter) ([]heard.Encounter, error)
	// UpdateEncounter saves everything but the reflection as version
	// expected+1; ErrStale otherwise.
	UpdateEncounter(ctx context.Context, e heard.Encounter, expected int) error
	// SetReflection saves the person's reflection as its version
	// expected+1; ErrStale otherwise.
	SetReflection(ctx context.Context, id heard.EncounterID, text string, at time.Time, expected int) error
	// SetNoteSharing sets which network members see the person's
	// encounter's shared note; ErrNotFound for another person's.
	SetNoteSharing(ctx context.Context, person heard.PersonID, id heard.EncounterID, members []heard.AccountID) error
	// SaveVoice saves a participant's own reflection: new when expected
	// is 0, else only over that version (ErrStale otherwise).
	SaveVoice(ctx context.Context, v heard.Voice, expected int) error
	// ListVoices returns the encounter's voices, oldest first.
	ListVoices(ctx context.Context, person heard.PersonID, id heard.EncounterID) ([]heard.Voice, error)
	AddAgendaItem(ctx context.Context, a heard.AgendaItem) error
	// ListAgendaItems returns an encounter's items, oldest first.
	ListAgendaItems(ctx context.Context, id heard.EncounterID) ([]heard.AgendaItem, error)
	// GetPreparation returns the preparation, Version 0 if none yet.
	GetPreparation(ctx context.Context, id heard.EncounterID) (heard.Preparation, error)
	// SavePreparation saves as version expected+1; ErrStale otherwise.
	SavePreparation(ctx context.Context, p heard.Preparation, expected int) error
}

// EncounterFilter selects a person's encounters.
type EncounterFilter struct {
	PersonID heard.PersonID
	// From and Before, if set, bound the start.
	From, Before time.Time
	Limit        int
}

// CheckIns stores the person's check-ins and how often she wants them.
type CheckIns interface {
	CreateCheckIn(ctx context.Context, c heard.CheckIn) error
	// ListCheckIns returns the person's check-ins made at or after since,
	// oldest first.
	ListCheckIns(ctx context.Context, person heard.PersonID, since time.Time) ([]heard.CheckIn, error)
	// LastCheckIn returns when she last checked in; zero when never.
	LastCheckIn(ctx context.Context, person heard.PersonID) (time.Time, error)
	// CheckInSchedule returns her schedule; ScheduleNever when unset.
	CheckInSchedule(ctx context.Context, person heard.PersonID) (heard.CheckInSchedule, error)
	SetCheckInSchedule(ctx context.Context, person heard.PersonID, s heard.CheckInSchedule, at time.Time) error
}

// Invitations stores invitations into persons' networks.
type Invitations interface {
	CreateInvitation(ctx context.Context, i heard.Invitation) error
	// ListInvitations returns the person's invitations, newest first.
	ListInvitations(ctx context.Context, person heard.PersonID) ([]heard.Invitation, error)
	// GetInvitationByToken returns the invitation with this token hash;
	// ErrNotFound when there is none.
	GetInvitationByToken(ctx context.Context, tokenHash string) (heard.Invitation, error)
	// WithdrawInvitation marks the person's pending invitation withdrawn;
	// ErrNotFound when it is not hers or no longer pending.
	WithdrawInvitation(ctx context.Context, person heard.PersonID, id heard.InvitationID, at time.Time) error
	// AcceptInvitation marks the invitation used by account, once:
	// ErrNotFound when it was used, withdrawn or expired meanwhile.
	AcceptInvitation(ctx context.Context, tokenHash string, account heard.AccountID, at time.Time) error
	CreateProposal(ctx context.Context, p heard.Proposal) error
	// ListProposals returns the person's proposals, newest first, with
	// the proposer's name.
	ListProposals(ctx context.Context, person heard.PersonID) ([]heard.Proposal, error)
	// CloseProposal records her answer to her open proposal; ErrNotFound
	// for another person's or a closed one.
	CloseProposal(ctx context.Context, person heard.PersonID, id heard.ProposalID, invited bool, at time.Time) error
}

// Instruments stores imported questionnaires and the answers to them.
type Instruments interface {
	CreateInstrument(ctx context.Context, in heard.Instrument) error
	// ListInstruments returns the organisation's instruments, oldest first.
	ListInstruments(ctx context.Context, org heard.OrganisationID) ([]heard.Instrument, error)
	GetInstrument(ctx context.Context, org heard.OrganisationID, id heard.InstrumentID) (heard.Instrument, error)
	CreateQuestionnaireResponse(ctx context.Context, r heard.QuestionnaireResponse) error
	// ListQuestionnaireResponses returns the person's answers, oldest first.
	ListQuestionnaireResponses(ctx context.Context, person heard.PersonID) ([]heard.QuestionnaireResponse, error)
}

// StoryFilter narrows the story pool; empty fields match everything.
// From and To are months, YYYY-MM, both included.
type StoryFilter struct {
	UnitID   heard.UnitID
	Kind     heard.StoryKind
	From, To string
}

// Feedback stores what participants say about meetings, and the story pool.
type Feedback interface {
	// ListFeedback returns the feedback on the person's meeting, oldest
	// first; none for a meeting of another person.
	ListFeedback(ctx context.Context, person heard.PersonID, encounter heard.EncounterID) ([]heard.Feedback, error)
	// ListFeedbackBy returns author's feedback on the person's meetings,
	// oldest first.
	ListFeedbackBy(ctx context.Context, person heard.PersonID, author heard.AccountID) ([]heard.Feedback, error)
	// SaveFeedback saves f as the version after expected (0: new, one per
	// author and meeting); ErrStale when that is no longer the version.
	SaveFeedback(ctx context.Context, f heard.Feedback, expected int) error
	CreateFeedbackLink(ctx context.Context, l heard.FeedbackLink) error
	// GetFeedbackLink returns the link with this token hash; ErrNotFound
	// when there is none.
	GetFeedbackLink(ctx context.Context, tokenHash string) (heard.FeedbackLink, error)
	// UseFeedbackLink marks the link used at at; ErrNotFound when it is
	// unknown, used or expired, so that it works once, whoever races.
	UseFeedbackLink(ctx context.Context, tokenHash string, at time.Time) error
	// FeedbackSettled returns the person's meetings on which author has
	// given feedback or said "not this time".
	FeedbackSettled(ctx context.Context, person heard.PersonID, author heard.AccountID) (map[heard.EncounterID]bool, error)
	// DismissFeedback records author's "not this time" for a meeting;
	// saying it twice is no error.
	DismissFeedback(ctx context.Context, person heard.PersonID, encounter heard.EncounterID, author heard.AccountID, at time.Time) error
	// CreateStory adds a de-identified story to the pool.
	CreateStory(ctx context.Context, s heard.Story) error
	// DeleteStory takes a story out of the pool; a story already gone is
	// no error.
	DeleteStory(ctx context.Context, org heard.OrganisationID, id heard.StoryID) error
	// ListStories returns the organisation's pool, newest month first.
	ListStories(ctx context.Context, org heard.OrganisationID, f StoryFilter) ([]heard.Story, error)
	// KnownNames returns the name of every person and account in the
	// organisation, for taking them out of stories.
	KnownNames(ctx context.Context, org heard.OrganisationID) ([]string, error)
}

// Decisions stores decision records.
type Decisions interface {
	CreateDecision(ctx context.Context, d heard.Decision) error
	// GetDecision returns a decision about the person; ErrNotFound for an
	// unknown ID or another person's.
	GetDecision(ctx context.Context, person heard.PersonID, id heard.DecisionID) (heard.Decision, error)
	// ListDecisions returns decisions, newest first.
	ListDecisions(ctx context.Context, f DecisionFilter) ([]heard.Decision, error)
	// UpdateDecision saves everything but the person's comment as the
	// version after previous, and keeps both in the decision's history;
	// ErrStale if previous is no longer the current version.
	UpdateDecision(ctx context.Context, d, previous heard.Decision) error
	// ListDecisionVersions returns the decision's kept versions, oldest
	// first, each with who saved it (UpdatedBy) and when (Updated).
	ListDecisionVersions(ctx context.Context, person heard.PersonID, id heard.DecisionID) ([]heard.Decision, error)
	// SetDecisionComment saves the person's comment; ErrStale otherwise.
	SetDecisionComment(ctx context.Context, id heard.DecisionID, text string, at time.Time, expected int) error
}

// DecisionFilter selects decisions.
type DecisionFilter struct {
	PersonID heard.PersonID
	// ReviewBy, if set (YYYY-MM-DD), keeps decisions with a review date on
	// or before it.
	ReviewBy string
	// CareOf, if set, keeps decisions about persons the account has an
	// active care relation with at CareAt.
	CareOf heard.AccountID
	CareAt time.Time
	Limit  int
}

// Restrictions stores restrictions and the organisation's legal bases.
type Restrictions interface {
	CreateRestriction(ctx context.Context, r heard.Restriction) error
	// GetRestriction returns a restriction placed on the person; ErrNotFound
	// for an unknown ID or another person's.
	GetRestriction(ctx context.Context, person heard.PersonID, id heard.RestrictionID) (heard.Restriction, error)
	// ListRestrictions returns restrictions, newest start first.
	ListRestrictions(ctx context.Context, f RestrictionFilter) ([]heard.Restriction, error)
	// UpdateRestriction saves everything but the person's view as version
	// expected+1; ErrStale otherwise.
	UpdateRestriction(ctx context.Context, r heard.Restriction, expected int) error
	// SetRestrictionView saves the person's view; ErrStale otherwise.
	SetRestrictionView(ctx context.Context, id heard.RestrictionID, text string, at time.Time, expected int) error
	CreateLegalBasis(ctx context.Context, l heard.LegalBasis) error
	GetLegalBasis(ctx context.Context, id heard.LegalBasisID) (heard.LegalBasis, error)
	ListLegalBases(ctx context.Context, org heard.OrganisationID) ([]heard.LegalBasis, error)
}

// RestrictionFilter selects restrictions.
type RestrictionFilter struct {
	PersonID heard.PersonID
	// PastReviewOn, if set (YYYY-MM-DD), keeps restrictions in force on
	// that day whose review date is before it.
	PastReviewOn string
	// CareOf keeps restrictions of persons the account has an active care
	// relation with at CareAt; InUnit those of persons with an active care
	// relation in the unit.
	CareOf heard.AccountID
	InUnit heard.UnitID
	CareAt time.Time
	Limit  int
}

// Messages stores threads between her side and her team, and their
// messages with the exact times they were read and answered.
type Messages interface {
	CreateThread(ctx context.Context, t heard.Thread) error
	// GetThread returns the person's thread; ErrNotFound for another's.
	GetThread(ctx context.Context, person heard.PersonID, id heard.ThreadID) (heard.Thread, error)
	// ListThreads returns threads with what waits in them, latest first.
	ListThreads(ctx context.Context, f ThreadFilter) ([]ThreadSummary, error)
	// AddMessage stores m and moves its thread's last time.
	AddMessage(ctx context.Context, m heard.Message) error
	// ListMessages returns the thread's messages, oldest first.
	ListMessages(ctx context.Context, person heard.PersonID, thread heard.ThreadID) ([]heard.Message, error)
	// MarkRead records by and at as the first read of every message from
	// her side in the thread not read before.
	MarkRead(ctx context.Context, person heard.PersonID, thread heard.ThreadID, by heard.AccountID, at time.Time) error
	// MarkReplied records by and at as the first reply to every message
	// from her side in the thread sent before at and not answered before.
	MarkReplied(ctx context.Context, person heard.PersonID, thread heard.ThreadID, by heard.AccountID, at time.Time) error
}

// ThreadFilter selects threads: one person's (PersonID), those of the
// persons in a professional's care (CareOf at CareAt), or those written to
// units (UnitIDs). Unanswered keeps threads with a message from her side
// no professional has answered; MemberID a network member's own.
type ThreadFilter struct {
	PersonID   heard.PersonID
	MemberID   heard.AccountID
	CareOf     heard.AccountID
	CareAt     time.Time
	UnitIDs    []heard.UnitID
	Unanswered bool
	Limit      int
}

// ThreadSummary is a thread with its person's and unit's names and what
// waits in it: messages from her side not yet read, and not yet answered,
// by a professional, with the oldest of each, and when the oldest
// unanswered one was first read (zero if not yet).
type ThreadSummary struct {
	Thread         heard.Thread
	PersonName     string
	UnitName       string
	MemberName     string
	Unread         int
	OldestUnread   time.Time
	Unanswered     int
	OldestWait     time.Time
	OldestWaitRead time.Time
}

// Outbox stores e-mail notifications until they are sent.
type Outbox interface {
	// Enqueue adds n unless an e-mail for its event exists: one event is
	// never sent twice.
	Enqueue(ctx context.Context, n heard.Notification) error
	// ClaimNotification claims the notification due longest at now for
	// lease, so that no other sender takes it meanwhile; ok is false when
	// none is due. Rows a stopped sender left uncertain are marked so
	// first.
	ClaimNotification(ctx context.Context, now time.Time, lease time.Duration) (n heard.Notification, ok bool, err error)
	// MarkSending records that the message is about to be completed.
	MarkSending(ctx context.Context, id string, at time.Time) error
	// MarkSent records delivery and erases the link.
	MarkSent(ctx context.Context, id string, at time.Time) error
	// MarkFailed releases the claim with the next try at next, or gives
	// up (erasing the link) when giveUp.
	MarkFailed(ctx context.Context, id string, attempts int, next time.Time, reason string, giveUp bool) error
	// ListNotifications returns the outbox, oldest first (for tests and
	// the operator).
	ListNotifications(ctx context.Context) ([]heard.Notification, error)
}
