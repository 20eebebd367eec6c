package main

import (
	"strings"
	"testing"
)

func TestReport(t *testing.T) {
	in := strings.Join([]string{
		`{"Action":"run","Package":"p","Test":"TestA"}`,
		`{"Action":"output","Package":"p","Test":"TestA","Output":"=== RUN   TestA\n"}`,
		`{"Action":"pass","Package":"p","Test":"TestA"}`,
		`{"Action":"output","Package":"p","Test":"TestB","Output":"    b_test.go:9: SKIPPING: no PostgreSQL\n"}`,
		`{"Action":"skip","Package":"p","Test":"TestB"}`,
		`{"Action":"output","Package":"p","Test":"TestC","Output":"    c_test.go:3: got 1, want 2\n"}`,
		`{"Action":"fail","Package":"p","Test":"TestC"}`,
		`{"Action":"output","Package":"p","Output":"FAIL\tp\t0.1s\n"}`,
		`{"Action":"fail","Package":"p"}`,
		`# p [build failed]`,
	}, "\n")
	var out strings.Builder
	c, err := report(strings.NewReader(in), &out)
	if err != nil {
		t.Fatal(err)
	}
	if c != (counts{passed: 1, failed: 1, skipped: 1}) {
		t.Errorf("counts = %+v", c)
	}
	for _, want := range []string{"FAIL\tp\t0.1s", "got 1, want 2", "SKIP p TestB: b_test.go:9: SKIPPING: no PostgreSQL", "tests: 1 passed, 1 failed, 1 skipped", "# p [build failed]"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "=== RUN   TestA") {
		t.Error("report shows the output of a test that passed")
	}
}
