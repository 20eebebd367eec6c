package heard

import "testing"

func TestValidText(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Ada's plan: walks\n\tand «coffee» — ☕ åøæ", true},
		{"right-to-left mark \u200f is fine", true},
		{"nul \x00 byte", false},
		{"bell \a", false},
		{"escape \x1b[31m", false},
		{"C1 \u0085 control", false},
		{"invalid \xff\xfe UTF-8", false},
		{"override \u202e reversed", false},
		{"isolate \u2066 text \u2069", false},
	}
	for _, tt := range tests {
		if got := ValidText(tt.text); got != tt.want {
			t.Errorf("ValidText(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
