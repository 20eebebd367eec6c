// Package deid takes what identifies people out of free text before it goes
// into the story pool: names Heard knows, phone numbers, e-mail addresses,
// street addresses, postcodes, dates with a year, and Norwegian national
// identity numbers. Each becomes a placeholder such as [name].
//
// It errs on the side of removing too much: a surname that is also a
// common word goes wherever it appears. It never removes part of a word:
// "Kari" goes from "Kari's" and "Karis" but "Karin" and "Karikatur" stay.
package deid

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The placeholders that replace what was found.
const (
	Name     = "[name]"
	Phone    = "[phone]"
	Email    = "[email]"
	Address  = "[address]"
	Postcode = "[postcode]"
	Date     = "[date]"
	IDNumber = "[id-number]"
	Handle   = "[handle]"
)

// Scrubber removes identifying details; it is safe for concurrent use.
type Scrubber struct {
	names map[string]bool
}

// New returns a Scrubber that knows the given full names. Each name counts
// in its parts ("Anne-Kari Holm" gives "Anne", "Kari" and "Holm", so the
// hyphenated form goes too); parts of one letter are ignored.
func New(names []string) *Scrubber {
	s := &Scrubber{names: map[string]bool{}}
	for _, full := range names {
		for _, word := range strings.FieldsFunc(norm.NFC.String(full), func(r rune) bool { return !isWordRune(r) }) {
			if utf8.RuneCountInString(word) > 1 {
				s.names[fold(word)] = true
			}
		}
	}
	return s
}

// rule is one pattern and its placeholder. A match counts only when it
// stands alone: nothing for which touches reports true is next to it. A
// number stands alone when no digit touches it ("tlf:12345678" and
// "tlf12345678" both go); words need no letter either.
type rule struct {
	re          *regexp.Regexp
	placeholder string
	touches     func(rune) bool
	// keep is what of the match stays: the first group after the
	// placeholder (a postcode's place), or before it (a title before a
	// name).
	keep keep
}

type keep int

const (
	keepNothing keep = iota
	keepAfter
	keepBefore
)

// The rules run in this order: an e-mail address holds names and digits,
// and a national identity number or a date looks like a phone number.
var rules = []rule{
	{regexp.MustCompile(`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+`), Email, isWordRune, keepNothing},
	// An address written to dodge spam filters: "kari (at) example.no".
	{regexp.MustCompile(`[\p{L}\p{N}._%+-]+\s?[(\[]\s?(?i:at|krøll)\s?[)\]]\s?[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+`), Email, isWordRune, keepNothing},
	// A handle on a social network: "@adalindqvam".
	{regexp.MustCompile(`@[\p{L}\p{N}_.]{2,}`), Handle, isWordRune, keepNothing},
	// Fødselsnummer (and D- and H-numbers): six digits and five more, as
	// one block or with a space or hyphen between.
	{regexp.MustCompile(`\d{6}[ -]?\d{5}`), IDNumber, unicode.IsDigit, keepNothing},
	{regexp.MustCompile(`(?i)\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*(\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.?\s+(` + months + `)\.?\s+\d{4}|(` + months + `)\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}`), Date, isWordRune, keepNothing},
	// Phone numbers: an optional country code (+47, 0047), then eight to
	// twelve digits in groups split by spaces, dots, hyphens or brackets.
	{regexp.MustCompile(`(\+|00)\d{1,3}[\s.-]?(\(\d{1,4}\)[\s.-]?)?\d([\s.-]?\d){5,11}|\(?\d{2,4}\)?([\s.-]?\d){6,10}`), Phone, unicode.IsDigit, keepNothing},
	// Street addresses: a Norwegian street and its number ("Storgata 12B",
	// "Bjørnstjerne Bjørnsons gate 3"), or an English number and street.
	{regexp.MustCompile(`[\p{L}-]*(?i:gata|gate|gaten|gt\.|gt|veien|vei|vn\.|vegen|veg|allé|plass|plassen|stien|bakken|torget|brygga|bryggen|street|road|avenue|lane)\s*\d{1,4}[a-hA-H]?`), Address, isWordRune, keepNothing},
	{regexp.MustCompile(`\d{1,4}\s+(\p{Lu}\p{Ll}+\s+)+(?i:street|st|road|rd|avenue|ave|lane|drive|close|way)\.?`), Address, isWordRune, keepNothing},
	// A postcode is four digits before a place name ("0150 Oslo").
	{regexp.MustCompile(`\d{4}(\s+\p{Lu}\p{Ll}+)`), Postcode, isWordRune, keepAfter},
	// Dates without a year tell when something happened to someone:
	// "3. mars", "3 December", "December 3rd", "25/11", "25.11.".
	{regexp.MustCompile(`(?i)\d{1,2}(st|nd|rd|th)?\s+of\s+(` + months + `)\b|\d{1,2}\.?\s+(` + months + `)\b\.?|(` + months + `)\s+\d{1,2}(st|nd|rd|th)?|\d{1,2}/\d{1,2}|\d{1,2}\.\d{1,2}\.`), Date, isWordRune, keepNothing},
	// A name Heard does not know, after a title: "Dr. Hansen", "lege
	// Berg", "nurse Ole-Kristian".
	{regexp.MustCompile(`((?i:dr|doctor|doktor|nurse|lege|legen|sykepleier|sykepleieren|psykolog|psykologen|psychologist|therapist|terapeut|terapeuten)\.?\s+)\p{Lu}[\p{L}]*(-\p{Lu}[\p{L}]*)*(\s+\p{Lu}[\p{L}]*)?`), Name, isWordRune, keepBefore},
}

const months = `januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|` +
	`january|february|march|may|june|july|october|december|` +
	`jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|des|dec`

// Scrub returns text with everything identifying replaced.
func (s *Scrubber) Scrub(text string) string {
	text = norm.NFC.String(text)
	for _, r := range rules {
		text = replaceAlone(text, r)
	}
	return s.scrubNames(text)
}

// replaceAlone replaces the rule's matches that no letter or digit
// touches, keeping what the rule keeps.
func replaceAlone(text string, r rule) string {
	var b strings.Builder
	last := 0
	for _, m := range r.re.FindAllStringSubmatchIndex(text, -1) {
		start, end := m[0], m[1]
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if start > 0 && r.touches(before) || end < len(text) && r.touches(after) {
			continue
		}
		b.WriteString(text[last:start])
		if r.keep == keepBefore {
			b.WriteString(text[m[2]:m[3]])
		}
		b.WriteString(r.placeholder)
		if r.keep == keepAfter {
			b.WriteString(text[m[2]:m[3]])
		}
		last = end
	}
	b.WriteString(text[last:])
	return b.String()
}

// compound is a hyphenated name: capitalised parts ("Ole-Kari").
var compound = regexp.MustCompile(`\p{Lu}\p{L}*(-\p{Lu}\p{L}*)+`)

// scrubNames replaces every word that is a known name, or a known name
// with the Norwegian genitive s ("Karis"), whatever its case; a hyphenated
// name goes whole when any part of it is known ("Ole-Kari").
func (s *Scrubber) scrubNames(text string) string {
	text = compound.ReplaceAllStringFunc(text, func(m string) string {
		for _, part := range strings.Split(m, "-") {
			if s.isName(part) {
				return Name
			}
		}
		return m
	})
	var b strings.Builder
	for len(text) > 0 {
		i := strings.IndexFunc(text, isWordRune)
		if i < 0 {
			b.WriteString(text)
			break
		}
		b.WriteString(text[:i])
		text = text[i:]
		j := strings.IndexFunc(text, func(r rune) bool { return !isWordRune(r) })
		if j < 0 {
			j = len(text)
		}
		word := text[:j]
		if s.isName(word) {
			b.WriteString(Name)
		} else {
			b.WriteString(word)
		}
		text = text[j:]
	}
	return b.String()
}

func (s *Scrubber) isName(word string) bool {
	f := fold(word)
	if s.names[f] {
		return true
	}
	stem, ok := strings.CutSuffix(f, "s")
	return ok && s.names[stem]
}

func fold(word string) string { return strings.ToLower(word) }

// isWordRune reports whether r belongs to a word: letters (æøå among
// them), digits and the marks that combine with letters.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
