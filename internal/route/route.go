// Package route describes HTTP routes as data: method, pattern, handler and
// who may reach it. The web and API surfaces each list theirs; the server
// registers them in a loop, and the authorization matrix test iterates the
// same lists, so a route without a row in the matrix fails the test.
package route

import "net/http"

// Gate is what a request needs before its handler runs. It is a coarse
// gate (logged in or not); who may see which person is decided by package
// policy, inside the app, never here.
type Gate int

// The gates.
const (
	// Public routes need nothing.
	Public Gate = iota
	// LoggedIn routes need a full session.
	LoggedIn
	// SecondFactor routes need a half-done login (password given, code not
	// yet).
	SecondFactor
	// Enrolment routes are open to a full session even when the
	// organisation requires two-factor login that the account has not set
	// up yet: they are how it gets set up.
	Enrolment
	// Sessionless routes need nothing and never look at a session: the
	// cookie is not even looked up (health checks, static files). They are
	// the same for everyone, so a session check would only cost.
	Sessionless
)

// Route is one method and pattern.
type Route struct {
	Method  string
	Pattern string
	Handler http.HandlerFunc
	Gate    Gate
}

// Key is "METHOD PATTERN", the form http.ServeMux takes.
func (r Route) Key() string { return r.Method + " " + r.Pattern }
