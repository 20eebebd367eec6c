package heard

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// RestrictionID identifies a restriction.
type RestrictionID string

// RestrictionKind is what is limited.
type RestrictionKind string

// The restriction kinds.
const (
	RestrictLeave      RestrictionKind = "leave"
	RestrictContact    RestrictionKind = "contact"
	RestrictSearch     RestrictionKind = "search"
	RestrictMedication RestrictionKind = "medication"
	RestrictOther      RestrictionKind = "other"
)

// RestrictionKinds lists the kinds.
var RestrictionKinds = []RestrictionKind{RestrictLeave, RestrictContact, RestrictSearch, RestrictMedication, RestrictOther}

// LegalBasisID identifies an entry of the organisation's list of legal bases.
type LegalBasisID string

// LegalBasis is an entry of the admin-kept list of legal bases.
type LegalBasis struct {
	ID             LegalBasisID
	OrganisationID OrganisationID
	Name           string
	Created        time.Time
}

// Validate checks a legal basis.
func (l LegalBasis) Validate() error {
	if n := utf8.RuneCountInString(strings.TrimSpace(l.Name)); n == 0 || n > 200 {
		return Invalid([]Problem{{Field: "name", Key: "legal_basis.name.invalid"}})
	}
	return nil
}

// Restriction is a limit placed on the person, with its legal basis and
// dates, and the person's own view beside it (their own version).
type Restriction struct {
	ID          RestrictionID
	PersonID    PersonID
	Kind        RestrictionKind
	Description string
	// LegalBasisID picks from the organisation's list; LegalBasis is free
	// text (the name of the listed one, or words of its own).
	LegalBasisID LegalBasisID
	LegalBasis   string
	// Start, ReviewDate and End are YYYY-MM-DD; End is empty while in force.
	Start       string
	ReviewDate  string
	End         string
	Version     int
	CreatedBy   AccountID
	Created     time.Time
	UpdatedBy   AccountID
	Updated     time.Time
	PersonView  string
	ViewAt      time.Time
	ViewVersion int
}

// InForce reports whether the restriction holds on day (YYYY-MM-DD).
func (r Restriction) InForce(day string) bool {
	return r.Start <= day && (r.End == "" || r.End > day)
}

// PastReview reports whether the restriction is in force on day and its
// review date has passed: it is flagged until reviewed or ended.
func (r Restriction) PastReview(day string) bool {
	return r.InForce(day) && r.ReviewDate < day
}

// Validate checks a restriction.
func (r Restriction) Validate() error {
	var p []Problem
	if !slices.Contains(RestrictionKinds, r.Kind) {
		p = append(p, Problem{Field: "kind", Key: "restriction.kind.invalid"})
	}
	if strings.TrimSpace(r.LegalBasis) == "" && r.LegalBasisID == "" {
		p = append(p, Problem{Field: "legal_basis", Key: "restriction.legal_basis.required"})
	}
	if utf8.RuneCountInString(r.LegalBasis) > 500 || utf8.RuneCountInString(r.Description) > MaxTextLength {
		p = append(p, Problem{Field: "description", Key: "field.too_long"})
	}
	if !validDate(r.Start) {
		p = append(p, Problem{Field: "start", Key: "date.invalid"})
	}
	if !validDate(r.ReviewDate) {
		p = append(p, Problem{Field: "review_date", Key: "restriction.review_date.required"})
	} else if validDate(r.Start) && r.ReviewDate < r.Start {
		p = append(p, Problem{Field: "review_date", Key: "restriction.review_date.before_start"})
	}
	if r.End != "" && (!validDate(r.End) || r.End < r.Start) {
		p = append(p, Problem{Field: "end", Key: "restriction.end.invalid"})
	}
	return Invalid(p)
}

// Day returns the calendar day of t in loc as YYYY-MM-DD, the form dates
// are stored and compared in.
func Day(t time.Time, loc *time.Location) string { return t.In(loc).Format(time.DateOnly) }
