package heard

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Organisation is a service provider using Heard (FHIR Organization).
type Organisation struct {
	ID   OrganisationID
	Name string
	// RequireStaffTOTP makes two-factor login compulsory for staff roles.
	RequireStaffTOTP bool
	CreatedAt        time.Time
}

// UnitKind says what sort of unit it is.
type UnitKind string

// The unit kinds.
const (
	UnitWard          UnitKind = "ward"
	UnitOutpatient    UnitKind = "outpatient"
	UnitCommunityTeam UnitKind = "community_team"
	UnitHomeBased     UnitKind = "home_based"
	UnitOther         UnitKind = "other"
)

// UnitKinds lists the unit kinds in the order forms show them.
var UnitKinds = []UnitKind{UnitWard, UnitOutpatient, UnitCommunityTeam, UnitHomeBased, UnitOther}

// Unit is a ward or team of an organisation (FHIR Organization, part of).
type Unit struct {
	ID             UnitID
	OrganisationID OrganisationID
	Name           string
	Kind           UnitKind
	// Phone and Reach say how a person reaches the unit: a number, and
	// when and how in words. Either may be empty.
	Phone     string
	Reach     string
	CreatedAt time.Time
}

// ValidUnitContact checks a unit's phone number (digits, spaces and + - ( )
// only, with at least three digits) and its words on how to reach it.
func ValidUnitContact(phone, reach string) error {
	var p []Problem
	digits := 0
	for _, r := range phone {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +-()", r):
		default:
			digits = -1000
		}
	}
	if phone != "" && (digits < 3 || len(phone) > 30) {
		p = append(p, Problem{"phone", "unit.phone.invalid"})
	}
	if utf8.RuneCountInString(reach) > 200 {
		p = append(p, Problem{"reach", "field.too_long"})
	}
	return Invalid(p)
}

// Validate checks a unit before it is saved.
func (u Unit) Validate() error {
	var p []Problem
	if n := len(strings.TrimSpace(u.Name)); n == 0 || n > 120 {
		p = append(p, Problem{"name", "unit.name.invalid"})
	}
	valid := false
	for _, k := range UnitKinds {
		valid = valid || k == u.Kind
	}
	if !valid {
		p = append(p, Problem{"kind", "unit.kind.invalid"})
	}
	return Invalid(p)
}

// UnitRole is how an account belongs to a unit.
type UnitRole string

// The unit roles: professionals are members, leaders lead.
const (
	UnitMember UnitRole = "member"
	UnitLeader UnitRole = "leader"
)

// UnitMembership links an account to a unit (FHIR PractitionerRole).
type UnitMembership struct {
	UnitID    UnitID
	AccountID AccountID
	Role      UnitRole
	// Pending is true for a leadership an admin gave that no leader of the
	// unit has confirmed yet: it gives no leader's rights. ConfirmedBy is
	// the leader who confirmed it.
	Pending     bool
	ConfirmedBy AccountID
}
