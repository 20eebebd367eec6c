package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// TOTP follows RFC 6238 with the parameters every authenticator app
// supports: HMAC-SHA1, 6 digits, 30-second steps. One step of clock drift
// either way is accepted.
const (
	totpDigits = 6
	totpPeriod = 30
	totpSkew   = 1
)

var totpEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewTOTPSecret returns a random 160-bit secret in base32, as apps expect.
func NewTOTPSecret() string {
	b := make([]byte, 20)
	_, _ = rand.Read(b)
	return totpEncoding.EncodeToString(b)
}

// strongSecret reports whether a secret holds 160 bits or more, as the
// ones NewTOTPSecret makes: the secret travels in the enrolment form, so a
// short or empty one sent back must not become the key.
func strongSecret(secret string) bool {
	key, err := totpEncoding.DecodeString(strings.ToUpper(secret))
	return err == nil && len(key) >= 20
}

// TOTPURI returns the otpauth:// URI an authenticator app reads.
func TOTPURI(secret, issuer, account string) string {
	label := url.PathEscape(issuer + ":" + account)
	q := url.Values{"secret": {secret}, "issuer": {issuer}, "digits": {"6"}, "period": {"30"}, "algorithm": {"SHA1"}}
	return "otpauth://totp/" + label + "?" + q.Encode()
}

// totpCode returns the code for a time step.
func totpCode(key []byte, step int64) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(step))
	mac := hmac.New(sha1.New, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%0*d", totpDigits, v%1_000_000)
}

// CheckTOTP returns the time step that code matches at time t, or false.
// The caller must refuse steps not newer than the last one used, so that a
// code cannot be replayed.
func CheckTOTP(secret, code string, t time.Time) (int64, bool) {
	code = strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	key, err := totpEncoding.DecodeString(strings.ToUpper(secret))
	if err != nil || len(code) != totpDigits {
		return 0, false
	}
	now := t.Unix() / totpPeriod
	for step := now - totpSkew; step <= now+totpSkew; step++ {
		if subtle.ConstantTimeCompare([]byte(totpCode(key, step)), []byte(code)) == 1 {
			return step, true
		}
	}
	return 0, false
}

// TOTPCodeAt returns the code for a secret at time t. Tests and the demo's
// documentation use it; login uses CheckTOTP.
func TOTPCodeAt(secret string, t time.Time) (string, error) {
	key, err := totpEncoding.DecodeString(strings.ToUpper(secret))
	if err != nil {
		return "", fmt.Errorf("decode TOTP secret: %w", err)
	}
	return totpCode(key, t.Unix()/totpPeriod), nil
}
