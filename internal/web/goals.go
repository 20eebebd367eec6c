package web

import (
	"errors"
	"net/http"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
)

type goalView struct {
	page
	PersonID heard.PersonID
	// Goal is empty for a new goal.
	Goal     app.GoalView
	New      bool
	Form     app.GoalEdit
	Suggest  bool
	Theirs   *heard.Goal
	Chimes   []heard.ChimeTag
	Statuses []heard.GoalStatus
	NoteText string
}

func (h *Handler) goalForm(r *http.Request, subject heard.Person) goalView {
	v := goalView{page: h.page(r, "goal.title"), PersonID: subject.ID, Chimes: heard.ChimeTags, Statuses: heard.GoalStatuses}
	v.Subject = subject
	return v
}

func editOf(g heard.Goal) app.GoalEdit {
	return app.GoalEdit{Wording: g.Wording, Steps: g.Steps, WhoHelps: g.WhoHelps, Chime: g.Chime, Status: g.Status, Private: g.Private, BaseVersion: g.Version}
}

func goalEditOf(r *http.Request) app.GoalEdit {
	return app.GoalEdit{Wording: r.PostFormValue("wording"), Steps: r.PostFormValue("steps"), WhoHelps: r.PostFormValue("who_helps"),
		Chime: heard.ChimeTag(r.PostFormValue("chime")), Status: heard.GoalStatus(r.PostFormValue("status")), Private: checked(r, "private"),
		BaseVersion: version(r, "version"), FromSuggestion: heard.SuggestionID(r.PostFormValue("from_suggestion"))}
}

// newGoal shows the person's form for a new goal, or a form to suggest one.
func (h *Handler) newGoal(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	plan, err := h.app.Plan(r.Context(), actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !plan.CanEdit && !plan.CanSuggestGoal {
		h.fail(w, r, heard.ErrForbidden)
		return
	}
	v := h.goalForm(r, plan.Person)
	v.New, v.Suggest, v.Form.Status = true, !plan.CanEdit, heard.GoalActive
	if sid := r.URL.Query().Get("suggestion"); sid != "" && plan.CanEdit {
		sg, err := h.app.Suggestion(r.Context(), actor(r), id, heard.SuggestionID(sid))
		if err != nil {
			h.fail(w, r, err)
			return
		}
		v.Form = editOf(heard.Goal{Status: heard.GoalActive}.WithFields(sg.Fields))
		v.Form.FromSuggestion = sg.ID
	}
	h.render(w, r, http.StatusOK, "goal", v)
}

func (h *Handler) createGoal(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	form := goalEditOf(r)
	g, err := h.app.CreateGoal(r.Context(), actor(r), id, form)
	if err != nil {
		h.goalProblem(w, r, id, err, func(v *goalView) { v.New, v.Form = true, form })
		return
	}
	redirect(w, r, personPath(id, "/goals/"+string(g.ID)), "notice.saved")
}

func (h *Handler) suggestNewGoal(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	form := goalEditOf(r)
	in := app.SuggestionInput{Fields: fieldsOf(r, []string{"wording", "chime", "steps", "who_helps"}), Note: r.PostFormValue("note")}
	if _, err := h.app.Suggest(r.Context(), actor(r), id, in); err != nil {
		h.goalProblem(w, r, id, err, func(v *goalView) { v.New, v.Suggest, v.Form = true, true, form })
		return
	}
	redirect(w, r, personPath(id, "/plan"), "notice.suggested")
}

// goalProblem re-shows a goal form with field problems, or fails.
func (h *Handler) goalProblem(w http.ResponseWriter, r *http.Request, id heard.PersonID, err error, fill func(*goalView)) {
	if heard.ErrorCode(err) != heard.CodeInvalid {
		h.fail(w, r, err)
		return
	}
	plan, perr := h.app.Plan(r.Context(), actor(r), id)
	if perr != nil {
		h.fail(w, r, perr)
		return
	}
	v := h.goalForm(r, plan.Person)
	fill(&v)
	v.Problems = problems(v.L, err)
	h.render(w, r, http.StatusUnprocessableEntity, "goal", v)
}

func (h *Handler) showGoal(w http.ResponseWriter, r *http.Request) {
	id, gid, err := personRecord[heard.GoalID](r, "goalID")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	gv, err := h.app.Goal(r.Context(), actor(r), id, gid)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := h.goalForm(r, gv.Person)
	v.Goal, v.Form, v.Suggest = gv, editOf(gv.Goal), !gv.CanEdit
	if sid := r.URL.Query().Get("suggestion"); sid != "" && gv.CanEdit {
		sg, err := h.app.Suggestion(r.Context(), actor(r), id, heard.SuggestionID(sid))
		if err != nil {
			h.fail(w, r, err)
			return
		}
		v.Form = editOf(gv.Goal.WithFields(sg.Fields))
		v.Form.FromSuggestion = sg.ID
	}
	v.Title = gv.Goal.Wording
	h.render(w, r, http.StatusOK, "goal", v)
}

// saveGoal saves the person's changes; a stale save shows the goal as
// saved by the other editor beside the user's own text.
func (h *Handler) saveGoal(w http.ResponseWriter, r *http.Request) {
	id, gid, err := personRecord[heard.GoalID](r, "goalID")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	form := goalEditOf(r)
	_, err = h.app.SaveGoal(r.Context(), actor(r), id, gid, form)
	var stale *app.Stale[heard.Goal]
	switch {
	case err == nil:
		redirect(w, r, personPath(id, "/goals/"+string(gid)), "notice.saved")
	case errors.As(err, &stale):
		h.reshowGoal(w, r, id, gid, form, func(v *goalView) { v.Theirs, v.Form.BaseVersion = &stale.Current, stale.Current.Version }, http.StatusConflict, nil)
	case heard.ErrorCode(err) == heard.CodeInvalid:
		h.reshowGoal(w, r, id, gid, form, nil, http.StatusUnprocessableEntity, err)
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) reshowGoal(w http.ResponseWriter, r *http.Request, id heard.PersonID, gid heard.GoalID, form app.GoalEdit, fill func(*goalView), status int, problem error) {
	gv, err := h.app.Goal(r.Context(), actor(r), id, gid)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := h.goalForm(r, gv.Person)
	v.Goal, v.Form = gv, form
	v.Title = gv.Goal.Wording
	if fill != nil {
		fill(&v)
	}
	if problem != nil {
		v.Problems = problems(v.L, problem)
	}
	h.render(w, r, status, "goal", v)
}

func (h *Handler) suggestGoal(w http.ResponseWriter, r *http.Request) {
	id, gid, err := personRecord[heard.GoalID](r, "goalID")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	form := goalEditOf(r)
	in := app.SuggestionInput{GoalID: gid, Fields: fieldsOf(r, heard.GoalFields), Note: r.PostFormValue("note")}
	if _, err := h.app.Suggest(r.Context(), actor(r), id, in); err != nil {
		if heard.ErrorCode(err) != heard.CodeInvalid {
			h.fail(w, r, err)
			return
		}
		h.reshowGoal(w, r, id, gid, form, func(v *goalView) { v.Suggest = true }, http.StatusUnprocessableEntity, err)
		return
	}
	redirect(w, r, personPath(id, "/goals/"+string(gid)), "notice.suggested")
}

func (h *Handler) addGoalNote(w http.ResponseWriter, r *http.Request) {
	id, gid, err := personRecord[heard.GoalID](r, "goalID")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	text := r.PostFormValue("text")
	if _, err := h.app.AddGoalNote(r.Context(), actor(r), id, gid, text); err != nil {
		if heard.ErrorCode(err) != heard.CodeInvalid {
			h.fail(w, r, err)
			return
		}
		h.reshowGoal(w, r, id, gid, app.GoalEdit{}, func(v *goalView) { v.Form, v.NoteText = editOf(v.Goal.Goal), text }, http.StatusUnprocessableEntity, err)
		return
	}
	redirect(w, r, personPath(id, "/goals/"+string(gid)+"#notes"), "notice.saved")
}

// Block prepares a goal's suggestion for the partial.
func (v goalView) Block(sv app.SuggestionView) suggestionBlock {
	return suggestionBlock{page: v.page, PersonID: v.PersonID, Item: sv, Resolve: v.Goal.CanEdit, LabelPrefix: "goal.field.",
		EditURL: personPath(v.PersonID, "/goals/"+string(v.Goal.Goal.ID)+"?suggestion="+string(sv.Suggestion.ID))}
}
