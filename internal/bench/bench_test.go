package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
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

// A write sends its method, headers and a fresh body each time, and OK
// judges the answer and keeps what it needs from it.
func TestRun_Writes(t *testing.T) {
	var mu sync.Mutex
	bodies := map[string]bool{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		dup := bodies[string(b)]
		bodies[string(b)] = true
		mu.Unlock()
		if r.Method != "POST" || r.Header.Get("X-Csrf-Token") != "t" || dup {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusCreated)
		fmt.Fprint(w, `{"version":7}`)
	}))
	defer srv.Close()
	var n atomic.Int64
	var version atomic.Int64
	r := Request{Label: "write", URL: srv.URL, Method: "POST", Header: http.Header{"X-Csrf-Token": {"t"}},
		Body: func() string { return fmt.Sprint(n.Add(1)) },
		OK: func(status int, body []byte) bool {
			if strings.Contains(string(body), `"version":7`) {
				version.Store(7)
			}
			return status == http.StatusCreated
		}}
	res := Run(context.Background(), []User{{Client: srv.Client(), Requests: []Request{r}}}, Options{Concurrency: 2, Duration: 200 * time.Millisecond})
	if res.Total.Requests == 0 || res.Total.Errors != 0 || version.Load() != 7 {
		t.Fatalf("Run() = %+v, version kept %d", res, version.Load())
	}
}
