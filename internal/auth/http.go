package auth

import (
	"context"
	"crypto/subtle"
	"mime"
	"net/http"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/request"
)

// Cookie base names. Over TLS they get the __Host- prefix, which browsers
// only accept with Secure, Path=/ and no Domain: the cookie cannot be set by
// a sibling subdomain or read over plain HTTP.
const (
	sessionCookie  = "heard_session"
	deviceCookie   = "heard_device"
	anonCSRFCookie = "heard_csrf"
	// CSRFField is the form field and CSRFHeader the header that carry the
	// CSRF token on state-changing requests.
	CSRFField  = "csrf_token"
	CSRFHeader = "X-CSRF-Token"
)

func cookieName(base string, secure bool) string {
	if secure {
		return "__Host-" + base
	}
	return base
}

type ctxKey int

const (
	identityKey ctxKey = iota
	csrfKey
	endedKey
)

// FromContext returns the logged-in identity, or nil. A pending (half
// logged-in) identity is returned too; callers check SecondFactorPending.
func FromContext(ctx context.Context) *Identity {
	id, _ := ctx.Value(identityKey).(*Identity)
	return id
}

// CSRFToken returns the token that forms on this request's page must carry.
func CSRFToken(ctx context.Context) string {
	s, _ := ctx.Value(csrfKey).(string)
	return s
}

// EndedReason returns the message key of why this request's session just
// ended ("session.idle", "session.expired"), or "".
func EndedReason(ctx context.Context) string {
	s, _ := ctx.Value(endedKey).(string)
	return s
}

// SetSessionCookie gives the browser its session token.
func SetSessionCookie(w http.ResponseWriter, r *http.Request, token string) {
	secure := request.From(r.Context()).Secure
	http.SetCookie(w, &http.Cookie{Name: cookieName(sessionCookie, secure), Value: token, Path: "/",
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
}

// ClearSessionCookie removes the session token from the browser.
func ClearSessionCookie(w http.ResponseWriter, r *http.Request) {
	secure := request.From(r.Context()).Secure
	http.SetCookie(w, &http.Cookie{Name: cookieName(sessionCookie, secure), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
}

// LoggedIn gives the browser the session from a login step and, once the
// login is whole, keeps the browser known to the account (device cookie).
func (s *Service) LoggedIn(w http.ResponseWriter, r *http.Request, token string, pending bool) error {
	SetSessionCookie(w, r, token)
	if pending {
		return nil
	}
	devices, err := s.RememberDevice(r.Context(), token, DeviceTokens(r))
	if err != nil {
		return err
	}
	secure := request.From(r.Context()).Secure
	http.SetCookie(w, &http.Cookie{Name: cookieName(deviceCookie, secure), Value: devices, Path: "/",
		MaxAge: int(DeviceLifetime.Seconds()), HttpOnly: true, Secure: secure, SameSite: http.SameSiteStrictMode})
	return nil
}

// DeviceTokens returns the device cookie the request carries, or "".
func DeviceTokens(r *http.Request) string {
	c, err := r.Cookie(cookieName(deviceCookie, request.From(r.Context()).Secure))
	if err != nil {
		return ""
	}
	return c.Value
}

// SessionToken returns the session token the request carries, or "".
func SessionToken(r *http.Request) string {
	c, err := r.Cookie(cookieName(sessionCookie, request.From(r.Context()).Secure))
	if err != nil {
		return ""
	}
	return c.Value
}

// Middleware finds the identity behind the session cookie and puts it, and
// the CSRF token forms must carry, into the request's context. Visitors
// without a session get a double-submit CSRF cookie instead, so that the
// login form is protected too.
func (s *Service) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if token := SessionToken(r); token != "" {
			id, err := s.Authenticate(ctx, token)
			switch {
			case err == nil:
				ctx = context.WithValue(ctx, identityKey, id)
				ctx = context.WithValue(ctx, csrfKey, id.CSRFToken)
			case IsUnauthenticated(err):
				ClearSessionCookie(w, r)
				ctx = context.WithValue(ctx, endedKey, heard.ErrorKey(err))
			default:
				http.Error(w, "Service unavailable", http.StatusServiceUnavailable)
				return
			}
		}
		if FromContext(ctx) == nil {
			ctx = context.WithValue(ctx, csrfKey, anonCSRF(w, r))
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// anonCSRF returns the visitor's double-submit token, setting the cookie
// when the visitor has none.
func anonCSRF(w http.ResponseWriter, r *http.Request) string {
	secure := request.From(r.Context()).Secure
	name := cookieName(anonCSRFCookie, secure)
	if c, err := r.Cookie(name); err == nil && len(c.Value) >= 32 {
		return c.Value
	}
	token := randomToken()
	http.SetCookie(w, &http.Cookie{Name: name, Value: token, Path: "/", HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
	return token
}

// RequireCSRF refuses state-changing requests that do not carry the right
// token, calling refuse instead of next. Logged-in requests must send the
// session's token (form field or header). Anonymous form posts must send the
// double-submit cookie's value. Anonymous JSON requests pass: a browser
// cannot send a cross-site JSON body without a CORS preflight, which heard
// never grants, and non-browser API clients have no cookie to ride on.
func RequireCSRF(refuse http.HandlerFunc) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch r.Method {
			case http.MethodGet, http.MethodHead, http.MethodOptions:
				next.ServeHTTP(w, r)
				return
			}
			want := CSRFToken(r.Context())
			got := r.Header.Get(CSRFHeader)
			if got == "" && !isJSON(r) {
				got = r.PostFormValue(CSRFField)
			}
			anonymousJSON := FromContext(r.Context()) == nil && isJSON(r)
			if anonymousJSON || (want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1) {
				next.ServeHTTP(w, r)
				return
			}
			refuse(w, r)
		})
	}
}

func isJSON(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "application/json"
}
