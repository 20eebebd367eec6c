package internal_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/i18n"
)

// source is every file that can show a message: Go code and templates.
func source(t *testing.T) map[string]string {
	t.Helper()
	files := map[string]string{}
	for _, root := range []string{".", "../cmd"} {
		err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(path, "_test.go") || strings.Contains(path, "testdata") {
				return err
			}
			if strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".html") {
				b, err := os.ReadFile(path)
				files[path] = string(b)
				return err
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

func prefixed(prefix string, vs []string) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = prefix + v
	}
	return out
}

func values[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// enumKeys is the explicit list of message keys built from a value at run
// time ("kind.%s" with an encounter kind): every family the code builds must
// be listed here with its values, so that no tool has to guess them.
func enumKeys() map[string][]string {
	var planFields, bases []string
	for _, fs := range heard.PlanFields {
		planFields = append(planFields, fs...)
	}
	for _, b := range []heard.Basis{heard.BasisNone, heard.BasisSelf, heard.BasisCare, heard.BasisNetwork, heard.BasisEmergency,
		heard.BasisAdmin, heard.BasisLeader, heard.BasisSystem, heard.BasisOrganisation, heard.BasisFeedbackLink, heard.BasisInvitation, heard.BasisTeamInbox} {
		bases = append(bases, string(b))
	}
	// A write that created its record has its own wording.
	createdNews := []string{"decision.update.new", "encounter.update.new", "restriction.update.new"}
	ownWords := []string{"decision.comment", "encounter.reflection", "encounter.missed", "restriction.view"}
	return map[string][]string{
		"capacity.%s":                   values(heard.Capacities),
		"capacity.%s.short":             values(heard.Capacities),
		"chime.%s":                      values(heard.ChimeTags),
		"constraint_kind.%s":            values(heard.ConstraintKinds),
		"decided_by.%s":                 values(heard.DecidedBys),
		"decision.field.%s":             values(heard.DecisionFields),
		"feedback.q.%s":                 values(heard.FeedbackQuestions),
		"feedback.q.%s.low":             values(heard.FeedbackQuestions),
		"feedback.q.%s.high":            values(heard.FeedbackQuestions),
		"checkin.q.%s":                  values(heard.CheckInItems),
		"checkin.q.%s.low":              values(heard.CheckInItems),
		"checkin.q.%s.high":             values(heard.CheckInItems),
		"checkin.short.%s":              values(heard.CheckInItems),
		"checkins.schedule.%s":          values(heard.CheckInSchedules),
		"trajectory.measure.%s":         append(prefixed("checkin_", values(heard.CheckInItems)), prefixed("feedback_", values(heard.FeedbackQuestions))...),
		"admin.instruments.method.%s":   {"sum", "mean"},
		"stories.kind.%s":               values(heard.StoryKinds),
		"admin.instruments.schedule.%s": values(heard.CheckInSchedules),
		"trajectory.trend.%s":           {"rising", "falling", "steady"},
		"trajectory.milestone.%s":       {"goal_set", "goal_reached", "decision"},
		"news.mine.%s":                  append(values(heard.PersonNews), append(createdNews, "encounter.update.new.without", "encounter.update.without", "encounter.update.new.past")...),
		"news.care.%s":                  append(values(heard.CareNews), append(createdNews, "agenda.create.team")...),
		"followed.%s":                   values(heard.Followeds),
		"goal_status.%s":                values(heard.GoalStatuses),
		"kind.%s":                       values(heard.EncounterKinds),
		"plan.field.%s":                 planFields,
		"plan.hint.%s":                  planFields,
		"plan.part.%s":                  values(heard.PlanParts),
		"prep.field.%s":                 heard.PreparationFields,
		"presence.%s":                   values(heard.Presences),
		"reason.%s":                     values(heard.EmergencyReasons),
		"restriction_kind.%s":           values(heard.RestrictionKinds),
		"role.%s":                       values(append(slices.Clone(heard.Roles), heard.RoleSystem)),
		"scope.%s":                      values(heard.Scopes),
		"unit_kind.%s":                  values(heard.UnitKinds),
		"basis.%s":                      bases,
		"did.%s":                        values(heard.LoggedActions),
		"what.%s":                       values(heard.LoggedActions),
		"goal.field.%s":                 heard.GoalFields,
		"accesslog.topic.%s":            values(heard.AccessTopics),
		"weekday.%s":                    {"0", "1", "2", "3", "4", "5", "6", "all"},
		"%s.hint":                       {"encounter.reflection", "encounter.missed"}, // those with a hint
		"%s.label":                      ownWords,
		"%s.save":                       ownWords,
		"%s.none":                       ownWords,
	}
}

var (
	literalKey  = regexp.MustCompile(`"([a-z_]+(?:\.[a-z0-9_]+)+)"|\b[TVN] "([a-z_]+)"|\.[TVN]\("([a-z_]+)"`)
	printfKey   = regexp.MustCompile(`printf "([a-z_.]*%s[a-z_.]*)"`)
	concatKey   = regexp.MustCompile(`"([a-z_]+(?:\.[a-z_]+)*\.)"\s*\+`)
	prefixField = regexp.MustCompile(`LabelPrefix: "([a-z_]+(?:\.[a-z_]+)*\.)"`)
)

// keyFamily reports whether some message key has the form f ("kind.%s").
func keyFamily(catalogue map[string]string, f string) bool {
	prefix, suffix, _ := strings.Cut(f, "%s")
	if prefix == "" && suffix == "" {
		return false
	}
	for key := range catalogue {
		if strings.HasPrefix(key, prefix) && strings.HasSuffix(key, suffix) && len(key) > len(prefix)+len(suffix) {
			return true
		}
	}
	return false
}

// Every message is used and every message used exists: keys written out,
// and keys built from a value through the explicit list above. A family the
// code builds that the list lacks fails, as does a listed one no code builds.
func TestMessages_EveryKeyUsedAndEveryUseKnown(t *testing.T) {
	files := source(t)
	catalogue := i18n.Messages(i18n.EN)
	used := map[string]bool{}
	families := enumKeys()
	builtFamilies := map[string]bool{}
	for path, src := range files {
		for _, m := range literalKey.FindAllStringSubmatch(src, -1) {
			key := m[1] + m[2] + m[3]
			if _, ok := catalogue[key]; ok {
				used[key] = true
			}
		}
		// A template's printf builds a message key; Go's "prefix." + value
		// may build something else ("fields." names a JSON field), so it
		// counts when messages have that prefix.
		var built []string
		for _, m := range printfKey.FindAllStringSubmatch(src, -1) {
			if m[1] != "%s%s" { // the suggestion's label prefix, listed below
				built = append(built, m[1])
			}
		}
		for _, m := range append(concatKey.FindAllStringSubmatch(src, -1), prefixField.FindAllStringSubmatch(src, -1)...) {
			if f := m[1] + "%s"; keyFamily(catalogue, f) {
				built = append(built, f)
			}
		}
		for _, f := range built {
			if _, ok := families[f]; !ok {
				t.Errorf("%s builds message keys %q: list its values in enumKeys", path, f)
			}
			builtFamilies[f] = true
		}
	}
	for f, vs := range families {
		if !builtFamilies[f] {
			t.Errorf("enumKeys lists %q, which no code builds", f)
		}
		for _, v := range vs {
			key := strings.Replace(f, "%s", v, 1)
			if _, ok := catalogue[key]; !ok {
				t.Errorf("%q (from %q) is not in the catalogue", key, f)
			}
			used[key] = true
		}
	}
	for key := range used {
		if _, ok := catalogue[key+".other"]; ok {
			used[key+".other"] = true // said about her to others (page.V)
		}
	}
	var unused []string
	for key := range catalogue {
		if !used[key] {
			unused = append(unused, key)
		}
	}
	slices.Sort(unused)
	if len(unused) > 0 {
		t.Errorf("%d messages no code uses (remove them, or use them): %v", len(unused), unused)
	}
}

var (
	templateCall = regexp.MustCompile(`\.([TVN]) "([a-z_.0-9]+)"`)
	goCall       = regexp.MustCompile(`\.([TVN])\("([a-z_.0-9]+)"`)
)

// args splits what follows a call's key into its arguments: in a template,
// space-separated operands (a quoted string or a parenthesised pipeline
// counts as one); in Go, comma-separated expressions up to the closing
// parenthesis.
func args(rest string, goSyntax bool) []string {
	var out []string
	depth, start, quoted := 0, 0, false
	end := func(i int) {
		if a := strings.TrimSpace(rest[start:i]); a != "" {
			out = append(out, a)
		}
		start = i + 1
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		switch {
		case quoted:
			if c == '\\' {
				i++
			} else if c == '"' {
				quoted = false
			}
		case c == '"':
			quoted = true
		case c == '(' || c == '{' || c == '[':
			depth++
		case (c == ')' || c == '}' || c == ']') && depth > 0:
			depth--
		case depth == 0 && goSyntax && c == ',':
			end(i)
		case depth == 0 && !goSyntax && c == ' ':
			end(i)
		case depth == 0 && (c == ')' || c == '}' || c == '\n'):
			end(i)
			return out
		}
	}
	end(len(rest))
	return out
}

// Placeholders are checked by name where they are filled: each call gives
// exactly the names its message uses (a message said about her to others
// gets her name from page.V; a plural message its count from N).
func TestMessages_CallsFillPlaceholdersByName(t *testing.T) {
	checked := 0
	for path, src := range source(t) {
		goSyntax := strings.HasSuffix(path, ".go")
		re := templateCall
		if goSyntax {
			re = goCall
		}
		for _, loc := range re.FindAllStringSubmatchIndex(src, -1) {
			fn, key := src[loc[2]:loc[3]], src[loc[4]:loc[5]]
			if strings.HasSuffix(key, ".") {
				continue // "kind." + value: a family from enumKeys
			}
			if path == "i18n/i18n.go" {
				continue // its doc comment shows a call
			}
			rest := strings.TrimPrefix(src[loc[1]:], ",")
			as := args(rest, goSyntax)
			if fn == "N" {
				if len(as) == 0 {
					t.Errorf("%s: N %q without a count", path, key)
					continue
				}
				as = as[1:]
			}
			var given []string
			for i := 0; i < len(as); i += 2 {
				given = append(given, strings.Trim(as[i], `"`))
			}
			if fn == "N" {
				given = append(given, "Count")
			}
			slices.Sort(given)
			if want := i18n.Placeholders(i18n.EN, key); !slices.Equal(given, want) {
				t.Errorf("%s: %s %q fills %v; the message uses %v", path, fn, key, given, want)
			}
			if other := i18n.Placeholders(i18n.EN, key+".other"); fn == "V" && other != nil {
				withName := slices.Sorted(slices.Values(append(slices.Clone(given), "Name")))
				if !slices.Equal(withName, other) {
					t.Errorf("%s: V %q fills %v and her name; %q uses %v", path, key, given, key+".other", other)
				}
			}
			checked++
		}
	}
	if checked < 400 {
		t.Fatalf("checked only %d calls: the patterns no longer match the code", checked)
	}
}
