package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
)

// threadsView is her threads with her team, and the form to start one.
type threadsView struct {
	page
	Threads app.ThreadsView
	Input   app.NewThread
}

// threadView is one thread and the form to answer in it.
type threadView struct {
	page
	Thread app.ThreadView
	Body   string
}

// inboxView is a professional's messages.
type inboxView struct {
	page
	Inbox app.Inbox
}

// Hours says a unit's reply hours in words: "Mon–Fri 08:00–15:30".
func (p page) Hours(h heard.ReplyHours) string {
	days := slices.Clone(h.Days)
	// The week starts on Monday here: Sunday sorts last.
	slices.SortFunc(days, func(a, b time.Weekday) int { return (int(a)+6)%7 - (int(b)+6)%7 })
	var parts []string
	if len(days) == 7 {
		parts = append(parts, p.T("weekday.all"))
		days = nil
	}
	for i := 0; i < len(days); {
		j := i
		for j+1 < len(days) && (int(days[j])+1)%7 == int(days[j+1]) {
			j++
		}
		name := p.DayName(days[i])
		if j > i+1 {
			name += "–" + p.DayName(days[j])
		} else if j == i+1 {
			name += ", " + p.DayName(days[j])
		}
		parts = append(parts, name)
		i = j + 1
	}
	return p.T("message.hours", "Days", strings.Join(parts, ", "), "From", heard.FormatClock(h.From), "To", heard.FormatClock(h.To))
}

// DayName is a week day's short name.
func (p page) DayName(d time.Weekday) string { return p.T("weekday." + strconv.Itoa(int(d))) }

// notEmergency is the note shown wherever her side writes: messages are not
// for emergencies, and whom each unit says to call instead.
type notEmergency struct {
	page
	Units []heard.Unit
}

// NotEmergency prepares the note for units.
func (p page) NotEmergency(units []heard.Unit) notEmergency {
	return notEmergency{page: p, Units: units}
}

// UnitNote prepares the note for one unit.
func (p page) UnitNote(u heard.Unit) notEmergency {
	return notEmergency{page: p, Units: []heard.Unit{u}}
}

func (h *Handler) showThreads(w http.ResponseWriter, r *http.Request) {
	h.renderThreads(w, r, http.StatusOK, app.NewThread{}, nil)
}

func (h *Handler) renderThreads(w http.ResponseWriter, r *http.Request, status int, in app.NewThread, err error) {
	id, perr := personID(r)
	if perr != nil {
		h.fail(w, r, perr)
		return
	}
	tv, terr := h.app.Threads(r.Context(), actor(r), id)
	if terr != nil {
		h.fail(w, r, terr)
		return
	}
	v := threadsView{page: h.page(r, "messages.title"), Threads: tv, Input: in}
	v.Subject = tv.Person
	if err != nil {
		v.Problems = problems(v.L, err)
	}
	h.render(w, r, status, "threads", v)
}

func (h *Handler) startThread(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := app.NewThread{UnitID: heard.UnitID(r.PostFormValue("unit")), Subject: r.PostFormValue("subject"), Body: normalNewlines(r.PostFormValue("body")),
		ToSharedInbox: r.PostFormValue("shared") == "yes"}
	t, err := h.app.StartThread(r.Context(), actor(r), id, in)
	switch {
	case heard.ErrorCode(err) == heard.CodeInvalid:
		h.renderThreads(w, r, http.StatusUnprocessableEntity, in, err)
	case err != nil:
		h.fail(w, r, err)
	default:
		redirect(w, r, personPath(id, "/threads/"+string(t.ID)+"#messages"), "notice.message_sent")
	}
}

// normalNewlines keeps line breaks as the person wrote them, in one form.
func normalNewlines(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

func (h *Handler) showThread(w http.ResponseWriter, r *http.Request) {
	h.renderThread(w, r, http.StatusOK, "", nil)
}

func (h *Handler) renderThread(w http.ResponseWriter, r *http.Request, status int, body string, err error) {
	id, tid, perr := personRecord[heard.ThreadID](r, "threadID")
	if perr != nil {
		h.fail(w, r, perr)
		return
	}
	tv, terr := h.app.Thread(r.Context(), actor(r), id, tid)
	if terr != nil {
		h.fail(w, r, terr)
		return
	}
	v := threadView{page: h.page(r, "messages.title"), Thread: tv, Body: body}
	v.Title, v.Subject = tv.Thread.Subject, tv.Person
	if err != nil {
		v.Problems = problems(v.L, err)
	}
	h.render(w, r, status, "thread", v)
}

func (h *Handler) reply(w http.ResponseWriter, r *http.Request) {
	id, tid, err := personRecord[heard.ThreadID](r, "threadID")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body := normalNewlines(r.PostFormValue("body"))
	_, err = h.app.Reply(r.Context(), actor(r), id, tid, body)
	switch {
	case heard.ErrorCode(err) == heard.CodeInvalid:
		h.renderThread(w, r, http.StatusUnprocessableEntity, body, err)
	case err != nil:
		h.fail(w, r, err)
	case r.PostFormValue("back") == "inbox":
		// The answer takes it out of the shared inbox, and with it this
		// reader's access: back to the inbox.
		redirect(w, r, "/inbox#shared", "notice.answered_from_shared")
	case actor(r).Role == heard.RoleProfessional:
		redirect(w, r, personPath(id, "/threads/"+string(tid)+"#messages"), "notice.answer_sent")
	default:
		redirect(w, r, personPath(id, "/threads/"+string(tid)+"#messages"), "notice.message_sent")
	}
}

func (h *Handler) showInbox(w http.ResponseWriter, r *http.Request) {
	in, err := h.app.Inbox(r.Context(), actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "inbox", inboxView{page: h.page(r, "inbox.title"), Inbox: in})
}

// inboxList is one list of an inbox, for its partial.
type inboxList struct {
	page
	Items []app.ThreadItem
}

// InboxList prepares a list of the inbox.
func (p page) InboxList(items []app.ThreadItem) inboxList { return inboxList{page: p, Items: items} }
