package request

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/heard-health/heard/internal/heard"
)

func TestMiddleware(t *testing.T) {
	tests := []struct {
		name       string
		trust      bool
		remote     string
		fwdFor     string
		fwdProto   string
		tls        bool
		wantAddr   string
		wantSecure bool
	}{
		{"direct", false, "192.0.2.1:5555", "", "", false, "192.0.2.1", false},
		{"direct over TLS", false, "192.0.2.1:5555", "", "", true, "192.0.2.1", true},
		{"forwarded headers ignored without trust", false, "192.0.2.1:5555", "198.51.100.9", "https", false, "192.0.2.1", false},
		{"trusted proxy", true, "10.0.0.2:80", "203.0.113.5, 198.51.100.9", "https", false, "198.51.100.9", true},
		{"trusted proxy, garbage header", true, "10.0.0.2:80", "not-an-ip", "http", false, "10.0.0.2", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got Info
			h := Middleware(Options{TrustProxy: tt.trust})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				got = From(r.Context())
			}))
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.remote
			if tt.fwdFor != "" {
				r.Header.Set("X-Forwarded-For", tt.fwdFor)
				r.Header.Set("X-Forwarded-Proto", tt.fwdProto)
			}
			if tt.tls {
				r.TLS = &tls.ConnectionState{}
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if got.ClientAddr != tt.wantAddr || got.Secure != tt.wantSecure || len(got.ID) != 16 {
				t.Errorf("Info = %+v, want addr %q secure %v and an ID", got, tt.wantAddr, tt.wantSecure)
			}
			if w.Header().Get("X-Request-Id") != got.ID {
				t.Error("X-Request-Id header does not carry the request ID")
			}
		})
	}
}

func TestPathID(t *testing.T) {
	mux := http.NewServeMux()
	var got string
	var gotErr error
	mux.HandleFunc("GET /x/{id}/{part}", func(w http.ResponseWriter, r *http.Request) {
		var id heard.PersonID
		id, gotErr = PathID[heard.PersonID](r, "id")
		if gotErr == nil {
			var part heard.PlanPartKey
			part, gotErr = PathPart(r)
			got = string(id) + " " + string(part)
		}
	})
	good := string(heard.NewID[heard.PersonID]())
	for _, tt := range []struct {
		path, want string
		found      bool
	}{
		{"/x/" + good + "/crisis", good + " crisis", true},
		{"/x/" + good + "/diagnosis", "", false},
		{"/x/1/crisis", "", false},
	} {
		got, gotErr = "", nil
		mux.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", tt.path, nil))
		if tt.found && (gotErr != nil || got != tt.want) {
			t.Errorf("%s: %q, %v; want %q", tt.path, got, gotErr, tt.want)
		}
		if !tt.found && heard.ErrorCode(gotErr) != heard.CodeNotFound {
			t.Errorf("%s: %v; want not found", tt.path, gotErr)
		}
	}
}

func TestLocalPath(t *testing.T) {
	tests := []struct{ next, want string }{
		{"/persons/abc?tab=plan", "/persons/abc?tab=plan"},
		{"/plan#goals", "/plan"},
		{"", "/home"},
		{"//evil.example", "/home"},
		{"/\t/evil.example", "/home"},
		{"/\n/evil.example", "/home"},
		{"/\r/evil.example", "/home"},
		{"/\x00/evil.example", "/home"},
		{"/\u00a0/evil.example", "/home"},
		{"/\u200b/evil.example", "/home"},
		{"/\\evil.example", "/home"},
		{"\\\\evil.example", "/home"},
		{"https://evil.example/", "/home"},
		{"javascript:alert(1)", "/home"},
		{"/%2F/evil.example", "/home"},
		{"evil.example", "/home"},
		{" /home", "/home"},
	}
	for _, tt := range tests {
		if got := LocalPath(tt.next, "/home"); got != tt.want {
			t.Errorf("LocalPath(%q) = %q, want %q", tt.next, got, tt.want)
		}
	}
}

// Links are made from the configured public address, whatever Host the
// request named.
func TestLinks_FromThePublicAddress(t *testing.T) {
	if got := (Links{Public: "https://heard.example"}).To("/i/token"); got != "https://heard.example/i/token" {
		t.Errorf("link = %q", got)
	}
}
