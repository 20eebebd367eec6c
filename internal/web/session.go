package web

import (
	"html/template"
	"net/http"
	"strings"

	"github.com/heard-health/heard/internal/auth"
	"github.com/heard-health/heard/internal/i18n"
	"github.com/heard-health/heard/internal/request"
)

type loginView struct {
	page
	Email string
	Next  string
	Error string
}

func (h *Handler) showLogin(w http.ResponseWriter, r *http.Request) {
	if id := auth.FromContext(r.Context()); id != nil && !id.SecondFactorPending {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	v := loginView{page: h.page(r, "login.title"), Next: safeNext(r.URL.Query().Get("next"))}
	if ended := auth.EndedReason(r.Context()); ended != "" {
		v.Notice = v.T(ended)
	}
	h.render(w, r, http.StatusOK, "login", v)
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	email, next := r.PostFormValue("email"), safeNext(r.PostFormValue("next"))
	token, pending, err := h.auth.Login(r.Context(), email, r.PostFormValue("password"), request.From(r.Context()).ClientAddr, auth.DeviceTokens(r))
	if err != nil {
		v := loginView{page: h.page(r, "login.title"), Email: email, Next: next}
		status := http.StatusUnauthorized
		switch err {
		case auth.ErrLoginFailed:
			v.Error = v.T("login.failed")
		case auth.ErrLocked:
			v.Error, status = v.T("login.locked"), http.StatusTooManyRequests
		default:
			h.fail(w, r, err)
			return
		}
		h.render(w, r, status, "login", v)
		return
	}
	if err := h.auth.LoggedIn(w, r, token, pending); err != nil {
		h.fail(w, r, err)
		return
	}
	if pending {
		http.Redirect(w, r, "/login/code?next="+next, http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

type codeView struct {
	page
	Next  string
	Error string
}

func (h *Handler) showCode(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "login_code", codeView{page: h.page(r, "login.code.title"), Next: safeNext(r.URL.Query().Get("next"))})
}

func (h *Handler) verifyCode(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.PostFormValue("next"))
	token, err := h.auth.VerifySecondFactor(r.Context(), auth.SessionToken(r), r.PostFormValue("code"), request.From(r.Context()).ClientAddr, auth.DeviceTokens(r))
	if err != nil {
		v := codeView{page: h.page(r, "login.code.title"), Next: next}
		v.Error = v.T("login.code_failed")
		status := http.StatusUnauthorized
		if err == auth.ErrLocked {
			v.Error, status = v.T("login.locked"), http.StatusTooManyRequests
		}
		h.render(w, r, status, "login_code", v)
		return
	}
	if err := h.auth.LoggedIn(w, r, token, false); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) {
	if token := auth.SessionToken(r); token != "" {
		if err := h.auth.Logout(r.Context(), token); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	auth.ClearSessionCookie(w, r)
	redirect(w, r, "/login", "notice.logged_out")
}

// setLanguage switches the language: for the account when logged in (so it
// follows them to every device), and in a cookie either way.
func (h *Handler) setLanguage(w http.ResponseWriter, r *http.Request) {
	lang, ok := i18n.Parse(r.PostFormValue("lang"))
	if !ok {
		lang = i18n.EN
	}
	if id := auth.FromContext(r.Context()); id != nil && !id.SecondFactorPending {
		if err := h.app.SetLocale(r.Context(), actor(r), string(lang)); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(lang), Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: request.From(r.Context()).Secure, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
}

type settingsView struct {
	page
	TOTPEnabled bool
	MustEnroll  bool
}

func (h *Handler) showSettings(w http.ResponseWriter, r *http.Request) {
	id := auth.FromContext(r.Context())
	h.render(w, r, http.StatusOK, "settings", settingsView{page: h.page(r, "settings.title"),
		TOTPEnabled: id.Account.TOTPEnabled, MustEnroll: id.MustEnrollTOTP})
}

func (h *Handler) endOtherSessions(w http.ResponseWriter, r *http.Request) {
	if _, err := h.auth.LogoutOthers(r.Context(), auth.FromContext(r.Context())); err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/settings", "notice.sessions_ended")
}

func (h *Handler) changePassword(w http.ResponseWriter, r *http.Request) {
	id := auth.FromContext(r.Context())
	err := h.auth.ChangePassword(r.Context(), id, r.PostFormValue("current"), r.PostFormValue("password"))
	if err != nil {
		v := settingsView{page: h.page(r, "settings.title"), TOTPEnabled: id.Account.TOTPEnabled}
		v.Problems = problems(v.L, err)
		if len(v.Problems) == 0 {
			h.fail(w, r, err)
			return
		}
		h.render(w, r, http.StatusUnprocessableEntity, "settings", v)
		return
	}
	redirect(w, r, "/settings", "notice.password_changed")
}

type twoFactorView struct {
	page
	Secret string
	// URI is an otpauth: link, which html/template would otherwise refuse
	// as an unknown scheme; it is built here from a secret and an address.
	URI     template.URL
	Enabled bool
}

func (h *Handler) twoFactorView(r *http.Request, secret string) twoFactorView {
	id := auth.FromContext(r.Context())
	return twoFactorView{page: h.page(r, "totp.title"), Secret: secret, Enabled: id.Account.TOTPEnabled,
		URI: template.URL(auth.TOTPURI(secret, "Heard", id.Account.Email))}
}

func (h *Handler) showTwoFactor(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "two_factor", h.twoFactorView(r, auth.NewTOTPSecret()))
}

// enableTwoFactor checks a code from the person's app against the secret
// shown on the form. The secret travels in the form because it is only
// stored once a code proves the app has it.
func (h *Handler) enableTwoFactor(w http.ResponseWriter, r *http.Request) {
	secret := strings.TrimSpace(r.PostFormValue("secret"))
	e := auth.Enrolment{Password: r.PostFormValue("password"), Secret: secret, Code: r.PostFormValue("code"), OldCode: r.PostFormValue("old_code")}
	if err := h.auth.EnrollTOTP(r.Context(), auth.FromContext(r.Context()), e); err != nil {
		v := h.twoFactorView(r, secret)
		v.Problems = problems(v.L, err)
		if len(v.Problems) == 0 {
			h.fail(w, r, err)
			return
		}
		h.render(w, r, http.StatusUnprocessableEntity, "two_factor", v)
		return
	}
	redirect(w, r, "/settings", "notice.totp_enabled")
}
