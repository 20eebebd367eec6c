package api

import (
	"net/http"
	"slices"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
)

// asText names the one text field of a person's reflection, comment or
// view as the API does: "text".
func asText(string) string { return "text" }

func (h *Handler) encounters(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.Encounters(r.Context(), actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	list := func(es []heard.Encounter) []encounterJSON {
		out := []encounterJSON{}
		for _, e := range es {
			out = append(out, encounterOf(e))
		}
		return out
	}
	encode(w, http.StatusOK, encountersJSON{Upcoming: list(v.Upcoming), Past: list(v.Past), WithoutPerson: list(v.WithoutPerson), CanCreate: v.CanCreate})
}

type encounterIn struct {
	Start         time.Time         `json:"start"`
	Kind          string            `json:"kind"`
	Place         string            `json:"place"`
	Participants  []participantJSON `json:"participants"`
	Invitees      []string          `json:"invitees"`
	Invited       bool              `json:"invited"`
	Present       string            `json:"present"`
	AbsenceReason string            `json:"absenceReason"`
	SharedNote    string            `json:"sharedNote"`
	Version       int               `json:"version"`
}

func (in encounterIn) input() app.EncounterInput {
	out := app.EncounterInput{Start: in.Start, Kind: heard.EncounterKind(in.Kind), Place: in.Place, Invited: in.Invited, Present: heard.Presence(in.Present),
		AbsenceReason: in.AbsenceReason, SharedNote: in.SharedNote, BaseVersion: in.Version}
	for _, p := range in.Participants {
		out.Participants = append(out.Participants, heard.Participant{Name: p.Name, Role: p.Role})
	}
	for _, a := range in.Invitees {
		out.Invitees = append(out.Invitees, heard.AccountID(a))
	}
	return out
}

func (h *Handler) createEncounter(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in encounterIn
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.app.CreateEncounter(r.Context(), actor(r), id, in.input())
	h.reply(w, r, http.StatusCreated, encounterOf(e), err)
}

func (h *Handler) encounter(w http.ResponseWriter, r *http.Request) {
	id, eid, err := personRecord[heard.EncounterID](r, "encounterId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.Encounter(r.Context(), actor(r), id, eid)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := encounterOf(v.Encounter)
	out.Agenda = []agendaJSON{}
	for _, a := range v.Agenda {
		out.Agenda = append(out.Agenda, agendaJSON{ID: string(a.Item.ID), Text: a.Item.Text, AuthorName: a.Author.Name, ByPerson: a.ByPerson, CreatedAt: a.Item.Created})
	}
	if v.SeesNotes {
		out.Preparation = preparationOf(v.Preparation)
	}
	out.Voices, out.MyVoiceVersion = []voiceJSON{}, v.MyVoice.Version
	for _, x := range v.Voices {
		out.Voices = append(out.Voices, voiceJSON{AuthorName: x.Author.Name, Text: x.Text, UpdatedAt: x.Updated})
	}
	encode(w, http.StatusOK, out)
}

// saveVoice saves the caller's own reflection on a meeting they took part
// in: a professional of her team, or a network member.
func (h *Handler) saveVoice(w http.ResponseWriter, r *http.Request) {
	id, eid, err := personRecord[heard.EncounterID](r, "encounterId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in textIn
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.SaveVoice(r.Context(), actor(r), id, eid, in.Text, in.Version)
	h.replyFields(w, r, asText, http.StatusOK, voiceOf(v), err)
}

// saveNoteSharing is her choice of who of her network sees a meeting's
// shared note.
func (h *Handler) saveNoteSharing(w http.ResponseWriter, r *http.Request) {
	id, eid, err := personRecord[heard.EncounterID](r, "encounterId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in struct {
		Members []string `json:"members"`
	}
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	var members []heard.AccountID
	for _, m := range in.Members {
		members = append(members, heard.AccountID(m))
	}
	h.noContent(w, r, h.app.SetNoteSharing(r.Context(), actor(r), id, eid, members))
}

func (h *Handler) updateEncounter(w http.ResponseWriter, r *http.Request) {
	id, eid, err := personRecord[heard.EncounterID](r, "encounterId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in encounterIn
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.app.UpdateEncounter(r.Context(), actor(r), id, eid, in.input())
	h.reply(w, r, http.StatusOK, encounterOf(e), err)
}

func (h *Handler) addAgendaItem(w http.ResponseWriter, r *http.Request) {
	id, eid, err := personRecord[heard.EncounterID](r, "encounterId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in textIn
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	who := actor(r)
	a, err := h.app.AddAgendaItem(r.Context(), who, id, eid, in.Text)
	// The writer is the one asking: the reply says so as a read would.
	h.reply(w, r, http.StatusCreated, agendaJSON{ID: string(a.ID), Text: a.Text, AuthorName: who.Name, ByPerson: who.PersonID == id, CreatedAt: a.Created}, err)
}

func (h *Handler) saveReflection(w http.ResponseWriter, r *http.Request) {
	id, eid, err := personRecord[heard.EncounterID](r, "encounterId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in textIn
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.app.SaveReflection(r.Context(), actor(r), id, eid, in.Text, in.Version)
	h.replyFields(w, r, asText, http.StatusOK, encounterOf(e), err)
}

// feedbackResponse is the reader's own feedback on a meeting (null when
// none) and what others shared with the reader.
type feedbackResponse struct {
	Mine    *feedbackJSON  `json:"mine"`
	Shared  []feedbackJSON `json:"shared"`
	CanGive bool           `json:"canGive"`
}

func (h *Handler) feedback(w http.ResponseWriter, r *http.Request) {
	id, eid, err := personRecord[heard.EncounterID](r, "encounterId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.Encounter(r.Context(), actor(r), id, eid)
	out := feedbackResponse{Shared: []feedbackJSON{}, CanGive: v.CanGiveFeedback}
	if v.MyFeedback != nil {
		mine := feedbackOf(*v.MyFeedback)
		out.Mine = &mine
	}
	for _, f := range v.SharedFeedback {
		shared := feedbackOf(f.Feedback)
		shared.ByName = f.Author.Name
		out.Shared = append(out.Shared, shared)
	}
	h.reply(w, r, http.StatusOK, out, err)
}

type feedbackLinkJSON struct {
	URL       string    `json:"url"`
	ExpiresAt time.Time `json:"expiresAt"`
}

func (h *Handler) createFeedbackLink(w http.ResponseWriter, r *http.Request) {
	id, eid, err := personRecord[heard.EncounterID](r, "encounterId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	link, err := h.app.CreateFeedbackLink(r.Context(), actor(r), id, eid)
	h.reply(w, r, http.StatusCreated, feedbackLinkJSON{URL: h.links.To("/f/" + link.Token), ExpiresAt: link.Expires}, err)
}

type feedbackIn struct {
	Answers   map[string]int `json:"answers"`
	Helped    string         `json:"helped"`
	FeltWrong string         `json:"feltWrong"`
	Share     []string       `json:"share"`
	Version   int            `json:"version"`
}

func (h *Handler) saveFeedback(w http.ResponseWriter, r *http.Request) {
	id, eid, err := personRecord[heard.EncounterID](r, "encounterId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in feedbackIn
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	fi := app.FeedbackInput{Answers: map[heard.FeedbackQuestion]int{}, Helped: in.Helped, FeltWrong: in.FeltWrong, BaseVersion: in.Version}
	for q, v := range in.Answers {
		fi.Answers[heard.FeedbackQuestion(q)] = v
	}
	for _, s := range in.Share {
		fi.Share = append(fi.Share, heard.Share(s))
	}
	f, err := h.app.SaveFeedback(r.Context(), actor(r), id, eid, fi)
	h.replyFields(w, r, feedbackField, http.StatusOK, feedbackOf(f), err)
}

// feedbackField names a feedback problem's field as the API has it: an
// answer's question is a key of answers.
func feedbackField(field string) string {
	if slices.Contains(heard.FeedbackQuestions, heard.FeedbackQuestion(field)) {
		return "answers." + field
	}
	return camel(field)
}

type preparationIn struct {
	Fields  map[string]string `json:"fields"`
	Version int               `json:"version"`
}

func (h *Handler) savePreparation(w http.ResponseWriter, r *http.Request) {
	id, eid, err := personRecord[heard.EncounterID](r, "encounterId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in preparationIn
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.app.SavePreparation(r.Context(), actor(r), id, eid, in.Fields, in.Version)
	h.replyFields(w, r, inFields, http.StatusOK, preparationOf(p), err)
}

func (h *Handler) decisions(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.Decisions(r.Context(), actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := []decisionJSON{}
	for _, d := range v.Decisions {
		out = append(out, decisionViewOf(d))
	}
	encode(w, http.StatusOK, decisionsJSON{Decisions: out, CanCreate: v.CanCreate})
}

type decisionIn struct {
	OnTable           string           `json:"onTable"`
	Options           string           `json:"options"`
	Constraints       []constraintJSON `json:"constraints"`
	Preference        string           `json:"preference"`
	Outcome           string           `json:"outcome"`
	DecidedBy         string           `json:"decidedBy"`
	DecidedByOther    string           `json:"decidedByOther"`
	Followed          string           `json:"followed"`
	NotFollowedReason string           `json:"notFollowedReason"`
	ReviewDate        string           `json:"reviewDate"`
	Version           int              `json:"version"`
}

func (in decisionIn) input() app.DecisionInput {
	out := app.DecisionInput{OnTable: in.OnTable, Options: in.Options, Preference: in.Preference, Outcome: in.Outcome, DecidedBy: heard.DecidedBy(in.DecidedBy),
		DecidedByOther: in.DecidedByOther, Followed: heard.Followed(in.Followed), NotFollowedReason: in.NotFollowedReason, ReviewDate: in.ReviewDate, BaseVersion: in.Version}
	for _, c := range in.Constraints {
		out.Constraints = append(out.Constraints, heard.Constraint{Kind: heard.ConstraintKind(c.Kind), Text: c.Text, SetBy: c.SetBy})
	}
	return out
}

func (h *Handler) createDecision(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in decisionIn
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.app.CreateDecision(r.Context(), actor(r), id, in.input())
	h.reply(w, r, http.StatusCreated, decisionOf(d), err)
}

func (h *Handler) decision(w http.ResponseWriter, r *http.Request) {
	id, did, err := personRecord[heard.DecisionID](r, "decisionId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.Decision(r.Context(), actor(r), id, did)
	h.reply(w, r, http.StatusOK, decisionViewOf(v), err)
}

func (h *Handler) updateDecision(w http.ResponseWriter, r *http.Request) {
	id, did, err := personRecord[heard.DecisionID](r, "decisionId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in decisionIn
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.app.UpdateDecision(r.Context(), actor(r), id, did, in.input())
	h.reply(w, r, http.StatusOK, decisionOf(d), err)
}

func (h *Handler) commentDecision(w http.ResponseWriter, r *http.Request) {
	id, did, err := personRecord[heard.DecisionID](r, "decisionId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in textIn
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.app.CommentDecision(r.Context(), actor(r), id, did, in.Text, in.Version)
	h.replyFields(w, r, asText, http.StatusOK, decisionOf(d), err)
}

func (h *Handler) correctPreference(w http.ResponseWriter, r *http.Request) {
	id, did, err := personRecord[heard.DecisionID](r, "decisionId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in textIn
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.app.CorrectPreference(r.Context(), actor(r), id, did, in.Text, in.Version)
	out := decisionOf(d)
	if err == nil {
		out.PreferenceByName = actor(r).Name
	}
	h.replyFields(w, r, asText, http.StatusOK, out, err)
}

func (h *Handler) restrictions(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.Restrictions(r.Context(), actor(r), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := []restrictionJSON{}
	for _, x := range v.Restrictions {
		out = append(out, restrictionViewOf(x))
	}
	encode(w, http.StatusOK, restrictionsJSON{Restrictions: out, CanCreate: v.CanCreate})
}

type restrictionIn struct {
	Kind         string `json:"kind"`
	Description  string `json:"description"`
	LegalBasisID string `json:"legalBasisId"`
	LegalBasis   string `json:"legalBasis"`
	Start        string `json:"start"`
	ReviewDate   string `json:"reviewDate"`
	End          string `json:"end"`
	Version      int    `json:"version"`
}

func (in restrictionIn) input() app.RestrictionInput {
	return app.RestrictionInput{Kind: heard.RestrictionKind(in.Kind), Description: in.Description, LegalBasisID: heard.LegalBasisID(in.LegalBasisID),
		LegalBasis: in.LegalBasis, Start: in.Start, ReviewDate: in.ReviewDate, End: in.End, BaseVersion: in.Version}
}

func (h *Handler) createRestriction(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in restrictionIn
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	x, err := h.app.CreateRestriction(r.Context(), actor(r), id, in.input())
	h.reply(w, r, http.StatusCreated, restrictionOf(x), err)
}

func (h *Handler) restriction(w http.ResponseWriter, r *http.Request) {
	id, rid, err := personRecord[heard.RestrictionID](r, "restrictionId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.Restriction(r.Context(), actor(r), id, rid)
	h.reply(w, r, http.StatusOK, restrictionViewOf(v), err)
}

func (h *Handler) updateRestriction(w http.ResponseWriter, r *http.Request) {
	id, rid, err := personRecord[heard.RestrictionID](r, "restrictionId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in restrictionIn
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	x, err := h.app.UpdateRestriction(r.Context(), actor(r), id, rid, in.input())
	h.reply(w, r, http.StatusOK, restrictionOf(x), err)
}

func (h *Handler) restrictionView(w http.ResponseWriter, r *http.Request) {
	id, rid, err := personRecord[heard.RestrictionID](r, "restrictionId")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in textIn
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	x, err := h.app.SetRestrictionView(r.Context(), actor(r), id, rid, in.Text, in.Version)
	h.replyFields(w, r, asText, http.StatusOK, restrictionOf(x), err)
}

type capacityJSON struct {
	Capacity string     `json:"capacity"`
	SetAt    *time.Time `json:"setAt,omitempty"`
}

func (h *Handler) capacity(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.app.Capacity(r.Context(), actor(r), id)
	h.reply(w, r, http.StatusOK, capacityJSON{Capacity: string(v.Capacity), SetAt: timePtr(v.CapacitySet)}, err)
}

func (h *Handler) setCapacity(w http.ResponseWriter, r *http.Request) {
	id, err := personID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in capacityJSON
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.app.SetCapacity(r.Context(), actor(r), id, heard.Capacity(in.Capacity)); err != nil {
		h.fail(w, r, err)
		return
	}
	encode(w, http.StatusOK, capacityJSON{Capacity: in.Capacity})
}

type dueJSON struct {
	Decisions    []dueDecisionJSON    `json:"decisions"`
	Restrictions []dueRestrictionJSON `json:"restrictions"`
}

type dueDecisionJSON struct {
	PersonID   string       `json:"personId"`
	PersonName string       `json:"personName"`
	Overdue    bool         `json:"overdue"`
	Decision   decisionJSON `json:"decision"`
}

type dueRestrictionJSON struct {
	PersonID    string          `json:"personId"`
	PersonName  string          `json:"personName"`
	Restriction restrictionJSON `json:"restriction"`
}

func (h *Handler) due(w http.ResponseWriter, r *http.Request) {
	d, err := h.app.DueReviews(r.Context(), actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := dueJSON{Decisions: []dueDecisionJSON{}, Restrictions: []dueRestrictionJSON{}}
	for _, x := range d.Decisions {
		out.Decisions = append(out.Decisions, dueDecisionJSON{PersonID: string(x.Decision.PersonID), PersonName: x.PersonName, Overdue: x.Overdue, Decision: decisionOf(x.Decision)})
	}
	for _, x := range d.Restrictions {
		rj := restrictionOf(x.Restriction)
		rj.InForce, rj.PastReview = true, true
		out.Restrictions = append(out.Restrictions, dueRestrictionJSON{PersonID: string(x.Restriction.PersonID), PersonName: x.PersonName, Restriction: rj})
	}
	encode(w, http.StatusOK, out)
}

type encountersJSON struct {
	Upcoming      []encounterJSON `json:"upcoming"`
	Past          []encounterJSON `json:"past"`
	WithoutPerson []encounterJSON `json:"withoutPerson"`
	CanCreate     bool            `json:"canCreate"`
}

type decisionsJSON struct {
	Decisions []decisionJSON `json:"decisions"`
	CanCreate bool           `json:"canCreate"`
}

type restrictionsJSON struct {
	Restrictions []restrictionJSON `json:"restrictions"`
	CanCreate    bool              `json:"canCreate"`
}

type storyJSON struct {
	ID            string `json:"id"`
	Kind          string `json:"kind"`
	UnitID        string `json:"unitId,omitempty"`
	Unit          string `json:"unit,omitempty"`
	Month         string `json:"month"`
	EncounterKind string `json:"encounterKind"`
	Text          string `json:"text"`
}

// stories answers the story pool of the reader's organisation, narrowed
// by the query's unit, kind, from and to (months, YYYY-MM).
func (h *Handler) stories(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	rows, err := h.app.Stories(r.Context(), actor(r), app.StoryFilter{
		UnitID: heard.UnitID(q.Get("unit")), Kind: heard.StoryKind(q.Get("kind")), From: q.Get("from"), To: q.Get("to")})
	out := []storyJSON{}
	for _, s := range rows {
		out = append(out, storyJSON{ID: string(s.ID), Kind: string(s.Kind), UnitID: string(s.UnitID), Unit: s.UnitName,
			Month: s.Month, EncounterKind: string(s.EncounterKind), Text: s.Text})
	}
	h.reply(w, r, http.StatusOK, struct {
		Stories []storyJSON `json:"stories"`
	}{out}, err)
}
