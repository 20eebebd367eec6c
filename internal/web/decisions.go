package web

import (
	"errors"
	"net/http"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
)

type decisionsView struct {
	page
	List app.DecisionsView
}

func (h *Handler) showDecisions(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	list, err := h.app.Decisions(r.Context(), actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := decisionsView{page: h.page(r, "decisions.title"), List: list}
	v.Subject = list.Person
	h.render(w, r, http.StatusOK, "decisions", v)
}

type decisionView struct {
	page
	PersonID     heard.PersonID
	Decision     app.DecisionView
	New          bool
	Form         app.DecisionInput
	Theirs       *heard.Decision
	Comment      string
	TheirComment *heard.Decision
	// Preference is her correction as she typed it, when it comes back
	// with a problem or a newer version (TheirPreference).
	Preference      string
	TheirPreference *heard.Decision
	DecidedBys      []heard.DecidedBy
	Followeds       []heard.Followed
	ConstraintKinds []heard.ConstraintKind
}

// ConstraintRows gives the form its constraint rows: those filled in and
// two empty ones to add more.
func (v decisionView) ConstraintRows() []heard.Constraint {
	return append(append([]heard.Constraint{}, v.Form.Constraints...), heard.Constraint{}, heard.Constraint{})
}

func (h *Handler) decisionPage(r *http.Request, subject heard.Person) decisionView {
	v := decisionView{page: h.page(r, "decision.title"), PersonID: subject.ID, DecidedBys: heard.DecidedBys, Followeds: heard.Followeds,
		ConstraintKinds: heard.ConstraintKinds}
	v.Subject = subject
	return v
}

func inputOf(d heard.Decision) app.DecisionInput {
	return app.DecisionInput{OnTable: d.OnTable, Options: d.Options, Preference: d.Preference, Outcome: d.Outcome, Constraints: d.Constraints,
		DecidedBy: d.DecidedBy, DecidedByOther: d.DecidedByOther, Followed: d.Followed, NotFollowedReason: d.NotFollowedReason,
		ReviewDate: d.ReviewDate, BaseVersion: d.Version}
}

func decisionInput(r *http.Request) app.DecisionInput {
	in := app.DecisionInput{OnTable: r.PostFormValue("on_table"), Options: r.PostFormValue("options"), Preference: r.PostFormValue("preference"),
		Outcome: r.PostFormValue("outcome"), DecidedBy: heard.DecidedBy(r.PostFormValue("decided_by")), DecidedByOther: r.PostFormValue("decided_by_other"),
		Followed: heard.Followed(r.PostFormValue("followed")), NotFollowedReason: r.PostFormValue("not_followed_reason"),
		ReviewDate: r.PostFormValue("review_date"), BaseVersion: version(r, "version")}
	kinds, texts, setBys := r.PostForm["constraint_kind"], r.PostForm["constraint_text"], r.PostForm["constraint_set_by"]
	for i := range texts {
		if i >= len(kinds) || i >= len(setBys) || (texts[i] == "" && setBys[i] == "") {
			continue
		}
		in.Constraints = append(in.Constraints, heard.Constraint{Kind: heard.ConstraintKind(kinds[i]), Text: texts[i], SetBy: setBys[i]})
	}
	return in
}

func (h *Handler) newDecision(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	list, err := h.app.Decisions(r.Context(), actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !list.CanCreate {
		h.fail(w, r, heard.ErrForbidden)
		return
	}
	v := h.decisionPage(r, list.Person)
	v.New = true
	h.render(w, r, http.StatusOK, "decision", v)
}

func (h *Handler) createDecision(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := decisionInput(r)
	d, err := h.app.CreateDecision(r.Context(), actor(r), id, in)
	if err == nil {
		redirect(w, r, personPath(id, "/decisions/"+string(d.ID)), "notice.saved")
		return
	}
	if heard.ErrorCode(err) != heard.CodeInvalid {
		h.fail(w, r, err)
		return
	}
	list, lerr := h.app.Decisions(r.Context(), actor(r), id)
	if lerr != nil {
		h.fail(w, r, lerr)
		return
	}
	v := h.decisionPage(r, list.Person)
	v.New, v.Form, v.Problems = true, in, problems(v.L, err)
	h.render(w, r, http.StatusUnprocessableEntity, "decision", v)
}

func (h *Handler) decisionDetail(r *http.Request) (decisionView, heard.DecisionID, error) {
	id, did, err := personRecord[heard.DecisionID](r, "decisionID")
	if err != nil {
		return decisionView{}, "", err
	}
	dv, err := h.app.Decision(r.Context(), actor(r), id, did)
	if err != nil {
		return decisionView{}, "", err
	}
	v := h.decisionPage(r, dv.Person)
	v.Decision, v.Form, v.Comment, v.Preference = dv, inputOf(dv.Decision), dv.Decision.PersonComment, dv.Decision.Preference
	return v, did, nil
}

func (h *Handler) showDecision(w http.ResponseWriter, r *http.Request) {
	v, _, err := h.decisionDetail(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "decision", v)
}

func (h *Handler) updateDecision(w http.ResponseWriter, r *http.Request) {
	v, did, err := h.decisionDetail(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := decisionInput(r)
	_, err = h.app.UpdateDecision(r.Context(), actor(r), v.PersonID, did, in)
	var stale *app.Stale[heard.Decision]
	switch {
	case err == nil:
		redirect(w, r, personPath(v.PersonID, "/decisions/"+string(did)), "notice.saved")
	case errors.As(err, &stale):
		v.Form, v.Theirs = in, &stale.Current
		v.Form.BaseVersion = stale.Current.Version
		h.render(w, r, http.StatusConflict, "decision", v)
	case heard.ErrorCode(err) == heard.CodeInvalid:
		v.Form, v.Problems = in, problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "decision", v)
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) commentDecision(w http.ResponseWriter, r *http.Request) {
	v, did, err := h.decisionDetail(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	text := r.PostFormValue("comment")
	_, err = h.app.CommentDecision(r.Context(), actor(r), v.PersonID, did, text, version(r, "comment_version"))
	var stale *app.Stale[heard.Decision]
	switch {
	case err == nil:
		redirect(w, r, personPath(v.PersonID, "/decisions/"+string(did)+"#comment"), "notice.saved")
	case errors.As(err, &stale):
		v.Comment, v.TheirComment = text, &stale.Current
		h.render(w, r, http.StatusConflict, "decision", v)
	case heard.ErrorCode(err) == heard.CodeInvalid:
		v.Comment, v.Problems = text, problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "decision", v)
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) correctPreference(w http.ResponseWriter, r *http.Request) {
	v, did, err := h.decisionDetail(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	text := r.PostFormValue("preference")
	_, err = h.app.CorrectPreference(r.Context(), actor(r), v.PersonID, did, text, version(r, "version"))
	var stale *app.Stale[heard.Decision]
	switch {
	case err == nil:
		redirect(w, r, personPath(v.PersonID, "/decisions/"+string(did)+"#preference"), "notice.saved")
	case errors.As(err, &stale):
		v.Preference, v.TheirPreference = text, &stale.Current
		h.render(w, r, http.StatusConflict, "decision", v)
	case heard.ErrorCode(err) == heard.CodeInvalid:
		v.Preference, v.Problems = text, problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "decision", v)
	default:
		h.fail(w, r, err)
	}
}
