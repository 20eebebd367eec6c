package app

import (
	"context"
	"slices"
	"time"

	"github.com/heard-health/heard/internal/deid"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// saveFeedback validates f and saves it over current, keeping the story
// pool in step: each text she gives the pool goes in de-identified, and
// whatever she takes back (the choice, or the text) leaves it at once.
func saveFeedback(ctx context.Context, tx store.Tx, p heard.Person, e heard.Encounter, current, f heard.Feedback) error {
	if err := f.Validate(); err != nil {
		return err
	}
	texts := map[heard.StoryKind][2]string{
		heard.StoryHelped:    {current.Helped, f.Helped},
		heard.StoryFeltWrong: {current.FeltWrong, f.FeltWrong},
	}
	pooled := f.SharedWith(heard.SharePool)
	f.Stories = map[heard.StoryKind]heard.StoryID{}
	var scrub *deid.Scrubber
	var unit heard.UnitID
	for _, kind := range heard.StoryKinds {
		before, now := texts[kind][0], texts[kind][1]
		old, had := current.Stories[kind]
		if had && pooled && now == before {
			f.Stories[kind] = old
			continue
		}
		if had {
			if err := tx.DeleteStory(ctx, p.OrganisationID, old); err != nil {
				return err
			}
		}
		if !pooled || now == "" {
			continue
		}
		if scrub == nil {
			var err error
			if scrub, err = scrubberFor(ctx, tx, p, e); err != nil {
				return err
			}
			if unit, err = meetingUnit(ctx, tx, p, e); err != nil {
				return err
			}
		}
		st := heard.Story{
			ID:             heard.NewID[heard.StoryID](),
			OrganisationID: p.OrganisationID,
			Kind:           kind,
			Month:          e.Start.UTC().Format("2006-01"),
			EncounterKind:  e.Kind,
			Text:           scrub.Scrub(now),
			UnitID:         unit,
		}
		if err := tx.CreateStory(ctx, st); err != nil {
			return err
		}
		f.Stories[kind] = st.ID
	}
	return tx.SaveFeedback(ctx, f, current.Version)
}

// scrubberFor knows every name in the organisation and the names of the
// meeting's participants without an account.
func scrubberFor(ctx context.Context, tx store.Tx, p heard.Person, e heard.Encounter) (*deid.Scrubber, error) {
	names, err := tx.KnownNames(ctx, p.OrganisationID)
	if err != nil {
		return nil, err
	}
	for _, part := range e.Participants {
		names = append(names, part.Name)
	}
	return deid.New(append(names, p.Name)), nil
}

// meetingUnit is the unit through which whoever recorded the meeting works
// with her, or "" when there is none.
func meetingUnit(ctx context.Context, tx store.Tx, p heard.Person, e heard.Encounter) (heard.UnitID, error) {
	rels, err := tx.ListCareRelations(ctx, store.CareRelationFilter{PersonID: p.ID, ProfessionalID: e.CreatedBy})
	if err != nil || len(rels) == 0 {
		return "", err
	}
	return rels[0].UnitID, nil
}

// StoryFilter narrows the pool.
type StoryFilter = store.StoryFilter

// Stories returns the story pool of the reader's organisation, to leaders
// and researchers only. The pool names nobody, so reading it is in no
// person's access log.
func (s *Service) Stories(ctx context.Context, actor heard.Actor, f StoryFilter) ([]heard.Story, error) {
	if err := policy.DecideRole(actor, heard.ActionReadStories); err != nil {
		return nil, err
	}
	if err := validStoryFilter(f); err != nil {
		return nil, err
	}
	var out []heard.Story
	err := s.store.Read(ctx, func(tx store.Tx) error {
		var err error
		out, err = tx.ListStories(ctx, actor.OrganisationID, f)
		return err
	})
	return result(out, err)
}

func validStoryFilter(f StoryFilter) error {
	var p []heard.Problem
	if f.UnitID != "" && !heard.ValidID(string(f.UnitID)) {
		p = append(p, heard.Problem{Field: "unit", Key: "stories.unit.invalid"})
	}
	if f.Kind != "" && !slices.Contains(heard.StoryKinds, f.Kind) {
		p = append(p, heard.Problem{Field: "kind", Key: "stories.kind.invalid"})
	}
	for _, m := range [][2]string{{"from", f.From}, {"to", f.To}} {
		if _, err := time.Parse("2006-01", m[1]); m[1] != "" && err != nil {
			p = append(p, heard.Problem{Field: m[0], Key: "stories.month.invalid"})
		}
	}
	return heard.Invalid(p)
}
