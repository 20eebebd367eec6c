package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/auth"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/i18n"
	"github.com/heard-health/heard/internal/request"
)

//go:embed templates
var templateFiles embed.FS

// Config is what the web surface needs besides the services.
type Config struct {
	// Location is the time zone dates are shown in.
	Location *time.Location
	Logger   *slog.Logger
	Links    request.Links
}

// Handler serves the pages.
type Handler struct {
	app    *app.Service
	auth   *auth.Service
	pages  map[string]*template.Template
	assets *assets
	log    *slog.Logger
	loc    *time.Location
	links  request.Links
}

// New parses the templates (panicking on none: they are part of the binary)
// and returns the handler.
func New(a *app.Service, au *auth.Service, cfg Config) (*Handler, error) {
	h := &Handler{app: a, auth: au, log: cfg.Logger, loc: cfg.Location, links: cfg.Links}
	if h.loc == nil {
		h.loc = time.UTC
	}
	var err error
	if h.assets, err = loadAssets(); err != nil {
		return nil, fmt.Errorf("load static files: %w", err)
	}
	if h.pages, err = parsePages(h.assets); err != nil {
		return nil, err
	}
	return h, nil
}

func parsePages(a *assets) (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"static":   a.path,
		"fieldsOf": func(k heard.PlanPartKey) []string { return heard.PlanFields[k] },
		"add":      func(a, b int) int { return a + b },
	}
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	names, err := fs.Glob(templateFiles, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, name := range names {
		t, err := template.Must(base.Clone()).ParseFS(templateFiles, name)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		pages[strings.TrimSuffix(path.Base(name), ".html")] = t
	}
	return pages, nil
}

// page is what every view has: the layout's needs and the localizer.
type page struct {
	L        i18n.Localizer
	Title    string
	CSRF     string
	Identity *auth.Identity
	Path     string
	Notice   string
	// NoticeAt is the section the notice belongs to (the #fragment the
	// save returned to); the section shows it, so the confirmation is in
	// view where the thing saved is. Empty: the top of the page shows it.
	NoticeAt  string
	Problems  map[string]string
	RequestID string
	// Editing shows a record's edit form: asked for (?edit=1), or again
	// after a save that needs the writer (a problem, another version).
	Editing bool
	// Subject is the person whose record the page shows, if any: it
	// decides the voice (V) and names her to everyone else.
	Subject heard.Person
	// Crisis shows where to turn in a crisis: on every page of persons and
	// network members, who are the ones who might write about one.
	Crisis bool
	// Wide lets an overview page (a home) use the width of a desktop
	// screen for cards side by side; pages of text keep a readable measure.
	Wide bool
}

// NoticeFor returns the notice when it belongs to section id.
func (p page) NoticeFor(id string) string {
	if p.NoticeAt != "" && p.NoticeAt == id {
		return p.Notice
	}
	return ""
}

// V translates a key said about the page's Subject, in the voice the
// reader needs:
// to the person herself, key ("your preference"); to anyone else, key
// ".other" when the catalogue has it, with her name as its first argument
// ("Ada Lindqvam's preference"). Keys without an ".other" say nothing
// that depends on who reads.
func (p page) V(key string, args ...any) string {
	if p.Own() || p.Subject.ID == "" {
		return p.L.T(key, args...)
	}
	if other := key + ".other"; p.L.Has(other) {
		return p.L.T(other, append([]any{"Name", p.Subject.Name}, args...)...)
	}
	return p.L.T(key, args...)
}

// Own reports whether the reader is the person the page is about.
func (p page) Own() bool {
	return p.Identity != nil && p.Subject.ID != "" && p.Identity.PersonID == p.Subject.ID
}

// WhoDecided names who made a decision: the professional who recorded it
// by name ("Mari Fjelltun (professional)"), together with her, her herself,
// or the other body named.
func (p page) WhoDecided(d app.DecisionView) string {
	switch d.Decision.DecidedBy {
	case heard.DecidedByProfessional:
		return p.Named(d.CreatedBy)
	case heard.DecidedTogether:
		return p.V("decided_by.together_with", "Who", d.CreatedBy.Name)
	case heard.DecidedByOtherBody:
		if d.Decision.DecidedByOther != "" {
			return d.Decision.DecidedByOther
		}
	}
	return p.V("decided_by." + string(d.Decision.DecidedBy))
}

// Named names someone on a record with their role ("Mari Fjelltun,
// professional"; "Ola Berg, peer worker"); the person herself is "you" on
// her own pages and her name elsewhere.
func (p page) Named(s app.Someone) string {
	switch {
	case s.Her:
		return p.V("someone.her")
	case s.Name == "":
		return p.T("someone.gone")
	case s.PeerWorker:
		return p.T("someone.role", "Name", s.Name, "Role", p.T("team.peer_worker"))
	}
	return p.T("someone.role", "Name", s.Name, "Role", p.T("role."+string(s.Role)))
}

// NamedObj is Named where the name is the object ("added by you"; "lagt
// til av deg"), which Norwegian words differently from the subject.
func (p page) NamedObj(s app.Someone) string {
	if s.Her {
		return p.V("someone.her.obj")
	}
	return p.Named(s)
}

// WrittenDownBy says who wrote her preference down, and when: in her own
// words, or by whom.
func (p page) WrittenDownBy(s app.Someone, at time.Time) string {
	if s.Her {
		return p.V("decision.preference.own", "Date", p.L.Date(at))
	}
	return p.T("decision.preference.by", "Who", p.NamedObj(s), "Date", p.L.Date(at))
}

// FieldNames lists the parts of a decision, translated, for its history.
func (p page) FieldNames(fs []heard.DecisionField) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = p.T("decision.field." + string(f))
	}
	return strings.Join(names, ", ")
}

// FieldValue is what one part of a decision said in version d.
func (p page) FieldValue(f heard.DecisionField, d heard.Decision) string {
	var v string
	switch f {
	case heard.FieldOnTable:
		v = d.OnTable
	case heard.FieldOptions:
		v = d.Options
	case heard.FieldConstraints:
		parts := make([]string, len(d.Constraints))
		for i, c := range d.Constraints {
			parts[i] = p.T("constraint_kind."+string(c.Kind)) + ": " + c.Text + " — " + p.T("decision.set_by", "Who", c.SetBy)
		}
		v = strings.Join(parts, "\n")
	case heard.FieldPreference:
		v = d.Preference
	case heard.FieldOutcome:
		v = d.Outcome
	case heard.FieldDecidedBy:
		if d.DecidedBy == heard.DecidedByOtherBody && d.DecidedByOther != "" {
			v = d.DecidedByOther
		} else if d.DecidedBy != "" {
			v = p.V("decided_by." + string(d.DecidedBy))
		}
	case heard.FieldFollowed:
		if d.Followed != "" {
			v = p.T("followed." + string(d.Followed))
		}
	case heard.FieldNotFollowedReason:
		v = d.NotFollowedReason
	case heard.FieldReviewDate:
		if d.ReviewDate != "" {
			v = p.L.Day(d.ReviewDate)
		}
	}
	if v == "" {
		return p.T("decision.history.empty")
	}
	return v
}

// Here marks the menu's link to the page shown, or to the part of the
// record it belongs to (a meeting under "Meetings"), for sight and for
// screen readers.
func (p page) Here(href string) template.HTMLAttr {
	if p.Path == href || (href != "/home" && strings.HasPrefix(p.Path, href+"/")) {
		return ` aria-current="page"`
	}
	return ""
}

// Tel is a tap-to-call link for a phone number as written ("22 00 00
// 00"): only its digits and a leading +.
func (p page) Tel(phone string) template.URL {
	var b strings.Builder
	for i, r := range phone {
		if (r >= '0' && r <= '9') || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return template.URL("tel:" + b.String())
}

// NotAsWished says how a decision did not follow her preference: only
// partly, or not at all; "" when it did.
func (p page) NotAsWished(d heard.Decision) string {
	switch d.Followed {
	case heard.FollowedPartly:
		return p.V("decision.partly_as_wished")
	case heard.FollowedNo:
		return p.V("decision.not_as_wished")
	}
	return ""
}

// T translates a key; args are name, value pairs for its placeholders.
func (p page) T(key string, args ...any) string { return p.L.T(key, args...) }

// N translates a key with plural forms for count.
func (p page) N(key string, count int, args ...any) string { return p.L.N(key, count, args...) }

// Problem returns the translated problem with a form field, or "".
func (p page) Problem(field string) string { return p.Problems[field] }

// Langs lists the languages for the switcher.
func (p page) Langs() []i18n.Lang { return i18n.Langs }

// LangName names a language in itself.
func (p page) LangName(l i18n.Lang) string { return i18n.Name(l) }

// Simple reports whether the logged-in person asked for the simple view
// (low capacity): fewer choices everywhere.
func (p page) Simple() bool {
	return p.Role() == heard.RolePerson && p.Identity.Capacity == heard.CapacityLow
}

// Role returns the logged-in role, or "".
func (p page) Role() heard.Role {
	if p.Identity == nil || p.Identity.SecondFactorPending {
		return ""
	}
	return p.Identity.Account.Role
}

// langCookie remembers a visitor's language before they log in.
const langCookie = "heard_lang"

func (h *Handler) localizer(r *http.Request) i18n.Localizer {
	if id := auth.FromContext(r.Context()); id != nil {
		if l, ok := i18n.Parse(id.Account.Locale); ok {
			return i18n.New(l, h.loc)
		}
	}
	if c, err := r.Cookie(langCookie); err == nil {
		if l, ok := i18n.Parse(c.Value); ok {
			return i18n.New(l, h.loc)
		}
	}
	return i18n.New(i18n.Negotiate(r.Header.Get("Accept-Language")), h.loc)
}

// noticeKeys are the notices a redirect may ask a page to show.
var noticeKeys = map[string]bool{
	"notice.saved": true, "notice.sessions_ended": true, "notice.password_changed": true, "notice.totp_enabled": true,
	"notice.unit_created": true, "notice.relation_created": true, "notice.relation_ended": true, "notice.reviewed": true,
	"notice.member_removed": true, "notice.emergency_opened": true, "notice.logged_out": true,
	"notice.suggested": true, "notice.accepted": true, "notice.declined": true, "notice.capacity_saved": true,
	"notice.relation_confirmed": true, "notice.relation_declined": true, "notice.leader_confirmed": true, "notice.feedback_link": true,
	"notice.feedback_dismissed": true, "notice.renewed": true, "notice.proposal_declined": true, "notice.proposed": true, "notice.message_sent": true, "notice.answer_sent": true, "notice.invited_no_mail": true, "notice.answered_from_shared": true, "notice.instrument_imported": true,
	"notice.invitation_withdrawn": true, "notice.invited": true,
}

// pagePath is the path of the page shown: a form that comes back with a
// problem is shown at its POST's address, which a language switch or the
// menu cannot open again, so it is the page the form was sent from.
func pagePath(r *http.Request) string {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return r.URL.Path
	}
	if ref, err := url.Parse(r.Referer()); err == nil && ref.Host == r.Host && strings.HasPrefix(ref.Path, "/") {
		return ref.Path
	}
	return "/home"
}

func (h *Handler) page(r *http.Request, titleKey string) page {
	l := h.localizer(r)
	id := auth.FromContext(r.Context())
	p := page{L: l, Title: l.T(titleKey), CSRF: auth.CSRFToken(r.Context()), Identity: id, Path: pagePath(r),
		RequestID: request.From(r.Context()).ID}
	if c, err := r.Cookie(noticeCookie); err == nil {
		n, at, _ := strings.Cut(c.Value, "|")
		if noticeKeys[n] {
			p.Notice = l.T(n)
			if sectionID.MatchString(at) {
				p.NoticeAt = at
			}
		}
	}
	p.Editing = r.URL.Query().Get("edit") == "1" || r.Method == http.MethodPost
	if role := p.Role(); role == heard.RolePerson || role == heard.RoleNetwork {
		p.Crisis = true
	}
	return p
}

// render writes a page. It renders into a buffer first, so a template
// error becomes a clean 500 rather than half a page.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, view any) {
	t, ok := h.pages[name]
	if !ok {
		h.internal(w, r, fmt.Errorf("no page template %q", name))
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", view); err != nil {
		h.internal(w, r, fmt.Errorf("render %s: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	clearNotice(w, r)
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

type errorView struct {
	page
	Message string
	// Detail, when set, explains the error in place of the general help.
	Detail string
	Status int
}

// fail shows the page for an error from the app. Users never see internal
// error text: they see a plain message and the request ID, which joins the
// application log (where the error is) for whoever investigates.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, key := http.StatusInternalServerError, "error.internal"
	switch heard.ErrorCode(err) {
	case heard.CodeNotFound:
		status, key = http.StatusNotFound, "error.not_found"
	case heard.CodeForbidden:
		status, key = http.StatusForbidden, "error.forbidden"
	case heard.CodeInvalid:
		status, key = http.StatusUnprocessableEntity, "error.invalid"
	case heard.CodeConflict:
		status, key = http.StatusConflict, heard.ErrorKey(err)
	case heard.CodeTooManyAttempts:
		status, key = http.StatusTooManyRequests, "login.locked"
	case heard.CodeUnauthenticated:
		h.toLogin(w, r)
		return
	default:
		h.log.Error("request failed", "request_id", request.From(r.Context()).ID, "route", r.Pattern, "error", err)
	}
	v := errorView{page: h.page(r, "error.title"), Status: status}
	v.Message = v.T(key)
	h.render(w, r, status, "error", v)
}

// internal shows the generic error page without going through templates
// that may be the very thing that failed.
func (h *Handler) internal(w http.ResponseWriter, r *http.Request, err error) {
	id := request.From(r.Context()).ID
	h.log.Error("request failed", "request_id", id, "route", r.Pattern, "error", err)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	fmt.Fprintf(w, "Something went wrong. Noe gikk galt. (%s)\n", id)
}

// NotFound shows the "not found" page for unknown paths.
func (h *Handler) NotFound(w http.ResponseWriter, r *http.Request) { h.fail(w, r, heard.ErrNotFound) }

// Refuse is the page for a request without a valid CSRF token.
func (h *Handler) Refuse(w http.ResponseWriter, r *http.Request) {
	v := errorView{page: h.page(r, "error.title"), Status: http.StatusForbidden}
	v.Message = v.T("error.csrf")
	h.render(w, r, http.StatusForbidden, "error", v)
}

// BadText is the page for a request whose text Heard does not store
// (heard.ValidText): nothing was saved, and the person is told why.
func (h *Handler) BadText(w http.ResponseWriter, r *http.Request) {
	v := errorView{page: h.page(r, "error.title"), Status: http.StatusBadRequest}
	v.Message, v.Detail = v.T("error.text.heading"), v.T("error.text")
	h.render(w, r, http.StatusBadRequest, "error", v)
}

type crossSiteView struct {
	page
	Next string
}

// CrossSite is the page for a logged-in visitor who followed a link from
// another site: nothing of the page they asked for is read or logged until
// they choose to go on from here, one of Heard's own pages.
func (h *Handler) CrossSite(w http.ResponseWriter, r *http.Request) {
	v := crossSiteView{page: h.page(r, "crosssite.title"), Next: request.LocalPath(r.URL.RequestURI(), "/home")}
	h.render(w, r, http.StatusOK, "cross_site", v)
}

// ToLogin sends a visitor without a session to the login page, to come
// back here afterwards.
func (h *Handler) toLogin(w http.ResponseWriter, r *http.Request) {
	next := ""
	if r.Method == http.MethodGet {
		next = "?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	http.Redirect(w, r, "/login"+next, http.StatusSeeOther)
}

// ToLogin is toLogin for the server's gates.
func (h *Handler) ToLogin(w http.ResponseWriter, r *http.Request) { h.toLogin(w, r) }

// ToEnrolment sends staff who must set up two-factor login to do so.
// A save that led here (an admin requiring two-factor login, say) still
// confirms on the enrolment page: its notice cookie waits for it.
func (h *Handler) ToEnrolment(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/settings/two-factor", http.StatusSeeOther)
}

// noticeCookie carries a save's confirmation to the page the save returns
// to, once. It is set by the redirect itself, so a link from elsewhere
// cannot make a page say "The care relation has ended" (a query parameter
// could), and it lives a minute at most.
const noticeCookie = "heard_notice"

// redirect answers a POST with 303 See Other and an optional notice, shown
// by the next page (in the section of to's #fragment, where the browser
// scrolls to).
func redirect(w http.ResponseWriter, r *http.Request, to, notice string) {
	if notice != "" {
		_, at, _ := strings.Cut(to, "#")
		if !sectionID.MatchString(at) {
			at = ""
		}
		http.SetCookie(w, &http.Cookie{Name: noticeCookie, Value: notice + "|" + at, Path: "/", MaxAge: 60,
			HttpOnly: true, Secure: request.From(r.Context()).Secure, SameSite: http.SameSiteLaxMode})
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// confirmView asks before an action that cannot be undone from the same
// page: the first POST shows it, and only the POST it sends (confirm=yes)
// acts. It works without JavaScript.
type confirmView struct {
	page
	Question, Explain, Action, Yes, Back string
}

// confirmed reports whether the form is the answer to a confirmView.
func confirmed(r *http.Request) bool { return r.PostFormValue("confirm") == "yes" }

// clearNotice ends the notice once a page has shown it.
func clearNotice(w http.ResponseWriter, r *http.Request) {
	if _, err := r.Cookie(noticeCookie); err == nil {
		http.SetCookie(w, &http.Cookie{Name: noticeCookie, Path: "/", MaxAge: -1, HttpOnly: true,
			Secure: request.From(r.Context()).Secure, SameSite: http.SameSiteLaxMode})
	}
}

// sectionID is what a section's id looks like; "at" is nothing else.
var sectionID = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,40}$`)

// safeNext keeps redirects on this site.
func safeNext(next string) string { return request.LocalPath(next, "/home") }

// actor is the acting account for this request.
func actor(r *http.Request) heard.Actor {
	info := request.From(r.Context())
	return auth.FromContext(r.Context()).Actor(info.ClientAddr, info.ID)
}

// problems translates field problems for a form.
func problems(l i18n.Localizer, err error) map[string]string {
	m := map[string]string{}
	for _, p := range heard.Problems(err) {
		if _, ok := m[p.Field]; !ok {
			m[p.Field] = l.T(p.Key, p.Args()...)
		}
	}
	return m
}

// personID reads the person's ID from the path.
func personID(r *http.Request) (heard.PersonID, error) {
	return request.PathID[heard.PersonID](r, "personID")
}

// personRecord reads the person's ID and the ID of one of their records
// from the path.
func personRecord[T ~string](r *http.Request, name string) (heard.PersonID, T, error) {
	id, err := personID(r)
	if err != nil {
		return "", "", err
	}
	rid, err := request.PathID[T](r, name)
	return id, rid, err
}

// personPart reads the person's ID and a plan part's key from the path.
func personPart(r *http.Request) (heard.PersonID, heard.PlanPartKey, error) {
	id, err := personID(r)
	if err != nil {
		return "", "", err
	}
	key, err := request.PathPart(r)
	return id, key, err
}

// prepAnswers is her answers to the preparation's questions, for the
// prep_answers partial; Class adds to the list's classes ("print-only").
type prepAnswers struct {
	page
	Values map[string]string
	Class  string
}

// Fields are the preparation's questions, in order.
func (prepAnswers) Fields() []string { return heard.PreparationFields }

// PrepAnswers prepares her answers for the prep_answers partial.
func (p page) PrepAnswers(values map[string]string, class string) prepAnswers {
	return prepAnswers{page: p, Values: values, Class: class}
}

// partText is a plan part's text for the plan_fields partial.
type partText struct {
	page
	Key    heard.PlanPartKey
	Fields map[string]string
}

// PartText prepares a part's text for the plan_fields partial.
func (p page) PartText(part heard.PlanPart) partText {
	return partText{page: p, Key: part.Key, Fields: part.Fields}
}
