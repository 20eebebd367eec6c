package fhirq

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Answers are a person's answers by linkId, as a form sends them: "true"
// or "false" for a boolean, the number for integer and decimal, the text,
// and an option's Key for a choice.
type Answers map[string]string

// Flat is an item in reading order, with how deep it sits.
type Flat struct {
	Item  Item
	Depth int
}

// Flat lists every item depth first, groups before their items.
func (q Questionnaire) Flat() []Flat {
	var out []Flat
	var walk func([]Item, int)
	walk = func(items []Item, depth int) {
		for _, it := range items {
			out = append(out, Flat{it, depth})
			walk(it.Item, depth+1)
		}
	}
	walk(q.Item, 0)
	return out
}

// Questions lists the items that take an answer, in reading order.
func (q Questionnaire) Questions() []Item {
	var out []Item
	for _, f := range q.Flat() {
		if f.Item.Type != TypeGroup && f.Item.Type != TypeDisplay {
			out = append(out, f.Item)
		}
	}
	return out
}

func (q Questionnaire) find(linkID string) (Item, bool) {
	for _, f := range q.Flat() {
		if f.Item.LinkID == linkID {
			return f.Item, true
		}
	}
	return Item{}, false
}

// Enabled reports whether it is shown given the answers so far: always
// without enableWhen; with it, when all (or any) conditions hold. An
// item inside a group that is not shown is not shown either.
func (q Questionnaire) Enabled(it Item, a Answers) bool {
	if len(it.EnableWhen) == 0 {
		return true
	}
	any := it.EnableBehavior == "any"
	for _, ew := range it.EnableWhen {
		target, _ := q.find(ew.Question)
		if holds := ew.holds(target, a[ew.Question]); holds && any {
			return true
		} else if !holds && !any {
			return false
		}
	}
	return !any
}

func (ew EnableWhen) holds(target Item, raw string) bool {
	if ew.Operator == "exists" {
		return (raw != "") == *ew.AnswerBoolean
	}
	if raw == "" {
		return false
	}
	var cmp int
	switch {
	case ew.AnswerBoolean != nil:
		cmp = strings.Compare(raw, strconv.FormatBool(*ew.AnswerBoolean))
	case target.Type == TypeChoice:
		cmp = strings.Compare(raw, ew.key())
	case ew.AnswerString != nil:
		cmp = strings.Compare(raw, *ew.AnswerString)
	default:
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return false
		}
		want := 0.0
		if ew.AnswerInteger != nil {
			want = float64(*ew.AnswerInteger)
		} else if ew.AnswerDecimal != nil {
			want = *ew.AnswerDecimal
		}
		cmp = compareFloat(v, want)
	}
	switch ew.Operator {
	case "=":
		return cmp == 0
	case "!=":
		return cmp != 0
	case ">":
		return cmp > 0
	case "<":
		return cmp < 0
	case ">=":
		return cmp >= 0
	case "<=":
		return cmp <= 0
	}
	return false
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Check keeps the answers to items that are shown, and returns a problem
// for each answer that does not fit its item and each required item shown
// and left unanswered.
func (q Questionnaire) Check(a Answers) (Answers, []Problem) {
	kept := Answers{}
	var problems []Problem
	if len(a) > MaxItems {
		return kept, []Problem{{Key: "questionnaire.too_many"}}
	}
	for linkID := range a {
		if it, ok := q.find(linkID); !ok || it.Type == TypeGroup || it.Type == TypeDisplay {
			problems = append(problems, Problem{Item: linkID, Key: "questionnaire.unknown_item"})
		}
	}
	slices.SortFunc(problems, func(x, y Problem) int { return strings.Compare(x.Item, y.Item) })
	if len(problems) > maxProblems {
		problems = problems[:maxProblems]
	}
	for _, it := range q.Questions() {
		raw := strings.TrimSpace(a[it.LinkID])
		if !q.Enabled(it, kept) || !q.groupShown(it.LinkID, kept) {
			continue
		}
		if raw == "" {
			if it.Required {
				problems = append(problems, Problem{Item: it.LinkID, Key: "questionnaire.required"})
			}
			continue
		}
		if key := fits(it, raw); key != "" {
			problems = append(problems, Problem{Item: it.LinkID, Key: key})
			continue
		}
		kept[it.LinkID] = raw
	}
	if len(problems) > maxProblems {
		problems = problems[:maxProblems]
	}
	return kept, problems
}

// maxProblems is as many problems as a refusal lists: enough to fix.
const maxProblems = 20

// groupShown reports whether every group around the item is shown.
func (q Questionnaire) groupShown(linkID string, a Answers) bool {
	var walk func([]Item) (bool, bool)
	walk = func(items []Item) (found, shown bool) {
		for _, it := range items {
			if it.LinkID == linkID {
				return true, true
			}
			if f, s := walk(it.Item); f {
				return true, s && q.Enabled(it, a)
			}
		}
		return false, false
	}
	_, shown := walk(q.Item)
	return shown
}

// fits returns the problem with an answer, or "".
func fits(it Item, raw string) string {
	switch it.Type {
	case TypeBoolean:
		if raw != "true" && raw != "false" {
			return "questionnaire.boolean"
		}
	case TypeInteger:
		if _, err := strconv.Atoi(raw); err != nil {
			return "questionnaire.integer"
		}
	case TypeDecimal:
		if f, err := strconv.ParseFloat(strings.ReplaceAll(raw, ",", "."), 64); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return "questionnaire.decimal"
		}
	case TypeString, TypeText:
		if utf8.RuneCountInString(raw) > MaxText {
			return "field.too_long"
		}
	case TypeChoice:
		if !slices.ContainsFunc(it.AnswerOption, func(o AnswerOption) bool { return o.Key() == raw }) {
			return "questionnaire.choice"
		}
	}
	return ""
}

// Number is an answer's value for scoring.
func (q Questionnaire) Number(linkID string, a Answers) (float64, bool) {
	it, ok := q.find(linkID)
	raw, answered := a[linkID]
	if !ok || !answered {
		return 0, false
	}
	switch it.Type {
	case TypeInteger, TypeDecimal:
		f, err := strconv.ParseFloat(strings.ReplaceAll(raw, ",", "."), 64)
		return f, err == nil
	case TypeChoice:
		for _, o := range it.AnswerOption {
			if o.Key() == raw {
				return o.Number()
			}
		}
	}
	return 0, false
}

// Response is a QuestionnaireResponse with the parts Heard fills.
type Response struct {
	ResourceType  string         `json:"resourceType"`
	ID            string         `json:"id,omitempty"`
	Questionnaire string         `json:"questionnaire"`
	Status        string         `json:"status"`
	Subject       *Reference     `json:"subject,omitempty"`
	Authored      string         `json:"authored"`
	Item          []ResponseItem `json:"item,omitempty"`
}

// Reference points at another resource.
type Reference struct {
	Reference string `json:"reference"`
}

// ResponseItem is one item's answer, or a group of them.
type ResponseItem struct {
	LinkID string           `json:"linkId"`
	Text   string           `json:"text,omitempty"`
	Answer []ResponseAnswer `json:"answer,omitempty"`
	Item   []ResponseItem   `json:"item,omitempty"`
}

// ResponseAnswer holds exactly one value.
type ResponseAnswer struct {
	ValueBoolean *bool    `json:"valueBoolean,omitempty"`
	ValueInteger *int     `json:"valueInteger,omitempty"`
	ValueDecimal *float64 `json:"valueDecimal,omitempty"`
	ValueString  *string  `json:"valueString,omitempty"`
	ValueCoding  *Coding  `json:"valueCoding,omitempty"`
}

// Response writes checked answers as a completed QuestionnaireResponse;
// groups with no answers inside are left out, as FHIR asks.
func (q Questionnaire) Response(id, questionnaire, subject string, authored time.Time, a Answers) Response {
	r := Response{ResourceType: "QuestionnaireResponse", ID: id, Questionnaire: questionnaire, Status: "completed",
		Authored: authored.UTC().Format(time.RFC3339)}
	if subject != "" {
		r.Subject = &Reference{Reference: subject}
	}
	r.Item = responseItems(q.Item, a)
	return r
}

func responseItems(items []Item, a Answers) []ResponseItem {
	var out []ResponseItem
	for _, it := range items {
		switch it.Type {
		case TypeDisplay:
		case TypeGroup:
			if inner := responseItems(it.Item, a); len(inner) > 0 {
				out = append(out, ResponseItem{LinkID: it.LinkID, Text: it.Text, Item: inner})
			}
		default:
			raw, ok := a[it.LinkID]
			if !ok {
				continue
			}
			out = append(out, ResponseItem{LinkID: it.LinkID, Text: it.Text, Answer: []ResponseAnswer{answerOf(it, raw)}})
		}
	}
	return out
}

func answerOf(it Item, raw string) ResponseAnswer {
	switch it.Type {
	case TypeBoolean:
		b := raw == "true"
		return ResponseAnswer{ValueBoolean: &b}
	case TypeInteger:
		n, _ := strconv.Atoi(raw)
		return ResponseAnswer{ValueInteger: &n}
	case TypeDecimal:
		f, _ := strconv.ParseFloat(strings.ReplaceAll(raw, ",", "."), 64)
		return ResponseAnswer{ValueDecimal: &f}
	case TypeChoice:
		for _, o := range it.AnswerOption {
			if o.Key() == raw {
				return ResponseAnswer{ValueCoding: o.ValueCoding, ValueString: o.ValueString, ValueInteger: o.ValueInteger}
			}
		}
	}
	s := raw
	return ResponseAnswer{ValueString: &s}
}

// AnswersOf reads a QuestionnaireResponse's answers back into form
// values, for the API: each item's first answer, to be checked like a
// form's.
func (q Questionnaire) AnswersOf(items []ResponseItem) Answers {
	a := Answers{}
	var walk func([]ResponseItem)
	walk = func(items []ResponseItem) {
		for _, ri := range items {
			walk(ri.Item)
			if len(ri.Answer) == 0 {
				continue
			}
			if _, seen := a[ri.LinkID]; seen {
				continue // the first answer to an item counts
			}
			v := ri.Answer[0]
			it, _ := q.find(ri.LinkID)
			switch {
			case it.Type == TypeChoice:
				a[ri.LinkID] = AnswerOption{ValueCoding: v.ValueCoding, ValueString: v.ValueString, ValueInteger: v.ValueInteger}.Key()
			case v.ValueBoolean != nil:
				a[ri.LinkID] = strconv.FormatBool(*v.ValueBoolean)
			case v.ValueInteger != nil:
				a[ri.LinkID] = strconv.Itoa(*v.ValueInteger)
			case v.ValueDecimal != nil:
				a[ri.LinkID] = strconv.FormatFloat(*v.ValueDecimal, 'f', -1, 64)
			case v.ValueString != nil:
				a[ri.LinkID] = *v.ValueString
			default:
				a[ri.LinkID] = "?"
			}
		}
	}
	walk(items)
	return a
}

// Around returns what frames a question when it is asked alone: the
// groups it sits in, outermost first, and the display texts beside it in
// its group.
func (q Questionnaire) Around(linkID string) (groups, displays []Item) {
	var walk func(items []Item, path []Item) bool
	walk = func(items []Item, path []Item) bool {
		for _, it := range items {
			if it.LinkID == linkID {
				groups = path
				for _, sib := range items {
					if sib.Type == TypeDisplay {
						displays = append(displays, sib)
					}
				}
				return true
			}
			if walk(it.Item, append(slices.Clone(path), it)) {
				return true
			}
		}
		return false
	}
	walk(q.Item, nil)
	return groups, displays
}

// AnswerText is how an answer reads: an option's words, a number or the
// text; a boolean's words are the caller's.
func (a ResponseAnswer) AnswerText(yes, no string) string {
	switch {
	case a.ValueBoolean != nil && *a.ValueBoolean:
		return yes
	case a.ValueBoolean != nil:
		return no
	case a.ValueCoding != nil:
		return AnswerOption{ValueCoding: a.ValueCoding}.Label()
	case a.ValueInteger != nil:
		return strconv.Itoa(*a.ValueInteger)
	case a.ValueDecimal != nil:
		return strconv.FormatFloat(*a.ValueDecimal, 'f', -1, 64)
	case a.ValueString != nil:
		return *a.ValueString
	}
	return ""
}
