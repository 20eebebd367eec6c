package web

import (
	"net/http"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
)

type dueView struct {
	page
	Due app.Due
}

// showDue lists, for a professional, decisions due for review and
// restrictions past their review date among the persons they work with.
func (h *Handler) showDue(w http.ResponseWriter, r *http.Request) {
	due, err := h.app.DueReviews(r.Context(), actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "reviews_due", dueView{page: h.page(r, "due.title"), Due: due})
}

// setCapacity records how much the person can take right now; the pages
// adapt from the next one on.
func (h *Handler) setCapacity(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.app.SetCapacity(r.Context(), actor(r), id, heard.Capacity(r.PostFormValue("capacity"))); err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, safeNext(r.PostFormValue("next")), "notice.capacity_saved")
}
