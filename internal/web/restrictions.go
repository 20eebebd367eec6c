package web

import (
	"errors"
	"net/http"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
)

type restrictionsView struct {
	page
	List app.RestrictionsView
}

func (h *Handler) showRestrictions(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	list, err := h.app.Restrictions(r.Context(), actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := restrictionsView{page: h.page(r, "restrictions.title"), List: list}
	v.Subject = list.Person
	h.render(w, r, http.StatusOK, "restrictions", v)
}

type restrictionView struct {
	page
	PersonID    heard.PersonID
	Restriction app.RestrictionView
	New         bool
	Form        app.RestrictionInput
	Theirs      *heard.Restriction
	View        string
	TheirView   *heard.Restriction
	Kinds       []heard.RestrictionKind
	LegalBases  []heard.LegalBasis
}

func (h *Handler) restrictionPage(r *http.Request, subject heard.Person) (restrictionView, error) {
	v := restrictionView{page: h.page(r, "restriction.title"), PersonID: subject.ID, Kinds: heard.RestrictionKinds}
	v.Subject = subject
	var err error
	v.LegalBases, err = h.app.LegalBases(r.Context(), actor(r))
	if heard.ErrorCode(err) == heard.CodeForbidden {
		err = nil // the list is for those who record restrictions
	}
	return v, err
}

func restrictionInputOf(x heard.Restriction) app.RestrictionInput {
	return app.RestrictionInput{Kind: x.Kind, Description: x.Description, LegalBasisID: x.LegalBasisID, LegalBasis: x.LegalBasis,
		Start: x.Start, ReviewDate: x.ReviewDate, End: x.End, BaseVersion: x.Version}
}

func restrictionInput(r *http.Request) app.RestrictionInput {
	return app.RestrictionInput{Kind: heard.RestrictionKind(r.PostFormValue("kind")), Description: r.PostFormValue("description"),
		LegalBasisID: heard.LegalBasisID(r.PostFormValue("legal_basis_id")), LegalBasis: r.PostFormValue("legal_basis"),
		Start: r.PostFormValue("start"), ReviewDate: r.PostFormValue("review_date"), End: r.PostFormValue("end"), BaseVersion: version(r, "version")}
}

func (h *Handler) newRestriction(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	list, err := h.app.Restrictions(r.Context(), actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !list.CanCreate {
		h.fail(w, r, heard.ErrForbidden)
		return
	}
	v, err := h.restrictionPage(r, list.Person)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v.New = true
	h.render(w, r, http.StatusOK, "restriction", v)
}

func (h *Handler) createRestriction(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := restrictionInput(r)
	x, err := h.app.CreateRestriction(r.Context(), actor(r), id, in)
	if err == nil {
		redirect(w, r, personPath(id, "/restrictions/"+string(x.ID)), "notice.saved")
		return
	}
	if heard.ErrorCode(err) != heard.CodeInvalid {
		h.fail(w, r, err)
		return
	}
	list, lerr := h.app.Restrictions(r.Context(), actor(r), id)
	if lerr != nil {
		h.fail(w, r, lerr)
		return
	}
	v, verr := h.restrictionPage(r, list.Person)
	if verr != nil {
		h.fail(w, r, verr)
		return
	}
	v.New, v.Form, v.Problems = true, in, problems(v.L, err)
	h.render(w, r, http.StatusUnprocessableEntity, "restriction", v)
}

func (h *Handler) restrictionDetail(r *http.Request) (restrictionView, heard.RestrictionID, error) {
	id, rid, err := personRecord[heard.RestrictionID](r, "restrictionID")
	if err != nil {
		return restrictionView{}, "", err
	}
	rv, err := h.app.Restriction(r.Context(), actor(r), id, rid)
	if err != nil {
		return restrictionView{}, "", err
	}
	v, err := h.restrictionPage(r, rv.Person)
	v.Restriction, v.Form, v.View = rv, restrictionInputOf(rv.Restriction), rv.Restriction.PersonView
	return v, rid, err
}

func (h *Handler) showRestriction(w http.ResponseWriter, r *http.Request) {
	v, _, err := h.restrictionDetail(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "restriction", v)
}

func (h *Handler) updateRestriction(w http.ResponseWriter, r *http.Request) {
	v, rid, err := h.restrictionDetail(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := restrictionInput(r)
	_, err = h.app.UpdateRestriction(r.Context(), actor(r), v.PersonID, rid, in)
	var stale *app.Stale[heard.Restriction]
	switch {
	case err == nil:
		redirect(w, r, personPath(v.PersonID, "/restrictions/"+string(rid)), "notice.saved")
	case errors.As(err, &stale):
		v.Form, v.Theirs = in, &stale.Current
		v.Form.BaseVersion = stale.Current.Version
		h.render(w, r, http.StatusConflict, "restriction", v)
	case heard.ErrorCode(err) == heard.CodeInvalid:
		v.Form, v.Problems = in, problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "restriction", v)
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) saveRestrictionView(w http.ResponseWriter, r *http.Request) {
	v, rid, err := h.restrictionDetail(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	text := r.PostFormValue("view")
	_, err = h.app.SetRestrictionView(r.Context(), actor(r), v.PersonID, rid, text, version(r, "view_version"))
	var stale *app.Stale[heard.Restriction]
	switch {
	case err == nil:
		redirect(w, r, personPath(v.PersonID, "/restrictions/"+string(rid)+"#view"), "notice.saved")
	case errors.As(err, &stale):
		v.View, v.TheirView = text, &stale.Current
		h.render(w, r, http.StatusConflict, "restriction", v)
	case heard.ErrorCode(err) == heard.CodeInvalid:
		v.View, v.Problems = text, problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "restriction", v)
	default:
		h.fail(w, r, err)
	}
}

type legalBasesView struct {
	page
	Bases []heard.LegalBasis
	Name  string
}

func (h *Handler) showLegalBases(w http.ResponseWriter, r *http.Request) {
	bases, err := h.app.ManageLegalBases(r.Context(), actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin_legal_bases", legalBasesView{page: h.page(r, "admin.legal_bases.title"), Bases: bases})
}

func (h *Handler) createLegalBasis(w http.ResponseWriter, r *http.Request) {
	name := r.PostFormValue("name")
	if _, err := h.app.CreateLegalBasis(r.Context(), actor(r), name); err != nil {
		if heard.ErrorCode(err) != heard.CodeInvalid {
			h.fail(w, r, err)
			return
		}
		bases, berr := h.app.ManageLegalBases(r.Context(), actor(r))
		if berr != nil {
			h.fail(w, r, berr)
			return
		}
		v := legalBasesView{page: h.page(r, "admin.legal_bases.title"), Bases: bases, Name: name}
		v.Problems = problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "admin_legal_bases", v)
		return
	}
	redirect(w, r, "/admin/legal-bases", "notice.saved")
}
