package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/i18n"
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
	pv.Title, pv.Subject = v.Person.Name, v.Person
	h.render(w, r, http.StatusOK, "person", pv)
}

type accessLogView struct {
	page
	Log        app.AccessLogPage
	Lines      []accessLine
	PersonID   heard.PersonID
	IncludeOwn bool
	Self       bool
}

// accessLine is one entry of the access log in the reader's words. They
// are put together here rather than in the template: the page shows fifty
// entries, and the template would call each message through reflection,
// which made this page a quarter of the CPU time of the benchmark's mix.
type accessLine struct {
	Emergency, Denied bool
	// Who is "you", "the system" or a name; Role is empty for the first two.
	Who, Role, What, When, Basis, Reason, Justification string
}

func accessLines(l i18n.Localizer, lines []app.AccessLogLine) []accessLine {
	out := make([]accessLine, len(lines))
	for i, x := range lines {
		e := x.Entry
		a := accessLine{Emergency: e.Basis == heard.BasisEmergency, Denied: e.Outcome == heard.OutcomeDenied,
			When: l.DateTime(e.At), Basis: l.T("basis." + string(e.Basis)), Justification: x.Justification}
		switch {
		case x.ByPerson:
			a.Who = l.T("accesslog.you")
		case e.ActorRole == heard.RoleSystem:
			a.Who = l.T("accesslog.system")
		default:
			a.Who, a.Role = x.ActorName, l.T("role."+string(e.ActorRole))
		}
		if a.Denied {
			a.What = l.T("accesslog.tried", "What", l.T("what."+string(e.Action)))
		} else {
			a.What = l.T("did." + string(e.Action))
		}
		if e.Reason != "" {
			a.Reason = l.T("reason." + string(e.Reason))
		}
		out[i] = a
	}
	return out
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
	p := h.page(r, "accesslog.title")
	p.Subject = log.Person
	h.render(w, r, http.StatusOK, "access_log", accessLogView{page: p, Log: log, Lines: accessLines(p.L, log.Lines), PersonID: id,
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
	linkID := heard.NetworkLinkID(r.PathValue("linkID"))
	if !confirmed(r) {
		members, err := h.app.Network(r.Context(), actor(r), id)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		i := slices.IndexFunc(members, func(m app.NetworkMember) bool { return m.Link.ID == linkID })
		if i < 0 {
			h.fail(w, r, heard.ErrNotFound)
			return
		}
		v := confirmView{page: h.page(r, "network.remove.title"), Action: r.URL.Path, Back: "/persons/" + string(id) + "/network"}
		v.Question = v.T("network.remove.question", "Member", members[i].Name)
		v.Explain, v.Yes = v.T("network.remove.explain", "Member", members[i].Name), v.T("network.remove.yes")
		h.render(w, r, http.StatusOK, "confirm", v)
		return
	}
	if err := h.app.RevokeMember(r.Context(), actor(r), id, linkID); err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/persons/"+string(id)+"/network", "notice.member_removed")
}
