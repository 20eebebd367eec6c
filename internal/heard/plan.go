package heard

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// PlanPartKey names a part of the person's plan. Each part is written in
// the person's own words, versioned, and can be kept "only me".
type PlanPartKey string

// The parts of a plan.
const (
	PartAbout     PlanPartKey = "about"
	PartHelps     PlanPartKey = "helps"
	PartCrisis    PlanPartKey = "crisis"
	PartMedicines PlanPartKey = "medicines"
)

// PlanParts lists the parts in the order the plan shows them.
var PlanParts = []PlanPartKey{PartAbout, PartHelps, PartCrisis, PartMedicines}

// PlanFields lists each part's fields in the order forms show them. There
// is no field for a diagnosis, by design: the plan is the person's.
var PlanFields = map[PlanPartKey][]string{
	PartAbout:     {"matters", "good_day", "hopes"},
	PartHelps:     {"helps", "does_not_help", "how_to_meet", "contact", "staff_should_know"},
	PartCrisis:    {"early_signs", "what_helps", "who_to_contact", "do_not_want", "practical"},
	PartMedicines: {"want", "avoid", "side_effects", "own_ways"},
}

// MaxTextLength bounds one free-text field: long enough for a page of
// writing, short enough to keep a plan readable.
const MaxTextLength = 5000

// ValidPart reports whether k names a part.
func ValidPart(k PlanPartKey) bool { return slices.Contains(PlanParts, k) }

// PlanPart is one part of a person's plan as it stands now. A part never
// written has Version 0.
type PlanPart struct {
	PersonID PersonID
	Key      PlanPartKey
	Fields   map[string]string
	// Private keeps the part to the person: professionals and network
	// members do not see it.
	Private   bool
	Version   int
	UpdatedBy AccountID
	Updated   time.Time
}

// Written reports whether the part has been saved at least once.
func (p PlanPart) Written() bool { return !p.Updated.IsZero() }

// Empty reports whether the part has no text.
func (p PlanPart) Empty() bool {
	for _, v := range p.Fields {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// Validate checks a part's fields: known names, bounded lengths.
func (p PlanPart) Validate() error {
	if !ValidPart(p.Key) {
		return Invalid([]Problem{{Field: "part", Key: "plan.part.invalid"}})
	}
	return validFields(p.Fields, PlanFields[p.Key])
}

func validFields(fields map[string]string, allowed []string) error {
	var probs []Problem
	for name, v := range fields {
		switch {
		case !slices.Contains(allowed, name):
			probs = append(probs, Problem{Field: name, Key: "field.unknown"})
		case utf8.RuneCountInString(v) > MaxTextLength:
			probs = append(probs, Problem{Field: name, Key: "field.too_long"})
		}
	}
	slices.SortFunc(probs, func(a, b Problem) int { return strings.Compare(a.Field, b.Field) })
	return Invalid(probs)
}

// Revision is one saved version of a plan part or a goal: the words, who
// wrote them, who saved them (the person, when accepting a suggestion) and
// when. Versions count from 1 for each part or goal.
type Revision struct {
	Version      int
	Fields       map[string]string
	Private      bool
	Author       AccountID
	SavedBy      AccountID
	SuggestionID SuggestionID
	At           time.Time
}

// GoalID identifies a goal.
type GoalID string

// ChimeTag relates a goal to a dimension of personal recovery (CHIME).
type ChimeTag string

// The CHIME tags; a goal may have none.
const (
	ChimeConnectedness ChimeTag = "connectedness"
	ChimeHope          ChimeTag = "hope"
	ChimeIdentity      ChimeTag = "identity"
	ChimeMeaning       ChimeTag = "meaning"
	ChimeEmpowerment   ChimeTag = "empowerment"
)

// ChimeTags lists the tags in CHIME order.
var ChimeTags = []ChimeTag{ChimeConnectedness, ChimeHope, ChimeIdentity, ChimeMeaning, ChimeEmpowerment}

// GoalStatus is where a goal stands, in the person's terms.
type GoalStatus string

// The goal statuses.
const (
	GoalActive   GoalStatus = "active"
	GoalPaused   GoalStatus = "paused"
	GoalAchieved GoalStatus = "achieved"
	GoalLetGo    GoalStatus = "let_go"
)

// GoalStatuses lists the statuses in the order forms show them.
var GoalStatuses = []GoalStatus{GoalActive, GoalPaused, GoalAchieved, GoalLetGo}

// GoalFields are the names a goal's fields have in forms, suggestions and
// versions.
var GoalFields = []string{"wording", "chime", "steps", "who_helps", "status"}

// Goal is one of the person's goals, in their wording.
type Goal struct {
	ID        GoalID
	PersonID  PersonID
	Wording   string
	Chime     ChimeTag
	Steps     string
	WhoHelps  string
	Status    GoalStatus
	Private   bool
	Version   int
	Created   time.Time
	UpdatedBy AccountID
	Updated   time.Time
}

// Fields returns the goal's editable fields by name.
func (g Goal) Fields() map[string]string {
	return map[string]string{"wording": g.Wording, "chime": string(g.Chime), "steps": g.Steps, "who_helps": g.WhoHelps, "status": string(g.Status)}
}

// WithFields returns the goal with the named fields replaced.
func (g Goal) WithFields(f map[string]string) Goal {
	for name, v := range f {
		switch name {
		case "wording":
			g.Wording = v
		case "chime":
			g.Chime = ChimeTag(v)
		case "steps":
			g.Steps = v
		case "who_helps":
			g.WhoHelps = v
		case "status":
			g.Status = GoalStatus(v)
		}
	}
	return g
}

// Validate checks a goal.
func (g Goal) Validate() error {
	var p []Problem
	if n := utf8.RuneCountInString(strings.TrimSpace(g.Wording)); n == 0 || n > 500 {
		p = append(p, Problem{Field: "wording", Key: "goal.wording.invalid"})
	}
	if g.Chime != "" && !slices.Contains(ChimeTags, g.Chime) {
		p = append(p, Problem{Field: "chime", Key: "goal.chime.invalid"})
	}
	if !slices.Contains(GoalStatuses, g.Status) {
		p = append(p, Problem{Field: "status", Key: "goal.status.invalid"})
	}
	for _, f := range []struct{ name, v string }{{"steps", g.Steps}, {"who_helps", g.WhoHelps}} {
		if utf8.RuneCountInString(f.v) > MaxTextLength {
			p = append(p, Problem{Field: f.name, Key: "field.too_long"})
		}
	}
	return Invalid(p)
}

// GoalNoteID identifies a progress note.
type GoalNoteID string

// GoalNote is a dated progress note on a goal, by the person or a
// professional in their care team. Notes are never changed.
type GoalNote struct {
	ID     GoalNoteID
	GoalID GoalID
	Text   string
	Author AccountID
	At     time.Time
	// Private is true when the note was written while its goal was "only
	// me": it stays the person's even after the goal is shared again.
	Private bool
}

// Validate checks a note.
func (n GoalNote) Validate() error {
	if l := utf8.RuneCountInString(strings.TrimSpace(n.Text)); l == 0 || l > MaxTextLength {
		return Invalid([]Problem{{Field: "text", Key: "goal.note.invalid"}})
	}
	return nil
}

// SuggestionID identifies a suggestion.
type SuggestionID string

// SuggestionStatus is what the person did with a suggestion.
type SuggestionStatus string

// The suggestion statuses.
const (
	SuggestionOpen     SuggestionStatus = "open"
	SuggestionAccepted SuggestionStatus = "accepted"
	SuggestionEdited   SuggestionStatus = "edited"
	SuggestionDeclined SuggestionStatus = "declined"
)

// Suggestion is a change to the plan proposed by someone other than the
// person. It changes nothing until the person accepts it (as it is, or
// edited into their own words).
type Suggestion struct {
	ID       SuggestionID
	PersonID PersonID
	// Part is set for a suggestion on a plan part; GoalID for one on a
	// goal; neither for a suggested new goal.
	Part        PlanPartKey
	GoalID      GoalID
	BaseVersion int
	Fields      map[string]string
	Note        string
	Author      AccountID
	Created     time.Time
	Status      SuggestionStatus
	ResolvedBy  AccountID
	Resolved    time.Time
}

// NewGoal reports whether the suggestion proposes a new goal.
func (s Suggestion) NewGoal() bool { return s.Part == "" && s.GoalID == "" }

// Validate checks a suggestion's fields against what it suggests on.
func (s Suggestion) Validate() error {
	allowed := GoalFields
	if s.Part != "" {
		if !ValidPart(s.Part) {
			return Invalid([]Problem{{Field: "part", Key: "plan.part.invalid"}})
		}
		allowed = PlanFields[s.Part]
	}
	if err := validFields(s.Fields, allowed); err != nil {
		return err
	}
	if utf8.RuneCountInString(s.Note) > 1000 {
		return Invalid([]Problem{{Field: "note", Key: "field.too_long"}})
	}
	empty := true
	for _, v := range s.Fields {
		empty = empty && strings.TrimSpace(v) == ""
	}
	if empty {
		return Invalid([]Problem{{Field: "fields", Key: "suggestion.empty"}})
	}
	return nil
}
