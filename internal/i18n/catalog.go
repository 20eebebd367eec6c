package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// The catalogues are go-i18n JSON message files, one per language
// (locales/en.json, locales/nb.json), which translation tools import: a
// message is a string, or an object of CLDR plural forms ("one",
// "other"); placeholders are named, {{.Name}}.
//
//go:embed locales/*.json
var localeFiles embed.FS

// catalogue is one language's messages, loaded once.
type catalogue struct {
	localizer *goi18n.Localizer
	// forms are each message's plural forms ("other" for a plain one).
	forms map[string]map[string]string
	// names are the placeholders each message uses, sorted.
	names map[string][]string
	// plain are the messages with one form and no placeholder, by far the
	// most: written without go-i18n's template machinery, since pages call
	// hundreds of them.
	plain map[string]string
}

var (
	catalogues = map[Lang]*catalogue{}
	bundle     = goi18n.NewBundle(language.English)
	// placeholder finds {{.Name}} in a message.
	placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)
)

func init() {
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	for _, l := range Langs {
		c, err := load(l)
		if err != nil {
			panic(fmt.Sprintf("i18n: %v", err)) // the files are embedded: a test catches this first
		}
		catalogues[l] = c
	}
}

func load(l Lang) (*catalogue, error) {
	path := "locales/" + string(l) + ".json"
	raw, err := localeFiles.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if _, err := bundle.ParseMessageFileBytes(raw, path); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var entries map[string]json.RawMessage
	if err := json.Unmarshal(raw, &entries); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c := &catalogue{localizer: goi18n.NewLocalizer(bundle, string(l)), forms: map[string]map[string]string{}, names: map[string][]string{},
		plain: map[string]string{}}
	for key, e := range entries {
		forms := map[string]string{}
		var s string
		if json.Unmarshal(e, &s) == nil {
			forms["other"] = s
		} else if err := json.Unmarshal(e, &forms); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, key, err)
		}
		var names []string
		for _, f := range forms {
			for _, m := range placeholder.FindAllStringSubmatch(f, -1) {
				if !slices.Contains(names, m[1]) {
					names = append(names, m[1])
				}
			}
		}
		slices.Sort(names)
		c.forms[key], c.names[key] = forms, names
		if len(forms) == 1 && len(names) == 0 && !strings.Contains(forms["other"], "{{") {
			c.plain[key] = forms["other"]
		}
	}
	return c, nil
}

// localize writes key with named arguments (pairs: "Name", value, …) and,
// for a plural message, count. A missing key, an argument the message does
// not name or a placeholder not given show as [[…]], which tests look for.
func (c *catalogue) localize(key string, count *int, args []any) string {
	if s, ok := c.plain[key]; ok && count == nil && len(args) == 0 {
		return s
	}
	want, ok := c.names[key]
	if !ok {
		return "[[" + key + "]]"
	}
	if len(args)%2 != 0 {
		return "[[" + key + ": arguments must be name, value pairs]]"
	}
	data := map[string]any{}
	for i := 0; i < len(args); i += 2 {
		name, ok := args[i].(string)
		if !ok {
			return "[[" + key + ": argument names must be strings]]"
		}
		data[name] = args[i+1]
	}
	cfg := &goi18n.LocalizeConfig{MessageID: key}
	if count != nil {
		data["Count"] = *count
		cfg.PluralCount = *count
	}
	if got := slices.Sorted(maps.Keys(data)); !slices.Equal(got, want) {
		return fmt.Sprintf("[[%s: given %s, the message uses %s]]", key, strings.Join(got, ","), strings.Join(want, ","))
	}
	if len(data) > 0 {
		cfg.TemplateData = data
	}
	s, err := c.localizer.Localize(cfg)
	if err != nil {
		return "[[" + key + "]]"
	}
	return s
}

// Messages returns every message of lang in its "other" form, for checks
// over the whole catalogue (tests of wording).
func Messages(lang Lang) map[string]string {
	out := map[string]string{}
	for k, forms := range catalogues[lang].forms {
		out[k] = forms["other"]
	}
	return out
}

// Forms returns a message's plural forms ("one", "other", …).
func Forms(lang Lang, key string) map[string]string {
	return maps.Clone(catalogues[lang].forms[key])
}

// Placeholders returns the names a message uses, sorted.
func Placeholders(lang Lang, key string) []string {
	return slices.Clone(catalogues[lang].names[key])
}

// Keys returns the catalogue's keys, sorted.
func Keys(lang Lang) []string {
	return slices.Sorted(maps.Keys(catalogues[lang].forms))
}

// Name names a language in itself ("English", "Norsk bokmål").
func Name(lang Lang) string {
	return New(lang, nil).T("lang.name")
}
