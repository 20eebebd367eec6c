// Package bench drives HTTP load for Heard's benchmarks: a closed loop of
// a fixed number of workers for a fixed time, each worker a logged-in user
// cycling through its own requests, with latency percentiles per route.
package bench

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Request is one request of a user's mix: a GET of URL, or a write when
// Method is set.
type Request struct {
	// Label names the route in the report ("GET /persons/{personID}").
	Label string
	URL   string
	// Method, Header and Body make a write. Body is called for every
	// request, so each can carry a unique marker or the version last seen.
	Method string
	Header http.Header
	Body   func() string
	// OK, if set, judges the answer instead of "status 200" and may keep
	// what it needs from it (a record's new version).
	OK func(status int, body []byte) bool
}

// User is one logged-in client: its cookies and its requests.
type User struct {
	Client   *http.Client
	Requests []Request
}

// Options shape a run.
type Options struct {
	Concurrency int
	Duration    time.Duration
	// Warmup runs first and is not measured.
	Warmup time.Duration
}

// Route is the result for one label.
type Route struct {
	Label    string
	Requests int
	Errors   int
	PerSec   float64
	P50, P99 time.Duration
}

// Result is a run's outcome: per route and in all.
type Result struct {
	Routes []Route
	Total  Route
}

type sample struct {
	label string
	d     time.Duration
	ok    bool
}

// Run drives load until Duration has passed after Warmup. Worker i acts as
// users[i % len(users)].
func Run(ctx context.Context, users []User, opts Options) Result {
	start := time.Now()
	measureFrom, end := start.Add(opts.Warmup), start.Add(opts.Warmup+opts.Duration)
	var mu sync.Mutex
	var samples []sample
	var wg sync.WaitGroup
	for w := range opts.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u := users[w%len(users)]
			var local []sample
			for i := w; ctx.Err() == nil; i++ {
				t0 := time.Now()
				if !t0.Before(end) {
					break
				}
				r := u.Requests[i%len(u.Requests)]
				ok := do(ctx, u.Client, r)
				if t0.After(measureFrom) {
					local = append(local, sample{label: r.Label, d: time.Since(t0), ok: ok})
				}
			}
			mu.Lock()
			samples = append(samples, local...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return summarise(samples, opts.Duration)
}

func do(ctx context.Context, c *http.Client, r Request) bool {
	method, body := cmp.Or(r.Method, "GET"), io.Reader(nil)
	if r.Body != nil {
		body = strings.NewReader(r.Body())
	}
	req, err := http.NewRequestWithContext(ctx, method, r.URL, body)
	if err != nil {
		return false
	}
	maps.Copy(req.Header, r.Header)
	resp, err := c.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	if r.OK == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		return resp.StatusCode == http.StatusOK
	}
	b, err := io.ReadAll(resp.Body)
	return err == nil && r.OK(resp.StatusCode, b)
}

func summarise(samples []sample, d time.Duration) Result {
	by := map[string][]sample{}
	for _, s := range samples {
		by[s.label] = append(by[s.label], s)
	}
	var res Result
	for label, ss := range by {
		res.Routes = append(res.Routes, route(label, ss, d))
	}
	sort.Slice(res.Routes, func(i, j int) bool { return res.Routes[i].Label < res.Routes[j].Label })
	res.Total = route("all", samples, d)
	return res
}

func route(label string, ss []sample, d time.Duration) Route {
	r := Route{Label: label, Requests: len(ss)}
	ds := make([]time.Duration, 0, len(ss))
	for _, s := range ss {
		if !s.ok {
			r.Errors++
		}
		ds = append(ds, s.d)
	}
	slices.Sort(ds)
	r.P50, r.P99 = Percentile(ds, 50), Percentile(ds, 99)
	r.PerSec = float64(len(ss)) / d.Seconds()
	return r
}

// Percentile returns the p-th percentile (nearest rank) of sorted values.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(p/100*float64(len(sorted))+0.999999) - 1
	return sorted[min(max(rank, 0), len(sorted)-1)]
}

// Markdown writes a result as a table.
func (r Result) Markdown(title string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| %s | req/s | p50 ms | p99 ms | errors |\n|---|---:|---:|---:|---:|\n", title)
	for _, x := range append(slices.Clone(r.Routes), r.Total) {
		fmt.Fprintf(&b, "| %s | %.0f | %.2f | %.2f | %d |\n", x.Label, x.PerSec, ms(x.P50), ms(x.P99), x.Errors)
	}
	return b.String()
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
