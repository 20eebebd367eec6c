package policy

import (
	"slices"
	"time"

	"github.com/heard-health/heard/internal/heard"
)

// Decide says whether actor may perform action on person's record, given
// the actor's relations to that person, at time now.
func Decide(actor heard.Actor, action heard.Action, person heard.Person, rel heard.Relations, now time.Time) (heard.Grant, error) {
	if person.OrganisationID != actor.OrganisationID || person.ID == "" {
		return heard.Grant{}, heard.ErrNotFound
	}
	basis := basisFor(actor, person, rel, now)
	if basis == heard.BasisNone {
		return heard.Grant{}, heard.ErrNotFound
	}
	grant := heard.Grant{Basis: basis}
	if basis == heard.BasisEmergency {
		grant.Emergency = activeEmergency(rel, now)
	}
	if allowed(action, basis, rel) && !(actor.PeerWorker && slices.Contains(clinicianOnly, action)) {
		return grant, nil
	}
	return heard.Grant{}, heard.ErrForbidden
}

// clinicianOnly lists the actions a peer worker never performs. Coercive
// measures are decided and recorded by the responsible clinician under the
// law; a peer worker reads them and stands beside the person.
var clinicianOnly = []heard.Action{heard.ActionWriteRestriction}

// DecideDecidedBy says whether actor may record a decision as made by
// decidedBy. A peer worker records decisions the person made or made
// together with them, never a clinician's decision: that is the
// responsible clinician's to record.
func DecideDecidedBy(actor heard.Actor, decidedBy heard.DecidedBy) error {
	if actor.PeerWorker && decidedBy == heard.DecidedByProfessional {
		return heard.Invalid([]heard.Problem{{Field: "decided_by", Key: "decision.decided_by.peer_worker"}})
	}
	return nil
}

// DecidePreference says whether actor may change the preference of a
// decision about person from current's to text. Her preference is in her
// words: once she has written or corrected it herself, nobody else
// rewords it.
func DecidePreference(actor heard.Actor, person heard.Person, current heard.Decision, text string) error {
	if current.Preference == text || current.PreferenceBy == "" || current.PreferenceBy != person.AccountID || actor.AccountID == person.AccountID {
		return nil
	}
	return heard.Invalid([]heard.Problem{{Field: "preference", Key: "decision.preference.hers"}})
}

// basisFor finds the strongest relation between actor and person now. The
// order matters: a professional with a care relation acts on that, not on an
// emergency access they also hold.
func basisFor(actor heard.Actor, person heard.Person, rel heard.Relations, now time.Time) heard.Basis {
	switch actor.Role {
	case heard.RoleSystem:
		return heard.BasisSystem
	case heard.RoleAdmin:
		return heard.BasisAdmin
	case heard.RolePerson:
		if actor.PersonID != "" && actor.PersonID == person.ID && actor.AccountID == person.AccountID {
			return heard.BasisSelf
		}
	case heard.RoleProfessional:
		for _, c := range rel.Care {
			if c.ProfessionalID == actor.AccountID && c.PersonID == person.ID && c.ActiveAt(now) {
				return heard.BasisCare
			}
		}
		if e := activeEmergency(rel, now); e != nil && e.ProfessionalID == actor.AccountID && e.PersonID == person.ID {
			return heard.BasisEmergency
		}
	case heard.RoleNetwork:
		if l := rel.Link; l != nil && l.Current(now) && l.MemberID == actor.AccountID && l.PersonID == person.ID {
			return heard.BasisNetwork
		}
	}
	// Leaders and researchers have no basis to see a person's record: they
	// see units and de-identified material, never a person through these routes.
	return heard.BasisNone
}

func activeEmergency(rel heard.Relations, now time.Time) *heard.EmergencyAccess {
	if e := rel.Emergency; e != nil && e.ActiveAt(now) {
		return e
	}
	return nil
}

// rules says, per action, which bases allow it. Network members need the
// action's scope too (scopeFor). Anything not listed is denied.
var rules = map[heard.Action][]heard.Basis{
	heard.ActionReadPerson:   {heard.BasisSelf, heard.BasisCare, heard.BasisEmergency, heard.BasisNetwork, heard.BasisAdmin, heard.BasisSystem},
	heard.ActionReadCareTeam: {heard.BasisSelf, heard.BasisCare, heard.BasisEmergency, heard.BasisNetwork, heard.BasisAdmin, heard.BasisSystem},
	// Admins run the service; the person's access log (emergency
	// justifications) and network (names, "my mother", scopes) are health
	// content, the person's alone.
	heard.ActionReadAccessLog: {heard.BasisSelf, heard.BasisSystem},
	heard.ActionReadNetwork:   {heard.BasisSelf, heard.BasisSystem},
	heard.ActionUpdateNetwork: {heard.BasisSelf, heard.BasisSystem},
	// Her care team may propose someone to invite; the proposal waits for
	// her, and nobody but she sends an invitation.
	heard.ActionProposeInvitation: {heard.BasisCare},
	heard.ActionCreatePerson:      {heard.BasisAdmin, heard.BasisSystem},
	heard.ActionManageCare:        {heard.BasisAdmin, heard.BasisSystem},

	// The person's plan and the work around it: never for admins, who
	// manage accounts, not care; emergency access reads but never writes.
	heard.ActionReadPlan:             {heard.BasisSelf, heard.BasisCare, heard.BasisEmergency, heard.BasisNetwork},
	heard.ActionUpdatePlan:           {heard.BasisSelf},
	heard.ActionSuggestPlan:          {heard.BasisCare, heard.BasisNetwork},
	heard.ActionResolveSuggestion:    {heard.BasisSelf},
	heard.ActionAddGoalNote:          {heard.BasisSelf, heard.BasisCare},
	heard.ActionReadEncounters:       {heard.BasisSelf, heard.BasisCare, heard.BasisEmergency, heard.BasisNetwork},
	heard.ActionWriteEncounter:       {heard.BasisCare},
	heard.ActionAddAgendaItem:        {heard.BasisSelf, heard.BasisCare, heard.BasisNetwork},
	heard.ActionWriteReflection:      {heard.BasisSelf},
	heard.ActionWritePreparation:     {heard.BasisSelf},
	heard.ActionReadDecisions:        {heard.BasisSelf, heard.BasisCare, heard.BasisEmergency},
	heard.ActionWriteDecision:        {heard.BasisCare},
	heard.ActionCommentDecision:      {heard.BasisSelf},
	heard.ActionCorrectPreference:    {heard.BasisSelf},
	heard.ActionReadFeedback:         {heard.BasisSelf, heard.BasisCare},
	heard.ActionWriteFeedback:        {heard.BasisSelf, heard.BasisNetwork},
	heard.ActionDismissFeedback:      {heard.BasisSelf},
	heard.ActionCreateFeedbackLink:   {heard.BasisSelf, heard.BasisCare},
	heard.ActionReadRestrictions:     {heard.BasisSelf, heard.BasisCare, heard.BasisEmergency},
	heard.ActionWriteRestriction:     {heard.BasisCare},
	heard.ActionWriteRestrictionView: {heard.BasisSelf},
	heard.ActionReadCapacity:         {heard.BasisSelf, heard.BasisCare, heard.BasisEmergency},
	heard.ActionSetCapacity:          {heard.BasisSelf},
	// Her check-ins are hers and her care team's, to talk about how things
	// go; only she checks in or says how often.
	heard.ActionReadCheckIns:       {heard.BasisSelf, heard.BasisCare},
	heard.ActionCreateCheckIn:      {heard.BasisSelf},
	heard.ActionSetCheckInSchedule: {heard.BasisSelf},
	// Questionnaires go with the check-ins.
	heard.ActionReadQuestionnaires:  {heard.BasisSelf, heard.BasisCare},
	heard.ActionAnswerQuestionnaire: {heard.BasisSelf},
	// Every participant writes their own reflection beside hers; she
	// alone chooses who of her network sees the shared note.
	heard.ActionWriteVoice: {heard.BasisCare, heard.BasisNetwork},
	heard.ActionShareNote:  {heard.BasisSelf},
	// Messages are between her side and her team; a network member writes
	// only if she shares the messages scope, and only in their own
	// threads (SeesThread).
	heard.ActionReadMessages: {heard.BasisSelf, heard.BasisCare, heard.BasisNetwork},
	heard.ActionWriteMessage: {heard.BasisSelf, heard.BasisCare, heard.BasisNetwork},
}

// scopesFor lists the scopes of which a network member needs one for an
// action; an action without an entry is closed to network members beyond
// reading the summary.
var scopesFor = map[heard.Action][]heard.Scope{
	heard.ActionReadCareTeam:   {heard.ScopeCareTeam},
	heard.ActionReadPlan:       {heard.ScopePlan, heard.ScopeCrisisPlan},
	heard.ActionSuggestPlan:    {heard.ScopePlan, heard.ScopeCrisisPlan},
	heard.ActionReadEncounters: {heard.ScopeMeetings},
	heard.ActionReadMessages:   {heard.ScopeMessages},
	heard.ActionAddAgendaItem:  {heard.ScopeMeetings},
	heard.ActionWriteFeedback:  {heard.ScopeMeetings},
	heard.ActionWriteVoice:     {heard.ScopeMeetings},
	heard.ActionWriteMessage:   {heard.ScopeMessages},
}

func allowed(action heard.Action, basis heard.Basis, rel heard.Relations) bool {
	if !slices.Contains(rules[action], basis) {
		return false
	}
	if basis != heard.BasisNetwork || action == heard.ActionReadPerson {
		return true
	}
	return slices.ContainsFunc(scopesFor[action], rel.Link.Grants)
}

// The functions below decide, record by record, what a granted reader
// sees. The app asks them for every part, goal and encounter it returns.

// partScope is the scope a network member needs to see a plan part.
func partScope(key heard.PlanPartKey) heard.Scope {
	if key == heard.PartCrisis {
		return heard.ScopeCrisisPlan
	}
	return heard.ScopePlan
}

// SeesPlanPart says whether a reader with grant sees a plan part. "Only
// me" parts are the person's alone.
func SeesPlanPart(g heard.Grant, rel heard.Relations, key heard.PlanPartKey, private bool) bool {
	switch {
	case g.Basis == heard.BasisSelf:
		return true
	case private:
		return false
	case g.Basis == heard.BasisCare || g.Basis == heard.BasisEmergency:
		return true
	case g.Basis == heard.BasisNetwork:
		return rel.Link.Grants(partScope(key))
	}
	return false
}

// SeesGoal says whether a reader with grant sees a goal; goals belong to
// the plan scope.
func SeesGoal(g heard.Grant, rel heard.Relations, private bool) bool {
	return SeesPlanPart(g, rel, heard.PartAbout, private)
}

// CanSuggest says whether someone with grant may suggest a change to a
// part ("" for goals). Suggestions are for what they can see; the person
// never suggests to themself: they edit.
func CanSuggest(g heard.Grant, rel heard.Relations, key heard.PlanPartKey, private bool) bool {
	if key == "" {
		key = heard.PartAbout
	}
	if g.Basis != heard.BasisCare && g.Basis != heard.BasisNetwork {
		return false
	}
	return SeesPlanPart(g, rel, key, private)
}

// SeesSuggestion says whether a reader with grant sees a suggestion: the
// person sees every suggestion made to them; anyone else only their own,
// so one professional's proposal is not shown to another before the person
// has answered it.
func SeesSuggestion(g heard.Grant, actor heard.Actor, sg heard.Suggestion) bool {
	return g.Basis == heard.BasisSelf || sg.Author == actor.AccountID
}

// Hidden looks exactly like absent. Only the person edits the plan, so only
// the person gets version numbers: anyone else counting them could tell
// that some versions were "only me". An "only me" part looks to them like
// a part never written.

// PlanPartFor returns a part as a reader with grant sees it, and whether
// they see it at all.
func PlanPartFor(g heard.Grant, rel heard.Relations, part heard.PlanPart) (heard.PlanPart, bool) {
	if g.Basis == heard.BasisSelf {
		return part, true
	}
	if part.Private {
		part = heard.PlanPart{PersonID: part.PersonID, Key: part.Key, Fields: map[string]string{}}
	}
	part.Version = 0
	return part, SeesPlanPart(g, rel, part.Key, false)
}

// GoalFor returns a goal as a reader with grant sees it, and false when
// it is hidden from them, which the caller treats as not there.
func GoalFor(g heard.Grant, rel heard.Relations, goal heard.Goal) (heard.Goal, bool) {
	if !SeesGoal(g, rel, goal.Private) {
		return heard.Goal{}, false
	}
	if g.Basis != heard.BasisSelf {
		goal.Version = 0
	}
	return goal, true
}

// SuggestionFor returns a suggestion as a reader sees it (see
// SeesSuggestion), without the version it was made on for anyone but the
// person.
func SuggestionFor(g heard.Grant, actor heard.Actor, sg heard.Suggestion) (heard.Suggestion, bool) {
	if !SeesSuggestion(g, actor, sg) {
		return heard.Suggestion{}, false
	}
	if g.Basis != heard.BasisSelf {
		sg.BaseVersion = 0
	}
	return sg, true
}

// SeesEncounter says whether a reader sees an encounter at all: network
// members see only meetings they take part in.
func SeesEncounter(g heard.Grant, actor heard.Actor, e heard.Encounter) bool {
	switch g.Basis {
	case heard.BasisSelf, heard.BasisCare, heard.BasisEmergency:
		return true
	case heard.BasisNetwork:
		return e.HasParticipant(actor.AccountID)
	}
	return false
}

// SeesEncounterNotes says whether a reader sees the shared note, the
// person's reflection and preparation: the person and their professionals,
// not network members who took part.
func SeesEncounterNotes(g heard.Grant) bool {
	return g.Basis == heard.BasisSelf || g.Basis == heard.BasisCare || g.Basis == heard.BasisEmergency
}

// InTime says whether a meeting takes action at now, whoever may take it:
// agenda items and the person's preparation belong before it starts, and
// her reflection after it (for a meeting held without her, or one she
// missed, that reflection is her view of what was decided without her).
// Preparing for a meeting held without her is not offered: she will not be
// there to bring anything up.
func InTime(action heard.Action, e heard.Encounter, now time.Time) bool {
	before := now.Before(e.Start)
	switch action {
	case heard.ActionAddAgendaItem:
		return before
	case heard.ActionWritePreparation:
		return before && !e.WithoutPerson()
	case heard.ActionWriteReflection, heard.ActionWriteVoice:
		return !before
	case heard.ActionWriteFeedback, heard.ActionDismissFeedback:
		return !before && !e.WithoutPerson() && e.Present != heard.PresenceAbsent
	}
	return true
}

// DecideFeedbackLink says whether a feedback link lets its holder give
// feedback now: once, before it expires. Used, expired and unknown links
// are all "not found", so the page cannot tell them apart.
func DecideFeedbackLink(l heard.FeedbackLink, now time.Time) (heard.Grant, error) {
	if l.TokenHash == "" || !l.Usable(now) {
		return heard.Grant{}, heard.ErrNotFound
	}
	return heard.Grant{Basis: heard.BasisFeedbackLink}, nil
}

// DecideInvitation says whether an invitation's link lets its holder join
// her network now: once, before it expires, unless she withdrew it. Every
// other state is "not found", so the page cannot tell them apart.
func DecideInvitation(inv heard.Invitation, now time.Time) error {
	if inv.TokenHash == "" || !inv.Pending(now) {
		return heard.ErrNotFound
	}
	return nil
}

// FeedbackFor returns feedback as a reader with grant may see it, and
// false when they may not see it at all: its author always; a professional
// in her care only when she shared it with the professionals and they were
// in the meeting (its participants, and whoever recorded it). Nobody else,
// and never as a score on anyone.
func FeedbackFor(g heard.Grant, actor heard.Actor, e heard.Encounter, f heard.Feedback) (heard.Feedback, bool) {
	if actor.AccountID == f.Author {
		return f, true
	}
	if g.Basis != heard.BasisCare || !f.SharedWith(heard.ShareProfessionals) {
		return heard.Feedback{}, false
	}
	inMeeting := e.CreatedBy == actor.AccountID
	for _, p := range e.Participants {
		inMeeting = inMeeting || (p.Account != "" && p.Account == actor.AccountID)
	}
	if !inMeeting {
		return heard.Feedback{}, false
	}
	// Only its author saves it again, and only she knows whether she also
	// gave it to the pool.
	f.Version, f.Stories, f.Share = 0, nil, []heard.Share{heard.ShareProfessionals}
	return f, true
}

// Missed reports whether the person was not at a meeting that has
// happened: held without her, or she did not come.
func Missed(e heard.Encounter, now time.Time) bool {
	return !now.Before(e.Start) && e.WithoutPerson()
}

// EncounterFor returns an encounter as a reader with grant may see it, and
// false when they may not see it at all. Every list and single view of a
// meeting passes through here, so no surface can send a field the reader
// may not see.
func EncounterFor(g heard.Grant, actor heard.Actor, e heard.Encounter) (heard.Encounter, bool) {
	if !SeesEncounter(g, actor, e) {
		return heard.Encounter{}, false
	}
	if !SeesSharedNote(g, actor, e) {
		e.SharedNote, e.NoteBy, e.NoteAt = "", "", time.Time{}
		e.Reflection, e.ReflectionAt, e.ReflectionVersion = "", time.Time{}, 0
	}
	if g.Basis != heard.BasisSelf {
		e.NoteSharedWith = nil // her choice is hers to see
	}
	if g.Basis == heard.BasisNetwork {
		e.ReflectionVersion = 0
	}
	return e, true
}

// SeesSharedNote says whether a reader sees a meeting's shared note and
// her reflection: she and her professionals always; a network member who
// took part only if she chose to show it to them.
func SeesSharedNote(g heard.Grant, actor heard.Actor, e heard.Encounter) bool {
	return SeesEncounterNotes(g) || g.Basis == heard.BasisNetwork && e.HasParticipant(actor.AccountID) && e.SharesNoteWith(actor.AccountID)
}

// VoicesFor picks the participants' own reflections a reader sees beside
// hers: all of them where the reader sees the shared note, else only the
// reader's own.
func VoicesFor(g heard.Grant, actor heard.Actor, e heard.Encounter, vs []heard.Voice) []heard.Voice {
	if SeesSharedNote(g, actor, e) {
		return vs
	}
	var out []heard.Voice
	for _, v := range vs {
		if v.Author == actor.AccountID {
			out = append(out, v)
		}
	}
	return out
}

// PersonFor returns the person's summary as a reader with grant sees it:
// a network member knows the person and sees their name, not the birth date
// and capacity the service records.
func PersonFor(g heard.Grant, p heard.Person) heard.Person {
	if g.Basis == heard.BasisNetwork {
		p.BirthDate, p.Capacity, p.CapacitySet = "", "", time.Time{}
	}
	return p
}

// SeesEmergencyNotices says whether a reader is shown, on the person's
// page, the recent emergency openings of the record: the person alone, in
// plain words (everyone's openings stay in their access log for good).
func SeesEmergencyNotices(g heard.Grant) bool { return g.Basis == heard.BasisSelf }

// AccessEntryFor returns an access-log entry as its reader sees it. The
// log keeps staff network addresses and request IDs for audit; the person
// reads who, what, when and why, not where staff sat.
func AccessEntryFor(g heard.Grant, e heard.AccessEntry) heard.AccessEntry {
	if g.Basis != heard.BasisSystem {
		e.ClientAddr, e.RequestID, e.PrevHash, e.Hash = "", "", "", ""
	}
	return e
}

// NamesReader says whether a person's log may name the reader of an entry.
// Another person who tried to open her record (and was refused) is not
// named: that they use Heard is their health information, not hers.
func NamesReader(reader heard.Account, person heard.Person) bool {
	return reader.Role != heard.RolePerson || (reader.ID == person.AccountID && person.AccountID != "")
}

// DecideEmergency says whether actor may open emergency access to person:
// only a professional of the same organisation, and only without a care
// relation (with one, they need no emergency access).
func DecideEmergency(actor heard.Actor, person heard.Person, rel heard.Relations, now time.Time) (heard.Grant, error) {
	if person.OrganisationID != actor.OrganisationID || person.ID == "" {
		return heard.Grant{}, heard.ErrNotFound
	}
	if actor.Role != heard.RoleProfessional {
		if basisFor(actor, person, rel, now) == heard.BasisNone {
			return heard.Grant{}, heard.ErrNotFound
		}
		return heard.Grant{}, heard.ErrForbidden
	}
	switch basisFor(actor, person, rel, now) {
	case heard.BasisCare:
		return heard.Grant{}, heard.Errorf(heard.CodeConflict, "emergency.not_needed")
	case heard.BasisEmergency:
		// An access in force is neither reopened nor extended: each opening
		// is four hours, given a reason and reviewed, never a rolling one.
		return heard.Grant{}, heard.Errorf(heard.CodeConflict, "emergency.active")
	}
	return heard.Grant{Basis: heard.BasisEmergency}, nil
}

// DecideReview says whether actor may see and review an emergency access:
// a leader of a unit the professional who opened it belongs to.
func DecideReview(actor heard.Actor, ledUnits, professionalUnits []heard.UnitID) (heard.Grant, error) {
	if actor.Role != heard.RoleLeader {
		return heard.Grant{}, heard.ErrForbidden
	}
	for _, u := range professionalUnits {
		if slices.Contains(ledUnits, u) {
			return heard.Grant{Basis: heard.BasisLeader}, nil
		}
	}
	return heard.Grant{}, heard.ErrNotFound
}

// roleActions lists the actions that depend on the role alone.
var roleActions = map[heard.Action][]heard.Role{
	heard.ActionManageOrganisation: {heard.RoleAdmin, heard.RoleSystem},
	heard.ActionLeadUnits:          {heard.RoleLeader},
	heard.ActionReviewEmergency:    {heard.RoleLeader},
	// The story pool holds no person's record: leaders and researchers
	// read it, each in their own organisation.
	heard.ActionReadStories: {heard.RoleLeader, heard.RoleResearcher},
	// Admins import the instruments the service holds licences for.
	heard.ActionManageInstruments: {heard.RoleAdmin, heard.RoleSystem},
	// Professionals read the list of legal bases to record restrictions.
	heard.ActionReadLegalBases: {heard.RoleAdmin, heard.RoleSystem, heard.RoleProfessional},
}

// DecideRole says whether actor may perform an action that is not about one
// person, such as managing units or looking at the units they lead.
func DecideRole(actor heard.Actor, action heard.Action) error {
	if slices.Contains(roleActions[action], actor.Role) {
		return nil
	}
	return heard.ErrForbidden
}

// Scope says which persons a list for action may include. Lists are where a
// leak would be widest, so every list query takes its scope from here.
func Scope(actor heard.Actor, action heard.Action, now time.Time) (heard.ListScope, error) {
	s := heard.ListScope{Kind: heard.ListNone, AccountID: actor.AccountID, OrganisationID: actor.OrganisationID, At: now}
	switch {
	case (action == heard.ActionListCaseload || action == heard.ActionListDue) && actor.Role == heard.RoleProfessional:
		s.Kind = heard.ListCareRelations
	case action == heard.ActionFindPersons && actor.Role == heard.RoleProfessional:
		s.Kind = heard.ListOrganisation
	case action == heard.ActionListLinked && actor.Role == heard.RoleNetwork:
		s.Kind = heard.ListNetworkLinks
	case action == heard.ActionListPersons && (actor.Role == heard.RoleAdmin || actor.Role == heard.RoleSystem):
		s.Kind = heard.ListOrganisation
	default:
		return s, heard.ErrForbidden
	}
	return s, nil
}

// MinCount is the smallest number of persons a count about them shows as
// it is; smaller numbers show as "fewer than MinCount". Zero shows as zero:
// it singles out nobody.
const MinCount = 5

// Counts returns counts of persons as a leader may see them, and their
// total, which the caller shows only with two or more cells. A cell of 1 to
// 4 shows as "fewer than"; the total is then withheld (complementary
// suppression), because with the other cells it would tell the small ones:
// one hidden cell exactly, several whenever their sum pins them (two cells
// summing to 8 are both 4).
func Counts(cells []int) ([]heard.Count, heard.Count) {
	out := make([]heard.Count, len(cells))
	total, hidden := 0, false
	for i, n := range cells {
		total += n
		out[i] = count(n)
		hidden = hidden || out[i].State != heard.CountShown
	}
	sum := count(total)
	if hidden && sum.State == heard.CountShown {
		sum = heard.Count{State: heard.CountWithheld}
	}
	return out, sum
}

func count(n int) heard.Count {
	if n > 0 && n < MinCount {
		return heard.Count{State: heard.CountFewer, Below: MinCount}
	}
	return heard.Count{N: n, State: heard.CountShown}
}

// DecideConfirmCare says whether actor may confirm (or turn down) care
// relation c of person: a leader of the relation's unit in the person's
// organisation, and never the one who asked for it, so that no one grants
// access to a record alone. Relations outside the leader's units are not
// found.
func DecideConfirmCare(actor heard.Actor, person heard.Person, c heard.CareRelation, ledUnits []heard.UnitID) (heard.Grant, error) {
	if actor.Role != heard.RoleLeader || person.OrganisationID != actor.OrganisationID || !slices.Contains(ledUnits, c.UnitID) {
		return heard.Grant{}, heard.ErrNotFound
	}
	if c.RequestedBy == actor.AccountID {
		return heard.Grant{}, heard.Errorf(heard.CodeForbidden, "relation.confirm_own")
	}
	return heard.Grant{Basis: heard.BasisLeader}, nil
}

// DecideConfirmLeader says whether actor may put a waiting leadership of
// unit in force: a leader in office of that unit, never the candidate.
// Units the actor does not lead are not found.
func DecideConfirmLeader(actor heard.Actor, ledUnits []heard.UnitID, unit heard.UnitID, candidate heard.AccountID) error {
	if actor.Role != heard.RoleLeader || !slices.Contains(ledUnits, unit) {
		return heard.ErrNotFound
	}
	if candidate == actor.AccountID {
		return heard.ErrForbidden
	}
	return nil
}

// AppointsLeaderAlone says whether a leadership actor gives is in force at
// once: only from the operator's command line, which appoints a unit's
// first leader. An admin's waits for a leader in office of the unit
// (DecideConfirmLeader).
func AppointsLeaderAlone(actor heard.Actor) bool { return actor.Role == heard.RoleSystem }

// DecideThread decides an action on one of her threads. Her own side and
// her care team decide as usual, and a network member sees only the
// threads they write in. A professional of the unit she wrote to, outside
// her care team, may open the thread while it is in the unit's shared
// inbox (a message from her side was not read within the unit's set time,
// and it stays there until someone answers): that thread, and nothing
// else of her record.
func DecideThread(actor heard.Actor, action heard.Action, person heard.Person, rel heard.Relations, t heard.Thread, inUnit, waiting bool, now time.Time) (heard.Grant, error) {
	g, err := Decide(actor, action, person, rel, now)
	if err == nil {
		if !SeesThread(g, actor, t) {
			return heard.Grant{}, heard.ErrNotFound
		}
		return g, nil
	}
	if actor.Role == heard.RoleProfessional && person.OrganisationID == actor.OrganisationID && t.PersonID == person.ID && inUnit && waiting &&
		(action == heard.ActionReadMessages || action == heard.ActionWriteMessage) {
		return heard.Grant{Basis: heard.BasisTeamInbox}, nil
	}
	return heard.Grant{}, err
}

// SeesThread says whether a reader with grant sees thread t: she and her
// care team see all her threads, a network member only their own.
func SeesThread(g heard.Grant, actor heard.Actor, t heard.Thread) bool {
	switch g.Basis {
	case heard.BasisSelf, heard.BasisCare:
		return true
	case heard.BasisNetwork:
		return t.MemberID == actor.AccountID
	case heard.BasisTeamInbox:
		return true
	}
	return false
}
