package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
)

type emergencySearchView struct {
	page
	Query    string
	Results  []app.FoundPerson
	Searched bool
}

// searchEmergency finds a person by name for a professional who needs
// emergency access to someone outside their caseload.
func (h *Handler) searchEmergency(w http.ResponseWriter, r *http.Request) {
	v := emergencySearchView{page: h.page(r, "emergency.search.title"), Query: strings.TrimSpace(r.URL.Query().Get("q"))}
	results, err := h.app.FindPersons(r.Context(), actor(r), v.Query)
	switch {
	case err == nil:
		v.Results, v.Searched = results, true
	case heard.ErrorCode(err) != heard.CodeInvalid:
		h.fail(w, r, err)
		return
	case v.Query != "":
		v.Problems = problems(v.L, err)
	}
	h.render(w, r, http.StatusOK, "emergency_search", v)
}

type emergencyFormView struct {
	page
	PersonID      heard.PersonID
	Reasons       []heard.EmergencyReason
	Reason        heard.EmergencyReason
	Justification string
	Hours         int
}

func (h *Handler) emergencyForm(r *http.Request, id heard.PersonID) emergencyFormView {
	return emergencyFormView{page: h.page(r, "emergency.form.title"), PersonID: id, Reasons: heard.EmergencyReasons,
		Hours: int(heard.EmergencyAccessDuration.Hours())}
}

func (h *Handler) showEmergencyForm(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.app.CanOpenEmergencyAccess(r.Context(), actor(r), id); err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "emergency_form", h.emergencyForm(r, id))
}

func (h *Handler) openEmergencyAccess(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	reason, justification := heard.EmergencyReason(r.PostFormValue("reason")), r.PostFormValue("justification")
	if _, err := h.app.OpenEmergencyAccess(r.Context(), actor(r), id, reason, justification); err != nil {
		if heard.ErrorCode(err) != heard.CodeInvalid {
			h.fail(w, r, err)
			return
		}
		v := h.emergencyForm(r, id)
		v.Reason, v.Justification, v.Problems = reason, justification, problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "emergency_form", v)
		return
	}
	redirect(w, r, "/persons/"+string(id), "notice.emergency_opened")
}

type reviewsView struct {
	page
	app.ReviewsPage
}

func (h *Handler) showReviews(w http.ResponseWriter, r *http.Request) {
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	q := app.ReviewsQuery{Reviewed: r.URL.Query().Get("show") == "reviewed", Offset: offset}
	reviews, err := h.app.EmergencyReviews(r.Context(), actor(r), q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "emergency_reviews", reviewsView{page: h.page(r, "reviews.title"), ReviewsPage: reviews})
}

func (h *Handler) reviewEmergencyAccess(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("accessID")
	if !heard.ValidID(id) {
		h.fail(w, r, heard.ErrNotFound)
		return
	}
	if err := h.app.ReviewEmergencyAccess(r.Context(), actor(r), heard.EmergencyAccessID(id), r.PostFormValue("note")); err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/reviews/emergency-access", "notice.reviewed")
}
