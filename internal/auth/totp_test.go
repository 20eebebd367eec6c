package auth

import (
	"strings"
	"testing"
	"time"
)

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
