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
		{"Arabic letter mark \u061c", false},
		{"line separator \u2028 inside", false},
		{"byte-order mark \ufeff inside", false},
		{"noncharacter \ufffe", false},
		{"noncharacter \U0010ffff", false},
		{"family emoji 👩\u200d👩\u200d👧 and a soft\u00adhyphen", true},
		{"flag of Scotland 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", true},
	}
	for _, tt := range tests {
		if got := ValidText(tt.text); got != tt.want {
			t.Errorf("ValidText(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
