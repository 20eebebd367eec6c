package api

import (
	"net/http"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/request"
)

type replyHoursJSON struct {
	Days                 []int  `json:"days"`
	From                 string `json:"from"`
	To                   string `json:"to"`
	EscalateAfterMinutes int    `json:"escalateAfterMinutes"`
}

type unitJSON struct {
	ID         string         `json:"id"`
	Name       string         `json:"name"`
	ReplyHours replyHoursJSON `json:"replyHours"`
	CrisisNote string         `json:"crisisNote"`
}

func unitOf(u heard.Unit) unitJSON {
	h := replyHoursJSON{Days: []int{}, From: heard.FormatClock(u.ReplyHours.From), To: heard.FormatClock(u.ReplyHours.To),
		EscalateAfterMinutes: u.ReplyHours.EscalateAfter}
	for _, d := range u.ReplyHours.Days {
		h.Days = append(h.Days, int(d))
	}
	return unitJSON{ID: string(u.ID), Name: u.Name, ReplyHours: h, CrisisNote: u.CrisisNote}
}

type threadJSON struct {
	ID           string     `json:"id"`
	PersonID     string     `json:"personId"`
	PersonName   string     `json:"personName,omitempty"`
	Subject      string     `json:"subject"`
	UnitID       string     `json:"unitId"`
	UnitName     string     `json:"unitName,omitempty"`
	MemberName   string     `json:"memberName,omitempty"`
	CreatedAt    time.Time  `json:"createdAt"`
	LastAt       time.Time  `json:"lastAt"`
	Unread       int        `json:"unread"`
	OldestUnread *time.Time `json:"oldestUnreadAt,omitempty"`
	Unanswered   int        `json:"unanswered"`
	Waiting      bool       `json:"waiting"`
}

func threadItemOf(t app.ThreadItem) threadJSON {
	return threadJSON{ID: string(t.Thread.ID), PersonID: string(t.Thread.PersonID), PersonName: t.PersonName, Subject: t.Thread.Subject,
		UnitID: string(t.Thread.UnitID), UnitName: t.UnitName, MemberName: t.MemberName, CreatedAt: t.Thread.Created, LastAt: t.Thread.LastAt,
		Unread: t.Unread, OldestUnread: timePtr(t.OldestUnread), Unanswered: t.Unanswered, Waiting: t.Waiting}
}

func threadItems(ts []app.ThreadItem) []threadJSON {
	out := []threadJSON{}
	for _, t := range ts {
		out = append(out, threadItemOf(t))
	}
	return out
}

type messageJSON struct {
	ID           string     `json:"id"`
	Author       string     `json:"author,omitempty"`
	AuthorRole   string     `json:"authorRole"`
	Mine         bool       `json:"mine"`
	Body         string     `json:"body"`
	SentAt       time.Time  `json:"sentAt"`
	FirstReadAt  *time.Time `json:"firstReadAt,omitempty"`
	FirstReplied *time.Time `json:"firstRepliedAt,omitempty"`
}

// threads answers her threads as the caller may see them.
func (h *Handler) threads(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.Threads(r.Context(), actor(r), id)
	units := []unitJSON{}
	for _, u := range v.Units {
		units = append(units, unitOf(u))
	}
	h.reply(w, r, http.StatusOK, struct {
		Threads  []threadJSON `json:"threads"`
		Units    []unitJSON   `json:"units"`
		CanStart bool         `json:"canStart"`
	}{threadItems(v.Threads), units, v.CanStart}, err)
}

// startThread starts a thread with her team at one of its units.
func (h *Handler) startThread(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in struct {
		UnitID        string `json:"unitId"`
		Subject       string `json:"subject"`
		Body          string `json:"body"`
		ToSharedInbox bool   `json:"toSharedInbox"`
	}
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	t, err := h.app.StartThread(r.Context(), actor(r), id, app.NewThread{UnitID: heard.UnitID(in.UnitID), Subject: in.Subject, Body: in.Body,
		ToSharedInbox: in.ToSharedInbox})
	h.reply(w, r, http.StatusCreated, threadJSON{ID: string(t.ID), PersonID: string(t.PersonID), Subject: t.Subject, UnitID: string(t.UnitID),
		CreatedAt: t.Created, LastAt: t.LastAt}, err)
}

// messages answers one thread with its messages. A professional's call
// is their first read of what her side wrote, as on the page.
func (h *Handler) messages(w http.ResponseWriter, r *http.Request) {
	id, tid, err := personThread(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.Thread(r.Context(), actor(r), id, tid)
	msgs := []messageJSON{}
	for _, m := range v.Messages {
		msgs = append(msgs, messageJSON{ID: string(m.Message.ID), Author: m.Author.Name, AuthorRole: string(m.Message.AuthorRole), Mine: m.Mine,
			Body: m.Message.Body, SentAt: m.Message.Sent, FirstReadAt: timePtr(m.Message.FirstRead), FirstReplied: timePtr(m.Message.FirstReplied)})
	}
	h.reply(w, r, http.StatusOK, struct {
		Thread   threadJSON    `json:"thread"`
		Unit     unitJSON      `json:"unit"`
		Messages []messageJSON `json:"messages"`
		Waiting  bool          `json:"waiting"`
		CanWrite bool          `json:"canWrite"`
	}{threadJSON{ID: string(v.Thread.ID), PersonID: string(v.Thread.PersonID), Subject: v.Thread.Subject, UnitID: string(v.Thread.UnitID),
		UnitName: v.Unit.Name, MemberName: v.MemberName, CreatedAt: v.Thread.Created, LastAt: v.Thread.LastAt, Waiting: v.Waiting},
		unitOf(v.Unit), msgs, v.Waiting, v.CanWrite}, err)
}

// writeMessage adds a message to a thread.
func (h *Handler) writeMessage(w http.ResponseWriter, r *http.Request) {
	id, tid, err := personThread(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in struct {
		Body string `json:"body"`
	}
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	m, err := h.app.Reply(r.Context(), actor(r), id, tid, in.Body)
	h.reply(w, r, http.StatusCreated, messageJSON{ID: string(m.ID), AuthorRole: string(m.AuthorRole), Mine: true, Body: m.Body, SentAt: m.Sent}, err)
}

// inbox answers a professional's threads and their units' shared inbox.
func (h *Handler) inbox(w http.ResponseWriter, r *http.Request) {
	in, err := h.app.Inbox(r.Context(), actor(r))
	h.reply(w, r, http.StatusOK, struct {
		Threads []threadJSON `json:"threads"`
		Shared  []threadJSON `json:"shared"`
	}{threadItems(in.Threads), threadItems(in.Shared)}, err)
}

// personThread reads the person's and the thread's IDs from the path.
func personThread(r *http.Request) (heard.PersonID, heard.ThreadID, error) {
	id, err := personID(r)
	if err != nil {
		return "", "", err
	}
	tid, err := request.PathID[heard.ThreadID](r, "threadId")
	return id, tid, err
}
