package heard

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// InvitationID identifies an invitation to a person's network.
type InvitationID string

// InvitationLife is how long an invitation's link works.
const InvitationLife = 14 * 24 * time.Hour

// Invitation is the person asking someone, by e-mail, into her network
// with the scopes she chose up front. Its link works once, until it
// expires or she withdraws it; only a hash of its token is stored.
type Invitation struct {
	ID       InvitationID
	PersonID PersonID
	// Email, Name and Relationship are as she wrote them: "my sister".
	Email        string
	Name         string
	Relationship string
	Scopes       []Scope
	// Months is how long the access she gives lasts once accepted.
	Months    int
	TokenHash string
	CreatedBy AccountID
	Created   time.Time
	Expires   time.Time
	// Accepted is set when someone used the link, with the account that
	// joined; Withdrawn when she took it back.
	Accepted   time.Time
	AcceptedBy AccountID
	Withdrawn  time.Time
}

// Pending reports whether the invitation waits for an answer at now.
func (i Invitation) Pending(now time.Time) bool {
	return i.Accepted.IsZero() && i.Withdrawn.IsZero() && now.Before(i.Expires)
}

// Validate checks what she wrote.
func (i Invitation) Validate() error {
	var p []Problem
	if a, err := mail.ParseAddress(i.Email); err != nil || a.Address != i.Email || !strings.Contains(i.Email, "@") {
		p = append(p, Problem{Field: "email", Key: "invitation.email.invalid"})
	}
	if strings.TrimSpace(i.Name) == "" || utf8.RuneCountInString(i.Name) > 200 {
		p = append(p, Problem{Field: "name", Key: "invitation.name.invalid"})
	}
	if utf8.RuneCountInString(i.Relationship) > 200 {
		p = append(p, Problem{Field: "relationship", Key: "field.too_long"})
	}
	if !ValidAccessMonths(i.Months) {
		p = append(p, Problem{Field: "months", Key: "invitation.months.invalid"})
	}
	if len(ParseScopes(FormatScopes(i.Scopes))) != len(i.Scopes) {
		p = append(p, Problem{Field: "scopes", Key: "invitation.scopes.invalid"})
	}
	return Invalid(p)
}

// ProposalID identifies a professional's proposal to invite someone.
type ProposalID string

// Proposal is a professional suggesting someone she might invite into her
// network. It waits on her network page until she invites them or sets it
// aside: nobody else can send an invitation, whatever her capacity.
type Proposal struct {
	ID         ProposalID
	PersonID   PersonID
	ProposedBy AccountID
	// ProposerName is filled when read, for her page.
	ProposerName string
	Name         string
	Relationship string
	Reason       string
	Created      time.Time
	// Closed is when she acted on it; Invited says whether she invited.
	Closed  time.Time
	Invited bool
}

// Open reports whether the proposal still waits for her.
func (p Proposal) Open() bool { return p.Closed.IsZero() }

// Validate checks what the professional wrote.
func (p Proposal) Validate() error {
	var out []Problem
	if strings.TrimSpace(p.Name) == "" || utf8.RuneCountInString(p.Name) > 200 {
		out = append(out, Problem{Field: "name", Key: "invitation.name.invalid"})
	}
	if utf8.RuneCountInString(p.Relationship) > 200 {
		out = append(out, Problem{Field: "relationship", Key: "field.too_long"})
	}
	if utf8.RuneCountInString(p.Reason) > 2000 {
		out = append(out, Problem{Field: "reason", Key: "field.too_long"})
	}
	return Invalid(out)
}
