package app

import (
	"context"
	"errors"

	"github.com/heard-health/heard/internal/audit"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

// VerifyAccessLog checks the whole access-log chain, and the anchor when
// given, for `heard audit verify`. It returns the verified head, or an
// *audit.Break naming the first entry that fails.
func (s *Service) VerifyAccessLog(ctx context.Context, anchor *heard.AccessHead) (heard.AccessHead, error) {
	var head heard.AccessHead
	err := s.store.Read(ctx, func(tx store.Tx) error {
		v := audit.NewVerifier(anchor)
		openings, reviews := map[string]heard.AccessEntry{}, map[string]heard.AccessEntry{}
		add := func(e heard.AccessEntry) error {
			if err := v.Add(e); err != nil {
				return err
			}
			switch {
			case e.Action == heard.ActionOpenEmergency && e.Outcome == heard.OutcomeAllowed:
				openings[e.ResourceID] = e
			case e.Action == heard.ActionReviewEmergency && e.Detail != "":
				reviews[e.ResourceID] = e
			}
			return nil
		}
		var broken *audit.Break
		if err := tx.ScanAccessLog(ctx, add); err != nil && !errors.As(err, &broken) {
			return err
		}
		stored, err := tx.AccessHead(ctx)
		if err != nil {
			return err
		}
		if head, err = v.Finish(stored); err != nil {
			return err
		}
		// The records the chain vouches for: each emergency access must
		// still be what its opening and review entries say it was.
		es, err := tx.ListEmergencyAccesses(ctx, store.EmergencyFilter{OldestFirst: true})
		if err != nil {
			return err
		}
		for _, e := range es {
			if err := audit.CheckEmergency(e, openings[string(e.ID)], reviews[string(e.ID)]); err != nil {
				return err
			}
		}
		return nil
	})
	return head, err
}

// AccessLogHead returns the access log's head, for `heard audit anchor`.
func (s *Service) AccessLogHead(ctx context.Context) (heard.AccessHead, error) {
	var head heard.AccessHead
	err := s.store.Read(ctx, func(tx store.Tx) error {
		var err error
		head, err = tx.AccessHead(ctx)
		return err
	})
	return head, err
}
