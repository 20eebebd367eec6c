package web

import (
	"net/http"
	"strconv"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/request"
)

// invite makes an invitation from her network page. Until e-mail is
// sent (the messaging step), the link is shown to her once, to send.
func (h *Handler) invite(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	months, _ := strconv.Atoi(r.PostFormValue("months"))
	in := app.InvitationInput{Email: r.PostFormValue("email"), Name: r.PostFormValue("name"), Relationship: r.PostFormValue("relationship"),
		Months: months, Proposal: heard.ProposalID(r.PostFormValue("proposal"))}
	for _, s := range r.PostForm["scope"] {
		in.Scopes = append(in.Scopes, heard.Scope(s))
	}
	made, err := h.app.Invite(r.Context(), actor(r), id, in)
	if err != nil && heard.ErrorCode(err) != heard.CodeInvalid {
		h.fail(w, r, err)
		return
	}
	v, verr := h.networkPage(r, id)
	if verr != nil {
		h.fail(w, r, verr)
		return
	}
	if err != nil {
		v.Invite, v.Problems = in, problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "network", v)
		return
	}
	v.InvitedName = made.Invitation.Name
	v.Notice, v.NoticeAt = v.T("notice.invited"), "invite"
	if h.links.ShowInvitations {
		v.InviteLink = h.links.To("/i/" + made.Token)
		v.Notice = v.T("notice.invited_no_mail")
	}
	h.render(w, r, http.StatusOK, "network", v)
}

func (h *Handler) withdrawInvitation(w http.ResponseWriter, r *http.Request) {
	id, iid, err := personRecord[heard.InvitationID](r, "invitationID")
	if err == nil {
		err = h.app.WithdrawInvitation(r.Context(), actor(r), id, iid)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, personPath(id, "/network#invitations"), "notice.invitation_withdrawn")
}

// invitationView is an invitation's page: who invites, in what words, to
// see what, and how to join.
type invitationView struct {
	page
	Invitation app.InvitationView
	Name       string
	Done       bool
	Email      string
}

// Member reports whether the reader is logged in as a network member, who
// joins with a button.
func (v invitationView) Member() bool { return v.Role() == heard.RoleNetwork }

// showInvitation answers every link it cannot use (used, withdrawn,
// expired, unknown) with the same calm page.
func (h *Handler) showInvitation(w http.ResponseWriter, r *http.Request) {
	v := invitationView{page: h.page(r, "invitation.title")}
	inv, err := h.app.OpenInvitation(r.Context(), r.PathValue("token"))
	switch {
	case heard.ErrorCode(err) == heard.CodeNotFound:
		h.render(w, r, http.StatusNotFound, "invitation_gone", v)
	case err != nil:
		h.fail(w, r, err)
	default:
		v.Invitation = inv
		h.render(w, r, http.StatusOK, "invitation", v)
	}
}

func (h *Handler) acceptInvitation(w http.ResponseWriter, r *http.Request) {
	v := invitationView{page: h.page(r, "invitation.title"), Name: r.PostFormValue("name")}
	inv, err := h.app.OpenInvitation(r.Context(), r.PathValue("token"))
	if heard.ErrorCode(err) == heard.CodeNotFound {
		h.render(w, r, http.StatusNotFound, "invitation_gone", v)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v.Invitation = inv
	in := app.AcceptInput{Name: r.PostFormValue("name"), Password: r.PostFormValue("password")}
	if v.Member() {
		a := actor(r)
		in = app.AcceptInput{Member: &a}
	}
	rq := request.From(r.Context())
	_, err = h.app.AcceptInvitation(r.Context(), r.PathValue("token"), rq.ClientAddr, rq.ID, in)
	switch {
	case err == nil:
		v.Done, v.Email = true, inv.Invitation.Email
		v.Notice = v.T("invitation.joined", "Name", inv.PersonName)
		h.render(w, r, http.StatusOK, "invitation", v)
	case heard.ErrorCode(err) == heard.CodeNotFound:
		h.render(w, r, http.StatusNotFound, "invitation_gone", v)
	case heard.ErrorCode(err) == heard.CodeInvalid:
		v.Problems = problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "invitation", v)
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) declineProposal(w http.ResponseWriter, r *http.Request) {
	id, pid, err := personRecord[heard.ProposalID](r, "proposalID")
	if err == nil {
		err = h.app.DeclineProposal(r.Context(), actor(r), id, pid)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, personPath(id, "/network#proposals"), "notice.proposal_declined")
}

// proposalView is the form on which her care team proposes someone she
// might invite.
type proposalView struct {
	page
	Person heard.Person
	Input  app.ProposalInput
}

func (h *Handler) proposalForm(r *http.Request) (proposalView, error) {
	id, err := personID(r)
	if err != nil {
		return proposalView{}, err
	}
	pv, err := h.app.Person(r.Context(), actor(r), id)
	if err != nil {
		return proposalView{}, err
	}
	if !pv.CanProposeInvitation {
		return proposalView{}, heard.ErrForbidden
	}
	v := proposalView{page: h.page(r, "proposal.title"), Person: pv.Person}
	v.Subject = pv.Person
	return v, nil
}

func (h *Handler) showProposal(w http.ResponseWriter, r *http.Request) {
	v, err := h.proposalForm(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "proposal", v)
}

func (h *Handler) propose(w http.ResponseWriter, r *http.Request) {
	v, err := h.proposalForm(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v.Input = app.ProposalInput{Name: r.PostFormValue("name"), Relationship: r.PostFormValue("relationship"), Reason: r.PostFormValue("reason")}
	_, err = h.app.ProposeInvitation(r.Context(), actor(r), v.Person.ID, v.Input)
	switch {
	case heard.ErrorCode(err) == heard.CodeInvalid:
		v.Problems = problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "proposal", v)
	case err != nil:
		h.fail(w, r, err)
	default:
		redirect(w, r, personPath(v.Person.ID, ""), "notice.proposed")
	}
}
