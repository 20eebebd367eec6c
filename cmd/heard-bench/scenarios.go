package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/heard-health/heard/internal/bench"
)

// A scenario builds the users of one measured load: worker i acts as
// users[i]. heard is heard's base URL.
type scenario struct {
	name  string
	about string
	// against names the reference its ratio is taken to: "ceiling" (the
	// bare handler) or "healthz" (the same binary's cookie-less /healthz).
	against string
	users   func(heard string, n int) ([]bench.User, error)
}

var scenarios = []scenario{
	{"healthz", "GET /healthz without a cookie: the HTTP stack alone", "", healthzUsers(false)},
	{"healthz-cookie", "GET /healthz with a person's session cookie", "healthz", healthzUsers(true)},
	{"person-read", "GET /api/v1/persons/{own} as the person", "healthz", personReadUsers},
	{"goal-notes", "POST /api/v1/persons/{own}/goals/{goalId}/notes as the person, each note unique", "healthz", goalNoteUsers},
	{"mix", "the read mix of persons and professionals (pages and API)", "ceiling", mixUsers},
	{"writes", "the write mix: plan-part saves, goal notes, agenda items, meeting notes", "ceiling", writeUsers},
}

func scenarioNamed(name string) (scenario, error) {
	for _, s := range scenarios {
		if s.name == name {
			return s, nil
		}
	}
	return scenario{}, fmt.Errorf("unknown scenario %q", name)
}

// session is one logged-in demo user.
type session struct {
	c    *http.Client
	csrf string
	base string
}

// login logs email in through the API and returns its session.
func login(base, email string, conns int) (*session, error) {
	jar, _ := cookiejar.New(nil)
	s := &session{c: client(conns, jar), base: base}
	var out struct{ CSRFToken string }
	status, err := s.send("POST", "/api/v1/session", map[string]string{"email": email, "password": "heard-demo-password"}, &out)
	if err != nil || status != http.StatusOK {
		return nil, fmt.Errorf("login %s: status %d, %v", email, status, err)
	}
	s.csrf = out.CSRFToken
	return s, nil
}

// send makes one JSON call and decodes the answer into out when given.
func (s *session) send(method, path string, in, out any) (int, error) {
	var body bytes.Buffer
	if in != nil {
		if err := json.NewEncoder(&body).Encode(in); err != nil {
			return 0, err
		}
	}
	req, err := http.NewRequest(method, s.base+path, &body)
	if err != nil {
		return 0, err
	}
	req.Header = s.header()
	resp, err := s.c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if out != nil && resp.StatusCode < 300 {
		return resp.StatusCode, json.NewDecoder(resp.Body).Decode(out)
	}
	return resp.StatusCode, nil
}

func (s *session) header() http.Header {
	return http.Header{"Content-Type": {"application/json"}, "X-Csrf-Token": {s.csrf}}
}

// personID returns the logged-in person's ID.
func (s *session) personID() (string, error) {
	var me struct{ PersonID string }
	if _, err := s.send("GET", "/api/v1/me", nil, &me); err != nil || me.PersonID == "" {
		return "", fmt.Errorf("me: %q, %v", me.PersonID, err)
	}
	return me.PersonID, nil
}

// proEmail is worker i's professional: the demo has six.
func proEmail(i int) string { return fmt.Sprintf("pro%d@demo.test", i%6+1) }

// firstOnCaseload returns the first person the professional works with.
func (s *session) firstOnCaseload() (string, error) {
	var cl struct {
		Caseload []struct{ Person struct{ ID string } }
	}
	if _, err := s.send("GET", "/api/v1/caseload", nil, &cl); err != nil || len(cl.Caseload) == 0 {
		return "", fmt.Errorf("caseload: %d persons, %v", len(cl.Caseload), err)
	}
	return cl.Caseload[0].Person.ID, nil
}

// personEmail is worker i's person: the demo has 20, and workers beyond
// 20 share them.
func personEmail(i int) string { return fmt.Sprintf("person%d@demo.test", i%20+1) }

func healthzUsers(withCookie bool) func(string, int) ([]bench.User, error) {
	return func(base string, n int) ([]bench.User, error) {
		var users []bench.User
		for i := range n {
			c := client(n, nil)
			if withCookie {
				s, err := login(base, personEmail(i), n)
				if err != nil {
					return nil, err
				}
				c = s.c
			}
			users = append(users, bench.User{Client: c, Requests: []bench.Request{{Label: "GET /healthz", URL: base + "/healthz"}}})
		}
		return users, nil
	}
}

func personReadUsers(base string, n int) ([]bench.User, error) {
	var users []bench.User
	for i := range n {
		s, err := login(base, personEmail(i), n)
		if err != nil {
			return nil, err
		}
		id, err := s.personID()
		if err != nil {
			return nil, err
		}
		users = append(users, bench.User{Client: s.c, Requests: []bench.Request{
			{Label: "GET /api/v1/persons/{personId}", URL: base + "/api/v1/persons/" + id}}})
	}
	return users, nil
}

// marker makes every written text unique, so that a lost or doubled write
// would show.
var marker atomic.Int64

func unique(prefix string) func() string {
	return func() string {
		b, _ := json.Marshal(map[string]string{"text": prefix + " " + strconv.FormatInt(marker.Add(1), 10)})
		return string(b)
	}
}

func created(status int, _ []byte) bool { return status == http.StatusCreated }

// goalNoteWriter logs in worker i's person, gives them a goal of their
// own, and returns the request that adds a note to it.
func goalNoteWriter(base string, i, n int) (*session, string, bench.Request, error) {
	s, err := login(base, personEmail(i), n)
	if err != nil {
		return nil, "", bench.Request{}, err
	}
	id, err := s.personID()
	if err != nil {
		return nil, "", bench.Request{}, err
	}
	var goal struct{ ID string }
	if status, err := s.send("POST", "/api/v1/persons/"+id+"/goals", map[string]any{"wording": "Walk to the lake " + strconv.Itoa(i), "status": "active"}, &goal); err != nil || status != http.StatusCreated {
		return nil, "", bench.Request{}, fmt.Errorf("create goal: status %d, %v", status, err)
	}
	return s, id, bench.Request{Label: "POST /api/v1/persons/{personId}/goals/{goalId}/notes", Method: "POST", Header: s.header(),
		URL: base + "/api/v1/persons/" + id + "/goals/" + goal.ID + "/notes", Body: unique("note"), OK: created}, nil
}

func goalNoteUsers(base string, n int) ([]bench.User, error) {
	var users []bench.User
	for i := range n {
		s, _, r, err := goalNoteWriter(base, i, n)
		if err != nil {
			return nil, err
		}
		users = append(users, bench.User{Client: s.c, Requests: []bench.Request{r}})
	}
	return users, nil
}

// planParts are the parts a person writes in turn; worker i writes part
// i/20 of its person, so that no two workers (up to 80) share a part and
// race each other's versions.
var planParts = []struct{ key, field string }{{"about", "good_day"}, {"helps", "helps"}, {"crisis", "early_signs"}, {"medicines", "own_ways"}}

// versioned is a save that sends the version it last saw and keeps the
// one it gets back.
func versioned(v *int, body func(version int) any) (func() string, func(int, []byte) bool) {
	return func() string {
			b, _ := json.Marshal(body(*v))
			return string(b)
		}, func(status int, answer []byte) bool {
			var out struct{ Version int }
			if status != http.StatusOK || json.Unmarshal(answer, &out) != nil {
				return false
			}
			*v = out.Version
			return true
		}
}

// writeUsers: even workers are persons (a plan-part save, a goal note, an
// agenda item for their next meeting); odd workers are professionals (the
// shared note of a meeting they recorded, an agenda item for it).
func writeUsers(base string, n int) ([]bench.User, error) {
	var users []bench.User
	for i := range n {
		if i%2 == 0 {
			s, id, note, err := goalNoteWriter(base, i/2, n)
			if err != nil {
				return nil, err
			}
			part := planParts[(i/2/20)%len(planParts)]
			version := 0
			if err := partVersion(s, id, part.key, &version); err != nil {
				return nil, err
			}
			body, ok := versioned(&version, func(v int) any {
				return map[string]any{"fields": map[string]string{part.field: "A good day starts slowly " + strconv.FormatInt(marker.Add(1), 10)}, "version": v}
			})
			enc, err := meetingFor(base, i/2, id, n)
			if err != nil {
				return nil, err
			}
			users = append(users, bench.User{Client: s.c, Requests: []bench.Request{
				{Label: "PUT /api/v1/persons/{personId}/plan/{part}", Method: "PUT", Header: s.header(), URL: base + "/api/v1/persons/" + id + "/plan/" + part.key, Body: body, OK: ok},
				note,
				{Label: "POST …/encounters/{encounterId}/agenda (person)", Method: "POST", Header: s.header(), URL: base + "/api/v1/persons/" + id + "/encounters/" + enc.ID + "/agenda", Body: unique("agenda"), OK: created},
			}})
			continue
		}
		pro, err := login(base, proEmail(i/2), n)
		if err != nil {
			return nil, err
		}
		id, err := pro.firstOnCaseload()
		if err != nil {
			return nil, err
		}
		enc, err := record(pro, id)
		if err != nil {
			return nil, err
		}
		version := enc.Version
		body, ok := versioned(&version, func(v int) any {
			return map[string]any{"start": enc.Start, "kind": "outpatient", "place": "Room 3", "invited": true, "present": "present",
				"sharedNote": "We talked about the week " + strconv.FormatInt(marker.Add(1), 10), "version": v}
		})
		users = append(users, bench.User{Client: pro.c, Requests: []bench.Request{
			{Label: "PUT /api/v1/persons/{personId}/encounters/{encounterId} (meeting notes)", Method: "PUT", Header: pro.header(), URL: base + "/api/v1/persons/" + id + "/encounters/" + enc.ID, Body: body, OK: ok},
			{Label: "POST …/encounters/{encounterId}/agenda (professional)", Method: "POST", Header: pro.header(), URL: base + "/api/v1/persons/" + id + "/encounters/" + enc.ID + "/agenda", Body: unique("agenda"), OK: created},
		}})
	}
	return users, nil
}

// partVersion reads the version of one plan part.
func partVersion(s *session, person, part string, v *int) error {
	var plan struct {
		Parts []struct {
			Part    string
			Version int
		}
	}
	if status, err := s.send("GET", "/api/v1/persons/"+person+"/plan", nil, &plan); err != nil || status != http.StatusOK {
		return fmt.Errorf("plan: status %d, %v", status, err)
	}
	for _, p := range plan.Parts {
		if p.Part == part {
			*v = p.Version
		}
	}
	return nil
}

type meeting struct {
	ID      string
	Start   time.Time
	Version int
}

// record makes a meeting a professional records for person.
func record(pro *session, person string) (meeting, error) {
	var m meeting
	in := map[string]any{"start": time.Now().Add(-24 * time.Hour).UTC().Truncate(time.Hour), "kind": "outpatient", "place": "Room 3", "invited": true, "present": "present"}
	status, err := pro.send("POST", "/api/v1/persons/"+person+"/encounters", in, &m)
	if err != nil || status != http.StatusCreated {
		return m, fmt.Errorf("record meeting: status %d, %v", status, err)
	}
	return m, nil
}

// meetingFor has the person's primary professional (pro ((p-1) mod 6)+1
// in the demo) record a meeting with worker i's person.
func meetingFor(base string, i int, person string, n int) (meeting, error) {
	pro, err := login(base, proEmail(i%20), n)
	if err != nil {
		return meeting{}, err
	}
	return record(pro, person)
}

// mixUsers logs in n users, alternately persons and professionals, each
// with the read mix of its role.
func mixUsers(base string, n int) ([]bench.User, error) {
	users, _, err := loginMix(base, n)
	return users, err
}

// loginMix is mixUsers, and also returns the persons' IDs.
func loginMix(base string, n int) ([]bench.User, []string, error) {
	var users []bench.User
	var persons []string
	for i := range n {
		email := personEmail(i / 2)
		if i%2 == 1 {
			email = proEmail(i / 2)
		}
		s, err := login(base, email, n)
		if err != nil {
			return nil, nil, err
		}
		var reqs []bench.Request
		if i%2 == 0 {
			id, err := s.personID()
			if err != nil {
				return nil, nil, err
			}
			persons = append(persons, id)
			reqs = []bench.Request{
				{Label: "GET /home (person)", URL: base + "/home"},
				{Label: "GET /api/v1/persons/{personId}", URL: base + "/api/v1/persons/" + id},
				{Label: "GET /persons/{personID}/access-log", URL: base + "/persons/" + id + "/access-log"},
				{Label: "GET /persons/{personID}/plan (person)", URL: base + "/persons/" + id + "/plan"},
			}
		} else {
			p, err := s.firstOnCaseload()
			if err != nil {
				return nil, nil, err
			}
			reqs = []bench.Request{
				{Label: "GET /home (caseload)", URL: base + "/home"},
				{Label: "GET /api/v1/caseload", URL: base + "/api/v1/caseload"},
				{Label: "GET /persons/{personID}", URL: base + "/persons/" + p},
				{Label: "GET /api/v1/persons/{personId}/care-team", URL: base + "/api/v1/persons/" + p + "/care-team"},
				{Label: "GET /persons/{personID}/plan (professional)", URL: base + "/persons/" + p + "/plan"},
			}
		}
		users = append(users, bench.User{Client: s.c, Requests: reqs})
	}
	return users, persons, nil
}
