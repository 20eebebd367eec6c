package demo

import (
	"embed"
	"encoding/json"
	"fmt"
)

// text is the demo's words in one language, by key.
type text map[string]string

// The demo's words, one file per language, in the same flat JSON a
// translator edits for the catalogues.
//
//go:embed content/*.json
var contentFiles embed.FS

// content holds each language's demo words.
var content = func() map[string]text {
	out := map[string]text{}
	for _, lang := range []string{"en", "nb"} {
		raw, err := contentFiles.ReadFile("content/" + lang + ".json")
		if err != nil {
			panic(err)
		}
		var t text
		if err := json.Unmarshal(raw, &t); err != nil {
			panic(fmt.Sprintf("demo content %s: %v", lang, err))
		}
		out[lang] = t
	}
	return out
}()
