package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/auth"
	"github.com/heard-health/heard/internal/demo"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/password"
	"github.com/heard-health/heard/internal/store"
	"github.com/heard-health/heard/internal/store/sqlite"
)

// cheap keeps password hashing fast in tests; hashes record their costs.
var cheap = password.Params{Memory: 64, Time: 1, Threads: 1}

// world is the demo database, built once per test process and copied for
// each test that changes it.
type world struct {
	path   string // the template database file
	tokens map[string]string
	ids    map[string]string
	names  map[string]string
	// allNames is every person's and account's name in the demo.
	allNames []string
	csrf     map[string]string
	loadOnce sync.Once
	err      error
}

var demoWorld = &world{}

// the actors of the matrix, by demo email.
var actorEmails = map[string]string{
	"person1": "person1@demo.test", "net1": "net1@demo.test", "pro1": "pro1@demo.test", "leader": "leader@demo.test",
	"researcher": "researcher@demo.test", "admin": "admin@demo.test", "pro3": "pro3@demo.test",
	"net2": "net2@demo.test", "net3": "net3@demo.test", "pro6": "pro6@demo.test", "person4": "person4@demo.test", "person3": "person3@demo.test",
	"person6": "person6@demo.test",
}

func (w *world) load(t testing.TB) *world {
	t.Helper()
	w.loadOnce.Do(func() { w.err = w.build() })
	if w.err != nil {
		t.Fatalf("build demo world: %v", w.err)
	}
	return w
}

func (w *world) build() error {
	dir, err := os.MkdirTemp("", "heard-server-test-")
	if err != nil {
		return err
	}
	w.path = filepath.Join(dir, "template.db")
	ctx := context.Background()
	st, err := sqlite.Open(ctx, w.path)
	if err != nil {
		return err
	}
	defer st.Close()
	a := app.New(st, app.Options{PasswordParams: cheap})
	if _, err := demo.Load(ctx, a, cheap, "en"); err != nil {
		return err
	}
	if err := otherPersonsRecords(ctx, st, a); err != nil {
		return err
	}
	cfg := auth.DefaultConfig()
	cfg.Params = cheap
	au := auth.New(store.Narrow[auth.Tx](st), cfg)
	w.tokens, w.ids, w.names, w.csrf = map[string]string{}, map[string]string{}, map[string]string{}, map[string]string{}
	for name, email := range actorEmails {
		token, _, err := au.Login(ctx, email, demo.Password, "192.0.2.10", "")
		if err != nil {
			return err
		}
		id, err := au.Authenticate(ctx, token)
		if err != nil {
			return err
		}
		w.tokens[name], w.csrf[name] = token, id.CSRFToken
	}
	return st.Read(ctx, func(tx store.Tx) error { return w.lookup(ctx, tx) })
}

// otherPersonsRecords gives person2 a suggestion and a restriction of
// their own, so that every kind of record has another person's ID to mix
// into person1's paths.
func otherPersonsRecords(ctx context.Context, st store.Store, a *app.Service) error {
	var pro2 heard.Account
	var person2 heard.Person
	if err := st.Read(ctx, func(tx store.Tx) error {
		var err error
		if pro2, err = tx.GetAccountByEmail(ctx, "pro2@demo.test"); err != nil {
			return err
		}
		acc, err := tx.GetAccountByEmail(ctx, "person2@demo.test")
		if err != nil {
			return err
		}
		person2, err = tx.GetPersonByAccount(ctx, acc.ID)
		return err
	}); err != nil {
		return err
	}
	var admin heard.Account
	var units []heard.Unit
	if err := st.Read(ctx, func(tx store.Tx) error {
		var err error
		if admin, err = tx.GetAccountByEmail(ctx, "admin@demo.test"); err != nil {
			return err
		}
		units, err = tx.ListUnits(ctx, admin.OrganisationID)
		return err
	}); err != nil {
		return err
	}
	// A leader the admin made, waiting for the demo leader to confirm.
	asAdmin := heard.Actor{AccountID: admin.ID, OrganisationID: admin.OrganisationID, Role: admin.Role, Name: admin.Name}
	if _, err := a.CreateAccount(ctx, asAdmin, app.NewAccount{Email: "new.leader@demo.test", Name: "Nina Newleader", Role: heard.RoleLeader,
		UnitID: units[0].ID, Password: "a long unusual phrase for tests"}); err != nil {
		return err
	}
	actor := heard.Actor{AccountID: pro2.ID, OrganisationID: pro2.OrganisationID, Role: pro2.Role, Name: pro2.Name}
	if _, err := a.Suggest(ctx, actor, person2.ID, app.SuggestionInput{Part: heard.PartCrisis, Fields: map[string]string{"who_to_contact": "Sentinel suggestion for Brage"}}); err != nil {
		return err
	}
	_, err := a.CreateRestriction(ctx, actor, person2.ID, app.RestrictionInput{Kind: heard.RestrictLeave, LegalBasis: "Sentinel basis for Brage",
		Start: time.Now().Format("2006-01-02"), ReviewDate: time.Now().AddDate(0, 0, 7).Format("2006-01-02")})
	return err
}

// lookup finds the IDs the routes need.
func (w *world) lookup(ctx context.Context, tx store.Tx) error {
	person := func(n string) (heard.Person, error) {
		acc, err := tx.GetAccountByEmail(ctx, n+"@demo.test")
		if err != nil {
			return heard.Person{}, err
		}
		w.ids[n+".account"] = string(acc.ID)
		return tx.GetPersonByAccount(ctx, acc.ID)
	}
	for _, n := range []string{"person1", "person2", "person3", "person4", "person6"} {
		p, err := person(n)
		if err != nil {
			return err
		}
		w.ids[n], w.names[n] = string(p.ID), p.Name
	}
	for _, c := range []struct{ key, person, member string }{{"link1", "person1", "net1"}, {"link3", "person3", "net3"}} {
		acc, err := tx.GetAccountByEmail(ctx, c.member+"@demo.test")
		if err != nil {
			return err
		}
		links, err := tx.ListNetworkLinks(ctx, store.NetworkLinkFilter{PersonID: heard.PersonID(w.ids[c.person]), MemberID: acc.ID})
		if err != nil || len(links) != 1 {
			return err
		}
		w.ids[c.key] = string(links[0].ID)
	}
	for _, c := range []struct{ key, person string }{{"relation1", "person1"}, {"relation2", "person2"}} {
		rels, err := tx.ListCareRelations(ctx, store.CareRelationFilter{PersonID: heard.PersonID(w.ids[c.person])})
		if err != nil || len(rels) == 0 {
			return err
		}
		w.ids[c.key] = string(rels[0].ID)
	}
	waiting, err := tx.ListCareRelations(ctx, store.CareRelationFilter{Pending: true})
	if err != nil || len(waiting) != 1 {
		return fmt.Errorf("the demo's waiting care relation: %d, %v", len(waiting), err)
	}
	w.ids["waiting"] = string(waiting[0].ID)
	leaders, err := tx.ListUnitMemberships(ctx, store.MembershipFilter{Role: heard.UnitLeader, Waiting: true})
	if err != nil || len(leaders) != 1 {
		return fmt.Errorf("the waiting leader: %d, %v", len(leaders), err)
	}
	w.ids["waitingLeader"] = string(leaders[0].AccountID)
	es, err := tx.ListEmergencyAccesses(ctx, store.EmergencyFilter{PersonID: heard.PersonID(w.ids["person4"])})
	if err != nil || len(es) != 1 {
		return err
	}
	w.ids["access"] = string(es[0].ID)
	pro2, err := tx.GetAccountByEmail(ctx, "pro2@demo.test")
	if err != nil {
		return err
	}
	w.ids["pro2"] = string(pro2.ID)
	ms, err := tx.ListUnitMemberships(ctx, store.MembershipFilter{AccountID: pro2.ID})
	if err != nil || len(ms) == 0 {
		return fmt.Errorf("pro2's unit: %v", err)
	}
	w.ids["pro2unit"] = string(ms[0].UnitID)
	units, err := tx.ListUnits(ctx, pro2.OrganisationID)
	if err != nil || len(units) == 0 {
		return err
	}
	w.ids["unit"] = string(units[0].ID)
	if w.allNames, err = tx.KnownNames(ctx, pro2.OrganisationID); err != nil {
		return err
	}
	insts, err := tx.ListInstruments(ctx, pro2.OrganisationID)
	if err != nil || len(insts) == 0 {
		return fmt.Errorf("the demo's questionnaire: %v", err)
	}
	w.ids["instrument"] = string(insts[0].ID)
	invs, err := tx.ListInvitations(ctx, heard.PersonID(w.ids["person1"]))
	if err != nil || len(invs) == 0 {
		return fmt.Errorf("the demo's invitation: %v", err)
	}
	w.ids["invitation1"] = string(invs[0].ID)
	if invs, err = tx.ListInvitations(ctx, heard.PersonID(w.ids["person2"])); err != nil || len(invs) == 0 {
		return fmt.Errorf("person2's invitation: %v", err)
	}
	w.ids["invitation2"] = string(invs[0].ID)
	for _, n := range []string{"1", "2"} {
		prs, err := tx.ListProposals(ctx, heard.PersonID(w.ids["person"+n]))
		if err != nil || len(prs) == 0 {
			return fmt.Errorf("person%s's proposal: %v", n, err)
		}
		w.ids["proposal"+n] = string(prs[0].ID)
		ts, err := tx.ListThreads(ctx, store.ThreadFilter{PersonID: heard.PersonID(w.ids["person"+n])})
		for _, th := range ts {
			if th.Thread.MemberID == "" {
				w.ids["thread"+n], w.ids["threadUnit"+n] = string(th.Thread.ID), string(th.Thread.UnitID)
			} else {
				w.ids["memberThread"+n] = string(th.Thread.ID)
			}
		}
		if err != nil || w.ids["thread"+n] == "" {
			return fmt.Errorf("person%s's thread: %v", n, err)
		}
	}
	return w.lookupWork(ctx, tx)
}

// lookupWork finds the demo's plans, goals, meetings, decisions and
// restrictions: "…1" are person1's, "…2" person2's.
func (w *world) lookupWork(ctx context.Context, tx store.Tx) error {
	for _, n := range []string{"1", "2"} {
		person := heard.PersonID(w.ids["person"+n])
		goals, err := tx.ListGoals(ctx, person)
		if err != nil || len(goals) == 0 {
			return fmt.Errorf("demo goals of person%s: %v", n, err)
		}
		// A goal she is working on, never edited (the demo's history has
		// one she reached).
		w.ids["goal"+n] = string(goals[0].ID)
		for _, g := range goals {
			if g.Status == heard.GoalActive && g.Version == 1 {
				w.ids["goal"+n] = string(g.ID)
				break
			}
		}
		es, err := tx.ListEncounters(ctx, store.EncounterFilter{PersonID: person})
		if err != nil || len(es) == 0 {
			return fmt.Errorf("demo encounters of person%s: %v", n, err)
		}
		w.ids["encounter"+n] = string(es[0].ID) // the newest: an upcoming one
		// A meeting she attended that has happened takes her reflection.
		w.ids["pastEncounter"+n] = w.ids["encounter"+n]
		for _, e := range es {
			if e.Start.Before(time.Now()) && !e.WithoutPerson() {
				w.ids["pastEncounter"+n] = string(e.ID)
				break
			}
		}
		ds, err := tx.ListDecisions(ctx, store.DecisionFilter{PersonID: person})
		if err != nil || len(ds) == 0 {
			return fmt.Errorf("demo decisions of person%s: %v", n, err)
		}
		w.ids["decision"+n] = string(ds[0].ID)
	}
	for _, n := range []string{"1", "2"} {
		rs, err := tx.ListRestrictions(ctx, store.RestrictionFilter{PersonID: heard.PersonID(w.ids["person"+n])})
		if err != nil || len(rs) == 0 {
			return fmt.Errorf("restrictions of person%s: %v", n, err)
		}
		w.ids["restriction"+n] = string(rs[0].ID)
		sgs, err := tx.ListSuggestions(ctx, heard.PersonID(w.ids["person"+n]), heard.SuggestionOpen)
		if err != nil || len(sgs) == 0 {
			return fmt.Errorf("suggestions to person%s: %v", n, err)
		}
		w.ids["anysuggestion"+n] = string(sgs[0].ID)
	}
	sgs, err := tx.ListSuggestions(ctx, heard.PersonID(w.ids["person1"]), heard.SuggestionOpen)
	if err != nil || len(sgs) == 0 {
		return fmt.Errorf("demo suggestions: %v", err)
	}
	for _, sg := range sgs {
		if sg.Part != "" {
			w.ids["suggestion1"] = string(sg.ID)
		}
	}
	return nil
}

// copyDB copies the template database for a test that changes data.
func (w *world) copyDB(t testing.TB) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "heard.db")
	for _, suffix := range []string{"", "-wal"} {
		in, err := os.Open(w.path + suffix)
		if os.IsNotExist(err) && suffix != "" {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		out, err := os.Create(dst + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(out, in); err != nil {
			t.Fatal(err)
		}
		in.Close()
		out.Close()
	}
	return dst
}

// newServer opens a copy of the demo database and serves it. The log goes
// to logs, for tests that look for leaks in it.
func (w *world) newServer(t testing.TB, logs io.Writer) *Server {
	t.Helper()
	return w.newServerWith(t, logs, Options{})
}

// newServerWith is newServer with options; logger and time zone are set here.
func (w *world) newServerWith(t testing.TB, logs io.Writer, opts Options) *Server {
	t.Helper()
	return w.newServerAt(t, logs, opts, time.Now)
}

// newServerAt is newServerWith with the login clock given.
func (w *world) newServerAt(t testing.TB, logs io.Writer, opts Options, now func() time.Time) *Server {
	t.Helper()
	st, err := sqlite.Open(context.Background(), w.copyDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if logs == nil {
		logs = io.Discard
	}
	cfg := auth.DefaultConfig()
	cfg.Params, cfg.Now = cheap, now
	oslo, _ := time.LoadLocation("Europe/Oslo")
	opts.Logger, opts.Location = slog.New(slog.NewTextHandler(logs, nil)), oslo
	s, err := New(app.New(st, app.Options{PasswordParams: cheap, Now: now}), auth.New(store.Narrow[auth.Tx](st), cfg), opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// do sends one request as actor ("" for anonymous), with the CSRF token
// the actor's page would carry, and returns the response.
func (w *world) do(s http.Handler, actor, method, path, contentType, body string) *httptest.ResponseRecorder {
	return w.doWith(s, actor, method, path, contentType, body)
}

// doWith is do with more cookies (a notice the last response set, say).
func (w *world) doWith(s http.Handler, actor, method, path, contentType, body string, cookies ...*http.Cookie) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	for _, c := range cookies {
		r.AddCookie(c)
	}
	r.RemoteAddr = "192.0.2.20:4321"
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	if actor != "" {
		r.AddCookie(&http.Cookie{Name: "heard_session", Value: w.tokens[actor]})
		r.Header.Set("X-CSRF-Token", w.csrf[actor])
	} else {
		r.AddCookie(&http.Cookie{Name: "heard_csrf", Value: anonCSRF})
		r.Header.Set("X-CSRF-Token", anonCSRF)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, r)
	return rec
}

const anonCSRF = "anonymous-double-submit-token-of-43-chars-x"

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
