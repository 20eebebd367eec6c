package e2e

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/heard-health/heard/internal/store/postgres/pgtest"
)

// process is heard running as a real operating-system process.
type process struct {
	url string
	cmd *exec.Cmd
	out *syncBuffer
}

var listening = regexp.MustCompile(`Heard is running at (http://\S+)`)

// startProcess runs the heard binary and waits until it listens. When the
// test ends it sends SIGTERM and requires a clean exit: graceful shutdown.
func startProcess(t *testing.T, args ...string) *process {
	t.Helper()
	bin, err := buildHeard()
	if err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: exec.Command(bin, args...), out: &syncBuffer{}}
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p.cmd.Stderr = p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			p.out.Write([]byte(sc.Text() + "\n"))
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case p.url = <-found:
	case <-time.After(90 * time.Second):
		p.cmd.Process.Kill()
		t.Fatalf("heard %v did not start:\n%s", args, p.out.String())
	}
	t.Cleanup(func() {
		if p.cmd.Process == nil {
			return // the test killed it on purpose
		}
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- p.cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("heard did not exit cleanly on SIGTERM: %v\n%s", err, p.out.String())
			}
		case <-time.After(40 * time.Second):
			p.cmd.Process.Kill()
			t.Errorf("heard did not stop within 40 s of SIGTERM")
		}
	})
	return p
}

// client is an API client with its own cookie jar, like a phone app.
type client struct {
	t    *testing.T
	http *http.Client
	csrf string
}

func newClient(t *testing.T) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, http: &http.Client{Jar: jar, Timeout: 30 * time.Second}}
}

// call sends a request to base+path and decodes a JSON answer into out.
func (c *client) call(method, base, path, body string, out any) int {
	c.t.Helper()
	req, err := http.NewRequest(method, base+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.csrf != "" {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	// The cookie jar files cookies by host; both processes are 127.0.0.1,
	// so a session made through one is sent to the other, as a load
	// balancer in front of several processes would have it.
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil && len(b) > 0 {
		if err := json.Unmarshal(b, out); err != nil {
			c.t.Fatalf("%s %s: %v in %s", method, path, err, b)
		}
	}
	return resp.StatusCode
}

type me struct {
	AccountID, PersonID, CSRFToken, Name string
}

func (c *client) login(base, email string) me {
	c.t.Helper()
	if code := c.call("POST", base, "/api/v1/session", `{"email":"`+email+`","password":"heard-demo-password"}`, nil); code != 200 {
		c.t.Fatalf("login %s = %d", email, code)
	}
	var m me
	if code := c.call("GET", base, "/api/v1/me", "", &m); code != 200 {
		c.t.Fatalf("me = %d", code)
	}
	c.csrf = m.CSRFToken
	return m
}

func TestPostgres_TwoProcessesShareSessions(t *testing.T) {
	dsn := pgtest.NewDatabase(t)
	a := startProcess(t, "serve", "--allow-non-durable", "--demo", "--db", dsn, "--addr", "127.0.0.1:0", "--log-format", "json")
	b := startProcess(t, "serve", "--allow-non-durable", "--db", dsn, "--addr", "127.0.0.1:0")

	pro := newClient(t)
	proMe := pro.login(a.url, "pro1@demo.test")
	var onB me
	if code := pro.call("GET", b.url, "/api/v1/me", "", &onB); code != 200 || onB.AccountID != proMe.AccountID {
		t.Fatalf("session from process A on process B: %d %+v", code, onB)
	}
	var caseload struct {
		Caseload []struct{ Person struct{ ID, Name string } }
	}
	if code := pro.call("GET", a.url, "/api/v1/caseload", "", &caseload); code != 200 || len(caseload.Caseload) == 0 {
		t.Fatalf("caseload = %d %+v", code, caseload)
	}
	person1 := caseload.Caseload[0].Person
	if person1.Name != "Ada Lindqvam" {
		t.Fatalf("first on pro1's caseload = %q, want person1", person1.Name)
	}
	if code := pro.call("GET", b.url, "/api/v1/persons/"+person1.ID, "", nil); code != 200 {
		t.Fatalf("pro1 reads person1 through B = %d", code)
	}

	person := newClient(t)
	if m := person.login(b.url, "person1@demo.test"); m.PersonID != person1.ID {
		t.Fatalf("person1's personId = %q, want %q", m.PersonID, person1.ID)
	}
	var log struct {
		Entries []struct{ ActorName, Action, Basis, Outcome string }
	}
	if code := person.call("GET", a.url, "/api/v1/persons/"+person1.ID+"/access-log?own=false", "", &log); code != 200 {
		t.Fatalf("access log = %d", code)
	}
	seen := false
	for _, e := range log.Entries {
		seen = seen || (e.ActorName == "Mari Fjelltun" && e.Action == "person.read" && e.Basis == "care" && e.Outcome == "allowed")
	}
	if !seen {
		t.Errorf("person1's access log (read through A) lacks pro1's read through B: %+v", log.Entries)
	}

	if code := pro.call("DELETE", b.url, "/api/v1/session", "", nil); code != 204 {
		t.Fatalf("logout through B = %d", code)
	}
	if code := pro.call("GET", a.url, "/api/v1/me", "", nil); code != 401 {
		t.Errorf("after logging out through B, A answers %d, want 401", code)
	}

	bin, _ := buildHeard()
	out, err := exec.Command(bin, "audit", "verify", "--db", dsn).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "access log verified") {
		t.Errorf("audit verify on PostgreSQL after two processes wrote: %s %v", out, err)
	}
	if strings.Contains(a.out.String(), "Ada Lindqvam") || strings.Contains(b.out.String(), person1.ID) {
		t.Error("a process log contains a person's name or ID")
	}
}

// The browser smoke test on PostgreSQL: a professional logs in through the
// form, opens a person, and the pages pass axe.
func TestPostgres_BrowserSmoke(t *testing.T) {
	needBrowser(t)
	dsn := pgtest.NewDatabase(t)
	p := startProcess(t, "serve", "--allow-non-durable", "--demo", "--db", dsn, "--addr", "127.0.0.1:0")
	tb := newTab(t, p.url)
	tb.login("pro1@demo.test")
	if h := tb.text("h1"); h != "The people you work with" {
		t.Fatalf("home = %q", h)
	}
	tb.submit(`main ul.plain a`)
	if h := tb.text("h1"); h != "Ada Lindqvam" || !strings.Contains(tb.text("main"), "Mari Fjelltun") {
		t.Errorf("person page = %q / %q", h, tb.text("main"))
	}
	tb.submit(`footer button[value="nb"]`)
	if got := run(tb, chromedp.AttributeValue(chromedp.CSS("html"), "lang")); got.Value != "nb" {
		t.Errorf("language on PostgreSQL: %+v", got)
	}
}

// heard serve will not start on a database that would acknowledge commits
// before they are on disk. The test server runs without fsync, so without
// --allow-non-durable heard must refuse it and say why.
func TestPostgres_RefusesNonDurable(t *testing.T) {
	dsn := pgtest.NewDatabase(t)
	bin, err := buildHeard()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", "--db", dsn, "--addr", "127.0.0.1:0")
	done := make(chan struct{})
	time.AfterFunc(60*time.Second, func() {
		select {
		case <-done:
		default:
			cmd.Process.Kill()
		}
	})
	out, err := cmd.CombinedOutput()
	close(done)
	if err == nil || !strings.Contains(string(out), "fsync=off") || !strings.Contains(string(out), "--allow-non-durable") {
		t.Errorf("heard serve on a PostgreSQL without fsync = %v:\n%s", err, out)
	}
}

// Revoking reaches the member's next request in another process: Ada
// takes a scope away and then removes her choir friend through process A;
// the friend's very next requests through process B, to the API and to
// the pages, are refused as for a record that was never shared.
func TestPostgres_RevocationReachesTheOtherProcess(t *testing.T) {
	dsn := pgtest.NewDatabase(t)
	a := startProcess(t, "serve", "--allow-non-durable", "--demo", "--db", dsn, "--addr", "127.0.0.1:0")
	b := startProcess(t, "serve", "--allow-non-durable", "--db", dsn, "--addr", "127.0.0.1:0")

	ada := newClient(t)
	adaMe := ada.login(a.url, "person1@demo.test")
	person := "/api/v1/persons/" + adaMe.PersonID
	var network struct {
		Members []struct{ LinkID, Name string }
	}
	if code := ada.call("GET", a.url, person+"/network", "", &network); code != 200 {
		t.Fatalf("her network = %d", code)
	}
	link := ""
	for _, m := range network.Members {
		if m.Name == "Ove Rasmussen" {
			link = m.LinkID
		}
	}
	if link == "" {
		t.Fatalf("no choir friend in %+v", network.Members)
	}

	friend := newClient(t)
	friend.login(b.url, "net2@demo.test")
	page := func(path string) int {
		t.Helper()
		resp, err := friend.http.Get(b.url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := friend.call("GET", b.url, person+"/care-team", "", nil); code != 200 {
		t.Fatalf("the friend reads her care team through B = %d", code)
	}
	if code := page("/persons/" + adaMe.PersonID + "/encounters"); code != 200 {
		t.Fatalf("the friend opens her meetings through B = %d", code)
	}

	if code := ada.call("PUT", a.url, person+"/network/"+link, `{"scopes":["meetings"]}`, nil); code != 204 {
		t.Fatalf("taking the care team scope away through A = %d", code)
	}
	if code := friend.call("GET", b.url, person+"/care-team", "", nil); code != 403 {
		t.Errorf("after the scope went, B answers the care team with %d, want 403", code)
	}
	if code := page("/persons/" + adaMe.PersonID + "/encounters"); code != 200 {
		t.Errorf("the scope she kept stopped working: %d", code)
	}

	if code := ada.call("DELETE", a.url, person+"/network/"+link, "", nil); code != 204 {
		t.Fatalf("removing the friend through A = %d", code)
	}
	for _, path := range []string{person, person + "/encounters"} {
		if code := friend.call("GET", b.url, path, "", nil); code != 404 {
			t.Errorf("after removal, B answers %s with %d, want 404", path, code)
		}
	}
	for _, path := range []string{"/persons/" + adaMe.PersonID, "/persons/" + adaMe.PersonID + "/encounters"} {
		if code := page(path); code != 404 {
			t.Errorf("after removal, B's page %s answers %d, want 404", path, code)
		}
	}
	resp, err := friend.http.Get(b.url + "/home")
	if err != nil {
		t.Fatal(err)
	}
	home, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || strings.Contains(string(home), adaMe.PersonID) {
		t.Errorf("B's home for the friend still leads to her record (%d)", resp.StatusCode)
	}
}
