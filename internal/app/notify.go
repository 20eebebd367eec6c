package app

import (
	"context"
	"slices"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

// notify puts an e-mail in the outbox, in the transaction of the event it
// tells of: it is sent only if the event commits, and once. The e-mail
// holds a link and nothing else (package mail).
func notify(ctx context.Context, tx store.Tx, now time.Time, kind heard.NotificationKind, eventKey, to, lang, path string) error {
	if to == "" {
		return nil
	}
	if lang == "" {
		lang = "en"
	}
	return tx.Enqueue(ctx, heard.Notification{ID: heard.NewID[string](), EventKey: eventKey, Kind: kind, To: to, Lang: lang,
		Path: path, Created: now, NextAt: now})
}

// notifyAccount e-mails an account, in its language.
func notifyAccount(ctx context.Context, tx store.Tx, now time.Time, kind heard.NotificationKind, eventKey string, id heard.AccountID, path string) error {
	if id == "" {
		return nil
	}
	a, err := tx.GetAccount(ctx, id)
	if err != nil {
		return err
	}
	if !a.Active() {
		return nil
	}
	return notify(ctx, tx, now, kind, eventKey+":"+string(id), a.Email, a.Locale, path)
}

// notifyMessage tells the other side of a thread that a message waits:
// her and, in their thread, the network member when the team writes; the
// professionals of her care team at the thread's unit when her side does.
func notifyMessage(ctx context.Context, tx store.Tx, now time.Time, p heard.Person, t heard.Thread, m heard.Message) error {
	var to []heard.AccountID
	if m.FromTeam() {
		to = append(to, p.AccountID)
		// A member she removed, or no longer lets write, hears nothing.
		if t.MemberID != "" {
			ls, err := tx.ListNetworkLinks(ctx, store.NetworkLinkFilter{PersonID: p.ID, MemberID: t.MemberID, CurrentAt: now})
			if err != nil {
				return err
			}
			if len(ls) > 0 && ls[0].Grants(heard.ScopeMessages) {
				to = append(to, t.MemberID)
			}
		}
	} else {
		rels, err := tx.ListCareRelations(ctx, store.CareRelationFilter{PersonID: p.ID, UnitID: t.UnitID, ActiveAt: now})
		if err != nil {
			return err
		}
		for _, r := range rels {
			to = append(to, r.ProfessionalID)
		}
		if m.AuthorID != p.AccountID {
			to = append(to, p.AccountID) // her network wrote: she hears of it too
		}
	}
	path := "/persons/" + string(p.ID) + "/threads/" + string(t.ID)
	var done []heard.AccountID
	for _, id := range to {
		if id == "" || id == m.AuthorID || slices.Contains(done, id) {
			continue
		}
		done = append(done, id)
		if err := notifyAccount(ctx, tx, now, heard.NotifyMessage, "message:"+string(m.ID), id, path); err != nil {
			return err
		}
	}
	return nil
}
