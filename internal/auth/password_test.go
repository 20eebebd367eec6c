package auth

import (
	"strings"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
)

var cheap = Params{Memory: 64, Time: 1, Threads: 1}

func TestHashPassword_RoundTrip(t *testing.T) {
	h, err := HashPassword("correct horse battery", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("HashPassword() = %q, want PHC argon2id format", h)
	}
	if !VerifyPassword("correct horse battery", h) {
		t.Error("VerifyPassword(right password) = false")
	}
	for _, wrong := range []string{"correct horse batterY", "", "correct horse battery "} {
		if VerifyPassword(wrong, h) {
			t.Errorf("VerifyPassword(%q) = true", wrong)
		}
	}
	h2, _ := HashPassword("correct horse battery", cheap)
	if h == h2 {
		t.Error("two hashes of one password are equal: salt missing")
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA", "$argon2id$v=19$m=x$a$b", "plain"} {
		if VerifyPassword("x", bad) {
			t.Errorf("VerifyPassword against malformed hash %q = true", bad)
		}
	}
}

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		password string
		wantKey  string
	}{
		{"heard-demo-password", "password.published"},
		{"a long unusual phrase", ""},
		{"aaaaaaaaaaaa", "password.weak"},
		{"123456789012", "password.weak"},
		{"qwertyuiopas", "password.weak"},
		{"passwordpassword", "password.weak"},
		{"berglibergli", "password.weak"},
		{"short", "password.too_short"},
		{strings.Repeat("x", 129), "password.too_long"},
		{"1234567890qwerty"[:10] + "ab", "password.weak"},
		{"qwertyuiop12", "password.common"},
		{"PASSWORD1234", "password.common"},
		{"iloveyou2024!", "password.common"},
		{"ana.bergli-secret", "password.contains_email"},
	}
	for _, tt := range tests {
		err := CheckPassword(tt.password, PasswordFor{Email: "ana.bergli@example.test", Name: "Ana Bergli"})
		got := ""
		if p := heard.Problems(err); len(p) == 1 && p[0].Field == "password" {
			got = p[0].Key
		} else if err != nil {
			t.Errorf("CheckPassword(%q) = %v, want one problem on password", tt.password, err)
		}
		if got != tt.wantKey {
			t.Errorf("CheckPassword(%q) = %q, want %q", tt.password, got, tt.wantKey)
		}
	}
	if err := CheckPassword(DemoPassword, PasswordFor{Email: "x@example.test", DemoDatabase: true}); err != nil {
		t.Errorf("the demo password on the demo database: %v", err)
	}
}

// RFC 6238 appendix B test vectors for SHA-1 (8 digits there; the last 6
// digits are the 6-digit code).
func TestTOTP_RFC6238Vectors(t *testing.T) {
	secret := totpEncoding.EncodeToString([]byte("12345678901234567890"))
	vectors := map[int64]string{59: "94287082", 1111111109: "07081804", 1111111111: "14050471", 1234567890: "89005924", 2000000000: "69279037"}
	for unix, want := range vectors {
		got, err := TOTPCodeAt(secret, time.Unix(unix, 0))
		if err != nil || got != want[2:] {
			t.Errorf("code at %d = %q, %v; want %q", unix, got, err, want[2:])
		}
		step, ok := CheckTOTP(secret, want[2:], time.Unix(unix, 0))
		if !ok || step != unix/30 {
			t.Errorf("CheckTOTP at %d = %d, %v", unix, step, ok)
		}
	}
}

func TestCheckTOTP_Window(t *testing.T) {
	secret := NewTOTPSecret()
	at := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	code, _ := TOTPCodeAt(secret, at)
	for _, d := range []time.Duration{-30 * time.Second, 0, 29 * time.Second, 30 * time.Second} {
		if _, ok := CheckTOTP(secret, code, at.Add(d)); !ok {
			t.Errorf("code refused %v from its time, want accepted", d)
		}
	}
	for _, d := range []time.Duration{-61 * time.Second, 90 * time.Second} {
		if _, ok := CheckTOTP(secret, code, at.Add(d)); ok {
			t.Errorf("code accepted %v from its time, want refused", d)
		}
	}
	if _, ok := CheckTOTP(secret, "12345", at); ok {
		t.Error("a 5-digit code was accepted")
	}
	if !strings.Contains(TOTPURI(secret, "Heard", "pro@example.test"), "secret="+secret) {
		t.Error("TOTPURI() lacks the secret")
	}
}
