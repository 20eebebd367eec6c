// Package request finds out what every surface needs to know about one HTTP
// request before anything else runs: its ID (which joins application logs
// to the access log), the client's address and whether it came over TLS.
// It carries them in the request's context; nothing here is identity. It
// also reads typed IDs from the path, the same way for every surface.
package request

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/http"
	"strings"
)

// Info is what is known about a request.
type Info struct {
	ID         string
	ClientAddr string
	// Secure is true over TLS, or behind a trusted proxy that says the
	// client used TLS; cookies then get the Secure flag and __Host- names.
	Secure bool
}

type key struct{}

// With returns ctx carrying info.
func With(ctx context.Context, info Info) context.Context {
	return context.WithValue(ctx, key{}, info)
}

// Links says how links to Heard are made for people to follow.
type Links struct {
	// Public is where people reach Heard ("https://heard.example.org"):
	// never a request's Host header, which the client chooses.
	Public string
	// ShowInvitations: no e-mail goes out, so the one who invites is
	// shown the link to give. With e-mail, the link goes to the invitee's
	// address only, which ties it to whoever reads that mailbox.
	ShowInvitations bool
}

// To is the public address of path.
func (l Links) To(path string) string { return l.Public + path }

// From returns the request's info, or a zero Info outside a request.
func From(ctx context.Context) Info {
	info, _ := ctx.Value(key{}).(Info)
	return info
}

// Options says how far to trust what a proxy in front says.
type Options struct {
	// TrustProxy honours X-Forwarded-For and X-Forwarded-Proto from the one
	// proxy in front of heard. Only set it when heard is reachable through
	// that proxy alone: otherwise clients could claim any address.
	TrustProxy bool
}

// Middleware records the request's Info in its context.
func Middleware(opts Options) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			info := Info{ID: newID(), ClientAddr: remoteHost(r.RemoteAddr), Secure: r.TLS != nil}
			if opts.TrustProxy {
				if fwd := lastForwarded(r.Header.Get("X-Forwarded-For")); fwd != "" {
					info.ClientAddr = fwd
				}
				if strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
					info.Secure = true
				}
			}
			w.Header().Set("X-Request-Id", info.ID)
			next.ServeHTTP(w, r.WithContext(With(r.Context(), info)))
		})
	}
}

func newID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func remoteHost(addr string) string {
	if host, _, err := net.SplitHostPort(addr); err == nil {
		return host
	}
	return addr
}

// lastForwarded returns the address the trusted proxy itself saw: the last
// one in X-Forwarded-For. Earlier ones were written by the client.
func lastForwarded(header string) string {
	parts := strings.Split(header, ",")
	last := strings.TrimSpace(parts[len(parts)-1])
	if net.ParseIP(last) == nil {
		return ""
	}
	return last
}
