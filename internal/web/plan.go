package web

import (
	"errors"
	"maps"
	"net/http"
	"slices"
	"strconv"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
)

type planView struct {
	page
	Plan app.PlanView
	// Simple is the plain-language view for a person at low capacity.
	Simple bool
}

func (h *Handler) showPlan(w http.ResponseWriter, r *http.Request) {
	h.renderPlan(w, r, "plan", "plan.title")
}

func (h *Handler) printPlan(w http.ResponseWriter, r *http.Request) {
	h.renderPlan(w, r, "plan_print", "plan.print.title")
}

func (h *Handler) renderPlan(w http.ResponseWriter, r *http.Request, tmpl, title string) {
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
	v := planView{page: h.page(r, title), Plan: plan, Simple: plan.CanEdit && plan.Person.Capacity == heard.CapacityLow}
	v.Subject = plan.Person
	v.Title = v.V(title)
	h.render(w, r, http.StatusOK, tmpl, v)
}

type partView struct {
	page
	PersonID heard.PersonID
	Key      heard.PlanPartKey
	Fields   []string
	// Values fill the form: the saved text, a suggestion being edited, or
	// what the user wrote when their save was stale.
	Values      map[string]string
	Private     bool
	BaseVersion int
	// Suggest: the form suggests rather than saves.
	Suggest        bool
	FromSuggestion heard.SuggestionID
	// Theirs is the version saved by someone else while the user wrote.
	Theirs *heard.PlanPart
	// Question, when not negative, asks one field at a time (low capacity).
	Question int
	Note     string
}

// Shown returns the fields the form shows: all, or the one question.
func (v partView) Shown() []string {
	if v.Question >= 0 && v.Question < len(v.Fields) {
		return v.Fields[v.Question : v.Question+1]
	}
	return v.Fields
}

// Next is where the one-question flow goes after this question: the next
// field, the first field of the next part, or back to the plan.
func (v partView) Next() string { return nextQuestion(v.PersonID, v.Key, v.Question) }

func nextQuestion(id heard.PersonID, key heard.PlanPartKey, q int) string {
	if q+1 < len(heard.PlanFields[key]) {
		return personPath(id, "/plan/"+string(key)+"?q="+strconv.Itoa(q+1))
	}
	if i := slices.Index(heard.PlanParts, key); i+1 < len(heard.PlanParts) {
		return personPath(id, "/plan/"+string(heard.PlanParts[i+1])+"?q=0")
	}
	return personPath(id, "/plan")
}

// editPart shows the person's edit form, or a suggestion form to others.
func (h *Handler) editPart(w http.ResponseWriter, r *http.Request) {
	id, key, err := personPart(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	plan, err := h.app.Plan(r.Context(), actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pv, ok := plan.Part(key)
	if !ok || (!pv.CanEdit && !pv.CanSuggest) {
		h.fail(w, r, heard.ErrForbidden)
		return
	}
	v := partView{page: h.page(r, "plan.part."+string(key)), PersonID: id, Key: key, Fields: heard.PlanFields[key], Values: pv.Part.Fields,
		Private: pv.Part.Private, BaseVersion: pv.Part.Version, Suggest: !pv.CanEdit, Question: -1}
	v.Subject = plan.Person
	if v.Suggest {
		v.Title = v.T("plan.suggest.title", "Part", v.V("plan.part."+string(key)))
	}
	if sid := r.URL.Query().Get("suggestion"); sid != "" && pv.CanEdit {
		sg, err := h.app.Suggestion(r.Context(), actor(r), id, heard.SuggestionID(sid))
		if err != nil {
			h.fail(w, r, err)
			return
		}
		values := map[string]string{}
		maps.Copy(values, pv.Part.Fields)
		maps.Copy(values, sg.Fields)
		v.Values, v.FromSuggestion = values, sg.ID
	}
	if q, err := strconv.Atoi(r.URL.Query().Get("q")); err == nil && pv.CanEdit && q >= 0 && q < len(v.Fields) {
		v.Question = q
	}
	h.render(w, r, http.StatusOK, "plan_part", v)
}

// savePart saves the person's words. A save against a stale version shows
// the other version beside the user's own text, which the form keeps.
func (h *Handler) savePart(w http.ResponseWriter, r *http.Request) {
	id, key, err := personPart(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	fields := heard.PlanFields[key]
	edit := app.PartEdit{Key: key, Fields: fieldsOf(r, fields), Private: checked(r, "private"), BaseVersion: version(r, "version"),
		FromSuggestion: heard.SuggestionID(r.PostFormValue("from_suggestion"))}
	question := -1
	if q, err := strconv.Atoi(r.PostFormValue("q")); err == nil && q >= 0 && q < len(fields) {
		question, edit.Only = q, fields[q:q+1]
	}
	saved, err := h.app.SavePlanPart(r.Context(), actor(r), id, edit)
	if err == nil {
		if question >= 0 {
			redirect(w, r, nextQuestion(id, key, question), "notice.saved")
			return
		}
		redirect(w, r, personPath(id, "/plan#part-"+string(saved.Key)), "notice.saved")
		return
	}
	v := partView{page: h.page(r, "plan.part."+string(key)), PersonID: id, Key: key, Fields: fields, Values: edit.Fields,
		Private: edit.Private, BaseVersion: edit.BaseVersion, FromSuggestion: edit.FromSuggestion, Question: question}
	v.Subject = heard.Person{ID: id} // only she writes her plan, so the form speaks to her
	var stale *app.Stale[heard.PlanPart]
	switch {
	case errors.As(err, &stale):
		v.Theirs, v.BaseVersion = &stale.Current, stale.Current.Version
		h.render(w, r, http.StatusConflict, "plan_part", v)
	case heard.ErrorCode(err) == heard.CodeInvalid:
		v.Problems = problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "plan_part", v)
	default:
		h.fail(w, r, err)
	}
}

// suggestPart records a suggestion; the plan does not change.
func (h *Handler) suggestPart(w http.ResponseWriter, r *http.Request) {
	id, key, err := personPart(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := app.SuggestionInput{Part: key, Fields: fieldsOf(r, heard.PlanFields[key]), Note: r.PostFormValue("note")}
	if _, err := h.app.Suggest(r.Context(), actor(r), id, in); err != nil {
		if heard.ErrorCode(err) != heard.CodeInvalid {
			h.fail(w, r, err)
			return
		}
		plan, perr := h.app.Plan(r.Context(), actor(r), id)
		if perr != nil {
			h.fail(w, r, perr)
			return
		}
		v := partView{page: h.page(r, "plan.part."+string(key)), PersonID: id, Key: key, Fields: heard.PlanFields[key], Values: in.Fields,
			Suggest: true, Question: -1, Note: in.Note}
		v.Subject = plan.Person
		v.Title, v.Problems = v.T("plan.suggest.title", "Part", v.V("plan.part."+string(key))), problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "plan_part", v)
		return
	}
	redirect(w, r, personPath(id, "/plan"), "notice.suggested")
}

type historyView struct {
	page
	PersonID heard.PersonID
	Key      heard.PlanPartKey
	Fields   []string
	Versions []app.VersionView
}

func (h *Handler) showPartHistory(w http.ResponseWriter, r *http.Request) {
	id, key, err := personPart(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	history, err := h.app.PartHistory(r.Context(), actor(r), id, key)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := historyView{page: h.page(r, "plan.history.title"), PersonID: id, Key: key, Fields: heard.PlanFields[key], Versions: history.Versions}
	v.Subject = history.Person
	v.Title = v.T("plan.history.of", "Part", v.V("plan.part."+string(key)))
	h.render(w, r, http.StatusOK, "plan_history", v)
}

// resolveSuggestion accepts or declines; "edit" goes to the form with the
// suggestion filled in.
func (h *Handler) resolveSuggestion(w http.ResponseWriter, r *http.Request) {
	id, sid, err := personRecord[heard.SuggestionID](r, "suggestionID")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	answer := r.PostFormValue("answer")
	if !slices.Contains([]string{"accept", "decline"}, answer) {
		h.fail(w, r, heard.Invalid([]heard.Problem{{Field: "answer", Key: "error.invalid"}}))
		return
	}
	if err := h.app.ResolveSuggestion(r.Context(), actor(r), id, sid, answer == "accept"); err != nil {
		h.fail(w, r, err)
		return
	}
	notice := "notice.declined"
	if answer == "accept" {
		notice = "notice.accepted"
	}
	redirect(w, r, personPath(id, "/plan"), notice)
}

// suggestionBlock is what the suggestion partial shows: one suggestion,
// and for the person the buttons to accept, edit or decline it.
type suggestionBlock struct {
	page
	PersonID    heard.PersonID
	Item        app.SuggestionView
	Resolve     bool
	LabelPrefix string
	EditURL     string
}

// suggestionRow is one suggested field, in words.
type suggestionRow struct{ Label, Text string }

// Rows are the suggested fields in form order, labelled, with a CHIME tag
// in words rather than its code.
func (b suggestionBlock) Rows() []suggestionRow {
	order := heard.GoalFields
	if b.Item.Suggestion.Part != "" {
		order = heard.PlanFields[b.Item.Suggestion.Part]
	}
	var rows []suggestionRow
	for _, name := range order {
		text, ok := b.Item.Suggestion.Fields[name]
		if !ok {
			continue
		}
		if name == "chime" && text != "" {
			text = b.V("chime." + text)
		}
		rows = append(rows, suggestionRow{Label: b.V(b.LabelPrefix + name), Text: text})
	}
	return rows
}

// Block prepares a part's suggestion for the partial.
func (v planView) Block(sv app.SuggestionView) suggestionBlock {
	return suggestionBlock{page: v.page, PersonID: v.Plan.Person.ID, Item: sv, Resolve: v.Plan.CanEdit, LabelPrefix: "plan.field.",
		EditURL: personPath(v.Plan.Person.ID, "/plan/"+string(sv.Suggestion.Part)+"?suggestion="+string(sv.Suggestion.ID))}
}

// GoalBlock prepares a suggested new goal for the partial.
func (v planView) GoalBlock(sv app.SuggestionView) suggestionBlock {
	return suggestionBlock{page: v.page, PersonID: v.Plan.Person.ID, Item: sv, Resolve: v.Plan.CanEdit, LabelPrefix: "goal.field.",
		EditURL: personPath(v.Plan.Person.ID, "/goals/new?suggestion="+string(sv.Suggestion.ID))}
}
