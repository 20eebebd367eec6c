package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
)

type encountersView struct {
	page
	List app.EncountersView
}

func (h *Handler) showEncounters(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	list, err := h.app.Encounters(r.Context(), actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := encountersView{page: h.page(r, "encounters.title"), List: list}
	v.Subject = list.Person
	h.render(w, r, http.StatusOK, "encounters", v)
}

// encounterForm is the professional's form, as filled in.
type encounterForm struct {
	Start         string
	Kind          heard.EncounterKind
	Place         string
	Participants  string
	Invited       bool
	Present       heard.Presence
	AbsenceReason string
	SharedNote    string
	Version       int
}

func (h *Handler) formOf(e heard.Encounter) encounterForm {
	var ps []string
	for _, p := range e.Participants {
		if p.Account == "" {
			ps = append(ps, participantLine(p))
		}
	}
	f := encounterForm{Kind: e.Kind, Place: e.Place, Participants: strings.Join(ps, "\n"), Invited: e.Invited, Present: e.Present,
		AbsenceReason: e.AbsenceReason, SharedNote: e.SharedNote, Version: e.Version}
	if !e.Start.IsZero() {
		f.Start = e.Start.In(h.loc).Format("2006-01-02T15:04")
	}
	return f
}

func participantLine(p heard.Participant) string {
	if p.Role == "" {
		return p.Name
	}
	return p.Name + " (" + p.Role + ")"
}

// parseParticipant reads "Name (role)".
func parseParticipant(line string) heard.Participant {
	if open := strings.LastIndex(line, "("); open > 0 && strings.HasSuffix(line, ")") {
		return heard.Participant{Name: strings.TrimSpace(line[:open]), Role: strings.TrimSpace(line[open+1 : len(line)-1])}
	}
	return heard.Participant{Name: line}
}

type encounterView struct {
	page
	PersonID   heard.PersonID
	Encounter  app.EncounterView
	New        bool
	Form       encounterForm
	Kinds      []heard.EncounterKind
	Presences  []heard.Presence
	Invitees   []heard.Participant
	Invited    []heard.AccountID
	Theirs     *heard.Encounter
	Reflection string
	// TheirReflection is the reflection saved on another device meanwhile.
	TheirReflection *heard.Encounter
	// Voice is the reader's own reflection as typed; TheirVoice the one
	// saved meanwhile elsewhere.
	Voice      string
	TheirVoice *heard.Voice
	ItemText   string
	// Feedback is her feedback form as filled in (saved, or typed when it
	// comes back with a problem).
	Feedback app.FeedbackInput
	// FeedbackSent: the page answers her feedback form.
	FeedbackSent bool
	// LinkMade is a feedback link just made, shown this once.
	LinkMade  string
	LinkUntil time.Time
}

// FeedbackForm is her feedback form on this meeting.
func (v encounterView) FeedbackForm() feedbackForm {
	return feedbackForm{page: v.page, Action: personPath(v.PersonID, "/encounters/"+string(v.Encounter.Encounter.ID)+"/feedback"), Feedback: v.Feedback,
		Sent: v.FeedbackSent}
}

// feedbackInputOf is saved feedback as its form.
func feedbackInputOf(f *heard.Feedback) app.FeedbackInput {
	if f == nil {
		return app.FeedbackInput{}
	}
	return app.FeedbackInput{Answers: f.Answers, Helped: f.Helped, FeltWrong: f.FeltWrong, Share: f.Share, BaseVersion: f.Version}
}

// feedbackInput reads the form: a step per question (anything but a step
// comes back as a problem), the two texts and the sharing choice.
func feedbackInput(r *http.Request) app.FeedbackInput {
	in := app.FeedbackInput{Answers: map[heard.FeedbackQuestion]int{}, Helped: r.PostFormValue("helped"), FeltWrong: r.PostFormValue("felt_wrong"),
		BaseVersion: version(r, "version")}
	for _, q := range heard.FeedbackQuestions {
		if v := r.PostFormValue(string(q)); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				n = -1
			}
			in.Answers[q] = n
		}
	}
	for _, s := range r.PostForm["share"] {
		in.Share = append(in.Share, heard.Share(s))
	}
	return in
}

// dismissFeedback is her "not this time": her home stops asking how the
// meeting was.
func (h *Handler) dismissFeedback(w http.ResponseWriter, r *http.Request) {
	id, eid, err := personRecord[heard.EncounterID](r, "encounterID")
	if err == nil {
		err = h.app.DismissFeedback(r.Context(), actor(r), id, eid)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/home#news", "notice.feedback_dismissed")
}

func (h *Handler) createFeedbackLink(w http.ResponseWriter, r *http.Request) {
	id, eid, v, err := h.encounterDetail(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	link, err := h.app.CreateFeedbackLink(r.Context(), actor(r), id, eid)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// The token is shown on this page only, never in an address or a
	// cookie: it is a key to her feedback.
	v.LinkMade, v.LinkUntil = h.links.To("/f/"+link.Token), link.Expires
	v.Notice, v.NoticeAt = v.T("notice.feedback_link"), "feedback-link"
	h.render(w, r, http.StatusOK, "encounter", v)
}

func (h *Handler) saveFeedback(w http.ResponseWriter, r *http.Request) {
	id, eid, v, err := h.encounterDetail(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := feedbackInput(r)
	_, err = h.app.SaveFeedback(r.Context(), actor(r), id, eid, in)
	var stale *app.Stale[heard.Feedback]
	switch {
	case err == nil:
		redirect(w, r, personPath(id, "/encounters/"+string(eid)+"#feedback"), "notice.saved")
	case errors.As(err, &stale):
		v.Feedback, v.FeedbackSent = feedbackInputOf(&stale.Current), true
		v.Problems = map[string]string{"heard": v.T("feedback.stale")}
		h.render(w, r, http.StatusConflict, "encounter", v)
	case heard.ErrorCode(err) == heard.CodeInvalid:
		v.Feedback, v.Problems, v.FeedbackSent = in, problems(v.L, err), true
		h.render(w, r, http.StatusUnprocessableEntity, "encounter", v)
	default:
		h.fail(w, r, err)
	}
}

// IsInvited reports whether an invitee is ticked on the form.
func (v encounterView) IsInvited(id heard.AccountID) bool { return slices.Contains(v.Invited, id) }

// encounterPage prepares a meeting page; the invitees are read only for
// those who record meetings (records), so that nobody else's visit leaves
// a refusal in her log.
func (h *Handler) encounterPage(r *http.Request, id heard.PersonID, records bool) (encounterView, error) {
	v := encounterView{page: h.page(r, "encounter.title"), PersonID: id, Kinds: heard.EncounterKinds, Presences: heard.Presences}
	if !records {
		return v, nil
	}
	in, err := h.app.MeetingInvitees(r.Context(), actor(r), id)
	v.Invitees, v.Subject = in.Invitees, in.Person
	return v, err
}

func (h *Handler) newEncounter(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	list, err := h.app.Encounters(r.Context(), actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !list.CanCreate {
		h.fail(w, r, heard.ErrForbidden)
		return
	}
	v, err := h.encounterPage(r, id, true)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v.New, v.Form = true, encounterForm{Kind: heard.KindOutpatient, Invited: true, Present: heard.PresenceUnknown}
	h.render(w, r, http.StatusOK, "encounter", v)
}

func (h *Handler) encounterInput(r *http.Request) (app.EncounterInput, encounterForm) {
	f := encounterForm{Start: r.PostFormValue("start"), Kind: heard.EncounterKind(r.PostFormValue("kind")), Place: r.PostFormValue("place"),
		Participants: r.PostFormValue("participants"), Invited: checked(r, "invited"), Present: heard.Presence(r.PostFormValue("present")),
		AbsenceReason: r.PostFormValue("absence_reason"), SharedNote: r.PostFormValue("shared_note"), Version: version(r, "version")}
	in := app.EncounterInput{Start: h.localTime(r, "start"), Kind: f.Kind, Place: f.Place, Invited: f.Invited, Present: f.Present,
		AbsenceReason: f.AbsenceReason, SharedNote: f.SharedNote, BaseVersion: f.Version}
	for _, a := range r.PostForm["invitee"] {
		in.Invitees = append(in.Invitees, heard.AccountID(a))
	}
	for _, l := range lines(f.Participants) {
		in.Participants = append(in.Participants, parseParticipant(l))
	}
	return in, f
}

func (h *Handler) createEncounter(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in, form := h.encounterInput(r)
	e, err := h.app.CreateEncounter(r.Context(), actor(r), id, in)
	if err == nil {
		redirect(w, r, personPath(id, "/encounters/"+string(e.ID)), "notice.saved")
		return
	}
	if heard.ErrorCode(err) != heard.CodeInvalid {
		h.fail(w, r, err)
		return
	}
	v, verr := h.encounterPage(r, id, true)
	if verr != nil {
		h.fail(w, r, verr)
		return
	}
	v.New, v.Form, v.Invited, v.Problems = true, form, in.Invitees, problems(v.L, err)
	h.render(w, r, http.StatusUnprocessableEntity, "encounter", v)
}

func (h *Handler) encounterDetail(r *http.Request) (heard.PersonID, heard.EncounterID, encounterView, error) {
	id, eid, err := personRecord[heard.EncounterID](r, "encounterID")
	if err != nil {
		return id, eid, encounterView{}, err
	}
	ev, err := h.app.Encounter(r.Context(), actor(r), id, eid)
	if err != nil {
		return id, eid, encounterView{}, err
	}
	v, err := h.encounterPage(r, id, ev.CanEdit)
	v.Encounter, v.Form, v.Reflection, v.Subject = ev, h.formOf(ev.Encounter), ev.Encounter.Reflection, ev.Person
	v.Voice = ev.MyVoice.Text
	v.Feedback = feedbackInputOf(ev.MyFeedback)
	for _, p := range ev.Encounter.Participants {
		if p.Account != "" {
			v.Invited = append(v.Invited, p.Account)
		}
	}
	v.Title = v.T("encounter.heading", "Kind", v.V("kind."+string(ev.Encounter.Kind)), "Date", v.L.DateTime(ev.Encounter.Start))
	return id, eid, v, err
}

func (h *Handler) showEncounter(w http.ResponseWriter, r *http.Request) {
	_, _, v, err := h.encounterDetail(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "encounter", v)
}

func (h *Handler) updateEncounter(w http.ResponseWriter, r *http.Request) {
	id, eid, v, err := h.encounterDetail(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in, form := h.encounterInput(r)
	if _, err = h.app.UpdateEncounter(r.Context(), actor(r), id, eid, in); err == nil {
		redirect(w, r, personPath(id, "/encounters/"+string(eid)), "notice.saved")
		return
	}
	v.Form, v.Invited = form, in.Invitees
	var stale *app.Stale[heard.Encounter]
	switch {
	case errors.As(err, &stale):
		v.Theirs, v.Form.Version = &stale.Current, stale.Current.Version
		h.render(w, r, http.StatusConflict, "encounter", v)
	case heard.ErrorCode(err) == heard.CodeInvalid:
		v.Problems = problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "encounter", v)
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) addAgendaItem(w http.ResponseWriter, r *http.Request) {
	id, eid, v, err := h.encounterDetail(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	text := r.PostFormValue("text")
	if _, err := h.app.AddAgendaItem(r.Context(), actor(r), id, eid, text); err != nil {
		if heard.ErrorCode(err) != heard.CodeInvalid {
			h.fail(w, r, err)
			return
		}
		v.ItemText, v.Problems = text, problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "encounter", v)
		return
	}
	redirect(w, r, personPath(id, "/encounters/"+string(eid)+"#agenda"), "notice.saved")
}

func (h *Handler) saveReflection(w http.ResponseWriter, r *http.Request) {
	id, eid, v, err := h.encounterDetail(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	text := r.PostFormValue("reflection")
	_, err = h.app.SaveReflection(r.Context(), actor(r), id, eid, text, version(r, "reflection_version"))
	var stale *app.Stale[heard.Encounter]
	switch {
	case err == nil:
		redirect(w, r, personPath(id, "/encounters/"+string(eid)+"#reflection"), "notice.saved")
	case errors.As(err, &stale):
		v.Reflection, v.TheirReflection = text, &stale.Current
		h.render(w, r, http.StatusConflict, "encounter", v)
	case heard.ErrorCode(err) == heard.CodeInvalid:
		v.Reflection, v.Problems = text, problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "encounter", v)
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) saveVoice(w http.ResponseWriter, r *http.Request) {
	id, eid, v, err := h.encounterDetail(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	text := r.PostFormValue("voice")
	_, err = h.app.SaveVoice(r.Context(), actor(r), id, eid, text, version(r, "voice_version"))
	var stale *app.Stale[heard.Voice]
	switch {
	case err == nil:
		redirect(w, r, personPath(id, "/encounters/"+string(eid)+"#voices"), "notice.saved")
	case errors.As(err, &stale):
		v.Voice, v.TheirVoice = text, &stale.Current
		v.Encounter.MyVoice = stale.Current
		h.render(w, r, http.StatusConflict, "encounter", v)
	case heard.ErrorCode(err) == heard.CodeInvalid:
		v.Voice, v.Problems = text, problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "encounter", v)
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) saveNoteSharing(w http.ResponseWriter, r *http.Request) {
	id, eid, err := personRecord[heard.EncounterID](r, "encounterID")
	if err == nil {
		err = r.ParseForm()
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var members []heard.AccountID
	for _, m := range r.PostForm["member"] {
		members = append(members, heard.AccountID(m))
	}
	if err := h.app.SetNoteSharing(r.Context(), actor(r), id, eid, members); err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, personPath(id, "/encounters/"+string(eid)+"#note-sharing"), "notice.saved")
}

type preparationView struct {
	page
	PersonID  heard.PersonID
	Encounter app.EncounterView
	Fields    []string
	Values    map[string]string
	Version   int
	Theirs    *heard.Preparation
}

func (h *Handler) preparationPage(r *http.Request) (preparationView, error) {
	id, eid, err := personRecord[heard.EncounterID](r, "encounterID")
	if err != nil {
		return preparationView{}, err
	}
	ev, err := h.app.Encounter(r.Context(), actor(r), id, eid)
	if err != nil {
		return preparationView{}, err
	}
	if !ev.SeesNotes {
		return preparationView{}, heard.ErrForbidden
	}
	v := preparationView{page: h.page(r, "preparation.title"), PersonID: id, Encounter: ev, Fields: heard.PreparationFields,
		Values: ev.Preparation.Fields, Version: ev.Preparation.Version}
	v.Subject = ev.Person
	return v, nil
}

func (h *Handler) showPreparation(w http.ResponseWriter, r *http.Request) {
	v, err := h.preparationPage(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "preparation", v)
}

func (h *Handler) savePreparation(w http.ResponseWriter, r *http.Request) {
	v, err := h.preparationPage(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	fields := fieldsOf(r, heard.PreparationFields)
	_, err = h.app.SavePreparation(r.Context(), actor(r), v.PersonID, v.Encounter.Encounter.ID, fields, version(r, "version"))
	var stale *app.Stale[heard.Preparation]
	switch {
	case err == nil:
		redirect(w, r, personPath(v.PersonID, "/encounters/"+string(v.Encounter.Encounter.ID)+"/preparation"), "notice.saved")
	case errors.As(err, &stale):
		v.Values, v.Theirs, v.Version = fields, &stale.Current, stale.Current.Version
		h.render(w, r, http.StatusConflict, "preparation", v)
	case heard.ErrorCode(err) == heard.CodeInvalid:
		v.Values, v.Problems = fields, problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "preparation", v)
	default:
		h.fail(w, r, err)
	}
}
