package password

import (
	"strings"
	"testing"

	"github.com/heard-health/heard/internal/heard"
)

var cheap = Params{Memory: 64, Time: 1, Threads: 1}

func TestHashPassword_RoundTrip(t *testing.T) {
	h, err := Hash("correct horse battery", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("Hash() = %q, want PHC argon2id format", h)
	}
	if !Verify("correct horse battery", h) {
		t.Error("Verify(right password) = false")
	}
	for _, wrong := range []string{"correct horse batterY", "", "correct horse battery "} {
		if Verify(wrong, h) {
			t.Errorf("Verify(%q) = true", wrong)
		}
	}
	h2, _ := Hash("correct horse battery", cheap)
	if h == h2 {
		t.Error("two hashes of one password are equal: salt missing")
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA", "$argon2id$v=19$m=x$a$b", "plain"} {
		if Verify("x", bad) {
			t.Errorf("VerifyPassword against malformed hash %q = true", bad)
		}
	}
}

func TestCheck(t *testing.T) {
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
		err := Check(tt.password, For{Email: "ana.bergli@example.test", Name: "Ana Bergli"})
		got := ""
		if p := heard.Problems(err); len(p) == 1 && p[0].Field == "password" {
			got = p[0].Key
		} else if err != nil {
			t.Errorf("Check(%q) = %v, want one problem on password", tt.password, err)
		}
		if got != tt.wantKey {
			t.Errorf("Check(%q) = %q, want %q", tt.password, got, tt.wantKey)
		}
	}
	if err := Check(DemoPassword, For{Email: "x@example.test", DemoDatabase: true}); err != nil {
		t.Errorf("the demo password on the demo database: %v", err)
	}
}
