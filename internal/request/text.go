package request

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"unicode/utf8"

	"github.com/heard-health/heard/internal/heard"
)

// CheckText answers bad, and passes nothing on, when a request carries text
// that heard.ValidText refuses: in the query, a form or a JSON body. Both
// surfaces sit behind it, so one rule holds for both (JSON decoding would
// otherwise turn broken UTF-8 into U+FFFD while forms stored the bytes).
func CheckText(bad http.HandlerFunc) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ok, err := textOK(r)
			if err != nil || !ok {
				bad(w, r)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func textOK(r *http.Request) (bool, error) {
	if !valuesOK(r.URL.Query()) {
		return false, nil
	}
	if r.Method == http.MethodGet || r.Method == http.MethodHead || r.Body == nil {
		return true, nil
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return true, nil // the handler answers a broken form
		}
		return valuesOK(r.PostForm), nil
	case "application/json":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return false, err
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		return utf8.Valid(body) && jsonOK(body), nil
	}
	return true, nil
}

func valuesOK(values map[string][]string) bool {
	for k, vs := range values {
		if !heard.ValidText(k) {
			return false
		}
		for _, v := range vs {
			if !heard.ValidText(v) {
				return false
			}
		}
	}
	return true
}

// jsonOK checks every key and string in a JSON document, escapes decoded
// ("\u0000" is a NUL too). A document that does not parse is left to the
// handler, which answers it as bad JSON.
func jsonOK(body []byte) bool {
	var v any
	if json.Unmarshal(body, &v) != nil {
		return true
	}
	return jsonValueOK(v)
}

func jsonValueOK(v any) bool {
	switch t := v.(type) {
	case string:
		return heard.ValidText(t)
	case []any:
		for _, e := range t {
			if !jsonValueOK(e) {
				return false
			}
		}
	case map[string]any:
		for k, e := range t {
			if !heard.ValidText(k) || !jsonValueOK(e) {
				return false
			}
		}
	}
	return true
}
