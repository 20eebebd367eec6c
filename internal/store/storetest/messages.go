package storetest

import (
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

func testMessages(t *testing.T, s store.Store) {
	f := seed(t, s)
	hours := heard.ReplyHours{Days: []time.Weekday{time.Monday, time.Wednesday}, From: 9 * 60, To: 14 * 60, EscalateAfter: 120}
	th := heard.Thread{ID: heard.NewID[heard.ThreadID](), PersonID: f.person1.ID, UnitID: f.unit.ID, Subject: "Sleep", StartedBy: f.person1.AccountID, Created: t0, LastAt: t0}
	theirs := heard.Thread{ID: heard.NewID[heard.ThreadID](), PersonID: f.person1.ID, UnitID: f.unit2.ID, MemberID: f.net.ID, Subject: "Visiting",
		StartedBy: f.net.ID, Created: t0, LastAt: t0, ToSharedInbox: true}
	msg := func(th heard.Thread, author heard.AccountID, role heard.Role, at time.Time) heard.Message {
		return heard.Message{ID: heard.NewID[heard.MessageID](), ThreadID: th.ID, PersonID: th.PersonID, AuthorID: author, AuthorRole: role, Body: "Line one\nLine two", Sent: at}
	}
	first, second := msg(th, f.person1.AccountID, heard.RolePerson, t0), msg(th, f.person1.AccountID, heard.RolePerson, t0.Add(time.Hour))
	write(t, s, func(tx store.Tx) error {
		wantCode(t, "another organisation's unit", tx.SetUnitMessaging(ctx, f.otherOrg.ID, f.unit.ID, hours, "Call 113"), heard.CodeNotFound)
		if err := tx.SetUnitMessaging(ctx, f.org.ID, f.unit.ID, hours, "Call 113"); err != nil {
			return err
		}
		for _, x := range []heard.Thread{th, theirs} {
			if err := tx.CreateThread(ctx, x); err != nil {
				return err
			}
		}
		for _, m := range []heard.Message{first, second, msg(theirs, f.net.ID, heard.RoleNetwork, t0.Add(2*time.Hour))} {
			if err := tx.AddMessage(ctx, m); err != nil {
				return err
			}
		}
		return nil
	})
	read(t, s, func(tx store.Tx) error {
		u, err := tx.GetUnit(ctx, f.unit.ID)
		if err != nil || u.CrisisNote != "Call 113" || u.ReplyHours.From != 540 || u.ReplyHours.EscalateAfter != 120 || len(u.ReplyHours.Days) != 2 {
			t.Errorf("unit messaging = %+v, %v", u, err)
		}
		if _, err := tx.GetThread(ctx, f.person2.ID, th.ID); heard.ErrorCode(err) != heard.CodeNotFound {
			t.Errorf("a thread under another person: %v", err)
		}
		got, err := tx.GetThread(ctx, f.person1.ID, theirs.ID)
		if err != nil || got.MemberID != f.net.ID || !got.LastAt.Equal(t0.Add(2*time.Hour)) || !got.ToSharedInbox {
			t.Errorf("thread = %+v, %v", got, err)
		}
		all, err := tx.ListThreads(ctx, store.ThreadFilter{PersonID: f.person1.ID})
		if err != nil || len(all) != 2 || all[0].Thread.ID != theirs.ID || all[0].MemberName != f.net.Name || all[1].Unread != 2 ||
			!all[1].OldestUnread.Equal(t0) || all[1].UnitName != f.unit.Name || all[1].PersonName != f.person1.Name {
			t.Errorf("her threads = %+v, %v", all, err)
		}
		mine, err := tx.ListThreads(ctx, store.ThreadFilter{PersonID: f.person1.ID, MemberID: f.net.ID})
		if err != nil || len(mine) != 1 || mine[0].Thread.ID != theirs.ID {
			t.Errorf("the member's threads = %+v, %v", mine, err)
		}
		unit, err := tx.ListThreads(ctx, store.ThreadFilter{UnitIDs: []heard.UnitID{f.unit.ID}, Unanswered: true})
		if err != nil || len(unit) != 1 || unit[0].Thread.ID != th.ID {
			t.Errorf("the unit's unread threads = %+v, %v", unit, err)
		}
		return nil
	})
	read1, reply := t0.Add(90*time.Minute), t0.Add(26*time.Hour)
	write(t, s, func(tx store.Tx) error {
		if err := tx.MarkRead(ctx, f.person1.ID, th.ID, f.pro.ID, read1); err != nil {
			return err
		}
		// A later read changes nothing: the first read stays.
		if err := tx.MarkRead(ctx, f.person1.ID, th.ID, f.pro2.ID, read1.Add(time.Hour)); err != nil {
			return err
		}
		if err := tx.AddMessage(ctx, msg(th, f.pro.ID, heard.RoleProfessional, reply)); err != nil {
			return err
		}
		if err := tx.MarkReplied(ctx, f.person1.ID, th.ID, f.pro.ID, reply); err != nil {
			return err
		}
		return tx.MarkRead(ctx, f.person2.ID, theirs.ID, f.pro.ID, reply) // another person's: touches nothing
	})
	read(t, s, func(tx store.Tx) error {
		ms, err := tx.ListMessages(ctx, f.person1.ID, th.ID)
		if err != nil || len(ms) != 3 || ms[0].Body != "Line one\nLine two" {
			t.Fatalf("messages = %+v, %v", ms, err)
		}
		for _, m := range ms[:2] {
			if !m.FirstRead.Equal(read1) || m.FirstReadBy != f.pro.ID || !m.FirstReplied.Equal(reply) || m.FirstRepliedBy != f.pro.ID {
				t.Errorf("times of %+v", m)
			}
		}
		if !ms[2].FirstRead.IsZero() || !ms[2].FromTeam() {
			t.Errorf("the team's own message got read times: %+v", ms[2])
		}
		if theirs, err := tx.ListMessages(ctx, f.person1.ID, theirs.ID); err != nil || len(theirs) != 1 || !theirs[0].FirstRead.IsZero() {
			t.Errorf("the member's thread = %+v, %v", theirs, err)
		}
		if unit, err := tx.ListThreads(ctx, store.ThreadFilter{UnitIDs: []heard.UnitID{f.unit.ID}, Unanswered: true}); err != nil || len(unit) != 0 {
			t.Errorf("answered threads still unanswered: %+v, %v", unit, err)
		}
		care, err := tx.ListThreads(ctx, store.ThreadFilter{CareOf: f.pro.ID, CareAt: t0.Add(time.Hour)})
		if err != nil {
			return err
		}
		for _, c := range care {
			if c.Thread.PersonID != f.person1.ID {
				t.Errorf("a thread outside the professional's care: %+v", c)
			}
		}
		return nil
	})
}
