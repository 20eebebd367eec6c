package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/password"
	"github.com/heard-health/heard/internal/store"
)

// Config sets the session and throttling rules.
type Config struct {
	Params password.Params
	// StaffIdle and PersonIdle end a session after that long without a
	// request: staff sooner (shared ward computers), persons and network
	// members later (they read and write at their own pace).
	StaffIdle, PersonIdle time.Duration
	// Absolute ends every session this long after login.
	Absolute time.Duration
	// Now is the clock; tests move it.
	Now func() time.Time
}

// DefaultConfig is the configuration in production.
func DefaultConfig() Config {
	return Config{Params: password.DefaultParams, StaffIdle: 15 * time.Minute, PersonIdle: 30 * time.Minute, Absolute: 12 * time.Hour, Now: time.Now}
}

// Throttling: only failed attempts count, so many people logging in from one
// clinic's address are never locked out by each other's successes. A
// browser that has logged in to an account before carries a device cookie
// (OWASP's "device cookie"): its failures count against that browser alone,
// and neither the account's lock nor the address's applies to it. So a
// stranger who knows a clinician's e-mail locks out only untrusted browsers,
// never the clinician's own, and a busy address locks out no known browser.
const (
	// AccountFailures failed attempts on one account from untrusted
	// browsers within FailureWindow lock it, for them, for LockDuration
	// after the last failure. The same number locks a trusted browser.
	AccountFailures = 5
	// AddressFailures failed attempts from one client address by untrusted
	// browsers within FailureWindow lock that address for them.
	AddressFailures = 50
	FailureWindow   = 15 * time.Minute
	LockDuration    = 15 * time.Minute
	// DeviceLifetime is how long a browser stays known without logging in.
	DeviceLifetime = 180 * 24 * time.Hour
	// pendingLifetime is how long a half-done login (password given, code
	// not yet) lasts.
	pendingLifetime = 10 * time.Minute
	// touchEvery limits last-seen writes to one a minute per session; the
	// idle timeout is thereby at most a minute shorter than configured, never
	// longer.
	touchEvery = time.Minute
)

// Errors a login can end with. All are unauthenticated except the lock.
var (
	ErrLoginFailed    = &heard.Error{Code: heard.CodeUnauthenticated, Key: "login.failed"}
	ErrLocked         = &heard.Error{Code: heard.CodeTooManyAttempts, Key: "login.locked"}
	ErrCodeFailed     = &heard.Error{Code: heard.CodeUnauthenticated, Key: "login.code_failed"}
	ErrSessionIdle    = &heard.Error{Code: heard.CodeUnauthenticated, Key: "session.idle"}
	ErrSessionExpired = &heard.Error{Code: heard.CodeUnauthenticated, Key: "session.expired"}
)

// Tx is the slice of storage auth uses: accounts and their credentials,
// the organisation's two-factor rule, which person an account is, sessions,
// login throttling and known devices. Never a person's record.
type Tx interface {
	GetAccount(ctx context.Context, id heard.AccountID) (heard.Account, error)
	GetAccountByEmail(ctx context.Context, email string) (heard.Account, error)
	GetCredentials(ctx context.Context, id heard.AccountID) (store.Credentials, error)
	SetPasswordHash(ctx context.Context, id heard.AccountID, hash string) error
	SetTOTP(ctx context.Context, id heard.AccountID, secret string, enabled bool) error
	UseTOTPStep(ctx context.Context, id heard.AccountID, step int64) error
	GetOrganisation(ctx context.Context, id heard.OrganisationID) (heard.Organisation, error)
	GetPersonByAccount(ctx context.Context, id heard.AccountID) (heard.Person, error)
	GetMeta(ctx context.Context, key string) (string, error)
	store.Sessions
	store.LoginFailures
	store.LoginDevices
}

var _ Tx = store.Tx(nil)

// Store is the two-method interface auth gets of storage: transactions
// that see only Tx (make one with store.Narrow[auth.Tx]).
type Store = store.Transactor[Tx]

// Service logs accounts in and out.
type Service struct {
	store     Store
	cfg       Config
	dummyHash string
}

// New returns a service on st.
func New(st Store, cfg Config) *Service {
	// Checking a password against a dummy hash when the account does not
	// exist makes "no such account" take as long as "wrong password".
	dummy, _ := password.Hash("no such account, no such password", cfg.Params)
	return &Service{store: st, cfg: cfg, dummyHash: dummy}
}

// Params returns the password hashing costs in use.
func (s *Service) Params() password.Params { return s.cfg.Params }

// Identity is the logged-in account, as found from a session cookie.
type Identity struct {
	Account  heard.Account
	PersonID heard.PersonID
	// Capacity is the person's "how much can I take now"; pages offer
	// fewer choices when it is low.
	Capacity heard.Capacity
	// SessionID is the stored session's ID (a hash, not the cookie's token).
	SessionID string
	CSRFToken string
	// SecondFactorPending is true between password and code; such an
	// identity may only finish logging in or log out.
	SecondFactorPending bool
	// MustEnrollTOTP is true for staff of an organisation that requires
	// two-factor login who have not set it up: they may only set it up.
	MustEnrollTOTP bool
	// SinceSeq is where the access log stood at the end of the account's
	// previous visit (store.Session.SinceSeq).
	SinceSeq int64
}

// Actor returns the heard.Actor for the identity and the request facts.
func (id *Identity) Actor(clientAddr, requestID string) heard.Actor {
	return heard.Actor{
		AccountID: id.Account.ID, OrganisationID: id.Account.OrganisationID, Role: id.Account.Role,
		PeerWorker: id.Account.PeerWorker, Name: id.Account.Name, PersonID: id.PersonID,
		ClientAddr: clientAddr, RequestID: requestID, SinceSeq: id.SinceSeq,
	}
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// sessionID is what the database keeps of a token: its SHA-256, so that a
// leaked database copy holds no usable session.
func sessionID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func emailKey(email string) string { return "email:" + email }
func addrKey(addr string) string   { return "addr:" + addr }
func deviceKey(id string) string   { return "device:" + id }

// Login checks an email and password from clientAddr, sent by a browser
// holding the device cookie devices ("" for none), and returns the new
// session's token. When the account uses two-factor login, the session is
// pending until VerifySecondFactor.
func (s *Service) Login(ctx context.Context, email, secret, clientAddr, devices string) (token string, pending bool, err error) {
	email = heard.NormalizeEmail(email)
	now := s.cfg.Now()
	var acc heard.Account
	var cred store.Credentials
	device := ""
	err = s.store.Read(ctx, func(tx Tx) error {
		var err error
		if acc, err = tx.GetAccountByEmail(ctx, email); err != nil {
			return err
		}
		if device, err = knownDevice(ctx, tx, devices, acc.ID); err != nil {
			return err
		}
		cred, err = tx.GetCredentials(ctx, acc.ID)
		return err
	})
	if err != nil && heard.ErrorCode(err) != heard.CodeNotFound {
		return "", false, fmt.Errorf("login: %w", err)
	}
	attempt, lerr := s.attempt(ctx, triesOf(email, clientAddr, device), now)
	if lerr != nil {
		return "", false, lerr
	}
	if err != nil {
		password.Verify(secret, s.dummyHash)
		return "", false, ErrLoginFailed
	}
	if !password.Verify(secret, cred.PasswordHash) || !acc.Active() {
		return "", false, ErrLoginFailed
	}
	token = randomToken()
	sess := store.Session{ID: sessionID(token), AccountID: acc.ID, CSRFToken: randomToken(), SecondFactorPending: cred.TOTPEnabled,
		Created: now, LastSeen: now, Expires: now.Add(s.cfg.Absolute)}
	if sess.SecondFactorPending {
		sess.Expires = now.Add(pendingLifetime)
	}
	err = s.store.Write(ctx, func(tx Tx) error {
		if err := tx.RemoveLoginFailure(ctx, attempt); err != nil {
			return err
		}
		if !sess.SecondFactorPending {
			if err := clearFailures(ctx, tx, email, device); err != nil {
				return err
			}
		}
		return tx.CreateSession(ctx, sess)
	})
	if err != nil {
		return "", false, fmt.Errorf("login: create session: %w", err)
	}
	return token, sess.SecondFactorPending, nil
}

// try is a throttling key and how many failures within FailureWindow lock it.
type try struct {
	key   string
	limit int
}

// triesOf is what an attempt counts against: a known browser's own key, or
// else the account's and the client address's, whether or not the account
// exists, so that locking out reveals nothing about which addresses have
// accounts.
func triesOf(email, addr, device string) []try {
	if device != "" {
		return []try{{deviceKey(device), AccountFailures}}
	}
	return []try{{emailKey(email), AccountFailures}, {addrKey(addr), AddressFailures}}
}

// attempt records this attempt as a failure before the secret is checked
// and returns the record's ID, or answers ErrLocked when, counting it, a
// key is over its limit. The
// record commits before the count, so of attempts made at the same moment
// each sees those before it and no more than the limit get through (checking
// first and recording after let dozens of parallel guesses in). A success
// takes its record back by ID; a failure leaves it.
func (s *Service) attempt(ctx context.Context, tries []try, now time.Time) (string, error) {
	id := randomToken()
	err := s.store.Write(ctx, func(tx Tx) error {
		for _, t := range tries {
			if err := tx.AddLoginFailure(ctx, id, t.key, now); err != nil {
				return err
			}
		}
		return tx.PruneLoginFailures(ctx, now.Add(-24*time.Hour))
	})
	if err != nil {
		return "", fmt.Errorf("login: record attempt: %w", err)
	}
	locked := false
	err = s.store.Read(ctx, func(tx Tx) error {
		for _, t := range tries {
			n, _, err := tx.CountLoginFailures(ctx, t.key, now.Add(-FailureWindow))
			if err != nil {
				return err
			}
			locked = locked || n > t.limit
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("login: count failures: %w", err)
	}
	if !locked {
		return id, nil
	}
	// A refused attempt is not a guess: take it back, so the lock ends
	// LockDuration after the last real failure.
	if err := s.store.Write(ctx, func(tx Tx) error { return tx.RemoveLoginFailure(ctx, id) }); err != nil {
		return "", fmt.Errorf("login: %w", err)
	}
	return "", ErrLocked
}

// clearFailures forgets the failures a whole login outweighs.
func clearFailures(ctx context.Context, tx Tx, email, device string) error {
	if err := tx.ClearLoginFailures(ctx, emailKey(email)); err != nil {
		return err
	}
	if device == "" {
		return nil
	}
	return tx.ClearLoginFailures(ctx, deviceKey(device))
}

// knownDevice returns the ID of the device token in devices that belongs
// to account, or "" when the browser has not logged in to it before.
func knownDevice(ctx context.Context, tx Tx, devices string, account heard.AccountID) (string, error) {
	for _, t := range deviceTokens(devices) {
		owner, err := tx.GetLoginDevice(ctx, sessionID(t))
		switch {
		case heard.ErrorCode(err) == heard.CodeNotFound:
		case err != nil:
			return "", err
		case owner == account:
			return sessionID(t), nil
		}
	}
	return "", nil
}

// maxDevices is how many accounts' device tokens one browser keeps, so that
// a shared ward computer stays known to the few who use it.
const maxDevices = 5

// deviceTokens splits a device cookie's value into its tokens.
func deviceTokens(devices string) []string {
	ts := strings.FieldsFunc(devices, func(r rune) bool { return r == '.' })
	return ts[:min(len(ts), maxDevices)]
}

// RememberDevice records that the browser holding devices logged in whole
// to the account of the session token, and returns the device cookie's new
// value: this account's token first, then up to four others it held.
func (s *Service) RememberDevice(ctx context.Context, token, devices string) (string, error) {
	now := s.cfg.Now()
	var out []string
	err := s.store.Write(ctx, func(tx Tx) error {
		sess, err := tx.GetSession(ctx, sessionID(token))
		if err != nil {
			return err
		}
		mine := ""
		for _, t := range deviceTokens(devices) {
			owner, err := tx.GetLoginDevice(ctx, sessionID(t))
			switch {
			case heard.ErrorCode(err) == heard.CodeNotFound:
				continue // forgotten or pruned: dropped from the cookie
			case err != nil:
				return err
			case owner == sess.AccountID && mine == "":
				mine = t
			default:
				out = append(out, t)
			}
		}
		if mine == "" {
			mine = randomToken()
			if err := tx.CreateLoginDevice(ctx, sessionID(mine), sess.AccountID, now); err != nil {
				return err
			}
		} else if err := tx.TouchLoginDevice(ctx, sessionID(mine), now); err != nil {
			return err
		}
		out = append([]string{mine}, out[:min(len(out), maxDevices-1)]...)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("remember device: %w", err)
	}
	return strings.Join(out, "."), nil
}

// VerifySecondFactor completes a pending login with a TOTP code and returns
// a new token: the pending session is replaced, never upgraded, so a token
// seen before the code was given is worthless after.
func (s *Service) VerifySecondFactor(ctx context.Context, pendingToken, code, clientAddr, devices string) (string, error) {
	now := s.cfg.Now()
	var sess store.Session
	var acc heard.Account
	var cred store.Credentials
	device := ""
	err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		if sess, err = tx.GetSession(ctx, sessionID(pendingToken)); err != nil {
			return err
		}
		if acc, err = tx.GetAccount(ctx, sess.AccountID); err != nil {
			return err
		}
		if device, err = knownDevice(ctx, tx, devices, acc.ID); err != nil {
			return err
		}
		cred, err = tx.GetCredentials(ctx, acc.ID)
		return err
	})
	if err != nil || !sess.SecondFactorPending || !now.Before(sess.Expires) {
		return "", ErrSessionExpired
	}
	attempt, err := s.attempt(ctx, triesOf(acc.Email, clientAddr, device), now)
	if err != nil {
		return "", err
	}
	step, ok := CheckTOTP(cred.TOTPSecret, code, now)
	if !ok {
		return "", ErrCodeFailed
	}
	token := randomToken()
	err = s.store.Write(ctx, func(tx Tx) error {
		if err := tx.UseTOTPStep(ctx, acc.ID, step); err != nil {
			return err
		}
		if err := tx.RemoveLoginFailure(ctx, attempt); err != nil {
			return err
		}
		if err := tx.DeleteSession(ctx, sess.ID); err != nil {
			return err
		}
		if err := clearFailures(ctx, tx, acc.Email, device); err != nil {
			return err
		}
		return tx.CreateSession(ctx, store.Session{ID: sessionID(token), AccountID: acc.ID, CSRFToken: randomToken(),
			Created: now, LastSeen: now, Expires: now.Add(s.cfg.Absolute)})
	})
	if heard.ErrorCode(err) == heard.CodeConflict {
		return "", ErrCodeFailed // the code was used already
	}
	if err != nil {
		return "", fmt.Errorf("second factor: %w", err)
	}
	return token, nil
}

// Authenticate finds the identity behind a session token, ending sessions
// that are idle, past their absolute lifetime, or of a disabled account.
func (s *Service) Authenticate(ctx context.Context, token string) (*Identity, error) {
	now := s.cfg.Now()
	var si store.SessionIdentity
	err := s.store.Lookup(ctx, func(tx Tx) error {
		var err error
		si, err = tx.GetSessionIdentity(ctx, sessionID(token))
		return err
	})
	sess, org := si.Session, si.Organisation
	id := &Identity{Account: si.Account, PersonID: si.PersonID, Capacity: si.Capacity}
	if heard.ErrorCode(err) == heard.CodeNotFound {
		return nil, heard.ErrUnauthenticated
	}
	if err != nil {
		return nil, fmt.Errorf("authenticate: %w", err)
	}
	idle := s.cfg.PersonIdle
	if id.Account.Role.Staff() {
		idle = s.cfg.StaffIdle
	}
	var ended error
	switch {
	case !now.Before(sess.Expires):
		ended = ErrSessionExpired
	case now.Sub(sess.LastSeen) > idle:
		ended = ErrSessionIdle
	case !id.Account.Active():
		ended = heard.ErrUnauthenticated
	}
	if ended != nil {
		if err := s.store.Write(ctx, func(tx Tx) error { return tx.DeleteSession(ctx, sess.ID) }); err != nil {
			return nil, fmt.Errorf("end session: %w", err)
		}
		return nil, ended
	}
	if now.Sub(sess.LastSeen) >= touchEvery {
		err := s.store.Write(ctx, func(tx Tx) error { return tx.TouchSession(ctx, sess.ID, now) })
		if err != nil && heard.ErrorCode(err) != heard.CodeNotFound {
			return nil, fmt.Errorf("touch session: %w", err)
		}
	}
	id.SessionID, id.CSRFToken, id.SecondFactorPending, id.SinceSeq = sess.ID, sess.CSRFToken, sess.SecondFactorPending, sess.SinceSeq
	id.MustEnrollTOTP = org.RequireStaffTOTP && id.Account.Role.Staff() && !id.Account.TOTPEnabled
	return id, nil
}

// Logout ends the session behind token. Ending an unknown session is not
// an error: the outcome the caller wants holds.
func (s *Service) Logout(ctx context.Context, token string) error {
	return s.store.Write(ctx, func(tx Tx) error { return tx.DeleteSession(ctx, sessionID(token)) })
}

// LogoutOthers ends every session of the identity's account but its own,
// and returns how many it ended.
func (s *Service) LogoutOthers(ctx context.Context, id *Identity) (int, error) {
	var n int
	err := s.store.Write(ctx, func(tx Tx) error {
		var err error
		n, err = tx.DeleteAccountSessions(ctx, id.Account.ID, id.SessionID)
		return err
	})
	return n, err
}

// Enrolment is what the two-factor form sends: the password, the new
// secret, a code from the app that now holds it, and, when a key is being
// replaced, a code from the key in use.
type Enrolment struct {
	Password, Secret, Code, OldCode string
}

// EnrollTOTP turns on two-factor login for the identity's account, or
// replaces its key, once the person gives their password (a session left
// open on a shared computer must not be enough to take over the second
// factor), shows with a code that their app holds the new secret, and, to
// replace a key, shows with a code that they hold the old one too.
func (s *Service) EnrollTOTP(ctx context.Context, id *Identity, e Enrolment) error {
	var cred store.Credentials
	if err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		cred, err = tx.GetCredentials(ctx, id.Account.ID)
		return err
	}); err != nil {
		return fmt.Errorf("enrol second factor: %w", err)
	}
	if !strongSecret(e.Secret) {
		return heard.Invalid([]heard.Problem{{Field: "code", Key: "totp.code_invalid"}})
	}
	now := s.cfg.Now()
	attempt, err := s.attempt(ctx, accountTries(id), now)
	if err != nil {
		return err
	}
	var problems []heard.Problem
	if !password.Verify(e.Password, cred.PasswordHash) {
		problems = append(problems, heard.Problem{Field: "password", Key: "password.current_wrong"})
	}
	if _, ok := CheckTOTP(cred.TOTPSecret, e.OldCode, now); cred.TOTPEnabled && !ok {
		problems = append(problems, heard.Problem{Field: "old_code", Key: "totp.old_code_invalid"})
	}
	step, ok := CheckTOTP(e.Secret, e.Code, now)
	if !ok {
		problems = append(problems, heard.Problem{Field: "code", Key: "totp.code_invalid"})
	}
	if err := heard.Invalid(problems); err != nil {
		return err
	}
	return s.store.Write(ctx, func(tx Tx) error {
		if err := tx.RemoveLoginFailure(ctx, attempt); err != nil {
			return err
		}
		if err := tx.SetTOTP(ctx, id.Account.ID, e.Secret, true); err != nil {
			return err
		}
		return tx.UseTOTPStep(ctx, id.Account.ID, step)
	})
}

// accountTries is what a password typed inside a session counts against:
// the account's own failures, as at login, so that someone at a session
// left open cannot try password after password.
func accountTries(id *Identity) []try {
	return []try{{emailKey(id.Account.Email), AccountFailures}}
}

// ChangePassword replaces the account's password after checking the
// current one, and ends the account's other sessions.
func (s *Service) ChangePassword(ctx context.Context, id *Identity, current, next string) error {
	var cred store.Credentials
	who := password.For{Email: id.Account.Email, Name: id.Account.Name}
	if err := s.store.Read(ctx, func(tx Tx) error {
		var err error
		if cred, err = tx.GetCredentials(ctx, id.Account.ID); err != nil {
			return err
		}
		demo, err := tx.GetMeta(ctx, store.MetaDemo)
		who.DemoDatabase = demo != ""
		if heard.ErrorCode(err) == heard.CodeNotFound {
			return nil
		}
		return err
	}); err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	now := s.cfg.Now()
	attempt, err := s.attempt(ctx, accountTries(id), now)
	if err != nil {
		return err
	}
	if !password.Verify(current, cred.PasswordHash) {
		return heard.Invalid([]heard.Problem{{Field: "current", Key: "password.current_wrong"}})
	}
	if err := s.store.Write(ctx, func(tx Tx) error { return tx.RemoveLoginFailure(ctx, attempt) }); err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	if err := password.Check(next, who); err != nil {
		return err
	}
	hash, err := password.Hash(next, s.cfg.Params)
	if err != nil {
		return err
	}
	return s.store.Write(ctx, func(tx Tx) error {
		if err := tx.SetPasswordHash(ctx, id.Account.ID, hash); err != nil {
			return err
		}
		_, err := tx.DeleteAccountSessions(ctx, id.Account.ID, id.SessionID)
		return err
	})
}

// Cleanup removes ended sessions and old login failures. serve runs it
// every few minutes; correctness never depends on it (Authenticate checks
// every session's limits itself), only the table sizes do.
func (s *Service) Cleanup(ctx context.Context) error {
	now := s.cfg.Now()
	return s.store.Write(ctx, func(tx Tx) error {
		if _, err := tx.DeleteExpiredSessions(ctx, now, now.Add(-max(s.cfg.StaffIdle, s.cfg.PersonIdle))); err != nil {
			return err
		}
		if err := tx.PruneLoginDevices(ctx, now.Add(-DeviceLifetime)); err != nil {
			return err
		}
		return tx.PruneLoginFailures(ctx, now.Add(-24*time.Hour))
	})
}

// IsUnauthenticated reports whether err means "log in (again)".
func IsUnauthenticated(err error) bool {
	var e *heard.Error
	return errors.As(err, &e) && e.Code == heard.CodeUnauthenticated
}
