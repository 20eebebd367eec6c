package server

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/auth"
	"github.com/heard-health/heard/internal/request"
)

// contentSecurityPolicy allows nothing inline and nothing from elsewhere:
// no inline script or style, no framing (clickjacking), forms only to us.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// securityHeaders sets the headers every response carries. Pages about
// persons must not be cached by browsers or proxies: no-store is the
// default, and only static files (content-hashed) override it.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		// URLs hold opaque person IDs; no-referrer keeps them from other sites.
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		if request.From(r.Context()).Secure {
			h.Set("Strict-Transport-Security", "max-age=63072000")
		}
		next.ServeHTTP(w, r)
	})
}

// holdCrossSite answers hold instead of the page when a logged-in browser
// asks for something because another site told it to: a link, a redirect
// or a form of theirs. With a SameSite=Lax session such a navigation
// carries the session, and reading a page about a person writes that read
// into the person's access log under the clinician's name. Heard's own
// pages are same-origin; a bookmark or a typed address is "none". Browsers
// without Fetch Metadata are judged by the Referer they send, if any.
// State changes are already refused across sites (CSRF protection).
func holdCrossSite(hold http.HandlerFunc) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if auth.FromContext(r.Context()) != nil && (r.Method == http.MethodGet || r.Method == http.MethodHead) &&
				!strings.HasPrefix(r.URL.Path, "/static/") && fromElsewhere(r) {
				hold(w, r)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// fromElsewhere reports whether a request was started by another site.
func fromElsewhere(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "same-origin", "none":
		return false
	case "":
		referer := r.Header.Get("Referer")
		if referer == "" {
			return false
		}
		ref, err := url.Parse(referer)
		return err != nil || ref.Host != r.Host // a Referer that does not parse is not Heard's
	}
	return true // cross-site, same-site (a sibling host is not Heard)
}

// maxRequestBody bounds request bodies; Heard's forms are small.
const maxRequestBody = 1 << 20

func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxRequestBody)
		next.ServeHTTP(w, r)
	})
}

// routeName carries the matched route's name from the mux back out to the
// request log; the mux sets r.Pattern on its own copy of the request.
type routeName struct{ name string }

type routeKey struct{}

func named(name string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n, ok := r.Context().Value(routeKey{}).(*routeName); ok {
			n.name = name
		}
		next.ServeHTTP(w, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the real writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests writes one line per request: the route pattern, never the
// path or query (they hold person IDs), nor bodies. Who saw whose record is
// the access log's business; request_id joins the two.
func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rn := &routeName{}
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), routeKey{}, rn)))
		log.Info("request", "method", r.Method, "route", rn.name, "status", sw.status, "bytes", sw.bytes,
			"duration_ms", time.Since(start).Milliseconds(), "request_id", request.From(r.Context()).ID)
	})
}

func recoverPanics(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				log.Error("panic", "request_id", request.From(r.Context()).ID, "panic", p)
				http.Error(w, "Something went wrong. Noe gikk galt.", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
