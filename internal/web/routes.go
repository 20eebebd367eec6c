package web

import (
	"net/http"

	"github.com/heard-health/heard/internal/route"
)

// Routes lists every page and form of the web surface.
func (h *Handler) Routes() []route.Route {
	return []route.Route{
		{Method: "GET", Pattern: "/{$}", Handler: h.showRoot, Gate: route.Public},
		{Method: "GET", Pattern: "/static/{file}", Handler: h.assets.serve, Gate: route.Sessionless},
		{Method: "POST", Pattern: "/language", Handler: h.setLanguage, Gate: route.Public},
		{Method: "GET", Pattern: "/login", Handler: h.showLogin, Gate: route.Public},
		{Method: "POST", Pattern: "/login", Handler: h.login, Gate: route.Public},
		{Method: "GET", Pattern: "/login/code", Handler: h.showCode, Gate: route.SecondFactor},
		{Method: "POST", Pattern: "/login/code", Handler: h.verifyCode, Gate: route.SecondFactor},
		{Method: "POST", Pattern: "/logout", Handler: h.logout, Gate: route.Public},

		{Method: "GET", Pattern: "/home", Handler: h.showHome, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/settings", Handler: h.showSettings, Gate: route.Enrolment},
		{Method: "POST", Pattern: "/settings/sessions", Handler: h.endOtherSessions, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/settings/password", Handler: h.changePassword, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/settings/two-factor", Handler: h.showTwoFactor, Gate: route.Enrolment},
		{Method: "POST", Pattern: "/settings/two-factor", Handler: h.enableTwoFactor, Gate: route.Enrolment},

		{Method: "GET", Pattern: "/persons/{personID}", Handler: h.showPerson, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/access-log", Handler: h.showAccessLog, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/network", Handler: h.showNetwork, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/network/{linkID}", Handler: h.saveMemberScopes, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/network/{linkID}/remove", Handler: h.removeMember, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/emergency-access", Handler: h.showEmergencyForm, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/emergency-access", Handler: h.openEmergencyAccess, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/emergency-access", Handler: h.searchEmergency, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/reviews/emergency-access", Handler: h.showReviews, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/reviews/emergency-access/{accessID}", Handler: h.reviewEmergencyAccess, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/care-relations", Handler: h.showCareRequests, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/care-relations/{relationID}/confirm", Handler: h.confirmCareRelation, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/care-relations/{relationID}/decline", Handler: h.declineCareRelation, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/units/{unitID}/leaders/{accountID}/confirm", Handler: h.confirmLeader, Gate: route.LoggedIn},

		{Method: "GET", Pattern: "/persons/{personID}/plan", Handler: h.showPlan, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/plan/print", Handler: h.printPlan, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/plan/{part}", Handler: h.editPart, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/plan/{part}", Handler: h.savePart, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/plan/{part}/suggestions", Handler: h.suggestPart, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/plan/{part}/history", Handler: h.showPartHistory, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/suggestions/{suggestionID}", Handler: h.resolveSuggestion, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/goals/new", Handler: h.newGoal, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/goals", Handler: h.createGoal, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/goals/suggestions", Handler: h.suggestNewGoal, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/goals/{goalID}", Handler: h.showGoal, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/goals/{goalID}", Handler: h.saveGoal, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/goals/{goalID}/suggestions", Handler: h.suggestGoal, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/goals/{goalID}/notes", Handler: h.addGoalNote, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/encounters", Handler: h.showEncounters, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/encounters/new", Handler: h.newEncounter, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/encounters", Handler: h.createEncounter, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/encounters/{encounterID}", Handler: h.showEncounter, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/encounters/{encounterID}", Handler: h.updateEncounter, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/encounters/{encounterID}/agenda", Handler: h.addAgendaItem, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/encounters/{encounterID}/reflection", Handler: h.saveReflection, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/encounters/{encounterID}/feedback", Handler: h.saveFeedback, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/checkins", Handler: h.showCheckIns, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/trajectories", Handler: h.showTrajectory, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/checkins/new", Handler: h.newCheckIn, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/checkins", Handler: h.saveCheckIn, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/checkins/saved", Handler: h.checkInSaved, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/checkins/schedule", Handler: h.setCheckInSchedule, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/encounters/{encounterID}/feedback/dismiss", Handler: h.dismissFeedback, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/encounters/{encounterID}/feedback-links", Handler: h.createFeedbackLink, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/f/{token}", Handler: h.showFeedbackLink, Gate: route.Public},
		{Method: "POST", Pattern: "/f/{token}", Handler: h.giveFeedbackByLink, Gate: route.Public},
		{Method: "GET", Pattern: "/persons/{personID}/encounters/{encounterID}/preparation", Handler: h.showPreparation, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/encounters/{encounterID}/preparation", Handler: h.savePreparation, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/decisions", Handler: h.showDecisions, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/decisions/new", Handler: h.newDecision, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/decisions", Handler: h.createDecision, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/decisions/{decisionID}", Handler: h.showDecision, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/decisions/{decisionID}", Handler: h.updateDecision, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/decisions/{decisionID}/comment", Handler: h.commentDecision, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/decisions/{decisionID}/preference", Handler: h.correctPreference, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/restrictions", Handler: h.showRestrictions, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/restrictions/new", Handler: h.newRestriction, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/restrictions", Handler: h.createRestriction, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/persons/{personID}/restrictions/{restrictionID}", Handler: h.showRestriction, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/restrictions/{restrictionID}", Handler: h.updateRestriction, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/restrictions/{restrictionID}/view", Handler: h.saveRestrictionView, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/persons/{personID}/capacity", Handler: h.setCapacity, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/reviews/due", Handler: h.showDue, Gate: route.LoggedIn},

		{Method: "GET", Pattern: "/admin/legal-bases", Handler: h.showLegalBases, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/admin/legal-bases", Handler: h.createLegalBasis, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/admin/units", Handler: h.showUnits, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/admin/units", Handler: h.createUnit, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/admin/units/{unitID}/contact", Handler: h.saveUnitContact, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/admin/accounts", Handler: h.showAccounts, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/admin/accounts", Handler: h.createAccount, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/admin/relations", Handler: h.showRelations, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/admin/relations", Handler: h.createRelation, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/admin/relations/{relationID}/end", Handler: h.endRelation, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/admin/organisation", Handler: h.saveOrganisation, Gate: route.LoggedIn},
	}
}

func (h *Handler) showRoot(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/home", http.StatusSeeOther)
}
