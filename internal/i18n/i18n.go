// Package i18n holds Heard's translation catalogues (English and Norwegian
// bokmål) and the Localizer that pages use to write every user-visible
// string and date. A missing key shows as [[key]], which tests look for.
package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Lang is a language Heard speaks.
type Lang string

// The languages.
const (
	EN Lang = "en"
	NB Lang = "nb"
)

// Langs lists the languages in the order the switcher shows them.
var Langs = []Lang{EN, NB}

// Parse reads a language tag. Norwegian in any form ("no", "nb-NO", and
// "nn", whose readers read bokmål better than English) is bokmål.
func Parse(tag string) (Lang, bool) {
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	switch primary {
	case "en":
		return EN, true
	case "nb", "no", "nn":
		return NB, true
	}
	return "", false
}

// Negotiate picks the language from an Accept-Language header, English
// when none of the listed languages is known.
func Negotiate(header string) Lang {
	best, bestQ := EN, -1.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(part, ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		if l, ok := Parse(tag); ok && q > bestQ && q > 0 {
			best, bestQ = l, q
		}
	}
	return best
}

// Localizer writes strings and dates in one language and time zone.
type Localizer struct {
	lang Lang
	loc  *time.Location
}

// New returns a localizer; loc is where dates are shown (the service's zone).
func New(lang Lang, loc *time.Location) Localizer {
	if _, ok := catalogues[lang]; !ok {
		lang = EN
	}
	if loc == nil {
		loc = time.UTC
	}
	return Localizer{lang: lang, loc: loc}
}

// T writes the message for key. Arguments are name, value pairs that fill
// the message's named placeholders: T("team.since", "Date", when).
func (l Localizer) T(key string, args ...any) string {
	return catalogues[l.lang].localize(key, nil, args)
}

// N writes a message with plural forms for count (CLDR rules of the
// language), which fills its {{.Count}}.
func (l Localizer) N(key string, count int, args ...any) string {
	return catalogues[l.lang].localize(key, &count, args)
}

// Has reports whether key is in the catalogue.
func (l Localizer) Has(key string) bool {
	_, ok := catalogues[l.lang].forms[key]
	return ok
}

// Lang returns the localizer's language.
func (l Localizer) Lang() Lang { return l.lang }

var monthsNB = []string{"jan.", "feb.", "mars", "apr.", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "des."}

// Date writes a day: "23 Nov 2026" or "23. nov. 2026".
func (l Localizer) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(l.loc)
	if l.lang == NB {
		return fmt.Sprintf("%d. %s %d", t.Day(), monthsNB[t.Month()-1], t.Year())
	}
	return t.Format("2 Jan 2006")
}

// DateTime writes a moment: "23 Nov 2026, 14:05" or "23. nov. 2026 kl. 14:05".
func (l Localizer) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if l.lang == NB {
		return l.Date(t) + " kl. " + t.In(l.loc).Format("15:04")
	}
	return l.Date(t) + ", " + t.In(l.loc).Format("15:04")
}

// Day writes a calendar date kept as text ("2026-11-29") the way Date
// writes a moment, so a page shows one format. Text that is not such a
// date is returned as it is.
func (l Localizer) Day(iso string) string {
	d, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	if l.lang == NB {
		return fmt.Sprintf("%d. %s %d", d.Day(), monthsNB[d.Month()-1], d.Year())
	}
	return d.Format("2 Jan 2006")
}

// Quote puts someone's words in the language's quotation marks: “…” in
// English, «…» in Norwegian.
func (l Localizer) Quote(s string) string {
	if l.lang == NB {
		return "«" + s + "»"
	}
	return "“" + s + "”"
}

// Time writes the time of day: "14:05".
func (l Localizer) Time(t time.Time) string { return t.In(l.loc).Format("15:04") }
