package app

import (
	"context"
	"fmt"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

// NetworkMember is someone in the person's network and what they see.
// Current is false once the period she gave has ended: the member sees
// nothing until she renews; EndsSoon asks her whether to.
type NetworkMember struct {
	Link     heard.NetworkLink
	Name     string
	Current  bool
	EndsSoon bool
}

// Network returns the person's network members who are not removed,
// including those whose access period has ended, for her to renew.
func (s *Service) Network(ctx context.Context, actor heard.Actor, id heard.PersonID) ([]NetworkMember, error) {
	var out []NetworkMember
	err := s.personRead(ctx, actor, id, heard.ActionReadNetwork, "", func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		var err error
		out, err = networkMembers(ctx, tx, p.ID, s.now(), func(heard.NetworkLink) bool { return true })
		return err
	})
	return result(out, err)
}

// networkMembers returns her members that keep takes, with their names;
// names are looked up only for those taken.
func networkMembers(ctx context.Context, tx store.Tx, person heard.PersonID, now time.Time, keep func(heard.NetworkLink) bool) ([]NetworkMember, error) {
	links, err := tx.ListNetworkLinks(ctx, store.NetworkLinkFilter{PersonID: person, ActiveOnly: true})
	if err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	var out []NetworkMember
	for _, l := range links {
		if !keep(l) {
			continue
		}
		a, err := tx.GetAccount(ctx, l.MemberID)
		if err != nil {
			return nil, fmt.Errorf("network member: %w", err)
		}
		out = append(out, NetworkMember{Link: l, Name: a.Name, Current: l.Current(now), EndsSoon: l.EndsSoon(now)})
	}
	return out, nil
}

// RenewMember gives a network member access for months more: from when
// it ends now, or from today if it has ended, so that renewing never
// shortens it. Only she renews, and only by asking: nothing renews by
// itself.
func (s *Service) RenewMember(ctx context.Context, actor heard.Actor, id heard.PersonID, link heard.NetworkLinkID, months int) error {
	return s.personTx(ctx, actor, id, heard.ActionUpdateNetwork, string(link), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		if !heard.ValidAccessMonths(months) {
			return heard.Invalid([]heard.Problem{{Field: "months", Key: "invitation.months.invalid"}})
		}
		l, err := personLink(ctx, tx, p.ID, link)
		if err != nil {
			return err
		}
		from := s.now()
		if l.Until.After(from) {
			from = l.Until
		}
		return tx.RenewNetworkLink(ctx, p.ID, link, from.AddDate(0, months, 0))
	})
}

// personLink returns the person's link with ID id, or not found when it is
// someone else's: an ID from another person's network must not work here.
func personLink(ctx context.Context, tx store.Tx, person heard.PersonID, id heard.NetworkLinkID) (heard.NetworkLink, error) {
	l, err := tx.GetNetworkLink(ctx, person, id)
	if err == nil && !l.Active() {
		return l, heard.ErrNotFound
	}
	return l, err
}

// SetMemberScopes sets what a network member may see. Only the person
// decides this.
func (s *Service) SetMemberScopes(ctx context.Context, actor heard.Actor, id heard.PersonID, link heard.NetworkLinkID, scopes []heard.Scope) error {
	return s.personTx(ctx, actor, id, heard.ActionUpdateNetwork, string(link), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		if _, err := personLink(ctx, tx, p.ID, link); err != nil {
			return err
		}
		return tx.SetNetworkLinkScopes(ctx, link, heard.ParseScopes(heard.FormatScopes(scopes)))
	})
}

// RevokeMember removes someone from the person's network.
func (s *Service) RevokeMember(ctx context.Context, actor heard.Actor, id heard.PersonID, link heard.NetworkLinkID) error {
	return s.personTx(ctx, actor, id, heard.ActionUpdateNetwork, string(link), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		if _, err := personLink(ctx, tx, p.ID, link); err != nil {
			return err
		}
		return tx.RevokeNetworkLink(ctx, link, s.now())
	})
}

// LinkMember adds a network member with the scopes given, for a year:
// for the person themself and operator commands (demo data). Members
// normally join through her invitation (AcceptInvitation).
func (s *Service) LinkMember(ctx context.Context, actor heard.Actor, id heard.PersonID, member heard.AccountID, relationship string, scopes []heard.Scope) (heard.NetworkLink, error) {
	l := heard.NetworkLink{ID: heard.NewID[heard.NetworkLinkID](), PersonID: id, MemberID: member, Relationship: relationship, Scopes: scopes}
	err := s.personTx(ctx, actor, id, heard.ActionUpdateNetwork, string(l.ID), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		a, err := tx.GetAccount(ctx, member)
		if err != nil {
			return err
		}
		if a.Role != heard.RoleNetwork || a.OrganisationID != p.OrganisationID {
			return heard.Invalid([]heard.Problem{{Field: "member", Key: "network.member.invalid"}})
		}
		l.Created = s.now()
		l.Until = l.Created.AddDate(0, heard.DefaultAccessMonths, 0)
		return tx.CreateNetworkLink(ctx, l)
	})
	return l, err
}
