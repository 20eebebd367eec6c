package app

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// ThreadItem is a thread in a list, with what waits in it. Waiting: a
// message from her side has waited unread past the unit's set time and is
// in the unit's shared inbox.
type ThreadItem struct {
	store.ThreadSummary
	Waiting bool
}

// ThreadsView is her threads as one reader sees them, and where a new one
// can go.
type ThreadsView struct {
	Person  heard.Person
	Threads []ThreadItem
	// Units are her team's units, to write to; CanStart when the reader
	// may write.
	Units    []heard.Unit
	CanStart bool
}

// MessageView is one message with its author's name.
type MessageView struct {
	Message heard.Message
	Author  Someone
	Mine    bool
}

// ThreadView is one thread as its reader sees it, with the unit's reply
// hours and crisis note, which show wherever her side writes.
type ThreadView struct {
	Person     heard.Person
	Thread     heard.Thread
	Unit       heard.Unit
	MemberName string
	Messages   []MessageView
	// Waiting: the thread is in the unit's shared inbox; Unread: a
	// message from her side is not read yet.
	Waiting, Unread bool
	// OpenNow: the team's reply hours are on at this moment.
	OpenNow  bool
	CanWrite bool
	// ViaSharedInbox: the reader opened it from the unit's shared inbox,
	// not as one of her care team: answering hands it back to them.
	ViaSharedInbox bool
}

// NewThread is what starts a thread: to which unit, about what, and the
// first message.
type NewThread struct {
	UnitID        heard.UnitID
	Subject, Body string
	// ToSharedInbox sends it to the whole unit's shared inbox at once.
	ToSharedInbox bool
}

// careUnits returns the units of her care team now, in name order.
func careUnits(ctx context.Context, tx store.Tx, p heard.Person, now time.Time) ([]heard.Unit, error) {
	rels, err := tx.ListCareRelations(ctx, store.CareRelationFilter{PersonID: p.ID, ActiveAt: now})
	if err != nil {
		return nil, fmt.Errorf("care relations: %w", err)
	}
	var out []heard.Unit
	for _, r := range rels {
		if slices.ContainsFunc(out, func(u heard.Unit) bool { return u.ID == r.UnitID }) {
			continue
		}
		u, err := tx.GetUnit(ctx, r.UnitID)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// unitsByID loads the units of the summaries, to judge what waits.
func unitsByID(ctx context.Context, tx store.Tx, ts []store.ThreadSummary) (map[heard.UnitID]heard.Unit, error) {
	out := map[heard.UnitID]heard.Unit{}
	for _, t := range ts {
		if _, ok := out[t.Thread.UnitID]; ok {
			continue
		}
		u, err := tx.GetUnit(ctx, t.Thread.UnitID)
		if err != nil {
			return nil, err
		}
		out[u.ID] = u
	}
	return out, nil
}

// escalated reports whether a thread is in its unit's shared inbox: her
// side wrote it there, or its oldest unanswered message from her side was
// not read within the unit's set working time. It stays there, read or
// not, until it is answered.
func (s *Service) escalated(u heard.Unit, t store.ThreadSummary, now time.Time) bool {
	if t.OldestWait.IsZero() {
		return false
	}
	if t.Thread.ToSharedInbox {
		return true
	}
	until := now
	if !t.OldestWaitRead.IsZero() {
		until = t.OldestWaitRead
	}
	return u.ReplyHours.Overdue(t.OldestWait, until, s.loc)
}

// Threads lists her threads: all of them to her and her care team, their
// own to a network member she lets write with her team.
func (s *Service) Threads(ctx context.Context, actor heard.Actor, id heard.PersonID) (ThreadsView, error) {
	var v ThreadsView
	err := s.personRead(ctx, actor, id, heard.ActionReadMessages, "", func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error {
		now := s.now()
		v.Person = policy.PersonFor(g, p)
		f := store.ThreadFilter{PersonID: p.ID}
		if g.Basis == heard.BasisNetwork {
			f.MemberID = actor.AccountID
		}
		ts, err := tx.ListThreads(ctx, f)
		if err != nil {
			return err
		}
		units, err := unitsByID(ctx, tx, ts)
		if err != nil {
			return err
		}
		for _, t := range ts {
			v.Threads = append(v.Threads, ThreadItem{ThreadSummary: t, Waiting: s.escalated(units[t.Thread.UnitID], t, now)})
		}
		if v.CanStart = can(actor, heard.ActionWriteMessage, p, rel, now); v.CanStart {
			v.Units, err = careUnits(ctx, tx, p, now)
		}
		return err
	})
	return result(v, err)
}

// StartThread starts a thread with her team at one of her team's units.
func (s *Service) StartThread(ctx context.Context, actor heard.Actor, id heard.PersonID, in NewThread) (heard.Thread, error) {
	th := heard.Thread{ID: heard.NewID[heard.ThreadID](), UnitID: in.UnitID, Subject: strings.TrimSpace(in.Subject), StartedBy: actor.AccountID,
		ToSharedInbox: in.ToSharedInbox}
	err := s.personTx(ctx, actor, id, heard.ActionWriteMessage, string(th.ID), func(tx store.Tx, p heard.Person, g heard.Grant, _ heard.Relations) error {
		now := s.now()
		problems := heard.Problems(heard.ValidateMessage(in.Subject, in.Body, true))
		units, err := careUnits(ctx, tx, p, now)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(units, func(u heard.Unit) bool { return u.ID == in.UnitID }) {
			problems = append(problems, heard.Problem{Field: "unit", Key: "message.unit.invalid"})
		}
		if err := heard.Invalid(problems); err != nil {
			return err
		}
		th.PersonID, th.Created, th.LastAt = p.ID, now, now
		if g.Basis == heard.BasisNetwork {
			th.MemberID = actor.AccountID
		}
		// The shared inbox is where her side reaches the whole team.
		th.ToSharedInbox = th.ToSharedInbox && g.Basis != heard.BasisCare
		if err := tx.CreateThread(ctx, th); err != nil {
			return err
		}
		m := heard.Message{ID: heard.NewID[heard.MessageID](), ThreadID: th.ID, PersonID: p.ID, AuthorID: actor.AccountID,
			AuthorRole: actor.Role, Body: in.Body, Sent: now}
		if err := tx.AddMessage(ctx, m); err != nil {
			return err
		}
		return notifyMessage(ctx, tx, now, p, th, m)
	})
	return result(th, err)
}

// threadDecider decides on one thread: it finds, before the decision,
// whether the reader is of the thread's unit and the thread waits in the
// unit's shared inbox.
func (s *Service) threadDecider(ctx context.Context, actor heard.Actor, id heard.PersonID, tid heard.ThreadID, action heard.Action) decider {
	inUnit, waiting := false, false
	var thread heard.Thread
	if actor.Role == heard.RoleProfessional {
		// A failed look leaves the shared-inbox way closed: the decision
		// then falls back to the care relation alone, which refuses.
		_ = s.store.Read(ctx, func(tx store.Tx) error {
			t, err := tx.GetThread(ctx, id, tid)
			if err != nil {
				return err
			}
			ms, err := tx.ListUnitMemberships(ctx, store.MembershipFilter{AccountID: actor.AccountID, UnitID: t.UnitID, InForce: true})
			if err != nil || len(ms) == 0 {
				return err
			}
			ts, err := tx.ListThreads(ctx, store.ThreadFilter{PersonID: id})
			if err != nil {
				return err
			}
			u, err := tx.GetUnit(ctx, t.UnitID)
			if err != nil {
				return err
			}
			for _, x := range ts {
				if x.Thread.ID == tid {
					thread, inUnit, waiting = t, true, s.escalated(u, x, s.now())
				}
			}
			return nil
		})
	}
	return func(a heard.Actor, p heard.Person, rel heard.Relations, now time.Time) (heard.Grant, error) {
		g, err := policy.Decide(a, action, p, rel, now)
		if err == nil || thread.ID == "" {
			return g, err
		}
		return policy.DecideThread(a, action, p, rel, thread, inUnit, waiting, now)
	}
}

// Thread opens a thread. A professional's opening is the first read of
// every message from her side not read before, at this moment.
func (s *Service) Thread(ctx context.Context, actor heard.Actor, id heard.PersonID, tid heard.ThreadID) (ThreadView, error) {
	var v ThreadView
	run := s.store.Read
	if actor.Role == heard.RoleProfessional {
		run = s.store.Write
	}
	err := s.personTxWith(ctx, run, actor, id, heard.ActionReadMessages, string(tid), s.threadDecider(ctx, actor, id, tid, heard.ActionReadMessages),
		func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error {
			now := s.now()
			t, err := tx.GetThread(ctx, p.ID, tid)
			if err != nil {
				return err
			}
			if !policy.SeesThread(g, actor, t) {
				return heard.ErrNotFound
			}
			if actor.Role == heard.RoleProfessional {
				if err := tx.MarkRead(ctx, p.ID, t.ID, actor.AccountID, now); err != nil {
					return err
				}
			}
			v, err = s.threadView(ctx, tx, actor, p, g, rel, t, now)
			return err
		})
	return result(v, err)
}

func (s *Service) threadView(ctx context.Context, tx store.Tx, actor heard.Actor, p heard.Person, g heard.Grant, rel heard.Relations, t heard.Thread, now time.Time) (ThreadView, error) {
	v := ThreadView{Person: policy.PersonFor(g, p), Thread: t}
	var err error
	if v.Unit, err = tx.GetUnit(ctx, t.UnitID); err != nil {
		return v, err
	}
	ms, err := tx.ListMessages(ctx, p.ID, t.ID)
	if err != nil {
		return v, err
	}
	ids := []heard.AccountID{t.MemberID}
	sum := store.ThreadSummary{Thread: t}
	for _, m := range ms {
		ids = append(ids, m.AuthorID)
		if !m.FromTeam() && m.FirstReplied.IsZero() && sum.OldestWait.IsZero() {
			sum.OldestWait, sum.OldestWaitRead = m.Sent, m.FirstRead
		}
		v.Unread = v.Unread || !m.FromTeam() && m.FirstRead.IsZero()
	}
	accs, err := accounts(ctx, tx, ids...)
	if err != nil {
		return v, err
	}
	for _, m := range ms {
		v.Messages = append(v.Messages, MessageView{Message: m, Author: someone(p, accs[m.AuthorID]), Mine: m.AuthorID == actor.AccountID})
	}
	v.MemberName = accs[t.MemberID].Name
	v.Waiting = s.escalated(v.Unit, sum, now)
	v.OpenNow = v.Unit.ReplyHours.Open(now, s.loc)
	v.ViaSharedInbox = g.Basis == heard.BasisTeamInbox
	v.CanWrite = v.ViaSharedInbox || can(actor, heard.ActionWriteMessage, p, rel, now)
	return v, nil
}

// Reply adds a message to a thread. A professional's reply is the first
// read and the first reply of every message from her side before it that
// had none: the times are exact, in or outside reply hours.
func (s *Service) Reply(ctx context.Context, actor heard.Actor, id heard.PersonID, tid heard.ThreadID, body string) (heard.Message, error) {
	m := heard.Message{ID: heard.NewID[heard.MessageID](), ThreadID: tid, AuthorID: actor.AccountID, AuthorRole: actor.Role, Body: body}
	err := s.personTxWith(ctx, s.store.Write, actor, id, heard.ActionWriteMessage, string(tid), s.threadDecider(ctx, actor, id, tid, heard.ActionWriteMessage),
		func(tx store.Tx, p heard.Person, g heard.Grant, _ heard.Relations) error {
			t, err := tx.GetThread(ctx, p.ID, tid)
			if err != nil {
				return err
			}
			if !policy.SeesThread(g, actor, t) {
				return heard.ErrNotFound
			}
			if err := heard.ValidateMessage("", body, false); err != nil {
				return err
			}
			m.PersonID, m.Sent = p.ID, s.now()
			if err := tx.AddMessage(ctx, m); err != nil {
				return err
			}
			if err := notifyMessage(ctx, tx, m.Sent, p, t, m); err != nil {
				return err
			}
			if !m.FromTeam() {
				return nil
			}
			if err := tx.MarkRead(ctx, p.ID, tid, actor.AccountID, m.Sent); err != nil {
				return err
			}
			return tx.MarkReplied(ctx, p.ID, tid, actor.AccountID, m.Sent)
		})
	return result(m, err)
}

// inboxRecent is how many answered threads the inbox lists beside those
// that wait.
const inboxRecent = 50

// Inbox is a professional's messages: threads of the persons they work
// with, and the unit's shared inbox of threads that waited unread past
// the unit's set time.
type Inbox struct {
	Threads []ThreadItem
	Shared  []ThreadItem
}

// Inbox lists the professional's threads: unread first, then those waiting
// longest for an answer, then the rest, latest first. Each thread shown
// is a read of its person's messages, in her access log.
func (s *Service) Inbox(ctx context.Context, actor heard.Actor) (Inbox, error) {
	var out Inbox
	now := s.now()
	scope, err := policy.Scope(actor, heard.ActionListCaseload, now)
	if err != nil {
		return out, err
	}
	if actor.Role != heard.RoleProfessional || scope.Kind != heard.ListCareRelations {
		return out, heard.ErrForbidden
	}
	err = s.store.Write(ctx, func(tx store.Tx) error {
		// Every thread that waits for an answer, however old, and the
		// latest of the rest.
		mine, err := tx.ListThreads(ctx, store.ThreadFilter{CareOf: actor.AccountID, CareAt: now, Unanswered: true})
		if err != nil {
			return err
		}
		recent, err := tx.ListThreads(ctx, store.ThreadFilter{CareOf: actor.AccountID, CareAt: now, Limit: inboxRecent})
		if err != nil {
			return err
		}
		for _, t := range recent {
			if !slices.ContainsFunc(mine, func(m store.ThreadSummary) bool { return m.Thread.ID == t.Thread.ID }) {
				mine = append(mine, t)
			}
		}
		ms, err := tx.ListUnitMemberships(ctx, store.MembershipFilter{AccountID: actor.AccountID, InForce: true})
		if err != nil {
			return err
		}
		var unitIDs []heard.UnitID
		for _, m := range ms {
			unitIDs = append(unitIDs, m.UnitID)
		}
		var shared []store.ThreadSummary
		if len(unitIDs) > 0 {
			// No limit: the longest waiting must never drop off the list.
			if shared, err = tx.ListThreads(ctx, store.ThreadFilter{UnitIDs: unitIDs, Unanswered: true}); err != nil {
				return err
			}
		}
		units, err := unitsByID(ctx, tx, append(slices.Clone(mine), shared...))
		if err != nil {
			return err
		}
		var entries []heard.AccessEntry
		for _, t := range mine {
			out.Threads = append(out.Threads, ThreadItem{ThreadSummary: t, Waiting: s.escalated(units[t.Thread.UnitID], t, now)})
			entries = append(entries, entry(actor, t.Thread.PersonID, heard.ActionReadMessages, heard.Grant{Basis: heard.BasisCare}, heard.OutcomeAllowed, string(t.Thread.ID), now))
		}
		for _, t := range shared {
			inMine := slices.ContainsFunc(mine, func(m store.ThreadSummary) bool { return m.Thread.ID == t.Thread.ID })
			if !inMine && s.escalated(units[t.Thread.UnitID], t, now) {
				out.Shared = append(out.Shared, ThreadItem{ThreadSummary: t, Waiting: true})
				entries = append(entries, entry(actor, t.Thread.PersonID, heard.ActionReadMessages, heard.Grant{Basis: heard.BasisTeamInbox}, heard.OutcomeAllowed, string(t.Thread.ID), now))
			}
		}
		sortInbox(out.Threads)
		sortInbox(out.Shared)
		if len(entries) == 0 {
			return nil
		}
		return tx.LogAccess(entries...)
	})
	return result(out, err)
}

// sortInbox puts unread threads first, oldest unread first; then threads
// whose messages wait for an answer, longest waiting first; then the
// rest, latest first.
func sortInbox(ts []ThreadItem) {
	rank := func(t ThreadItem) (int, time.Time) {
		switch {
		case t.Unread > 0:
			return 0, t.OldestUnread
		case t.Unanswered > 0:
			return 1, t.OldestWait
		}
		return 2, time.Time{}
	}
	sort.SliceStable(ts, func(i, j int) bool {
		ri, ti := rank(ts[i])
		rj, tj := rank(ts[j])
		if ri != rj {
			return ri < rj
		}
		if ri == 2 {
			return ts[i].Thread.LastAt.After(ts[j].Thread.LastAt)
		}
		return ti.Before(tj)
	})
}
