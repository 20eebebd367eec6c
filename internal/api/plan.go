package api

import (
	"net/http"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/request"
)

type planJSON struct {
	Parts          []partJSON       `json:"parts"`
	Goals          []goalJSON       `json:"goals"`
	NewGoals       []suggestionJSON `json:"newGoalSuggestions"`
	CanEdit        bool             `json:"canEdit"`
	CanSuggestGoal bool             `json:"canSuggestGoal"`
}

func (h *Handler) plan(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.Plan(r.Context(), actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := planJSON{Parts: []partJSON{}, Goals: []goalJSON{}, NewGoals: suggestionsOf(v.NewGoals), CanEdit: v.CanEdit, CanSuggestGoal: v.CanSuggestGoal}
	for _, pv := range v.Parts {
		p := partOf(pv.Part)
		p.UpdatedByName, p.CanEdit, p.CanSuggest, p.Suggestions = pv.UpdatedBy.Name, pv.CanEdit, pv.CanSuggest, suggestionsOf(pv.Suggestions)
		out.Parts = append(out.Parts, p)
	}
	for _, gv := range v.Goals {
		out.Goals = append(out.Goals, goalViewOf(gv))
	}
	encode(w, http.StatusOK, out)
}

type partIn struct {
	Fields         map[string]string `json:"fields"`
	Private        bool              `json:"private"`
	Version        int               `json:"version"`
	FromSuggestion string            `json:"fromSuggestion"`
}

// savePart replaces the part's fields as the person wrote them. A save
// from an old version answers 409 "stale" with the part as it stands.
func (h *Handler) savePart(w http.ResponseWriter, r *http.Request) {
	id, key, err := personPart(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in partIn
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.app.SavePlanPart(r.Context(), actor(r), id, app.PartEdit{Key: key, Fields: in.Fields, Private: in.Private, BaseVersion: in.Version,
		FromSuggestion: heard.SuggestionID(in.FromSuggestion)})
	h.replyFields(w, r, inFields, http.StatusOK, partOf(p), err)
}

func (h *Handler) partVersions(w http.ResponseWriter, r *http.Request) {
	id, key, err := personPart(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	vs, err := h.app.PartHistory(r.Context(), actor(r), id, key)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := versionsOf(vs.Versions)
	if out == nil {
		out = []versionJSON{}
	}
	encode(w, http.StatusOK, struct {
		Versions []versionJSON `json:"versions"`
	}{out})
}

type suggestionIn struct {
	Fields map[string]string `json:"fields"`
	Note   string            `json:"note"`
}

func (h *Handler) suggest(w http.ResponseWriter, r *http.Request, in app.SuggestionInput) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var body suggestionIn
	if err := decode(r, &body); err != nil {
		h.fail(w, r, err)
		return
	}
	in.Fields, in.Note = body.Fields, body.Note
	sg, err := h.app.Suggest(r.Context(), actor(r), id, in)
	h.replyFields(w, r, inFields, http.StatusCreated, suggestionsOf([]app.SuggestionView{{Suggestion: sg}})[0], err)
}

func (h *Handler) suggestPart(w http.ResponseWriter, r *http.Request) {
	key, err := request.PathPart(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.suggest(w, r, app.SuggestionInput{Part: key})
}

func (h *Handler) suggestNewGoal(w http.ResponseWriter, r *http.Request) {
	h.suggest(w, r, app.SuggestionInput{})
}

func (h *Handler) suggestGoal(w http.ResponseWriter, r *http.Request) {
	gid, err := request.PathID[heard.GoalID](r, "goalId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.suggest(w, r, app.SuggestionInput{GoalID: gid})
}

type answerIn struct {
	Answer string `json:"answer"`
}

func (h *Handler) resolveSuggestion(w http.ResponseWriter, r *http.Request) {
	id, sid, err := personRecord[heard.SuggestionID](r, "suggestionId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in answerIn
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if in.Answer != "accept" && in.Answer != "decline" {
		h.fail(w, r, heard.Invalid([]heard.Problem{{Field: "answer", Key: "suggestion.answer.invalid"}}))
		return
	}
	h.noContent(w, r, h.app.ResolveSuggestion(r.Context(), actor(r), id, sid, in.Answer == "accept"))
}

func (h *Handler) goals(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.Plan(r.Context(), actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := []goalJSON{}
	for _, gv := range v.Goals {
		out = append(out, goalViewOf(gv))
	}
	encode(w, http.StatusOK, goalsJSON{Goals: out, CanCreate: v.CanEdit})
}

type goalIn struct {
	Wording        string `json:"wording"`
	Chime          string `json:"chime"`
	Steps          string `json:"steps"`
	WhoHelps       string `json:"whoHelps"`
	Status         string `json:"status"`
	Private        bool   `json:"private"`
	Version        int    `json:"version"`
	FromSuggestion string `json:"fromSuggestion"`
}

func (in goalIn) edit() app.GoalEdit {
	return app.GoalEdit{Wording: in.Wording, Chime: heard.ChimeTag(in.Chime), Steps: in.Steps, WhoHelps: in.WhoHelps, Status: heard.GoalStatus(in.Status),
		Private: in.Private, BaseVersion: in.Version, FromSuggestion: heard.SuggestionID(in.FromSuggestion)}
}

func (h *Handler) createGoal(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in goalIn
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	g, err := h.app.CreateGoal(r.Context(), actor(r), id, in.edit())
	h.reply(w, r, http.StatusCreated, goalOf(g), err)
}

func (h *Handler) goal(w http.ResponseWriter, r *http.Request) {
	id, gid, err := personRecord[heard.GoalID](r, "goalId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.Goal(r.Context(), actor(r), id, gid)
	h.reply(w, r, http.StatusOK, goalViewOf(v), err)
}

func (h *Handler) saveGoal(w http.ResponseWriter, r *http.Request) {
	id, gid, err := personRecord[heard.GoalID](r, "goalId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in goalIn
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	g, err := h.app.SaveGoal(r.Context(), actor(r), id, gid, in.edit())
	h.reply(w, r, http.StatusOK, goalOf(g), err)
}

type textIn struct {
	Text    string `json:"text"`
	Version int    `json:"version"`
}

func (h *Handler) addGoalNote(w http.ResponseWriter, r *http.Request) {
	id, gid, err := personRecord[heard.GoalID](r, "goalId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in textIn
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	a := actor(r)
	n, err := h.app.AddGoalNote(r.Context(), a, id, gid, in.Text)
	// The writer is the one asking: the reply says so as a read would.
	h.reply(w, r, http.StatusCreated, noteJSON{ID: string(n.ID), Text: n.Text, AuthorName: a.Name, ByPerson: a.PersonID == id, At: n.At}, err)
}

type goalsJSON struct {
	Goals     []goalJSON `json:"goals"`
	CanCreate bool       `json:"canCreate"`
}
