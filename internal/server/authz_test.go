package server

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/auth"
	"github.com/heard-health/heard/internal/demo"
)

// outcome is what a request should get: a status ("200", "403", …), or
// "login" for a redirect to the login page, "303" for any other redirect.
type outcome = string

// row gives the outcome for each actor. person1 is the person; net1 is in
// person1's network without the care_team scope; pro1 has a care relation
// with person1 and none with person2; the leader leads both units.
type row struct {
	anon, person1, net1, pro1, leader, researcher, admin outcome
}

func (r row) of(actor string) outcome {
	return map[string]outcome{"": r.anon, "person1": r.person1, "net1": r.net1, "pro1": r.pro1,
		"leader": r.leader, "researcher": r.researcher, "admin": r.admin}[actor]
}

var actors = []string{"", "person1", "net1", "pro1", "leader", "researcher", "admin"}

// The matrix: every route × every role × (own or related person "p1",
// unrelated person "p2", or "-" for routes not about one person). A route
// without rows here, or a row without a route, fails the test.
var matrix = []struct {
	route  string
	target string
	want   row
}{
	{"GET /healthz", "-", row{"200", "200", "200", "200", "200", "200", "200"}},
	{"GET /readyz", "-", row{"200", "200", "200", "200", "200", "200", "200"}},
	{"GET /{$}", "-", row{"303", "303", "303", "303", "303", "303", "303"}},
	{"GET /static/{file}", "-", row{"200", "200", "200", "200", "200", "200", "200"}},
	{"POST /language", "-", row{"303", "303", "303", "303", "303", "303", "303"}},
	{"GET /login", "-", row{"200", "303", "303", "303", "303", "303", "303"}},
	{"POST /login", "-", row{"303", "303", "303", "303", "303", "303", "303"}},
	{"GET /login/code", "-", row{"login", "login", "login", "login", "login", "login", "login"}},
	{"POST /login/code", "-", row{"login", "login", "login", "login", "login", "login", "login"}},
	{"POST /logout", "-", row{"login", "login", "login", "login", "login", "login", "login"}},
	{"GET /home", "-", row{"login", "200", "200", "200", "200", "200", "200"}},
	{"GET /settings", "-", row{"login", "200", "200", "200", "200", "200", "200"}},
	{"POST /settings/sessions", "-", row{"login", "303", "303", "303", "303", "303", "303"}},
	{"POST /settings/password", "-", row{"login", "303", "303", "303", "303", "303", "303"}},
	{"GET /settings/two-factor", "-", row{"login", "200", "200", "200", "200", "200", "200"}},
	{"POST /settings/two-factor", "-", row{"login", "303", "303", "303", "303", "303", "303"}},

	{"GET /stories", "-", row{"login", "403", "403", "403", "200", "200", "403"}},
	{"GET /admin/instruments", "-", row{"login", "403", "403", "403", "403", "403", "200"}},
	{"POST /admin/instruments", "-", row{"login", "403", "403", "403", "403", "403", "303"}},
	{"POST /admin/units/{unitID}/messaging", "-", row{"login", "403", "403", "403", "403", "403", "303"}},

	{"GET /persons/{personID}", "p1", row{"login", "200", "200", "200", "404", "404", "200"}},
	{"GET /persons/{personID}", "p2", row{"login", "404", "404", "404", "404", "404", "200"}},
	{"GET /persons/{personID}/access-log", "p1", row{"login", "200", "403", "403", "404", "404", "403"}},
	{"GET /persons/{personID}/access-log", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/network", "p1", row{"login", "200", "403", "403", "404", "404", "403"}},
	{"GET /persons/{personID}/network", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/network/{linkID}", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/network/{linkID}", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/network/{linkID}/remove", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/network/{linkID}/remove", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/invitations", "p1", row{"login", "200", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/invitations", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/invitations/{invitationID}/withdraw", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/invitations/{invitationID}/withdraw", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/network/{linkID}/renew", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/network/{linkID}/renew", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/proposals/{proposalID}/decline", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/proposals/{proposalID}/decline", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/proposals/new", "p1", row{"login", "403", "403", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/proposals/new", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/proposals", "p1", row{"login", "403", "403", "303", "404", "404", "403"}},
	{"POST /persons/{personID}/proposals", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/threads", "p1", row{"login", "200", "200", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/threads", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/threads", "p1", row{"login", "303", "303", "303", "404", "404", "403"}},
	{"POST /persons/{personID}/threads", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/threads/{threadID}", "p1", row{"login", "200", "404", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/threads/{threadID}", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/threads/{threadID}/messages", "p1", row{"login", "303", "404", "303", "404", "404", "403"}},
	{"POST /persons/{personID}/threads/{threadID}/messages", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /inbox", "-", row{"login", "403", "403", "200", "403", "403", "403"}},
	{"POST /persons/{personID}/encounters/{encounterID}/voice", "p1", row{"login", "403", "403", "303", "404", "404", "403"}},
	{"POST /persons/{personID}/encounters/{encounterID}/voice", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/encounters/{encounterID}/note-sharing", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/encounters/{encounterID}/note-sharing", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /i/{token}", "-", row{"404", "404", "404", "404", "404", "404", "404"}},
	{"POST /i/{token}", "-", row{"404", "404", "404", "404", "404", "404", "404"}},
	{"GET /persons/{personID}/emergency-access", "p1", row{"login", "403", "403", "409", "404", "404", "403"}},
	{"GET /persons/{personID}/emergency-access", "p2", row{"login", "404", "404", "200", "404", "404", "403"}},
	{"POST /persons/{personID}/emergency-access", "p1", row{"login", "403", "403", "409", "404", "404", "403"}},
	{"POST /persons/{personID}/emergency-access", "p2", row{"login", "404", "404", "303", "404", "404", "403"}},
	{"GET /emergency-access", "-", row{"login", "403", "403", "200", "403", "403", "403"}},
	{"GET /reviews/emergency-access", "-", row{"login", "403", "403", "403", "200", "403", "403"}},
	{"POST /reviews/emergency-access/{accessID}", "-", row{"login", "403", "403", "403", "303", "403", "403"}},
	{"GET /care-relations", "-", row{"login", "403", "403", "403", "200", "403", "403"}},
	{"POST /care-relations/{relationID}/confirm", "-", row{"login", "404", "404", "404", "303", "404", "404"}},
	{"POST /care-relations/{relationID}/decline", "-", row{"login", "404", "404", "404", "303", "404", "404"}},
	{"POST /units/{unitID}/leaders/{accountID}/confirm", "-", row{"login", "404", "404", "404", "303", "404", "404"}},

	{"GET /persons/{personID}/plan", "p1", row{"login", "200", "200", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/plan", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/plan/print", "p1", row{"login", "200", "200", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/plan/print", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/plan/{part}", "p1", row{"login", "200", "200", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/plan/{part}", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/plan/{part}", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/plan/{part}", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/plan/{part}/suggestions", "p1", row{"login", "403", "303", "303", "404", "404", "403"}},
	{"POST /persons/{personID}/plan/{part}/suggestions", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/plan/{part}/history", "p1", row{"login", "200", "200", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/plan/{part}/history", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/suggestions/{suggestionID}", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/suggestions/{suggestionID}", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/goals/new", "p1", row{"login", "200", "403", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/goals/new", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/goals", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/goals", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/goals/suggestions", "p1", row{"login", "403", "403", "303", "404", "404", "403"}},
	{"POST /persons/{personID}/goals/suggestions", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/goals/{goalID}", "p1", row{"login", "200", "404", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/goals/{goalID}", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/goals/{goalID}", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/goals/{goalID}", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/goals/{goalID}/suggestions", "p1", row{"login", "403", "404", "303", "404", "404", "403"}},
	{"POST /persons/{personID}/goals/{goalID}/suggestions", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/goals/{goalID}/notes", "p1", row{"login", "303", "403", "303", "404", "404", "403"}},
	{"POST /persons/{personID}/goals/{goalID}/notes", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/encounters", "p1", row{"login", "200", "403", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/encounters", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/encounters/new", "p1", row{"login", "403", "403", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/encounters/new", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/encounters", "p1", row{"login", "403", "403", "303", "404", "404", "403"}},
	{"POST /persons/{personID}/encounters", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/encounters/{encounterID}", "p1", row{"login", "200", "403", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/encounters/{encounterID}", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/encounters/{encounterID}", "p1", row{"login", "403", "403", "303", "404", "404", "403"}},
	{"POST /persons/{personID}/encounters/{encounterID}", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/encounters/{encounterID}/agenda", "p1", row{"login", "303", "403", "303", "404", "404", "403"}},
	{"POST /persons/{personID}/encounters/{encounterID}/agenda", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/encounters/{encounterID}/reflection", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/encounters/{encounterID}/reflection", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/encounters/{encounterID}/feedback", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/encounters/{encounterID}/feedback", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/checkins", "p1", row{"login", "200", "403", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/checkins", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/trajectories", "p1", row{"login", "200", "403", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/trajectories", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/questionnaires", "p1", row{"login", "200", "403", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/questionnaires", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/questionnaires/{instrumentID}", "p1", row{"login", "200", "403", "403", "404", "404", "403"}},
	{"GET /persons/{personID}/questionnaires/{instrumentID}", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/questionnaires/{instrumentID}", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/questionnaires/{instrumentID}", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/checkins/new", "p1", row{"login", "200", "403", "403", "404", "404", "403"}},
	{"GET /persons/{personID}/checkins/new", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/checkins", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/checkins", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/checkins/saved", "p1", row{"login", "200", "403", "403", "404", "404", "403"}},
	{"GET /persons/{personID}/checkins/saved", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/checkins/schedule", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/checkins/schedule", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/encounters/{encounterID}/feedback/dismiss", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/encounters/{encounterID}/feedback/dismiss", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/encounters/{encounterID}/feedback-links", "p1", row{"login", "200", "403", "200", "404", "404", "403"}},
	{"POST /persons/{personID}/encounters/{encounterID}/feedback-links", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /f/{token}", "-", row{"404", "404", "404", "404", "404", "404", "404"}},
	{"POST /f/{token}", "-", row{"404", "404", "404", "404", "404", "404", "404"}},
	{"GET /persons/{personID}/encounters/{encounterID}/preparation", "p1", row{"login", "200", "403", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/encounters/{encounterID}/preparation", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/encounters/{encounterID}/preparation", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/encounters/{encounterID}/preparation", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/decisions", "p1", row{"login", "200", "403", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/decisions", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/decisions/new", "p1", row{"login", "403", "403", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/decisions/new", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/decisions", "p1", row{"login", "403", "403", "303", "404", "404", "403"}},
	{"POST /persons/{personID}/decisions", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/decisions/{decisionID}", "p1", row{"login", "200", "403", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/decisions/{decisionID}", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/decisions/{decisionID}", "p1", row{"login", "403", "403", "303", "404", "404", "403"}},
	{"POST /persons/{personID}/decisions/{decisionID}", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/decisions/{decisionID}/comment", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/decisions/{decisionID}/comment", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/decisions/{decisionID}/preference", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/decisions/{decisionID}/preference", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/restrictions", "p1", row{"login", "200", "403", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/restrictions", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/restrictions/new", "p1", row{"login", "403", "403", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/restrictions/new", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/restrictions", "p1", row{"login", "403", "403", "303", "404", "404", "403"}},
	{"POST /persons/{personID}/restrictions", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /persons/{personID}/restrictions/{restrictionID}", "p1", row{"login", "200", "403", "200", "404", "404", "403"}},
	{"GET /persons/{personID}/restrictions/{restrictionID}", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/restrictions/{restrictionID}", "p1", row{"login", "403", "403", "303", "404", "404", "403"}},
	{"POST /persons/{personID}/restrictions/{restrictionID}", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/restrictions/{restrictionID}/view", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/restrictions/{restrictionID}/view", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"POST /persons/{personID}/capacity", "p1", row{"login", "303", "403", "403", "404", "404", "403"}},
	{"POST /persons/{personID}/capacity", "p2", row{"login", "404", "404", "404", "404", "404", "403"}},
	{"GET /reviews/due", "-", row{"login", "403", "403", "200", "403", "403", "403"}},
	{"GET /admin/legal-bases", "-", row{"login", "403", "403", "403", "403", "403", "200"}},
	{"POST /admin/legal-bases", "-", row{"login", "403", "403", "403", "403", "403", "303"}},

	{"GET /admin/units", "-", row{"login", "403", "403", "403", "403", "403", "200"}},
	{"POST /admin/units", "-", row{"login", "403", "403", "403", "403", "403", "303"}},
	{"POST /admin/units/{unitID}/contact", "-", row{"login", "403", "403", "403", "403", "403", "303"}},
	{"GET /admin/accounts", "-", row{"login", "403", "403", "403", "403", "403", "200"}},
	{"POST /admin/accounts", "-", row{"login", "403", "403", "403", "403", "403", "200"}},
	{"GET /admin/relations", "-", row{"login", "403", "403", "403", "403", "403", "200"}},
	{"POST /admin/relations", "p1", row{"login", "403", "403", "403", "404", "404", "303"}},
	{"POST /admin/relations", "p2", row{"login", "404", "404", "404", "404", "404", "303"}},
	{"POST /admin/relations/{relationID}/end", "p1", row{"login", "403", "403", "403", "403", "403", "303"}},
	{"POST /admin/organisation", "-", row{"login", "403", "403", "403", "403", "403", "303"}},

	{"GET /api/v1/openapi.json", "-", row{"200", "200", "200", "200", "200", "200", "200"}},
	{"POST /api/v1/session", "-", row{"200", "200", "200", "200", "200", "200", "200"}},
	{"POST /api/v1/session/code", "-", row{"401", "401", "401", "401", "401", "401", "401"}},
	{"DELETE /api/v1/session", "-", row{"401", "204", "204", "204", "204", "204", "204"}},
	{"GET /api/v1/me", "-", row{"401", "200", "200", "200", "200", "200", "200"}},
	{"GET /api/v1/caseload", "-", row{"401", "403", "403", "200", "403", "403", "403"}},
	{"GET /api/v1/persons/{personId}", "p1", row{"401", "200", "200", "200", "404", "404", "200"}},
	{"GET /api/v1/persons/{personId}", "p2", row{"401", "404", "404", "404", "404", "404", "200"}},
	{"GET /api/v1/persons/{personId}/care-team", "p1", row{"401", "200", "403", "200", "404", "404", "200"}},
	{"GET /api/v1/persons/{personId}/care-team", "p2", row{"401", "404", "404", "404", "404", "404", "200"}},
	{"GET /api/v1/persons/{personId}/access-log", "p1", row{"401", "200", "403", "403", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/access-log", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/network", "p1", row{"401", "200", "403", "403", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/network", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/network/{linkId}", "p1", row{"401", "204", "403", "403", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/network/{linkId}", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"DELETE /api/v1/persons/{personId}/network/{linkId}", "p1", row{"401", "204", "403", "403", "404", "404", "403"}},
	{"DELETE /api/v1/persons/{personId}/network/{linkId}", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/emergency-access", "p1", row{"401", "403", "403", "409", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/emergency-access", "p2", row{"401", "404", "404", "201", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/plan", "p1", row{"401", "200", "200", "200", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/plan", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/plan/{part}", "p1", row{"401", "200", "403", "403", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/plan/{part}", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/plan/{part}/versions", "p1", row{"401", "200", "200", "200", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/plan/{part}/versions", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/plan/{part}/suggestions", "p1", row{"401", "403", "201", "201", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/plan/{part}/suggestions", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/suggestions/{suggestionId}", "p1", row{"401", "204", "403", "403", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/suggestions/{suggestionId}", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/goals", "p1", row{"401", "200", "200", "200", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/goals", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/goals", "p1", row{"401", "201", "403", "403", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/goals", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/goals/suggestions", "p1", row{"401", "403", "403", "201", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/goals/suggestions", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/goals/{goalId}", "p1", row{"401", "200", "404", "200", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/goals/{goalId}", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/goals/{goalId}", "p1", row{"401", "200", "403", "403", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/goals/{goalId}", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/goals/{goalId}/notes", "p1", row{"401", "201", "403", "201", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/goals/{goalId}/notes", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/goals/{goalId}/suggestions", "p1", row{"401", "403", "404", "201", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/goals/{goalId}/suggestions", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/encounters", "p1", row{"401", "200", "403", "200", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/encounters", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/encounters", "p1", row{"401", "403", "403", "201", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/encounters", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/encounters/{encounterId}", "p1", row{"401", "200", "403", "200", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/encounters/{encounterId}", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/encounters/{encounterId}", "p1", row{"401", "403", "403", "200", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/encounters/{encounterId}", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/encounters/{encounterId}/agenda", "p1", row{"401", "201", "403", "201", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/encounters/{encounterId}/agenda", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/encounters/{encounterId}/reflection", "p1", row{"401", "200", "403", "403", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/encounters/{encounterId}/reflection", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/encounters/{encounterId}/feedback", "p1", row{"401", "200", "403", "200", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/encounters/{encounterId}/feedback", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/encounters/{encounterId}/feedback", "p1", row{"401", "200", "403", "403", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/encounters/{encounterId}/feedback", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/encounters/{encounterId}/feedback-links", "p1", row{"401", "201", "403", "201", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/encounters/{encounterId}/feedback-links", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/encounters/{encounterId}/preparation", "p1", row{"401", "200", "403", "403", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/encounters/{encounterId}/preparation", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/decisions", "p1", row{"401", "200", "403", "200", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/decisions", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/decisions", "p1", row{"401", "403", "403", "201", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/decisions", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/decisions/{decisionId}", "p1", row{"401", "200", "403", "200", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/decisions/{decisionId}", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/decisions/{decisionId}", "p1", row{"401", "403", "403", "200", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/decisions/{decisionId}", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/decisions/{decisionId}/comment", "p1", row{"401", "200", "403", "403", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/decisions/{decisionId}/comment", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/decisions/{decisionId}/preference", "p1", row{"401", "200", "403", "403", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/decisions/{decisionId}/preference", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/restrictions", "p1", row{"401", "200", "403", "200", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/restrictions", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/restrictions", "p1", row{"401", "403", "403", "201", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/restrictions", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/restrictions/{restrictionId}", "p1", row{"401", "200", "403", "200", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/restrictions/{restrictionId}", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/restrictions/{restrictionId}", "p1", row{"401", "403", "403", "200", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/restrictions/{restrictionId}", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/restrictions/{restrictionId}/view", "p1", row{"401", "200", "403", "403", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/restrictions/{restrictionId}/view", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/capacity", "p1", row{"401", "200", "403", "200", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/capacity", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/capacity", "p1", row{"401", "200", "403", "403", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/capacity", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"GET /api/v1/reviews/due", "-", row{"401", "403", "403", "200", "403", "403", "403"}},
	{"GET /api/v1/emergency-access/reviews", "-", row{"401", "403", "403", "403", "200", "403", "403"}},
	{"POST /api/v1/emergency-access/{accessId}/review", "-", row{"401", "403", "403", "403", "204", "403", "403"}},
	{"GET /api/v1/care-relations/pending", "-", row{"401", "403", "403", "403", "200", "403", "403"}},
	{"POST /api/v1/care-relations/{relationId}/confirm", "-", row{"401", "404", "404", "404", "204", "404", "404"}},
	{"POST /api/v1/care-relations/{relationId}/decline", "-", row{"401", "404", "404", "404", "204", "404", "404"}},
	{"GET /api/v1/unit-leaders/pending", "-", row{"401", "403", "403", "403", "200", "403", "403"}},
	{"GET /api/v1/persons/{personId}/checkins", "p1", row{"401", "200", "403", "200", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/checkins", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/checkins", "p1", row{"401", "201", "403", "403", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/checkins", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/checkins/schedule", "p1", row{"401", "200", "403", "403", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/checkins/schedule", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/invitations", "p1", row{"401", "200", "403", "403", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/invitations", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/invitations", "p1", row{"401", "201", "403", "403", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/invitations", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"DELETE /api/v1/persons/{personId}/invitations/{invitationId}", "p1", row{"401", "204", "403", "403", "404", "404", "403"}},
	{"DELETE /api/v1/persons/{personId}/invitations/{invitationId}", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/network/{linkId}/renew", "p1", row{"401", "204", "403", "403", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/network/{linkId}/renew", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/proposals", "p1", row{"401", "200", "403", "403", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/proposals", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/proposals", "p1", row{"401", "403", "403", "201", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/proposals", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"DELETE /api/v1/persons/{personId}/proposals/{proposalId}", "p1", row{"401", "204", "403", "403", "404", "404", "403"}},
	{"DELETE /api/v1/persons/{personId}/proposals/{proposalId}", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/threads", "p1", row{"401", "200", "200", "200", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/threads", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/threads", "p1", row{"401", "201", "201", "201", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/threads", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/threads/{threadId}/messages", "p1", row{"401", "200", "404", "200", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/threads/{threadId}/messages", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/threads/{threadId}/messages", "p1", row{"401", "201", "404", "201", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/threads/{threadId}/messages", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"GET /api/v1/inbox", "-", row{"401", "403", "403", "200", "403", "403", "403"}},
	{"PUT /api/v1/persons/{personId}/encounters/{encounterId}/voice", "p1", row{"401", "403", "403", "200", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/encounters/{encounterId}/voice", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/encounters/{encounterId}/note-sharing", "p1", row{"401", "204", "403", "403", "404", "404", "403"}},
	{"PUT /api/v1/persons/{personId}/encounters/{encounterId}/note-sharing", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"GET /api/v1/instruments", "-", row{"401", "403", "403", "403", "403", "403", "200"}},
	{"POST /api/v1/instruments", "-", row{"401", "403", "403", "403", "403", "403", "201"}},
	{"GET /api/v1/persons/{personId}/questionnaires", "p1", row{"401", "200", "403", "200", "404", "404", "403"}},
	{"GET /api/v1/persons/{personId}/questionnaires", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/questionnaires", "p1", row{"401", "201", "403", "403", "404", "404", "403"}},
	{"POST /api/v1/persons/{personId}/questionnaires", "p2", row{"401", "404", "404", "404", "404", "404", "403"}},
	{"GET /api/v1/stories", "-", row{"401", "403", "403", "403", "200", "200", "403"}},
	{"POST /api/v1/units/{unitId}/leaders/{accountId}/confirm", "-", row{"401", "404", "404", "404", "204", "404", "404"}},
}

// request builds the path and body of a route for a target.
func (w *world) request(t *testing.T, route, target, css string) (method, path, contentType, body string) {
	t.Helper()
	method, pattern, _ := strings.Cut(route, " ")
	person, link, relation := w.ids["person1"], w.ids["link1"], w.ids["relation1"]
	goal, encounter, decision, thread := w.ids["goal1"], w.ids["encounter1"], w.ids["decision1"], w.ids["thread1"]
	if target == "p2" {
		person, link, relation = w.ids["person2"], w.ids["link3"], w.ids["relation2"]
		goal, encounter, decision, thread = w.ids["goal2"], w.ids["encounter2"], w.ids["decision2"], w.ids["thread2"]
	}
	if strings.HasSuffix(pattern, "/reflection") || strings.HasSuffix(pattern, "/voice") || strings.Contains(pattern, "/feedback") {
		encounter = w.ids["pastEncounter1"] // reflection and feedback follow the meeting
		if target == "p2" {
			encounter = w.ids["pastEncounter2"]
		}
	}
	if strings.Contains(pattern, "care-relations/") {
		relation = w.ids["waiting"] // the demo's request that waits for the leader
	}
	path = strings.NewReplacer("{personID}", person, "{personId}", person, "{linkID}", link, "{linkId}", link,
		"{accessID}", w.ids["access"], "{accessId}", w.ids["access"], "{relationID}", relation, "{relationId}", relation, "{unitID}", w.ids["unit"], "{unitId}", w.ids["unit"], "{token}", "a-link-nobody-ever-made-000000000000000000",
		"{accountID}", w.ids["waitingLeader"], "{accountId}", w.ids["waitingLeader"], "{file}", css, "{$}", "",
		"{part}", "crisis", "{goalID}", goal, "{goalId}", goal, "{encounterID}", encounter, "{encounterId}", encounter,
		"{decisionID}", decision, "{decisionId}", decision, "{restrictionID}", w.ids["restriction1"], "{restrictionId}", w.ids["restriction1"],
		"{suggestionID}", w.ids["suggestion1"], "{suggestionId}", w.ids["suggestion1"], "{instrumentID}", w.ids["instrument"], "{invitationID}", w.ids["invitation1"], "{invitationId}", w.ids["invitation1"],
		"{proposalID}", w.ids["proposal1"], "{proposalId}", w.ids["proposal1"], "{threadID}", thread, "{threadId}", thread).Replace(pattern)
	form := func(v url.Values) (string, string) { return "application/x-www-form-urlencoded", v.Encode() }
	secret := auth.NewTOTPSecret()
	code, _ := auth.TOTPCodeAt(secret, time.Now())
	switch route {
	case "POST /persons/{personID}/network/{linkID}/remove", "POST /admin/relations/{relationID}/end":
		contentType, body = form(url.Values{"confirm": {"yes"}}) // the answer to the page that asks first
	case "POST /language":
		contentType, body = form(url.Values{"lang": {"nb"}, "next": {"/home"}})
	case "POST /login":
		contentType, body = form(url.Values{"email": {"pro1@demo.test"}, "password": {demo.Password}})
	case "POST /login/code":
		contentType, body = form(url.Values{"code": {"123456"}})
	case "POST /settings/password":
		contentType, body = form(url.Values{"current": {demo.Password}, "password": {"a brand new passphrase"}})
	case "POST /settings/two-factor":
		contentType, body = form(url.Values{"password": {demo.Password}, "secret": {secret}, "code": {code}})
	case "POST /persons/{personID}/network/{linkID}":
		contentType, body = form(url.Values{"scope": {"care_team"}})
	case "POST /persons/{personID}/emergency-access":
		contentType, body = form(url.Values{"reason": {"acute"}, "justification": {"Called at night, person in crisis"}})
	case "POST /reviews/emergency-access/{accessID}":
		contentType, body = form(url.Values{"note": {"Needed"}})
	case "POST /admin/units":
		contentType, body = form(url.Values{"name": {"Ward Rowan"}, "kind": {"ward"}})
	case "POST /admin/units/{unitID}/contact":
		contentType, body = form(url.Values{"phone": {"+47 000 00 300"}, "reach": {"Weekdays 08:00–15:30"}})
	case "POST /admin/accounts":
		contentType, body = form(url.Values{"name": {"Nora Nyberg"}, "email": {"nora@demo.test"}, "role": {"person"}})
	case "POST /admin/relations":
		contentType, body = form(url.Values{"person": {person}, "professional": {w.ids["pro2"]}, "unit": {w.ids["pro2unit"]}})
	case "POST /admin/organisation":
		contentType, body = form(url.Values{"require_staff_totp": {"on"}})
	case "POST /persons/{personID}/plan/{part}":
		contentType, body = form(url.Values{"version": {"1"}, "early_signs": {"I stop sleeping"}, "what_helps": {"Music"}})
	case "POST /persons/{personID}/plan/{part}/suggestions":
		contentType, body = form(url.Values{"who_to_contact": {"The ward first"}})
	case "POST /persons/{personID}/suggestions/{suggestionID}":
		contentType, body = form(url.Values{"answer": {"decline"}})
	case "POST /persons/{personID}/goals", "POST /persons/{personID}/goals/suggestions", "POST /persons/{personID}/goals/{goalID}/suggestions":
		contentType, body = form(url.Values{"wording": {"Bake bread on Sundays"}, "status": {"active"}})
	case "POST /persons/{personID}/goals/{goalID}":
		contentType, body = form(url.Values{"version": {"1"}, "wording": {"Sing in the choir again"}, "status": {"achieved"}})
	case "POST /persons/{personID}/goals/{goalID}/notes":
		contentType, body = form(url.Values{"text": {"Went to practice on Thursday"}})
	case "POST /persons/{personID}/encounters":
		contentType, body = form(url.Values{"start": {"2030-01-02T10:00"}, "kind": {"phone"}, "invited": {"on"}, "present": {"unknown"}})
	case "POST /persons/{personID}/encounters/{encounterID}":
		contentType, body = form(url.Values{"version": {"1"}, "start": {"2030-01-02T10:00"}, "kind": {"outpatient"}, "invited": {"on"}, "present": {"unknown"}})
	case "POST /persons/{personID}/encounters/{encounterID}/agenda":
		contentType, body = form(url.Values{"text": {"The holidays"}})
	case "POST /persons/{personID}/encounters/{encounterID}/reflection":
		contentType, body = form(url.Values{"reflection_version": {"1"}, "reflection": {"Good to plan ahead"}}) // the demo walk has her first reflection
	case "POST /persons/{personID}/encounters/{encounterID}/preparation":
		contentType, body = form(url.Values{"version": {"1"}, "questions": {"Who covers in July?"}})
	case "POST /f/{token}":
		contentType, body = form(url.Values{"heard": {"4"}})
	case "POST /persons/{personID}/encounters/{encounterID}/feedback":
		contentType, body = form(url.Values{"version": {"0"}, "heard": {"4"}, "hope": {"5"}, "share": {"professionals"}})
	case "POST /persons/{personID}/decisions":
		contentType, body = form(url.Values{"on_table": {"Holiday cover"}})
	case "POST /persons/{personID}/decisions/{decisionID}":
		contentType, body = form(url.Values{"version": {"1"}, "on_table": {"Medication dose"}, "review_date": {"2030-01-01"}})
	case "POST /persons/{personID}/decisions/{decisionID}/comment":
		contentType, body = form(url.Values{"comment_version": {"0"}, "comment": {"I still disagree"}})
	case "POST /persons/{personID}/decisions/{decisionID}/preference":
		contentType, body = form(url.Values{"version": {"1"}, "preference": {"A lower dose, in my words"}})
	case "POST /persons/{personID}/restrictions":
		contentType, body = form(url.Values{"kind": {"search"}, "legal_basis": {"Free text basis"}, "start": {"2030-01-01"}, "review_date": {"2030-01-08"}})
	case "POST /persons/{personID}/restrictions/{restrictionID}":
		contentType, body = form(url.Values{"version": {"1"}, "kind": {"leave"}, "legal_basis": {"Free text basis"}, "start": {"2020-01-01"}, "review_date": {"2030-01-08"}})
	case "POST /persons/{personID}/restrictions/{restrictionID}/view":
		contentType, body = form(url.Values{"view_version": {"0"}, "view": {"I want to walk alone"}})
	case "POST /persons/{personID}/capacity":
		contentType, body = form(url.Values{"capacity": {"low"}, "next": {"/home"}})
	case "POST /persons/{personID}/network/{linkID}/renew":
		contentType, body = form(url.Values{"months": {"6"}})
	case "POST /persons/{personID}/encounters/{encounterID}/voice":
		contentType, body = form(url.Values{"voice": {"It helped to hear everyone."}, "voice_version": {"0"}})
	case "POST /persons/{personID}/threads":
		contentType, body = form(url.Values{"unit": {w.ids["threadUnit1"]}, "subject": {"A question"}, "body": {"Line one\nLine two"}})
	case "POST /persons/{personID}/threads/{threadID}/messages":
		contentType, body = form(url.Values{"body": {"Thank you"}})
	case "POST /admin/units/{unitID}/messaging":
		contentType, body = form(url.Values{"day": {"1", "2", "3"}, "reply_from": {"09:00"}, "reply_to": {"14:00"}, "escalate_hours": {"2"}, "crisis_note": {"Call 113"}})
	case "POST /persons/{personID}/proposals":
		contentType, body = form(url.Values{"name": {"Sol Berg"}, "relationship": {"her cousin"}})
	case "POST /persons/{personID}/invitations":
		contentType, body = form(url.Values{"name": {"Sol Berg"}, "email": {"sol@demo.test"}, "relationship": {"my friend"}, "scope": {"meetings"}})
	case "POST /persons/{personID}/checkins":
		contentType, body = form(url.Values{"hope": {"6"}, "meaning": {"7"}, "better": {"A walk with Liv"}})
	case "POST /persons/{personID}/checkins/schedule":
		contentType, body = form(url.Values{"schedule": {"weekly"}})
	case "POST /persons/{personID}/questionnaires/{instrumentID}":
		contentType, body = form(url.Values{"q.sleep": {"code:2"}, "q.routine": {"code:2"}, "q.worry": {"code:1"}, "q.company": {"code:3"}, "q.work": {"false"}})
	case "POST /admin/instruments":
		contentType, body = form(url.Values{"resource": {`{"resourceType":"Questionnaire","title":"Short","status":"active","item":[{"linkId":"a","text":"How are you?","type":"string"}]}`},
			"licence": {"Our own"}, "schedule": {"never"}})
	case "POST /admin/legal-bases":
		contentType, body = form(url.Values{"name": {"Example basis"}})
	case "PUT /api/v1/persons/{personId}/plan/{part}":
		contentType, body = "application/json", `{"fields":{"early_signs":"I stop sleeping"},"version":1}`
	case "POST /api/v1/persons/{personId}/plan/{part}/suggestions":
		contentType, body = "application/json", `{"fields":{"who_to_contact":"The ward first"}}`
	case "POST /api/v1/persons/{personId}/suggestions/{suggestionId}":
		contentType, body = "application/json", `{"answer":"decline"}`
	case "POST /api/v1/persons/{personId}/goals":
		contentType, body = "application/json", `{"wording":"Bake bread on Sundays"}`
	case "POST /api/v1/persons/{personId}/goals/suggestions", "POST /api/v1/persons/{personId}/goals/{goalId}/suggestions":
		contentType, body = "application/json", `{"fields":{"wording":"Bake bread on Sundays"}}`
	case "PUT /api/v1/persons/{personId}/goals/{goalId}":
		contentType, body = "application/json", `{"wording":"Sing in the choir again","status":"achieved","version":1}`
	case "POST /api/v1/persons/{personId}/goals/{goalId}/notes", "POST /api/v1/persons/{personId}/encounters/{encounterId}/agenda":
		contentType, body = "application/json", `{"text":"Something to say"}`
	case "POST /api/v1/persons/{personId}/encounters":
		contentType, body = "application/json", `{"start":"2030-01-02T10:00:00Z","kind":"phone","invited":true}`
	case "PUT /api/v1/persons/{personId}/encounters/{encounterId}":
		contentType, body = "application/json", `{"start":"2030-01-02T10:00:00Z","kind":"outpatient","invited":true,"version":1}`
	case "PUT /api/v1/persons/{personId}/encounters/{encounterId}/reflection":
		contentType, body = "application/json", `{"text":"My own words","version":1}` // the demo walk has her first reflection
	case "PUT /api/v1/persons/{personId}/decisions/{decisionId}/comment", "PUT /api/v1/persons/{personId}/restrictions/{restrictionId}/view":
		contentType, body = "application/json", `{"text":"My own words","version":0}`
	case "PUT /api/v1/persons/{personId}/decisions/{decisionId}/preference":
		contentType, body = "application/json", `{"text":"A lower dose, in my words","version":1}`
	case "PUT /api/v1/persons/{personId}/encounters/{encounterId}/feedback":
		contentType, body = "application/json", `{"answers":{"heard":4,"hope":5},"share":["professionals"],"version":0}`
	case "PUT /api/v1/persons/{personId}/encounters/{encounterId}/preparation":
		contentType, body = "application/json", `{"fields":{"questions":"Who covers in July?"},"version":1}`
	case "POST /api/v1/persons/{personId}/decisions":
		contentType, body = "application/json", `{"onTable":"Holiday cover"}`
	case "PUT /api/v1/persons/{personId}/decisions/{decisionId}":
		contentType, body = "application/json", `{"onTable":"Medication dose","reviewDate":"2030-01-01","version":1}`
	case "POST /api/v1/persons/{personId}/restrictions":
		contentType, body = "application/json", `{"kind":"search","legalBasis":"Free text basis","start":"2030-01-01","reviewDate":"2030-01-08"}`
	case "PUT /api/v1/persons/{personId}/restrictions/{restrictionId}":
		contentType, body = "application/json", `{"kind":"leave","legalBasis":"Free text basis","start":"2020-01-01","reviewDate":"2030-01-08","version":1}`
	case "POST /api/v1/persons/{personId}/checkins":
		contentType, body = "application/json", `{"answers":{"hope":6,"meaning":7},"better":"A walk"}`
	case "PUT /api/v1/persons/{personId}/checkins/schedule":
		contentType, body = "application/json", `{"schedule":"weekly"}`
	case "POST /api/v1/persons/{personId}/network/{linkId}/renew":
		contentType, body = "application/json", `{"months":6}`
	case "PUT /api/v1/persons/{personId}/encounters/{encounterId}/voice":
		contentType, body = "application/json", `{"text":"It helped to hear everyone.","version":0}`
	case "PUT /api/v1/persons/{personId}/encounters/{encounterId}/note-sharing":
		contentType, body = "application/json", `{"members":[]}`
	case "POST /api/v1/persons/{personId}/threads":
		contentType, body = "application/json", `{"unitId":"`+w.ids["threadUnit1"]+`","subject":"A question","body":"Line one\nLine two"}`
	case "POST /api/v1/persons/{personId}/threads/{threadId}/messages":
		contentType, body = "application/json", `{"body":"Thank you"}`
	case "POST /api/v1/persons/{personId}/proposals":
		contentType, body = "application/json", `{"name":"Sol Berg","relationship":"her cousin"}`
	case "POST /api/v1/persons/{personId}/invitations":
		contentType, body = "application/json", `{"email":"sol@demo.test","name":"Sol Berg","relationship":"my friend","scopes":["meetings"]}`
	case "POST /api/v1/instruments":
		contentType, body = "application/json", `{"resource":{"resourceType":"Questionnaire","title":"Short","status":"active","item":[{"linkId":"a","text":"How are you?","type":"string"}]},"licence":"Our own"}`
	case "POST /api/v1/persons/{personId}/questionnaires":
		contentType, body = "application/json", `{"resourceType":"QuestionnaireResponse","questionnaire":"Questionnaire/`+w.ids["instrument"]+`","status":"completed",`+
			`"item":[{"linkId":"days","item":[{"linkId":"sleep","answer":[{"valueCoding":{"code":"2"}}]},{"linkId":"routine","answer":[{"valueCoding":{"code":"2"}}]},`+
			`{"linkId":"worry","answer":[{"valueCoding":{"code":"1"}}]},{"linkId":"company","answer":[{"valueCoding":{"code":"3"}}]}]}]}`
	case "PUT /api/v1/persons/{personId}/capacity":
		contentType, body = "application/json", `{"capacity":"low"}`
	case "POST /api/v1/session":
		contentType, body = "application/json", mustJSON(map[string]string{"email": "pro1@demo.test", "password": demo.Password})
	case "POST /api/v1/session/code":
		contentType, body = "application/json", `{"code":"123456"}`
	case "PUT /api/v1/persons/{personId}/network/{linkId}":
		contentType, body = "application/json", `{"scopes":["care_team"]}`
	case "POST /api/v1/persons/{personId}/emergency-access":
		contentType, body = "application/json", `{"reason":"acute","justification":"Called at night, person in crisis"}`
	case "POST /api/v1/emergency-access/{accessId}/review":
		contentType, body = "application/json", `{"note":"Needed"}`
	default:
		if method != "GET" {
			contentType = "application/x-www-form-urlencoded"
		}
	}
	return method, path, contentType, body
}

func outcomeOf(status int, location string) outcome {
	if status == 303 && strings.HasPrefix(location, "/login") {
		return "login"
	}
	return fmt.Sprint(status)
}

// neverSees lists, per actor, the demo persons whose names must appear in
// no response at all: the leak check behind every status check.
var neverSees = map[string][]string{
	"":           {"person1", "person2"},
	"person1":    {"person2"},
	"net1":       {"person2"},
	"pro1":       {"person2"},
	"researcher": {"person1", "person2"},
}

// onlyPerson1 is text person1 keeps "only me" in the demo: no one else may
// ever be shown it.
var onlyPerson1 = []string{"Feeling flat.", "Write to my brother"}

func TestAuthorizationMatrix(t *testing.T) {
	w := demoWorld.load(t)
	shared := w.newServer(t, nil)
	css := w.cssName(t, shared)
	covered := map[string]bool{}
	for _, m := range matrix {
		covered[m.route] = true
	}
	for _, rt := range shared.Routes() {
		if !covered[rt.Key()] {
			t.Errorf("route %s has no row in the authorization matrix", rt.Key())
		}
	}
	known := map[string]bool{}
	for _, rt := range shared.Routes() {
		known[rt.Key()] = true
	}
	for _, m := range matrix {
		if !known[m.route] {
			t.Errorf("matrix row %s names no route", m.route)
		}
		for _, actor := range actors {
			who := actor
			if who == "" {
				who = "anonymous"
			}
			t.Run(m.route+" "+m.target+" as "+who, func(t *testing.T) {
				method, path, ct, body := w.request(t, m.route, m.target, css)
				s := shared
				if method != "GET" {
					s = w.newServer(t, nil) // changes get their own copy of the data
				}
				rec := w.do(s, actor, method, path, ct, body)
				got := outcomeOf(rec.Code, rec.Header().Get("Location"))
				if want := m.want.of(actor); got != want {
					t.Fatalf("%s %s = %s, want %s\n%s", method, path, got, want, snippet(rec.Body.String()))
				}
				checkHeaders(t, rec.Header())
				if strings.HasPrefix(path, "/api/") && !strings.HasSuffix(path, "/openapi.json") {
					checkAgainstOpenAPI(t, s, method, path, ct, body, rec)
				}
				if got == "200" && method == "GET" && m.target == "p1" {
					if want := mustShow(w, m.route); !strings.Contains(rec.Body.String(), want) {
						t.Errorf("%s %s answers 200 without %q", method, path, want)
					}
				}
				// Small pages on a phone's connection: every page under 50 KB.
				if strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") && rec.Body.Len() > 50<<10 {
					t.Errorf("%s %s is %d bytes; every page stays under 50 KB", method, path, rec.Body.Len())
				}
				if strings.Contains(rec.Body.String(), "[[") {
					t.Errorf("response has an untranslated key: %s", snippet(rec.Body.String()[strings.Index(rec.Body.String(), "[["):]))
				}
				if actor != "person1" {
					for _, private := range onlyPerson1 {
						if strings.Contains(rec.Body.String(), private) {
							t.Errorf("response shows person1's only-me text %q", private)
						}
					}
				}
				for _, p := range neverSees[actor] {
					if strings.Contains(rec.Body.String(), w.names[p]) {
						t.Errorf("response leaks %s's name (%q)", p, w.names[p])
					}
				}
				if got != "200" && got != "303" && m.target == "p2" && strings.Contains(rec.Body.String(), w.names["person2"]) {
					t.Errorf("refusal leaks the target's name")
				}
			})
		}
	}
}

// apiShows is what each API answer about person1 must contain when it
// answers 200: a 200 must carry what it is for, not only lack what it must
// not (the OpenAPI check below then checks its whole shape).
var apiShows = map[string]string{
	"GET /api/v1/persons/{personId}/care-team":                         "Mari Fjelltun",
	"GET /api/v1/persons/{personId}/access-log":                        `"action":"`,
	"GET /api/v1/persons/{personId}/network":                           "Liv Lindqvam",
	"GET /api/v1/persons/{personId}/plan":                              `"part":"crisis"`,
	"GET /api/v1/persons/{personId}/plan/{part}/versions":              `"version":1`,
	"GET /api/v1/persons/{personId}/goals":                             `"goals":`,
	"GET /api/v1/persons/{personId}/goals/{goalId}":                    `"wording":"`,
	"GET /api/v1/persons/{personId}/encounters":                        `"kind":"`,
	"GET /api/v1/persons/{personId}/encounters/{encounterId}":          `"kind":"`,
	"GET /api/v1/persons/{personId}/encounters/{encounterId}/feedback": `"shared":[`,
	"GET /api/v1/persons/{personId}/decisions":                         `"onTable":"`,
	"GET /api/v1/persons/{personId}/decisions/{decisionId}":            `"onTable":"`,
	"GET /api/v1/persons/{personId}/restrictions":                      `"legalBasis":"`,
	"GET /api/v1/persons/{personId}/restrictions/{restrictionId}":      `"legalBasis":"`,
	"GET /api/v1/persons/{personId}/capacity":                          `"capacity":"`,
	"GET /api/v1/persons/{personId}/checkins":                          `"schedule":"`,
	"GET /api/v1/persons/{personId}/questionnaires":                    `"canAnswer":`,
	"GET /api/v1/persons/{personId}/invitations":                       `"name":"Tor Lindqvam"`,
	"GET /api/v1/persons/{personId}/proposals":                         `"name":"Kari Lindqvam"`,
	"GET /api/v1/persons/{personId}/threads":                           `"subject":"`,
	"GET /api/v1/persons/{personId}/threads/{threadId}/messages":       `"body":"`,
}

// mustShow is what a 200 about person1 must contain: a page links to her
// record by its ID; an API answer carries its route's content.
func mustShow(w *world, route string) string {
	if s, ok := apiShows[route]; ok {
		return s
	}
	if strings.Contains(route, "/api/") && route != "GET /api/v1/persons/{personId}" {
		return "an entry in apiShows for " + route
	}
	return w.ids["person1"]
}

func snippet(s string) string {
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}

var stylesheet = regexp.MustCompile(`/static/(app\.[0-9a-f]+\.css)`)

// cssName returns the content-hashed name of the stylesheet, as the login
// page links it.
func (w *world) cssName(t *testing.T, s *Server) string {
	t.Helper()
	m := stylesheet.FindStringSubmatch(w.do(s, "", "GET", "/login", "", "").Body.String())
	if m == nil {
		t.Fatal("login page links no stylesheet")
	}
	return m[1]
}

// checkHeaders checks the security headers every response must carry.
func checkHeaders(t *testing.T, h http.Header) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"frame-ancestors 'none'", "script-src 'self'", "default-src 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %s", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") {
		t.Errorf("Content-Security-Policy allows inline code: %q", csp)
	}
	for name, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"} {
		if got := h.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}
