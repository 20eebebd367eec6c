package heard

import (
	"slices"
	"time"
	"unicode/utf8"
)

// FeedbackID identifies one person's feedback on one meeting.
type FeedbackID string

// Share is whom a piece of feedback is shared with, beyond its author.
type Share string

// The choices. No choice (the default) is "only me".
const (
	// ShareProfessionals shares it with the professionals who took part in
	// the meeting, to talk about it together.
	ShareProfessionals Share = "professionals"
	// SharePool gives its texts, de-identified, to the service's story pool
	// as anonymous learning material.
	SharePool Share = "pool"
)

// Shares lists the choices.
var Shares = []Share{ShareProfessionals, SharePool}

// FeedbackScale is how many steps each question's scale has; 0 is "not
// answered".
const FeedbackScale = 5

// FeedbackQuestion names one of the four questions.
type FeedbackQuestion string

// The questions, in the order they are asked.
const (
	QuestionHeard     FeedbackQuestion = "heard"
	QuestionRespected FeedbackQuestion = "respected"
	QuestionMattered  FeedbackQuestion = "mattered"
	QuestionHope      FeedbackQuestion = "hope"
)

// FeedbackQuestions lists them in order.
var FeedbackQuestions = []FeedbackQuestion{QuestionHeard, QuestionRespected, QuestionMattered, QuestionHope}

// Feedback is what one participant says about one meeting: a tap per
// question, two optional texts, and whom it is shared with. It is never a
// score on a named professional: it belongs to the meeting and its author.
type Feedback struct {
	ID          FeedbackID
	PersonID    PersonID
	EncounterID EncounterID
	Author      AccountID
	// Answers holds each question's step, 1..FeedbackScale; a question
	// left out is absent.
	Answers   map[FeedbackQuestion]int
	Helped    string
	FeltWrong string
	Share     []Share
	// Stories are the pool stories made from its texts while it is shared
	// with the pool; only its author ever sees them here.
	Stories map[StoryKind]StoryID
	Version int
	Created time.Time
	Updated time.Time
}

// SharedWith reports whether the author shared it with s.
func (f Feedback) SharedWith(s Share) bool { return slices.Contains(f.Share, s) }

// Validate checks the answers, texts and sharing choices.
func (f Feedback) Validate() error {
	var p []Problem
	for q, v := range f.Answers {
		if !slices.Contains(FeedbackQuestions, q) || v < 1 || v > FeedbackScale {
			p = append(p, Problem{Field: string(q), Key: "feedback.answer.invalid"})
		}
	}
	if utf8.RuneCountInString(f.Helped) > MaxTextLength {
		p = append(p, Problem{Field: "helped", Key: "field.too_long"})
	}
	if utf8.RuneCountInString(f.FeltWrong) > MaxTextLength {
		p = append(p, Problem{Field: "felt_wrong", Key: "field.too_long"})
	}
	for _, s := range f.Share {
		if !slices.Contains(Shares, s) {
			p = append(p, Problem{Field: "share", Key: "feedback.share.invalid"})
			break
		}
	}
	if len(f.Answers) == 0 && f.Helped == "" && f.FeltWrong == "" {
		p = append(p, Problem{Field: "heard", Key: "feedback.empty"})
	}
	return Invalid(p)
}

// FeedbackAsked is how long after a meeting her home asks how it was:
// after that the question has gone stale, though the meeting's page still
// takes feedback.
const FeedbackAsked = 14 * 24 * time.Hour

// FeedbackLinkLife is how long a feedback link works.
const FeedbackLinkLife = 7 * 24 * time.Hour

// FeedbackLink lets its holder give feedback on one meeting without
// logging in, once, within FeedbackLinkLife. Only a hash of its token is
// stored.
type FeedbackLink struct {
	TokenHash   string
	PersonID    PersonID
	EncounterID EncounterID
	CreatedBy   AccountID
	Created     time.Time
	Expires     time.Time
	Used        time.Time
}

// Usable reports whether the link still works at now.
func (l FeedbackLink) Usable(now time.Time) bool { return l.Used.IsZero() && now.Before(l.Expires) }
