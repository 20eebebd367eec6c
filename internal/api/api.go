package api

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/auth"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/i18n"
	"github.com/heard-health/heard/internal/request"
	"github.com/heard-health/heard/internal/route"
)

//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the OpenAPI document.
func OpenAPI() []byte { return openAPI }

// Handler serves the API.
type Handler struct {
	app   *app.Service
	auth  *auth.Service
	log   *slog.Logger
	links request.Links
}

// New returns the API handler.
func New(a *app.Service, au *auth.Service, log *slog.Logger, links request.Links) *Handler {
	return &Handler{app: a, auth: au, log: log, links: links}
}

// Routes lists every API route. Path parameter names match the OpenAPI
// document's, so the test that keeps them in step can compare paths as text.
func (h *Handler) Routes() []route.Route {
	return []route.Route{
		{Method: "GET", Pattern: "/api/v1/openapi.json", Handler: h.openAPI, Gate: route.Public},
		{Method: "POST", Pattern: "/api/v1/session", Handler: h.login, Gate: route.Public},
		{Method: "POST", Pattern: "/api/v1/session/code", Handler: h.verifyCode, Gate: route.SecondFactor},
		{Method: "DELETE", Pattern: "/api/v1/session", Handler: h.logout, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/me", Handler: h.me, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/caseload", Handler: h.caseload, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}", Handler: h.person, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/care-team", Handler: h.careTeam, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/access-log", Handler: h.accessLog, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/network", Handler: h.network, Gate: route.LoggedIn},
		{Method: "PUT", Pattern: "/api/v1/persons/{personId}/network/{linkId}", Handler: h.setScopes, Gate: route.LoggedIn},
		{Method: "DELETE", Pattern: "/api/v1/persons/{personId}/network/{linkId}", Handler: h.removeMember, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/persons/{personId}/network/{linkId}/renew", Handler: h.renewMember, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/proposals", Handler: h.proposals, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/threads", Handler: h.threads, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/persons/{personId}/threads", Handler: h.startThread, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/threads/{threadId}/messages", Handler: h.messages, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/persons/{personId}/threads/{threadId}/messages", Handler: h.writeMessage, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/inbox", Handler: h.inbox, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/persons/{personId}/proposals", Handler: h.propose, Gate: route.LoggedIn},
		{Method: "DELETE", Pattern: "/api/v1/persons/{personId}/proposals/{proposalId}", Handler: h.declineProposal, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/invitations", Handler: h.invitations, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/persons/{personId}/invitations", Handler: h.invite, Gate: route.LoggedIn},
		{Method: "DELETE", Pattern: "/api/v1/persons/{personId}/invitations/{invitationId}", Handler: h.withdrawInvitation, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/persons/{personId}/emergency-access", Handler: h.openEmergency, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/plan", Handler: h.plan, Gate: route.LoggedIn},
		{Method: "PUT", Pattern: "/api/v1/persons/{personId}/plan/{part}", Handler: h.savePart, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/plan/{part}/versions", Handler: h.partVersions, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/persons/{personId}/plan/{part}/suggestions", Handler: h.suggestPart, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/persons/{personId}/suggestions/{suggestionId}", Handler: h.resolveSuggestion, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/goals", Handler: h.goals, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/persons/{personId}/goals", Handler: h.createGoal, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/persons/{personId}/goals/suggestions", Handler: h.suggestNewGoal, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/goals/{goalId}", Handler: h.goal, Gate: route.LoggedIn},
		{Method: "PUT", Pattern: "/api/v1/persons/{personId}/goals/{goalId}", Handler: h.saveGoal, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/persons/{personId}/goals/{goalId}/notes", Handler: h.addGoalNote, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/persons/{personId}/goals/{goalId}/suggestions", Handler: h.suggestGoal, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/encounters", Handler: h.encounters, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/persons/{personId}/encounters", Handler: h.createEncounter, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/encounters/{encounterId}", Handler: h.encounter, Gate: route.LoggedIn},
		{Method: "PUT", Pattern: "/api/v1/persons/{personId}/encounters/{encounterId}", Handler: h.updateEncounter, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/persons/{personId}/encounters/{encounterId}/agenda", Handler: h.addAgendaItem, Gate: route.LoggedIn},
		{Method: "PUT", Pattern: "/api/v1/persons/{personId}/encounters/{encounterId}/reflection", Handler: h.saveReflection, Gate: route.LoggedIn},
		{Method: "PUT", Pattern: "/api/v1/persons/{personId}/encounters/{encounterId}/voice", Handler: h.saveVoice, Gate: route.LoggedIn},
		{Method: "PUT", Pattern: "/api/v1/persons/{personId}/encounters/{encounterId}/note-sharing", Handler: h.saveNoteSharing, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/encounters/{encounterId}/feedback", Handler: h.feedback, Gate: route.LoggedIn},
		{Method: "PUT", Pattern: "/api/v1/persons/{personId}/encounters/{encounterId}/feedback", Handler: h.saveFeedback, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/persons/{personId}/encounters/{encounterId}/feedback-links", Handler: h.createFeedbackLink, Gate: route.LoggedIn},
		{Method: "PUT", Pattern: "/api/v1/persons/{personId}/encounters/{encounterId}/preparation", Handler: h.savePreparation, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/decisions", Handler: h.decisions, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/persons/{personId}/decisions", Handler: h.createDecision, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/decisions/{decisionId}", Handler: h.decision, Gate: route.LoggedIn},
		{Method: "PUT", Pattern: "/api/v1/persons/{personId}/decisions/{decisionId}", Handler: h.updateDecision, Gate: route.LoggedIn},
		{Method: "PUT", Pattern: "/api/v1/persons/{personId}/decisions/{decisionId}/comment", Handler: h.commentDecision, Gate: route.LoggedIn},
		{Method: "PUT", Pattern: "/api/v1/persons/{personId}/decisions/{decisionId}/preference", Handler: h.correctPreference, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/restrictions", Handler: h.restrictions, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/persons/{personId}/restrictions", Handler: h.createRestriction, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/restrictions/{restrictionId}", Handler: h.restriction, Gate: route.LoggedIn},
		{Method: "PUT", Pattern: "/api/v1/persons/{personId}/restrictions/{restrictionId}", Handler: h.updateRestriction, Gate: route.LoggedIn},
		{Method: "PUT", Pattern: "/api/v1/persons/{personId}/restrictions/{restrictionId}/view", Handler: h.restrictionView, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/checkins", Handler: h.checkIns, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/persons/{personId}/checkins", Handler: h.createCheckIn, Gate: route.LoggedIn},
		{Method: "PUT", Pattern: "/api/v1/persons/{personId}/checkins/schedule", Handler: h.setCheckInSchedule, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/questionnaires", Handler: h.questionnaires, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/persons/{personId}/questionnaires", Handler: h.answerQuestionnaire, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/persons/{personId}/capacity", Handler: h.capacity, Gate: route.LoggedIn},
		{Method: "PUT", Pattern: "/api/v1/persons/{personId}/capacity", Handler: h.setCapacity, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/stories", Handler: h.stories, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/instruments", Handler: h.instruments, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/instruments", Handler: h.importInstrument, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/reviews/due", Handler: h.due, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/emergency-access/reviews", Handler: h.reviews, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/emergency-access/{accessId}/review", Handler: h.review, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/care-relations/pending", Handler: h.careRequests, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/care-relations/{relationId}/confirm", Handler: h.confirmCare, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/care-relations/{relationId}/decline", Handler: h.declineCare, Gate: route.LoggedIn},
		{Method: "GET", Pattern: "/api/v1/unit-leaders/pending", Handler: h.leaderRequests, Gate: route.LoggedIn},
		{Method: "POST", Pattern: "/api/v1/units/{unitId}/leaders/{accountId}/confirm", Handler: h.confirmLeader, Gate: route.LoggedIn},
	}
}

func (h *Handler) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(openAPI)
}

// encode writes v as JSON with the status.
func encode(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// maxBody bounds every JSON request body.
const maxBody = 64 << 10

// decode reads a JSON body into v, refusing unknown fields and trailing data.
func decode(r *http.Request, v any) error { return decodeWith(r, v, maxBody, true) }

// maxResourceBody bounds a body that carries a FHIR resource.
const maxResourceBody = 600 << 10

// decodeResource reads a body that is or holds a FHIR resource: larger,
// and with room for the elements (meta, text, extensions) Heard ignores.
func decodeResource(r *http.Request, v any) error { return decodeWith(r, v, maxResourceBody, false) }

func decodeWith(r *http.Request, v any, limit int64, strict bool) error {
	if ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || ct != "application/json" {
		return &heard.Error{Code: heard.CodeInvalid, Key: "api.not_json"}
	}
	dec := json.NewDecoder(io.LimitReader(r.Body, limit))
	if strict {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(v); err != nil {
		return &heard.Error{Code: heard.CodeInvalid, Key: "api.bad_json"}
	}
	// One JSON value and nothing after it: "{...}}" is not a body.
	if err := dec.Decode(&struct{}{}); err != io.EOF {
		return &heard.Error{Code: heard.CodeInvalid, Key: "api.bad_json"}
	}
	return nil
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string       `json:"code"`
	Message string       `json:"message"`
	Fields  []fieldError `json:"fields,omitempty"`
	// Current is the record as it stands, on a stale save (code "stale").
	Current any `json:"current,omitempty"`
}

type fieldError struct {
	Field string `json:"field"`
	Code  string `json:"code"`
	// Item names the part of a structured input the problem is in: a
	// questionnaire item's linkId.
	Item    string `json:"item,omitempty"`
	Message string `json:"message"`
}

var statusOf = map[heard.Code]int{
	heard.CodeInvalid:         http.StatusBadRequest,
	heard.CodeUnauthenticated: http.StatusUnauthorized,
	heard.CodeForbidden:       http.StatusForbidden,
	heard.CodeNotFound:        http.StatusNotFound,
	heard.CodeConflict:        http.StatusConflict,
	heard.CodeStale:           http.StatusConflict,
	heard.CodeTooManyAttempts: http.StatusTooManyRequests,
}

// fail writes err as a JSON error. Messages come from the English
// catalogue; clients show them or map the stable code to their own text.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	h.failFields(w, r, err, camel)
}

// reply answers status with v, or with err when there is one. v is built
// before err is looked at, so it must be safe to build from a zero record.
func (h *Handler) reply(w http.ResponseWriter, r *http.Request, status int, v any, err error) {
	h.replyFields(w, r, camel, status, v, err)
}

// replyFields is reply with the domain's field names mapped by field.
func (h *Handler) replyFields(w http.ResponseWriter, r *http.Request, field func(string) string, status int, v any, err error) {
	if err != nil {
		h.failFields(w, r, err, field)
		return
	}
	encode(w, status, v)
}

// failFields is fail with the domain's field names mapped to the API's.
func (h *Handler) failFields(w http.ResponseWriter, r *http.Request, err error, field func(string) string) {
	code := heard.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		status, code = http.StatusInternalServerError, heard.CodeInternal
		h.log.Error("request failed", "request_id", request.From(r.Context()).ID, "route", r.Pattern, "error", err)
	}
	l := i18n.New(i18n.EN, nil)
	body := errorBody{Error: errorDetail{Code: string(code), Message: l.T(heard.ErrorKey(err))}}
	if code == heard.CodeInternal {
		body.Error.Message = fmt.Sprintf("%s (request %s)", l.T("error.internal"), request.From(r.Context()).ID)
	}
	for _, p := range heard.Problems(err) {
		body.Error.Fields = append(body.Error.Fields, fieldError{Field: field(p.Field), Code: p.Key, Item: p.Item, Message: l.T(p.Key, p.Args()...)})
	}
	var stale interface{ CurrentValue() any }
	if errors.As(err, &stale) {
		body.Error.Current = current(stale.CurrentValue())
	}
	encode(w, status, body)
}

// camel turns the domain's field names ("not_followed_reason") into the
// API's ("notFollowedReason").
func camel(s string) string {
	parts := strings.Split(s, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

// inFields names a field of a "fields" object ("fields.early_signs").
func inFields(s string) string {
	if s == "fields" {
		return s
	}
	return "fields." + s
}

// Unauthenticated is the answer for a request that needs a session.
func (h *Handler) Unauthenticated(w http.ResponseWriter, r *http.Request) {
	h.fail(w, r, heard.ErrUnauthenticated)
}

// NotFound is the answer for an unknown API path.
func (h *Handler) NotFound(w http.ResponseWriter, r *http.Request) { h.fail(w, r, heard.ErrNotFound) }

// BadText is the answer for a request whose text Heard does not store
// (heard.ValidText): code invalid, and nothing was saved.
func (h *Handler) BadText(w http.ResponseWriter, r *http.Request) {
	h.fail(w, r, &heard.Error{Code: heard.CodeInvalid, Key: "error.text"})
}

// CrossSite is the answer for a logged-in browser request that another
// site started: the API reads nothing for it.
func (h *Handler) CrossSite(w http.ResponseWriter, r *http.Request) {
	encode(w, http.StatusForbidden, errorBody{Error: errorDetail{Code: "cross_site",
		Message: "This request came from another site; Heard's API answers only Heard's own pages and clients."}})
}

// Refuse is the answer for a state change without the CSRF token.
func (h *Handler) Refuse(w http.ResponseWriter, r *http.Request) {
	encode(w, http.StatusForbidden, errorBody{Error: errorDetail{Code: "csrf",
		Message: "Send the csrfToken from GET /api/v1/me in the X-CSRF-Token header."}})
}

// TwoFactorRequired answers staff of an organisation that requires
// two-factor login who have not set it up.
func (h *Handler) TwoFactorRequired(w http.ResponseWriter, r *http.Request) {
	h.fail(w, r, &heard.Error{Code: heard.CodeForbidden, Key: "settings.must_enroll"})
}

func actor(r *http.Request) heard.Actor {
	info := request.From(r.Context())
	return auth.FromContext(r.Context()).Actor(info.ClientAddr, info.ID)
}

// personID reads the person's ID from the path.
func personID(r *http.Request) (heard.PersonID, error) {
	return request.PathID[heard.PersonID](r, "personId")
}

// personRecord reads the person's ID and the ID of one of their records
// from the path.
func personRecord[T ~string](r *http.Request, name string) (heard.PersonID, T, error) {
	id, err := personID(r)
	if err != nil {
		return "", "", err
	}
	rid, err := request.PathID[T](r, name)
	return id, rid, err
}

// personPart reads the person's ID and a plan part's key from the path.
func personPart(r *http.Request) (heard.PersonID, heard.PlanPartKey, error) {
	id, err := personID(r)
	if err != nil {
		return "", "", err
	}
	key, err := request.PathPart(r)
	return id, key, err
}
