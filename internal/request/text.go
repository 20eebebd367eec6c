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
	ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil && r.Header.Get("Content-Type") != "" {
		return false, nil // a body of no type we can check is a body we do not take
	}
	switch ct {
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return false, nil
		}
		return valuesOK(r.PostForm), nil
	case "multipart/form-data":
		// Heard takes no files, but handlers read form values from
		// multipart bodies too, so their values are checked the same.
		if err := r.ParseMultipartForm(maxMultipartMemory); err != nil {
			return false, nil
		}
		return valuesOK(r.MultipartForm.Value) && len(r.MultipartForm.File) == 0, nil
	case "application/json":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return false, err
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		return utf8.Valid(body) && jsonOK(body), nil
	}
	return true, nil // other types are read by no handler: the API takes only application/json
}

// maxMultipartMemory bounds a multipart form kept in memory; the body
// itself is limited before this runs.
const maxMultipartMemory = 1 << 20

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

// jsonOK checks every key and string of every JSON value in the body,
// escapes decoded ("\u0000" is a NUL too), values after the first
// included. What does not parse is left to the API's decoder, which
// refuses it as bad JSON.
func jsonOK(body []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(body))
	for {
		var v any
		if err := dec.Decode(&v); err != nil {
			return true
		}
		if !jsonValueOK(v) {
			return false
		}
	}
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
