// Command testreport reads `go test -json` from standard input and prints
// what a person reading a CI log needs: each package's ok or FAIL line, the
// output of every failed test, every skipped test with its reason, and a
// closing count. scripts/test pipes the whole test run through it, so a
// skip can no longer hide behind a plain "ok".
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

type counts struct{ passed, failed, skipped int }

func main() {
	c, err := report(os.Stdin, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testreport:", err)
		os.Exit(2)
	}
	if c.failed > 0 {
		os.Exit(1)
	}
}

func report(in io.Reader, out io.Writer) (counts, error) {
	var c counts
	outputs := map[string][]string{} // package/test → its output lines
	var skips, failures []string
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			// Not JSON: a build error or a panic before the test binary ran.
			fmt.Fprintln(out, sc.Text())
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output":
			if e.Test == "" {
				if line := strings.TrimRight(e.Output, "\n"); isPackageLine(line) {
					fmt.Fprintln(out, line)
				}
				outputs[key] = append(outputs[key], e.Output)
				continue
			}
			outputs[key] = append(outputs[key], e.Output)
		case "pass":
			if e.Test != "" {
				c.passed++
			}
			delete(outputs, key)
		case "skip":
			if e.Test != "" {
				c.skipped++
				skips = append(skips, fmt.Sprintf("SKIP %s %s: %s", e.Package, e.Test, reason(outputs[key])))
			}
			delete(outputs, key)
		case "fail":
			if e.Test != "" {
				c.failed++
			}
			failures = append(failures, strings.Join(outputs[key], ""))
			delete(outputs, key)
		}
	}
	if err := sc.Err(); err != nil {
		return c, err
	}
	for _, f := range failures {
		fmt.Fprint(out, f)
	}
	sort.Strings(skips)
	for _, s := range skips {
		fmt.Fprintln(out, s)
	}
	fmt.Fprintf(out, "tests: %d passed, %d failed, %d skipped\n", c.passed, c.failed, c.skipped)
	return c, nil
}

// isPackageLine reports whether line is go test's result line for a package.
func isPackageLine(line string) bool {
	return strings.HasPrefix(line, "ok  \t") || strings.HasPrefix(line, "FAIL\t") || strings.HasPrefix(line, "?   \t")
}

// reason is the last line a skipped test wrote: its t.Skip message.
func reason(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l != "" && !strings.HasPrefix(l, "---") && !strings.HasPrefix(l, "===") {
			return l
		}
	}
	return "(no reason given)"
}
