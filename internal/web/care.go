package web

import (
	"net/http"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/request"
)

type careRequestsView struct {
	page
	Requests []app.CareRelationRow
	Leaders  []app.LeaderRequest
}

func (h *Handler) showCareRequests(w http.ResponseWriter, r *http.Request) {
	rows, err := h.app.PendingCareRelations(r.Context(), actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	leaders, err := h.app.PendingLeaders(r.Context(), actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "care_requests", careRequestsView{page: h.page(r, "care.requests.title"), Requests: rows, Leaders: leaders})
}

func (h *Handler) confirmLeader(w http.ResponseWriter, r *http.Request) {
	unit, err := request.PathID[heard.UnitID](r, "unitID")
	var account heard.AccountID
	if err == nil {
		account, err = request.PathID[heard.AccountID](r, "accountID")
	}
	if err == nil {
		err = h.app.ConfirmLeader(r.Context(), actor(r), unit, account)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/care-relations", "notice.leader_confirmed")
}

func (h *Handler) confirmCareRelation(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID[heard.CareRelationID](r, "relationID")
	if err == nil {
		err = h.app.ConfirmCareRelation(r.Context(), actor(r), id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/care-relations", "notice.relation_confirmed")
}

func (h *Handler) declineCareRelation(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID[heard.CareRelationID](r, "relationID")
	if err == nil {
		err = h.app.DeclineCareRelation(r.Context(), actor(r), id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/care-relations", "notice.relation_declined")
}
