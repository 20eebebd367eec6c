package app

import (
	"context"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

// NewsItem is something someone else wrote in a person's record since the
// reader's last visit, read from the access log.
type NewsItem struct {
	At     time.Time
	Action heard.Action
	Who    Someone
	// Person is whose record it is.
	Person   heard.Person
	RecordID string
	// Title names the record on her own home (a decision's question, a
	// meeting's time, a goal); a professional's list shows no record
	// content, only that something was written and where.
	Title   string
	Start   time.Time
	Created bool
	// WithoutHer: a meeting held without her; Past: a meeting recorded
	// after it took place. Her news says so rather than "planned with you".
	WithoutHer, Past bool
}

// newsShown is how many items a home lists (newsShownLow at low
// capacity); the caseload counts them all up to newsCounted.
const (
	newsShown    = 5
	newsShownLow = 3
	newsCounted  = 200
)

// newsItems turns entries into items, newest first: one per writer and
// record (the latest), with its writer named as the record's person sees
// them.
func newsItems(ctx context.Context, tx store.Tx, entries []heard.AccessEntry, persons map[heard.PersonID]heard.Person) ([]NewsItem, error) {
	ids := make([]heard.AccountID, 0, len(entries))
	for _, e := range entries {
		ids = append(ids, e.ActorID)
	}
	accs, err := accounts(ctx, tx, ids...)
	if err != nil {
		return nil, err
	}
	type key struct {
		actor  heard.AccountID
		action heard.Action
		record string
	}
	seen := map[key]bool{}
	var out []NewsItem
	for _, e := range entries {
		p, ok := persons[e.PersonID]
		k := key{e.ActorID, e.Action, e.ResourceID}
		if !ok || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, NewsItem{At: e.At, Action: e.Action, Who: someone(p, accs[e.ActorID]), Person: p, RecordID: e.ResourceID})
	}
	return out, nil
}

// personNews lists what others wrote in her record since her last visit,
// with each record's title; a record since removed is left out.
func (s *Service) personNews(ctx context.Context, tx store.Tx, actor heard.Actor, p heard.Person) ([]NewsItem, error) {
	entries, err := tx.ListNews(ctx, store.NewsFilter{PersonID: p.ID, AfterSeq: actor.SinceSeq, Reader: actor.AccountID, Limit: newsCounted})
	if err != nil {
		return nil, err
	}
	items, err := newsItems(ctx, tx, entries, map[heard.PersonID]heard.Person{p.ID: p})
	if err != nil {
		return nil, err
	}
	var out []NewsItem
	for _, it := range items {
		if len(out) == newsShown {
			break
		}
		// At low capacity her plan asks one question at a time and shows
		// no suggestions: news of one would lead nowhere.
		if it.Action == heard.ActionSuggestPlan && p.Capacity == heard.CapacityLow {
			continue
		}
		err := titled(ctx, tx, p, &it)
		switch heard.ErrorCode(err) {
		case "":
			out = append(out, it)
		case heard.CodeNotFound:
		default:
			return nil, err
		}
	}
	return out, nil
}

// titled names the record an item is about, and whether the entry
// created it (written within a second of the record's creation).
func titled(ctx context.Context, tx store.Tx, p heard.Person, it *NewsItem) error {
	near := func(created time.Time) bool { return it.At.Sub(created).Abs() < time.Second }
	switch it.Action {
	case heard.ActionWriteDecision:
		d, err := tx.GetDecision(ctx, p.ID, heard.DecisionID(it.RecordID))
		it.Title, it.Created = d.OnTable, near(d.Created)
		return err
	case heard.ActionWriteEncounter, heard.ActionAddAgendaItem:
		e, err := tx.GetEncounter(ctx, p.ID, heard.EncounterID(it.RecordID))
		it.Start, it.Created, it.WithoutHer, it.Past = e.Start, near(e.Created), e.WithoutPerson(), e.Start.Before(it.At)
		return err
	case heard.ActionAddGoalNote:
		g, err := tx.GetGoal(ctx, p.ID, heard.GoalID(it.RecordID))
		it.Title = g.Wording
		return err
	case heard.ActionWriteMessage:
		t, err := tx.GetThread(ctx, p.ID, heard.ThreadID(it.RecordID))
		it.Title = t.Subject
		return err
	case heard.ActionWriteRestriction:
		r, err := tx.GetRestriction(ctx, p.ID, heard.RestrictionID(it.RecordID))
		it.Title, it.Created = string(r.Kind), near(r.Created)
		return err
	}
	return nil
}

// careNews lists what others wrote since the professional's last visit in
// the records of persons, the caseload the policy let them list.
func (s *Service) careNews(ctx context.Context, tx store.Tx, actor heard.Actor, persons []heard.Person) ([]NewsItem, error) {
	byID := make(map[heard.PersonID]heard.Person, len(persons))
	for _, p := range persons {
		byID[p.ID] = p
	}
	entries, err := tx.ListNews(ctx, store.NewsFilter{CareOf: actor.AccountID, CareAt: s.now(), AfterSeq: actor.SinceSeq, Reader: actor.AccountID, Limit: newsCounted})
	if err != nil {
		return nil, err
	}
	return newsItems(ctx, tx, entries, byID)
}
