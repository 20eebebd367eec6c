package api

import (
	"net/http"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/request"
)

type invitationJSON struct {
	ID           string     `json:"id"`
	Email        string     `json:"email"`
	Name         string     `json:"name"`
	Relationship string     `json:"relationship"`
	Scopes       []string   `json:"scopes"`
	Months       int        `json:"months"`
	CreatedAt    *time.Time `json:"createdAt,omitempty"`
	ExpiresAt    *time.Time `json:"expiresAt,omitempty"`
	// URL is the link, given once, when the invitation is made.
	URL string `json:"url,omitempty"`
}

func invitationOf(i heard.Invitation) invitationJSON {
	out := invitationJSON{ID: string(i.ID), Email: i.Email, Name: i.Name, Relationship: i.Relationship, Scopes: []string{}, Months: i.Months,
		CreatedAt: timePtr(i.Created), ExpiresAt: timePtr(i.Expires)}
	for _, s := range i.Scopes {
		out.Scopes = append(out.Scopes, string(s))
	}
	return out
}

// invitations answers her invitations that wait for an answer.
func (h *Handler) invitations(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	list, err := h.app.Invitations(r.Context(), actor(r), id)
	out := []invitationJSON{}
	for _, i := range list {
		out = append(out, invitationOf(i))
	}
	h.reply(w, r, http.StatusOK, struct {
		Invitations []invitationJSON `json:"invitations"`
	}{out}, err)
}

// invite makes an invitation and answers its link, once.
func (h *Handler) invite(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in struct {
		Email        string   `json:"email"`
		Name         string   `json:"name"`
		Relationship string   `json:"relationship"`
		Scopes       []string `json:"scopes"`
		Months       int      `json:"months"`
		ProposalID   string   `json:"proposalId"`
	}
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	ii := app.InvitationInput{Email: in.Email, Name: in.Name, Relationship: in.Relationship, Months: in.Months, Proposal: heard.ProposalID(in.ProposalID)}
	for _, s := range in.Scopes {
		ii.Scopes = append(ii.Scopes, heard.Scope(s))
	}
	made, err := h.app.Invite(r.Context(), actor(r), id, ii)
	out := invitationOf(made.Invitation)
	if err == nil && h.links.ShowInvitations {
		out.URL = h.links.To("/i/" + made.Token)
	}
	h.reply(w, r, http.StatusCreated, out, err)
}

func (h *Handler) withdrawInvitation(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	var iid heard.InvitationID
	if err == nil {
		iid, err = request.PathID[heard.InvitationID](r, "invitationId")
	}
	if err == nil {
		err = h.app.WithdrawInvitation(r.Context(), actor(r), id, iid)
	}
	h.noContent(w, r, err)
}

type proposalJSON struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	Relationship string    `json:"relationship"`
	Reason       string    `json:"reason"`
	ProposedBy   string    `json:"proposedBy"`
	CreatedAt    time.Time `json:"createdAt"`
}

// proposals answers her care team's proposals that wait for her.
func (h *Handler) proposals(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	list, err := h.app.Proposals(r.Context(), actor(r), id)
	out := []proposalJSON{}
	for _, p := range list {
		out = append(out, proposalJSON{ID: string(p.ID), Name: p.Name, Relationship: p.Relationship, Reason: p.Reason, ProposedBy: p.ProposerName, CreatedAt: p.Created})
	}
	h.reply(w, r, http.StatusOK, struct {
		Proposals []proposalJSON `json:"proposals"`
	}{out}, err)
}

// propose records a care team member's proposal; it sends nothing.
func (h *Handler) propose(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in struct {
		Name         string `json:"name"`
		Relationship string `json:"relationship"`
		Reason       string `json:"reason"`
	}
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.app.ProposeInvitation(r.Context(), actor(r), id, app.ProposalInput{Name: in.Name, Relationship: in.Relationship, Reason: in.Reason})
	h.reply(w, r, http.StatusCreated, proposalJSON{ID: string(p.ID), Name: p.Name, Relationship: p.Relationship, Reason: p.Reason, ProposedBy: p.ProposerName, CreatedAt: p.Created}, err)
}

func (h *Handler) declineProposal(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	var pid heard.ProposalID
	if err == nil {
		pid, err = request.PathID[heard.ProposalID](r, "proposalId")
	}
	if err == nil {
		err = h.app.DeclineProposal(r.Context(), actor(r), id, pid)
	}
	h.noContent(w, r, err)
}
