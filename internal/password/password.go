// Package password checks, hashes and verifies passwords: argon2id hashes
// in PHC format, a length rule, a list of common passwords and the zxcvbn
// estimator. It knows no HTTP and no storage, so the app can use it
// without depending on the login machinery.
package password

import (
	"bufio"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"
	"golang.org/x/crypto/argon2"

	"github.com/heard-health/heard/internal/heard"
)

// Params are argon2id's cost parameters. They are stored in each hash, so
// raising them later only affects new hashes.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// DefaultParams follow OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane):
// about 40 ms on one core here, slow for guessing, fine for logging in.
var DefaultParams = Params{Memory: 19 * 1024, Time: 2, Threads: 1}

// Password length limits. 12 characters with a common-password check
// follows NIST SP 800-63B's advice of length over composition rules; the
// upper limit bounds hashing work per login attempt.
const (
	MinLength = 12
	MaxLength = 128
)

//go:embed common_passwords.txt
var commonPasswordText string

var commonPasswords = func() map[string]struct{} {
	m := make(map[string]struct{}, 12000)
	sc := bufio.NewScanner(strings.NewReader(commonPasswordText))
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			m[line] = struct{}{}
		}
	}
	return m
}()

// DemoPassword is every demo account's password. It is published in the
// README, so it is refused everywhere but on the demo database.
const DemoPassword = "heard-demo-password"

// MinStrength is the least zxcvbn score (0 to 4) a new password needs: 3
// means about 10^10 guesses, which argon2id makes slow enough offline.
const MinStrength = 3

// For says whose new password is checked, so that it may not be
// guessed from their own details.
type For struct {
	Email, Name string
	// DemoDatabase allows the published demo password.
	DemoDatabase bool
}

// Check returns the problems with a new password, as field
// problems on "password". Beyond length and a list of common passwords, a
// maintained estimator (zxcvbn) judges how guessable it is, given the
// account's own email and name: "aaaaaaaaaaaa", "qwertyuiopas" and
// "passwordpassword" are long enough but guessed at once.
func Check(password string, who For) error {
	if who.DemoDatabase && password == DemoPassword {
		return nil // every demo account has it, on a database no one relies on
	}
	n := utf8.RuneCountInString(password)
	var key string
	lower := strings.ToLower(password)
	local, _, _ := strings.Cut(strings.ToLower(who.Email), "@")
	switch {
	case n < MinLength:
		key = "password.too_short"
	case n > MaxLength:
		key = "password.too_long"
	case password == DemoPassword:
		key = "password.published"
	case isCommon(lower):
		key = "password.common"
	case len(local) >= 4 && strings.Contains(lower, local):
		key = "password.contains_email"
	case zxcvbn.PasswordStrength(password, append([]string{strings.ToLower(who.Email), local, "heard"}, strings.Fields(strings.ToLower(who.Name))...)).Score < MinStrength:
		key = "password.weak"
	default:
		return nil
	}
	return heard.Invalid([]heard.Problem{{Field: "password", Key: key}})
}

// isCommon reports whether the password is a common one, or a common one
// with digits or punctuation added at the end ("password2024!").
func isCommon(lower string) bool {
	if _, ok := commonPasswords[lower]; ok {
		return true
	}
	trimmed := strings.TrimRight(lower, "0123456789!?.#*@$-_ ")
	_, ok := commonPasswords[trimmed]
	return ok && len(trimmed) >= 8
}

// Hash returns the PHC-format argon2id hash of password.
func Hash(password string, p Params) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, 32)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify reports whether password matches hash, in constant time.
func Verify(password, hash string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return false
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}
