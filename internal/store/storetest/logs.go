package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/audit"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

func testSessions(t *testing.T, s store.Store) {
	f := seed(t, s)
	s1 := store.Session{ID: "s1", AccountID: f.pro.ID, CSRFToken: "c1", Created: t0, LastSeen: t0, Expires: t0.Add(12 * time.Hour)}
	s2 := store.Session{ID: "s2", AccountID: f.pro.ID, CSRFToken: "c2", SecondFactorPending: true, Created: t0, LastSeen: t0, Expires: t0.Add(12 * time.Hour)}
	s3 := store.Session{ID: "s3", AccountID: f.leader.ID, CSRFToken: "c3", Created: t0, LastSeen: t0.Add(-time.Hour), Expires: t0.Add(time.Hour)}
	write(t, s, func(tx store.Tx) error {
		for _, x := range []store.Session{s1, s2, s3} {
			if err := tx.CreateSession(ctx, x); err != nil {
				return err
			}
		}
		return tx.TouchSession(ctx, "s1", t0.Add(time.Minute))
	})
	read(t, s, func(tx store.Tx) error {
		got, err := tx.GetSession(ctx, "s1")
		if err != nil || got.CSRFToken != "c1" || !got.LastSeen.Equal(t0.Add(time.Minute)) || !got.Expires.Equal(s1.Expires) {
			t.Errorf("GetSession() = %+v, %v", got, err)
		}
		got, err = tx.GetSession(ctx, "s2")
		if err != nil || !got.SecondFactorPending {
			t.Errorf("pending session = %+v, %v", got, err)
		}
		return nil
	})
	testSessionIdentity(t, s, f, s1)
	write(t, s, func(tx store.Tx) error {
		n, err := tx.DeleteAccountSessions(ctx, f.pro.ID, "s1")
		if err != nil || n != 1 {
			t.Errorf("DeleteAccountSessions() = %d, %v; want 1", n, err)
		}
		n, err = tx.DeleteExpiredSessions(ctx, t0, t0.Add(-30*time.Minute))
		if err != nil || n != 1 {
			t.Errorf("DeleteExpiredSessions() = %d, %v; want 1 (the idle one)", n, err)
		}
		return tx.DeleteSession(ctx, "s1")
	})
	read(t, s, func(tx store.Tx) error {
		for _, id := range []string{"s1", "s2", "s3"} {
			_, err := tx.GetSession(ctx, id)
			wantCode(t, "deleted session "+id, err, heard.CodeNotFound)
		}
		return nil
	})
	err := s.Write(ctx, func(tx store.Tx) error { return tx.TouchSession(ctx, "s1", t0) })
	wantCode(t, "touching a deleted session", err, heard.CodeNotFound)
}

func testLoginFailures(t *testing.T, s store.Store) {
	seed(t, s)
	write(t, s, func(tx store.Tx) error {
		for i := range 3 {
			if err := tx.AddLoginFailure(ctx, fmt.Sprintf("f%d", i), "email:a@example.test", t0.Add(time.Duration(i)*time.Minute)); err != nil {
				return err
			}
		}
		if err := tx.AddLoginFailure(ctx, "same", "addr:192.0.2.1", t0); err != nil {
			return err
		}
		// Two records made in the same instant: taking back one by its ID
		// leaves the other.
		if err := tx.AddLoginFailure(ctx, "other", "addr:192.0.2.1", t0); err != nil {
			return err
		}
		return tx.RemoveLoginFailure(ctx, "other")
	})
	read(t, s, func(tx store.Tx) error {
		n, last, err := tx.CountLoginFailures(ctx, "email:a@example.test", t0.Add(30*time.Second))
		if err != nil || n != 2 || !last.Equal(t0.Add(2*time.Minute)) {
			t.Errorf("CountLoginFailures() = %d, %v, %v; want 2 and the latest time", n, last, err)
		}
		if n, _, err := tx.CountLoginFailures(ctx, "addr:192.0.2.1", t0); err != nil || n != 1 {
			t.Errorf("failures after taking back one of two made at once = %d, %v; want 1", n, err)
		}
		n, last, err = tx.CountLoginFailures(ctx, "email:b@example.test", t0)
		if err != nil || n != 0 || !last.IsZero() {
			t.Errorf("CountLoginFailures(unknown) = %d, %v, %v", n, last, err)
		}
		return nil
	})
	write(t, s, func(tx store.Tx) error {
		if err := tx.ClearLoginFailures(ctx, "email:a@example.test"); err != nil {
			return err
		}
		return tx.PruneLoginFailures(ctx, t0.Add(time.Second))
	})
	read(t, s, func(tx store.Tx) error {
		for _, k := range []string{"email:a@example.test", "addr:192.0.2.1"} {
			if n, _, err := tx.CountLoginFailures(ctx, k, t0.Add(-time.Hour)); err != nil || n != 0 {
				t.Errorf("failures for %s after clear and prune = %d, %v", k, n, err)
			}
		}
		return nil
	})
}

// testSessionIdentity checks the one-query session check against the
// getters it replaces.
func testSessionIdentity(t *testing.T, s store.Store, f fixture, pro store.Session) {
	person := store.Session{ID: "sp", AccountID: f.person2.AccountID, CSRFToken: "cp", Created: t0, LastSeen: t0, Expires: t0.Add(time.Hour)}
	write(t, s, func(tx store.Tx) error { return tx.CreateSession(ctx, person) })
	read(t, s, func(tx store.Tx) error {
		for _, sess := range []store.Session{pro, person} {
			got, err := tx.GetSessionIdentity(ctx, sess.ID)
			if err != nil {
				return err
			}
			wantSession, _ := tx.GetSession(ctx, sess.ID)
			wantAccount, _ := tx.GetAccount(ctx, sess.AccountID)
			wantOrg, _ := tx.GetOrganisation(ctx, wantAccount.OrganisationID)
			want := store.SessionIdentity{Session: wantSession, Account: wantAccount, Organisation: wantOrg}
			if wantAccount.Role == heard.RolePerson {
				p, _ := tx.GetPersonByAccount(ctx, sess.AccountID)
				want.PersonID, want.Capacity = p.ID, p.Capacity
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("GetSessionIdentity(%s) =\n%+v\nwant\n%+v", sess.ID, got, want)
			}
		}
		if got, _ := tx.GetSessionIdentity(ctx, "sp"); got.PersonID != f.person2.ID || got.Capacity != heard.CapacityLow {
			t.Errorf("person's session identity = %+v; want person %s at low capacity", got, f.person2.ID)
		}
		_, err := tx.GetSessionIdentity(ctx, "no-such-session")
		wantCode(t, "unknown session", err, heard.CodeNotFound)
		return nil
	})
	// The session check runs outside a transaction: it sees what is
	// committed, and it cannot log (a lookup has no commit to log with).
	for range 2 { // the second time through prepared statements
		err := s.Lookup(ctx, func(tx store.Tx) error {
			got, err := tx.GetSessionIdentity(ctx, "sp")
			if err != nil {
				return err
			}
			if got.Session.CSRFToken != "cp" || got.PersonID != f.person2.ID {
				t.Errorf("Lookup: session identity = %+v; want the person's session", got)
			}
			if tx.LogAccess(entry(f.person2.ID, f.person2.AccountID, t0)) == nil {
				t.Error("Lookup accepted an access-log entry it has no commit for")
			}
			_, err = tx.GetSessionIdentity(ctx, "no-such-session")
			wantCode(t, "Lookup of an unknown session", err, heard.CodeNotFound)
			return nil
		})
		if err != nil {
			t.Fatalf("Lookup: %v", err)
		}
	}
}

func entry(person heard.PersonID, actor heard.AccountID, at time.Time) heard.AccessEntry {
	return heard.AccessEntry{At: at, ActorID: actor, ActorRole: heard.RoleProfessional, Basis: heard.BasisCare, PersonID: person,
		Action: heard.ActionReadPerson, Outcome: heard.OutcomeAllowed, ClientAddr: "192.0.2.7", RequestID: "req-1", Detail: "digest-of-a-record"}
}

// appendEntries appends in a transaction the way the app does.
func appendEntries(ctx context.Context, s store.Store, es ...heard.AccessEntry) error {
	return s.Write(ctx, func(tx store.Tx) error { return tx.LogAccess(es...) })
}

func verifyLog(t *testing.T, s store.Store) heard.AccessHead {
	t.Helper()
	var head heard.AccessHead
	read(t, s, func(tx store.Tx) error {
		v := audit.NewVerifier(nil)
		if err := tx.ScanAccessLog(ctx, v.Add); err != nil {
			return err
		}
		stored, err := tx.AccessHead(ctx)
		if err != nil {
			return err
		}
		head, err = v.Finish(stored)
		return err
	})
	return head
}

func testAccessLog(t *testing.T, s store.Store) {
	f := seed(t, s)
	at := time.Date(2026, 11, 23, 10, 0, 0, 987654321, time.FixedZone("Oslo", 3600))
	if err := appendEntries(ctx, s, entry(f.person1.ID, f.pro.ID, at), entry(f.person2.ID, f.pro.ID, at)); err != nil {
		t.Fatal(err)
	}
	if err := appendEntries(ctx, s, entry(f.person1.ID, f.leader.ID, at.Add(time.Second)), entry(f.person1.ID, f.pro.ID, at.Add(2*time.Second))); err != nil {
		t.Fatal(err)
	}
	if head := verifyLog(t, s); head.Seq != 4 {
		t.Fatalf("verified head = %+v, want seq 4", head)
	}
	read(t, s, func(tx store.Tx) error {
		es, err := tx.ListAccessEntries(ctx, store.AccessFilter{PersonID: f.person1.ID})
		if err != nil || len(es) != 3 || es[0].Seq != 4 || es[2].Seq != 1 {
			t.Fatalf("ListAccessEntries() = %+v, %v; want 3 newest first", es, err)
		}
		if !es[2].At.Equal(at.Truncate(time.Microsecond)) || es[2].At.Location() != time.UTC {
			t.Errorf("entry time = %v, want %v in UTC at microsecond precision", es[2].At, at)
		}
		if es[2].ClientAddr != "192.0.2.7" || es[2].Basis != heard.BasisCare || es[2].Hash == "" {
			t.Errorf("entry = %+v, fields not kept", es[2])
		}
		page, err := tx.ListAccessEntries(ctx, store.AccessFilter{PersonID: f.person1.ID, BeforeSeq: 4, Limit: 1})
		if err != nil || len(page) != 1 || page[0].Seq != 3 {
			t.Errorf("page before 4 = %+v, %v; want entry 3", page, err)
		}
		return nil
	})
	testExcludeOwn(t, s, f)
}

// testExcludeOwn: the person's own visits are left out, and nothing else:
// not staff, and not another person's refused attempt.
func testExcludeOwn(t *testing.T, s store.Store, f fixture) {
	own := entry(f.person1.ID, f.person1.AccountID, t0)
	own.ActorRole, own.Basis, own.RequestID = heard.RolePerson, heard.BasisSelf, "own"
	ownRefused := own
	ownRefused.Outcome, ownRefused.RequestID = heard.OutcomeDenied, "own-refused"
	intruder := entry(f.person1.ID, f.person2.AccountID, t0)
	intruder.ActorRole, intruder.Basis, intruder.Outcome, intruder.RequestID = heard.RolePerson, heard.BasisNone, heard.OutcomeDenied, "intruder"
	if err := appendEntries(ctx, s, own, own, ownRefused, intruder, own); err != nil {
		t.Fatal(err)
	}
	read(t, s, func(tx store.Tx) error {
		all, err := tx.ListAccessEntries(ctx, store.AccessFilter{PersonID: f.person1.ID})
		if err != nil {
			return err
		}
		others, err := tx.ListAccessEntries(ctx, store.AccessFilter{PersonID: f.person1.ID, ExcludeOwn: true, Limit: 10})
		if err != nil {
			return err
		}
		var got []string
		for _, e := range others {
			got = append(got, e.RequestID)
		}
		if want := "[intruder own-refused req-1 req-1 req-1]"; fmt.Sprint(got) != want || len(all) != 8 {
			t.Errorf("without own visits = %v (of %d); want %s", got, len(all), want)
		}
		// Filtered by who and by what, for the person reading her log.
		byLeader, err := tx.ListAccessEntries(ctx, store.AccessFilter{PersonID: f.person1.ID, ActorID: f.leader.ID})
		if err != nil || len(byLeader) != 1 || byLeader[0].ActorID != f.leader.ID {
			t.Errorf("entries by the leader = %+v, %v; want the one", byLeader, err)
		}
		reads, err := tx.ListAccessEntries(ctx, store.AccessFilter{PersonID: f.person1.ID, Actions: []heard.Action{heard.ActionReadPerson, heard.ActionReadPlan}})
		if err != nil || len(reads) != 8 {
			t.Errorf("entries of two actions = %d, %v; want all 8 (every fixture entry reads the person)", len(reads), err)
		}
		none, err := tx.ListAccessEntries(ctx, store.AccessFilter{PersonID: f.person1.ID, Actions: []heard.Action{heard.ActionReadPlan}})
		if err != nil || len(none) != 0 {
			t.Errorf("entries of an action none has = %d, %v; want none", len(none), err)
		}
		readers, err := tx.ListAccessActors(ctx, store.AccessFilter{PersonID: f.person1.ID, ExcludeOwn: true})
		if err != nil {
			return err
		}
		var actors []heard.AccountID
		for _, a := range readers {
			if a.Name == "" {
				t.Errorf("reader %s without a name: the join lost the account", a.ID)
			}
			actors = append(actors, a.ID)
		}
		want := []heard.AccountID{f.pro.ID, f.leader.ID, f.person1.AccountID, f.person2.AccountID}
		slices.Sort(want)
		if !slices.Equal(actors, want) {
			t.Errorf("actors without own visits = %v; want %v (her own refused attempt stays)", actors, want)
		}
		return nil
	})
}

func testAccessLogAppendOnly(t *testing.T, s store.Store) {
	f := seed(t, s)
	if err := appendEntries(ctx, s, entry(f.person1.ID, f.pro.ID, t0)); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		`UPDATE access_log SET actor_id = 'someone' WHERE seq = 1`,
		`DELETE FROM access_log WHERE seq = 1`,
	} {
		err := s.Write(ctx, func(tx store.Tx) error { return ExecRaw(ctx, tx, stmt) })
		if err == nil {
			t.Errorf("%s succeeded; the access log must refuse changes", stmt)
		}
	}
	verifyLog(t, s)
}

// testConcurrentAppends appends from many goroutines at once: on
// PostgreSQL they run on separate connections, as several heard processes
// would, and the chain must still come out whole and gap-free.
func testConcurrentAppends(t *testing.T, s store.Store) {
	f := seed(t, s)
	const writers, each = 8, 5
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				e := entry(f.person1.ID, f.pro.ID, t0.Add(time.Duration(w*each+i)*time.Millisecond))
				e.RequestID = fmt.Sprintf("w%d-%d", w, i)
				if err := appendEntries(ctx, s, e); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent append: %v", err)
	}
	if head := verifyLog(t, s); head.Seq != writers*each {
		t.Fatalf("head after concurrent appends = %d, want %d", head.Seq, writers*each)
	}
}

func testTimes(t *testing.T, s store.Store) {
	f := seed(t, s)
	zones := []*time.Location{time.UTC, time.FixedZone("UTC+14", 14*3600), time.FixedZone("UTC-9:30", -(9*3600 + 1800))}
	base := time.Date(2026, 3, 29, 1, 59, 59, 999999999, time.UTC)
	var ids []heard.CareRelationID
	write(t, s, func(tx store.Tx) error {
		for i, z := range zones {
			c := heard.CareRelation{ID: heard.NewID[heard.CareRelationID](), PersonID: f.person1.ID, ProfessionalID: f.pro.ID, UnitID: f.unit.ID,
				Start: base.Add(time.Duration(i) * time.Second).In(z), Confirmed: base.Add(-time.Hour)}
			ids = append(ids, c.ID)
			if err := tx.CreateCareRelation(ctx, c); err != nil {
				return err
			}
		}
		return nil
	})
	read(t, s, func(tx store.Tx) error {
		for i, id := range ids {
			c, err := tx.GetCareRelation(ctx, id)
			want := base.Add(time.Duration(i) * time.Second).Truncate(time.Microsecond)
			if err != nil || !c.Start.Equal(want) || c.Start.Location() != time.UTC {
				t.Errorf("start stored in zone %v = %v, %v; want %v in UTC", zones[i], c.Start, err, want)
			}
		}
		// Ordering and comparison must follow the instant, not the zone's text.
		got, err := tx.ListCareRelations(ctx, store.CareRelationFilter{PersonID: f.person1.ID, ActiveAt: base.Add(1500 * time.Millisecond).In(zones[2])})
		if err != nil || len(got) != 2 || got[0].ID != ids[1] {
			t.Errorf("relations active 1.5 s after base = %d, %v; want 2, newest first", len(got), err)
		}
		return nil
	})
}

func testMeta(t *testing.T, s store.Store) {
	write(t, s, func(tx store.Tx) error {
		if err := tx.SetMeta(ctx, "demo", "1"); err != nil {
			return err
		}
		return tx.SetMeta(ctx, "demo", "2")
	})
	read(t, s, func(tx store.Tx) error {
		v, err := tx.GetMeta(ctx, "demo")
		if err != nil || v != "2" {
			t.Errorf("GetMeta() = %q, %v; want 2", v, err)
		}
		return nil
	})
}

func testLoginDevices(t *testing.T, s store.Store) {
	f := seed(t, s)
	write(t, s, func(tx store.Tx) error {
		if err := tx.CreateLoginDevice(ctx, "d1", f.pro.ID, t0); err != nil {
			return err
		}
		if err := tx.CreateLoginDevice(ctx, "d2", f.leader.ID, t0); err != nil {
			return err
		}
		return tx.TouchLoginDevice(ctx, "d1", t0.Add(48*time.Hour))
	})
	if err := s.Write(ctx, func(tx store.Tx) error { return tx.CreateLoginDevice(ctx, "d1", f.leader.ID, t0) }); heard.ErrorCode(err) != heard.CodeConflict {
		t.Errorf("CreateLoginDevice(taken id) = %v, want conflict", err)
	}
	write(t, s, func(tx store.Tx) error {
		if owner, err := tx.GetLoginDevice(ctx, "d1"); err != nil || owner != f.pro.ID {
			t.Errorf("GetLoginDevice(d1) = %q, %v; want the professional", owner, err)
		}
		if _, err := tx.GetLoginDevice(ctx, "nope"); heard.ErrorCode(err) != heard.CodeNotFound {
			t.Errorf("GetLoginDevice(unknown) = %v, want not found", err)
		}
		return tx.PruneLoginDevices(ctx, t0.Add(time.Hour))
	})
	read(t, s, func(tx store.Tx) error {
		if _, err := tx.GetLoginDevice(ctx, "d2"); heard.ErrorCode(err) != heard.CodeNotFound {
			t.Errorf("a device unused since before the prune = %v, want gone", err)
		}
		if _, err := tx.GetLoginDevice(ctx, "d1"); err != nil {
			t.Errorf("a device used after the prune's moment: %v, want kept", err)
		}
		return nil
	})
}

// A session's "new since" starts where its account's last visit ended: a
// full login and a touch move the visit on, a login waiting for its second
// factor does not. What is new is what others were allowed to write after
// that, in her record or in the records of a professional's persons.
func testNews(t *testing.T, s store.Store) {
	f := seed(t, s)
	write(t, s, func(tx store.Tx) error {
		return tx.CreateCareRelation(ctx, heard.CareRelation{ID: heard.NewID[heard.CareRelationID](), PersonID: f.person1.ID, ProfessionalID: f.pro.ID, UnitID: f.unit.ID, Start: t0.Add(-time.Hour), Confirmed: t0.Add(-time.Hour)})
	})
	session := func(id string, pending bool) store.Session {
		t.Helper()
		sess := store.Session{ID: id, AccountID: f.pro.ID, CSRFToken: id, SecondFactorPending: pending, Created: t0, LastSeen: t0, Expires: t0.Add(time.Hour)}
		write(t, s, func(tx store.Tx) error { return tx.CreateSession(ctx, sess) })
		read(t, s, func(tx store.Tx) error {
			var err error
			sess, err = tx.GetSession(ctx, id)
			return err
		})
		return sess
	}
	head := func() int64 {
		t.Helper()
		var h heard.AccessHead
		read(t, s, func(tx store.Tx) error {
			var err error
			h, err = tx.AccessHead(ctx)
			return err
		})
		return h.Seq
	}
	did := func(person heard.PersonID, actor heard.AccountID, action heard.Action, outcome heard.Outcome) {
		t.Helper()
		e := entry(person, actor, t0)
		e.Action, e.Outcome, e.ResourceID = action, outcome, "r1"
		if actor == f.person1.AccountID || actor == f.person2.AccountID {
			e.ActorRole = heard.RolePerson
		}
		write(t, s, func(tx store.Tx) error { return tx.LogAccess(e) })
	}
	session("first", false)
	visit := head()
	did(f.person1.ID, f.person1.AccountID, heard.ActionCommentDecision, heard.OutcomeAllowed)
	did(f.person1.ID, f.pro.ID, heard.ActionWriteDecision, heard.OutcomeAllowed)
	did(f.person1.ID, f.pro2.ID, heard.ActionWriteDecision, heard.OutcomeDenied)
	did(f.person2.ID, f.person2.AccountID, heard.ActionCommentDecision, heard.OutcomeAllowed)
	did(f.person1.ID, f.person1.AccountID, heard.ActionReadPlan, heard.OutcomeAllowed)
	if pending := session("pending", true); pending.SinceSeq != visit {
		t.Errorf("a login after the first starts at %d, want where the first left the log (%d)", pending.SinceSeq, visit)
	}
	read(t, s, func(tx store.Tx) error {
		news, err := tx.ListNews(ctx, store.NewsFilter{CareOf: f.pro.ID, CareAt: t0, AfterSeq: visit, Reader: f.pro.ID, Limit: 10})
		if err != nil || len(news) != 1 || news[0].ActorID != f.person1.AccountID || news[0].PersonID != f.person1.ID {
			t.Errorf("the professional's news = %+v, %v; want only her comment", news, err)
		}
		hers, err := tx.ListNews(ctx, store.NewsFilter{PersonID: f.person1.ID, AfterSeq: visit, Reader: f.person1.AccountID, Limit: 10})
		if err != nil || len(hers) != 1 || hers[0].ActorID != f.pro.ID {
			t.Errorf("her news = %+v, %v; want only the professional's decision", hers, err)
		}
		none, err := tx.ListNews(ctx, store.NewsFilter{PersonID: f.person1.ID, AfterSeq: head(), Reader: f.person1.AccountID, Limit: 10})
		if err != nil || len(none) != 0 {
			t.Errorf("news after the head = %+v, %v", none, err)
		}
		return nil
	})
	next := session("next", false)
	if next.SinceSeq != visit {
		t.Errorf("a full login after one waiting for its second factor starts at %d, want %d", next.SinceSeq, visit)
	}
	did(f.person1.ID, f.person1.AccountID, heard.ActionCommentDecision, heard.OutcomeAllowed)
	write(t, s, func(tx store.Tx) error { return tx.TouchSession(ctx, "next", t0.Add(time.Minute)) })
	if later := session("later", false); later.SinceSeq != head() || later.SinceSeq <= next.SinceSeq {
		t.Errorf("a login after a touched session starts at %d, want the head then (%d)", later.SinceSeq, head())
	}
}

// A unit's contact details are saved within its organisation only, and
// reach her care team in the same query.
func testUnitContact(t *testing.T, s store.Store) {
	f := seed(t, s)
	write(t, s, func(tx store.Tx) error {
		wantCode(t, "another organisation's unit", tx.SetUnitContact(ctx, "another-org", f.unit.ID, "+47 000 00 100", "Never"), heard.CodeNotFound)
		if err := tx.SetUnitContact(ctx, f.org.ID, f.unit.ID, "+47 000 00 100", "Every day, around the clock"); err != nil {
			return err
		}
		return tx.CreateCareRelation(ctx, heard.CareRelation{ID: heard.NewID[heard.CareRelationID](), PersonID: f.person1.ID, ProfessionalID: f.pro.ID, UnitID: f.unit.ID, Start: t0.Add(-time.Hour), Confirmed: t0.Add(-time.Hour)})
	})
	read(t, s, func(tx store.Tx) error {
		u, err := tx.GetUnit(ctx, f.unit.ID)
		if err != nil || u.Phone != "+47 000 00 100" || u.Reach != "Every day, around the clock" {
			t.Errorf("unit = %+v, %v", u, err)
		}
		team, err := tx.ListCareTeam(ctx, f.person1.ID, t0)
		if err != nil || len(team) != 1 || team[0].UnitPhone != "+47 000 00 100" || team[0].UnitReach != "Every day, around the clock" {
			t.Errorf("care team = %+v, %v", team, err)
		}
		other, err := tx.GetUnit(ctx, f.unit2.ID)
		if err != nil || other.Phone != "" {
			t.Errorf("the other unit = %+v, %v", other, err)
		}
		return nil
	})
}
