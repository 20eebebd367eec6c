package heard

import (
	"strings"
	"time"
)

// Person is someone who uses the service (FHIR Patient). The record holds only
// what identifies them; everything else about them hangs off their ID.
type Person struct {
	ID             PersonID
	OrganisationID OrganisationID
	// AccountID is empty until the person has a login.
	AccountID AccountID
	// Name is the name the person wants to be called by.
	Name string
	// BirthDate is YYYY-MM-DD or empty; it tells two people of the same name
	// apart when a professional searches for emergency access.
	BirthDate string
	// Capacity is how much the person can take right now; pages adapt.
	Capacity    Capacity
	CapacitySet time.Time
	CreatedAt   time.Time
}

// Capacity is how much a person can take right now. Low shows only what
// is immediate, one question at a time; high shows the full planning views.
type Capacity string

// The capacities.
const (
	CapacityLow    Capacity = "low"
	CapacityMedium Capacity = "medium"
	CapacityHigh   Capacity = "high"
)

// Capacities lists the capacities from least to most.
var Capacities = []Capacity{CapacityLow, CapacityMedium, CapacityHigh}

// Validate checks a person before they are saved.
func (p Person) Validate() error {
	var probs []Problem
	if n := len(strings.TrimSpace(p.Name)); n == 0 || n > 120 {
		probs = append(probs, Problem{Field: "name", Key: "person.name.invalid"})
	}
	if p.BirthDate != "" {
		if _, err := time.Parse(time.DateOnly, p.BirthDate); err != nil {
			probs = append(probs, Problem{Field: "birth_date", Key: "person.birth_date.invalid"})
		}
	}
	return Invalid(probs)
}

// FoldName returns the form of a name used for searching: lowercased with
// Unicode rules (SQLite's lower() only knows ASCII, so folding happens here,
// the same for both engines).
func FoldName(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}
