package app

import "github.com/heard-health/heard/internal/heard"

// Stale is the error of a save against a version that is no longer the
// latest. Nothing was saved; Current is the record as it stands, so the
// user can see the other change and merge.
type Stale[T any] struct {
	Current T
}

func (s *Stale[T]) Error() string { return "stale: the record changed since it was read" }

// Unwrap makes a Stale a heard.ErrStale for codes and statuses.
func (s *Stale[T]) Unwrap() error { return heard.ErrStale }

func (s *Stale[T]) stale() {}

// CurrentValue returns the record as it stands, whatever its type, for
// surfaces that show it generically (the API's 409 body).
func (s *Stale[T]) CurrentValue() any { return s.Current }

// staleError marks any Stale, whatever it carries.
type staleError interface {
	error
	stale()
}

// readFor is the read a stale write turns into: the writer is shown the
// current record, and the person's access log says so.
var readFor = map[heard.Action]heard.Action{
	heard.ActionUpdatePlan:           heard.ActionReadPlan,
	heard.ActionResolveSuggestion:    heard.ActionReadPlan,
	heard.ActionWriteEncounter:       heard.ActionReadEncounters,
	heard.ActionWriteReflection:      heard.ActionReadEncounters,
	heard.ActionWritePreparation:     heard.ActionReadEncounters,
	heard.ActionWriteDecision:        heard.ActionReadDecisions,
	heard.ActionCommentDecision:      heard.ActionReadDecisions,
	heard.ActionCorrectPreference:    heard.ActionReadDecisions,
	heard.ActionWriteFeedback:        heard.ActionReadFeedback,
	heard.ActionWriteRestriction:     heard.ActionReadRestrictions,
	heard.ActionWriteRestrictionView: heard.ActionReadRestrictions,
}
