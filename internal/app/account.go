package app

import (
	"context"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

// SetLocale remembers the actor's language on their account.
func (s *Service) SetLocale(ctx context.Context, actor heard.Actor, locale string) error {
	return s.store.Write(ctx, func(tx store.Tx) error { return tx.SetAccountLocale(ctx, actor.AccountID, locale) })
}

// DataState says what a database holds, for loading demo data safely.
type DataState struct {
	Accounts int
	// Demo is "" for a database never given demo data, "loading" while
	// (or if a crash left it) half loaded, and "loaded" after.
	Demo string
}

// State returns what the database holds.
func (s *Service) State(ctx context.Context) (DataState, error) {
	var st DataState
	err := s.store.Read(ctx, func(tx store.Tx) error {
		var err error
		if st.Accounts, err = tx.CountAccounts(ctx); err != nil {
			return err
		}
		st.Demo, err = tx.GetMeta(ctx, store.MetaDemo)
		if heard.ErrorCode(err) == heard.CodeNotFound {
			err = nil
		}
		return err
	})
	return st, err
}

// MarkDemo records the demo data set's loading state.
func (s *Service) MarkDemo(ctx context.Context, state string) error {
	return s.store.Write(ctx, func(tx store.Tx) error { return tx.SetMeta(ctx, store.MetaDemo, state) })
}
