package heard

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// DecisionID identifies a decision.
type DecisionID string

// DecidedBy is who made a decision.
type DecidedBy string

// Who can decide.
const (
	DecidedByPerson       DecidedBy = "person"
	DecidedTogether       DecidedBy = "together"
	DecidedByProfessional DecidedBy = "professional"
	DecidedByOtherBody    DecidedBy = "other_body"
)

// DecidedBys lists who can decide, the person first.
var DecidedBys = []DecidedBy{DecidedByPerson, DecidedTogether, DecidedByProfessional, DecidedByOtherBody}

// Followed says whether an outcome followed the person's preference.
type Followed string

// The answers.
const (
	FollowedYes    Followed = "yes"
	FollowedPartly Followed = "partly"
	FollowedNo     Followed = "no"
)

// Followeds lists the answers.
var Followeds = []Followed{FollowedYes, FollowedPartly, FollowedNo}

// ConstraintKind is where a constraint on a decision comes from.
type ConstraintKind string

// The constraint kinds.
const (
	ConstraintLaw       ConstraintKind = "law"
	ConstraintResources ConstraintKind = "resources"
	ConstraintSafety    ConstraintKind = "safety"
	ConstraintOther     ConstraintKind = "other"
)

// ConstraintKinds lists the kinds.
var ConstraintKinds = []ConstraintKind{ConstraintLaw, ConstraintResources, ConstraintSafety, ConstraintOther}

// Constraint limits the options of a decision, and says who set it.
type Constraint struct {
	Kind  ConstraintKind
	Text  string
	SetBy string
}

// Decision is a shared-decision record: power made visible. The person's
// comment is theirs alone, with its own version.
type Decision struct {
	ID          DecisionID
	PersonID    PersonID
	OnTable     string
	Options     string
	Constraints []Constraint
	// Preference is the person's preference, in their words; PreferenceBy
	// wrote it down (her own account when she wrote or corrected it).
	Preference   string
	PreferenceBy AccountID
	PreferenceAt time.Time
	// PreferenceOwn: she wrote or corrected the preference herself, so
	// nobody else rewords it. Not stored: the app sets it from
	// PreferenceBy and her account.
	PreferenceOwn bool
	Outcome       string
	DecidedBy     DecidedBy
	// DecidedByOther names the other body when DecidedBy is other_body.
	DecidedByOther    string
	Followed          Followed
	NotFollowedReason string
	// ReviewDate is YYYY-MM-DD or empty.
	ReviewDate     string
	Version        int
	CreatedBy      AccountID
	Created        time.Time
	UpdatedBy      AccountID
	Updated        time.Time
	PersonComment  string
	CommentAt      time.Time
	CommentVersion int
}

// Decided reports whether the decision has an outcome yet.
func (d Decision) Decided() bool { return strings.TrimSpace(d.Outcome) != "" }

// NotFollowed reports whether the outcome did not (fully) follow the
// person's preference: pages make it stand out.
func (d Decision) NotFollowed() bool { return d.Followed == FollowedNo || d.Followed == FollowedPartly }

// DueForReview reports whether the review date is on or before day.
func (d Decision) DueForReview(day string) bool { return d.ReviewDate != "" && d.ReviewDate <= day }

// Validate checks a decision. An outcome needs who decided and whether it
// followed the person's preference; anything but "yes" needs a reason.
func (d Decision) Validate() error {
	var p []Problem
	long := func(field, v string, max int) {
		if utf8.RuneCountInString(v) > max {
			p = append(p, Problem{Field: field, Key: "field.too_long"})
		}
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(d.OnTable)); n == 0 || n > 1000 {
		p = append(p, Problem{Field: "on_table", Key: "decision.on_table.required"})
	}
	long("options", d.Options, MaxTextLength)
	long("preference", d.Preference, MaxTextLength)
	long("outcome", d.Outcome, MaxTextLength)
	long("not_followed_reason", d.NotFollowedReason, MaxTextLength)
	for _, c := range d.Constraints {
		if !slices.Contains(ConstraintKinds, c.Kind) || strings.TrimSpace(c.Text) == "" || strings.TrimSpace(c.SetBy) == "" {
			p = append(p, Problem{Field: "constraints", Key: "decision.constraint.invalid"})
			break
		}
	}
	if d.DecidedBy != "" && !slices.Contains(DecidedBys, d.DecidedBy) {
		p = append(p, Problem{Field: "decided_by", Key: "decision.decided_by.invalid"})
	}
	if d.DecidedBy == DecidedByOtherBody && strings.TrimSpace(d.DecidedByOther) == "" {
		p = append(p, Problem{Field: "decided_by_other", Key: "decision.decided_by_other.required"})
	}
	if d.Followed != "" && !slices.Contains(Followeds, d.Followed) {
		p = append(p, Problem{Field: "followed", Key: "decision.followed.invalid"})
	}
	if d.Decided() {
		if d.DecidedBy == "" {
			p = append(p, Problem{Field: "decided_by", Key: "decision.decided_by.required"})
		}
		if d.Followed == "" {
			p = append(p, Problem{Field: "followed", Key: "decision.followed.required"})
		}
	}
	if (d.Followed == FollowedPartly || d.Followed == FollowedNo) && strings.TrimSpace(d.NotFollowedReason) == "" {
		p = append(p, Problem{Field: "not_followed_reason", Key: "decision.not_followed_reason.required"})
	}
	if d.ReviewDate != "" && !validDate(d.ReviewDate) {
		p = append(p, Problem{Field: "review_date", Key: "date.invalid"})
	}
	return Invalid(p)
}

// validDate reports whether s is a YYYY-MM-DD date.
func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// ValidComment checks a person's comment or view.
func ValidComment(field, text string) error {
	if utf8.RuneCountInString(text) > MaxTextLength {
		return Invalid([]Problem{{Field: field, Key: "field.too_long"}})
	}
	return nil
}

// DecisionField names a recorded part of a decision, for its history.
type DecisionField string

// The recorded parts, in the order a decision page shows them.
const (
	FieldOnTable           DecisionField = "on_table"
	FieldOptions           DecisionField = "options"
	FieldConstraints       DecisionField = "constraints"
	FieldPreference        DecisionField = "preference"
	FieldOutcome           DecisionField = "outcome"
	FieldDecidedBy         DecisionField = "decided_by"
	FieldFollowed          DecisionField = "followed"
	FieldNotFollowedReason DecisionField = "not_followed_reason"
	FieldReviewDate        DecisionField = "review_date"
)

// DecisionFields lists the recorded parts.
var DecisionFields = []DecisionField{FieldOnTable, FieldOptions, FieldConstraints, FieldPreference, FieldOutcome,
	FieldDecidedBy, FieldFollowed, FieldNotFollowedReason, FieldReviewDate}

// Changed lists the recorded parts that differ between prev and d.
func (d Decision) Changed(prev Decision) []DecisionField {
	differ := map[DecisionField]bool{
		FieldOnTable:           d.OnTable != prev.OnTable,
		FieldOptions:           d.Options != prev.Options,
		FieldConstraints:       !slices.Equal(d.Constraints, prev.Constraints),
		FieldPreference:        d.Preference != prev.Preference,
		FieldOutcome:           d.Outcome != prev.Outcome,
		FieldDecidedBy:         d.DecidedBy != prev.DecidedBy || d.DecidedByOther != prev.DecidedByOther,
		FieldFollowed:          d.Followed != prev.Followed,
		FieldNotFollowedReason: d.NotFollowedReason != prev.NotFollowedReason,
		FieldReviewDate:        d.ReviewDate != prev.ReviewDate,
	}
	var out []DecisionField
	for _, f := range DecisionFields {
		if differ[f] {
			out = append(out, f)
		}
	}
	return out
}
