package web

import (
	"net/http"
	"slices"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/request"
)

// feedbackForm is the feedback form: on a meeting's page, and on the page
// of a feedback link.
type feedbackForm struct {
	page
	Action   string
	Feedback app.FeedbackInput
	// Sent: the page answers this form, so its problems are listed on it.
	Sent bool
}

// Questions are the feedback questions, in order.
func (f feedbackForm) Questions() []heard.FeedbackQuestion { return heard.FeedbackQuestions }

// Steps are a question's answers, 1 to heard.FeedbackScale.
func (f feedbackForm) Steps() []int {
	steps := make([]int, heard.FeedbackScale)
	for i := range steps {
		steps[i] = i + 1
	}
	return steps
}

// Answer is the step chosen for q on the form, 0 when none.
func (f feedbackForm) Answer(q heard.FeedbackQuestion) int { return f.Feedback.Answers[q] }

// Shares reports whether the form shares with s.
func (f feedbackForm) Shares(s heard.Share) bool { return slices.Contains(f.Feedback.Share, s) }

// feedbackLinkView is the page of a feedback link: no name, no menu, only
// "a meeting on" its day, and the form.
type feedbackLinkView struct {
	page
	Day  time.Time
	Form feedbackForm
	Done bool
}

func (h *Handler) feedbackLinkPage(r *http.Request) feedbackLinkView {
	v := feedbackLinkView{page: h.page(r, "feedback_link.title")}
	v.Crisis = true
	v.Form = feedbackForm{page: v.page, Action: r.URL.Path, Feedback: app.FeedbackInput{Answers: map[heard.FeedbackQuestion]int{}}}
	return v
}

// showFeedbackLink answers every link it cannot use (used, expired,
// unknown) with the same calm page, so nobody learns which it was.
func (h *Handler) showFeedbackLink(w http.ResponseWriter, r *http.Request) {
	v := h.feedbackLinkPage(r)
	rq := request.From(r.Context())
	link, err := h.app.OpenFeedbackLink(r.Context(), r.PathValue("token"), rq.ClientAddr, rq.ID)
	switch {
	case heard.ErrorCode(err) == heard.CodeNotFound:
		h.render(w, r, http.StatusNotFound, "feedback_link_gone", v)
	case err != nil:
		h.fail(w, r, err)
	default:
		v.Day = link.Day
		h.render(w, r, http.StatusOK, "feedback_link", v)
	}
}

func (h *Handler) giveFeedbackByLink(w http.ResponseWriter, r *http.Request) {
	v := h.feedbackLinkPage(r)
	rq := request.From(r.Context())
	link, err := h.app.OpenFeedbackLink(r.Context(), r.PathValue("token"), rq.ClientAddr, rq.ID)
	if heard.ErrorCode(err) == heard.CodeNotFound {
		h.render(w, r, http.StatusNotFound, "feedback_link_gone", v)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v.Day = link.Day
	in := feedbackInput(r)
	err = h.app.GiveFeedbackByLink(r.Context(), r.PathValue("token"), rq.ClientAddr, rq.ID, in)
	switch {
	case err == nil:
		v.Done, v.Notice = true, v.T("feedback_link.thanks")
		h.render(w, r, http.StatusOK, "feedback_link", v)
	case heard.ErrorCode(err) == heard.CodeNotFound:
		h.render(w, r, http.StatusNotFound, "feedback_link_gone", v)
	case heard.ErrorCode(err) == heard.CodeInvalid:
		v.Form.Feedback, v.Problems = in, problems(v.L, err)
		v.Form.page.Problems, v.Form.Sent = v.Problems, true
		h.render(w, r, http.StatusUnprocessableEntity, "feedback_link", v)
	default:
		h.fail(w, r, err)
	}
}
