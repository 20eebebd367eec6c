package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
)

// checkinsView is her check-ins page, or the form to check in. At low
// capacity the form asks one question per screen: each screen posts the
// answers so far, and the last one saves.
type checkinsView struct {
	page
	PersonID heard.PersonID
	CheckIns app.CheckInsView
	// Answers and Better are the form's values; Step is the screen shown
	// at low capacity (0..len(CheckInItems), the last one for the words),
	// or -1 for the whole form on one screen.
	Answers map[heard.CheckInItem]int
	Better  string
	Step    int
}

// Items lists the check-in's questions.
func (v checkinsView) Items() []heard.CheckInItem { return heard.CheckInItems }

// Steps lists the steps of each scale, 0 to CheckInMax.
func (v checkinsView) Steps() []int {
	out := make([]int, heard.CheckInMax+1)
	for i := range out {
		out[i] = i
	}
	return out
}

// Answer is the step chosen for item, or -1.
func (v checkinsView) Answer(item heard.CheckInItem) int {
	if a, ok := v.Answers[item]; ok {
		return a
	}
	return -1
}

// Shows reports whether the screen shown asks item (index i); i equal to
// len(CheckInItems) is the words.
func (v checkinsView) Shows(i int) bool { return v.Step < 0 || v.Step == i }

// Last reports whether the screen shown is the one that saves.
func (v checkinsView) Last() bool { return v.Step < 0 || v.Step == len(heard.CheckInItems) }

// Newest lists her check-ins newest first, for the table.
func (v checkinsView) Newest() []heard.CheckIn {
	out := slices.Clone(v.CheckIns.CheckIns)
	slices.Reverse(out)
	return out
}

// Cell is an answer as the table shows it: its step, or a dash when it
// was left out.
func (v checkinsView) Cell(c heard.CheckIn, item heard.CheckInItem) string {
	if a, ok := c.Answers[item]; ok {
		return strconv.Itoa(a)
	}
	return "–"
}

// Schedules lists the choices of how often.
func (v checkinsView) Schedules() []heard.CheckInSchedule { return heard.CheckInSchedules }

func (h *Handler) checkinsPage(r *http.Request, title string) (checkinsView, error) {
	id, err := personID(r)
	if err != nil {
		return checkinsView{}, err
	}
	cv, err := h.app.CheckIns(r.Context(), actor(r), id)
	if err != nil {
		return checkinsView{}, err
	}
	v := checkinsView{page: h.page(r, title), PersonID: id, CheckIns: cv, Answers: map[heard.CheckInItem]int{}, Step: -1}
	v.Subject = cv.Person.Person
	return v, nil
}

func (h *Handler) showCheckIns(w http.ResponseWriter, r *http.Request) {
	v, err := h.checkinsPage(r, "checkins.title")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "checkins", v)
}

// checkInForm is checkinsPage for the pages of her check-in form, which
// are hers alone: anyone else's look is refused, and in her log.
func (h *Handler) checkInForm(r *http.Request, title string) (checkinsView, error) {
	v, err := h.checkinsPage(r, title)
	if err == nil && !v.CheckIns.CanCheckIn {
		err = h.refuse(r, v.PersonID, heard.ActionCreateCheckIn)
	}
	return v, err
}

func (h *Handler) newCheckIn(w http.ResponseWriter, r *http.Request) {
	v, err := h.checkInForm(r, "checkin.title")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if v.Simple() {
		v.Step = 0
	}
	h.render(w, r, http.StatusOK, "checkin", v)
}

// saveCheckIn saves the check-in, or at low capacity moves between its
// screens ("next" and "back") with the answers so far.
func (h *Handler) saveCheckIn(w http.ResponseWriter, r *http.Request) {
	v, err := h.checkInForm(r, "checkin.title") // not even the next screen of her form for anyone else
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := checkInInput(r)
	v.Answers, v.Better = in.Answers, in.Better
	if step, err := strconv.Atoi(r.PostFormValue("step")); err == nil && step >= 0 && step <= len(heard.CheckInItems) {
		switch r.PostFormValue("go") {
		case "back":
			v.Step = max(step-1, 0)
		case "next":
			v.Step = min(step+1, len(heard.CheckInItems))
		default:
			v.Step = step
		}
		if r.PostFormValue("go") != "" {
			h.render(w, r, http.StatusOK, "checkin", v)
			return
		}
	}
	if _, err := h.app.SaveCheckIn(r.Context(), actor(r), v.PersonID, in); err != nil {
		if heard.ErrorCode(err) != heard.CodeInvalid {
			h.fail(w, r, err)
			return
		}
		v.Problems, v.Step = problems(v.L, err), -1
		if r.PostFormValue("step") != "" {
			v.Step = 0 // one question per screen still, from the first, with the problem
			for i, item := range heard.CheckInItems {
				if _, ok := v.Problems[string(item)]; ok {
					v.Step = i
					break
				}
			}
		}
		h.render(w, r, http.StatusUnprocessableEntity, "checkin", v)
		return
	}
	redirect(w, r, personPath(v.PersonID, "/checkins/saved"), "notice.saved")
}

// checkInInput reads the form: a step per item (anything but a step comes
// back as a problem) and the words.
func checkInInput(r *http.Request) app.CheckInInput {
	in := app.CheckInInput{Answers: map[heard.CheckInItem]int{}, Better: r.PostFormValue("better")}
	for _, item := range heard.CheckInItems {
		if s := r.PostFormValue(string(item)); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				n = -1
			}
			in.Answers[item] = n
		}
	}
	return in
}

// checkInSaved says, after she answers, who sees her answers, that nobody
// watches them as they come in, and where to turn now.
func (h *Handler) checkInSaved(w http.ResponseWriter, r *http.Request) {
	v, err := h.checkInForm(r, "checkin.saved.title")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "checkin_saved", v)
}

func (h *Handler) setCheckInSchedule(w http.ResponseWriter, r *http.Request) {
	v, err := h.checkinsPage(r, "checkins.title")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	err = h.app.SetCheckInSchedule(r.Context(), actor(r), v.PersonID, heard.CheckInSchedule(r.PostFormValue("schedule")))
	switch {
	case err == nil:
		redirect(w, r, personPath(v.PersonID, "/checkins#schedule"), "notice.saved")
	case heard.ErrorCode(err) == heard.CodeInvalid:
		v.Problems = problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "checkins", v)
	default:
		h.fail(w, r, err)
	}
}

// refuse is the refusal of a page that leads to action, logged in her
// access log as a refused attempt.
func (h *Handler) refuse(r *http.Request, id heard.PersonID, action heard.Action) error {
	if err := h.app.Ask(r.Context(), actor(r), id, action); err != nil {
		return err
	}
	return heard.ErrForbidden
}

// stepButtons are the buttons under a form that may ask one question per
// screen: save on the last screen (or the whole form), next before it,
// and back after the first.
type stepButtons struct {
	page
	Last    bool
	Step    int
	SaveKey string
}

// Buttons are the check-in form's buttons.
func (v checkinsView) Buttons(saveKey string) stepButtons {
	return stepButtons{page: v.page, Last: v.Last(), Step: v.Step, SaveKey: saveKey}
}
