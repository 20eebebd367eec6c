package web

import (
	"time"
)

// ownWords is text only the person writes beside a record (their
// reflection on a meeting, comment on a decision, view of a restriction),
// for the own_words partial: what is saved, the form to change it, and
// after a stale save the text saved meanwhile on another device.
type ownWords struct {
	page
	// Name is the form field and the section's id; Keys the prefix of its
	// texts in the catalogue.
	Name, Keys string
	Hint       bool
	Action     string
	CanWrite   bool
	// Version is what the form saves against; Text what it shows.
	Version int
	Text    string
	Saved   string
	SavedAt time.Time
	// Theirs, when set, is the text saved meanwhile.
	Theirs   *string
	TheirsAt time.Time
}

// Words prepares the person's reflection on the meeting.
func (v encounterView) Words() ownWords {
	e := v.Encounter.Encounter
	keys := "encounter.reflection"
	if v.Encounter.Missed {
		keys = "encounter.missed" // her view of what was decided without her
	}
	w := ownWords{page: v.page, Name: "reflection", Keys: keys, Hint: true,
		Action:   personPath(v.PersonID, "/encounters/"+string(e.ID)+"/reflection"),
		CanWrite: v.Encounter.CanReflect, Version: e.ReflectionVersion, Text: v.Reflection, Saved: e.Reflection, SavedAt: e.ReflectionAt}
	if t := v.TheirReflection; t != nil {
		w.Theirs, w.TheirsAt, w.Version = &t.Reflection, t.ReflectionAt, t.ReflectionVersion
	}
	return w
}

// Words prepares the person's comment on the decision.
func (v decisionView) Words() ownWords {
	d := v.Decision.Decision
	w := ownWords{page: v.page, Name: "comment", Keys: "decision.comment",
		Action:   personPath(v.PersonID, "/decisions/"+string(d.ID)+"/comment"),
		CanWrite: v.Decision.CanComment, Version: d.CommentVersion, Text: v.Comment, Saved: d.PersonComment, SavedAt: d.CommentAt}
	if t := v.TheirComment; t != nil {
		w.Theirs, w.TheirsAt, w.Version = &t.PersonComment, t.CommentAt, t.CommentVersion
	}
	return w
}

// Words prepares the person's view of the restriction.
func (v restrictionView) Words() ownWords {
	r := v.Restriction.Restriction
	w := ownWords{page: v.page, Name: "view", Keys: "restriction.view",
		Action:   personPath(v.PersonID, "/restrictions/"+string(r.ID)+"/view"),
		CanWrite: v.Restriction.CanGiveView, Version: r.ViewVersion, Text: v.View, Saved: r.PersonView, SavedAt: r.ViewAt}
	if t := v.TheirView; t != nil {
		w.Theirs, w.TheirsAt, w.Version = &t.PersonView, t.ViewAt, t.ViewVersion
	}
	return w
}
