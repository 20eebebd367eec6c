package app

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
)

// She invites someone with the scopes she chooses; the link works once,
// makes the account, and connects it with exactly those scopes; withdrawn,
// used and expired links are all "not found"; only she invites.
func TestService_InvitationJoinsHerNetworkOnce(t *testing.T) {
	w := newWorld(t)
	in := InvitationInput{Email: "Liv@Example.test", Name: "Liv", Relationship: "my mother", Scopes: []heard.Scope{heard.ScopeMeetings, heard.ScopeCrisisPlan}}
	if _, err := w.app.Invite(ctx, w.pro, w.p1, in); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("her professional sending an invitation: %v", err)
	}
	bad := in
	bad.Email, bad.Scopes = "not an address", []heard.Scope{"everything"}
	if p := heard.Problems(errOf(w.app.Invite(ctx, w.person1, w.p1, bad))); len(p) != 2 {
		t.Errorf("a bad address and scope: %+v", p)
	}
	made := must(w.app.Invite(ctx, w.person1, w.p1, in))
	if made.Token == "" || made.Invitation.TokenHash == made.Token || made.Invitation.Email != "liv@example.test" {
		t.Errorf("made = %+v", made)
	}
	v := must(w.app.OpenInvitation(ctx, made.Token))
	if v.PersonName == "" || v.Invitation.Relationship != "my mother" {
		t.Errorf("the link's page = %+v", v)
	}
	if _, err := w.app.AcceptInvitation(ctx, made.Token, "", "", AcceptInput{Name: "Liv", Password: "short"}); heard.ErrorCode(err) != heard.CodeInvalid {
		t.Errorf("a weak password: %v", err)
	}
	link := must(w.app.AcceptInvitation(ctx, made.Token, "192.0.2.9", "req-1", AcceptInput{Name: "Liv Lindqvam", Password: "a long passphrase for liv"}))
	if link.PersonID != w.p1 || heard.FormatScopes(link.Scopes) != heard.FormatScopes(in.Scopes) || len(link.Scopes) != 2 || link.Relationship != "my mother" {
		t.Errorf("the link = %+v", link)
	}
	if _, err := w.app.AcceptInvitation(ctx, made.Token, "", "", AcceptInput{Name: "Someone", Password: "another long passphrase"}); !errors.Is(err, heard.ErrNotFound) {
		t.Errorf("using the link twice: %v", err)
	}
	joined := false
	for _, e := range w.log(t, w.p1) {
		joined = joined || e.Action == heard.ActionUpdateNetwork && e.Basis == heard.BasisInvitation && e.ActorID == link.MemberID
	}
	if !joined {
		t.Error("her log does not say who joined with her invitation")
	}

	withdrawn := must(w.app.Invite(ctx, w.person1, w.p1, InvitationInput{Email: "ove@example.test", Name: "Ove"}))
	must(0, w.app.WithdrawInvitation(ctx, w.person1, w.p1, withdrawn.Invitation.ID))
	if _, err := w.app.OpenInvitation(ctx, withdrawn.Token); !errors.Is(err, heard.ErrNotFound) {
		t.Errorf("a withdrawn link: %v", err)
	}
	if err := w.app.WithdrawInvitation(ctx, w.pro, w.p1, withdrawn.Invitation.ID); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("her professional withdrawing: %v", err)
	}

	existing := must(w.app.Invite(ctx, w.person2, w.p2, InvitationInput{Email: "net@example.test", Name: "Net", Scopes: []heard.Scope{heard.ScopeCareTeam}}))
	stranger := w.account(t, "stranger@example.test", heard.RoleNetwork, "")
	if _, err := w.app.AcceptInvitation(ctx, existing.Token, "", "", AcceptInput{Member: &stranger}); heard.ErrorCode(err) != heard.CodeInvalid {
		t.Errorf("another network account takes up a link sent to someone else: %v", err)
	}
	if l := must(w.app.AcceptInvitation(ctx, existing.Token, "", "", AcceptInput{Member: &w.net})); l.MemberID != w.net.AccountID || l.PersonID != w.p2 {
		t.Errorf("an existing member's link = %+v", l)
	}
	again := must(w.app.Invite(ctx, w.person2, w.p2, InvitationInput{Email: "net@example.test", Name: "Net", Scopes: []heard.Scope{heard.ScopePlan}}))
	if p := heard.Problems(errOf(w.app.AcceptInvitation(ctx, again.Token, "", "", AcceptInput{Member: &w.net}))); len(p) != 1 || p[0].Key != "invitation.already_member" {
		t.Errorf("a second link for a member already in her network: %+v", p)
	}
	late := must(w.app.Invite(ctx, w.person1, w.p1, InvitationInput{Email: "late@example.test", Name: "Late"}))
	if got := must(w.app.Invitations(ctx, w.person1, w.p1)); len(got) != 1 || got[0].ID != late.Invitation.ID {
		t.Errorf("her pending invitations = %+v; want only the last", got)
	}
	w.clock.Advance(heard.InvitationLife + time.Minute)
	if _, err := w.app.OpenInvitation(ctx, late.Token); !errors.Is(err, heard.ErrNotFound) {
		t.Errorf("an expired link: %v", err)
	}
	if got := must(w.app.Invitations(ctx, w.person1, w.p1)); len(got) != 0 {
		t.Errorf("pending invitations after they expired = %+v", got)
	}
}

// A member's access lasts the period she chose: she is reminded a month
// before it ends, it ends by itself, nothing renews it but her, and a
// renewal counts from the day she renews.
func TestService_NetworkAccessEndsUnlessSheRenews(t *testing.T) {
	w := newWorld(t)
	made := must(w.app.Invite(ctx, w.person1, w.p1, InvitationInput{Email: "liv@example.test", Name: "Liv", Scopes: []heard.Scope{heard.ScopeCareTeam}, Months: 3}))
	link := must(w.app.AcceptInvitation(ctx, made.Token, "", "", AcceptInput{Name: "Liv", Password: "a long passphrase for liv"}))
	if want := w.clock.Now().AddDate(0, 3, 0); !link.Until.Equal(want) {
		t.Fatalf("access until %v, want %v", link.Until, want)
	}
	liv := heard.Actor{AccountID: link.MemberID, OrganisationID: w.person1.OrganisationID, Role: heard.RoleNetwork, Name: "Liv"}
	if _, err := w.app.Person(ctx, liv, w.p1); err != nil {
		t.Fatalf("Liv reads within the period: %v", err)
	}
	if h := must(w.app.PersonHome(ctx, w.person1)); len(h.AccessEnding) != 0 {
		t.Errorf("reminded three months early: %+v", h.AccessEnding)
	}
	w.clock.Advance(70 * 24 * time.Hour)
	if h := must(w.app.PersonHome(ctx, w.person1)); len(h.AccessEnding) != 1 || h.AccessEnding[0].Name != "Liv" || !h.AccessEnding[0].Current {
		t.Errorf("no reminder three weeks before the end: %+v", h.AccessEnding)
	}
	w.clock.Advance(30 * 24 * time.Hour)
	if _, err := w.app.Person(ctx, liv, w.p1); !errors.Is(err, heard.ErrNotFound) {
		t.Errorf("Liv reads after the period ended: %v", err)
	}
	members := must(w.app.Network(ctx, w.person1, w.p1))
	if i := slices.IndexFunc(members, func(m NetworkMember) bool { return m.Link.ID == link.ID }); i < 0 || members[i].Current {
		t.Errorf("her page does not show Liv's ended access: %+v", members)
	}
	if err := w.app.RenewMember(ctx, w.pro, w.p1, link.ID, 12); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("her professional renewing: %v", err)
	}
	if err := w.app.RenewMember(ctx, liv, w.p1, link.ID, 12); !errors.Is(err, heard.ErrNotFound) {
		t.Errorf("Liv renewing herself: %v", err)
	}
	if err := w.app.RenewMember(ctx, w.person1, w.p1, link.ID, 5); heard.ErrorCode(err) != heard.CodeInvalid {
		t.Errorf("a period she cannot choose: %v", err)
	}
	must(0, w.app.RenewMember(ctx, w.person1, w.p1, link.ID, 6))
	// Renewing while access lasts extends it; it never shortens it.
	must(0, w.app.RenewMember(ctx, w.person1, w.p1, link.ID, 3))
	if ms := must(w.app.Network(ctx, w.person1, w.p1)); !ms[len(ms)-1].Link.Until.Equal(w.clock.Now().AddDate(0, 6, 0).AddDate(0, 3, 0)) {
		t.Errorf("renewing for three more months while six remain: until %v", ms[len(ms)-1].Link.Until)
	}
	if _, err := w.app.Person(ctx, liv, w.p1); err != nil {
		t.Errorf("Liv reads after she renewed: %v", err)
	}

}

// Her care team proposes, she decides: the proposal waits on her page,
// sends nothing, and closes when she invites or sets it aside. Nobody else
// can act on it.
func TestService_ProposalsWaitForHer(t *testing.T) {
	w := newWorld(t)
	if _, err := w.app.ProposeInvitation(ctx, w.pro2, w.p1, ProposalInput{Name: "Kari"}); !errors.Is(err, heard.ErrNotFound) {
		t.Errorf("a professional outside her care team proposing: %v", err)
	}
	if _, err := w.app.ProposeInvitation(ctx, w.net, w.p1, ProposalInput{Name: "Kari"}); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("a network member proposing: %v", err)
	}
	if _, err := w.app.ProposeInvitation(ctx, w.pro, w.p1, ProposalInput{Name: " "}); heard.ErrorCode(err) != heard.CodeInvalid {
		t.Errorf("a proposal without a name: %v", err)
	}
	kari := must(w.app.ProposeInvitation(ctx, w.pro, w.p1, ProposalInput{Name: "Kari", Relationship: "aunt", Reason: "helped last winter"}))
	ove := must(w.app.ProposeInvitation(ctx, w.pro, w.p1, ProposalInput{Name: "Ove"}))
	if _, err := w.app.Proposals(ctx, w.pro, w.p1); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("her professional listing her proposals: %v", err)
	}
	if ps := must(w.app.Proposals(ctx, w.person1, w.p1)); len(ps) != 2 || ps[1].ProposerName == "" {
		t.Errorf("her proposals = %+v", ps)
	}
	if invs := must(w.app.Invitations(ctx, w.person1, w.p1)); len(invs) != 0 {
		t.Errorf("a proposal sent an invitation: %+v", invs)
	}
	if h := must(w.app.PersonHome(ctx, w.person1)); h.ProposalsWaiting != 2 {
		t.Errorf("her home counts %d proposals", h.ProposalsWaiting)
	}
	if err := w.app.DeclineProposal(ctx, w.pro, w.p1, ove.ID); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("her professional setting it aside: %v", err)
	}
	if err := w.app.DeclineProposal(ctx, w.person2, w.p2, ove.ID); !errors.Is(err, heard.ErrNotFound) {
		t.Errorf("another person setting it aside: %v", err)
	}
	must(0, w.app.DeclineProposal(ctx, w.person1, w.p1, ove.ID))
	must(w.app.Invite(ctx, w.person1, w.p1, InvitationInput{Email: "kari@example.test", Name: "Kari", Relationship: "aunt", Proposal: kari.ID}))
	if ps := must(w.app.Proposals(ctx, w.person1, w.p1)); len(ps) != 0 {
		t.Errorf("answered proposals still wait: %+v", ps)
	}
	proposed := false
	for _, e := range w.log(t, w.p1) {
		proposed = proposed || e.Action == heard.ActionProposeInvitation && e.ActorID == w.pro.AccountID && e.Outcome == heard.OutcomeAllowed
	}
	if !proposed {
		t.Error("her log does not show who proposed")
	}
}

// Each invitation e-mails an address: no more than twenty wait at once.
func TestService_InvitationsWaitingAreBounded(t *testing.T) {
	w := newWorld(t)
	for i := range maxPendingInvitations {
		must(w.app.Invite(ctx, w.person1, w.p1, InvitationInput{Email: fmt.Sprintf("guest%d@example.test", i), Name: "Guest"}))
	}
	if p := heard.Problems(errOf(w.app.Invite(ctx, w.person1, w.p1, InvitationInput{Email: "one.more@example.test", Name: "Guest"}))); len(p) != 1 || p[0].Key != "invitation.too_many" {
		t.Errorf("the twenty-first: %+v", p)
	}
}
