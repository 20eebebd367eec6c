package heard

import "time"

// Action is something an actor does with data. Person actions are checked
// against the actor's relations to that person; the others against the role.
type Action string

// Actions on one person's record. The name is what the access log records.
const (
	ActionReadPerson    Action = "person.read"
	ActionReadCareTeam  Action = "care_team.read"
	ActionReadAccessLog Action = "access_log.read"
	ActionReadNetwork   Action = "network.read"
	ActionUpdateNetwork Action = "network.update"
	// ActionProposeInvitation is a professional proposing whom she might
	// invite; only she invites.
	ActionProposeInvitation Action = "invitation.propose"
	ActionOpenEmergency     Action = "emergency.open"
	ActionListCaseload      Action = "caseload.list"
	ActionListPersons       Action = "persons.list"
	ActionListLinked        Action = "linked.list"
	ActionFindPersons       Action = "persons.find"
	ActionReviewEmergency   Action = "emergency.review"
	// ActionListEmergency shows a leader the emergency accesses to review.
	ActionListEmergency Action = "emergency.list"
	ActionCreatePerson  Action = "person.create"
	ActionManageCare    Action = "care_relation.update"

	ActionReadPlan          Action = "plan.read"
	ActionUpdatePlan        Action = "plan.update"
	ActionSuggestPlan       Action = "plan.suggest"
	ActionResolveSuggestion Action = "suggestion.resolve"
	ActionAddGoalNote       Action = "goal_note.create"
	ActionReadEncounters    Action = "encounter.read"
	ActionWriteEncounter    Action = "encounter.update"
	ActionAddAgendaItem     Action = "agenda.create"
	ActionWriteReflection   Action = "reflection.update"
	// ActionWriteVoice is a professional's or network member's own
	// reflection on a meeting; ActionShareNote her choice of who of her
	// network sees the shared note.
	ActionWriteVoice           Action = "voice.update"
	ActionShareNote            Action = "note_share.update"
	ActionWritePreparation     Action = "preparation.update"
	ActionReadDecisions        Action = "decision.read"
	ActionWriteDecision        Action = "decision.update"
	ActionCommentDecision      Action = "decision_comment.update"
	ActionCorrectPreference    Action = "decision_preference.update"
	ActionReadFeedback         Action = "feedback.read"
	ActionWriteFeedback        Action = "feedback.update"
	ActionCreateFeedbackLink   Action = "feedback_link.create"
	ActionDismissFeedback      Action = "feedback.dismiss"
	ActionReadRestrictions     Action = "restriction.read"
	ActionWriteRestriction     Action = "restriction.update"
	ActionWriteRestrictionView Action = "restriction_view.update"
	ActionReadCapacity         Action = "capacity.read"
	ActionSetCapacity          Action = "capacity.update"
	ActionReadCheckIns         Action = "checkin.read"
	ActionCreateCheckIn        Action = "checkin.create"
	ActionSetCheckInSchedule   Action = "checkin_schedule.update"
	ActionReadQuestionnaires   Action = "questionnaire.read"
	ActionAnswerQuestionnaire  Action = "questionnaire.create"
	// Messages between her side and her team.
	ActionReadMessages Action = "message.read"
	ActionWriteMessage Action = "message.create"
	// ActionListDue lists decisions due for review and restrictions past
	// review across a professional's persons.
	ActionListDue Action = "reviews_due.list"
)

// LoggedActions lists every action that can appear in a person's access
// log; each needs its plain-language wording in every language.
var LoggedActions = []Action{
	ActionReadPerson, ActionReadCareTeam, ActionReadAccessLog, ActionReadNetwork, ActionUpdateNetwork, ActionProposeInvitation, ActionOpenEmergency,
	ActionListCaseload, ActionListPersons, ActionListLinked, ActionFindPersons, ActionReviewEmergency, ActionListEmergency, ActionCreatePerson, ActionManageCare,
	ActionReadPlan, ActionUpdatePlan, ActionSuggestPlan, ActionResolveSuggestion, ActionAddGoalNote, ActionReadEncounters, ActionWriteEncounter,
	ActionAddAgendaItem, ActionWriteReflection, ActionWritePreparation, ActionReadDecisions, ActionWriteDecision, ActionCommentDecision, ActionCorrectPreference, ActionReadFeedback, ActionWriteFeedback, ActionCreateFeedbackLink, ActionDismissFeedback,
	ActionReadRestrictions, ActionWriteRestriction, ActionWriteRestrictionView, ActionReadCapacity, ActionSetCapacity, ActionListDue,
	ActionReadCheckIns, ActionCreateCheckIn, ActionSetCheckInSchedule, ActionReadQuestionnaires, ActionAnswerQuestionnaire,
	ActionReadMessages, ActionWriteMessage, ActionWriteVoice, ActionShareNote,
}

// AccessTopic groups the actions of the access log by what of the person
// they touch, for the person to filter her log by ("who looked at my
// plan?").
type AccessTopic string

// The topics, in the order the filter offers them.
var AccessTopics = []AccessTopic{"plan", "meetings", "messages", "checkins", "decisions", "restrictions", "summary", "network", "access_log", "emergency", "lists"}

var accessTopic = map[Action]AccessTopic{
	ActionReadPlan: "plan", ActionUpdatePlan: "plan", ActionSuggestPlan: "plan", ActionResolveSuggestion: "plan", ActionAddGoalNote: "plan",
	ActionReadEncounters: "meetings", ActionWriteEncounter: "meetings", ActionAddAgendaItem: "meetings", ActionWriteReflection: "meetings", ActionReadFeedback: "meetings", ActionWriteFeedback: "meetings", ActionCreateFeedbackLink: "meetings", ActionDismissFeedback: "meetings",
	ActionWritePreparation: "meetings",
	ActionReadDecisions:    "decisions", ActionWriteDecision: "decisions", ActionCommentDecision: "decisions", ActionCorrectPreference: "decisions",
	ActionReadRestrictions: "restrictions", ActionWriteRestriction: "restrictions", ActionWriteRestrictionView: "restrictions",
	ActionReadPerson: "summary", ActionReadCareTeam: "summary", ActionReadCapacity: "summary", ActionSetCapacity: "summary",
	ActionCreatePerson: "summary", ActionManageCare: "summary",
	ActionReadNetwork: "network", ActionUpdateNetwork: "network", ActionProposeInvitation: "network",
	ActionReadAccessLog: "access_log",
	ActionOpenEmergency: "emergency", ActionReviewEmergency: "emergency",
	ActionListCaseload: "lists", ActionListPersons: "lists", ActionListLinked: "lists", ActionFindPersons: "lists", ActionListEmergency: "lists",
	ActionListDue:      "lists",
	ActionReadCheckIns: "checkins", ActionCreateCheckIn: "checkins", ActionSetCheckInSchedule: "checkins",
	ActionReadQuestionnaires: "checkins", ActionAnswerQuestionnaire: "checkins",
	ActionReadMessages: "messages", ActionWriteMessage: "messages",
	ActionWriteVoice: "meetings", ActionShareNote: "meetings",
}

// TopicActions returns the actions of a topic; none for an unknown one.
func TopicActions(t AccessTopic) []Action {
	var out []Action
	for _, a := range LoggedActions {
		if accessTopic[a] == t {
			out = append(out, a)
		}
	}
	return out
}

// Actions not about one person.
const (
	ActionManageOrganisation Action = "organisation.manage"
	ActionLeadUnits          Action = "units.lead"
	ActionReadLegalBases     Action = "legal_bases.read"
	ActionReadStories        Action = "stories.read"
	ActionManageInstruments  Action = "instruments.manage"
)

// Basis is the relation that allowed (or failed to allow) an access. It is
// what the person reads as "why could they see it".
type Basis string

// The bases.
const (
	BasisNone      Basis = "none"
	BasisSelf      Basis = "self"
	BasisCare      Basis = "care"
	BasisNetwork   Basis = "network"
	BasisEmergency Basis = "emergency"
	BasisAdmin     Basis = "admin"
	BasisLeader    Basis = "leader"
	BasisSystem    Basis = "system"
	// BasisOrganisation is a professional finding a person of their own
	// organisation by name before asking for emergency access.
	BasisOrganisation Basis = "organisation"
	// BasisFeedbackLink is a single-use feedback link, opened without a
	// login: it lets its holder give feedback on one meeting, once.
	BasisFeedbackLink Basis = "feedback_link"
	// BasisInvitation is an invitation's link: whoever holds it joins her
	// network, with the scopes she chose.
	BasisInvitation Basis = "invitation"
	// BasisTeamInbox is a professional of the unit she wrote to opening a
	// thread that waited unread past the unit's set time and went to the
	// unit's shared inbox: that thread, nothing else of her record.
	BasisTeamInbox Basis = "team_inbox"
)

// Grant is policy's yes: on what basis, and for emergency access, which one.
type Grant struct {
	Basis     Basis
	Emergency *EmergencyAccess
}

// ListScopeKind says which persons a list may include.
type ListScopeKind string

// The list scopes.
const (
	// ListNone lists nobody.
	ListNone ListScopeKind = "none"
	// ListCareRelations lists the persons the account has an active care
	// relation with.
	ListCareRelations ListScopeKind = "care_relations"
	// ListOrganisation lists every person of the organisation.
	ListOrganisation ListScopeKind = "organisation"
	// ListNetworkLinks lists the persons who linked the account as a
	// network member.
	ListNetworkLinks ListScopeKind = "network_links"
)

// ListScope tells storage which persons a list query may return, so that
// filtering happens in SQL and never by loading and discarding.
type ListScope struct {
	Kind           ListScopeKind
	AccountID      AccountID
	OrganisationID OrganisationID
	// At is the moment relations must be active at.
	At time.Time
}

// Outcome is whether an access went ahead.
type Outcome string

// The outcomes.
const (
	OutcomeAllowed Outcome = "allowed"
	OutcomeDenied  Outcome = "denied"
)

// AccessEntry is one line of a person's access log: who, on what basis, did
// what with which part of the record, when and from where. Entries are
// hash-chained (package audit) so that a changed or missing entry shows.
type AccessEntry struct {
	Seq        int64
	At         time.Time
	ActorID    AccountID
	ActorRole  Role
	Basis      Basis
	PersonID   PersonID
	Action     Action
	ResourceID string
	Outcome    Outcome
	// Reason is the emergency reason when Basis is BasisEmergency.
	Reason     EmergencyReason
	ClientAddr string
	RequestID  string
	// Detail is a digest of the record the entry rests on, when there is
	// one (an emergency access, a review of it), so that the chain also
	// vouches for that record.
	Detail   string
	PrevHash string
	Hash     string
}

// AccessHead is the newest entry's sequence number and hash: what an operator
// keeps elsewhere to detect entries deleted from the end of the log.
type AccessHead struct {
	Seq  int64
	Hash string
}

// PersonNews are the writes by others in her record she is told about on
// her home ("new since you were last here"): decisions, meetings, agenda
// items, suggestions, notes on her goals, restrictions.
var PersonNews = []Action{ActionWriteDecision, ActionWriteEncounter, ActionAddAgendaItem, ActionSuggestPlan, ActionAddGoalNote, ActionWriteRestriction,
	ActionWriteMessage}

// CareNews are the writes a professional is told about in the records of
// their persons: what the person wrote (comments, her preference, views,
// agenda items, reflections, preparation, answers to suggestions) and what
// colleagues recorded.
var CareNews = []Action{ActionCommentDecision, ActionCorrectPreference, ActionWriteRestrictionView, ActionAddAgendaItem, ActionWriteReflection,
	ActionWritePreparation, ActionResolveSuggestion, ActionWriteDecision, ActionWriteEncounter, ActionWriteRestriction, ActionWriteMessage}
