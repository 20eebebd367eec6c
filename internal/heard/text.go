package heard

import (
	"unicode/utf8"
)

// ValidText reports whether s is text Heard stores: valid UTF-8 without
// control characters (tab and line breaks aside), without the characters
// that embed, override or isolate the direction of text, which can make a
// note read differently on screen from what it says ("Trojan Source"),
// without the Arabic letter mark, the Unicode line and paragraph
// separators, a byte-order mark inside text, or noncharacters. The
// left-to-right and right-to-left marks stay: writers of mixed Arabic or
// Hebrew and Norwegian need them, and they reorder nothing by themselves.
// Joiners stay too, or emoji and some scripts break. Every surface applies
// this one rule to everything it receives.
func ValidText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r < 0x20 || (r >= 0x7f && r <= 0x9f):
			return false
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x061c:
			return false
		case r == 0x2028 || r == 0x2029 || r == 0xfeff:
			return false
		case r >= 0xfdd0 && r <= 0xfdef, r&0xfffe == 0xfffe:
			return false
		}
	}
	return true
}
