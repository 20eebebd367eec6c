package app

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// NewFeedbackLink is a link just made: its token is shown once and kept
// only as a hash.
type NewFeedbackLink struct {
	Token   string
	Expires time.Time
}

// FeedbackLinkView is all the holder of a link is told: that it is about a
// meeting on a day. Nothing about the person.
type FeedbackLinkView struct {
	Day time.Time
}

// CreateFeedbackLink makes a single-use link to give feedback on a meeting
// she took part in, without logging in: for her, or for a professional in
// her care to give her. It lasts heard.FeedbackLinkLife.
func (s *Service) CreateFeedbackLink(ctx context.Context, actor heard.Actor, id heard.PersonID, eid heard.EncounterID) (NewFeedbackLink, error) {
	var out NewFeedbackLink
	err := s.personTx(ctx, actor, id, heard.ActionCreateFeedbackLink, string(eid), func(tx store.Tx, p heard.Person, g heard.Grant, _ heard.Relations) error {
		e, err := tx.GetEncounter(ctx, p.ID, eid)
		if err != nil {
			return err
		}
		now := s.now()
		if e, ok := policy.EncounterFor(g, actor, e); !ok || !policy.InTime(heard.ActionWriteFeedback, e, now) {
			return heard.Invalid([]heard.Problem{{Field: "encounter", Key: "feedback.not_now"}})
		}
		if given, err := hasFeedback(ctx, tx, p, eid); err != nil || given {
			return cmp.Or[error](err, heard.Invalid([]heard.Problem{{Field: "encounter", Key: "feedback_link.given"}}))
		}
		token, err := newToken()
		if err != nil {
			return err
		}
		out.Token, out.Expires = token, now.Add(heard.FeedbackLinkLife)
		if err := notifyAccount(ctx, tx, now, heard.NotifyFeedbackLink, "feedback_link:"+tokenHash(out.Token)[:16], p.AccountID, "/f/"+out.Token); err != nil {
			return err
		}
		return tx.CreateFeedbackLink(ctx, heard.FeedbackLink{TokenHash: tokenHash(out.Token), PersonID: p.ID, EncounterID: eid,
			CreatedBy: actor.AccountID, Created: now, Expires: out.Expires})
	})
	return result(out, err)
}

// OpenFeedbackLink returns what the holder of a link may see, and records
// that read (of the meeting's day) in her log. A used, expired or unknown
// link is ErrNotFound, all alike.
func (s *Service) OpenFeedbackLink(ctx context.Context, token, clientAddr, requestID string) (FeedbackLinkView, error) {
	var v FeedbackLinkView
	err := s.store.Read(ctx, func(tx store.Tx) error {
		l, grant, _, e, err := usableLink(ctx, tx, tokenHash(token), s.now())
		if err != nil {
			return err
		}
		v.Day = e.Start
		holder := heard.Actor{ClientAddr: clientAddr, RequestID: requestID}
		return tx.LogAccess(entry(holder, l.PersonID, heard.ActionReadEncounters, grant, heard.OutcomeAllowed, string(l.EncounterID), s.now()))
	})
	if heard.ErrorCode(err) == heard.CodeNotFound {
		return FeedbackLinkView{}, heard.ErrNotFound
	}
	return result(v, err)
}

// GiveFeedbackByLink saves feedback through a link, once: as hers (the
// link was made for her), with the sharing she chooses on its page, and
// in her access log as given with a feedback link.
func (s *Service) GiveFeedbackByLink(ctx context.Context, token, clientAddr, requestID string, in FeedbackInput) error {
	err := s.store.Write(ctx, func(tx store.Tx) error {
		now := s.now()
		hash := tokenHash(token)
		l, grant, p, e, err := usableLink(ctx, tx, hash, now)
		if err != nil {
			return err
		}
		// Only new feedback: a link to a meeting she has given feedback on
		// is not usable.
		current := heard.Feedback{ID: heard.NewID[heard.FeedbackID](), PersonID: p.ID, EncounterID: l.EncounterID, Author: p.AccountID, Created: now}
		if err := tx.UseFeedbackLink(ctx, hash, now); err != nil {
			return err
		}
		if err := saveFeedback(ctx, tx, p, e, current, in.apply(current, now)); err != nil {
			return err
		}
		// Whoever holds the link is not known: the entry says how, not who.
		holder := heard.Actor{ClientAddr: clientAddr, RequestID: requestID}
		return tx.LogAccess(entry(holder, p.ID, heard.ActionWriteFeedback, grant, heard.OutcomeAllowed, string(l.EncounterID), now))
	})
	if heard.ErrorCode(err) == heard.CodeNotFound {
		return heard.ErrNotFound
	}
	return err
}

// usableLink is the link with this token hash, with its grant, person and
// meeting, while it may still take her feedback: unused and unexpired, for
// a meeting she took part in, her feedback not given yet. A link only ever
// adds her feedback; it never replaces what she wrote (whoever holds it
// could be someone else). Otherwise it is ErrNotFound, as a used one is.
func usableLink(ctx context.Context, tx store.Tx, hash string, now time.Time) (heard.FeedbackLink, heard.Grant, heard.Person, heard.Encounter, error) {
	var (
		l     heard.FeedbackLink
		grant heard.Grant
		p     heard.Person
		e     heard.Encounter
		err   error
	)
	if l, err = tx.GetFeedbackLink(ctx, hash); err != nil {
		return l, grant, p, e, err
	}
	if grant, err = policy.DecideFeedbackLink(l, now); err != nil {
		return l, grant, p, e, err
	}
	if p, err = tx.GetPerson(ctx, l.PersonID); err != nil {
		return l, grant, p, e, err
	}
	if e, err = tx.GetEncounter(ctx, p.ID, l.EncounterID); err != nil {
		return l, grant, p, e, err
	}
	if !policy.InTime(heard.ActionWriteFeedback, e, now) {
		return l, grant, p, e, heard.ErrNotFound
	}
	given, err := hasFeedback(ctx, tx, p, e.ID)
	if err == nil && given {
		err = heard.ErrNotFound
	}
	return l, grant, p, e, err
}

// hasFeedback reports whether she has given feedback on the meeting.
func hasFeedback(ctx context.Context, tx store.Tx, p heard.Person, eid heard.EncounterID) (bool, error) {
	all, err := tx.ListFeedback(ctx, p.ID, eid)
	return slices.ContainsFunc(all, func(f heard.Feedback) bool { return f.Author == p.AccountID }), err
}
