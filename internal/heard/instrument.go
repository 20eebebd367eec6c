package heard

import "time"

// InstrumentID identifies an imported questionnaire.
type InstrumentID string

// Instrument is a questionnaire a service holds a licence for, imported
// by an admin as a FHIR Questionnaire resource and kept as imported, with
// the licence note, the scoring rule and how often persons are asked.
type Instrument struct {
	ID             InstrumentID
	OrganisationID OrganisationID
	Title          string
	// Licence says on what terms the service may use it; every admin sees
	// it beside the instrument.
	Licence   string
	Resource  string // the Questionnaire JSON
	Scoring   ScoringRule
	Schedule  CheckInSchedule
	CreatedBy AccountID
	Created   time.Time
}

// ScoringRule scores an instrument: the sum or mean of named items, some
// reversed, each answer within Min..Max. An empty Method gives no score.
type ScoringRule struct {
	Method   string
	Items    []string
	Reversed []string
	Min, Max float64
}

// QuestionnaireResponseID identifies one set of answers.
type QuestionnaireResponseID string

// QuestionnaireResponse is a person's answers to an instrument, kept as a
// FHIR QuestionnaireResponse, with the score the rule gave (HasScore false
// when it gave none).
type QuestionnaireResponse struct {
	ID           QuestionnaireResponseID
	PersonID     PersonID
	InstrumentID InstrumentID
	Response     string // the QuestionnaireResponse JSON
	Score        float64
	HasScore     bool
	Created      time.Time
}
