package heard

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// EmergencyReason is why a professional without a care relation opens a
// person's record (Norway's "explicit access", elsewhere "break the glass").
type EmergencyReason string

// The reasons a professional can give.
const (
	ReasonAcute           EmergencyReason = "acute"
	ReasonCoveringTeam    EmergencyReason = "covering_team"
	ReasonPersonRequested EmergencyReason = "person_requested"
	ReasonOther           EmergencyReason = "other"
)

// EmergencyReasons lists the reasons in the order the form shows them.
var EmergencyReasons = []EmergencyReason{ReasonAcute, ReasonCoveringTeam, ReasonPersonRequested, ReasonOther}

// EmergencyAccessDuration is how long emergency access lasts. Four hours
// covers a shift's emergency without leaving the record open for days.
const EmergencyAccessDuration = 4 * time.Hour

// Limits on the justification: long enough to say something real, short
// enough to read in a review list. A justification needs at least
// MinJustificationWords words of letters and MinJustificationLetters
// different letters, so "aaaaaaaaaa" or "x x x x x" is not one.
const (
	MinJustification        = 20
	MaxJustification        = 1000
	MinJustificationWords   = 4
	MinJustificationLetters = 8
)

// EmergencyAccess is one time-boxed opening of a person's record by a
// professional without a care relation.
type EmergencyAccess struct {
	ID             EmergencyAccessID
	PersonID       PersonID
	ProfessionalID AccountID
	Reason         EmergencyReason
	Justification  string
	Opened         time.Time
	Expires        time.Time
	// ReviewedBy is empty until a leader has reviewed the access.
	ReviewedBy AccountID
	Reviewed   time.Time
	ReviewNote string
}

// ActiveAt reports whether the access is in force at t.
func (e EmergencyAccess) ActiveAt(t time.Time) bool {
	return !e.Opened.After(t) && e.Expires.After(t)
}

// Validate checks the reason and justification a professional gave.
func (e EmergencyAccess) Validate() error {
	var p []Problem
	if !slices.Contains(EmergencyReasons, e.Reason) {
		p = append(p, Problem{Field: "reason", Key: "emergency.reason.required"})
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(e.Justification)); n < MinJustification || n > MaxJustification {
		p = append(p, Problem{Field: "justification", Key: "emergency.justification.length"})
	} else if !saysSomething(e.Justification) {
		p = append(p, Problem{Field: "justification", Key: "emergency.justification.vague"})
	}
	return Invalid(p)
}

// saysSomething reports whether text has enough words and different
// letters to be an explanation rather than filler.
func saysSomething(text string) bool {
	words := 0
	for _, w := range strings.Fields(text) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			words++
		}
	}
	letters := map[rune]bool{}
	for _, r := range strings.ToLower(text) {
		if unicode.IsLetter(r) {
			letters[r] = true
		}
	}
	return words >= MinJustificationWords && len(letters) >= MinJustificationLetters
}
