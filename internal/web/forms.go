package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/heard"
)

// fieldsOf reads the named text fields of a posted form.
func fieldsOf(r *http.Request, names []string) map[string]string {
	out := map[string]string{}
	for _, n := range names {
		if v := r.PostFormValue(n); v != "" {
			out[n] = v
		}
	}
	return out
}

// version reads the version a form was filled in from.
func version(r *http.Request, name string) int {
	n, _ := strconv.Atoi(r.PostFormValue(name))
	return n
}

// checked reads a checkbox.
func checked(r *http.Request, name string) bool { return r.PostFormValue(name) == "on" }

// localTime reads an <input type="datetime-local"> value in the service's
// zone; the zero time when empty or malformed (validation reports it).
func (h *Handler) localTime(r *http.Request, name string) time.Time {
	t, err := time.ParseInLocation("2006-01-02T15:04", strings.TrimSpace(r.PostFormValue(name)), h.loc)
	if err != nil {
		return time.Time{}
	}
	return t
}

// lines splits a textarea into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// personPath is "/persons/{id}" plus the rest.
func personPath(id heard.PersonID, rest string) string { return "/persons/" + string(id) + rest }
