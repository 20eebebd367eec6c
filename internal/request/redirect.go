package request

import (
	"net/url"
	"strings"
	"unicode"
)

// LocalPath returns next when it is a path on this site, and fallback
// otherwise. Browsers drop tabs and line breaks from a Location and read a
// backslash as a slash, so "/\t/evil.example" would leave the site as
// "//evil.example": anything with a control, space or backslash is refused
// before parsing, and what is returned is rebuilt from the parsed path.
func LocalPath(next, fallback string) string {
	bad := func(r rune) bool { return r == '\\' || unicode.IsSpace(r) || !unicode.IsPrint(r) }
	if next == "" || strings.IndexFunc(next, bad) >= 0 {
		return fallback
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" ||
		!strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(u.Path, "//") {
		return fallback
	}
	out := u.EscapedPath()
	if u.RawQuery != "" {
		out += "?" + u.RawQuery
	}
	return out
}
