package heard

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// EncounterID identifies an encounter.
type EncounterID string

// EncounterKind is the sort of meeting or conversation.
type EncounterKind string

// The encounter kinds.
const (
	KindHomeVisit        EncounterKind = "home_visit"
	KindWardConversation EncounterKind = "ward_conversation"
	KindOutpatient       EncounterKind = "outpatient"
	KindWalk             EncounterKind = "walk_activity"
	KindPhone            EncounterKind = "phone"
	KindVideo            EncounterKind = "video"
	KindNetworkMeeting   EncounterKind = "network_meeting"
	KindWithoutPerson    EncounterKind = "without_person"
)

// EncounterKinds lists the kinds in the order forms show them.
var EncounterKinds = []EncounterKind{KindHomeVisit, KindWardConversation, KindOutpatient, KindWalk, KindPhone, KindVideo, KindNetworkMeeting, KindWithoutPerson}

// Presence is whether the person was at a meeting about them.
type Presence string

// The presence states; Unknown until the meeting has been held.
const (
	PresenceUnknown Presence = "unknown"
	PresencePresent Presence = "present"
	PresenceAbsent  Presence = "absent"
)

// Presences lists the states in the order forms show them.
var Presences = []Presence{PresenceUnknown, PresencePresent, PresenceAbsent}

// Participant is someone taking part in an encounter. Account is set for
// people with a Heard account (a network member sees a network meeting
// only when listed here).
type Participant struct {
	Account AccountID
	Name    string
	Role    string
}

// Encounter is a meeting or conversation with or about the person. The
// professional writes the shared note; the person's reflection beside it
// is theirs alone, with its own version, so neither blocks the other.
type Encounter struct {
	ID           EncounterID
	PersonID     PersonID
	Start        time.Time
	Kind         EncounterKind
	Place        string
	Participants []Participant
	Invited      bool
	Present      Presence
	// AbsenceReason says why a meeting about the person was held without
	// them; required whenever they were not invited or not there.
	AbsenceReason string
	SharedNote    string
	// NoteSharedWith are the network members who took part to whom she
	// shows the shared note and the voices; none unless she chooses.
	NoteSharedWith    []AccountID
	NoteBy            AccountID
	NoteAt            time.Time
	Version           int
	Reflection        string
	ReflectionAt      time.Time
	ReflectionVersion int
	CreatedBy         AccountID
	Created           time.Time
}

// WithoutPerson reports whether the meeting was (or is planned) without
// the person: the person's page lists these plainly.
func (e Encounter) WithoutPerson() bool {
	return e.Kind == KindWithoutPerson || !e.Invited || e.Present == PresenceAbsent
}

// HasParticipant reports whether the account takes part.
func (e Encounter) HasParticipant(id AccountID) bool {
	return slices.ContainsFunc(e.Participants, func(p Participant) bool { return p.Account == id && id != "" })
}

// Validate checks an encounter.
func (e Encounter) Validate() error {
	var p []Problem
	if e.Start.IsZero() {
		p = append(p, Problem{Field: "start", Key: "encounter.start.required"})
	}
	if !slices.Contains(EncounterKinds, e.Kind) {
		p = append(p, Problem{Field: "kind", Key: "encounter.kind.invalid"})
	}
	if !slices.Contains(Presences, e.Present) {
		p = append(p, Problem{Field: "present", Key: "encounter.present.invalid"})
	}
	if e.Kind == KindWithoutPerson && (e.Invited || e.Present == PresencePresent) {
		p = append(p, Problem{Field: "invited", Key: "encounter.without_person.invited"})
	}
	if e.WithoutPerson() && strings.TrimSpace(e.AbsenceReason) == "" {
		p = append(p, Problem{Field: "absence_reason", Key: "encounter.absence_reason.required"})
	}
	// She reads who was in the room when she was not.
	if e.Kind == KindWithoutPerson && len(e.Participants) == 0 {
		p = append(p, Problem{Field: "participants", Key: "encounter.participants.required"})
	}
	if utf8.RuneCountInString(e.Place) > 200 {
		p = append(p, Problem{Field: "place", Key: "field.too_long"})
	}
	if utf8.RuneCountInString(e.SharedNote) > MaxTextLength*2 {
		p = append(p, Problem{Field: "shared_note", Key: "field.too_long"})
	}
	for _, part := range e.Participants {
		if n := utf8.RuneCountInString(strings.TrimSpace(part.Name)); n == 0 || n > 120 {
			p = append(p, Problem{Field: "participants", Key: "encounter.participants.invalid"})
			break
		}
	}
	return Invalid(p)
}

// AgendaItemID identifies an agenda item.
type AgendaItemID string

// AgendaItem is one thing to talk about, with who brought it up.
type AgendaItem struct {
	ID          AgendaItemID
	EncounterID EncounterID
	Text        string
	Author      AccountID
	Created     time.Time
}

// Validate checks an agenda item.
func (a AgendaItem) Validate() error {
	if n := utf8.RuneCountInString(strings.TrimSpace(a.Text)); n == 0 || n > 500 {
		return Invalid([]Problem{{Field: "text", Key: "agenda.text.invalid"}})
	}
	return nil
}

// PreparationFields are the fields of the person's one-page preparation
// for a meeting (their agenda items are listed beside them).
var PreparationFields = []string{"how_i_have_been", "want_from_meeting", "questions"}

// Preparation is the person's "what I want to bring up" for a meeting.
type Preparation struct {
	EncounterID EncounterID
	Fields      map[string]string
	Version     int
	Updated     time.Time
}

// Validate checks a preparation.
func (p Preparation) Validate() error { return validFields(p.Fields, PreparationFields) }

// Voice is one participant's own reflection on a meeting, beside hers and
// the others': a professional's or a network member's. Only its author
// writes it.
type Voice struct {
	EncounterID EncounterID
	PersonID    PersonID
	Author      AccountID
	Text        string
	Version     int
	Updated     time.Time
}

// SharesNoteWith reports whether she chose to show the meeting's shared
// note, and the voices beside it, to network member id.
func (e Encounter) SharesNoteWith(id AccountID) bool {
	return id != "" && slices.Contains(e.NoteSharedWith, id)
}
