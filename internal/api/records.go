package api

import (
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
)

// The JSON shapes of the person's records. Field names are the OpenAPI
// document's; plan and preparation fields keep their snake_case keys
// inside a "fields" object.

type partJSON struct {
	Part          string            `json:"part"`
	Fields        map[string]string `json:"fields"`
	Private       bool              `json:"private"`
	Version       int               `json:"version"`
	UpdatedByName string            `json:"updatedByName,omitempty"`
	UpdatedAt     *time.Time        `json:"updatedAt,omitempty"`
	CanEdit       bool              `json:"canEdit"`
	CanSuggest    bool              `json:"canSuggest"`
	Suggestions   []suggestionJSON  `json:"suggestions"`
}

func partOf(p heard.PlanPart) partJSON {
	fields := p.Fields
	if fields == nil {
		fields = map[string]string{}
	}
	return partJSON{Part: string(p.Key), Fields: fields, Private: p.Private, Version: p.Version, UpdatedAt: timePtr(p.Updated), Suggestions: []suggestionJSON{}}
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

type suggestionJSON struct {
	ID          string            `json:"id"`
	Part        string            `json:"part,omitempty"`
	GoalID      string            `json:"goalId,omitempty"`
	Fields      map[string]string `json:"fields"`
	Note        string            `json:"note,omitempty"`
	AuthorName  string            `json:"authorName"`
	BaseVersion int               `json:"baseVersion"`
	CreatedAt   time.Time         `json:"createdAt"`
	Status      string            `json:"status"`
}

func suggestionsOf(svs []app.SuggestionView) []suggestionJSON {
	out := []suggestionJSON{}
	for _, sv := range svs {
		s := sv.Suggestion
		out = append(out, suggestionJSON{ID: string(s.ID), Part: string(s.Part), GoalID: string(s.GoalID), Fields: s.Fields, Note: s.Note,
			AuthorName: sv.Author.Name, BaseVersion: s.BaseVersion, CreatedAt: s.Created, Status: string(s.Status)})
	}
	return out
}

type goalJSON struct {
	ID            string           `json:"id"`
	Wording       string           `json:"wording"`
	Chime         string           `json:"chime,omitempty"`
	Steps         string           `json:"steps"`
	WhoHelps      string           `json:"whoHelps"`
	Status        string           `json:"status"`
	Private       bool             `json:"private"`
	Version       int              `json:"version"`
	UpdatedByName string           `json:"updatedByName,omitempty"`
	UpdatedAt     time.Time        `json:"updatedAt"`
	CanEdit       bool             `json:"canEdit"`
	CanSuggest    bool             `json:"canSuggest"`
	CanAddNote    bool             `json:"canAddNote"`
	Suggestions   []suggestionJSON `json:"suggestions"`
	Notes         []noteJSON       `json:"notes,omitempty"`
	Versions      []versionJSON    `json:"versions,omitempty"`
}

func goalOf(g heard.Goal) goalJSON {
	return goalJSON{ID: string(g.ID), Wording: g.Wording, Chime: string(g.Chime), Steps: g.Steps, WhoHelps: g.WhoHelps, Status: string(g.Status),
		Private: g.Private, Version: g.Version, UpdatedAt: g.Updated, Suggestions: []suggestionJSON{}}
}

func goalViewOf(v app.GoalView) goalJSON {
	g := goalOf(v.Goal)
	g.UpdatedByName, g.CanEdit, g.CanSuggest, g.CanAddNote, g.Suggestions = v.UpdatedBy.Name, v.CanEdit, v.CanSuggest, v.CanAddNote, suggestionsOf(v.Suggestions)
	for _, n := range v.Notes {
		g.Notes = append(g.Notes, noteJSON{ID: string(n.Note.ID), Text: n.Note.Text, AuthorName: n.Author.Name, ByPerson: n.ByPerson, At: n.Note.At})
	}
	g.Versions = versionsOf(v.Versions)
	return g
}

type noteJSON struct {
	ID         string    `json:"id"`
	Text       string    `json:"text"`
	AuthorName string    `json:"authorName"`
	ByPerson   bool      `json:"byPerson"`
	At         time.Time `json:"at"`
}

type versionJSON struct {
	Version     int               `json:"version"`
	Fields      map[string]string `json:"fields"`
	Private     bool              `json:"private"`
	AuthorName  string            `json:"authorName"`
	SavedByName string            `json:"savedByName"`
	ByPerson    bool              `json:"byPerson"`
	Suggested   bool              `json:"suggested"`
	Changed     []string          `json:"changed"`
	At          time.Time         `json:"at"`
}

func versionsOf(vs []app.VersionView) []versionJSON {
	var out []versionJSON
	for _, v := range vs {
		changed := v.Changed
		if changed == nil {
			changed = []string{}
		}
		out = append(out, versionJSON{Version: v.Version, Fields: v.Fields, Private: v.Private, AuthorName: v.AuthorName, SavedByName: v.SavedByName,
			ByPerson: v.ByPerson, Suggested: v.Suggested, Changed: changed, At: v.At})
	}
	return out
}

type participantJSON struct {
	AccountID string `json:"accountId,omitempty"`
	Name      string `json:"name"`
	Role      string `json:"role,omitempty"`
}

type encounterJSON struct {
	ID                string            `json:"id"`
	Start             time.Time         `json:"start"`
	Kind              string            `json:"kind"`
	Place             string            `json:"place"`
	Participants      []participantJSON `json:"participants"`
	Invited           bool              `json:"invited"`
	Present           string            `json:"present"`
	AbsenceReason     string            `json:"absenceReason,omitempty"`
	WithoutPerson     bool              `json:"withoutPerson"`
	SharedNote        string            `json:"sharedNote,omitempty"`
	Reflection        string            `json:"reflection,omitempty"`
	Version           int               `json:"version"`
	ReflectionVersion int               `json:"reflectionVersion"`
	Agenda            []agendaJSON      `json:"agenda,omitempty"`
	Preparation       *preparationJSON  `json:"preparation,omitempty"`
	// Voices are the participants' own reflections the reader sees;
	// NoteSharedWith is her choice, shown to her only.
	Voices         []voiceJSON `json:"voices,omitempty"`
	MyVoiceVersion int         `json:"myVoiceVersion"`
	NoteSharedWith []string    `json:"noteSharedWith,omitempty"`
}

type voiceJSON struct {
	AuthorName string    `json:"authorName"`
	Text       string    `json:"text"`
	UpdatedAt  time.Time `json:"updatedAt"`
}

func encounterOf(e heard.Encounter) encounterJSON {
	out := encounterJSON{ID: string(e.ID), Start: e.Start, Kind: string(e.Kind), Place: e.Place, Participants: []participantJSON{}, Invited: e.Invited,
		Present: string(e.Present), AbsenceReason: e.AbsenceReason, WithoutPerson: e.WithoutPerson(), SharedNote: e.SharedNote, Reflection: e.Reflection,
		Version: e.Version, ReflectionVersion: e.ReflectionVersion}
	for _, id := range e.NoteSharedWith {
		out.NoteSharedWith = append(out.NoteSharedWith, string(id))
	}
	for _, p := range e.Participants {
		out.Participants = append(out.Participants, participantJSON{AccountID: string(p.Account), Name: p.Name, Role: p.Role})
	}
	return out
}

type agendaJSON struct {
	ID         string    `json:"id"`
	Text       string    `json:"text"`
	AuthorName string    `json:"authorName"`
	ByPerson   bool      `json:"byPerson"`
	CreatedAt  time.Time `json:"createdAt"`
}

type preparationJSON struct {
	Fields  map[string]string `json:"fields"`
	Version int               `json:"version"`
}

func preparationOf(p heard.Preparation) *preparationJSON {
	fields := p.Fields
	if fields == nil {
		fields = map[string]string{}
	}
	return &preparationJSON{Fields: fields, Version: p.Version}
}

type constraintJSON struct {
	Kind  string `json:"kind"`
	Text  string `json:"text"`
	SetBy string `json:"setBy"`
}

type decisionJSON struct {
	ID                string           `json:"id"`
	OnTable           string           `json:"onTable"`
	Options           string           `json:"options"`
	Constraints       []constraintJSON `json:"constraints"`
	Preference        string           `json:"preference"`
	Outcome           string           `json:"outcome"`
	DecidedBy         string           `json:"decidedBy,omitempty"`
	DecidedByOther    string           `json:"decidedByOther,omitempty"`
	Followed          string           `json:"followed,omitempty"`
	NotFollowedReason string           `json:"notFollowedReason,omitempty"`
	ReviewDate        string           `json:"reviewDate,omitempty"`
	Version           int              `json:"version"`
	CreatedByName     string           `json:"createdByName,omitempty"`
	CreatedAt         time.Time        `json:"createdAt"`
	PreferenceByName  string           `json:"preferenceByName,omitempty"`
	PreferenceHers    bool             `json:"preferenceHers"`
	History           []changeJSON     `json:"history,omitempty"`
	PersonComment     string           `json:"personComment,omitempty"`
	CommentVersion    int              `json:"commentVersion"`
	Due               bool             `json:"due"`
}

func decisionOf(d heard.Decision) decisionJSON {
	out := decisionJSON{ID: string(d.ID), OnTable: d.OnTable, Options: d.Options, Constraints: []constraintJSON{}, Preference: d.Preference, Outcome: d.Outcome,
		DecidedBy: string(d.DecidedBy), DecidedByOther: d.DecidedByOther, Followed: string(d.Followed), NotFollowedReason: d.NotFollowedReason,
		ReviewDate: d.ReviewDate, Version: d.Version, CreatedAt: d.Created, PersonComment: d.PersonComment, CommentVersion: d.CommentVersion,
		PreferenceHers: d.PreferenceOwn}
	for _, c := range d.Constraints {
		out.Constraints = append(out.Constraints, constraintJSON{Kind: string(c.Kind), Text: c.Text, SetBy: c.SetBy})
	}
	return out
}

// changeJSON is one version in a decision's history.
type changeJSON struct {
	Version int       `json:"version"`
	ByName  string    `json:"byName"`
	At      time.Time `json:"at"`
	Changed []string  `json:"changed"`
}

func decisionViewOf(v app.DecisionView) decisionJSON {
	d := decisionOf(v.Decision)
	d.CreatedByName, d.Due, d.PreferenceByName = v.CreatedBy.Name, v.Due, v.PreferenceBy.Name
	for _, c := range v.History {
		ch := changeJSON{Version: c.Version, ByName: c.By.Name, At: c.At, Changed: []string{}}
		for _, f := range c.Fields {
			ch.Changed = append(ch.Changed, string(f))
		}
		d.History = append(d.History, ch)
	}
	return d
}

type restrictionJSON struct {
	ID           string `json:"id"`
	Kind         string `json:"kind"`
	Description  string `json:"description"`
	LegalBasisID string `json:"legalBasisId,omitempty"`
	LegalBasis   string `json:"legalBasis"`
	Start        string `json:"start"`
	ReviewDate   string `json:"reviewDate"`
	End          string `json:"end,omitempty"`
	Version      int    `json:"version"`
	PersonView   string `json:"personView,omitempty"`
	ViewVersion  int    `json:"viewVersion"`
	InForce      bool   `json:"inForce"`
	PastReview   bool   `json:"pastReview"`
}

func restrictionOf(r heard.Restriction) restrictionJSON {
	return restrictionJSON{ID: string(r.ID), Kind: string(r.Kind), Description: r.Description, LegalBasisID: string(r.LegalBasisID), LegalBasis: r.LegalBasis,
		Start: r.Start, ReviewDate: r.ReviewDate, End: r.End, Version: r.Version, PersonView: r.PersonView, ViewVersion: r.ViewVersion}
}

func restrictionViewOf(v app.RestrictionView) restrictionJSON {
	r := restrictionOf(v.Restriction)
	r.InForce, r.PastReview = v.InForce, v.PastReview
	return r
}

// current is the JSON of the record a stale save found.
func current(v any) any {
	switch x := v.(type) {
	case heard.PlanPart:
		return partOf(x)
	case heard.Goal:
		return goalOf(x)
	case heard.Encounter:
		return encounterOf(x)
	case heard.Preparation:
		return preparationOf(x)
	case heard.Decision:
		return decisionOf(x)
	case heard.Restriction:
		return restrictionOf(x)
	case heard.Feedback:
		return feedbackOf(x)
	case heard.Voice:
		return voiceOf(x)
	}
	return nil
}

// voiceOf is the caller's own reflection as saved, with its version.
func voiceOf(v heard.Voice) any {
	return struct {
		Text    string `json:"text"`
		Version int    `json:"version"`
	}{v.Text, v.Version}
}

// feedbackJSON is one participant's feedback on a meeting; answers are
// keyed by question (heard, respected, mattered, hope), 1 to 5.
type feedbackJSON struct {
	Answers   map[string]int `json:"answers"`
	Helped    string         `json:"helped,omitempty"`
	FeltWrong string         `json:"feltWrong,omitempty"`
	Share     []string       `json:"share"`
	ByName    string         `json:"byName,omitempty"`
	Version   int            `json:"version,omitempty"`
	UpdatedAt time.Time      `json:"updatedAt"`
}

func feedbackOf(f heard.Feedback) feedbackJSON {
	out := feedbackJSON{Answers: map[string]int{}, Helped: f.Helped, FeltWrong: f.FeltWrong, Share: []string{}, Version: f.Version, UpdatedAt: f.Updated}
	for q, v := range f.Answers {
		out.Answers[string(q)] = v
	}
	for _, s := range f.Share {
		out.Share = append(out.Share, string(s))
	}
	return out
}
