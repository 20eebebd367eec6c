package internal_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/heard-health/heard/"

type pkg struct {
	path    string
	doc     string
	imports []string // direct, non-test
	deps    []string // all, non-test
}

func listPackages(t *testing.T) []pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-f", "{{.ImportPath}}\t{{.Doc}}\t{{join .Imports \" \"}}\t{{join .Deps \" \"}}", "../...")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []pkg
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "\t")
		if f[0] == module+"internal" {
			continue // this test's own folder holds no package
		}
		pkgs = append(pkgs, pkg{path: strings.TrimPrefix(f[0], module), doc: f[1], imports: strings.Fields(f[2]), deps: strings.Fields(f[3])})
	}
	return pkgs
}

func isStd(p string) bool { return !strings.Contains(strings.Split(p, "/")[0], ".") }

// rule is what one package of Heard may depend on.
type rule struct {
	// imports are the module packages it may import directly.
	imports []string
	// external are the outside modules it brings in itself; a package may
	// depend on an outside module only through the package that brings it.
	external []string
	// noStd are standard packages it must not depend on, even indirectly.
	noStd []string
}

// Outside modules, grouped by the one package allowed to bring them in.
var (
	passwords    = []string{"golang.org/x/crypto", "golang.org/x/sys", "github.com/trustelem/zxcvbn", "github.com/dlclark/regexp2"}
	sqliteDriver = []string{"modernc.org/", "github.com/dustin/go-humanize", "github.com/google/uuid", "github.com/remyoudompheng/bigfft", "golang.org/x/sys"}
	pgDriver     = []string{"github.com/jackc/", "golang.org/x/sync", "golang.org/x/text"}
	catalogues   = []string{"github.com/nicksnyder/go-i18n/", "golang.org/x/text"}
	unicodeNorm  = []string{"golang.org/x/text"}
	smtpServer   = []string{"github.com/emersion/"}
	noHTTP       = []string{"net/http"}
	noDatabase   = []string{"database/sql"}
	neither      = []string{"net/http", "database/sql"}
)

// allowed is the allow-list of the import direction of STYLE.md:
// cmd/heard → cli → server → web, api → app → policy, audit, store → heard.
// Every package of the module needs an entry, and every edge must be
// listed: a new package or a new import fails until it is added here, on
// purpose, in review. web and api get data from the app only: they import
// no policy, audit or storage. The app knows no HTTP; policy, audit and the
// domain know neither HTTP nor databases.
var allowed = map[string]rule{
	"internal/heard":    {noStd: neither},
	"internal/i18n":     {external: catalogues, noStd: neither},
	"internal/route":    {noStd: noDatabase},
	"internal/request":  {imports: []string{"internal/heard"}, noStd: noDatabase},
	"internal/password": {imports: []string{"internal/heard"}, external: passwords, noStd: neither},
	"internal/policy":   {imports: []string{"internal/heard"}, noStd: neither},
	"internal/audit":    {imports: []string{"internal/heard"}, noStd: neither},
	"internal/config":   {noStd: neither},
	"internal/deid":     {external: unicodeNorm, noStd: neither},
	"internal/fhirq":    {noStd: neither},
	"internal/mail":     {imports: []string{"internal/heard", "internal/i18n", "internal/store"}, noStd: neither},
	// The test SMTP server, imported by tests only.
	"internal/mail/mailtest": {external: smtpServer, noStd: noDatabase},
	"internal/store":         {imports: []string{"internal/heard"}, noStd: neither},

	"internal/store/sqlstore":        {imports: []string{"internal/audit", "internal/heard", "internal/store"}, noStd: noHTTP},
	"internal/store/sqlite":          {imports: []string{"internal/store", "internal/store/sqlstore"}, external: sqliteDriver, noStd: noHTTP},
	"internal/store/postgres":        {imports: []string{"internal/store", "internal/store/sqlstore"}, external: pgDriver, noStd: noHTTP},
	"internal/store/postgres/pgtest": {imports: []string{"internal/store/postgres", "internal/store/sqlstore"}, noStd: noHTTP},
	"internal/store/storetest":       {imports: []string{"internal/audit", "internal/heard", "internal/store", "internal/store/sqlstore"}, noStd: noHTTP},

	"internal/app": {imports: []string{"internal/audit", "internal/deid", "internal/fhirq", "internal/heard", "internal/password", "internal/policy", "internal/store"},
		noStd: neither},
	"internal/demo": {imports: []string{"internal/app", "internal/heard", "internal/password"}, noStd: neither},
	"internal/auth": {imports: []string{"internal/heard", "internal/password", "internal/request", "internal/store"}, noStd: noDatabase},
	"internal/web": {imports: []string{"internal/app", "internal/auth", "internal/fhirq", "internal/heard", "internal/i18n", "internal/request", "internal/route"},
		noStd: noDatabase},
	"internal/api": {imports: []string{"internal/app", "internal/auth", "internal/fhirq", "internal/heard", "internal/i18n", "internal/request", "internal/route"},
		noStd: noDatabase},
	"internal/server": {imports: []string{"internal/api", "internal/app", "internal/auth", "internal/request", "internal/route", "internal/web"},
		noStd: noDatabase},
	"internal/bench": {noStd: noDatabase},
	"internal/cli": {imports: []string{"internal/app", "internal/audit", "internal/auth", "internal/config", "internal/demo", "internal/heard",
		"internal/i18n", "internal/mail", "internal/password", "internal/server", "internal/store", "internal/store/postgres", "internal/store/sqlite"}},
	"cmd/heard": {imports: []string{"internal/cli"}},
	// heard-bench's ceiling reads the database directly on purpose, to
	// measure what heard costs above it.
	"cmd/heard-bench": {imports: []string{"internal/bench", "internal/store/sqlite"}, external: pgDriver},
	"cmd/testreport":  {noStd: neither},
	"internal/e2e":    {},
}

// violations checks packages against the allow-list and returns what breaks
// it, one sentence each.
func violations(pkgs []pkg, rules map[string]rule) []string {
	var out []string
	// externalsOf is what a package may bring in, itself or through the
	// module packages it may import.
	var externalsOf func(p string, seen map[string]bool) []string
	externalsOf = func(p string, seen map[string]bool) []string {
		if seen[p] {
			return nil
		}
		seen[p] = true
		r := rules[p]
		ext := slices.Clone(r.external)
		for _, i := range r.imports {
			ext = append(ext, externalsOf(i, seen)...)
		}
		return ext
	}
	for _, p := range pkgs {
		r, ok := rules[p.path]
		if !ok {
			out = append(out, fmt.Sprintf("%s is a new package: add it to the allow-list in internal/architecture_test.go", p.path))
			continue
		}
		for _, i := range p.imports {
			if mine, ok := strings.CutPrefix(i, module); ok && !slices.Contains(r.imports, mine) {
				out = append(out, fmt.Sprintf("%s imports %s, which the allow-list does not allow", p.path, mine))
			}
		}
		ext := externalsOf(p.path, map[string]bool{})
		for _, d := range p.deps {
			switch {
			case strings.HasPrefix(d, module):
			case isStd(d):
				if slices.Contains(r.noStd, d) {
					out = append(out, fmt.Sprintf("%s depends on %s, which it must not", p.path, d))
				}
			case !slices.ContainsFunc(ext, func(e string) bool { return d == e || strings.HasPrefix(d, strings.TrimSuffix(e, "/")+"/") }):
				out = append(out, fmt.Sprintf("%s depends on %s, which no package it may import brings in", p.path, d))
			}
		}
	}
	return out
}

func TestArchitecture_ImportRules(t *testing.T) {
	pkgs := listPackages(t)
	for _, v := range violations(pkgs, allowed) {
		t.Error(v)
	}
	for _, p := range pkgs {
		if p.doc == "" && !strings.HasSuffix(p.path, "storetest") {
			t.Errorf("%s has no package doc comment", p.path)
		}
	}
}

// The test of the test: a forbidden edge, a new package and a forbidden
// standard package each fail the check.
func TestArchitecture_CatchesForbiddenEdges(t *testing.T) {
	ok := []pkg{
		{path: "internal/heard"},
		{path: "internal/web", imports: []string{module + "internal/app"}, deps: []string{module + "internal/app", "net/http", "golang.org/x/crypto/argon2"}},
	}
	rules := map[string]rule{
		"internal/heard":    {},
		"internal/password": {external: passwords},
		"internal/app":      {imports: []string{"internal/password"}, noStd: noHTTP},
		"internal/web":      {imports: []string{"internal/app"}},
	}
	if v := violations(ok, rules); len(v) != 0 {
		t.Fatalf("allowed edges reported: %v", v)
	}
	tests := []struct {
		name string
		pkg  pkg
		want string
	}{
		{"web imports storage", pkg{path: "internal/web", imports: []string{module + "internal/store"}}, "internal/web imports internal/store"},
		{"a new package", pkg{path: "internal/shiny"}, "internal/shiny is a new package"},
		{"the app depends on HTTP", pkg{path: "internal/app", deps: []string{"net/http"}}, "internal/app depends on net/http"},
		{"web brings in a driver itself", pkg{path: "internal/web", deps: []string{"modernc.org/sqlite"}}, "internal/web depends on modernc.org/sqlite"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := violations([]pkg{tt.pkg}, rules)
			if len(v) != 1 || !strings.HasPrefix(v[0], tt.want) {
				t.Errorf("violations = %v, want one starting %q", v, tt.want)
			}
		})
	}
}

// A Lookup runs outside a transaction and cannot log: only the session
// check may use it, so no person's data is ever read that way.
func TestArchitecture_LookupOnlyChecksSessions(t *testing.T) {
	allowed := map[string]bool{
		"auth/service.go":         true, // the session check
		"store/store.go":          true, // Narrow forwards it
		"store/storetest/logs.go": true, // tests it
	}
	call := regexp.MustCompile(`\.Lookup\((ctx|context\.)`)
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if n := len(call.FindAll(src, -1)); n > 0 && !allowed[path] {
			t.Errorf("%s calls Lookup %d times; only the session check may", path, n)
		}
		if allowed[path] && !call.Match(src) {
			t.Errorf("%s no longer calls Lookup: the pattern of this test is out of date", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

var update = flag.Bool("update", false, "rewrite docs/architecture.md's package list")

const (
	beginList = "<!-- packages: generated by internal/architecture_test.go; run go test ./internal -run Architecture -update -->"
	endList   = "<!-- end of packages -->"
)

// docs/architecture.md's package list is generated from the packages' doc
// comments, so it cannot drift from the code.
func TestArchitecture_DocIsCurrent(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(beginList + "\n\n| package | what it is for |\n|---|---|\n")
	for _, p := range listPackages(t) {
		b.WriteString("| `" + p.path + "` | " + strings.ReplaceAll(p.doc, "|", "\\|") + " |\n")
	}
	b.WriteString("\n" + endList)
	path := filepath.Join("..", "docs", "architecture.md")
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	start, end := bytes.Index(doc, []byte(beginList)), bytes.Index(doc, []byte(endList))
	if start < 0 || end < start {
		t.Fatalf("%s lacks the generated-list markers", path)
	}
	current := doc[start : end+len(endList)]
	if bytes.Equal(current, b.Bytes()) {
		return
	}
	if !*update {
		t.Fatalf("%s's package list is stale; run: go test ./internal -run Architecture -update", path)
	}
	updated := append(append(append([]byte{}, doc[:start]...), b.Bytes()...), doc[end+len(endList):]...)
	if err := os.WriteFile(path, updated, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Every test the hazard log and the security promises name as proof must
// exist, so neither can point at a test that was renamed or removed.
func TestHazardLog_NamesRealTests(t *testing.T) {
	var log []byte
	for _, doc := range []string{"hazard-log.md", "security.md"} {
		b, err := os.ReadFile(filepath.Join("..", "docs", doc))
		if err != nil {
			t.Fatal(err)
		}
		log = append(log, b...)
	}
	var sources bytes.Buffer
	err := filepath.WalkDir(".", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		b, err := os.ReadFile(p)
		sources.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	names := regexp.MustCompile("`(Test[A-Za-z_]+)`").FindAllStringSubmatch(string(log), -1)
	if len(names) < 10 {
		t.Fatalf("hazard log names only %d tests", len(names))
	}
	for _, n := range names {
		if !strings.Contains(sources.String(), "func "+n[1]+"(") {
			t.Errorf("docs/hazard-log.md or docs/security.md names %s, which does not exist", n[1])
		}
	}
	for _, h := range []string{"without a right to see", "nobody reads it tonight", "rank named staff", "did not share", "Re-identification", "coercive measure", "lost on a crash"} {
		if !strings.Contains(string(log), h) {
			t.Errorf("hazard log lacks the hazard %q", h)
		}
	}
}
