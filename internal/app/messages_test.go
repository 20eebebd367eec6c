package app

import (
	"errors"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
)

// The times a message was sent, first read and first answered are exact,
// with a controlled clock: a message she sends on Friday evening, outside
// reply hours, is read and answered on Monday morning at the very minutes
// the professional opens and answers it. Reading again, or a colleague's
// later reading, changes nothing.
func TestService_MessageTimesAreExact(t *testing.T) {
	w := newWorld(t)
	must(0, w.app.SetUnitMessaging(ctx, w.sys, w.unit.ID, heard.DefaultReplyHours, "Call 113 in an emergency."))
	friday := time.Date(2026, 11, 27, 21, 40, 0, 0, time.UTC)
	w.clock.t = friday
	th := must(w.app.StartThread(ctx, w.person1, w.p1, NewThread{UnitID: w.unit.ID, Subject: "Sleep", Body: "I sleep badly.\nFour nights now."}))
	w.clock.Advance(5 * time.Minute)
	must(w.app.Reply(ctx, w.person1, w.p1, th.ID, "And I forgot: Thursday is fine."))
	her := must(w.app.Thread(ctx, w.person1, w.p1, th.ID))
	if her.OpenNow || her.Unit.CrisisNote != "Call 113 in an emergency." || len(her.Messages) != 2 || !her.Messages[0].Message.FirstRead.IsZero() {
		t.Fatalf("her view on Friday night = %+v", her)
	}
	if her.Messages[0].Message.Body != "I sleep badly.\nFour nights now." {
		t.Errorf("line breaks lost: %q", her.Messages[0].Message.Body)
	}
	if her.Waiting {
		t.Error("waiting before a single working minute passed")
	}

	monday := time.Date(2026, 11, 30, 8, 12, 0, 0, time.UTC)
	w.clock.t = monday
	must(w.app.Thread(ctx, w.pro, w.p1, th.ID))
	w.clock.Advance(19 * time.Minute)
	reply := must(w.app.Reply(ctx, w.pro, w.p1, th.ID, "Good morning. Yes, Thursday."))
	w.clock.Advance(time.Hour)
	must(w.app.Thread(ctx, w.pro, w.p1, th.ID))
	v := must(w.app.Thread(ctx, w.person1, w.p1, th.ID))
	for i, m := range v.Messages[:2] {
		if !m.Message.FirstRead.Equal(monday) || m.Message.FirstReadBy != w.pro.AccountID || !m.Message.FirstReplied.Equal(reply.Sent) {
			t.Errorf("message %d: read %v by %s, replied %v; want %v and %v", i, m.Message.FirstRead, m.Message.FirstReadBy, m.Message.FirstReplied, monday, reply.Sent)
		}
	}
	if want := friday; !v.Messages[0].Message.Sent.Equal(want) {
		t.Errorf("sent %v, want %v", v.Messages[0].Message.Sent, want)
	}
	if !reply.Sent.Equal(monday.Add(19*time.Minute)) || !v.Messages[2].Message.FromTeam() || !v.Messages[2].Message.FirstRead.IsZero() {
		t.Errorf("the reply = %+v", v.Messages[2].Message)
	}

	// Her home tells her, under the thread's subject.
	news := must(w.app.PersonHome(ctx, w.person1)).News
	if len(news) == 0 || news[0].Action != heard.ActionWriteMessage || news[0].Title != "Sleep" || news[0].RecordID != string(th.ID) {
		t.Errorf("her news = %+v", news)
	}

	// A reply outside reply hours is recorded at its exact time too.
	w.clock.t = time.Date(2026, 11, 30, 22, 5, 0, 0, time.UTC)
	must(w.app.Reply(ctx, w.person1, w.p1, th.ID, "One more thing."))
	w.clock.Advance(7 * time.Minute)
	late := must(w.app.Reply(ctx, w.pro, w.p1, th.ID, "Noted, late as it is."))
	v = must(w.app.Thread(ctx, w.person1, w.p1, th.ID))
	if m := v.Messages[3].Message; !m.FirstRead.Equal(late.Sent) || !m.FirstReplied.Equal(late.Sent) {
		t.Errorf("outside reply hours: read %v replied %v, want %v", m.FirstRead, m.FirstReplied, late.Sent)
	}
}

// A message nobody reads within the unit's set working time goes to the
// unit's shared inbox, marked waiting: she sees that it is still unread,
// a professional of the unit outside her care team may open and answer it
// then (and not before, nor anything else of hers), and the answer takes
// it out of the shared inbox.
func TestService_UnreadMessageGoesToTheSharedInbox(t *testing.T) {
	w := newWorld(t)
	colleague := w.account(t, "colleague@example.test", heard.RoleProfessional, w.unit.ID)
	must(0, w.app.SetUnitMessaging(ctx, w.sys, w.unit.ID, heard.ReplyHours{Days: []time.Weekday{time.Monday, time.Tuesday}, From: 9 * 60, To: 12 * 60, EscalateAfter: 120}, ""))
	w.clock.t = time.Date(2026, 11, 30, 11, 0, 0, 0, time.UTC) // Monday, one working hour left
	th := must(w.app.StartThread(ctx, w.person1, w.p1, NewThread{UnitID: w.unit.ID, Subject: "A letter", Body: "Can someone help me read a letter?"}))
	if _, err := w.app.Thread(ctx, colleague, w.p1, th.ID); !errors.Is(err, heard.ErrNotFound) {
		t.Errorf("a colleague outside her team opens it before it waits: %v", err)
	}
	w.clock.t = time.Date(2026, 12, 1, 9, 59, 0, 0, time.UTC) // Tuesday: 119 working minutes
	if in := must(w.app.Inbox(ctx, colleague)); len(in.Shared) != 0 {
		t.Errorf("in the shared inbox a minute early: %+v", in.Shared)
	}
	w.clock.Advance(time.Minute)
	in := must(w.app.Inbox(ctx, colleague))
	if len(in.Shared) != 1 || in.Shared[0].Thread.ID != th.ID || !in.Shared[0].Waiting || in.Shared[0].PersonName == "" {
		t.Fatalf("the shared inbox = %+v", in.Shared)
	}
	if v := must(w.app.Thread(ctx, w.person1, w.p1, th.ID)); !v.Waiting || !v.Messages[0].Message.FirstRead.IsZero() {
		t.Errorf("she does not see it waiting unread: %+v", v)
	}
	if _, err := w.app.Person(ctx, colleague, w.p1); !errors.Is(err, heard.ErrNotFound) {
		t.Errorf("the shared inbox opened her record: %v", err)
	}
	v := must(w.app.Thread(ctx, colleague, w.p1, th.ID))
	if !v.CanWrite {
		t.Error("the colleague cannot answer from the shared inbox")
	}
	must(w.app.Reply(ctx, colleague, w.p1, th.ID, "I can help on Thursday."))
	if in := must(w.app.Inbox(ctx, colleague)); len(in.Shared) != 0 {
		t.Errorf("still in the shared inbox after an answer: %+v", in.Shared)
	}
	teamInbox := false
	for _, e := range w.log(t, w.p1) {
		teamInbox = teamInbox || e.ActorID == colleague.AccountID && e.Basis == heard.BasisTeamInbox && e.Action == heard.ActionWriteMessage
	}
	if !teamInbox {
		t.Error("her log does not say the colleague answered from the shared inbox")
	}
	if _, err := w.app.Thread(ctx, w.pro2, w.p1, th.ID); !errors.Is(err, heard.ErrNotFound) {
		t.Errorf("a professional of another unit: %v", err)
	}
}

// A network member writes with her team only while she shares the
// messages scope, sees only their own threads, and loses both the moment
// she takes the scope away or removes them.
func TestService_NetworkMemberWritesOnlyIfSheAllows(t *testing.T) {
	w := newWorld(t)
	if _, err := w.app.StartThread(ctx, w.net, w.p1, NewThread{UnitID: w.unit.ID, Subject: "Visit", Body: "May I visit?"}); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("writing without the messages scope: %v", err)
	}
	must(0, w.app.SetMemberScopes(ctx, w.person1, w.p1, w.link.ID, []heard.Scope{heard.ScopeMessages}))
	hers := must(w.app.StartThread(ctx, w.person1, w.p1, NewThread{UnitID: w.unit.ID, Subject: "Mine", Body: "Private to my team"}))
	theirs := must(w.app.StartThread(ctx, w.net, w.p1, NewThread{UnitID: w.unit.ID, Subject: "Visit", Body: "May I visit?"}))
	if theirs.MemberID != w.net.AccountID {
		t.Errorf("the member's thread = %+v", theirs)
	}
	list := must(w.app.Threads(ctx, w.net, w.p1))
	if len(list.Threads) != 1 || list.Threads[0].Thread.ID != theirs.ID {
		t.Errorf("the member sees %+v", list.Threads)
	}
	if _, err := w.app.Thread(ctx, w.net, w.p1, hers.ID); !errors.Is(err, heard.ErrNotFound) {
		t.Errorf("the member opens her own thread: %v", err)
	}
	if v := must(w.app.Threads(ctx, w.person1, w.p1)); len(v.Threads) != 2 {
		t.Errorf("she does not see her network's thread: %+v", v.Threads)
	}
	if in := must(w.app.Inbox(ctx, w.pro)); len(in.Threads) != 2 || in.Threads[0].Unread != 1 {
		t.Errorf("her professional's inbox = %+v", in.Threads)
	}
	must(0, w.app.SetMemberScopes(ctx, w.person1, w.p1, w.link.ID, nil))
	if _, err := w.app.Reply(ctx, w.net, w.p1, theirs.ID, "Hello?"); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("writing after the scope went: %v", err)
	}
	must(0, w.app.RevokeMember(ctx, w.person1, w.p1, w.link.ID))
	if _, err := w.app.Thread(ctx, w.net, w.p1, theirs.ID); !errors.Is(err, heard.ErrNotFound) {
		t.Errorf("reading after removal: %v", err)
	}
}

// The professional's inbox: unread first (oldest unread first), then
// threads waiting for an answer (longest first), then the rest.
func TestService_InboxOrder(t *testing.T) {
	w := newWorld(t)
	start := func(subject string) heard.Thread {
		th := must(w.app.StartThread(ctx, w.person1, w.p1, NewThread{UnitID: w.unit.ID, Subject: subject, Body: subject}))
		w.clock.Advance(time.Minute)
		return th
	}
	answered, readOnly, newer, older := start("answered"), start("read, not answered"), start("unread, newer"), start("unread, older")
	must(w.app.Thread(ctx, w.pro, w.p1, answered.ID))
	must(w.app.Reply(ctx, w.pro, w.p1, answered.ID, "Done"))
	must(w.app.Thread(ctx, w.pro, w.p1, readOnly.ID))
	w.clock.Advance(time.Minute)
	must(w.app.Reply(ctx, w.person1, w.p1, older.ID, "Still there?")) // moves its last time, not its oldest unread
	in := must(w.app.Inbox(ctx, w.pro))
	var got []heard.ThreadID
	for _, t := range in.Threads {
		got = append(got, t.Thread.ID)
	}
	want := []heard.ThreadID{newer.ID, older.ID, readOnly.ID, answered.ID}
	if len(got) != 4 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] || got[3] != want[3] {
		t.Errorf("inbox order = %v, want %v", got, want)
	}
	if _, err := w.app.Inbox(ctx, w.person1); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("a person's inbox: %v", err)
	}
}

// She can write to the whole team's shared inbox at once: anyone in the
// unit may open and answer it at once, until someone does. A professional
// starting a thread cannot put it there.
func TestService_SheWritesToTheSharedInbox(t *testing.T) {
	w := newWorld(t)
	colleague := w.account(t, "colleague@example.test", heard.RoleProfessional, w.unit.ID)
	th := must(w.app.StartThread(ctx, w.person1, w.p1, NewThread{UnitID: w.unit.ID, Subject: "Anyone", Body: "Is anyone in today?", ToSharedInbox: true}))
	in := must(w.app.Inbox(ctx, colleague))
	if len(in.Shared) != 1 || in.Shared[0].Thread.ID != th.ID {
		t.Fatalf("the shared inbox = %+v", in.Shared)
	}
	must(w.app.Reply(ctx, colleague, w.p1, th.ID, "Yes, until four."))
	if in := must(w.app.Inbox(ctx, colleague)); len(in.Shared) != 0 {
		t.Errorf("still shared after an answer: %+v", in.Shared)
	}
	theirs := must(w.app.StartThread(ctx, w.pro, w.p1, NewThread{UnitID: w.unit.ID, Subject: "From the team", Body: "Hello", ToSharedInbox: true}))
	if theirs.ToSharedInbox {
		t.Error("a professional put a thread in the shared inbox")
	}
}
