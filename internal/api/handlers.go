package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/auth"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/request"
)

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

type sessionResponse struct {
	// SecondFactorRequired means: send the TOTP code to /api/v1/session/code.
	SecondFactorRequired bool `json:"secondFactorRequired"`
	// CSRFToken goes in X-CSRF-Token on the calls that change something,
	// the code of a half-done login included: such a session cannot read
	// /api/v1/me to learn it.
	CSRFToken string `json:"csrfToken"`
}

// session answers a login step with the new session's cookie and token.
func (h *Handler) session(w http.ResponseWriter, r *http.Request, token string, pending bool) {
	id, err := h.auth.Authenticate(r.Context(), token)
	if err == nil {
		err = h.auth.LoggedIn(w, r, token, pending)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	encode(w, http.StatusOK, sessionResponse{SecondFactorRequired: pending, CSRFToken: id.CSRFToken})
}

// login works for any client: it needs no cookie and no token beforehand,
// and answers with the same session cookie the web login sets.
func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	var req loginRequest
	if err := decode(r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	token, pending, err := h.auth.Login(r.Context(), req.Email, req.Password, request.From(r.Context()).ClientAddr, auth.DeviceTokens(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.session(w, r, token, pending)
}

type codeRequest struct {
	Code string `json:"code"`
}

func (h *Handler) verifyCode(w http.ResponseWriter, r *http.Request) {
	var req codeRequest
	if err := decode(r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	token, err := h.auth.VerifySecondFactor(r.Context(), auth.SessionToken(r), req.Code, request.From(r.Context()).ClientAddr, auth.DeviceTokens(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.session(w, r, token, false)
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) {
	if err := h.auth.Logout(r.Context(), auth.SessionToken(r)); err != nil {
		h.fail(w, r, err)
		return
	}
	auth.ClearSessionCookie(w, r)
	w.WriteHeader(http.StatusNoContent)
}

type meResponse struct {
	AccountID  string `json:"accountId"`
	Email      string `json:"email"`
	Name       string `json:"name"`
	Role       string `json:"role"`
	PeerWorker bool   `json:"peerWorker"`
	Locale     string `json:"locale"`
	PersonID   string `json:"personId,omitempty"`
	CSRFToken  string `json:"csrfToken"`
}

func (h *Handler) me(w http.ResponseWriter, r *http.Request) {
	id := auth.FromContext(r.Context())
	a := id.Account
	encode(w, http.StatusOK, meResponse{AccountID: string(a.ID), Email: a.Email, Name: a.Name, Role: string(a.Role),
		PeerWorker: a.PeerWorker, Locale: a.Locale, PersonID: string(id.PersonID), CSRFToken: id.CSRFToken})
}

type personSummary struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	BirthDate string `json:"birthDate,omitempty"`
}

type caseloadEntry struct {
	Person         personSummary `json:"person"`
	PrimaryContact bool          `json:"primaryContact"`
	Since          time.Time     `json:"since"`
	New            int           `json:"new"`
}

// newsJSON is something someone else wrote in a record since the reader's
// last visit.
type newsJSON struct {
	At       time.Time `json:"at"`
	Action   string    `json:"action"`
	ByName   string    `json:"byName"`
	PersonID string    `json:"personId"`
	RecordID string    `json:"recordId,omitempty"`
}

func newsOf(items []app.NewsItem) []newsJSON {
	out := []newsJSON{}
	for _, it := range items {
		out = append(out, newsJSON{At: it.At, Action: string(it.Action), ByName: it.Who.Name, PersonID: string(it.Person.ID), RecordID: it.RecordID})
	}
	return out
}

func (h *Handler) caseload(w http.ResponseWriter, r *http.Request) {
	cl, err := h.app.Caseload(r.Context(), actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := []caseloadEntry{}
	for _, e := range cl.Entries {
		out = append(out, caseloadEntry{Person: summary(e.Person), PrimaryContact: e.PrimaryContact, Since: e.Since, New: e.New})
	}
	encode(w, http.StatusOK, struct {
		Caseload []caseloadEntry `json:"caseload"`
		News     []newsJSON      `json:"news"`
	}{out, newsOf(cl.News)})
}

func summary(p heard.Person) personSummary {
	return personSummary{ID: string(p.ID), Name: p.Name, BirthDate: p.BirthDate}
}

type emergencyJSON struct {
	ID            string    `json:"id"`
	Reason        string    `json:"reason"`
	Justification string    `json:"justification"`
	Opened        time.Time `json:"opened"`
	Expires       time.Time `json:"expires"`
}

func emergencyOf(e *heard.EmergencyAccess) *emergencyJSON {
	if e == nil {
		return nil
	}
	return &emergencyJSON{ID: string(e.ID), Reason: string(e.Reason), Justification: e.Justification, Opened: e.Opened, Expires: e.Expires}
}

type personResponse struct {
	personSummary
	// Basis is the relation through which the caller sees the person.
	Basis            string         `json:"basis"`
	Emergency        *emergencyJSON `json:"emergencyAccess,omitempty"`
	CanSeeCareTeam   bool           `json:"canSeeCareTeam"`
	CanSeeAccessLog  bool           `json:"canSeeAccessLog"`
	CanManageNetwork bool           `json:"canManageNetwork"`
}

func (h *Handler) person(w http.ResponseWriter, r *http.Request) {
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
	encode(w, http.StatusOK, personResponse{personSummary: summary(v.Person), Basis: string(v.Basis), Emergency: emergencyOf(v.Emergency),
		CanSeeCareTeam: v.CanSeeCareTeam, CanSeeAccessLog: v.CanSeeAccessLog, CanManageNetwork: v.CanManageNetwork})
}

type careTeamMember struct {
	Name           string    `json:"name"`
	PeerWorker     bool      `json:"peerWorker"`
	Unit           string    `json:"unit"`
	UnitPhone      string    `json:"unitPhone,omitempty"`
	UnitReach      string    `json:"unitReach,omitempty"`
	PrimaryContact bool      `json:"primaryContact"`
	Since          time.Time `json:"since"`
}

func (h *Handler) careTeam(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	team, err := h.app.CareTeam(r.Context(), actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := []careTeamMember{}
	for _, m := range team {
		out = append(out, careTeamMember{Name: m.Name, PeerWorker: m.PeerWorker, Unit: m.UnitName, UnitPhone: m.UnitPhone, UnitReach: m.UnitReach, PrimaryContact: m.PrimaryContact, Since: m.Since})
	}
	encode(w, http.StatusOK, struct {
		CareTeam []careTeamMember `json:"careTeam"`
	}{out})
}

type accessEntry struct {
	Seq           int64     `json:"seq"`
	At            time.Time `json:"at"`
	ActorName     string    `json:"actorName"`
	ActorRole     string    `json:"actorRole"`
	ByPerson      bool      `json:"byPerson"`
	Basis         string    `json:"basis"`
	Action        string    `json:"action"`
	Outcome       string    `json:"outcome"`
	Reason        string    `json:"reason,omitempty"`
	Justification string    `json:"justification,omitempty"`
}

type accessLogResponse struct {
	Entries []accessEntry `json:"entries"`
	// Older, when set, is the "before" value of the next page.
	Older int64 `json:"older,omitempty"`
}

func (h *Handler) accessLog(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	page, err := h.app.AccessLog(r.Context(), actor(r), id, app.AccessLogQuery{Before: max(before, 0), IncludeOwn: q.Get("own") != "false",
		Who: heard.AccountID(q.Get("who")), Topic: heard.AccessTopic(q.Get("what"))})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := accessLogResponse{Entries: []accessEntry{}, Older: page.Older}
	for _, l := range page.Lines {
		e := l.Entry
		out.Entries = append(out.Entries, accessEntry{Seq: e.Seq, At: e.At, ActorName: l.ActorName, ActorRole: string(e.ActorRole),
			ByPerson: l.ByPerson, Basis: string(e.Basis), Action: string(e.Action), Outcome: string(e.Outcome), Reason: string(e.Reason),
			Justification: l.Justification})
	}
	encode(w, http.StatusOK, out)
}

type networkMember struct {
	LinkID       string    `json:"linkId"`
	Name         string    `json:"name"`
	Relationship string    `json:"relationship"`
	Scopes       []string  `json:"scopes"`
	Since        time.Time `json:"since"`
	// Until is when the access she gave ends; Current is false after.
	Until   time.Time `json:"until"`
	Current bool      `json:"current"`
}

func (h *Handler) network(w http.ResponseWriter, r *http.Request) {
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
	out := []networkMember{}
	for _, m := range members {
		scopes := []string{}
		for _, s := range m.Link.Scopes {
			scopes = append(scopes, string(s))
		}
		out = append(out, networkMember{LinkID: string(m.Link.ID), Name: m.Name, Relationship: m.Link.Relationship, Scopes: scopes, Since: m.Link.Created,
			Until: m.Link.Until, Current: m.Current})
	}
	encode(w, http.StatusOK, struct {
		Members []networkMember `json:"members"`
	}{out})
}

type scopesRequest struct {
	Scopes []string `json:"scopes"`
}

func (h *Handler) setScopes(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var req scopesRequest
	if err := decode(r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	var scopes []heard.Scope
	for _, s := range req.Scopes {
		if len(heard.ParseScopes(s)) != 1 {
			h.fail(w, r, heard.Invalid([]heard.Problem{{Field: "scopes", Key: "network.scope.invalid"}}))
			return
		}
		scopes = append(scopes, heard.Scope(s))
	}
	h.noContent(w, r, h.app.SetMemberScopes(r.Context(), actor(r), id, heard.NetworkLinkID(r.PathValue("linkId")), scopes))
}

// renewMember gives a member access for months more from today; only she
// renews.
func (h *Handler) renewMember(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	var link heard.NetworkLinkID
	if err == nil {
		link, err = request.PathID[heard.NetworkLinkID](r, "linkId")
	}
	var in struct {
		Months int `json:"months"`
	}
	if err == nil {
		err = decode(r, &in)
	}
	if err == nil {
		err = h.app.RenewMember(r.Context(), actor(r), id, link, in.Months)
	}
	h.noContent(w, r, err)
}

func (h *Handler) removeMember(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.noContent(w, r, h.app.RevokeMember(r.Context(), actor(r), id, heard.NetworkLinkID(r.PathValue("linkId"))))
}

type emergencyRequest struct {
	Reason        string `json:"reason"`
	Justification string `json:"justification"`
}

func (h *Handler) openEmergency(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var req emergencyRequest
	if err := decode(r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.app.OpenEmergencyAccess(r.Context(), actor(r), id, heard.EmergencyReason(req.Reason), req.Justification)
	h.reply(w, r, http.StatusCreated, emergencyOf(&e), err)
}

type reviewJSON struct {
	Access       emergencyJSON `json:"access"`
	Professional string        `json:"professional"`
	Person       string        `json:"person"`
	Reviewed     bool          `json:"reviewed"`
	ReviewedBy   string        `json:"reviewedBy,omitempty"`
	ReviewNote   string        `json:"reviewNote,omitempty"`
}

type reviewsJSON struct {
	Reviews []reviewJSON `json:"reviews"`
	Waiting int          `json:"waiting"`
	// Next, when set, is the offset of the next page.
	Next int `json:"next,omitempty"`
}

func (h *Handler) reviews(w http.ResponseWriter, r *http.Request) {
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	q := app.ReviewsQuery{Reviewed: r.URL.Query().Get("reviewed") == "true", Offset: offset}
	page, err := h.app.EmergencyReviews(r.Context(), actor(r), q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := reviewsJSON{Reviews: []reviewJSON{}, Waiting: page.Waiting, Next: page.Next}
	for _, v := range page.Reviews {
		out.Reviews = append(out.Reviews, reviewJSON{Access: *emergencyOf(&v.Access), Professional: v.ProfessionalName, Person: v.PersonName,
			Reviewed: v.Access.ReviewedBy != "", ReviewedBy: v.ReviewerName, ReviewNote: v.Access.ReviewNote})
	}
	encode(w, http.StatusOK, out)
}

type reviewRequest struct {
	Note string `json:"note"`
}

func (h *Handler) review(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("accessId")
	if !heard.ValidID(id) {
		h.fail(w, r, heard.ErrNotFound)
		return
	}
	var req reviewRequest
	if err := decode(r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	h.noContent(w, r, h.app.ReviewEmergencyAccess(r.Context(), actor(r), heard.EmergencyAccessID(id), req.Note))
}

type careRequestJSON struct {
	ID             string    `json:"id"`
	Person         string    `json:"person"`
	Professional   string    `json:"professional"`
	Unit           string    `json:"unit"`
	PrimaryContact bool      `json:"primaryContact"`
	RequestedBy    string    `json:"requestedBy"`
	RequestedAt    time.Time `json:"requestedAt"`
}

type careRequestsJSON struct {
	Requests []careRequestJSON `json:"requests"`
}

func (h *Handler) careRequests(w http.ResponseWriter, r *http.Request) {
	rows, err := h.app.PendingCareRelations(r.Context(), actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := careRequestsJSON{Requests: []careRequestJSON{}}
	for _, row := range rows {
		c := row.Relation
		out.Requests = append(out.Requests, careRequestJSON{ID: string(c.ID), Person: row.PersonName, Professional: row.ProfessionalName,
			Unit: row.UnitName, PrimaryContact: c.PrimaryContact, RequestedBy: row.RequestedByName, RequestedAt: c.Start})
	}
	encode(w, http.StatusOK, out)
}

func (h *Handler) confirmCare(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID[heard.CareRelationID](r, "relationId")
	if err == nil {
		err = h.app.ConfirmCareRelation(r.Context(), actor(r), id)
	}
	h.noContent(w, r, err)
}

func (h *Handler) declineCare(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID[heard.CareRelationID](r, "relationId")
	if err == nil {
		err = h.app.DeclineCareRelation(r.Context(), actor(r), id)
	}
	h.noContent(w, r, err)
}

// noContent answers 204, or err when there is one.
func (h *Handler) noContent(w http.ResponseWriter, r *http.Request, err error) {
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type leaderRequestJSON struct {
	UnitID    string `json:"unitId"`
	Unit      string `json:"unit"`
	AccountID string `json:"accountId"`
	Name      string `json:"name"`
	Email     string `json:"email"`
}

func (h *Handler) leaderRequests(w http.ResponseWriter, r *http.Request) {
	rows, err := h.app.PendingLeaders(r.Context(), actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := []leaderRequestJSON{}
	for _, l := range rows {
		out = append(out, leaderRequestJSON{UnitID: string(l.UnitID), Unit: l.UnitName, AccountID: string(l.AccountID), Name: l.Name, Email: l.Email})
	}
	encode(w, http.StatusOK, struct {
		Leaders []leaderRequestJSON `json:"leaders"`
	}{out})
}

func (h *Handler) confirmLeader(w http.ResponseWriter, r *http.Request) {
	unit, err := request.PathID[heard.UnitID](r, "unitId")
	var account heard.AccountID
	if err == nil {
		account, err = request.PathID[heard.AccountID](r, "accountId")
	}
	if err == nil {
		err = h.app.ConfirmLeader(r.Context(), actor(r), unit, account)
	}
	h.noContent(w, r, err)
}
