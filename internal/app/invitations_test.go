package app

import (
	"errors"
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
	if l := must(w.app.AcceptInvitation(ctx, existing.Token, "", "", AcceptInput{Member: &w.net})); l.MemberID != w.net.AccountID || l.PersonID != w.p2 {
		t.Errorf("an existing member's link = %+v", l)
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
