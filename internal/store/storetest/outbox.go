package storetest

import (
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

func testOutbox(t *testing.T, s store.Store) {
	n := func(key string, at time.Time) heard.Notification {
		return heard.Notification{ID: string(heard.NewID[heard.MessageID]()), EventKey: key, Kind: heard.NotifyMessage, To: "liv@example.test", Lang: "nb",
			Path: "/i/secret-" + key, Created: at, NextAt: at}
	}
	first, second, third := n("a", t0), n("b", t0.Add(time.Second)), n("c", t0.Add(2*time.Second))
	write(t, s, func(tx store.Tx) error {
		for _, x := range []heard.Notification{first, n("a", t0), second, third} { // "a" twice: one event, one e-mail
			if err := tx.Enqueue(ctx, x); err != nil {
				return err
			}
		}
		return nil
	})
	claim := func(at time.Time) (heard.Notification, bool) {
		var got heard.Notification
		var ok bool
		write(t, s, func(tx store.Tx) (err error) {
			got, ok, err = tx.ClaimNotification(ctx, at, time.Minute)
			return err
		})
		return got, ok
	}
	got, ok := claim(t0.Add(10 * time.Second))
	if !ok || got.ID != first.ID || got.Path != first.Path || got.Lang != "nb" {
		t.Fatalf("first claim = %+v %v", got, ok)
	}
	for _, want := range []heard.Notification{second, third} {
		if got, ok := claim(t0.Add(10 * time.Second)); !ok || got.ID != want.ID {
			t.Errorf("claimed %+v %v, want %s: a claimed one is not claimed again within its lease", got, ok, want.EventKey)
		}
	}
	write(t, s, func(tx store.Tx) error {
		if err := tx.MarkSending(ctx, first.ID, t0.Add(11*time.Second)); err != nil {
			return err
		}
		if err := tx.MarkSent(ctx, first.ID, t0.Add(12*time.Second)); err != nil {
			return err
		}
		// second failed: tried again later; third stopped mid-way after
		// "sending": uncertain once its lease ends.
		if err := tx.MarkFailed(ctx, second.ID, 1, t0.Add(time.Hour), "451 try later", false); err != nil {
			return err
		}
		return tx.MarkSending(ctx, third.ID, t0.Add(13*time.Second))
	})
	if got, ok := claim(t0.Add(30 * time.Minute)); ok {
		t.Errorf("claimed %+v: the failed one is not due, the uncertain one is never sent again", got)
	}
	if got, ok := claim(t0.Add(time.Hour)); !ok || got.ID != second.ID || got.Attempts != 1 {
		t.Errorf("retry = %+v %v", got, ok)
	}
	read(t, s, func(tx store.Tx) error {
		all, err := tx.ListNotifications(ctx)
		if err != nil || len(all) != 3 {
			t.Fatalf("outbox = %+v, %v", all, err)
		}
		if all[0].Sent.IsZero() || all[0].Path != "" {
			t.Errorf("a sent notification kept its link: %+v", all[0])
		}
		if all[1].LastError != "451 try later" || all[1].Path == "" {
			t.Errorf("the failed one = %+v", all[1])
		}
		if !all[2].Uncertain || all[2].Path != "" || !all[2].Sent.IsZero() {
			t.Errorf("the one stopped mid-way = %+v", all[2])
		}
		return nil
	})
}
