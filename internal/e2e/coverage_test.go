package e2e

import (
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"sync"

	"github.com/heard-health/heard/internal/web"
)

// checked is every path axe-core has run on, so the package can prove
// that every page of the web surface was checked at least once.
var checked struct {
	mu    sync.Mutex
	paths map[string]bool
}

func recordChecked(path string) {
	if u, err := url.Parse(path); err == nil {
		path = u.Path
	}
	checked.mu.Lock()
	defer checked.mu.Unlock()
	if checked.paths == nil {
		checked.paths = map[string]bool{}
	}
	checked.paths[path] = true
}

// notChecked lists the page routes (GET routes of the web surface that
// render a page) that no test ran axe-core on. It means something only when
// the whole package ran.
func notChecked() ([]string, error) {
	h, err := web.New(nil, nil, web.Config{})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	pages := map[string]bool{}
	for _, rt := range h.Routes() {
		// Static files and the root redirect are not pages.
		if rt.Method != http.MethodGet || rt.Pattern == "/static/{file}" || rt.Pattern == "/{$}" {
			continue
		}
		pages[rt.Key()] = true
		mux.HandleFunc(rt.Key(), func(http.ResponseWriter, *http.Request) {})
	}
	checked.mu.Lock()
	defer checked.mu.Unlock()
	for path := range checked.paths {
		req, err := http.NewRequest(http.MethodGet, path, nil)
		if err != nil {
			return nil, fmt.Errorf("checked path %q: %w", path, err)
		}
		if _, pattern := mux.Handler(req); pattern != "" {
			delete(pages, pattern)
		}
	}
	var missing []string
	for p := range pages {
		missing = append(missing, p)
	}
	sort.Strings(missing)
	return missing, nil
}

// ranEverything reports whether this run included every test (no -run or
// -skip), the only case in which page coverage can be judged.
func ranEverything() bool {
	for _, name := range []string{"test.run", "test.skip"} {
		if f := flag.Lookup(name); f != nil && f.Value.String() != "" {
			return false
		}
	}
	return true
}
