package web

import (
	"net/http"
	"strconv"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
)

type personHomeView struct {
	page
	Home       app.HomeView
	Capacities []heard.Capacity
}

// View is the person summary, for the care-team partial.
func (v personHomeView) View() app.PersonView { return v.Home.View }

type caseloadView struct {
	page
	Caseload app.CaseloadView
}

type networkHomeView struct {
	page
	Persons []heard.Person
}

type leaderHomeView struct {
	page
	app.LeaderUnits
}

// CountText writes a count of persons as policy lets the leader see it.
func (v leaderHomeView) CountText(c heard.Count) string {
	switch c.State {
	case heard.CountFewer:
		return v.T("count.fewer_than", "Threshold", c.Below)
	case heard.CountWithheld:
		return v.T("count.withheld")
	}
	return strconv.Itoa(c.N)
}

type plainHomeView struct {
	page
}

// showHome shows each role its own start page.
func (h *Handler) showHome(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	switch a.Role {
	case heard.RolePerson:
		home, err := h.app.PersonHome(r.Context(), a)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		v := personHomeView{page: h.page(r, "home.person.title"), Home: home, Capacities: heard.Capacities}
		v.Subject, v.Wide = home.View.Person, home.View.Person.Capacity != heard.CapacityLow
		h.render(w, r, http.StatusOK, "home_person", v)
	case heard.RoleProfessional:
		cl, err := h.app.Caseload(r.Context(), a)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		v := caseloadView{page: h.page(r, "home.professional.title"), Caseload: cl}
		v.Wide = true
		h.render(w, r, http.StatusOK, "home_professional", v)
	case heard.RoleNetwork:
		ps, err := h.app.LinkedPersons(r.Context(), a)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		h.render(w, r, http.StatusOK, "home_network", networkHomeView{page: h.page(r, "home.network.title"), Persons: ps})
	case heard.RoleLeader:
		units, err := h.app.LedUnits(r.Context(), a)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		h.render(w, r, http.StatusOK, "home_leader", leaderHomeView{page: h.page(r, "home.leader.title"), LeaderUnits: units})
	case heard.RoleResearcher:
		h.render(w, r, http.StatusOK, "home_researcher", plainHomeView{page: h.page(r, "home.researcher.title")})
	case heard.RoleAdmin:
		h.render(w, r, http.StatusOK, "home_admin", plainHomeView{page: h.page(r, "home.admin.title")})
	default:
		h.fail(w, r, heard.ErrForbidden)
	}
}
