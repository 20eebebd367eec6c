package web

import (
	"net/http"

	"github.com/heard-health/heard/internal/route"
)

// Routes lists every page and form of the web surface.
func (h *Handler) Routes() []route.Route {
	return []route.Route{
		{Method: "GET", Pattern: "/{$}", Handler: h.showRoot, Gate: route.Public},
		{Method: "GET", Pattern: "/static/{file}", Handler: h.assets.serve, Gate: route.Public},
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

		{Method: "GET", Pattern: "/admin/units", Handler: h.showUnits, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/admin/units", Handler: h.createUnit, Gate: route.LoggedIn},
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
