package web

import (
	"net/http"
	"strconv"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
)

type personView struct {
	page
	View app.PersonView
}

func (h *Handler) showPerson(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.Person(r.Context(), actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pv := personView{page: h.page(r, "person.title"), View: v}
	pv.Title = v.Person.Name
	h.render(w, r, http.StatusOK, "person", pv)
}

type accessLogView struct {
	page
	Log        app.AccessLogPage
	PersonID   heard.PersonID
	IncludeOwn bool
	Self       bool
}

func (h *Handler) showAccessLog(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	q := app.AccessLogQuery{Before: max(before, 0), IncludeOwn: r.URL.Query().Get("own") == "1"}
	a := actor(r)
	log, err := h.app.AccessLog(r.Context(), a, id, q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "access_log", accessLogView{page: h.page(r, "accesslog.title"), Log: log, PersonID: id,
		IncludeOwn: q.IncludeOwn, Self: a.PersonID == id})
}

type networkView struct {
	page
	PersonID heard.PersonID
	Members  []app.NetworkMember
	Scopes   []heard.Scope
}

// Has reports whether a member's link grants a scope, for checkboxes.
func (networkView) Has(l heard.NetworkLink, s heard.Scope) bool { return l.Grants(s) }

func (h *Handler) showNetwork(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	members, err := h.app.Network(r.Context(), actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "network", networkView{page: h.page(r, "network.title"), PersonID: id, Members: members, Scopes: heard.Scopes})
}

func (h *Handler) saveMemberScopes(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, heard.Invalid([]heard.Problem{{Field: "scope", Key: "error.invalid"}}))
		return
	}
	var scopes []heard.Scope
	for _, s := range r.PostForm["scope"] {
		scopes = append(scopes, heard.Scope(s))
	}
	if err := h.app.SetMemberScopes(r.Context(), actor(r), id, heard.NetworkLinkID(r.PathValue("linkID")), scopes); err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/persons/"+string(id)+"/network", "notice.saved")
}

func (h *Handler) removeMember(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.app.RevokeMember(r.Context(), actor(r), id, heard.NetworkLinkID(r.PathValue("linkID"))); err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/persons/"+string(id)+"/network", "notice.member_removed")
}
