package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/password"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// InvitationInput is what she writes when she invites someone.
type InvitationInput struct {
	Email, Name, Relationship string
	Scopes                    []heard.Scope
	// Months is how long the access lasts; zero is the default year.
	Months int
	// Proposal, when set, is her care team's proposal she answers by
	// inviting.
	Proposal heard.ProposalID
}

// maxPendingInvitations is how many invitations may wait for an answer at
// once: more than a network meeting needs, too few to send mail in bulk.
const maxPendingInvitations = 20

// NewInvitation is a made invitation and its token, which exists only
// here: the link is sent, the token's hash is stored.
type NewInvitation struct {
	Invitation heard.Invitation
	Token      string
}

// Invite makes an invitation into her network. Only she invites: a
// professional can propose, never send.
func (s *Service) Invite(ctx context.Context, actor heard.Actor, id heard.PersonID, in InvitationInput) (NewInvitation, error) {
	var out NewInvitation
	inv := heard.Invitation{ID: heard.NewID[heard.InvitationID](), Email: heard.NormalizeEmail(in.Email), Name: strings.TrimSpace(in.Name),
		Relationship: strings.TrimSpace(in.Relationship), Scopes: in.Scopes, Months: in.Months, CreatedBy: actor.AccountID}
	if inv.Months == 0 {
		inv.Months = heard.DefaultAccessMonths
	}
	err := s.personTx(ctx, actor, id, heard.ActionUpdateNetwork, string(inv.ID), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		if err := inv.Validate(); err != nil {
			return err
		}
		// Each invitation e-mails an address: a bound on those waiting
		// keeps Heard from being used to send mail to many.
		all, err := tx.ListInvitations(ctx, p.ID)
		if err != nil {
			return err
		}
		pending := 0
		for _, x := range all {
			if x.Pending(s.now()) {
				pending++
			}
		}
		if pending >= maxPendingInvitations {
			return heard.Invalid([]heard.Problem{{Field: "email", Key: "invitation.too_many"}})
		}
		token, err := newToken()
		if err != nil {
			return err
		}
		now := s.now()
		inv.PersonID, inv.TokenHash, inv.Created, inv.Expires = p.ID, tokenHash(token), now, now.Add(heard.InvitationLife)
		out = NewInvitation{Invitation: inv, Token: token}
		if in.Proposal != "" {
			if err := tx.CloseProposal(ctx, p.ID, in.Proposal, true, now); err != nil {
				return err
			}
		}
		if err := tx.CreateInvitation(ctx, inv); err != nil {
			return err
		}
		her, err := tx.GetAccount(ctx, actor.AccountID)
		if err != nil {
			return err
		}
		return notify(ctx, tx, now, heard.NotifyInvitation, "invitation:"+string(inv.ID), inv.Email, her.Locale, "/i/"+token)
	})
	return result(out, err)
}

// Invitations lists her invitations that wait for an answer, newest
// first, to her: those she can withdraw.
func (s *Service) Invitations(ctx context.Context, actor heard.Actor, id heard.PersonID) ([]heard.Invitation, error) {
	var out []heard.Invitation
	err := s.personRead(ctx, actor, id, heard.ActionReadNetwork, "", func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		all, err := tx.ListInvitations(ctx, p.ID)
		for _, inv := range all {
			if inv.Pending(s.now()) {
				out = append(out, inv)
			}
		}
		return err
	})
	return result(out, err)
}

// WithdrawInvitation takes back her pending invitation: its link stops
// working at once.
func (s *Service) WithdrawInvitation(ctx context.Context, actor heard.Actor, id heard.PersonID, iid heard.InvitationID) error {
	return s.personTx(ctx, actor, id, heard.ActionUpdateNetwork, string(iid), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		return tx.WithdrawInvitation(ctx, p.ID, iid, s.now())
	})
}

// InvitationView is what the link's page shows: who invites whom, in what
// words, to see what.
type InvitationView struct {
	Invitation heard.Invitation
	PersonName string
}

// OpenInvitation returns the invitation its link is for, while it is
// pending; used, withdrawn, expired and unknown links are all ErrNotFound.
func (s *Service) OpenInvitation(ctx context.Context, token string) (InvitationView, error) {
	var v InvitationView
	err := s.store.Read(ctx, func(tx store.Tx) error {
		inv, err := tx.GetInvitationByToken(ctx, tokenHash(token))
		if err != nil {
			return err
		}
		if !inv.Pending(s.now()) {
			return heard.ErrNotFound
		}
		p, err := tx.GetPerson(ctx, inv.PersonID)
		if err != nil {
			return err
		}
		v = InvitationView{Invitation: inv, PersonName: p.Name}
		return nil
	})
	if heard.ErrorCode(err) == heard.CodeNotFound {
		return InvitationView{}, heard.ErrNotFound
	}
	return result(v, err)
}

// AcceptInput is who takes up an invitation: a logged-in network member
// (Member set), or a new account with the invitation's e-mail.
type AcceptInput struct {
	Member   *heard.Actor
	Name     string
	Password string
}

// AcceptInvitation uses the link once: it makes the network account if
// needed and links it to her with exactly the scopes she chose; the
// joining is in her access log.
func (s *Service) AcceptInvitation(ctx context.Context, token, clientAddr, requestID string, in AcceptInput) (heard.NetworkLink, error) {
	var link heard.NetworkLink
	hash := tokenHash(token)
	var newHash string
	if in.Member == nil {
		// Hashing is slow on purpose: done before the transaction.
		v, err := s.OpenInvitation(ctx, token)
		if err != nil {
			return link, err
		}
		who := password.For{Email: v.Invitation.Email, Name: in.Name}
		problems := heard.Problems(password.Check(in.Password, who))
		if strings.TrimSpace(in.Name) == "" {
			problems = append(problems, heard.Problem{Field: "name", Key: "invitation.name.invalid"})
		}
		if err := heard.Invalid(problems); err != nil {
			return link, err
		}
		if newHash, err = password.Hash(in.Password, s.params); err != nil {
			return link, fmt.Errorf("hash password: %w", err)
		}
	}
	err := s.store.Write(ctx, func(tx store.Tx) error {
		now := s.now()
		inv, err := tx.GetInvitationByToken(ctx, hash)
		if err != nil {
			return err
		}
		if !inv.Pending(now) {
			return heard.ErrNotFound
		}
		p, err := tx.GetPerson(ctx, inv.PersonID)
		if err != nil {
			return err
		}
		member := heard.Actor{ClientAddr: clientAddr, RequestID: requestID}
		if in.Member != nil {
			// The link is for the address it was sent to: only the
			// account with that address takes it up.
			acc, err := tx.GetAccount(ctx, in.Member.AccountID)
			if err != nil {
				return err
			}
			if in.Member.Role != heard.RoleNetwork || in.Member.OrganisationID != p.OrganisationID || heard.NormalizeEmail(acc.Email) != inv.Email {
				return heard.Invalid([]heard.Problem{{Field: "account", Key: "invitation.password.mismatch"}})
			}
			member = *in.Member
			current, err := tx.ListNetworkLinks(ctx, store.NetworkLinkFilter{PersonID: p.ID, MemberID: member.AccountID, ActiveOnly: true})
			if err != nil {
				return err
			}
			if len(current) > 0 {
				return heard.Invalid([]heard.Problem{{Field: "account", Key: "invitation.already_member"}})
			}
		} else {
			a := heard.Account{ID: heard.NewID[heard.AccountID](), OrganisationID: p.OrganisationID, Email: inv.Email, Name: strings.TrimSpace(in.Name),
				Role: heard.RoleNetwork, CreatedAt: now}
			if err := a.Validate(); err != nil {
				return err
			}
			if err := tx.CreateAccount(ctx, a, newHash); err != nil {
				if heard.ErrorCode(err) == heard.CodeConflict {
					return heard.Invalid([]heard.Problem{{Field: "email", Key: "invitation.password.mismatch"}})
				}
				return err
			}
			member.AccountID, member.OrganisationID, member.Role, member.Name = a.ID, a.OrganisationID, a.Role, a.Name
		}
		if err := policy.DecideInvitation(inv, now); err != nil {
			return err
		}
		if err := tx.AcceptInvitation(ctx, hash, member.AccountID, now); err != nil {
			return err
		}
		link = heard.NetworkLink{ID: heard.NewID[heard.NetworkLinkID](), PersonID: p.ID, MemberID: member.AccountID, Relationship: inv.Relationship,
			Scopes: inv.Scopes, Created: now, Until: now.AddDate(0, inv.Months, 0)}
		if err := tx.CreateNetworkLink(ctx, link); err != nil {
			return err
		}
		return tx.LogAccess(entry(member, p.ID, heard.ActionUpdateNetwork, heard.Grant{Basis: heard.BasisInvitation}, heard.OutcomeAllowed, string(link.ID), now))
	})
	if heard.ErrorCode(err) == heard.CodeNotFound {
		return heard.NetworkLink{}, heard.ErrNotFound
	}
	return result(link, err)
}

// ProposalInput is what a professional writes to propose someone she
// might invite.
type ProposalInput struct{ Name, Relationship, Reason string }

// ProposeInvitation records a care team member's proposal; it waits on
// her network page. It sends nothing: only she invites.
func (s *Service) ProposeInvitation(ctx context.Context, actor heard.Actor, id heard.PersonID, in ProposalInput) (heard.Proposal, error) {
	pr := heard.Proposal{ID: heard.NewID[heard.ProposalID](), ProposedBy: actor.AccountID, ProposerName: actor.Name, Name: strings.TrimSpace(in.Name),
		Relationship: strings.TrimSpace(in.Relationship), Reason: strings.TrimSpace(in.Reason)}
	err := s.personTx(ctx, actor, id, heard.ActionProposeInvitation, string(pr.ID), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		if err := pr.Validate(); err != nil {
			return err
		}
		pr.PersonID, pr.Created = p.ID, s.now()
		return tx.CreateProposal(ctx, pr)
	})
	return result(pr, err)
}

// Proposals lists the proposals that wait for her answer, newest first.
func (s *Service) Proposals(ctx context.Context, actor heard.Actor, id heard.PersonID) ([]heard.Proposal, error) {
	var out []heard.Proposal
	err := s.personRead(ctx, actor, id, heard.ActionReadNetwork, "", func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		all, err := tx.ListProposals(ctx, p.ID)
		for _, pr := range all {
			if pr.Open() {
				out = append(out, pr)
			}
		}
		return err
	})
	return result(out, err)
}

// DeclineProposal sets a proposal aside: she does not invite them.
func (s *Service) DeclineProposal(ctx context.Context, actor heard.Actor, id heard.PersonID, pid heard.ProposalID) error {
	return s.personTx(ctx, actor, id, heard.ActionUpdateNetwork, string(pid), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		return tx.CloseProposal(ctx, p.ID, pid, false, s.now())
	})
}
