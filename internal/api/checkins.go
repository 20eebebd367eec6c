package api

import (
	"net/http"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
)

type checkInJSON struct {
	ID        string         `json:"id,omitempty"`
	Answers   map[string]int `json:"answers"`
	Better    string         `json:"better"`
	CreatedAt *time.Time     `json:"createdAt,omitempty"`
}

type checkInsJSON struct {
	Schedule   string        `json:"schedule"`
	Due        bool          `json:"due"`
	LastAt     *time.Time    `json:"lastAt,omitempty"`
	CanCheckIn bool          `json:"canCheckIn"`
	CheckIns   []checkInJSON `json:"checkIns"`
}

func checkInOf(c heard.CheckIn) checkInJSON {
	out := checkInJSON{ID: string(c.ID), Answers: map[string]int{}, Better: c.Better, CreatedAt: timePtr(c.Created)}
	for item, v := range c.Answers {
		out.Answers[string(item)] = v
	}
	return out
}

// checkIns answers her check-ins, oldest first, with her schedule.
func (h *Handler) checkIns(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.CheckIns(r.Context(), actor(r), id)
	out := checkInsJSON{Schedule: string(v.Schedule), Due: v.Due, LastAt: timePtr(v.Last), CanCheckIn: v.CanCheckIn, CheckIns: []checkInJSON{}}
	for _, c := range v.CheckIns {
		out.CheckIns = append(out.CheckIns, checkInOf(c))
	}
	h.reply(w, r, http.StatusOK, out, err)
}

func (h *Handler) createCheckIn(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in struct {
		Answers map[string]int `json:"answers"`
		Better  string         `json:"better"`
	}
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	ci := app.CheckInInput{Answers: map[heard.CheckInItem]int{}, Better: in.Better}
	for item, v := range in.Answers {
		ci.Answers[heard.CheckInItem(item)] = v
	}
	c, err := h.app.SaveCheckIn(r.Context(), actor(r), id, ci)
	h.reply(w, r, http.StatusCreated, checkInOf(c), err)
}

func (h *Handler) setCheckInSchedule(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in struct {
		Schedule string `json:"schedule"`
	}
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	err = h.app.SetCheckInSchedule(r.Context(), actor(r), id, heard.CheckInSchedule(in.Schedule))
	h.reply(w, r, http.StatusOK, in, err)
}
