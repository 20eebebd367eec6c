package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/heard-health/heard/internal/password"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/heard-health/heard/internal/cli"
	"github.com/heard-health/heard/internal/store/postgres/pgtest"
)

var cheap = password.Params{Memory: 64, Time: 1, Threads: 1}

// shared is the heard and the browser that the tests of this package use.
var shared struct {
	url     string
	browser context.Context
	axe     string
	err     error // why the browser or axe cannot be had
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func TestMain(m *testing.M) {
	ctx, cancel := context.WithCancel(context.Background())
	dir, err := os.MkdirTemp("", "heard-e2e-")
	if err != nil {
		panic(err)
	}
	url, stop, err := startHeard(ctx, []string{"serve", "--demo", "--db", "sqlite:" + filepath.Join(dir, "heard.db"), "--addr", "127.0.0.1:0"})
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: start heard:", err)
		os.Exit(1)
	}
	shared.url = url
	browser, closeBrowser, err := startBrowser()
	shared.browser, shared.err = browser, err
	if err == nil {
		shared.axe, shared.err = readAxe()
	}
	code := pgtest.Main(m)
	if code == 0 && shared.err == nil && ranEverything() {
		missing, err := notChecked()
		if err != nil || len(missing) > 0 {
			fmt.Fprintf(os.Stderr, "FAIL: pages no browser test checked with axe-core: %v %v\n", missing, err)
			code = 1
		}
	}
	closeBrowser()
	cancel()
	stop()
	os.RemoveAll(dir)
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// ownHeard starts a heard with fresh demo data for one test that changes
// what the others rely on (removing a network member, say).
func ownHeard(t *testing.T) string {
	t.Helper()
	needBrowser(t)
	ctx, cancel := context.WithCancel(context.Background())
	url, stop, err := startHeard(ctx, []string{"serve", "--demo", "--db", "sqlite:" + filepath.Join(t.TempDir(), "heard.db"), "--addr", "127.0.0.1:0"})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); stop() })
	return url
}

// startHeard runs heard in this process and returns its URL.
func startHeard(ctx context.Context, args []string) (string, func(), error) {
	logs := &syncBuffer{}
	addr := make(chan string, 1)
	done := make(chan error, 1)
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		done <- cli.Run(ctx, args, cli.Env{Getenv: func(string) string { return "" }, Stdout: logs, Stderr: logs,
			PasswordParams: &cheap, OnListen: func(a string) { addr <- a }})
	}()
	select {
	case a := <-addr:
		return "http://" + a, func() { cancel(); <-done }, nil
	case err := <-done:
		cancel()
		return "", nil, fmt.Errorf("heard ended: %w\n%s", err, logs.String())
	case <-time.After(60 * time.Second):
		cancel()
		return "", nil, errors.New("heard did not start in 60 s")
	}
}

const chromium = "/usr/bin/chromium"

// startBrowser starts one headless Chromium for the whole package.
func startBrowser() (context.Context, func(), error) {
	if _, err := os.Stat(chromium); err != nil {
		return nil, func() {}, fmt.Errorf("no %s (apt-get install chromium): %w", chromium, err)
	}
	dir, err := os.MkdirTemp("", "heard-chromium-")
	if err != nil {
		return nil, func() {}, err
	}
	// The flags keep Chromium off the network: this machine allows none,
	// and refused connections at every start only add noise and time.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", "en-US"), chromedp.UserDataDir(dir), chromedp.WindowSize(1280, 900))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	if err := chromedp.Do(browser); err != nil {
		cancelBrowser()
		cancelAlloc()
		return nil, func() {}, fmt.Errorf("start chromium: %w", err)
	}
	return browser, func() { cancelBrowser(); cancelAlloc(); os.RemoveAll(dir) }, nil
}

func readAxe() (string, error) {
	path := os.Getenv("AXE_CORE_JS")
	if path == "" {
		path = filepath.Join("testdata", "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("axe-core not found (cd internal/e2e/testdata && npm ci): %w", err)
	}
	return string(b), nil
}

// needBrowser skips a test without a browser, except in CI, where a
// missing Chromium is a failure.
func needBrowser(t *testing.T) {
	t.Helper()
	if shared.err == nil {
		return
	}
	if pgtest.InCI() {
		t.Fatalf("browser tests need Chromium and axe-core in CI: %v", shared.err)
	}
	t.Skipf("SKIPPING browser test: %v", shared.err)
}

// tab is one browser tab with its own cookie jar, against one heard.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string
	// phone is set when the tab emulates a phone; the reflow check puts
	// it back after measuring at 320 px.
	phone bool
}

func newTab(t *testing.T, base string) *tab {
	t.Helper()
	needBrowser(t)
	ctx, cancel := chromedp.NewContext(shared.browser, chromedp.WithNewBrowserContext())
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel() })
	return &tab{t: t, ctx: ctx, base: base}
}

// asPhone makes the tab a 360-px phone.
func (b *tab) asPhone() {
	b.t.Helper()
	b.phone = true
	b.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
}

func (b *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("browser: %v", err)
	}
}

func run[T any](b *tab, a chromedp.Action[T]) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		b.t.Fatalf("browser: %v", err)
	}
	return v
}

// open goes to a path and checks the page with axe.
func (b *tab) open(path string) {
	b.t.Helper()
	b.do(chromedp.Navigate(b.base + path))
	b.axe(path)
}

// submit clicks a button that sends a form and waits for the next page,
// then checks it with axe.
func (b *tab) submit(button string) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(button)))); err != nil {
		b.t.Fatalf("submit %s: %v", button, err)
	}
	b.axe("after " + button)
}

func (b *tab) text(sel string) string {
	b.t.Helper()
	return strings.TrimSpace(run(b, chromedp.Text(chromedp.CSS(sel))))
}

func (b *tab) path() string {
	b.t.Helper()
	loc := run(b, chromedp.Location())
	return strings.TrimPrefix(loc, b.base)
}

func (b *tab) login(email string) {
	b.t.Helper()
	b.open("/login")
	b.do(chromedp.SendKeys(chromedp.ID("email"), email), chromedp.SendKeys(chromedp.ID("password"), "heard-demo-password"))
	b.submit("main form button[type=submit]")
	if strings.HasPrefix(b.path(), "/login") {
		b.t.Fatalf("login as %s failed: %s", email, b.text("main"))
	}
}

type violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axe runs axe-core on the page and fails the test on any WCAG 2.1 A or AA
// violation (and axe's best practices, which catch real barriers early).
func (b *tab) axe(label string) {
	b.t.Helper()
	recordChecked(b.path())
	for _, v := range b.violations() {
		b.t.Errorf("axe on %s: %s (%s): %s at %v", label, v.ID, v.Impact, v.Help, v.Nodes)
	}
	if wide := b.overflowAt320(); len(wide) > 0 {
		b.t.Errorf("reflow on %s: at 320 CSS px the page scrolls sideways (WCAG 1.4.10); too wide: %v", label, wide)
	}
	if dir := os.Getenv("E2E_SCREENSHOTS"); dir != "" {
		png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(90))
		if err == nil {
			name := strings.NewReplacer("/", "_", " ", "_", "?", "_", "=", "_").Replace(b.t.Name() + "_" + label)
			_ = os.WriteFile(filepath.Join(dir, name+".jpg"), png, 0o644)
		}
	}
}

// overflowAt320 lays the page out 320 CSS px wide, as a small phone (or
// 1280 px at 400 % zoom) shows it, and returns the elements that reach
// past the right edge, outside any box that scrolls on its own (a wide
// table may scroll inside its box). Empty means the page reflows.
func (b *tab) overflowAt320() []string {
	b.t.Helper()
	b.do(chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile))
	wide := run(b, chromedp.Evaluate[[]string](reflowScript))
	if b.phone {
		b.asPhone()
		b.settle(360)
		return wide
	}
	// chromedp's EmulateReset leaves the 320-px metrics in place.
	if _, err := chromedp.Call(b.ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{}); err != nil {
		b.t.Fatalf("back from 320 px: %v", err)
	}
	if _, err := chromedp.Call(b.ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{}); err != nil {
		b.t.Fatalf("back from 320 px: %v", err)
	}
	b.settle(0)
	return wide
}

// settle waits until the page is laid out again after the viewport
// changed: at width CSS px wide (0: any width but the 320 just left), then
// two more frames. A click aimed before that can land where a link or
// button used to be, and what the test then waits for never comes.
func (b *tab) settle(width int) {
	b.t.Helper()
	script := fmt.Sprintf(`new Promise(r => {
		const wide = () => %d ? window.innerWidth === %d : window.innerWidth !== 320;
		const frames = () => requestAnimationFrame(() => requestAnimationFrame(() => r()));
		const wait = () => wide() ? frames() : requestAnimationFrame(wait);
		wait();
	})`, width, width)
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[chromedp.Void](script, chromedp.EvalAwaitPromise)); err != nil {
		b.t.Fatalf("waiting for the layout: %v", err)
	}
}

const reflowScript = `(() => {
	const edge = document.documentElement.clientWidth;
	if (document.documentElement.scrollWidth <= edge) return [];
	const scrollsOnItsOwn = el => {
		for (let p = el.parentElement; p; p = p.parentElement) {
			const o = getComputedStyle(p).overflowX;
			if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
		}
		return false;
	};
	const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
		(el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
	const out = [];
	for (const el of document.body.querySelectorAll('*')) {
		const r = el.getBoundingClientRect();
		if (r.width > 0 && r.right > edge + 1 && !scrollsOnItsOwn(el)) {
			out.push(name(el) + ' (' + Math.round(r.right) + ' px)');
			if (out.length === 6) break;
		}
	}
	return out.length ? out : ['the page (' + document.documentElement.scrollWidth + ' px)'];
})()`

// violations returns what axe-core finds on the current page.
func (b *tab) violations() []violation {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Evaluate[chromedp.Void](shared.axe)); err != nil {
		b.t.Fatalf("inject axe-core: %v", err)
	}
	raw, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]byte](`axe.run(document, {
		runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
		resultTypes: ['violations']
	}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("run axe-core: %v", err)
	}
	var vs []violation
	if err := json.Unmarshal(raw, &vs); err != nil {
		b.t.Fatalf("axe result %s: %v", raw, err)
	}
	return vs
}

// binDir holds the heard binary buildHeard builds; TestMain removes it.
var binDir string

// buildHeard builds the heard binary once, for tests that run it as real
// processes.
var buildHeard = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "heard-bin-")
	if err != nil {
		return "", err
	}
	binDir = dir
	bin := filepath.Join(dir, "heard")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/heard-health/heard/cmd/heard").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %w\n%s", err, out)
	}
	return bin, nil
})

// status fetches path with the tab's cookies and returns the answer's
// status, without leaving the page.
func (b *tab) status(path string) int {
	b.t.Helper()
	return int(run(b, chromedp.Evaluate[float64](`fetch(`+strconv.Quote(path)+`).then(r => r.status)`, chromedp.EvalAwaitPromise)))
}
