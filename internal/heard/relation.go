package heard

import (
	"slices"
	"strings"
	"time"
)

// CareRelation links a professional to a person they work with (a
// participant in FHIR CareTeam). Only an active care relation lets a
// professional see the person's record.
// A relation is asked for by an admin (or the operator's command line) and
// gives access only once a leader of its unit, not the one who asked, has
// confirmed it: no one can grant access to a record alone.
type CareRelation struct {
	ID             CareRelationID
	PersonID       PersonID
	ProfessionalID AccountID
	UnitID         UnitID
	PrimaryContact bool
	Start          time.Time
	// End is zero while the relation is open.
	End time.Time
	// RequestedBy asked for the relation ("" for relations from before
	// confirmations were required, or the operator's command line).
	RequestedBy AccountID
	// ConfirmedBy is the leader who confirmed it, and Confirmed when; the
	// relation is pending while Confirmed is zero.
	ConfirmedBy AccountID
	Confirmed   time.Time
}

// ActiveAt reports whether the relation holds at t: confirmed by then,
// started and not ended.
func (c CareRelation) ActiveAt(t time.Time) bool {
	return !c.Confirmed.IsZero() && !c.Confirmed.After(t) && !c.Start.After(t) && (c.End.IsZero() || c.End.After(t))
}

// Pending reports whether the relation waits for a leader's confirmation.
func (c CareRelation) Pending() bool { return c.Confirmed.IsZero() && c.End.IsZero() }

// Scope is one part of a person's record that the person can share with a
// network member. Nothing is shared unless the person grants its scope.
type Scope string

// The scopes a person can grant. Later issues add what each one shows; the
// names are stable because links store them.
const (
	ScopeCareTeam   Scope = "care_team"
	ScopePlan       Scope = "plan"
	ScopeCrisisPlan Scope = "crisis_plan"
	ScopeMeetings   Scope = "meetings"
	// ScopeMessages lets a network member write with her team.
	ScopeMessages Scope = "messages"
)

// Scopes lists every scope in the order the person's page shows them.
var Scopes = []Scope{ScopeCareTeam, ScopePlan, ScopeCrisisPlan, ScopeMeetings, ScopeMessages}

// ParseScopes reads the space-separated stored form, dropping unknown names so
// that a scope retired in a later version grants nothing.
func ParseScopes(s string) []Scope {
	var out []Scope
	for _, f := range strings.Fields(s) {
		if slices.Contains(Scopes, Scope(f)) && !slices.Contains(out, Scope(f)) {
			out = append(out, Scope(f))
		}
	}
	return out
}

// FormatScopes writes scopes in their stored form, in canonical order.
func FormatScopes(scopes []Scope) string {
	var names []string
	for _, s := range Scopes {
		if slices.Contains(scopes, s) {
			names = append(names, string(s))
		}
	}
	return strings.Join(names, " ")
}

// NetworkLink links a network member to the person who invited them (FHIR
// RelatedPerson), with the scopes the person granted.
type NetworkLink struct {
	ID       NetworkLinkID
	PersonID PersonID
	MemberID AccountID
	// Relationship is in the person's words: "my sister", "neighbour".
	Relationship string
	Scopes       []Scope
	Created      time.Time
	// Until is when the access she gave ends unless she renews it.
	Until time.Time
	// Revoked is zero while the link holds.
	Revoked time.Time
}

// AccessMonths are the periods she can give a network member access for;
// DefaultAccessMonths is the one offered first.
var AccessMonths = []int{3, 6, 12, 24}

// DefaultAccessMonths is a year: long enough not to nag, short enough
// that access does not outlive her wish.
const DefaultAccessMonths = 12

// AccessReminder is how long before a member's access ends she is told.
const AccessReminder = 30 * 24 * time.Hour

// ValidAccessMonths reports whether months is a period she can choose.
func ValidAccessMonths(months int) bool { return slices.Contains(AccessMonths, months) }

// Active reports whether the link has not been revoked; its access may
// still have lapsed (Current).
func (l NetworkLink) Active() bool { return l.Revoked.IsZero() }

// Current reports whether the link gives access at now: not revoked and
// within the period she chose.
func (l NetworkLink) Current(now time.Time) bool { return l.Active() && now.Before(l.Until) }

// EndsSoon reports whether the access is current but ends within the
// reminder period, or has lapsed without being removed: either way she is
// asked whether to renew.
func (l NetworkLink) EndsSoon(now time.Time) bool {
	return l.Active() && l.Until.Sub(now) < AccessReminder
}

// Grants reports whether the link shares scope s. Links reach policy only
// while current (the store loads them by time).
func (l NetworkLink) Grants(s Scope) bool { return l.Active() && slices.Contains(l.Scopes, s) }

// Relations is everything that ties one actor to one person, loaded fresh
// for each decision. Policy decides from it alone.
type Relations struct {
	// Care holds the actor's care relations with the person active now.
	Care []CareRelation
	// Link is the actor's active network link to the person, if any.
	Link *NetworkLink
	// Emergency is the actor's emergency access to the person in force now.
	Emergency *EmergencyAccess
}
