// Package fhirq reads a FHIR R4 Questionnaire resource into the subset
// Heard renders, and writes answers in QuestionnaireResponse shape. It
// refuses a resource whole, with a problem naming the item, when anything
// in it is outside that subset: Heard never shows half an instrument.
//
// Supported item types: group, display, boolean, integer, decimal, string,
// text, and choice with answerOption (valueCoding, valueString or
// valueInteger). Supported conditions: enableWhen on an earlier item with
// the operators exists, =, !=, >, <, >= and <=, and enableBehavior all or
// any. Items may not repeat. A modifierExtension anywhere refuses the
// resource; other elements Heard does not use (text, meta, extensions,
// initial, readOnly, maxLength) are ignored and kept as imported.
package fhirq

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Limits keep a resource within what a person can answer and a server
// should hold.
const (
	MaxItems      = 300
	MaxDepth      = 5
	MaxText       = 2000
	MaxTitle      = 200
	MaxConditions = 10
)

// Questionnaire is the part of a FHIR Questionnaire Heard uses.
type Questionnaire struct {
	ResourceType string `json:"resourceType"`
	ID           string `json:"id,omitempty"`
	URL          string `json:"url,omitempty"`
	Name         string `json:"name,omitempty"`
	Title        string `json:"title,omitempty"`
	Status       string `json:"status"`
	Copyright    string `json:"copyright,omitempty"`
	Item         []Item `json:"item"`
	// ModifierExtension is read only to refuse it: a modifier changes
	// what the resource means, and Heard cannot know how.
	ModifierExtension []json.RawMessage `json:"modifierExtension,omitempty"`
}

// Item is one question, group or text.
type Item struct {
	LinkID         string         `json:"linkId"`
	Text           string         `json:"text,omitempty"`
	Type           string         `json:"type"`
	Required       bool           `json:"required,omitempty"`
	Repeats        bool           `json:"repeats,omitempty"`
	EnableWhen     []EnableWhen   `json:"enableWhen,omitempty"`
	EnableBehavior string         `json:"enableBehavior,omitempty"`
	AnswerOption   []AnswerOption `json:"answerOption,omitempty"`
	Item           []Item         `json:"item,omitempty"`
	// AnswerValueSet is read only to refuse it: options must be listed.
	AnswerValueSet    string            `json:"answerValueSet,omitempty"`
	ModifierExtension []json.RawMessage `json:"modifierExtension,omitempty"`
}

// Coding is a code from a code system, with its words.
type Coding struct {
	System  string `json:"system,omitempty"`
	Code    string `json:"code,omitempty"`
	Display string `json:"display,omitempty"`
}

// AnswerOption is one choice: exactly one of its values is set.
type AnswerOption struct {
	ValueCoding  *Coding `json:"valueCoding,omitempty"`
	ValueString  *string `json:"valueString,omitempty"`
	ValueInteger *int    `json:"valueInteger,omitempty"`
}

// EnableWhen shows an item only when an earlier answer meets it.
type EnableWhen struct {
	Question      string   `json:"question"`
	Operator      string   `json:"operator"`
	AnswerBoolean *bool    `json:"answerBoolean,omitempty"`
	AnswerInteger *int     `json:"answerInteger,omitempty"`
	AnswerDecimal *float64 `json:"answerDecimal,omitempty"`
	AnswerString  *string  `json:"answerString,omitempty"`
	AnswerCoding  *Coding  `json:"answerCoding,omitempty"`
}

// Problem says what is wrong and where; Key is a message key.
type Problem struct {
	Item   string // linkId, or a path when the item has none
	Key    string
	Detail string
}

// Error is a refused resource: every problem found.
type Error struct{ Problems []Problem }

func (e *Error) Error() string {
	p := e.Problems[0]
	return fmt.Sprintf("questionnaire refused: %s at %q (%s) and %d more", p.Key, p.Item, p.Detail, len(e.Problems)-1)
}

// The supported item types.
const (
	TypeGroup   = "group"
	TypeDisplay = "display"
	TypeBoolean = "boolean"
	TypeInteger = "integer"
	TypeDecimal = "decimal"
	TypeString  = "string"
	TypeText    = "text"
	TypeChoice  = "choice"
)

var types = []string{TypeGroup, TypeDisplay, TypeBoolean, TypeInteger, TypeDecimal, TypeString, TypeText, TypeChoice}

var operators = []string{"exists", "=", "!=", ">", "<", ">=", "<="}

// Parse reads and checks a Questionnaire. It returns *Error when the
// resource is not JSON, not a Questionnaire, or uses anything outside the
// supported subset.
func Parse(data []byte) (Questionnaire, error) {
	var q Questionnaire
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&q); err != nil {
		return Questionnaire{}, &Error{[]Problem{{Key: "instrument.json", Detail: jsonDetail(err)}}}
	}
	if dec.More() {
		return Questionnaire{}, &Error{[]Problem{{Key: "instrument.json", Detail: strconv.FormatInt(dec.InputOffset(), 10)}}}
	}
	if q.ResourceType != "Questionnaire" {
		return Questionnaire{}, &Error{[]Problem{{Key: "instrument.not_questionnaire", Detail: q.ResourceType}}}
	}
	c := checker{seen: map[string]Item{}}
	if len(q.Item) == 0 {
		c.add("", "instrument.no_items", "")
	}
	if q.Title == "" && q.Name == "" {
		c.add("", "instrument.no_title", "")
	}
	if utf8.RuneCountInString(q.Title) > MaxTitle || utf8.RuneCountInString(q.Name) > MaxTitle {
		c.add("", "instrument.title_long", strconv.Itoa(MaxTitle))
	}
	if len(q.ModifierExtension) > 0 {
		c.add("", "instrument.modifier", "")
	}
	c.items(q.Item, "", 1)
	if len(c.problems) > 0 {
		return Questionnaire{}, &Error{c.problems}
	}
	return q, nil
}

func jsonDetail(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return strconv.FormatInt(syntax.Offset, 10)
	case errors.As(err, &typ):
		return strconv.FormatInt(typ.Offset, 10)
	}
	return "1"
}

type checker struct {
	problems []Problem
	seen     map[string]Item
	count    int
}

func (c *checker) add(item, key, detail string) {
	if len(c.problems) < maxProblems { // a fuzzed resource can have thousands
		c.problems = append(c.problems, Problem{Item: item, Key: key, Detail: detail})
	}
}

func (c *checker) items(items []Item, path string, depth int) {
	for i, it := range items {
		c.count++
		name := it.LinkID
		if name == "" {
			name = fmt.Sprintf("%sitem[%d]", path, i)
		}
		switch {
		case c.count > MaxItems:
			c.add(name, "instrument.too_many", strconv.Itoa(MaxItems))
			return
		case depth > MaxDepth:
			c.add(name, "instrument.too_deep", strconv.Itoa(MaxDepth))
			return
		}
		c.item(it, name, depth)
		c.items(it.Item, name+".", depth+1)
	}
}

func (c *checker) item(it Item, name string, depth int) {
	switch {
	case it.LinkID == "":
		c.add(name, "instrument.item.no_link_id", "")
	case !utf8.ValidString(it.LinkID) || len(it.LinkID) > 100:
		c.add(name, "instrument.item.bad_link_id", "")
	default:
		if _, dup := c.seen[it.LinkID]; dup {
			c.add(name, "instrument.item.duplicate", "")
		}
	}
	if !slices.Contains(types, it.Type) {
		c.add(name, "instrument.item.type", it.Type)
	}
	if utf8.RuneCountInString(it.Text) > MaxText || !utf8.ValidString(it.Text) {
		c.add(name, "instrument.item.text", "")
	}
	if it.Type != TypeDisplay && it.Type != TypeGroup && it.Text == "" {
		c.add(name, "instrument.item.no_text", "")
	}
	if it.Repeats {
		c.add(name, "instrument.item.repeats", "")
	}
	if it.AnswerValueSet != "" {
		c.add(name, "instrument.item.value_set", "")
	}
	if len(it.ModifierExtension) > 0 {
		c.add(name, "instrument.item.modifier", "")
	}
	if len(it.EnableWhen) > MaxConditions {
		c.add(name, "instrument.item.when_many", strconv.Itoa(MaxConditions))
		it.EnableWhen = nil
	}
	switch {
	case it.Type == TypeGroup && len(it.Item) == 0:
		c.add(name, "instrument.item.empty_group", "")
	case it.Type != TypeGroup && len(it.Item) > 0:
		c.add(name, "instrument.item.nested", it.Type)
	}
	if it.Type == TypeChoice {
		c.options(it, name)
	} else if len(it.AnswerOption) > 0 {
		c.add(name, "instrument.item.options_not_choice", it.Type)
	}
	for _, ew := range it.EnableWhen {
		c.enableWhen(ew, name)
	}
	if !slices.Contains([]string{"", "all", "any"}, it.EnableBehavior) {
		c.add(name, "instrument.item.behavior", it.EnableBehavior)
	}
	if it.LinkID != "" {
		c.seen[it.LinkID] = it
	}
}

func (c *checker) options(it Item, name string) {
	if len(it.AnswerOption) == 0 {
		c.add(name, "instrument.item.no_options", "")
	}
	codes := map[string]bool{}
	for _, o := range it.AnswerOption {
		set := 0
		for _, b := range []bool{o.ValueCoding != nil, o.ValueString != nil, o.ValueInteger != nil} {
			if b {
				set++
			}
		}
		if set != 1 {
			c.add(name, "instrument.item.option", "")
			continue
		}
		key := o.Key()
		if o.ValueCoding != nil && o.ValueCoding.Code == "" {
			c.add(name, "instrument.item.option", "")
		}
		if codes[key] {
			c.add(name, "instrument.item.option_duplicate", key)
		}
		codes[key] = true
	}
}

// enableWhen checks a condition: on an earlier item that takes an answer,
// with an operator and an answer that suit its type.
func (c *checker) enableWhen(ew EnableWhen, name string) {
	target, ok := c.seen[ew.Question]
	switch {
	case !ok:
		c.add(name, "instrument.item.when_unknown", ew.Question)
		return
	case target.Type == TypeGroup || target.Type == TypeDisplay:
		c.add(name, "instrument.item.when_unknown", ew.Question)
		return
	case !slices.Contains(operators, ew.Operator):
		c.add(name, "instrument.item.when_operator", ew.Operator)
		return
	}
	set := 0
	for _, b := range []bool{ew.AnswerBoolean != nil, ew.AnswerInteger != nil, ew.AnswerDecimal != nil, ew.AnswerString != nil, ew.AnswerCoding != nil} {
		if b {
			set++
		}
	}
	if set != 1 {
		c.add(name, "instrument.item.when_answer", ew.Question)
		return
	}
	if ew.Operator == "exists" {
		if ew.AnswerBoolean == nil {
			c.add(name, "instrument.item.when_answer", ew.Question)
		}
		return
	}
	fits := false
	switch target.Type {
	case TypeBoolean:
		fits = ew.AnswerBoolean != nil && (ew.Operator == "=" || ew.Operator == "!=")
	case TypeInteger:
		fits = ew.AnswerInteger != nil
	case TypeDecimal:
		fits = ew.AnswerDecimal != nil || ew.AnswerInteger != nil
	case TypeString, TypeText:
		fits = ew.AnswerString != nil && (ew.Operator == "=" || ew.Operator == "!=")
	case TypeChoice:
		if ew.Operator == "=" || ew.Operator == "!=" {
			want := EnableWhen{AnswerCoding: ew.AnswerCoding, AnswerString: ew.AnswerString, AnswerInteger: ew.AnswerInteger}.key()
			fits = slices.ContainsFunc(target.AnswerOption, func(o AnswerOption) bool { return o.Key() == want })
		}
	}
	if !fits {
		c.add(name, "instrument.item.when_answer", ew.Question)
	}
}

// Key is how an option is told apart: its code, string or integer.
func (o AnswerOption) Key() string {
	switch {
	case o.ValueCoding != nil:
		return "code:" + o.ValueCoding.Code
	case o.ValueString != nil:
		return "string:" + *o.ValueString
	case o.ValueInteger != nil:
		return "integer:" + strconv.Itoa(*o.ValueInteger)
	}
	return ""
}

func (ew EnableWhen) key() string {
	return AnswerOption{ValueCoding: ew.AnswerCoding, ValueString: ew.AnswerString, ValueInteger: ew.AnswerInteger}.Key()
}

// Label is what an option says.
func (o AnswerOption) Label() string {
	switch {
	case o.ValueCoding != nil && o.ValueCoding.Display != "":
		return o.ValueCoding.Display
	case o.ValueCoding != nil:
		return o.ValueCoding.Code
	case o.ValueString != nil:
		return *o.ValueString
	case o.ValueInteger != nil:
		return strconv.Itoa(*o.ValueInteger)
	}
	return ""
}

// Number is the option's value for scoring: its integer, or a code or
// string that is a number.
func (o AnswerOption) Number() (float64, bool) {
	var s string
	switch {
	case o.ValueInteger != nil:
		return float64(*o.ValueInteger), true
	case o.ValueCoding != nil:
		s = o.ValueCoding.Code
	case o.ValueString != nil:
		s = *o.ValueString
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}
