package bench

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 100; i++ {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	for p, want := range map[float64]time.Duration{50: 50 * time.Millisecond, 99: 99 * time.Millisecond, 100: 100 * time.Millisecond, 1: time.Millisecond} {
		if got := Percentile(ds, p); got != want {
			t.Errorf("Percentile(%v) = %v, want %v", p, got, want)
		}
	}
	if Percentile(nil, 50) != 0 {
		t.Error("Percentile of nothing is not 0")
	}
}

func TestRun(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/bad") {
			w.WriteHeader(500)
		}
	}))
	defer srv.Close()
	u := User{Client: srv.Client(), Requests: []Request{{Label: "good", URL: srv.URL + "/good"}, {Label: "bad", URL: srv.URL + "/bad"}}}
	res := Run(context.Background(), []User{u}, Options{Concurrency: 2, Duration: 300 * time.Millisecond, Warmup: 50 * time.Millisecond})
	if len(res.Routes) != 2 || res.Total.Requests == 0 || res.Routes[0].Label != "bad" || res.Routes[0].Errors != res.Routes[0].Requests || res.Routes[1].Errors != 0 {
		t.Fatalf("Run() = %+v", res)
	}
	if !strings.Contains(res.Markdown("route"), "| all |") {
		t.Error("Markdown() lacks the total row")
	}
}
