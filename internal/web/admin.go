package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
)

type unitsView struct {
	page
	Organisation heard.Organisation
	Units        []heard.Unit
	Kinds        []heard.UnitKind
	Name         string
	Kind         heard.UnitKind
	// Contact is the unit whose contact form comes back with a problem,
	// with what was typed.
	Contact      heard.UnitID
	Phone, Reach string
	// Messaging is the unit whose messaging form comes back with a
	// problem, with what was typed.
	Messaging      heard.UnitID
	MessagingInput messagingInput
}

// messagingInput is the messaging form as typed.
type messagingInput struct {
	Days                       []time.Weekday
	From, To, Escalate, Crisis string
}

// Weekdays lists the days, Monday first, for the reply-hours form.
func (unitsView) Weekdays() []time.Weekday {
	return []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
}

// DayNumber is a day's form value.
func (unitsView) DayNumber(d time.Weekday) int { return int(d) }

// Clock writes minutes after midnight as "08:00".
func (unitsView) Clock(m int) string { return heard.FormatClock(m) }

// EscalateHours writes working minutes as hours for the form.
func (unitsView) EscalateHours(m int) string { return strconv.FormatFloat(float64(m)/60, 'f', -1, 64) }

// Ticked reports whether the messaging form of unit u has day d ticked:
// as typed when that form came back with a problem, else as saved.
func (v unitsView) Ticked(u heard.Unit, d time.Weekday) bool {
	if u.ID == v.Messaging {
		return slices.Contains(v.MessagingInput.Days, d)
	}
	return slices.Contains(u.ReplyHours.Days, d)
}

// parseClock reads "08:00" as minutes after midnight, or -1.
func parseClock(s string) int {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		if strings.TrimSpace(s) == "24:00" {
			return 24 * 60
		}
		return -1
	}
	return t.Hour()*60 + t.Minute()
}

func (h *Handler) saveUnitMessaging(w http.ResponseWriter, r *http.Request) {
	id := heard.UnitID(r.PathValue("unitID"))
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, heard.Invalid([]heard.Problem{{Field: "days", Key: "error.invalid"}}))
		return
	}
	in := messagingInput{From: r.PostFormValue("reply_from"), To: r.PostFormValue("reply_to"), Escalate: r.PostFormValue("escalate_hours"),
		Crisis: normalNewlines(r.PostFormValue("crisis_note"))}
	in.Days = heard.ParseDays(strings.Join(r.PostForm["day"], " "))
	hours := heard.ReplyHours{Days: in.Days, From: parseClock(in.From), To: parseClock(in.To), EscalateAfter: -1}
	if f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(in.Escalate), ",", "."), 64); err == nil {
		hours.EscalateAfter = int(f * 60)
	}
	err := h.app.SetUnitMessaging(r.Context(), actor(r), id, hours, in.Crisis)
	if heard.ErrorCode(err) == heard.CodeInvalid {
		v, verr := h.unitsView(r)
		if verr != nil {
			h.fail(w, r, verr)
			return
		}
		v.Messaging, v.MessagingInput, v.Problems = id, in, problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "admin_units", v)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/admin/units#unit-"+string(id), "notice.saved")
}

func (h *Handler) unitsView(r *http.Request) (unitsView, error) {
	v := unitsView{page: h.page(r, "admin.units.title"), Kinds: heard.UnitKinds}
	var err error
	if v.Organisation, err = h.app.Organisation(r.Context(), actor(r)); err != nil {
		return v, err
	}
	v.Units, err = h.app.Units(r.Context(), actor(r))
	return v, err
}

func (h *Handler) showUnits(w http.ResponseWriter, r *http.Request) {
	v, err := h.unitsView(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin_units", v)
}

func (h *Handler) createUnit(w http.ResponseWriter, r *http.Request) {
	name, kind := r.PostFormValue("name"), heard.UnitKind(r.PostFormValue("kind"))
	_, err := h.app.CreateUnit(r.Context(), actor(r), name, kind)
	if heard.ErrorCode(err) == heard.CodeInvalid {
		v, verr := h.unitsView(r)
		if verr != nil {
			h.fail(w, r, verr)
			return
		}
		v.Name, v.Kind, v.Problems = name, kind, problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "admin_units", v)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/admin/units", "notice.unit_created")
}

func (h *Handler) saveUnitContact(w http.ResponseWriter, r *http.Request) {
	id := heard.UnitID(r.PathValue("unitID"))
	phone, reach := r.PostFormValue("phone"), r.PostFormValue("reach")
	err := h.app.SetUnitContact(r.Context(), actor(r), id, phone, reach)
	if heard.ErrorCode(err) == heard.CodeInvalid {
		v, verr := h.unitsView(r)
		if verr != nil {
			h.fail(w, r, verr)
			return
		}
		v.Contact, v.Phone, v.Reach, v.Problems = id, phone, reach, problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "admin_units", v)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/admin/units#unit-"+string(id), "notice.saved")
}

func (h *Handler) saveOrganisation(w http.ResponseWriter, r *http.Request) {
	if err := h.app.SetRequireStaffTOTP(r.Context(), actor(r), r.PostFormValue("require_staff_totp") == "on"); err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/admin/units", "notice.saved")
}

type accountsView struct {
	page
	Accounts []app.AccountRow
	Units    []heard.Unit
	Roles    []heard.Role
	Form     app.NewAccount
	Created  *heard.Account
	Password string
	Offset   int
	NextPage int
	PrevPage int
	HasPrev  bool
	HasNext  bool
}

func (h *Handler) accountsView(r *http.Request) (accountsView, error) {
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	offset = max(offset, 0)
	v := accountsView{page: h.page(r, "admin.accounts.title"), Roles: heard.Roles, Offset: offset}
	var err error
	if v.Accounts, err = h.app.Accounts(r.Context(), actor(r), offset); err != nil {
		return v, err
	}
	if v.Units, err = h.app.Units(r.Context(), actor(r)); err != nil {
		return v, err
	}
	v.HasPrev, v.PrevPage = offset > 0, max(offset-app.AccountsPageSize, 0)
	v.HasNext, v.NextPage = len(v.Accounts) == app.AccountsPageSize, offset+app.AccountsPageSize
	return v, nil
}

func (h *Handler) showAccounts(w http.ResponseWriter, r *http.Request) {
	v, err := h.accountsView(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin_accounts", v)
}

// createAccount creates an account and shows its generated password once,
// on the response to the POST itself: it is never stored in clear, so it
// cannot be shown again after a redirect.
func (h *Handler) createAccount(w http.ResponseWriter, r *http.Request) {
	form := app.NewAccount{Email: r.PostFormValue("email"), Name: r.PostFormValue("name"), Role: heard.Role(r.PostFormValue("role")),
		PeerWorker: r.PostFormValue("peer_worker") == "on", UnitID: heard.UnitID(r.PostFormValue("unit")), BirthDate: r.PostFormValue("birth_date")}
	created, err := h.app.CreateAccount(r.Context(), actor(r), form)
	if err != nil && heard.ErrorCode(err) != heard.CodeInvalid {
		h.fail(w, r, err)
		return
	}
	v, verr := h.accountsView(r)
	if verr != nil {
		h.fail(w, r, verr)
		return
	}
	status := http.StatusOK
	if err != nil {
		v.Form, v.Problems, status = form, problems(v.L, err), http.StatusUnprocessableEntity
	} else {
		v.Created, v.Password = &created.Account, created.Password
	}
	h.render(w, r, status, "admin_accounts", v)
}

type relationsView struct {
	page
	Relations     []app.CareRelationRow
	Persons       []heard.Person
	Professionals []heard.Account
	Units         []heard.Unit
	Form          app.NewCareRelation
}

func (h *Handler) relationsView(r *http.Request) (relationsView, error) {
	v := relationsView{page: h.page(r, "admin.relations.title")}
	ctx, a := r.Context(), actor(r)
	var err error
	if v.Relations, err = h.app.CareRelations(ctx, a); err != nil {
		return v, err
	}
	if v.Persons, err = h.app.PersonChoices(ctx, a); err != nil {
		return v, err
	}
	if v.Professionals, err = h.app.Professionals(ctx, a); err != nil {
		return v, err
	}
	v.Units, err = h.app.Units(ctx, a)
	return v, err
}

func (h *Handler) showRelations(w http.ResponseWriter, r *http.Request) {
	v, err := h.relationsView(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin_relations", v)
}

func (h *Handler) createRelation(w http.ResponseWriter, r *http.Request) {
	form := app.NewCareRelation{PersonID: heard.PersonID(r.PostFormValue("person")), ProfessionalID: heard.AccountID(r.PostFormValue("professional")),
		UnitID: heard.UnitID(r.PostFormValue("unit")), PrimaryContact: r.PostFormValue("primary_contact") == "on"}
	_, err := h.app.CreateCareRelation(r.Context(), actor(r), form)
	if heard.ErrorCode(err) == heard.CodeInvalid {
		v, verr := h.relationsView(r)
		if verr != nil {
			h.fail(w, r, verr)
			return
		}
		v.Form, v.Problems = form, problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "admin_relations", v)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/admin/relations", "notice.relation_created")
}

func (h *Handler) endRelation(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("relationID")
	if !heard.ValidID(id) {
		h.fail(w, r, heard.ErrNotFound)
		return
	}
	if !confirmed(r) {
		rows, err := h.app.CareRelations(r.Context(), actor(r))
		if err != nil {
			h.fail(w, r, err)
			return
		}
		i := slices.IndexFunc(rows, func(row app.CareRelationRow) bool { return row.Relation.ID == heard.CareRelationID(id) })
		if i < 0 {
			h.fail(w, r, heard.ErrNotFound)
			return
		}
		row := rows[i]
		v := confirmView{page: h.page(r, "admin.relations.end.title"), Action: r.URL.Path, Back: "/admin/relations"}
		v.Path = v.Back // the language switcher returns there: this page answers a POST
		if row.Relation.Pending() {
			v.Question, v.Yes = v.T("admin.relations.withdraw.question", "Person", row.PersonName, "Professional", row.ProfessionalName), v.T("admin.relations.withdraw.yes")
			v.Explain = v.T("admin.relations.withdraw.explain", "Professional", row.ProfessionalName)
		} else {
			v.Question, v.Yes = v.T("admin.relations.end.question", "Person", row.PersonName, "Professional", row.ProfessionalName), v.T("admin.relations.end.yes")
			v.Explain = v.T("admin.relations.end.explain", "Person", row.PersonName, "Professional", row.ProfessionalName)
		}
		h.render(w, r, http.StatusOK, "confirm", v)
		return
	}
	if err := h.app.EndCareRelation(r.Context(), actor(r), heard.CareRelationID(id)); err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/admin/relations", "notice.relation_ended")
}
