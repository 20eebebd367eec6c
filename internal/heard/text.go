package heard

import (
	"unicode/utf8"
)

// ValidText reports whether s is text Heard stores: valid UTF-8 without
// control characters (tab and line breaks aside) and without the
// characters that override or isolate the direction of text, which can make
// a note read differently on screen from what it says ("Trojan Source").
// Every surface applies this one rule to everything it receives.
func ValidText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r < 0x20 || (r >= 0x7f && r <= 0x9f):
			return false
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return false
		}
	}
	return true
}
