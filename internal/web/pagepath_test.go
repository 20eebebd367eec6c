package web

import (
	"net/http/httptest"
	"testing"
)

// A form shown again after a problem keeps the address of the page it was
// sent from, so that switching language or the menu's mark still work.
func TestPagePath_FormShownAgainKeepsItsPage(t *testing.T) {
	get := httptest.NewRequest("GET", "http://heard.test/admin/units", nil)
	post := httptest.NewRequest("POST", "http://heard.test/admin/units/u1/contact", nil)
	post.Header.Set("Referer", "http://heard.test/admin/units")
	foreign := httptest.NewRequest("POST", "http://heard.test/admin/units/u1/contact", nil)
	foreign.Header.Set("Referer", "https://elsewhere.test/admin/units")
	bare := httptest.NewRequest("POST", "http://heard.test/admin/units/u1/contact", nil)
	for _, tt := range []struct {
		name, got, want string
	}{
		{"a page", pagePath(get), "/admin/units"},
		{"a form shown again", pagePath(post), "/admin/units"},
		{"a form sent from another site", pagePath(foreign), "/home"},
		{"a form without a referrer", pagePath(bare), "/home"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: path %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
