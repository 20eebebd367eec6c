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
		var broken *audit.Break
		if err := tx.ScanAccessLog(ctx, v.Add); err != nil && !errors.As(err, &broken) {
			return err
		}
		stored, err := tx.AccessHead(ctx)
		if err != nil {
			return err
		}
		head, err = v.Finish(stored)
		return err
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
