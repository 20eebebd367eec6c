package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

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
	Days       []accessDay
	PersonID   heard.PersonID
	IncludeOwn bool
	Self       bool
	// Who and What are the filter as chosen; Readers and Topics its choices.
	Who, What string
	Readers   []choice
	Topics    []choice
}

// choice is an option of a filter.
type choice struct{ Value, Label string }

// Filtered reports whether the log is narrowed by who or what.
func (v accessLogView) Filtered() bool { return v.Who != "" || v.What != "" }

// Query is the filter's part of a link to another page of the log.
func (v accessLogView) Query() string {
	q := url.Values{}
	if v.IncludeOwn {
		q.Set("own", "1")
	}
	if v.Who != "" {
		q.Set("who", v.Who)
	}
	if v.What != "" {
		q.Set("what", v.What)
	}
	return q.Encode()
}

// accessDay is one day of the log, its entries grouped.
type accessDay struct {
	Day    string
	Groups []accessGroup
}

// accessGroup is what one reader did on one day, said once ("Mari
// Fjelltun looked at your plan; your meetings — 4 times, 10:02–10:40"),
// with every entry still listed beneath it.
type accessGroup struct {
	First accessLine
	Whats []string
	Times string
	Lines []accessLine
}

// groupAccess groups lines, newest first, by day and, within a day, by
// reader, in the order each reader last appeared.
func groupAccess(l i18n.Localizer, lines []accessLine) []accessDay {
	var days []accessDay
	for _, a := range lines {
		// The log is in the order entries were written; a clock that
		// stepped back (two processes, a replayed past) can bring a day
		// back: its entries join that day rather than repeat it.
		i := slices.IndexFunc(days, func(d accessDay) bool { return d.Day == a.Day })
		if i < 0 {
			days = append(days, accessDay{Day: a.Day})
			i = len(days) - 1
		}
		d := &days[i]
		if i := slices.IndexFunc(d.Groups, func(g accessGroup) bool { return g.First.sameReader(a) }); i >= 0 {
			g := &d.Groups[i]
			g.Lines = append(g.Lines, a)
			if !slices.Contains(g.Whats, a.What) {
				g.Whats = append(g.Whats, a.What)
			}
			continue
		}
		d.Groups = append(d.Groups, accessGroup{First: a, Whats: []string{a.What}, Lines: []accessLine{a}})
	}
	for i := range days {
		for j := range days[i].Groups {
			g := &days[i].Groups[j]
			// Newest first: the last line is the earliest.
			from, to := g.Lines[len(g.Lines)-1].Time, g.Lines[0].Time
			if from == to {
				g.Times = l.N("accesslog.group.same_time", len(g.Lines), "From", from)
			} else {
				g.Times = l.N("accesslog.group.times", len(g.Lines), "From", from, "To", to)
			}
		}
	}
	return days
}

// accessLine is one entry of the access log in the reader's words. They
// are put together here rather than in the template: the page shows fifty
// entries, and the template would call each message through reflection,
// which made this page a quarter of the CPU time of the benchmark's mix.
type accessLine struct {
	Emergency, Denied bool
	// Who is "you", "the system" or a name; Role is empty for the first two.
	Who, Role, What, When, Day, Time, Basis, Reason, Justification string
}

// sameReader reports whether b is the same reader doing the same kind of
// thing as a (a refusal or an emergency access never merges with others).
func (a accessLine) sameReader(b accessLine) bool {
	return a.Who == b.Who && a.Role == b.Role && a.Denied == b.Denied && a.Emergency == b.Emergency && a.Basis == b.Basis
}

func accessLines(l i18n.Localizer, lines []app.AccessLogLine) []accessLine {
	out := make([]accessLine, len(lines))
	for i, x := range lines {
		e := x.Entry
		a := accessLine{Emergency: e.Basis == heard.BasisEmergency, Denied: e.Outcome == heard.OutcomeDenied,
			When: l.DateTime(e.At), Day: l.Date(e.At), Time: l.Time(e.At), Basis: l.T("basis." + string(e.Basis)), Justification: x.Justification}
		switch {
		case x.ByPerson:
			a.Who = l.T("accesslog.you")
		case e.Basis == heard.BasisFeedbackLink:
			a.Who = l.T("accesslog.link_holder")
		case e.ActorRole == heard.RoleSystem:
			a.Who = l.T("accesslog.system")
		case x.OtherPerson:
			a.Who = l.T("accesslog.another_person")
		case x.PeerWorker:
			a.Who, a.Role = x.ActorName, l.T("team.peer_worker")
		default:
			a.Who, a.Role = x.ActorName, l.T("role."+string(e.ActorRole))
		}
		if a.Denied {
			a.What = l.T("accesslog.tried", "What", l.T("what."+string(e.Action)))
			if e.Basis == heard.BasisNone {
				// A refusal is decided before any relation is looked at
				// in full: "no relation to you" could be untrue (her
				// mother, outside her scopes).
				a.Basis = l.T("accesslog.refused")
			}
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
	query := r.URL.Query()
	before, _ := strconv.ParseInt(query.Get("before"), 10, 64)
	q := app.AccessLogQuery{Before: max(before, 0), IncludeOwn: query.Get("own") == "1",
		Who: heard.AccountID(query.Get("who")), Topic: heard.AccessTopic(query.Get("what"))}
	a := actor(r)
	log, err := h.app.AccessLog(r.Context(), a, id, q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := h.page(r, "accesslog.title")
	p.Subject = log.Person
	v := accessLogView{page: p, Log: log, Days: groupAccess(p.L, accessLines(p.L, log.Lines)), PersonID: id,
		IncludeOwn: q.IncludeOwn, Self: a.PersonID == id, Who: string(q.Who), What: string(q.Topic)}
	for _, rd := range log.Readers {
		label := rd.Name
		switch {
		case rd.ID == log.Person.AccountID && log.Person.AccountID != "":
			label = p.T("accesslog.you")
		case rd.OtherPerson:
			label = p.T("accesslog.other_persons")
		case label == "":
			label = p.T("accesslog.system")
		}
		v.Readers = append(v.Readers, choice{Value: string(rd.ID), Label: label})
	}
	for _, t := range heard.AccessTopics {
		v.Topics = append(v.Topics, choice{Value: string(t), Label: p.T("accesslog.topic." + string(t))})
	}
	h.render(w, r, http.StatusOK, "access_log", v)
}

type networkView struct {
	page
	PersonID heard.PersonID
	Members  []app.NetworkMember
	Scopes   []heard.Scope
	// Pending are her invitations that wait for an answer; Invite is the
	// form; InviteLink the link just made, shown once.
	Pending     []heard.Invitation
	Invite      app.InvitationInput
	InviteLink  string
	InvitedName string
	// Proposals are her care team's proposals of whom to invite.
	Proposals []heard.Proposal
	Months    []int
}

// MonthsChosen is the access period the invitation form has selected.
func (v networkView) MonthsChosen() int {
	if v.Invite.Months == 0 {
		return heard.DefaultAccessMonths
	}
	return v.Invite.Months
}

// Invites reports whether the invitation form has scope ticked.
func (v networkView) Invites(s heard.Scope) bool { return slices.Contains(v.Invite.Scopes, s) }

// ScopeNames lists an invitation's scopes in words.
func (v networkView) ScopeNames(scopes []heard.Scope) string {
	var names []string
	for _, s := range heard.Scopes {
		if slices.Contains(scopes, s) {
			names = append(names, v.T("scope."+string(s)))
		}
	}
	if len(names) == 0 {
		return v.T("invitation.sees_nothing")
	}
	return strings.Join(names, ", ")
}

func (h *Handler) networkPage(r *http.Request, id heard.PersonID) (networkView, error) {
	members, err := h.app.Network(r.Context(), actor(r), id)
	if err != nil {
		return networkView{}, err
	}
	invs, err := h.app.Invitations(r.Context(), actor(r), id)
	if err != nil {
		return networkView{}, err
	}
	proposals, err := h.app.Proposals(r.Context(), actor(r), id)
	if err != nil {
		return networkView{}, err
	}
	v := networkView{page: h.page(r, "network.title"), PersonID: id, Members: members, Scopes: heard.Scopes, Months: heard.AccessMonths}
	v.Pending, v.Proposals = invs, proposals
	// "Invite" on a proposal opens the form filled in with its name.
	for _, pr := range proposals {
		if string(pr.ID) == r.URL.Query().Get("proposal") {
			// The relationship stays hers to word: the proposal's words
			// are the professional's.
			v.Invite = app.InvitationInput{Name: pr.Name, Proposal: pr.ID}
		}
	}
	return v, nil
}

// Has reports whether a member's link grants a scope, for checkboxes.
func (networkView) Has(l heard.NetworkLink, s heard.Scope) bool { return l.Grants(s) }

func (h *Handler) showNetwork(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.networkPage(r, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "network", v)
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
	// Back to the member's card, where the confirmation shows.
	redirect(w, r, "/persons/"+string(id)+"/network#member-"+r.PathValue("linkID"), "notice.saved")
}

func (h *Handler) renewMember(w http.ResponseWriter, r *http.Request) {
	id, link, err := personRecord[heard.NetworkLinkID](r, "linkID")
	if err == nil {
		months, _ := strconv.Atoi(r.PostFormValue("months"))
		err = h.app.RenewMember(r.Context(), actor(r), id, link, months)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, personPath(id, "/network#member-"+string(link)), "notice.renewed")
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
		v.Path = v.Back // the language switcher returns there: this page answers a POST
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
