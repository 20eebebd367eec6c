package app

import (
	"context"
	"slices"
	"strings"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// LeaderRequest is a leadership an admin gave that waits for a leader of
// the unit to confirm it.
type LeaderRequest struct {
	UnitID    heard.UnitID
	UnitName  string
	AccountID heard.AccountID
	Name      string
	Email     string
}

// PendingLeaders lists the leaderships waiting in the units the leader
// leads.
func (s *Service) PendingLeaders(ctx context.Context, actor heard.Actor) ([]LeaderRequest, error) {
	if err := policy.DecideRole(actor, heard.ActionLeadUnits); err != nil {
		return nil, err
	}
	var out []LeaderRequest
	err := s.store.Read(ctx, func(tx store.Tx) error {
		led, err := unitIDs(ctx, tx, store.MembershipFilter{AccountID: actor.AccountID, Role: heard.UnitLeader, InForce: true})
		if err != nil {
			return err
		}
		for _, u := range led {
			unit, err := tx.GetUnit(ctx, u)
			if err != nil {
				return err
			}
			waiting, err := tx.ListUnitMemberships(ctx, store.MembershipFilter{UnitID: u, Role: heard.UnitLeader, Waiting: true})
			if err != nil {
				return err
			}
			for _, m := range waiting {
				a, err := tx.GetAccount(ctx, m.AccountID)
				if err != nil {
					return err
				}
				out = append(out, LeaderRequest{UnitID: u, UnitName: unit.Name, AccountID: a.ID, Name: a.Name, Email: a.Email})
			}
		}
		slices.SortStableFunc(out, func(a, b LeaderRequest) int { return strings.Compare(heard.FoldName(a.Name), heard.FoldName(b.Name)) })
		return nil
	})
	return result(out, err)
}

// ConfirmLeader is a leader of the unit putting a waiting leadership in
// force.
func (s *Service) ConfirmLeader(ctx context.Context, actor heard.Actor, unit heard.UnitID, account heard.AccountID) error {
	return s.store.Write(ctx, func(tx store.Tx) error {
		led, err := unitIDs(ctx, tx, store.MembershipFilter{AccountID: actor.AccountID, Role: heard.UnitLeader, InForce: true})
		if err != nil {
			return err
		}
		if err := policy.DecideConfirmLeader(actor, led, unit, account); err != nil {
			return err
		}
		return tx.ConfirmUnitLeader(ctx, unit, account, actor.AccountID)
	})
}
