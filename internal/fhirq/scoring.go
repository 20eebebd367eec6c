package fhirq

import "slices"

// Scoring is how an admin scores an instrument: the sum or the mean of
// named items, some reversed, each answer within Min..Max.
type Scoring struct {
	Method   string   `json:"method"` // "sum", "mean", or "" for no score
	Items    []string `json:"items,omitempty"`
	Reversed []string `json:"reversed,omitempty"`
	Min      float64  `json:"min"`
	Max      float64  `json:"max"`
}

// Check returns the scoring rule's problems against the questionnaire:
// every scored item must exist and give a number, reversed items must be
// scored, and the range must be a range.
func (s Scoring) Check(q Questionnaire) []Problem {
	var p []Problem
	switch s.Method {
	case "":
		if len(s.Items) > 0 {
			p = append(p, Problem{Key: "scoring.method", Detail: s.Method})
		}
		return p
	case "sum", "mean":
	default:
		return []Problem{{Key: "scoring.method", Detail: s.Method}}
	}
	if len(s.Items) == 0 {
		p = append(p, Problem{Key: "scoring.no_items"})
	}
	if s.Min >= s.Max {
		p = append(p, Problem{Key: "scoring.range"})
	}
	for _, id := range s.Items {
		it, ok := q.find(id)
		if !ok {
			p = append(p, Problem{Item: id, Key: "scoring.item_unknown"})
			continue
		}
		numeric := it.Type == TypeInteger || it.Type == TypeDecimal
		if it.Type == TypeChoice {
			numeric = !slices.ContainsFunc(it.AnswerOption, func(o AnswerOption) bool { _, ok := o.Number(); return !ok })
		}
		if !numeric {
			p = append(p, Problem{Item: id, Key: "scoring.item_not_number", Detail: it.Type})
		}
	}
	for _, id := range s.Reversed {
		if !slices.Contains(s.Items, id) {
			p = append(p, Problem{Item: id, Key: "scoring.reversed_not_scored"})
		}
	}
	return p
}

// Score is the instrument's score for the answers, and false when it has
// none: no scoring rule, a scored item unanswered, or an answer outside
// the valid range (then the score would mislead).
func (s Scoring) Score(q Questionnaire, a Answers) (float64, bool) {
	if s.Method == "" || len(s.Items) == 0 {
		return 0, false
	}
	sum := 0.0
	for _, id := range s.Items {
		v, ok := q.Number(id, a)
		if !ok || v < s.Min || v > s.Max {
			return 0, false
		}
		if slices.Contains(s.Reversed, id) {
			v = s.Min + s.Max - v
		}
		sum += v
	}
	if s.Method == "mean" {
		return sum / float64(len(s.Items)), true
	}
	return sum, true
}

// Range is the lowest and highest score the rule can give.
func (s Scoring) Range() (float64, float64) {
	n := float64(len(s.Items))
	if s.Method == "mean" {
		return s.Min, s.Max
	}
	return s.Min * n, s.Max * n
}
