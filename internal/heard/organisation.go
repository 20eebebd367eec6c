package heard

import (
	"regexp"
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
	// ReplyHours are when the team answers messages; CrisisNote says,
	// wherever a person or network member writes, whom to call instead.
	ReplyHours ReplyHours
	CrisisNote string
}

// phoneNumber is a number as people write it: digits in groups parted by
// one space or hyphen, with + first for a country code. What is shown is
// then what a tap dials.
var phoneNumber = regexp.MustCompile(`^\+?[0-9]+([ -][0-9]+)*$`)

// ValidUnitContact checks a unit's phone number (3 to 15 digits, written as
// phoneNumber allows) and its words on how to reach it.
func ValidUnitContact(phone, reach string) error {
	var p []Problem
	digits := 0
	for _, r := range phone {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	if phone != "" && (!phoneNumber.MatchString(phone) || digits < 3 || digits > 15) {
		p = append(p, Problem{Field: "phone", Key: "unit.phone.invalid"})
	}
	if utf8.RuneCountInString(reach) > 200 {
		p = append(p, Problem{Field: "reach", Key: "field.too_long"})
	}
	return Invalid(p)
}

// Validate checks a unit before it is saved.
func (u Unit) Validate() error {
	var p []Problem
	if n := len(strings.TrimSpace(u.Name)); n == 0 || n > 120 {
		p = append(p, Problem{Field: "name", Key: "unit.name.invalid"})
	}
	valid := false
	for _, k := range UnitKinds {
		valid = valid || k == u.Kind
	}
	if !valid {
		p = append(p, Problem{Field: "kind", Key: "unit.kind.invalid"})
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
