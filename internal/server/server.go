// Package server puts Heard's HTTP surfaces together: it registers the web
// and API routes from their route lists behind one middleware chain, gates
// each route by what it needs (a session, a half-done login), and answers
// health checks. Access to persons is not decided here but in the app.
package server

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/api"
	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/auth"
	"github.com/heard-health/heard/internal/request"
	"github.com/heard-health/heard/internal/route"
	"github.com/heard-health/heard/internal/web"
)

// Options configures the server.
type Options struct {
	Logger *slog.Logger
	// Location is the time zone pages show dates in.
	Location *time.Location
	// TrustProxy honours X-Forwarded-For and X-Forwarded-Proto.
	TrustProxy bool
	// PublicURL is where people reach Heard: links shown or sent are made
	// from it, never from a request's Host header ("http://localhost"
	// when empty, for tests).
	PublicURL string
	// MailConfigured: e-mail goes out, so an invitation's link is sent to
	// the invitee only and never shown to the one who invites.
	MailConfigured bool
}

// Server is Heard's HTTP handler.
type Server struct {
	handler http.Handler
	routes  []route.Route
}

// New builds the server.
func New(a *app.Service, au *auth.Service, opts Options) (*Server, error) {
	links := request.Links{Public: cmp.Or(strings.TrimRight(opts.PublicURL, "/"), "http://localhost"), ShowInvitations: !opts.MailConfigured}
	w, err := web.New(a, au, web.Config{Location: opts.Location, Logger: opts.Logger, Links: links})
	if err != nil {
		return nil, err
	}
	j := api.New(a, au, opts.Logger, links)
	s := &Server{}
	s.routes = append(s.routes,
		route.Route{Method: "GET", Pattern: "/healthz", Handler: healthz, Gate: route.Sessionless},
		route.Route{Method: "GET", Pattern: "/readyz", Handler: readyz(a), Gate: route.Sessionless},
	)
	s.routes = append(s.routes, w.Routes()...)
	s.routes = append(s.routes, j.Routes()...)

	webSurface := surface{unauthenticated: w.ToLogin, enrol: w.ToEnrolment, refuse: w.Refuse}
	apiSurface := surface{unauthenticated: j.Unauthenticated, enrol: j.TwoFactorRequired, refuse: j.Refuse}
	mux, sessionless := http.NewServeMux(), http.NewServeMux()
	for _, rt := range s.routes {
		if rt.Gate == route.Sessionless {
			sessionless.Handle(rt.Key(), http.NotFoundHandler())
		}
		sf := webSurface
		if strings.HasPrefix(rt.Pattern, "/api/") {
			sf = apiSurface
		}
		mux.Handle(rt.Key(), named(rt.Key(), gate(rt.Gate, sf, rt.Handler)))
	}
	mux.Handle("/", named("not found", http.HandlerFunc(w.NotFound)))
	mux.Handle("/api/", named("not found", http.HandlerFunc(j.NotFound)))

	refuse := bySurface(j.Refuse, w.Refuse)
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(refuse)
	var h http.Handler = mux
	h = request.CheckText(bySurface(j.BadText, w.BadText))(h)
	h = auth.RequireCSRF(refuse)(h)
	h = holdCrossSite(bySurface(j.CrossSite, w.CrossSite))(h)
	h = withSession(sessionless, au.Middleware(h), h)
	h = cop.Handler(h)
	h = limitBody(h)
	h = securityHeaders(h)
	h = recoverPanics(opts.Logger, h)
	h = logRequests(opts.Logger, h)
	h = request.Middleware(request.Options{TrustProxy: opts.TrustProxy})(h)
	s.handler = h
	return s, nil
}

// withSession serves requests for a sessionless route with without (no
// session lookup) and all others with with.
func withSession(sessionless *http.ServeMux, with, without http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := sessionless.Handler(r); pattern != "" {
			without.ServeHTTP(w, r)
			return
		}
		with.ServeHTTP(w, r)
	})
}

// bySurface answers with the API's handler under /api/ and the web's
// elsewhere.
func bySurface(api, web http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			api(w, r)
			return
		}
		web(w, r)
	}
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Routes lists every route, for the authorization matrix test.
func (s *Server) Routes() []route.Route { return s.routes }

type surface struct {
	unauthenticated, enrol, refuse http.HandlerFunc
}

// gate lets a request through to its handler only with what the route
// needs. Staff who must set up two-factor login reach only enrolment.
func gate(g route.Gate, sf surface, next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := auth.FromContext(r.Context())
		full := id != nil && !id.SecondFactorPending
		switch {
		case g == route.Public, g == route.Sessionless:
		case g == route.SecondFactor && (id == nil || !id.SecondFactorPending):
			sf.unauthenticated(w, r)
			return
		case (g == route.LoggedIn || g == route.Enrolment) && !full:
			sf.unauthenticated(w, r)
			return
		case g == route.LoggedIn && id.MustEnrollTOTP:
			sf.enrol(w, r)
			return
		}
		next(w, r)
	}
}

func healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "ok")
}

func readyz(a *app.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := a.Ready(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintln(w, "database not ready")
			return
		}
		fmt.Fprintln(w, "ready")
	}
}
